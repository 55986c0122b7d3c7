"""Ingesting files and folders: replace-not-duplicate, bad files reported, nothing half-written."""
import json
import subprocess
import sys

import pytest
from chitieu.pipeline.cli import app
from chitieu.pipeline.ingest import ingest_paths
from chitieu.pipeline.store import open_db
from conftest import CORPUS
from typer.testing import CliRunner

runner = CliRunner()
TABLES = ["documents", "sections", "targets", "budgets", "agencies", "deadlines", "references", "checks"]


def counts(db_path):
    db = open_db(db_path)
    return {t: db[t].count for t in TABLES}


def test_ingesting_twice_leaves_the_same_rows(tmp_path, seed_db):
    db = tmp_path / "twice.db"
    ingest_paths([CORPUS], db)
    first = counts(db)
    ingest_paths([CORPUS], db)
    assert counts(db) == first
    assert first["documents"] == len(list(CORPUS.glob("*.txt")))
    assert first["sections"] > 0


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((CORPUS / "004_cf0750719f5abe72.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "legacy.txt").write_bytes("Céng hßa x· héi chñ nghÜa ViÖt Nam vµ cña ®Õn n¨m 2021".encode("cp1252"))
    return folder


def test_bad_files_are_named_and_the_good_go_in(tmp_path, mixed_folder):
    db = tmp_path / "mixed.db"
    result = runner.invoke(app, ["ingest", str(mixed_folder), "--db", str(db)])
    assert result.exit_code == 1  # some failed
    out = result.output
    assert "empty.txt: the file is empty" in out
    assert "binary.txt: the file is binary" in out
    assert "legacy.txt: the text is in the legacy TCVN3 (ABC) encoding" in out
    assert counts(db)["documents"] == 1
    failures = {row["path"].rsplit("/", 1)[-1]: row for row in open_db(db)["failures"].rows}
    assert set(failures) == {"empty.txt", "binary.txt", "legacy.txt"}
    assert failures["legacy.txt"]["stage"] == "read"


def test_ingest_is_incremental_and_failures_stay_failed(tmp_path, mixed_folder):
    db = tmp_path / "incremental.db"
    ingest = ["ingest", str(mixed_folder), "--db", str(db), "--workers", "1"]  # one worker process starts faster
    assert "1 stored, 0 skipped, 0 known failures, 3 failed" in runner.invoke(app, ingest).output

    # Same bytes, same extractor version: the stored one is skipped, the failed ones are known failures.
    again = runner.invoke(app, ingest)
    assert again.exit_code == 0, again.output
    assert "0 stored, 1 skipped, 3 known failures, 0 failed" in again.output
    listed = runner.invoke(app, ["failures", "--db", str(db)], env={"COLUMNS": "300"})
    assert "legacy.txt" in listed.output and "the file is empty" in listed.output

    retried = runner.invoke(app, [*ingest, "--retry-failed"])
    assert retried.exit_code == 1
    assert "0 stored, 1 skipped, 0 known failures, 3 failed" in retried.output

    # New bytes under a failed name are tried again; --reextract reads everything again.
    (mixed_folder / "empty.txt").write_bytes((CORPUS / "001_cab0cee7af72ccf4.txt").read_bytes())
    assert "1 stored, 1 skipped, 2 known failures, 0 failed" in runner.invoke(app, ingest).output
    forced = runner.invoke(app, [*ingest, "--reextract"])
    assert "2 stored, 0 skipped, 0 known failures, 2 failed" in forced.output
    assert counts(db)["documents"] == 2


def test_a_failure_while_storing_leaves_no_half_document(tmp_path, monkeypatch):
    from chitieu.pipeline import store

    db = tmp_path / "atomic.db"
    ingest_paths([CORPUS / "000_714b8ec56206e567.txt"], db)
    before = counts(db)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_item_values", broken)
    report = ingest_paths([CORPUS / "001_cab0cee7af72ccf4.txt"], db)
    assert report.failed and "disk full" in report.failed[0][1]
    assert counts(db) == before


def test_missing_path_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_export_jsonl_has_the_contract_shape(tmp_path, seed_db):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["export", "--db", str(seed_db), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    for record in records:
        assert set(record) >= {"source", "sha256", "metadata", "targets", "budgets", "agencies", "deadlines"}
        for kind in ("targets", "budgets", "agencies", "deadlines"):
            for item in record[kind]:
                start, end = item["span"]
                assert 0 <= start < end
                assert item["quote"]
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_export_csv_zip(tmp_path, seed_db):
    import zipfile

    out = tmp_path / "out.zip"
    result = runner.invoke(app, ["export", "--db", str(seed_db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = zipfile.ZipFile(out).namelist()
    assert {"documents.csv", "targets.csv", "budgets.csv", "agencies.csv", "deadlines.csv"} <= set(names)


def test_export_of_a_missing_database_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2
    assert "chitieu ingest" in result.output


def test_show_prints_metadata_sections_and_quotes(seed_db):
    result = runner.invoke(app, ["show", "001_cab0cee7af72ccf4.txt", "--db", str(seed_db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Sóc Trăng" in result.output
    assert "TỔ CHỨC THỰC HIỆN" in result.output


def test_show_unknown_document(seed_db):
    result = runner.invoke(app, ["show", "nothing-like-this", "--db", str(seed_db)])
    assert result.exit_code == 2
    assert "no document" in result.output


def test_the_writer_opens_its_database_without_pandas_which_stays_importable(tmp_path):
    script = (f"import sys; from chitieu.pipeline.store import open_db; open_db({str(tmp_path / 'a.db')!r}); "
              "print('pandas' in sys.modules, 'numpy' in sys.modules); import pandas; print(pandas.DataFrame().shape)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["False False", "(0, 0)"]
