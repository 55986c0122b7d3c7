"""A person's corrections: stored apart from the machine's rows, applied to them, kept across re-extraction.

A correction is anchored by the document's sha256, the item kind and a quote
(the first place that text occurs) with its span, never by a row id: rows are
rewritten at every ingest. ``apply_corrections`` runs after each document is
stored and puts every correction back: it finds the quote again, the item
whose span overlaps it (narrowed by the ``where`` fields, then by the values
the machine gave when the person corrected it), and applies the change. A
correction whose quote is gone, or that no longer singles out one item, is
kept as ``orphaned`` with the reason, and applied to nothing.

A corrected row keeps the machine's values of the fields a person changed in
``machine`` (JSON) and the last correction's id in ``correction_id``; a row a
person added has a ``correction_id`` and no ``machine``.

>>> from chitieu.pipeline.store import open_db
>>> list_corrections(open_db(":memory:"))
[]
"""
from __future__ import annotations

import json
import re
from dataclasses import MISSING, fields
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from chitieu.models.document import Document
from chitieu.models.items import ASSESSMENT, ITEM_KINDS, Metadata, data_fields
from chitieu.models.normalize import fold
from chitieu.pipeline.transactions import write_transaction

if TYPE_CHECKING:
    import sqlite_utils  # the store imports this module: it must stay as light to import as the store

# The KIND a person names -> the table its rows live in.
TABLES = {"target": "targets", "budget": "budgets", "agency": "agencies", "deadline": "deadlines",
          "metadata": "documents"}
_COLUMNS = {"id": int, "sha256": str, "source": str, "kind": str, "action": str, "quote": str, "span_start": int,
            "span_end": int, "match": str, "old": str, "new": str, "by": str, "why": str, "at": str,
            "status": str, "note": str}
# What an added item cannot do without: the field its kind is paired on.
_REQUIRED = {"target": "value", "budget": "amount_vnd", "agency": "name", "deadline": "due"}
# Columns a corrected row carries in every item table and in documents.
MARK_COLUMNS = {"correction_id": int, "machine": str}


class CorrectionError(ValueError):
    """A correction that cannot be made as asked; the message says why (and lists the candidates)."""


def create_corrections_schema(db: sqlite_utils.Database) -> None:
    """The ``corrections`` table, and the marking columns of every item table and of ``documents``."""
    if "corrections" not in db.table_names():
        db["corrections"].create(_COLUMNS, pk="id", not_null={"sha256", "kind", "action", "by", "why"})
        db["corrections"].create_index(["sha256"])
    for table in set(TABLES.values()):
        missing = {c: t for c, t in MARK_COLUMNS.items() if c not in db[table].columns_dict}
        for column, kind in missing.items():
            db[table].add_column(column, kind)


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Span of the first occurrence of ``quote`` in ``text``, whatever its case, diacritics or line breaks.

    >>> find_quote("Tỷ lệ tiêm chủng\\nđạt 95%.", "tiem chung dat 95%")
    (6, 24)
    >>> find_quote("abc", "") is None, find_quote("abc", "xyz") is None
    (True, True)
    """
    words = fold(quote).split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), fold(text))
    return found.span() if found else None


def parse_assignments(pairs: list[str], kind: str) -> dict:
    """``["value=95", "year=2025"]`` as column values of ``kind``'s table, typed by the item's fields.

    ``null`` is None; a list field takes JSON or comma-separated words.

    >>> parse_assignments(["value=9,5", "year=2025", "code=null"], "target")
    {'value': 9.5, 'year': 2025, 'code': None}
    >>> parse_assignments(["indicators=1, 2"], "agency")
    {'indicators': '["1", "2"]'}
    >>> parse_assignments(["colour=red"], "target")
    Traceback (most recent call last):
    ...
    chitieu.pipeline.corrections.CorrectionError: target has no field 'colour'; its fields: indicator, value, \
