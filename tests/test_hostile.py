"""Hostile but fair inputs and concurrent use (issue 15): limits, encodings, file names, folder walking,
serve beside a writer, two writers, spreadsheet formulas, terminal markup, and every ``--db`` problem.

Linear time on hostile text shapes is measured, not asserted here: ``bench/adversarial.py``
prints seconds per MB for each shape at 1-8 MB (a timed unit test would be flaky on a shared machine).
"""
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import openpyxl
import pytest
from chitieu.pipeline.cli import app
from chitieu.pipeline.export import export_csv, export_xlsx
from chitieu.pipeline.ingest import ingest_paths
from chitieu.pipeline.readers import UnreadableDocument, read_document
from chitieu.pipeline.readers.limits import Limits
from chitieu.pipeline.report import build_report
from chitieu.pipeline.show import render_document
from chitieu.pipeline.store import SCHEMA_VERSION, UnusableDatabase, open_db, open_read
from chitieu.pipeline.tables import csv_safe
from chitieu.pipeline.walk import document_files
from chitieu.pipeline.workers import WARM_UP_PLAN
from rich.console import Console
from typer.testing import CliRunner

from tests.conftest import CORPUS
from tests.test_serve import get, running_server

PLAN = WARM_UP_PLAN  # an invented plan of a few lines that every extractor reads


def plan_bytes(tag: str) -> bytes:
    """The plan with a line of its own, so each copy has its own sha256."""
    return (PLAN + f"Ghi chú {tag}.\n").encode("utf-8")


