"""read -> segment -> extract -> store, for one document or a list of paths.

``extract`` is pure (a Document in, an Extraction out) and ``read_and_extract``
needs only the file, so flows can run them on any worker; ``ingest_paths`` adds
the files, the database and error isolation.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chitieu.models.document import Document
from chitieu.models.items import Agency, Budget, Check, Deadline, Metadata, Target
from chitieu.pipeline.readers import UnreadableDocument, read_document

# Bump when any extractor's output changes, so stored documents are re-extracted.
EXTRACTOR_VERSION = "0.2.0"


@dataclass
class Extraction:
    document: Document
    metadata: Metadata
    targets: list[Target] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def extract(doc: Document) -> Extraction:
    """Segment ``doc`` and run every extractor over it."""
    from chitieu.extractors.agencies import extract_agencies
    from chitieu.extractors.budgets import check_budget_tables, extract_budgets
    from chitieu.extractors.deadlines import extract_deadlines
    from chitieu.extractors.metadata import extract_metadata
    from chitieu.extractors.targets import extract_targets
    from chitieu.pipeline.sections import segment

    doc.sections = segment(doc)
    meta = extract_metadata(doc)
    agencies = extract_agencies(doc)
    # A one-year plan dates its "trước ngày 15/6" in that year; a longer plan's recur.
    single_year = meta.period_end if meta.period_start == meta.period_end else None
    return Extraction(
        document=doc,
        metadata=meta,
        targets=extract_targets(doc, meta.period_end),
        budgets=extract_budgets(doc, (meta.period_start, meta.period_end), meta.level),
        agencies=agencies,
        deadlines=extract_deadlines(doc, single_year, agencies),
        checks=check_budget_tables(doc),
    )


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
    sha256, stage = None, "read"
    try:
        doc = read_document(path)
        sha256, stage = doc.sha256, "extract"
        return extract(doc)
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
    """Load what the extractors load lazily, once per process, before extracting on several threads.

    underthesea builds its word segmenter on first use without a lock, so two threads
    extracting their first documents at once can find it half-built; once built it is
    safe to share. The province lists, the gazetteer and the patterns load on first
    use too: a small invented plan run through every extractor loads them all, so a
    per-document time limit measures the document, not the start-up.
    """
    global _warmed_up
    with _models_lock:
        if not _warmed_up:
            extract(Document(source="warm-up", sha256="", text=_WARM_UP_PLAN))
            _warmed_up = True


def document_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every non-hidden file under the folders named, in a stable order.

    Raises FileNotFoundError naming the first path that does not exist.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    chars: int = 0
    seconds: float = 0.0


def ingest_paths(
    paths: Iterable[Path],
    db_path: str | Path,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest every document under ``paths`` into ``db_path``; one bad file never stops the run."""
    from chitieu.pipeline.store import open_db, record_failure, store_extraction

    db = open_db(db_path)
    report = IngestReport()
    started = time.perf_counter()
    for path in document_files(paths):
        try:
            extraction = read_and_extract(path)
            try:
                store_extraction(db, extraction, str(path), EXTRACTOR_VERSION)
            except Exception as exc:  # noqa: BLE001
                raise StageFailed("store", extraction.document.sha256, exc) from exc
            report.ingested.append(str(path))
            report.chars += len(extraction.document.text)
        except StageFailed as failed:
            report.failed.append((str(path), str(failed)))
            record_failure(db, str(path), failed.sha256, failed.stage, failed.cause)
        if on_file:
            on_file(path)
    report.seconds = time.perf_counter() - started
    db.close()
    return report