value_max, unit, comparator, kind, year, code, national_code, confidence, raw
    """
    types = _field_types(kind)
    values = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep:
            raise CorrectionError(f"{pair!r} is not field=value")
        if name not in types:
            raise CorrectionError(f"{kind} has no field {name!r}; its fields: {', '.join(types)}")
        values[name] = _typed(text.strip(), types[name], name)
    return values


def _field_types(kind: str) -> dict[str, str]:
    """Field name -> annotation head (``float``, ``int``, ``bool``, ``list``, ``str``) a person may correct."""
    if kind == "metadata":
        columns = [f for f in fields(Metadata) if f.name != "references"]
    else:
        columns = [f for f in data_fields(ITEM_KINDS[TABLES[kind]]) if f.name not in ASSESSMENT]
    return {f.name: str(f.type).split("[")[0].split("|")[0].strip() for f in columns}


def _typed(text: str, head: str, name: str):
    """A typed column value (lists as JSON text, booleans as 0/1, as the store keeps them)."""
    if text.lower() in ("null", "none", ""):
        return None
    try:
        if head == "float":
            return float(text.replace(",", "."))
        if head == "int":
            return int(text)
    except ValueError:
        raise CorrectionError(f"{name}={text!r}: not a number") from None
    if head == "bool":
        if text.lower() not in ("true", "false", "1", "0"):
            raise CorrectionError(f"{name}={text!r}: true or false")
        return int(text.lower() in ("true", "1"))
    if head == "list":
        items = json.loads(text) if text.startswith("[") else [w.strip() for w in text.split(",") if w.strip()]
        return json.dumps(items, ensure_ascii=False)
    return text


def correct(db: sqlite_utils.Database, document: dict, kind: str, quote: str, *, by: str, why: str,
            match: dict | None = None, new: dict | None = None, delete: bool = False, add: bool = False) -> dict:
    """Record one correction of ``document`` (a documents row) and apply it; return the stored correction.

    ``set`` (``new`` without ``add``), ``delete`` or ``add`` one item of ``kind``:
    the item is the one whose span overlaps the first occurrence of ``quote``
    and whose columns equal ``match``. Raises CorrectionError when nothing, or
    more than one item, is selected (the message lists the candidates), or when
    the request is incomplete.
    """
    if kind not in TABLES:
        raise CorrectionError(f"unknown kind {kind!r}; one of {', '.join(TABLES)}")
    if not (by.strip() and why.strip()):
        raise CorrectionError("--by and --why are required: who corrects, and why")
    if [bool(new) and not add, delete, add].count(True) != 1:
        raise CorrectionError("give one of: --set field=value..., --delete, --add field=value...")
    if (add or delete) and kind == "metadata":
        raise CorrectionError("metadata is corrected with --set only")
    if add and (new or {}).get(_REQUIRED[kind]) is None:
        raise CorrectionError(f"an added {kind} needs --add {_REQUIRED[kind]}=...")
    span = find_quote(document["text"], quote)
    if span is None:
        raise CorrectionError(f"{quote!r} does not occur in {document['source']}")
    row = {"sha256": document["sha256"], "source": document["source"], "kind": kind,
           "action": "add" if add else "delete" if delete else "set", "quote": quote, "span_start": span[0],
           "span_end": span[1], "match": json.dumps(match or {}, ensure_ascii=False),
           "new": json.dumps(new or {}, ensure_ascii=False), "by": by.strip(), "why": why.strip(),
           "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    with write_transaction(db):  # the candidates read and the correction written under one write lock
        if not add:
            target = _one(_candidates(db, document, kind, span, match or {}), kind, quote, document["source"])
            row["old"] = json.dumps(_values(target, kind), ensure_ascii=False)
        row["id"] = db["corrections"].insert({**row, "status": "applied"}).last_pk
        _apply(db, document, row, span, target if not add else None)
    return next(db["corrections"].rows_where("id = ?", [row["id"]]))


def _candidates(db: sqlite_utils.Database, document: dict, kind: str, span: tuple[int, int], match: dict) -> list[dict]:
    """Rows of ``kind`` in ``document`` whose span overlaps ``span`` and whose columns equal ``match``."""
    if kind == "metadata":
        return list(db["documents"].rows_where("id = ?", [document["id"]]))  # fresh: an earlier correction may have set it
    rows = db[TABLES[kind]].rows_where("document_id = ? and span_start < ? and span_end > ?",
                                       [document["id"], span[1], span[0]], order_by="span_start, id")
    return [r for r in rows if all(_same(r.get(k), v) for k, v in match.items())]


def _same(stored, wanted) -> bool:
    if isinstance(stored, float) or isinstance(wanted, float):
        return stored is not None and wanted is not None and abs(float(stored) - float(wanted)) < 1e-9
    return stored == wanted


def _one(rows: list[dict], kind: str, quote: str, source: str) -> dict:
    """The single row selected, or a CorrectionError saying there is none or listing them all."""
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise CorrectionError(f"no {kind} of {source} overlaps {quote!r} (with those --where values)")
    listed = "\n".join(f"  {describe_row(kind, r)}" for r in rows)
    raise CorrectionError(f"{len(rows)} {kind} items overlap {quote!r}; narrow with --where field=value:\n{listed}")


def describe_row(kind: str, row: dict) -> str:
    """One line naming an item row by its fields, as a person would tell candidates apart.

    >>> describe_row("agency", {"name": "Sở Y tế", "role": "lead", "span_start": 5, "span_end": 12})
    "[5-12] name='Sở Y tế' role='lead'"
    """
    shown = {k: row.get(k) for k in _field_types(kind) if row.get(k) not in (None, "", "[]")}
    return f"[{row.get('span_start')}-{row.get('span_end')}] " + " ".join(
        f"{k}={v!r}" for k, v in list(shown.items())[:6])


def _values(row: dict, kind: str) -> dict:
    """What the machine gave: the metadata fields a person may correct, or an item's whole row but its ids."""
    if kind == "metadata":
        return {k: row.get(k) for k in _field_types(kind)}
    return {k: v for k, v in row.items() if k not in ("id", "document_id", *MARK_COLUMNS)}


