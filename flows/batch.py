"""The ``ingest-folder`` flow: a folder of plans into the database, incrementally, one task per document.

    >>> from chitieu.flows.batch import run_batch
    >>> report = run_batch(Path("plans/"), Path("outputs/chitieu.db"))  # doctest: +SKIP
    >>> report.new, report.skipped, report.failed  # doctest: +SKIP
    (['plans/kh-12.pdf'], 311, [('plans/scan.pdf', 'the PDF is damaged: ...')])

What it does, in order:

1. hash every file (sha256 of its bytes) and skip those already stored by the
   current ``EXTRACTOR_VERSION`` (and repeats of the same bytes within the folder);
2. submit one task per remaining document: ``read_and_extract`` under a time
   limit, retried when the failure is transient, cached on (sha256, extractor
   version) so a killed run or a fresh database reuses extractions already made;
3. store each extraction as it arrives, in the flow (the only writer), one
   transaction per document, or record why it failed in ``failures``;
4. publish the run's summary as a Markdown artifact and return it.

The tasks run on threads (``run_batch(workers=N)``) or on a Dask cluster
(``run_batch(dask_address="tcp://scheduler:8786")``); reading, OCR and extraction
happen where the task runs, writing always happens here. Prefect is imported
only in this package: set ``PREFECT_HOME`` / ``PREFECT_API_URL`` before importing it.
"""
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from chitieu.pipeline.ingest import (
    EXTRACTOR_VERSION,
    Extraction,
    StageFailed,
    document_files,
    file_sha256,
    load_models,
    read_and_extract,
)
from chitieu.pipeline.store import (
    open_db,
    record_failure,
    store_extraction,
    stored_sha256s,
)
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

DEFAULT_TIME_LIMIT = 300.0  # seconds per document: a scanned plan of a hundred pages OCRs in a few minutes


@dataclass
class BatchReport:
    """What one run did: documents stored, skipped (already in the database), failed (path, reason)."""

    new: list[str] = field(default_factory=list)
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    ocr_pages: int = 0
    seconds: float = 0.0

    def markdown(self) -> str:
        """The summary as Markdown: the counts, then each failed document and why.

        >>> print(BatchReport(new=["a.txt"], skipped=2, seconds=1.5).markdown())
        # ingest-folder
        <BLANKLINE>
        | new | skipped | failed | pages OCR'd | seconds |
        |---:|---:|---:|---:|---:|
        | 1 | 2 | 0 | 0 | 1.5 |
        """
        lines = [
            "# ingest-folder", "",
            "| new | skipped | failed | pages OCR'd | seconds |", "|---:|---:|---:|---:|---:|",
            f"| {len(self.new)} | {self.skipped} | {len(self.failed)} | {self.ocr_pages} | {self.seconds:.1f} |",
        ]
        if self.failed:
            lines += ["", "## Failed", "", "| document | reason |", "|---|---|"]
            lines += [f"| `{path}` | {reason.replace('|', '/')} |" for path, reason in self.failed]
        return "\n".join(lines)


class DocumentTimedOut(TimeoutError):
    """A document took longer than the per-document time limit."""


def read_and_extract_within(path: Path, time_limit: float) -> Extraction:
    """``read_and_extract(path)``, or DocumentTimedOut after ``time_limit`` seconds.

    The work runs in a daemon thread: a document stuck inside C code (a regular
    expression, the PDF library, OCR) cannot be interrupted, so it is left behind
    and does not keep the process alive, while the run goes on without it.
    """
    done: Future[Extraction] = Future()

    def work() -> None:
        try:
            done.set_result(read_and_extract(path))
        except BaseException as exc:  # noqa: BLE001 - handed over to the waiting task
            done.set_exception(exc)

    threading.Thread(target=work, name=f"read-and-extract {path.name}", daemon=True).start()
    try:
        return done.result(timeout=time_limit)
    except TimeoutError:
        raise DocumentTimedOut(
            f"took more than {time_limit:g} s, the per-document limit; the run went on without it "
            "(raise --timeout if such documents are expected)"
        ) from None


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
    """One document's task: read it and extract its items, where the task runner puts it."""
    load_models()
    return read_and_extract_within(path, time_limit)


