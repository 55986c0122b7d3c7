"""A temporary Prefect server for one run, as a child process that dies with the run.

    >>> with temporary_server():  # doctest: +SKIP
    ...     from chitieu.flows.batch import run_batch  # Prefect reads PREFECT_API_URL when imported
    ...     run_batch(Path("plans/"), Path("outputs/chitieu.db"))

Without ``PREFECT_API_URL`` Prefect 3.8 starts its own temporary server
(``prefect.server.api.server.SubprocessASGIServer``: a plain ``Popen`` of uvicorn,
stopped by an ``atexit`` hook), which a SIGKILL of the run alone leaves running.
This starts the same uvicorn app itself, with Linux's ``PR_SET_PDEATHSIG`` so the
kernel kills it when the run dies in any way, in a session of its own (a terminal's
Ctrl-C interrupts the run, which still records its end there, then stops it), sets
``PREFECT_API_URL`` to it and stops it when the block ends. With ``PREFECT_API_URL`` already set it does nothing.
This module does not import Prefect itself (it refreshes Prefect's settings when
Prefect is already imported).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from chitieu.pipeline.workers import die_with_parent

STARTUP_LIMIT = 120.0  # seconds; the first start creates Prefect's database


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_healthy(server: subprocess.Popen, api: str) -> None:
    """Return once ``api`` answers; RuntimeError when the server ends or does not answer in time."""
    deadline = time.monotonic() + STARTUP_LIMIT
    while True:
        try:
            urllib.request.urlopen(f"{api}/health", timeout=2).close()
            return
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"the temporary Prefect server ended at start (exit code {server.returncode}); "
                                   "run `prefect server start` to see why, or set PREFECT_API_URL") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"the temporary Prefect server did not answer in {STARTUP_LIMIT:g} s; "
                                   "set PREFECT_API_URL to a running server") from None
            time.sleep(0.1)


def _use_api(api: str | None) -> None:
    """Point Prefect at ``api`` (None: no server), also when Prefect was imported before (it reads settings once)."""
    if api:
        os.environ["PREFECT_API_URL"] = api
    else:
        os.environ.pop("PREFECT_API_URL", None)
    if "prefect.context" in sys.modules:
        sys.modules["prefect.context"].refresh_global_settings_context()


def _drain_prefect() -> None:
    """Send Prefect's queued logs and events while the server is there to take them (else errors at exit)."""
    if "prefect" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()
    EventsWorker.drain_all(timeout=10)


@contextmanager
def temporary_server() -> Iterator[str | None]:
    """Run a Prefect server as a child while the block runs, PREFECT_API_URL pointing at it; yield that URL.

    Yields None and starts nothing when PREFECT_API_URL is already set.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield None
        return
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"],
        env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"},
        stdout=subprocess.DEVNULL, preexec_fn=die_with_parent,
        start_new_session=True,  # Ctrl-C reaches the run only, which still needs the server to record its end
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        _wait_until_healthy(server, api)
        _use_api(api)
        yield api
    finally:
        _drain_prefect()
        _use_api(None)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