@contextmanager
def writing(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection that commits and closes (the WAL folded back), so the file is settled afterwards."""
    with closing(sqlite3.connect(path)) as db, db:
        yield db


def chitieu(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chitieu.flows.cli", *args], capture_output=True, cwd=cwd,
                          timeout=600)


@pytest.fixture
def seed_copy(seed_db, tmp_path) -> Path:
    """A copy of the seeds' database that a test may change."""
    copy = tmp_path / "copy.db"
    shutil.copy(seed_db, copy)
    return copy


# Limits: each refusal names the limit (the caller adds the file).

def test_a_docx_that_inflates_past_the_limit_is_refused_before_inflating(tmp_path, monkeypatch):
    import docx

    small = tmp_path / "small.docx"
    document = docx.Document()
    document.add_paragraph(PLAN)
    document.save(small)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr("word/media/padding.bin", bytes(30_000_000))  # 30 MB of zeros in a few KB
    assert bomb.stat().st_size < 200_000
    monkeypatch.setenv("CHITIEU_MAX_DOCX_MB", "10")
    with pytest.raises(UnreadableDocument, match=r"inflates to 3\d MB, over the limit of 10 MB \(CHITIEU_MAX_DOCX_MB\)"):
        read_document(bomb)
    assert read_document(small).reader == "docx"


def test_a_text_past_the_character_limit_is_refused_naming_the_file_and_the_limit(tmp_path, monkeypatch):
    long = tmp_path / "long.txt"
    long.write_bytes(plan_bytes("x" * 2000))
    monkeypatch.setenv("CHITIEU_MAX_CHARS", "1000")
    db = tmp_path / "t.db"
    summary = ingest_paths([long], db)
    ((path, reason),) = summary.failed
    assert path.endswith("long.txt") and "over the limit of 1,000 (CHITIEU_MAX_CHARS)" in reason


@pytest.mark.parametrize("value", ["0", "-3", "lots"])
def test_a_limit_that_is_not_a_positive_number_is_refused_naming_the_variable(value):
    with pytest.raises(ValueError, match="CHITIEU_MAX_CHARS"):
        Limits.from_env({"CHITIEU_MAX_CHARS": value})


# Encodings: damaged UTF-8 stays UTF-8, with a warning stored on the document.

def test_utf8_with_a_stray_byte_and_three_vni_bytes_is_read_as_utf8_with_a_warning(tmp_path):
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(plan_bytes("x").replace("2024 - 2025".encode(), b"2024 \x96 2025")
                        .replace("Ghi chú".encode(), b"Ghi \xf1\xf6\xf4"))
    db = tmp_path / "t.db"
    assert not ingest_paths([damaged], db).failed
    row = sqlite3.connect(db).execute("select encoding, warnings, province, number, title from documents").fetchone()
    encoding, warnings, province, number, title = row
    assert (encoding, province, number) == ("utf-8", "Hà Nam", "1/KH-UBND")
    assert "Chăm sóc trẻ em" in title and "Ă" not in title
    assert "not valid UTF-8 replaced by U+FFFD" in json.loads(warnings)[0]


# File names.

def test_any_file_name_is_stored_escaped_and_the_files_after_it_are_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = [os.fsdecode(b"k\xe9-ho\xe1ch.txt"), "it's \"quoted\".txt", "$(touch pwned).txt", "z-good.txt"]
    for i, name in enumerate(names):
        (folder / name).write_bytes(plan_bytes(str(i)))
    db = tmp_path / "t.db"
    done = chitieu("ingest", str(folder), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr and not (tmp_path / "pwned").exists()
    sources = {s for (s,) in sqlite3.connect(db).execute("select source from documents")}
    assert sources == {"k\\xe9-ho\\xe1ch.txt", "it's \"quoted\".txt", "$(touch pwned).txt", "z-good.txt"}


# Folder walking.

@pytest.fixture
def walked(tmp_path, monkeypatch):
    """A folder holding a plan and every kind of thing a walk must skip; (root, outside file)."""
    root, outside = tmp_path / "root", tmp_path / "outside.txt"
    (root / "sub").mkdir(parents=True)
    (root / "locked").mkdir()
    (root / "plan.txt").write_bytes(plan_bytes("1"))
    outside.write_bytes(plan_bytes("2"))
    (root / "sub" / "up").symlink_to(root)                 # a loop back to the root
    (root / "self").symlink_to(root / "self")              # a link to itself
    (root / "dangling").symlink_to(root / "gone.txt")
    (root / "out.txt").symlink_to(outside)
    (root / "inside.txt").symlink_to(root / "plan.txt")    # stays in the folder: followed
    os.mkfifo(root / "pipe")
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: _refuse(path) if Path(path).name == "locked" else real_scandir(path))
    return root, outside


def _refuse(path):
    raise PermissionError(13, "Permission denied", str(path))


def test_folder_walking_names_what_it_skips_and_stays_in_the_folder(walked):
    root, _ = walked
    skipped = {}
    files = document_files([root], on_skip=lambda path, why: skipped.setdefault(path.relative_to(root).as_posix(), why))
    assert [f.name for f in files] == ["inside.txt", "plan.txt"]
    assert skipped.keys() == {"sub/up", "self", "dangling", "out.txt", "pipe", "locked"}
    assert "loop" in skipped["sub/up"] and "loops" in skipped["self"] and "to nothing" in skipped["dangling"]
    assert "out of the folder" in skipped["out.txt"] and "--follow-links" in skipped["out.txt"]
    assert "FIFO" in skipped["pipe"] and "Permission denied" in skipped["locked"]


def test_follow_links_follows_a_link_out_of_the_folder(walked):
    root, _ = walked
    files = document_files([root], follow_links=True)
    assert [f.name for f in files] == ["inside.txt", "out.txt", "plan.txt"]


def test_ingest_prints_each_skipped_path_before_saying_there_is_nothing_to_read(tmp_path):
    (tmp_path / "only").mkdir()
    os.mkfifo(tmp_path / "only" / "pipe")
    (tmp_path / "only" / "dangling").symlink_to(tmp_path / "gone")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "only"), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2
    assert "skipped" in result.output and "FIFO" in result.output and "to nothing" in result.output
    assert "no files under" in result.output


# serve beside a writer; its time limit; POST.

