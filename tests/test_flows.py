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
import time
import urllib.request

import psutil
import pytest
from chitieu.flows.cli import app
from conftest import CORPUS, worker_processes
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


def test_a_slow_document_is_killed_at_its_limit_and_the_others_are_stored(tmp_path, slow_reader):
    folder = plans(tmp_path / "in")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (folder / "slow.txt").write_text("Kế hoạch chậm", encoding="utf-8")
    db = tmp_path / "batch.db"
    batch = ["batch", str(folder), "--db", str(db), "--timeout", "2"]

    result = runner.invoke(app, batch)
    assert result.exit_code == 1, result.output  # some failed
    assert "3 stored, 0 skipped, 0 known failures, 4 failed" in result.output
    assert rows(db, "select count(*) from documents") == [(3,)]
    failures = {path.rsplit("/", 1)[-1]: (stage, error, message)
                for path, stage, error, message in rows(db, "select path, stage, error_class, message from failures")}
    assert failures["empty.txt"] == ("read", "UnreadableDocument", "the file is empty")
    assert failures["binary.bin"][:2] == ("read", "UnreadableDocument")
    assert "the file is binary" in failures["binary.bin"][2]
    assert "the PDF is damaged" in failures["corrupt.pdf"][2]
    assert failures["slow.txt"][:2] == ("timeout", "DocumentTimedOut")
    assert "took more than 2 s, the per-document limit; its worker process was killed" in failures["slow.txt"][2]
    assert worker_processes() == [], [(p.pid, p.name(), p.status()) for p in worker_processes()]  # the slow one killed, the idle ones stopped
    summary = latest_artifact("ingest-folder-summary")
    assert "| 3 | 0 | 0 | 4 |" in summary and "| timeout |" in summary and "slow.txt" in summary

    # The second run skips what is stored and the known failures, without starting the flow.
    stored = rows(db, "select sha256, ingested_at from documents")
    result = runner.invoke(app, batch)
    assert result.exit_code == 0, result.output
    assert "0 stored, 3 skipped, 4 known failures, 0 failed" in result.output
    assert rows(db, "select sha256, ingested_at from documents") == stored
    listed = runner.invoke(app, ["failures", "--db", str(db)], env={"COLUMNS": "300"})
    assert "slow.txt" in listed.output and "timeout" in listed.output

    # --retry-failed tries them again.
    result = runner.invoke(app, [*batch, "--retry-failed"])
    assert result.exit_code == 1
    assert "0 stored, 3 skipped, 0 known failures, 4 failed" in result.output
    assert worker_processes() == []


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

    assert first.line() == "12 stored, 0 skipped, 0 known failures, 0 failed"
    assert second.line() == "0 stored, 12 skipped, 0 known failures, 0 failed"
    assert second.seconds < first.seconds / 5, (first.seconds, second.seconds)  # hashing only


def test_a_killed_run_loses_nothing_and_the_next_one_finishes(tmp_path):
    folder = plans(tmp_path / "in", copies=10)
    db = tmp_path / "batch.db"
    batch = [sys.executable, "-m", "chitieu.flows.cli", "batch", str(folder), "--db", str(db), "--workers", "1"]

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
    assert local.line() == on_dask.line() == "3 stored, 0 skipped, 0 known failures, 0 failed"
    on_dask, local = export(tmp_path / "dask.db"), export(tmp_path / "local.db")
    assert on_dask.keys() == local.keys()
    for source, record in local.items():
        for field, value in record.items():
            assert on_dask[source][field] == value, (source, field)


def command_line(process):
    """The process's command line, or "" once it has ended."""
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


def running(processes):
    """Those of ``processes`` still running (a zombie has ended: only its exit status is left)."""
    def runs(process):
        try:
            return process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    return [process for process in processes if runs(process)]


@pytest.mark.parametrize("kill", ["SIGKILL to the process group", "SIGKILL to chitieu alone", "Ctrl-C"])
def test_a_killed_run_leaves_no_prefect_server_and_no_worker(tmp_path, kill):
    """Without PREFECT_API_URL the run starts its own Prefect server; its end, however, takes it and the workers along."""
    folder = plans(tmp_path / "in", copies=10)
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    run = subprocess.Popen(
        [sys.executable, "-m", "chitieu.flows.cli", "batch", str(folder), "--db", str(tmp_path / "b.db"),
         "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while True:  # until the server answers and a worker reads
        children = psutil.Process(run.pid).children(recursive=True)
        command_lines = " ".join(map(command_line, children))
        if "uvicorn" in command_lines and "chitieu.pipeline.workers" in command_lines:
            break
        assert run.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
        time.sleep(0.2)

    if kill == "SIGKILL to chitieu alone":
        run.kill()
    else:  # a terminal sends Ctrl-C (SIGINT) to the whole foreground process group
        os.killpg(run.pid, signal.SIGINT if kill == "Ctrl-C" else signal.SIGKILL)
    run.wait(60)
    deadline = time.monotonic() + 20
    while running(children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert running(children) == []
