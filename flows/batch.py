"""The ``ingest-folder`` flow: a folder of plans into the database, incrementally, one task per document.

    >>> from chitieu.flows.batch import run_batch
    >>> summary = run_batch(Path("plans/"), Path("outputs/chitieu.db"))  # doctest: +SKIP
    >>> summary.line()  # doctest: +SKIP
    '1 stored, 311 skipped, 2 known failures, 1 failed'

What it does, in order, with ``chitieu.pipeline.ingest.Ingester.run`` (the same loop
as ``chitieu ingest``, which gives it worker processes where this flow gives it tasks):

1. triage every file: skip those whose bytes (sha256) are stored by the current
   ``EXTRACTOR_VERSION`` (and repeats of the same bytes), and count those whose
   bytes already failed with it as known failures;
2. submit one task per remaining document: read and extract it in a worker
   process (``chitieu.pipeline.workers``), killed past the time limit; retried
   when the failure is transient; cached on (sha256, extractor version) so a
   killed run or a fresh database reuses extractions already made;
3. store each extraction as it arrives, here (the only writer), one transaction
   per document, or record why it failed (stage and reason) in ``failures``;
4. publish the run's summary as the Markdown artifact ``ingest-folder-summary``.

The tasks run on threads here (``run_batch(workers=N)``), each waiting on its
worker process, or on a Dask cluster (``run_batch(dask_address="tcp://scheduler:8786")``);
writing always happens here. Prefect is imported only in this package: set
``PREFECT_HOME`` / ``PREFECT_API_URL`` (or enter ``flows.server.temporary_server``) first.
"""
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from chitieu.models.items import Extraction
from chitieu.pipeline.ingest import (
    EXTRACTOR_VERSION,
    Ingester,
    RunSummary,
    document_files,
    progress_bar,
)
from chitieu.pipeline.settings import DEFAULT_TIME_LIMIT
from chitieu.pipeline.store import open_db
from chitieu.pipeline.workers import StageFailed, close_workers, extract_in_worker
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner


def _content_key(context: object, parameters: dict) -> str | None:
    """Cache key of an extraction: the file's bytes and the extractor version, never its path."""
    sha256 = parameters["sha256"]
    return f"{sha256}-{EXTRACTOR_VERSION}" if sha256 else None


def _is_transient(task: object, task_run: object, state) -> bool:
    """Retry a document only when trying again may work (``StageFailed.transient``)."""
    try:
        state.result()
    except StageFailed as failed:
        return failed.transient
    except Exception:  # noqa: BLE001 - a timeout or a bug: trying again would only repeat it
        return False
    return False


@task(
    name="read-and-extract",
    task_run_name="{path.name}",
    cache_key_fn=_content_key,
    cache_expiration=timedelta(days=30),
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=_is_transient,
)
def extract_document(path: Path, sha256: str | None, time_limit: float) -> Extraction:
    """One document's task: read and extract it in a worker process, killed after ``time_limit`` seconds."""
    return extract_in_worker(path, time_limit)


def _extract_in_tasks(todo: dict[Path, str | None], time_limit: float, reextract: bool
                      ) -> Iterator[tuple[Path, Extraction | BaseException]]:
    """One document task per file, each file with its result (or error) as its task ends."""
    extract = extract_document.with_options(refresh_cache=True) if reextract else extract_document
    futures = {extract.submit(path, sha256, time_limit): path for path, sha256 in todo.items()}
    try:
        for future in as_completed(list(futures)):
            try:
                result = future.result(raise_on_failure=False)
            except Exception as exc:  # noqa: BLE001 - e.g. a Dask worker lost with the document
                result = exc
            yield futures.pop(future), result
    finally:
        close_workers()  # this run's worker processes (here; a Dask worker's end with it)


@flow(name="ingest-folder", description="Ingest a folder of plans: new documents only, one task per document.")
def ingest_folder(
    folder: Path,
    db: Path = Path("outputs/chitieu.db"),
    time_limit: float = DEFAULT_TIME_LIMIT,
    reextract: bool = False,
    retry_failed: bool = False,
    progress: bool = False,
) -> RunSummary:
    """Ingest every document under ``folder`` into ``db`` that needs it; see the module's docstring.

    ``reextract`` re-reads every document, ignoring the database and the task cache;
    ``retry_failed`` tries known failures again; ``progress`` draws a progress bar on standard error.
    """
    database = open_db(db)
    files = document_files([folder])
    with progress_bar(len(files), progress) as on_outcome:
        summary = Ingester(database, reextract, retry_failed).run(
            files, lambda todo: _extract_in_tasks(todo, time_limit, reextract), on_outcome)
    database.close()
    create_markdown_artifact(summary.markdown("ingest-folder"), key="ingest-folder-summary",
                             description=f"ingest-folder {folder} -> {db}")
    return summary


def run_batch(
    folder: Path,
    db: Path,
    workers: int = 2,
    time_limit: float = DEFAULT_TIME_LIMIT,
    dask_address: str | None = None,
    reextract: bool = False,
    retry_failed: bool = False,
    progress: bool = False,
) -> RunSummary:
    """Run ``ingest-folder`` here, its tasks on ``workers`` threads (each driving a worker process) or on Dask.

    Needs a Prefect API: PREFECT_API_URL, or ``flows.server.temporary_server``.
    """
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
    else:
        runner = ThreadPoolTaskRunner(max_workers=workers)
    return ingest_folder.with_options(task_runner=runner)(
        folder=folder, db=db, time_limit=time_limit, reextract=reextract, retry_failed=retry_failed,
        progress=progress,
    )
