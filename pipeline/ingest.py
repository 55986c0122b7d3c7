"""read -> segment -> extract -> store, for one document or a list of paths.

``extract`` is pure (a Document in, an Extraction out), so flows can run it on
any worker; ``ingest_paths`` adds the files, the database and error isolation.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chitieu.models.document import Document
from chitieu.models.items import Agency, Budget, Check, Deadline, Metadata, Target
from chitieu.pipeline.readers import UnreadableDocument, read_document

# Bump when any extractor's output changes, so stored documents are re-extracted.
EXTRACTOR_VERSION = "0.1.0"


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
        budgets=extract_budgets(doc, (meta.period_start, meta.period_end)),
        agencies=agencies,
        deadlines=extract_deadlines(doc, single_year, agencies),
        checks=check_budget_tables(doc),
    )


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
        sha256, stage = None, "read"
        try:
            doc = read_document(path)
            sha256, stage = doc.sha256, "extract"
            extraction = extract(doc)
            stage = "store"
            store_extraction(db, extraction, str(path), EXTRACTOR_VERSION)
            report.ingested.append(str(path))
            report.chars += len(doc.text)
        except UnreadableDocument as exc:
            report.failed.append((str(path), str(exc)))
            record_failure(db, str(path), sha256, stage, exc)
        except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the batch
            reason = f"{stage} failed: {type(exc).__name__}: {exc}"
            report.failed.append((str(path), reason))
            record_failure(db, str(path), sha256, stage, exc)
        if on_file:
            on_file(path)
    report.seconds = time.perf_counter() - started
    db.close()
    return report
