"""Batch runs with the ``ingest-folder`` Prefect flow: incremental, fault-isolated, safe to kill, same on Dask.

One Prefect server is started for the module (its state in a temporary folder) and
every run, in this process or in a child, talks to it.
"""
import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from chitieu.pipeline.cli import app
from conftest import CORPUS
from typer.testing import CliRunner

runner = CliRunner()
SEEDS = sorted(CORPUS.glob("*.txt"))[:3]


@pytest.fixture(scope="module", autouse=True)
def prefect_server(tmp_path_factory):
    """A Prefect server for this module's runs; PREFECT_HOME in a temporary folder, nothing in the user's home."""
    home = tmp_path_factory.mktemp("prefect")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    }
    saved = {key: os.environ.get(key) for key in [*env, "PREFECT_API_URL"]}
    os.environ.update(env)
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
         "--no-services", "--no-ui"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{api}/health", timeout=2)
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, "the Prefect server did not start"
            time.sleep(0.5)
    os.environ["PREFECT_API_URL"] = api
    try:
        yield api
        from prefect.logging.handlers import APILogHandler

        APILogHandler().flush()  # send the last logs while the server is there to take them
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def plans(folder, copies=1):
    """``copies`` versions of each seed plan in ``folder``, with bytes no other test uses (a line added).

    Distinct bytes keep one test's extractions out of another's task cache.
    """
    folder.mkdir(parents=True)
    for n in range(copies):
        for seed in SEEDS:
            copy = f"{seed.read_text(encoding='utf-8')}\n\nBản sao {n} ({folder}).\n"
            (folder / f"{seed.stem}_{n}.txt").write_text(copy, encoding="utf-8")
    return folder


def rows(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def hanging_reader(monkeypatch):
    """A reader that hangs on any file named ``slow.txt``, as on a stuck network share, until the test ends."""
    from chitieu.pipeline import ingest

    release = threading.Event()
    read = ingest.read_document

    def read_document(path):
        if path.name == "slow.txt":
            release.wait(60)
        return read(path)

    monkeypatch.setattr(ingest, "read_document", read_document)
    yield
    release.set()


def test_a_mixed_folder_stores_the_good_and_records_the_bad(tmp_path, hanging_reader):
    folder = plans(tmp_path / "in")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (folder / "slow.txt").write_text("Kế hoạch chậm", encoding="utf-8")
    db = tmp_path / "batch.db"
    batch = ["batch", str(folder), "--db", str(db), "--timeout", "1"]

    result = runner.invoke(app, batch)
    assert result.exit_code == 1, result.output  # some failed
    assert "3 new, 0 skipped, 4 failed" in result.output
    assert rows(db, "select count(*) from documents") == [(3,)]
    failures = {path.rsplit("/", 1)[-1]: (stage, error, message)
                for path, stage, error, message in rows(db, "select path, stage, error_class, message from failures")}
    assert failures["empty.txt"] == ("read", "UnreadableDocument", "the file is empty")
    assert failures["binary.bin"][:2] == ("read", "UnreadableDocument")
    assert "the file is binary" in failures["binary.bin"][2]
    assert "the PDF is damaged" in failures["corrupt.pdf"][2]
    assert failures["slow.txt"][:2] == ("timeout", "DocumentTimedOut")
    assert "took more than 1 s, the per-document limit" in failures["slow.txt"][2]

    # The second run skips what is stored and tries the failures again.
    stored = rows(db, "select sha256, ingested_at from documents")
    result = runner.invoke(app, batch)
    assert result.exit_code == 1
    assert "0 new, 3 skipped, 4 failed" in result.output
    assert rows(db, "select sha256, ingested_at from documents") == stored
    assert len(rows(db, "select * from failures")) == 4
    summary = latest_artifact("ingest-folder-summary")
    assert "| 0 | 3 | 4 |" in summary and "slow.txt" in summary


def latest_artifact(key):
    """The data of the newest Prefect artifact with ``key``, read from the server's REST API."""
    body = json.dumps({"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC", "limit": 1}).encode()
    request = urllib.request.Request(f"{os.environ['PREFECT_API_URL']}/artifacts/filter", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)[0]["data"]


def test_a_second_run_reads_nothing_already_stored(tmp_path):
    from chitieu.flows.batch import run_batch

    folder = plans(tmp_path / "in", copies=4)
    db = tmp_path / "batch.db"

    first = run_batch(folder, db)
    second = run_batch(folder, db)

    assert (len(first.new), first.skipped, first.failed) == (12, 0, [])
    assert (second.new, second.skipped, second.failed) == ([], 12, [])
    assert second.seconds < first.seconds / 5, (first.seconds, second.seconds)  # hashing only


def test_a_killed_run_loses_nothing_and_the_next_one_finishes(tmp_path):
    folder = plans(tmp_path / "in", copies=10)
    db = tmp_path / "batch.db"
    batch = [sys.executable, "-m", "chitieu.pipeline.cli", "batch", str(folder), "--db", str(db), "--workers", "1"]

    run = subprocess.Popen(batch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    while stored < 3:  # kill it once a few documents are in
        assert run.poll() is None, "the run ended before it could be killed"
        time.sleep(0.05)
        try:
            stored = rows(f"file:{db}?mode=ro", "select count(*) from documents")[0][0]
        except sqlite3.OperationalError:  # not created yet
            pass
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert rows(db, "select count(*) from documents")[0][0] < 30

    assert subprocess.run(batch, capture_output=True).returncode == 0
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, "select count(*), count(distinct sha256), count(distinct path) from documents") == [(30, 30, 30)]
    assert rows(db, "select count(*) from documents where id not in (select document_id from sections)") == [(0,)]
    assert rows(db, "select count(*) from failures") == [(0,)]


def test_the_dask_runner_gives_the_same_export_as_local_threads(tmp_path):
    from chitieu.flows.batch import run_batch
    from chitieu.pipeline.export import export_jsonl
    from chitieu.pipeline.store import open_db
    from distributed import LocalCluster

    folder = plans(tmp_path / "in")

    def export(db):
        """Each document's exported record, by source file."""
        out = io.StringIO()
        export_jsonl(open_db(db), out)
        return {record["source"]: record for record in map(json.loads, out.getvalue().splitlines())}

    local = run_batch(folder, tmp_path / "local.db", reextract=True)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = run_batch(folder, tmp_path / "dask.db", dask_address=cluster.scheduler_address, reextract=True)
    assert len(local.new) == len(on_dask.new) == 3 and not local.failed and not on_dask.failed
    on_dask, local = export(tmp_path / "dask.db"), export(tmp_path / "local.db")
    assert on_dask.keys() == local.keys()
    for source, record in local.items():
        for field, value in record.items():
            assert on_dask[source][field] == value, (source, field)