def _failure(exc: BaseException, sha256: str | None) -> tuple[str, str | None, BaseException, str]:
    """(stage, sha256, error, reason shown to the user) for a document task that did not return an extraction."""
    if isinstance(exc, StageFailed):
        return exc.stage, exc.sha256 or sha256, exc.cause, str(exc)
    if isinstance(exc, DocumentTimedOut):
        return "timeout", sha256, exc, str(exc)
    return "task", sha256, exc, f"the task failed: {type(exc).__name__}: {exc}"


@flow(name="ingest-folder", description="Ingest a folder of plans: new documents only, one task per document.")
def ingest_folder(
    folder: Path,
    db: Path = Path("outputs/chitieu.db"),
    time_limit: float = DEFAULT_TIME_LIMIT,
    reextract: bool = False,
    progress: bool = False,
) -> BatchReport:
    """Ingest every document under ``folder`` into ``db`` that is not there yet; see the module's docstring.

    ``reextract`` re-reads every document, ignoring the database and the task cache;
    ``progress`` draws a progress bar on standard error.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    started = time.perf_counter()
    report = BatchReport()
    database = open_db(db)
    stored = set() if reextract else stored_sha256s(database, EXTRACTOR_VERSION)
    todo: list[tuple[Path, str | None]] = []
    for path in document_files([folder]):
        sha256 = file_sha256(path)  # None when unreadable: its task says why
        if sha256 in stored:
            report.skipped += 1
        else:
            todo.append((path, sha256))
            if sha256:
                stored.add(sha256)  # a second copy of the same bytes is skipped

    extract = extract_document.with_options(refresh_cache=True) if reextract else extract_document
    futures = {extract.submit(path, sha256, time_limit): (path, sha256) for path, sha256 in todo}
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, disable=not progress) as bar:
        advance = bar.add_task("ingesting", total=len(futures))
        for future in as_completed(list(futures)):
            path, sha256 = futures[future]
            try:
                outcome = future.result(raise_on_failure=False)
            except Exception as exc:  # noqa: BLE001 - e.g. a Dask worker lost with the document
                outcome = exc
            if isinstance(outcome, Extraction):
                try:
                    store_extraction(database, outcome, str(path), EXTRACTOR_VERSION)
                    report.new.append(str(path))
                    report.ocr_pages += sum(page.method == "ocr" for page in outcome.document.pages)
                except Exception as exc:  # noqa: BLE001 - the transaction rolled back; the run goes on
                    outcome = StageFailed("store", outcome.document.sha256, exc)
            if isinstance(outcome, BaseException):
                stage, known_sha256, error, reason = _failure(outcome, sha256)
                record_failure(database, str(path), known_sha256, stage, error)
                report.failed.append((str(path), reason))
            bar.update(advance, advance=1, description=path.name)
    database.close()
    report.failed.sort()
    report.seconds = time.perf_counter() - started
    create_markdown_artifact(report.markdown(), key="ingest-folder-summary",
                             description=f"ingest-folder {folder} -> {db}")
    return report


def run_batch(
    folder: Path,
    db: Path,
    workers: int = 2,
    time_limit: float = DEFAULT_TIME_LIMIT,
    dask_address: str | None = None,
    reextract: bool = False,
    progress: bool = False,
) -> BatchReport:
    """Run ``ingest-folder`` here, its tasks on ``workers`` threads or on the Dask scheduler at ``dask_address``.

    Without ``PREFECT_API_URL`` Prefect starts a temporary local server for the run.
    """
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
    else:
        runner = ThreadPoolTaskRunner(max_workers=workers)
    return ingest_folder.with_options(task_runner=runner)(
        folder=folder, db=db, time_limit=time_limit, reextract=reextract, progress=progress,
    )
