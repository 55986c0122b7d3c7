"""``chitieu export --format xlsx|parquet``: one sheet or one Parquet file per item kind."""
import openpyxl
import pandas as pd
from chitieu.pipeline.cli import app
from typer.testing import CliRunner

TABLES = ["documents", "targets", "budgets", "agencies", "deadlines", "checks", "corrections"]


def test_xlsx_has_one_sheet_per_item_kind(seed_db, tmp_path):
    out = tmp_path / "chitieu.xlsx"
    result = CliRunner().invoke(app, ["export", "--db", str(seed_db), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == TABLES
    values = book["targets"].values
    columns = next(values)
    rows = [dict(zip(columns, row)) for row in values]
    soc_trang = [r for r in rows if r["source"] == "001_cab0cee7af72ccf4.txt" and r["national_code"] == "1"]
    assert sorted(r["value"] for r in soc_trang) == [77, 91]


def test_parquet_writes_one_file_per_item_kind(seed_db, tmp_path):
    result = CliRunner().invoke(app, ["export", "--db", str(seed_db), "--format", "parquet", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in tmp_path.glob("*.parquet")) == sorted(TABLES)
    assert len(pd.read_parquet(tmp_path / "documents.parquet")) == 5


def test_a_table_export_without_an_output_says_what_to_give(seed_db):
    result = CliRunner().invoke(app, ["export", "--db", str(seed_db), "--format", "parquet"])
    assert result.exit_code == 2 and "needs -o FOLDER" in result.output
