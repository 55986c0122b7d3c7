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
from chitieu.pipeline.corrections import TABLES, list_corrections

_META_FIELDS = [f.name for f in fields(Metadata)]


def document_records(db: sqlite_utils.Database, machine_only: bool = False) -> Iterator[dict]:
    """One contract-shaped dict per stored document, in ingestion order (see ``document_record``)."""
    for doc in db["documents"].rows_where(order_by="id"):
        yield document_record(db, doc, machine_only)


def document_record(db: sqlite_utils.Database, doc: dict, machine_only: bool = False) -> dict:
    """A document's metadata and items as the contract shapes them, a person's corrections applied and marked.

    A corrected item (or metadata) carries ``corrected``: who, when, why and the
    machine's values of the fields changed (``machine`` is null for an item a
    person added); the record lists every correction of the document, orphaned
    ones included, under ``corrections``. ``machine_only`` gives what the
    extractor alone produced: corrections undone, nothing marked.
    """
    corrections = {c["id"]: c for c in list_corrections(db, doc["sha256"])}
    references = [r["number"] for r in db["references"].rows_where("document_id = ?", [doc["id"]], order_by="id")]
    if machine_only:
        doc = {**doc, **json.loads(doc.get("machine") or "{}")}
    metadata = {name: doc.get(name) for name in _META_FIELDS}
    metadata["is_draft"] = bool(doc["is_draft"])
    metadata["implements"] = json.loads(doc["implements"] or "[]")
    metadata["references"] = references
    record = {"source": doc["source"], "sha256": doc["sha256"], "metadata": metadata}
    if not machine_only:
        record["metadata_corrected"] = _mark(doc, corrections, Metadata)
    for table, cls in ITEM_KINDS.items():
        rows = db[table].rows_where("document_id = ?", [doc["id"]], order_by="id")
        if machine_only:
            rows = [{**r, **json.loads(r["machine"] or "{}")} for r in rows if not (r["correction_id"] and r["machine"] is None)]
            rows += [{**json.loads(c["old"]), "document_id": doc["id"]} for c in corrections.values()
                     if c["action"] == "delete" and c["status"] == "applied" and TABLES[c["kind"]] == table]
        record[table] = [_item(row, cls, None if machine_only else _mark(row, corrections, cls)) for row in rows]
    record["checks"] = [
        {"what": r["what"], "expected": r["expected"], "found": r["found"], "span": [r["span_start"], r["span_end"]],
         "quote": r["quote"]}
        for r in db["checks"].rows_where("document_id = ?", [doc["id"]], order_by="id")
    ]
    if not machine_only:
        record["corrections"] = [_correction(c) for c in corrections.values()]
    return record


def _mark(row: dict, corrections: dict[int, dict], cls: type) -> dict | None:
    """``corrected`` of a row: the last correction's who, when and why, and the machine's values; None if none."""
    correction = corrections.get(row.get("correction_id"))
    if correction is None:
        return None
    machine = None if row.get("machine") is None else {
        name: _exported(value, _annotation(cls, name)) for name, value in json.loads(row["machine"]).items()}
    return {"by": correction["by"], "why": correction["why"], "at": correction["at"], "machine": machine}


def _correction(c: dict) -> dict:
    """A correction as the export lists it: its anchor, the change, who and why, and whether it still applies."""
    return {"id": c["id"], "kind": c["kind"], "action": c["action"], "quote": c["quote"],
            "span": [c["span_start"], c["span_end"]], "where": json.loads(c["match"] or "{}"),
            "old": json.loads(c["old"] or "null"), "new": json.loads(c["new"] or "{}"), "by": c["by"], "why": c["why"],
            "at": c["at"], "status": c["status"], "note": c["note"]}


def _annotation(cls: type, name: str) -> str:
    return next((str(f.type) for f in fields(cls) if f.name == name), "str")


def _exported(value, annotation: str):
    """A stored column value in the contract's type: lists from their JSON text, booleans from 0/1."""
    if annotation.startswith("list"):
        return json.loads(value or "[]")
    if annotation.startswith("bool") and value is not None:
        return bool(value)
    return value


def _item(row: dict, cls: type, corrected: dict | None) -> dict:
    out = {f.name: _exported(row[f.name], str(f.type)) for f in data_fields(cls)}
    out["span"] = [row["span_start"], row["span_end"]]
    out["quote"] = row["quote"]
    out["section"] = row["section"]
    if row["page"] is not None:
        out["page"] = row["page"]
    out["corrected"] = corrected
    return out


def export_jsonl(db: sqlite_utils.Database, out: TextIO) -> int:
    """Write one JSON object per document; return how many."""
    count = 0
    for record in document_records(db):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_tables(db: sqlite_utils.Database) -> dict[str, list[dict]]:
    """Flat rows per table: ``documents`` (metadata), then one table per item kind, ``checks`` and ``corrections``.

    Every item row starts with its document's ``source``; lists and objects (``corrected``) are JSON text.
    """
    tables: dict[str, list[dict]] = {"documents": []}
    for record in document_records(db):
        tables["documents"].append({"source": record["source"], "sha256": record["sha256"],
                                    **_flat(record["metadata"]), "corrected": _flat_value(record["metadata_corrected"])})
        for kind in [*ITEM_KINDS, "checks", "corrections"]:
            tables.setdefault(kind, []).extend({"source": record["source"], **_flat(item)} for item in record[kind])
    return tables


def _flat(row: dict) -> dict:
    return {k: _flat_value(v) for k, v in row.items()}


def _flat_value(value):
    """A cell of a flat table: lists and objects as JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


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
