"""The ``chitieu`` command with ``batch``, the Prefect path: the console script's entry point.

``chitieu.pipeline.cli`` holds every command that needs no Prefect; this layer adds
the one that runs the ``ingest-folder`` flow, so the pipeline never imports flows.
Prefect itself is imported only when a run has work to do (``--help`` stays instant).
"""
from __future__ import annotations

import os
import time
from contextlib import closing
from pathlib import Path
from typing import Annotated, Optional

import typer
from chitieu.pipeline.cli import (
    DbOption,
    ReextractOption,
    RetryFailedOption,
    TimeoutOption,
    WorkersOption,
    app,
    document_files_or_exit,
    summarise,
    writable_db_or_exit,
)
from chitieu.pipeline.settings import DEFAULT_DB, DEFAULT_TIME_LIMIT, PREFECT_HOME


def _nothing_to_do(files: list[Path], db: Path, retry_failed: bool):
    """The run's summary when every file is known (stored or a known failure), else None: no Prefect needed.

    Reads the database with plain sqlite3 (sqlite-utils loads pandas, seconds for nothing).
    """
    import sqlite3

    from chitieu.pipeline.ingest import Ingester, RunSummary

    if not db.exists():
        return None
    started = time.perf_counter()
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as database:
            outcomes, todo = Ingester(database, retry_failed=retry_failed).triage_all(files)
    except sqlite3.OperationalError:  # an older schema: the flow's run brings it up to date
        return None
    return None if todo else RunSummary(outcomes, time.perf_counter() - started)


@app.command()
def batch(
    folder: Annotated[Path, typer.Argument(help="Folder of plans (any format; read recursively).",
                                           exists=True, file_okay=False)],
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = os.cpu_count() or 1,  # ignored with --dask-address
    timeout: TimeoutOption = DEFAULT_TIME_LIMIT,
    dask_address: Annotated[Optional[str], typer.Option("--dask-address", help="Run the document tasks on this "
                            "Dask scheduler (tcp://host:8786; --workers is then ignored); the database is written here.")] = None,
    reextract: ReextractOption = False,
    retry_failed: RetryFailedOption = False,
) -> None:
    """Ingest a folder with the Prefect flow [bold]ingest-folder[/]: only new or changed documents.

    The same rules as [bold]chitieu ingest[/] (stored bytes skipped, known failures
    skipped and counted), but each document is its own Prefect task, read in a worker
    process that is killed past --timeout (recorded with stage [bold]timeout[/]) while
    the others go on; this process alone writes the database. When every file is
    known, it answers without starting Prefect. Without PREFECT_API_URL a temporary
    Prefect server runs as a child of this command and dies with it. Prefect keeps its
    state in outputs/prefect unless PREFECT_HOME says otherwise. Killing the run loses
    at most the documents in flight: run it again to finish. The exit code is 1 when
    any document failed in this run.
    """
    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True)
    files = document_files_or_exit([folder])
    writable_db_or_exit(db)
    summary = None if reextract else _nothing_to_do(files, db, retry_failed)
    if summary is None:
        # Prefect reads its settings when imported: set them first, and import the flow once the server is up.
        os.environ.setdefault("PREFECT_HOME", str(PREFECT_HOME.resolve()))
        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")  # the summary says what failed
        from chitieu.flows.server import temporary_server

        with temporary_server():
            from chitieu.flows.batch import run_batch

            summary = run_batch(folder, db, workers=workers, time_limit=timeout, dask_address=dask_address,
                                reextract=reextract, retry_failed=retry_failed, progress=console.is_terminal)
    summarise(console, summary, db)


if __name__ == "__main__":
    app()
