"""read -> segment -> extract -> store, for one document or a list of paths.

``extract`` is pure (a Document in, an Extraction out) and ``read_and_extract``
needs only the file, so flows can run them on any worker; ``Ingester`` adds the
database (what to skip, storing, failures that stay failed) and ``ingest_paths``
runs it over files and folders.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.models.document import Document
from chitieu.models.items import Extraction
from chitieu.pipeline.readers import UnreadableDocument, read_document
from chitieu.pipeline.walk import document_files

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

# Bump when any extractor's output changes, so stored documents are re-extracted.
EXTRACTOR_VERSION = "0.3.0"  # 0.3.0: certainty and doubts on every item


class StageFailed(Exception):
    """One document failed at ``stage`` ('read', 'extract' or 'store'); ``cause`` is the error.

    ``sha256`` is the hash of the file's bytes when it was read; ``transient`` is true
    when trying again may work (the file could not be opened, memory ran out).

    >>> str(StageFailed("extract", None, ValueError("bad table")))
    'extract failed: ValueError: bad table'
    """

    def __init__(self, stage: str, sha256: str | None, cause: BaseException) -> None:
        super().__init__(stage, sha256, cause)
        self.stage, self.sha256, self.cause = stage, sha256, cause
        self.transient = isinstance(cause, (OSError, MemoryError)) or isinstance(cause.__cause__, OSError)

    def __str__(self) -> str:
        """The reason shown to the user: an unreadable file's own reason, else the stage and the error."""
        if isinstance(self.cause, UnreadableDocument):
            return str(self.cause)
        return f"{self.stage} failed: {type(self.cause).__name__}: {self.cause}"


def read_and_extract(path: Path) -> Extraction:
    """Read one file and run every extractor: all of ingesting but the database, so it can run anywhere.

    >>> read_and_extract(Path("corpus/000_714b8ec56206e567.txt")).metadata.doc_type  # doctest: +SKIP
    'KH'

    Raises StageFailed (stage 'read' or 'extract') with the reason.
    """
    from chitieu.extractors.confidence import assess
    from chitieu.extractors.extraction import extract  # half a second of patterns: not for runs with nothing to do

    sha256, stage = None, "read"
    try:
        doc = read_document(path)
        sha256, stage = doc.sha256, "extract"
        return assess(extract(doc))  # every item with its certainty and doubts
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the batch
        raise StageFailed(stage, sha256, exc) from exc


def file_sha256(path: Path) -> str | None:
    """The sha256 of the file's bytes (the key of its document in the store); None when it cannot be read."""
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


_models_lock = threading.Lock()


# A plan of a few lines that goes through every extractor (an invented one: no real plan's words).
_WARM_UP_PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 1/KH-UBND
Hà Nam, ngày 2 tháng 3 năm 2024
KẾ HOẠCH
Chăm sóc trẻ em giai đoạn 2024 - 2025
I. MỤC TIÊU
Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm xuống dưới 10% vào năm 2025.
II. KINH PHÍ
Tổng kinh phí thực hiện là 500 triệu đồng từ ngân sách tỉnh.
III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế chủ trì, phối hợp với Sở Tài chính; báo cáo trước ngày 15/12 hằng năm.
"""
_warmed_up = False


def load_models() -> None:
    """Load what the extractors load lazily (underthesea's segmenter, the province lists, the
    gazetteer, the patterns), once per process: a worker process calls it before it says it
    is ready, so a per-document time limit measures the document, not the start-up.

    A small invented plan run through every extractor loads them all. The lock keeps two
    threads of one process from building underthesea's segmenter at once (it has no lock
    of its own).
    """
    from chitieu.extractors.extraction import extract

    global _warmed_up
    with _models_lock:
        if not _warmed_up:
            extract(Document(source="warm-up", sha256="", text=_WARM_UP_PLAN))
            _warmed_up = True


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

    ``chitieu ingest`` calls ``ingest_one`` per file; the Prefect flow calls its two
    halves, ``triage`` before submitting a document task and ``record`` with what the
    task gave back, so the database is written only in the calling process.

    >>> from chitieu.pipeline.store import open_db
    >>> Ingester(open_db(":memory:")).ingest_one(Path("corpus/000_714b8ec56206e567.txt")).status  # doctest: +SKIP
    'stored'

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

    def ingest_one(self, path: Path, extract_file: Callable[[Path], Extraction] | None = None) -> Outcome:
        """Triage, read and extract (``extract_file``, default ``read_and_extract``) and record one file."""
        pending = self.triage(path)
        if isinstance(pending, Outcome):
            return pending
        try:
            result = (extract_file or read_and_extract)(path)
        except Exception as exc:  # noqa: BLE001 - recorded as this file's failure
            result = exc
        return self.record(path, pending, result)


def _failure(exc: BaseException) -> tuple[str, BaseException, str]:
    """(stage, error, reason shown to the user) for a document that did not give an extraction."""
    if isinstance(exc, StageFailed):
        return exc.stage, exc.cause, str(exc)
    if isinstance(exc, TimeoutError):
        return "timeout", exc, str(exc)
    return "task", exc, f"the task failed: {type(exc).__name__}: {exc}"


def ingest_paths(
    paths: Iterable[Path],
    db_path: str | Path,
    on_file: Callable[[Path], None] | None = None,
    reextract: bool = False,
    retry_failed: bool = False,
) -> RunSummary:
    """Ingest every document under ``paths`` into ``db_path`` that needs it; one bad file never stops the run.

    >>> ingest_paths([Path("corpus")], "outputs/chitieu.db").line()  # doctest: +SKIP
    '5 stored, 0 skipped, 0 known failures, 0 failed'
    """
    from chitieu.pipeline.store import open_db

    db = open_db(db_path)
    ingester = Ingester(db, reextract, retry_failed)
    summary = RunSummary()
    started = time.perf_counter()
    for path in document_files(paths):
        summary.outcomes.append(ingester.ingest_one(path))
        if on_file:
            on_file(path)
    summary.seconds = time.perf_counter() - started
    db.close()
    return summary
