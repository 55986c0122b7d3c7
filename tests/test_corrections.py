"""Corrections: made on a seed, kept through re-extraction, orphaned (never misapplied) when their quote is gone."""
import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chitieu.flows.cli import app
from chitieu.models.document import Document
from chitieu.models.items import Extraction, Metadata, Target
from chitieu.pipeline import ingest
from chitieu.pipeline.compare import compare_indicator, comparison_table
from chitieu.pipeline.corrections import CorrectionError, correct, list_corrections
from chitieu.pipeline.export import document_records, export_csv
from chitieu.pipeline.show import find_document
from chitieu.pipeline.store import open_db, store_extraction
from tests.conftest import CORPUS

SOC_TRANG = "001_cab0cee7af72ccf4.txt"  # Chỉ tiêu 1: ... đạt 77% vào năm 2025 và 91% vào năm 2030
THAI_BINH = "000_714b8ec56206e567.txt"  # ... Đài Phát thanh và Truyền hình tỉnh, Báo Thái Bình ...


@pytest.fixture
def db_path(seed_db, tmp_path):
    """A copy of the ingested seeds that a test may correct."""
    path = tmp_path / "seeds.db"
    with sqlite3.connect(seed_db) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def record(db_path: Path, source: str, machine_only: bool = False) -> dict:
    return next(r for r in document_records(open_db(db_path), machine_only) if r["source"] == source)


def correct_both(db_path: Path) -> None:
    """The two corrections of the issue: a target's value, a spurious agency (Báo Thái Bình, a newspaper)."""
    run("correct", SOC_TRANG, "target", "--quote", "đạt 77% vào năm 2025", "--set", "value=78",
        "--by", "Lan", "--why", "the signed copy says 78%", "--db", db_path)
    run("correct", THAI_BINH, "agency", "--quote", "Báo Thái Bình", "--delete",
        "--by", "Minh", "--why", "a newspaper is informed, not assigned", "--db", db_path)


def assert_both_carried(db_path: Path) -> None:
    target = next(t for t in record(db_path, SOC_TRANG)["targets"] if t["year"] == 2025 and t["code"] == "1")
    assert target["value"] == 78.0
    assert target["corrected"]["by"] == "Lan" and target["corrected"]["why"] == "the signed copy says 78%"
    assert target["corrected"]["machine"] == {"value": 77.0}
    thai_binh = record(db_path, THAI_BINH)
    assert "Báo Thái Bình" not in [a["name"] for a in thai_binh["agencies"]]
    deletion = thai_binh["corrections"][0]
    assert (deletion["action"], deletion["by"], deletion["status"]) == ("delete", "Minh", "applied")
    assert deletion["old"]["name"] == "Báo Thái Bình"


@pytest.mark.parametrize("rerun", ["reextract", "new extractor version"])
def test_corrections_survive_re_extraction_marked_with_who_and_why(db_path, monkeypatch, rerun):
    correct_both(db_path)
    assert_both_carried(db_path)
    if rerun == "new extractor version":
        monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", "99.0.0")
    summary = ingest.ingest_paths([CORPUS], db_path, reextract=rerun == "reextract")
    assert len(summary.paths("stored")) == 5
    assert_both_carried(db_path)
    assert [c["status"] for c in list_corrections(open_db(db_path))] == ["applied", "applied"]


def test_machine_only_gives_back_what_the_extractor_said(db_path):
    correct_both(db_path)
    target = next(t for t in record(db_path, SOC_TRANG, machine_only=True)["targets"] if t["year"] == 2025
                  and t["code"] == "1")
    assert target["value"] == 77.0
    assert "Báo Thái Bình" in [a["name"] for a in record(db_path, THAI_BINH, machine_only=True)["agencies"]]


