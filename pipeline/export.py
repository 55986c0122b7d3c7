"""Export the database in the contract's JSON Lines shape, or as one CSV, sheet or Parquet file per table.

>>> import io
>>> from chitieu.pipeline.store import open_db
>>> buffer = io.StringIO()
>>> export_jsonl(open_db(":memory:"), buffer)
0
"""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import TextIO

import sqlite_utils
from chitieu.models.items import ITEM_KINDS, Metadata, data_fields

_META_FIELDS = [f.name for f in fields(Metadata)]


def document_records(db: sqlite_utils.Database) -> Iterator[dict]:
    """One contract-shaped dict per stored document, in ingestion order."""
    for doc in db["documents"].rows_where(order_by="id"):
        yield document_record(db, doc)


def document_record(db: sqlite_utils.Database, doc: dict) -> dict:
    references = [r["number"] for r in db["references"].rows_where("document_id = ?", [doc["id"]], order_by="id")]
    metadata = {name: doc.get(name) for name in _META_FIELDS}
    metadata["is_draft"] = bool(doc["is_draft"])
    metadata["implements"] = json.loads(doc["implements"] or "[]")
    metadata["references"] = references
    record = {"source": doc["source"], "sha256": doc["sha256"], "metadata": metadata}
    for table, cls in ITEM_KINDS.items():
        record[table] = [_item(row, cls) for row in db[table].rows_where("document_id = ?", [doc["id"]], order_by="id")]
    record["checks"] = [
        {"what": r["what"], "expected": r["expected"], "found": r["found"], "span": [r["span_start"], r["span_end"]],
         "quote": r["quote"]}
        for r in db["checks"].rows_where("document_id = ?", [doc["id"]], order_by="id")
    ]
    return record


def _item(row: dict, cls: type) -> dict:
    out = {}
    for f in data_fields(cls):
        value = row[f.name]
        annotation = str(f.type)
        if annotation.startswith("list"):
            value = json.loads(value or "[]")
        elif annotation.startswith("bool") and value is not None:
            value = bool(value)
        out[f.name] = value
    out["span"] = [row["span_start"], row["span_end"]]
    out["quote"] = row["quote"]
    out["section"] = row["section"]
    if row["page"] is not None:
        out["page"] = row["page"]
    return out


def export_jsonl(db: sqlite_utils.Database, out: TextIO) -> int:
    """Write one JSON object per document; return how many."""
    count = 0
    for record in document_records(db):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_tables(db: sqlite_utils.Database) -> dict[str, list[dict]]:
    """Flat rows per table: ``documents`` (metadata), then one table per item kind and ``checks``.

    Every item row starts with its document's ``source``; lists are JSON text.
    """
    tables: dict[str, list[dict]] = {"documents": []}
    for record in document_records(db):
        tables["documents"].append({"source": record["source"], "sha256": record["sha256"], **{
            k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in record["metadata"].items()
        }})
        for kind in [*ITEM_KINDS, "checks"]:
            tables.setdefault(kind, []).extend(
                {"source": record["source"], **{k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                                                for k, v in item.items()}}
                for item in record[kind]
            )
    return tables


def export_csv(db: sqlite_utils.Database, out: Path) -> int:
    """One CSV per item kind (plus documents.csv) in a folder, or in a zip when ``out`` ends in .zip."""
    tables = export_tables(db)
    texts = {f"{name}.csv": _csv_text(rows) for name, rows in tables.items()}
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in texts.items():
                archive.writestr(name, text)
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (out / name).write_text(text, encoding="utf-8")
    return len(tables["documents"])


def export_xlsx(db: sqlite_utils.Database, out: Path) -> int:
    """One workbook, one sheet per table of ``export_tables``; return how many documents.

    >>> import tempfile
    >>> from chitieu.pipeline.store import open_db
    >>> export_xlsx(open_db(":memory:"), Path(tempfile.mkdtemp()) / "chitieu.xlsx")
    0
    """
    from chitieu.pipeline.tables import write_workbook

    tables = export_tables(db)
    write_workbook(out, tables)
    return len(tables["documents"])


def export_parquet(db: sqlite_utils.Database, out: Path) -> int:
    """One Parquet file per table of ``export_tables`` in the folder ``out``; return how many documents."""
    import pandas as pd

    tables = export_tables(db)
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        pd.DataFrame(rows).to_parquet(out / f"{name}.parquet", index=False)
    return len(tables["documents"])


def _csv_text(rows: list[dict]) -> str:
    """The rows as CSV text (spreadsheet-safe cells, ``tables.csv_safe``)."""
    from chitieu.pipeline.tables import write_csv_rows

    buffer = io.StringIO()
    write_csv_rows(rows, buffer)
    return buffer.getvalue()