def test_serve_answers_every_page_with_fresh_counts_while_an_ingest_writes(seed_copy, tmp_path):
    more = tmp_path / "more"
    more.mkdir()
    for i in range(6):
        (more / f"plan-{i}.txt").write_bytes(plan_bytes(f"copy {i}"))
    with running_server(seed_copy, tmp_path / "serve.log") as url:
        count_sql = f"{url}/chitieu.json?" + urllib.parse.urlencode(
            {"sql": "select count(*) as n from documents", "_shape": "array"})
        ingest = subprocess.Popen([sys.executable, "-m", "chitieu.flows.cli", "ingest", str(more),
                                   "--db", str(seed_copy)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        statuses, counts = [], []
        while ingest.poll() is None:
            for page in ["/chitieu/documents.json?_shape=array", "/chitieu/targets", "/chitieu/search?q=tre+em"]:
                statuses.append(get(url + page)[0])
            status, body = get(count_sql)
            statuses.append(status)
            counts.append(json.loads(body)[0]["n"] if status == 200 else None)
        assert ingest.returncode == 0, ingest.stderr.read().decode()
        assert set(statuses) == {200}
        stored = sqlite3.connect(seed_copy).execute("select count(*) from documents").fetchone()[0]
        assert json.loads(get(count_sql)[1])[0]["n"] == stored == 5 + 6
        table = json.loads(get(f"{url}/chitieu/documents.json?_size=1")[1])
        assert table["filtered_table_rows_count"] == stored
        assert counts == sorted(counts)  # never a count going back


def test_serve_stops_a_huge_value_and_refuses_a_post(seed_copy, tmp_path):
    with running_server(seed_copy, tmp_path / "serve.log") as url:
        status, body = get(f"{url}/chitieu.json?" + urllib.parse.urlencode(
            {"sql": "select length(fold(zeroblob(400000000))) as n"}))
        assert status == 400 and "too big" in body
        assert json.loads(get(f"{url}/chitieu.json?" + urllib.parse.urlencode(
            {"sql": "select fold('Trẻ Em') as f", "_shape": "array"}))[1]) == [{"f": "tre em"}]
        post = urllib.request.Request(f"{url}/chitieu/search", data=b"q=tre+em", method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(post, timeout=20)
        assert refused.value.code == 405


# Two writers.

def test_two_ingests_into_one_new_database_both_finish(tmp_path):
    folders = []
    for name in "ab":
        folder = tmp_path / name
        folder.mkdir()
        for i, plan in enumerate(sorted(CORPUS.iterdir())):  # real plans: transactions long enough to meet
            (folder / f"{name}{i}.txt").write_bytes(plan.read_bytes() + f"\n{name}\n".encode())
        folders.append(folder)
    db = tmp_path / "shared.db"
    runs = [subprocess.Popen([sys.executable, "-m", "chitieu.flows.cli", "ingest", str(folder), "--db", str(db)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for folder in folders]
    errors = [run.communicate(timeout=600)[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0] == 2 * len(list(CORPUS.iterdir()))


# Spreadsheets run formulas; terminals obey markup and escape codes.

FORMULA = '=HYPERLINK("http://attacker.example","xem")'


@pytest.fixture
def formula_db(seed_copy) -> Path:
    with writing(seed_copy) as db:
        db.execute("update targets set quote = ? where id = (select min(id) from targets)", [FORMULA])
        db.execute("update budgets set quote = ? where id = (select min(id) from budgets)", ["@SUM(1+1)"])
    return seed_copy


def _cells(path: Path) -> list:
    return [cell for sheet in openpyxl.load_workbook(path) for row in sheet.iter_rows() for cell in row]


def test_xlsx_export_and_report_store_texts_as_strings_never_formulas(formula_db, tmp_path):
    export_xlsx(open_read(formula_db), tmp_path / "out.xlsx")
    _, report = build_report(open_read(formula_db), tmp_path / "report")
    for workbook in [tmp_path / "out.xlsx", report]:
        cells = _cells(workbook)
        assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == FORMULA and c.data_type == "s" for c in _cells(tmp_path / "out.xlsx"))
    assert any(c.value == "@SUM(1+1)" and c.data_type == "s" for c in _cells(report))


def test_csv_export_neutralises_cells_that_start_like_a_formula(formula_db, tmp_path):
    export_csv(open_read(formula_db), tmp_path / "csv")
    assert "'" + FORMULA.replace('"', '""') in (tmp_path / "csv" / "targets.csv").read_text(encoding="utf-8")
    assert "'@SUM(1+1)" in (tmp_path / "csv" / "budgets.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+84 912", "'+84 912"), ("- Tỷ lệ trẻ em", "'- Tỷ lệ trẻ em"), ("@A1", "'@A1"),
    ("\tx", "'\tx"), ("Sở Y tế", "Sở Y tế"), ("", ""), (-5.0, -5.0), (None, None),
])
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


def test_show_prints_document_text_as_written(seed_copy):
    title = "[/] [b]đậm[/b] [link=http://attacker.example]bấm[/link] [ghi chú]\x1b[2J\x07"
    with writing(seed_copy) as db:
        db.execute("update documents set title = ?, source = ? where id = 1", [title, "[red]tệp[/].txt"])
        db.execute("update sections set heading = ? where document_id = 1", ["[/] \x1b]8;;http://x\x1b\\"])
    out = io.StringIO()
    database = open_read(seed_copy)
    render_document(database, next(database["documents"].rows_where("id = 1")),
                    Console(file=out, width=300, force_terminal=True, color_system=None))
    shown = out.getvalue()
    assert "[/] [b]đậm[/b] [link=http://attacker.example]bấm[/link] [ghi chú][2J" in shown
    assert "[red]tệp[/].txt" in shown
    assert "\x1b]8" not in shown and "\x1b[2J" not in shown and "\x07" not in shown


# --db problems: one line, no traceback, nothing written.

READ_COMMANDS = [["export"], ["show", "1"], ["compare", "-i", "1"], ["align", "--all"], ["failures"],
                 ["report", "--out", "{tmp}/report"], ["serve", "--port", "1"]]


def _foreign(path: Path) -> None:
    with writing(path) as db:
        db.execute("create table notes (body text)")


def _chitieu_schema(version: int):
    def make(path: Path) -> None:
        open_db(path).close()
        with writing(path) as db:
            db.execute("update meta set value = ? where key = 'schema_version'", [str(version)])
    return make


DB_PROBLEMS = {
    "missing": (lambda path: None, "no such database"),
    "folder": (lambda path: path.mkdir(), "a folder, not a database file"),
    "not sqlite": (lambda path: path.write_bytes(b"PK\x03\x04 not a database" * 100), "not an SQLite database"),
    "another application's": (_foreign, "not a chitieu database (no meta table); left as it was"),
    "newer": (_chitieu_schema(SCHEMA_VERSION + 1), "made by a newer chitieu"),
    "older": (_chitieu_schema(SCHEMA_VERSION - 1), "made by an older chitieu"),
}


def _snapshot(path: Path) -> str | None:
    """The bytes of ``path`` and whatever SQLite keeps beside it, hashed; None when there is nothing."""
    parts = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.is_file()]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts)).hexdigest() if parts else None