def test_every_flat_export_carries_the_marks(db_path, tmp_path):
    correct_both(db_path)
    export_csv(open_db(db_path), tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        targets = list(csv.DictReader(io.StringIO(archive.read("targets.csv").decode())))
        corrections = list(csv.DictReader(io.StringIO(archive.read("corrections.csv").decode())))
    marked = [t for t in targets if t["corrected"]]
    assert len(marked) == 1 and json.loads(marked[0]["corrected"])["machine"] == {"value": 77.0}
    assert sorted(c["action"] for c in corrections) == ["delete", "set"]
    run("export", "--db", db_path, "--format", "parquet", "-o", tmp_path / "parquet")
    import pandas as pd

    assert pd.read_parquet(tmp_path / "parquet" / "targets.parquet")["corrected"].notna().sum() == 1
    run("export", "--db", db_path, "--format", "xlsx", "-o", tmp_path / "out.xlsx")
    sheets = pd.read_excel(tmp_path / "out.xlsx", sheet_name=None)
    assert sheets["targets"]["corrected"].notna().sum() == 1 and len(sheets["corrections"]) == 2


def test_shows_and_lists_the_correction(db_path):
    correct_both(db_path)
    shown = run("show", SOC_TRANG, "--db", db_path)
    assert "corrected by Lan" in " ".join(shown.split()) and "value=77.0" in shown
    listed = run("corrections", "--db", db_path, "--format", "csv")
    assert listed.count("applied") == 2 and "Minh" in listed


@pytest.mark.parametrize("args, message", [
    (["--quote", "đạt 77% vào năm 2025 và 91%", "--set", "value=1"], "2 target items overlap"),
    (["--quote", "không có trong văn bản", "--set", "value=1"], "does not occur"),
    (["--quote", "đạt 77%", "--where", "value=50", "--set", "value=1"], "no target"),
    (["--quote", "đạt 77%", "--set", "colour=red"], "has no field 'colour'"),
    (["--quote", "đạt 77%", "--set", "value=abc"], "not a number"),
    (["--quote", "đạt 77%"], "give one of"),
    (["--quote", "đạt 77%", "--set", "value=1", "--delete"], "give one of"),
    (["--quote", "đạt 77%", "--set", "value=1", "--add", "value=2"], "give one of"),
    (["--quote", "đạt 77%", "--add", "unit=%"], "an added target needs --add value="),
])
def test_a_correction_that_does_not_single_out_one_item_fails_with_the_reason(db_path, args, message):
    result = CliRunner().invoke(app, ["correct", SOC_TRANG, "target", *args, "--by", "Lan", "--why", "x",
                                      "--db", str(db_path)])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert list_corrections(open_db(db_path)) == []


def test_an_ambiguous_selection_lists_the_candidates_and_where_narrows_it(db_path):
    result = CliRunner().invoke(app, ["correct", SOC_TRANG, "target", "--quote", "đạt 77% vào năm 2025 và 91%",
                                      "--set", "comparator=>", "--by", "Lan", "--why", "x", "--db", str(db_path)])
    assert "value=77.0" in result.output and "value=91.0" in result.output
    run("correct", SOC_TRANG, "target", "--quote", "đạt 77% vào năm 2025 và 91%", "--where", "year=2030",
        "--set", "comparator=>", "--by", "Lan", "--why", "x", "--db", db_path)
    assert [t["comparator"] for t in record(db_path, SOC_TRANG)["targets"] if t["code"] == "1"] == [">=", ">"]


def test_by_and_why_are_required(db_path):
    db = open_db(db_path)
    with pytest.raises(CorrectionError, match="--by and --why"):
        correct(db, find_document(db, SOC_TRANG), "target", "đạt 77%", by=" ", why="", new={"value": 1.0})


def test_an_added_item_is_marked_as_added_by_hand(db_path):
    run("correct", THAI_BINH, "agency", "--quote", "Viện Kiểm sát nhân dân tỉnh", "--add",
        "name=Viện Kiểm sát nhân dân tỉnh", "--add", "role=support", "--by", "Lan", "--why", "x", "--db", db_path)
    added = [a for a in record(db_path, THAI_BINH)["agencies"] if a["corrected"]]
    assert [(a["name"], a["role"], a["corrected"]["machine"]) for a in added] == [
        ("Viện Kiểm sát nhân dân tỉnh", "support", None)]
    assert not any(a["corrected"] for a in record(db_path, THAI_BINH, machine_only=True)["agencies"])


# The same bytes read again into another text (a new reader, a new normaliser): the correction follows its quote.
PLAN = "KẾ HOẠCH\nI. MỤC TIÊU\n{before}Tỷ lệ trẻ em được tiêm chủng đạt 95% vào năm 2025.\n"


def stored(db, text: str) -> dict:
    doc = Document("plan.txt", "ab" * 32, text)
    at = text.index("95%")
    target = Target(**doc.origin(at, at + 3), value=95.0, year=2025, raw="đạt 95%")
    store_extraction(db, Extraction(doc, Metadata(), targets=[target]), "plan.txt", "test")
    return find_document(db, "plan.txt")


def test_a_correction_follows_its_quote_when_the_text_moves(tmp_path):
    db = open_db(tmp_path / "c.db")
    correct(db, stored(db, PLAN.format(before="")), "target", "tiêm chủng đạt 95%", by="Lan", why="x",
            new={"value": 96.0})
    stored(db, PLAN.format(before="Một câu mới ở đầu mục.\n"))
    (target,) = db["targets"].rows
    assert target["value"] == 96.0 and target["correction_id"] == 1
    assert list_corrections(db)[0]["status"] == "applied"


def test_a_correction_whose_quote_is_gone_is_listed_as_orphaned_and_applied_to_nothing(tmp_path):
    db = open_db(tmp_path / "c.db")
    correct(db, stored(db, PLAN.format(before="")), "target", "tiêm chủng đạt 95%", by="Lan", why="x",
            new={"value": 96.0})
    stored(db, PLAN.format(before="").replace("tiêm chủng", "uống vắc xin"))
    (target,) = db["targets"].rows
    assert target["value"] == 95.0 and target["correction_id"] is None
    (correction,) = list_corrections(db)
    assert correction["status"] == "orphaned" and "no longer in the text" in correction["note"]
    listed = run("corrections", "--db", tmp_path / "c.db", "--format", "csv")
    assert "orphaned" in listed
    assert run("review", "--db", tmp_path / "c.db", "--format", "json").count("orphaned correction") == 1


def test_metadata_is_corrected_with_set_and_marked(db_path):
    run("correct", SOC_TRANG, "metadata", "--quote", "KẾ HOẠCH", "--set", "number=12/KH-UBND",
        "--by", "Lan", "--why", "the number is stamped on the signed copy", "--db", db_path)
    corrected = record(db_path, SOC_TRANG)
    assert corrected["metadata"]["number"] == "12/KH-UBND"
    assert corrected["metadata_corrected"]["machine"] == {"number": None}
    assert record(db_path, SOC_TRANG, machine_only=True)["metadata"]["number"] is None
    ingest.ingest_paths([CORPUS], db_path, reextract=True)
    assert record(db_path, SOC_TRANG)["metadata"]["number"] == "12/KH-UBND"


def test_compare_align_and_report_show_the_corrected_value_beside_the_machine_one(db_path, tmp_path):
    correct_both(db_path)
    mark = "✎ (machine: >= 77%)"
    table = comparison_table(compare_indicator(open_db(db_path), "1", 2025))
    assert ">= 78% " + mark in [row["value"] for row in table]
    assert '"{""value"": 77.0}"' in run("compare", "--indicator", "1", "--year", "2025", "--format", "csv",
                                         "--db", db_path)
    assert ">= 78% " + mark in run("align", SOC_TRANG, "--format", "csv", "--db", db_path)
    run("report", "--out", tmp_path / "report", "--db", db_path)
    index = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "✎ (machine: &gt;= 77%)" in index and 'href="documents/' in index
    page = next(p for p in (tmp_path / "report" / "documents").glob("*.html") if "(machine: 77.0)" in p.read_text())
    assert "✎ corrected" in page.read_text(encoding="utf-8")