def _apply(db: sqlite_utils.Database, document: dict, correction: dict, span: tuple[int, int],
           target: dict | None) -> None:
    """Make ``correction`` true of the rows of ``document`` (``target``: the row it selects; None for add)."""
    table = TABLES[correction["kind"]]
    new = json.loads(correction["new"])
    if correction["action"] == "delete":
        db[table].delete(target["id"])
    elif correction["action"] == "add":
        db[table].insert({**_added_row(db, document, correction["kind"], span), **new,
                          "correction_id": correction["id"], "machine": None})
    else:
        machine = json.loads(target.get("machine") or "{}")
        machine.update({k: target.get(k) for k in new if k not in machine})
        db[table].update(target["id"], {**new, "correction_id": correction["id"],
                                        "machine": json.dumps(machine, ensure_ascii=False)})


def _added_row(db: sqlite_utils.Database, document: dict, kind: str, span: tuple[int, int]) -> dict:
    """A new item row at ``span``: the dataclass defaults, with the section, page and sentence it sits in."""
    row = {}
    for f in data_fields(ITEM_KINDS[TABLES[kind]]):
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        row[f.name] = json.dumps(default) if isinstance(default, list) else default
    section = db.execute("select path from sections where document_id = ? and start <= ? and ? < \"end\" "
                         "order by start desc limit 1", [document["id"], span[0], span[0]]).fetchone()
    page = db.execute("select number from pages where document_id = ? and start <= ? order by start desc limit 1",
                      [document["id"], span[0]]).fetchone()
    sentence = Document(document["source"], document["sha256"], document["text"]).sentence_span(*span)
    # certainty 1: a person stated it (and review leaves corrected items out)
    return {**row, "document_id": document["id"], "span_start": span[0], "span_end": span[1],
            "section": section and section[0], "page": page and page[0],
            "quote": document["text"][slice(*sentence)], "certainty": 1.0}


def apply_corrections(db: sqlite_utils.Database, document_id: int) -> None:
    """Put every correction of the document stored as ``document_id`` back on its fresh rows.

    Each is found again by its quote; its status becomes ``applied``, or
    ``orphaned`` (with the reason in ``note``) when the quote is gone or no
    single item answers to it any more.
    """
    (sha256,) = db.execute("select sha256 from documents where id = ?", [document_id]).fetchone()
    # Read on the connection: sqlite-utils' ``rows_where`` would list the database's tables first, and its
    # ``query`` wraps the read in a savepoint, which makes the search index write out its pending words.
    cursor = db.conn.execute("select * from corrections where sha256 = ? order by id", [sha256])
    columns = [column for column, *_ in cursor.description]
    corrections = [dict(zip(columns, row)) for row in cursor]
    if not corrections:  # most documents: their text is not read back
        return
    document = next(db["documents"].rows_where("id = ?", [document_id]))
    for correction in corrections:
        status, note, span = "applied", None, find_quote(document["text"], correction["quote"])
        try:
            if span is None:
                raise CorrectionError("its quote is no longer in the text")
            target = None if correction["action"] == "add" else _reanchored(db, document, correction, span)
            _apply(db, document, correction, span, target)
        except CorrectionError as exc:
            status, note = "orphaned", str(exc)
        db["corrections"].update(correction["id"], {"status": status, "note": note, **(
            {"span_start": span[0], "span_end": span[1]} if span else {})})


def _reanchored(db: sqlite_utils.Database, document: dict, correction: dict, span: tuple[int, int]) -> dict:
    """The one row ``correction`` selects now: by overlap and ``match``, then by the machine values it corrected."""
    kind = correction["kind"]
    rows = _candidates(db, document, kind, span, json.loads(correction["match"]))
    if len(rows) > 1:
        old = {k: v for k, v in json.loads(correction["old"] or "{}").items() if k in _field_types(kind)}
        rows = [r for r in rows if all(_same(_machine_value(r, k), v) for k, v in old.items())]
    if len(rows) != 1:
        raise CorrectionError(f"{len(rows) or 'no'} {kind} items answer to it now")
    return rows[0]


def _machine_value(row: dict, name: str):
    machine = json.loads(row.get("machine") or "{}")
    return machine.get(name, row.get(name))


def list_corrections(db: sqlite_utils.Database, sha256: str | None = None) -> list[dict]:
    """Every correction (of one document when ``sha256`` is given), oldest first, orphaned ones included."""
    where, params = ("sha256 = ?", [sha256]) if sha256 else (None, [])
    return list(db["corrections"].rows_where(where, params, order_by="id"))
