"""The database side of ingesting: which files need work, storing each result, the run's summary.

Reading and extracting happen in worker processes (``chitieu.pipeline.workers``);
``Ingester`` adds the database (what to skip, storing, failures that stay failed)
and its ``run`` is the one loop of ``chitieu ingest`` and ``chitieu batch``: triage,
hand the rest to an extractor (worker processes here, Prefect tasks in the flow),
store or record each result as it comes. ``ingest_paths`` runs it over files and
folders with N worker processes.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.models.items import Extraction
from chitieu.pipeline.settings import DEFAULT_TIME_LIMIT
from chitieu.pipeline.walk import document_files
from chitieu.pipeline.workers import StageFailed, close_workers, extract_all

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

# Bump when any extractor's output changes, so stored documents are re-extracted.
EXTRACTOR_VERSION = "0.3.0"  # 0.3.0: certainty and doubts on every item
# What reads and extracts the files a run needs: (path, sha256) in, each path with its result out, in any order.
ExtractEach = Callable[[dict[Path, str | None]], Iterable[tuple[Path, Extraction | BaseException]]]


def file_sha256(path: Path) -> str | None:
    """The sha256 of the file's bytes (the key of its document in the store); None when it cannot be read."""
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None




@dataclass
class Outcome:
    """What happened to one file: ``status`` is stored, skipped, known failure or failed.

    ``stage`` ('read', 'extract', 'store', 'timeout') and ``reason`` say why a file
    failed, now or (known failure) on an earlier run with the same bytes and extractor version.
    """

    path: str
    status: str
    stage: str = ""
    reason: str = ""
    chars: int = 0
    ocr_pages: int = 0


@dataclass
class RunSummary:
    """A run's outcomes, counted and printed the same way by ``chitieu ingest`` and ``chitieu batch``.

    >>> summary = RunSummary([Outcome("a.txt", "stored"), Outcome("b.txt", "skipped"),
    ...                       Outcome("c.txt", "failed", "timeout", "took more than 2 s")])
    >>> summary.line()
    '1 stored, 1 skipped, 0 known failures, 1 failed'
    >>> print(summary.markdown("ingest-folder"))
    # ingest-folder
    <BLANKLINE>
    | stored | skipped | known failures | failed | pages OCR'd | seconds |
    |---:|---:|---:|---:|---:|---:|
    | 1 | 1 | 0 | 1 | 0 | 0.0 |
    <BLANKLINE>
    ## Failed
    <BLANKLINE>
    | document | stage | reason |
    |---|---|---|
    | `c.txt` | timeout | took more than 2 s |
    """

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def paths(self, status: str) -> list[str]:
        """The files with ``status`` (stored, skipped, known failure, failed), in the order they came."""
        return [o.path for o in self.outcomes if o.status == status]

    @property
    def failed(self) -> list[tuple[str, str]]:
        """(path, reason) of each file that failed in this run, sorted by path."""
        return sorted((o.path, o.reason) for o in self.outcomes if o.status == "failed")

    @property
    def chars(self) -> int:
        return sum(o.chars for o in self.outcomes)

    def line(self) -> str:
        """The counts in one line, as both commands print them."""
        return (f"{len(self.paths('stored'))} stored, {len(self.paths('skipped'))} skipped, "
                f"{len(self.paths('known failure'))} known failures, {len(self.failed)} failed")

    def markdown(self, title: str) -> str:
        """The summary as Markdown (a Prefect artifact): the counts, then each failed file with its stage and reason."""
        counts = [len(self.paths(s)) for s in ("stored", "skipped", "known failure", "failed")]
        ocr_pages = sum(o.ocr_pages for o in self.outcomes)
        lines = [f"# {title}", "", "| stored | skipped | known failures | failed | pages OCR'd | seconds |",
                 "|---:|---:|---:|---:|---:|---:|", f"| {' | '.join(map(str, counts))} | {ocr_pages} | {self.seconds:.1f} |"]
        failed = sorted((o for o in self.outcomes if o.status == "failed"), key=lambda o: o.path)
        if failed:
            lines += ["", "## Failed", "", "| document | stage | reason |", "|---|---|---|"]
            lines += [f"| `{o.path}` | {o.stage} | {o.reason.replace('|', '/')} |" for o in failed]
        return "\n".join(lines)


