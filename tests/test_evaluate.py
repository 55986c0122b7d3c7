"""``chitieu evaluate`` gives score.py's figures, to the last line, with and without corrections."""
import json
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from chitieu.flows.cli import app
from chitieu.pipeline.export import document_records
from chitieu.pipeline.store import open_db
from tests.conftest import SHARED

GOLD = SHARED / "gold"
SCORER = SHARED / "eval" / "score.py"
SOC_TRANG = "001_cab0cee7af72ccf4.txt"

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/score.py and ../shared/gold")


def chitieu(*args) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def scored(db, tmp_path, *flags, machine_only=False) -> str:
    """score.py's own output on the database's export (the export undoes corrections for machine_only)."""
    export = tmp_path / "export.jsonl"
    if machine_only:
        export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                  for r in document_records(open_db(db), machine_only=True)), encoding="utf-8")
    else:
        chitieu("export", "--db", db, "-o", export)
    return subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(export), *flags],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture
def corrected_db(seed_db, tmp_path):
    """The seeds with corrections that move the figures: a right value made wrong, a right agency deleted, one added."""
    path = tmp_path / "seeds.db"
    with sqlite3.connect(seed_db) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    for args in (["target", "--quote", "đạt 77% vào năm 2025", "--set", "value=78"],
                 ["agency", "--quote", "Sở Y tế: Chủ trì", "--delete"],
                 ["deadline", "--quote", "Chỉ tiêu 1", "--add", "due=2025-12-31", "--add", "kind=due"]):
        chitieu("correct", SOC_TRANG if args[0] != "agency" else "000_714b8ec56206e567.txt", *args,
                "--by", "test", "--why", "moves the figures", "--db", path)
    return path


def test_the_seeds_score_as_score_py_scores_them(seed_db, tmp_path):
    assert chitieu("evaluate", "--gold", GOLD, "--db", seed_db, "--details") == scored(seed_db, tmp_path, "--details")


def test_corrections_count_as_predictions_and_machine_only_leaves_them_out(corrected_db, seed_db, tmp_path):
    with_corrections = chitieu("evaluate", "--gold", GOLD, "--db", corrected_db, "--details")
    assert with_corrections == scored(corrected_db, tmp_path, "--details")
    assert "HEADLINE 1.000" not in with_corrections
    machine = chitieu("evaluate", "--gold", GOLD, "--db", corrected_db, "--machine-only")
    assert machine == scored(corrected_db, tmp_path, machine_only=True) == scored(seed_db, tmp_path)


def test_a_missing_gold_folder_fails_cleanly(seed_db, tmp_path):
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(tmp_path / "none"), "--db", str(seed_db)])
    assert result.exit_code == 2 and "no such folder" in result.output
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(tmp_path), "--db", str(seed_db)])
    assert result.exit_code == 2 and "no gold files" in result.output
