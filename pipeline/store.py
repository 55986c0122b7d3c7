"""The SQLite store: the schema, and one transaction per document.

The store is the only writer. A document is keyed by the sha256 of its bytes:
storing the same bytes again replaces its rows, never duplicates them, and a
failure half-way leaves the database as it was.

Two ways in. ``open_db`` is the writer's: it creates the schema (or brings an
older one up to date) and begins every write transaction IMMEDIATE under a busy
timeout, so two ingests into one file wait for each other instead of one dying
with "database is locked" (a deferred transaction that read first cannot wait
for the write lock). ``open_read`` is every read command's: read-only, it
writes nothing (no WAL switch, no schema) and refuses a file that is not
chitieu's. Either raises ``UnusableDatabase`` with one line naming the file and
the problem.

>>> db = open_db(":memory:")
>>> sorted(t for t in db.table_names() if not t.startswith("_"))[:5]
['agencies', 'budgets', 'checks', 'corrections', 'deadlines']
>>> open_read(Path("no/such.db"))
Traceback (most recent call last):
...
chitieu.pipeline.store.UnusableDatabase: no/such.db: no such database; run `chitieu ingest` first
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime, timezone
from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING
from urllib.parse import quote

from chitieu.models.items import ITEM_KINDS, Check, Item, Metadata, data_fields
from chitieu.pipeline.corrections import apply_corrections, create_corrections_schema
from chitieu.pipeline.search import create_search_schema, delete_passages, index_passages
from chitieu.pipeline.transactions import insert_rows, write_transaction
from chitieu.pipeline.walk import printable

if TYPE_CHECKING:
    import sqlite_utils  # imported by open_db and open_read (_import_sqlite_utils), not for a run with nothing to do
    from chitieu.models.items import Extraction

# 2: items gained certainty and doubts, and the corrections table came (issue 17).
# 3: the search index covers the folded passages only and is written without triggers (``search``; issue 16).
SCHEMA_VERSION = 3

_DOCUMENT_COLUMNS = {
    "id": int, "sha256": str, "source": str, "path": str, "reader": str, "encoding": str,
    "chars": int, "page_count": int, "schema_version": int, "extractor_version": str, "ingested_at": str,
    "doc_type": str, "number": str, "issuer": str, "level": str, "province": str, "district": str,
    "issue_date": str, "is_draft": int, "period_start": int, "period_end": int, "title": str,
    "signer": str, "implements": str, "warnings": str, "text": str,
}
_FAILURE_COLUMNS = {"id": int, "path": str, "sha256": str, "stage": str, "error_class": str, "message": str,
                    "time": str, "extractor_version": str}
_ITEM_TABLES: dict[str, type[Item]] = {**ITEM_KINDS, "checks": Check}
# What researchers filter by.
_INDEXES = {
    "documents": [["province"], ["district"], ["period_end"], ["doc_type"], ["level"]],
    "targets": [["national_code"], ["year"], ["code"]],
    "budgets": [["kind"], ["source"]],
    "agencies": [["name"], ["role"]],
    "deadlines": [["due"], ["agency"]],
}


# How long a writer waits for another one's transaction before giving up (ms).
_BUSY_TIMEOUT_MS = 60_000


class UnusableDatabase(Exception):
    """The database file cannot be used: one line naming it and the problem, for the user (no traceback)."""


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a chitieu database for writing, its schema created or brought up to date.

    Raises UnusableDatabase for a folder, a file that is not SQLite, another application's
    database, one made by a newer chitieu, or storage that cannot be written.
    """
    sqlite_utils = _import_sqlite_utils()
    memory = str(path) == ":memory:"
    if not memory:
        _refuse_folder(Path(path))
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UnusableDatabase(f"{printable(str(path))}: cannot create its folder: {exc.strerror or exc}") from exc
    connection = _connect(path, path, writing=True, timeout=_BUSY_TIMEOUT_MS / 1000)
    with _closed_on_error(connection, path, writing=True):
        db = sqlite_utils.Database(connection)
        db.execute("PRAGMA foreign_keys = ON")
        _check_version(db, path, writing=True)
        if not memory:
            db.execute("PRAGMA journal_mode = WAL")
            # With WAL, a commit that is not synced to disk still survives a killed process (the OS has
            # it), and the database stays whole even on power loss; a sync per document would cost more
            # than the document's rows.
            db.execute("PRAGMA synchronous = NORMAL")
        with write_transaction(db):
            _create_schema(db)
            create_search_schema(db)
            _add_item_columns(db)
            create_corrections_schema(db)
    return db