class Ingester:
    """The one ingest core: which files need work, and storing (or recording the failure of) each result.

    ``run`` is the loop of both commands: ``chitieu ingest`` gives it worker processes
    (``chitieu.pipeline.workers.extract_all``), the Prefect flow its document tasks;
    either way the database is written only here, in the calling process.

    >>> from chitieu.pipeline.store import open_db
    >>> from chitieu.pipeline.workers import extract_all
    >>> ingester = Ingester(open_db(":memory:"))
    >>> ingester.run([Path("corpus/000_714b8ec56206e567.txt")], lambda todo: extract_all(todo, 2, 60)).line()  # doctest: +SKIP
    '1 stored, 0 skipped, 0 known failures, 0 failed'

    A file is skipped when its bytes (sha256) are stored by ``EXTRACTOR_VERSION``
    (``reextract`` forces), or already met in this run; it is a known failure when
    the same bytes already failed with this extractor version (``retry_failed``
    tries again).
    """

    def __init__(self, db: sqlite_utils.Database | sqlite3.Connection, reextract: bool = False,
                 retry_failed: bool = False) -> None:
        from chitieu.pipeline.store import failed_sha256s, stored_sha256s

        self.db = db
        self.done = set() if reextract else stored_sha256s(db, EXTRACTOR_VERSION)
        self.failed = set() if reextract or retry_failed else failed_sha256s(db, EXTRACTOR_VERSION)

    def triage(self, path: Path) -> Outcome | str | None:
        """An Outcome (skipped, known failure) when ``path`` needs no work, else its sha256 (None: unreadable)."""
        sha256 = file_sha256(path)
        if sha256 in self.done:
            return Outcome(str(path), "skipped")
        if sha256 in self.failed:
            stage, reason = self._known_failure(sha256)
            return Outcome(str(path), "known failure", stage, reason)
        if sha256:
            self.done.add(sha256)  # a second copy of the same bytes is skipped
        return sha256

    def triage_all(self, paths: Iterable[Path]) -> tuple[list[Outcome], dict[Path, str | None]]:
        """``triage`` over files: the outcomes of those that need no work, and the others with their sha256."""
        outcomes: list[Outcome] = []
        todo: dict[Path, str | None] = {}
        for path in paths:
            pending = self.triage(path)
            if isinstance(pending, Outcome):
                outcomes.append(pending)
            else:
                todo[path] = pending
        return outcomes, todo

    def _known_failure(self, sha256: str) -> tuple[str, str]:
        """(stage, message) of the last failure of these bytes."""
        return tuple(self.db.execute(
            "select stage, message from failures where sha256 = ? order by id desc limit 1", [sha256]).fetchone())

    def record(self, path: Path, sha256: str | None, result: Extraction | BaseException) -> Outcome:
        """Store ``result`` (one transaction) or record why ``path`` failed; the Outcome says which."""
        from chitieu.pipeline.store import record_failure, store_extraction

        if isinstance(result, Extraction):
            try:
                store_extraction(self.db, result, str(path), EXTRACTOR_VERSION)
                return Outcome(str(path), "stored", chars=len(result.document.text),
                               ocr_pages=sum(page.method == "ocr" for page in result.document.pages))
            except Exception as exc:  # noqa: BLE001 - the transaction rolled back; the run goes on
                result = StageFailed("store", result.document.sha256, exc)
        stage, error, reason = _failure(result)
        record_failure(self.db, str(path), getattr(result, "sha256", None) or sha256, stage, error, EXTRACTOR_VERSION)
        return Outcome(str(path), "failed", stage, reason)

    def run(self, files: Iterable[Path], extract_each: ExtractEach,
            on_outcome: Callable[[Outcome], None] | None = None) -> RunSummary:
        """Triage ``files``, give those that need work to ``extract_each``, store or record each result as it comes.

        ``extract_each`` takes the files to read (with their sha256) and yields each
        file with its Extraction or its error, in any order; ``on_outcome`` hears of
        every file, those that needed no work first.
        """
        started = time.perf_counter()
        outcomes, todo = self.triage_all(files)
        summary = RunSummary()

        def add(outcome: Outcome) -> None:
            summary.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)

        for outcome in outcomes:
            add(outcome)
        for path, result in extract_each(todo):
            add(self.record(path, todo[path], result))
        summary.seconds = time.perf_counter() - started
        return summary


def _failure(exc: BaseException) -> tuple[str, BaseException, str]:
    """(stage, error, reason shown to the user) for a document that did not give an extraction."""
    if isinstance(exc, StageFailed):
        return exc.stage, exc.cause, str(exc)
    if isinstance(exc, TimeoutError):
        return "timeout", exc, str(exc)
    return "task", exc, f"the task failed: {type(exc).__name__}: {exc}"


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Callable[[Outcome], None]]:
    """The run's progress bar on standard error, as an ``on_outcome`` callback: one step per file, named after it.

    ``chitieu ingest`` and the ``ingest-folder`` flow draw the same bar; nothing is drawn when not ``enabled``
    (standard error is not a terminal).
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True, soft_wrap=True), disable=not enabled) as bar:
        task = bar.add_task("ingesting", total=total)
        yield lambda outcome: bar.update(task, advance=1, description=Path(outcome.path).name)


def ingest_paths(
    paths: Iterable[Path],
    db_path: str | Path,
    on_outcome: Callable[[Outcome], None] | None = None,
    reextract: bool = False,
    retry_failed: bool = False,
    workers: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> RunSummary:
    """Ingest every document under ``paths`` into ``db_path`` that needs it; one bad file never stops the run.

    ``workers`` documents (default: one per core) are read and extracted at once, each
    in a worker process killed past ``time_limit`` seconds (the document is recorded as
    failed, stage ``timeout``); this process alone writes, one transaction per document.

    >>> ingest_paths([Path("corpus")], "outputs/chitieu.db", workers=2).line()  # doctest: +SKIP
    '5 stored, 0 skipped, 0 known failures, 0 failed'
    """
    from chitieu.pipeline.store import open_db

    files = document_files(paths)
    db = open_db(db_path)
    try:
        return Ingester(db, reextract, retry_failed).run(
            files, partial(extract_all, workers=workers or os.cpu_count() or 1, time_limit=time_limit), on_outcome)
    finally:
        close_workers()
        db.close()