@pytest.mark.parametrize("problem", DB_PROBLEMS)
@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_refuse_an_unusable_database_in_one_line_and_write_nothing(tmp_path, problem, command):
    make, message = DB_PROBLEMS[problem]
    db = tmp_path / "x.db"
    make(db)
    before = _snapshot(db)
    result = CliRunner().invoke(app, [*(part.format(tmp=tmp_path) for part in command), "--db", str(db)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert message in result.output and len(result.output.strip().splitlines()) == 1, result.output
    assert _snapshot(db) == before  # the header too: a switch to WAL would show


@pytest.mark.parametrize("problem", ["folder", "not sqlite", "another application's", "newer"])
def test_ingest_refuses_an_unusable_database_before_reading_a_file(tmp_path, problem):
    make, message = DB_PROBLEMS[problem]
    db = tmp_path / "x.db"
    make(db)
    before = _snapshot(db)
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 2 and message in result.output and len(result.output.strip().splitlines()) == 1
    assert _snapshot(db) == before


def test_ingest_brings_an_older_schema_up_to_date(tmp_path):
    db = tmp_path / "old.db"
    _chitieu_schema(SCHEMA_VERSION - 1)(db)
    open_db(db).close()
    assert open_read(db).execute("select value from meta where key = 'schema_version'").fetchone() == (
        str(SCHEMA_VERSION),)


def test_read_commands_leave_a_database_as_it_was(seed_copy):
    with writing(seed_copy) as db:
        db.execute("pragma journal_mode = delete")
    before = _snapshot(seed_copy)
    for command in (["export"], ["show", "1"], ["failures"]):
        assert CliRunner().invoke(app, [*command, "--db", str(seed_copy)]).exit_code == 0
    assert _snapshot(seed_copy) == before
    assert sqlite3.connect(seed_copy).execute("pragma journal_mode").fetchone() == ("delete",)


def test_a_database_on_read_only_storage_is_read_immutable(seed_copy, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    assert open_read(seed_copy).execute("select count(*) from documents").fetchone() == (5,)


def test_the_writer_refuses_a_folder_in_one_line(tmp_path):
    with pytest.raises(UnusableDatabase, match="a folder, not a database file"):
        open_db(tmp_path)