def open_read(path: Path) -> sqlite_utils.Database:
    """Open a chitieu database read-only: nothing is written to it or beside it but SQLite's WAL index.

    On read-only storage, where SQLite cannot make that index, the file is opened immutable
    (nothing can change it there). Raises UnusableDatabase when the file is missing, a folder,
    not SQLite, not chitieu's, or of another schema version.
    """
    sqlite_utils = _import_sqlite_utils()
    if not path.exists():
        raise UnusableDatabase(f"{printable(str(path))}: no such database; run `chitieu ingest` first")
    _refuse_folder(path)
    uri = f"file:{quote(str(path.resolve()))}?{'immutable=1' if on_read_only_storage(path) else 'mode=ro'}"
    connection = _connect(uri, path, writing=False, uri=True)
    with _closed_on_error(connection, path, writing=False):
        db = sqlite_utils.Database(connection)
        _check_version(db, path, writing=False)
    return db


def _import_sqlite_utils() -> ModuleType:
    """The sqlite_utils module, imported without pandas and numpy when nothing has loaded them yet.

    sqlite-utils imports both, when installed, only to map their scalar types to column
    types; chitieu never stores such values. Loading them would cost the writing process
    80 MB and half a second. A None in ``sys.modules`` makes their import raise ImportError,
    which sqlite-utils expects; it is taken away at once, so a later ``import pandas`` works.
    """
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    blocked = [name for name in ("pandas", "numpy") if name not in sys.modules]
    sys.modules.update(dict.fromkeys(blocked))
    try:
        import sqlite_utils
    finally:
        for name in blocked:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    return sqlite_utils


def _connect(target: str | Path, path: str | Path, writing: bool, **options) -> sqlite3.Connection:
    """``sqlite3.connect(target)``; an SQLite error (the file cannot be opened) becomes an UnusableDatabase line."""
    try:
        return sqlite3.connect(target, **options)
    except sqlite3.DatabaseError as exc:
        raise _unusable(path, exc, writing) from exc


@contextmanager
def _closed_on_error(connection: sqlite3.Connection, path: str | Path, writing: bool) -> Iterator[None]:
    """Close ``connection`` when opening fails; an SQLite error becomes an UnusableDatabase line."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise _unusable(path, exc, writing) from exc
    except BaseException:
        connection.close()
        raise


def on_read_only_storage(path: Path) -> bool:
    """True when nothing can write beside ``path`` (SQLite cannot make its WAL index there): open it immutable."""
    return not os.access(path.resolve().parent, os.W_OK)


def _refuse_folder(path: Path) -> None:
    if path.is_dir():
        raise UnusableDatabase(f"{printable(str(path))}: a folder, not a database file")


def _check_version(db: sqlite_utils.Database, path: str | Path, writing: bool) -> None:
    """Refuse another application's database (tables but no ``meta``), a newer schema, and, to read, an older one.

    An empty file is a new database (to write); an older schema is brought up to date by the writer.
    """
    name = printable(str(path))
    tables = {table for (table,) in db.execute("select name from sqlite_master where type = 'table'")}
    if not tables and writing:
        return
    if "meta" not in tables:
        raise UnusableDatabase(f"{name}: not a chitieu database (no meta table); left as it was")
    row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    version = int(row[0]) if row and str(row[0]).isdigit() else 0
    if version > SCHEMA_VERSION:
        raise UnusableDatabase(f"{name}: made by a newer chitieu (schema {version}; this one knows "
                               f"{SCHEMA_VERSION}): upgrade chitieu to use it")
    if not writing and (version < SCHEMA_VERSION or "passages" not in tables):
        raise UnusableDatabase(f"{name}: made by an older chitieu (schema {version}); "
                               f"`chitieu ingest --db {name} FILES` brings it up to date")


def _unusable(path: str | Path, exc: sqlite3.DatabaseError, writing: bool) -> UnusableDatabase:
    """The SQLite error of opening ``path`` as one line a user can act on."""
    name, message = printable(str(path)), str(exc)
    if "not a database" in message:
        return UnusableDatabase(f"{name}: not an SQLite database")
    if writing and ("readonly" in message or "read-only" in message):
        return UnusableDatabase(f"{name}: cannot be written (read-only file or storage)")
    return UnusableDatabase(f"{name}: cannot be {'written' if writing else 'read'}: {message}")


def _add_item_columns(db: sqlite_utils.Database) -> None:
    """Columns an item kind gained since the database was made (e.g. certainty and doubts): added, empty."""
    for table, cls in _ITEM_TABLES.items():
        existing = db[table].columns_dict
        for name, kind in _item_columns(cls).items():
            if name not in existing:
                db[table].add_column(name, kind)


def _item_columns(cls: type[Item]) -> dict[str, type]:
    columns: dict[str, type] = {"id": int, "document_id": int, "section": str, "span_start": int,
                                "span_end": int, "page": int, "quote": str}
    for f in data_fields(cls):
        columns[f.name] = _column_type(f.type)
    return columns


def _column_type(annotation: str) -> type:
    """SQLite column type for a dataclass annotation such as ``'float | None'``; lists are stored as JSON."""
    head = str(annotation).split("[")[0].split("|")[0].strip()
    return {"float": float, "int": int, "bool": int}.get(head, str)


def _create_schema(db: sqlite_utils.Database) -> None:
    if "documents" in db.table_names():
        if "extractor_version" not in db["failures"].columns_dict:  # a database made before failures stayed failed
            db["failures"].add_column("extractor_version", str)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
        return
    with db.atomic():
        db["documents"].create(_DOCUMENT_COLUMNS, pk="id", not_null={"sha256", "source"})
        db["documents"].create_index(["sha256"], unique=True)
        db["sections"].create(
            {"id": int, "document_id": int, "idx": int, "path": str, "label": str, "heading": str, "kind": str,
             "level": int, "start": int, "end": int, "parent_idx": int},
            pk="id", foreign_keys=[("document_id", "documents", "id")],
        )
        db["pages"].create(
            {"id": int, "document_id": int, "number": int, "start": int, "method": str, "quality": float},
            pk="id", foreign_keys=[("document_id", "documents", "id")],
        )
        db["references"].create(
            {"id": int, "document_id": int, "number": str, "implements": int},
            pk="id", foreign_keys=[("document_id", "documents", "id")],
        )
        for table, cls in _ITEM_TABLES.items():
            db[table].create(_item_columns(cls), pk="id", foreign_keys=[("document_id", "documents", "id")])
        for table in ["sections", "pages", "references", *_ITEM_TABLES]:
            db[table].create_index(["document_id"])
        for table, indexes in _INDEXES.items():
            for columns in indexes:
                db[table].create_index(columns)
        db["failures"].create(_FAILURE_COLUMNS, pk="id")
        db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


# json.dumps(v, ensure_ascii=False) without building an encoder for each of the thousands of lists a run stores.
_as_json = json.JSONEncoder(ensure_ascii=False).encode


def _item_rows(cls: type[Item]) -> tuple[list[str], Callable[[Item], tuple]]:
    """An item table's columns after ``id``, and what ``_item_values`` reads of an item of kind ``cls`` in one call:
    its provenance, then its data fields."""
    names = [f.name for f in data_fields(cls)]
    columns = ["document_id", "section", "span_start", "span_end", "page", "quote", *names]
    return columns, attrgetter("section", "span", "page", "quote", *names)


# The plan's metadata stored as the documents table's columns, as they are (its lists are stored apart).
_METADATA_COLUMNS = [f.name for f in fields(Metadata) if f.name not in {"implements", "references"}]
# Each item table's columns and reader, made once: the store writes every table of every document.
_ITEM_ROWS = {table: _item_rows(cls) for table, cls in _ITEM_TABLES.items()}


def _item_values(item: Item, read: Callable[[Item], tuple]) -> tuple:
    """One item's row after its ids: provenance, then its data fields (lists as JSON); ``read`` is ``_item_rows``'."""
    section, span, page, quote, *data = read(item)
    return (section, span[0], span[1], page, quote, *(_as_json(v) if isinstance(v, list) else v for v in data))


def store_extraction(db: sqlite_utils.Database, extraction: Extraction, path: str, extractor_version: str) -> int:
    """Write one document and its items in one transaction; return its id.

    The same bytes stored again replace the earlier rows. Each table takes its rows in
    one ``executemany``: this process writes for every worker, so its time per document
    bounds the whole run's speed.
    """
    doc, meta = extraction.document, extraction.metadata
    conn = db.conn
    with write_transaction(db):
        delete_document(db, doc.sha256)
        row = {
            "sha256": doc.sha256, "source": printable(doc.source), "path": printable(path), "reader": doc.reader,
            "encoding": doc.encoding, "chars": len(doc.text), "page_count": len(doc.pages),
            "schema_version": SCHEMA_VERSION, "extractor_version": extractor_version,
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            **{name: getattr(meta, name) for name in _METADATA_COLUMNS},
            "implements": _as_json(meta.implements), "warnings": _as_json(doc.warnings), "text": doc.text,
        }
        row["is_draft"] = int(meta.is_draft)
        (document_id,) = insert_rows(conn, "documents", list(row), [tuple(row.values())])
        section_ids = insert_rows(
            conn, "sections", ["document_id", "idx", "path", "label", "heading", "kind", "level", "start", "end",
                               "parent_idx"],
            [(document_id, i, s.path, s.label, s.heading, s.kind, s.level, s.start, s.end, s.parent)
             for i, s in enumerate(doc.sections)])
        insert_rows(conn, "pages", ["document_id", "number", "start", "method", "quality"],
                     [(document_id, p.number, p.start, p.method, p.quality) for p in doc.pages])
        insert_rows(conn, "references", ["document_id", "number", "implements"],
                     [(document_id, n, int(n in meta.implements))
                      for n in dict.fromkeys(meta.references + meta.implements)])
        quotes = []
        for table, (columns, read) in _ITEM_ROWS.items():
            items = getattr(extraction, table)
            ids = insert_rows(conn, table, columns, [(document_id, *_item_values(item, read)) for item in items])
            quotes += [(table, id_, item.section, item.span[0], item.span[1], item.quote) for id_, item in zip(ids, items)]
        sections = [(id_, s.path, s.heading, s.start, s.end, s.parent) for id_, s in zip(section_ids, doc.sections)]
        index_passages(db, document_id, doc.text, doc.folded, sections, quotes)
        apply_corrections(db, document_id)  # a person's corrections outlive the machine's rows
        conn.execute("delete from failures where sha256 = ?", [doc.sha256])
    return document_id


def stored_sha256s(db: sqlite_utils.Database | sqlite3.Connection, extractor_version: str) -> set[str]:
    """The sha256 of every document stored by ``extractor_version``: what an incremental run can skip.

    >>> stored_sha256s(open_db(":memory:"), "0.1.0")
    set()
    """
    return {sha for (sha,) in db.execute(
        "select sha256 from documents where extractor_version = ?", [extractor_version])}


def delete_document(db: sqlite_utils.Database, sha256: str) -> None:
    """Delete the document with these bytes and every row that points at it (none: nothing happens)."""
    for (document_id,) in db.execute("select id from documents where sha256 = ?", [sha256]).fetchall():
        delete_passages(db, document_id)
        for table in ["sections", "pages", "references", *_ITEM_TABLES]:
            db.execute(f"delete from [{table}] where document_id = ?", [document_id])
        db.execute("delete from documents where id = ?", [document_id])


def record_failure(db: sqlite_utils.Database, path: str, sha256: str | None, stage: str, error: BaseException,
                   extractor_version: str) -> None:
    """Remember why a file did not go in, so the run summary and the next runs can show it (and skip it)."""
    path = printable(path)
    with write_transaction(db):
        db["failures"].delete_where("path = ? or sha256 = ?", [path, sha256])
        db["failures"].insert({
            "path": path, "sha256": sha256, "stage": stage, "error_class": type(error).__name__,
            "message": str(error), "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "extractor_version": extractor_version,
        })


def failed_sha256s(db: sqlite_utils.Database | sqlite3.Connection, extractor_version: str) -> set[str]:
    """The sha256 of every file that failed with ``extractor_version``: known failures a run skips.

    >>> failed_sha256s(open_db(":memory:"), "0.1.0")
    set()
    """
    return {sha for (sha,) in db.execute(
        "select sha256 from failures where extractor_version = ? and sha256 is not null", [extractor_version])}


def list_failures(db: sqlite_utils.Database) -> list[dict]:
    """Every recorded failure, newest first: path, stage, error class, message, time, extractor version.

    >>> list_failures(open_db(":memory:"))
    []
    """
    return list(db.query("select path, stage, error_class, message, time, extractor_version, sha256 "
                         "from failures order by time desc, path"))
