"""Full-text search over section texts and item quotes, written with or without diacritics.

Every passage (a section's own text, or an item's quote) is stored in
``passages`` twice: as written (to show) and folded (``chitieu.models.normalize.fold``:
no case, diacritics, tone-placement differences or ``đ``), to search: the FTS5 index
``passages_fts`` covers the folded text, with ``unicode61 remove_diacritics 2``, so
``tre em``, ``trẻ em``, ``dak lak`` and ``Đắk Lắk`` all find ``Đắk Lắk ... trẻ em``.
The store calls ``index_passages`` inside each document's transaction, with what it has in memory.

>>> from chitieu.pipeline.store import open_db
>>> db = open_db(":memory:")
>>> db["documents"].insert({"id": 1, "sha256": "x", "source": "a.txt", "text": "Phòng chống đuối nước cho trẻ em."})
<Table documents (...)>
>>> db["sections"].insert({"document_id": 1, "idx": 0, "path": "I", "heading": "", "start": 0, "end": 33})
<Table sections (...)>
>>> index_document(db, 1)
>>> [r["section"] for r in search(db, "duoi nuoc")]
['I']
>>> fts_query("Trẻ em, đuối nước")
'"tre" "em" "duoi" "nuoc"'
"""
from __future__ import annotations

import csv
import hashlib
import re
from importlib import resources
from typing import TYPE_CHECKING

from chitieu.models.normalize import fold
from chitieu.pipeline.transactions import insert_rows

if TYPE_CHECKING:
    import sqlite_utils

MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"  # ⟦matched words⟧ in excerpts; rendered as <mark> on the web
_ITEM_TABLES = ["targets", "budgets", "agencies", "deadlines", "checks"]
_WORD = re.compile(r"\w+")
# Items with their plan's place and kind, so researchers can facet targets by province, level or doc_type.
_PLAN_COLUMNS = "d.province, d.district, d.level, d.doc_type, d.number as plan_number, d.period_end as plan_period_end"
_VIEWS = {f"plan_{table}": f"select {_PLAN_COLUMNS}, i.* from [{table}] i join documents d on d.id = i.document_id"
          for table in ["targets", "budgets", "agencies", "deadlines"]}


def create_search_schema(db: sqlite_utils.Database) -> None:
    """Create (once) the passages table, its FTS index, the item views and the national indicator table.

    A database made before the search index existed gets its stored documents indexed here.
    """
    with db.atomic():
        new = "passages" not in db.table_names()
        if new:
            db["passages"].create(
                {"id": int, "document_id": int, "kind": str, "ref_id": int, "section": str, "heading": str,
                 "span_start": int, "span_end": int, "text": str, "folded": str},
                pk="id", foreign_keys=[("document_id", "documents", "id")],
            )
            db["passages"].create_index(["document_id"])
        # Only ``folded`` is indexed: a query is folded (``fts_query``), so a word of ``text`` matches
        # nothing its folded twin does not. No triggers: ``index_passages`` and ``delete_passages`` write
        # the index themselves, one statement for a document's rows, where a trigger's insert, one per
        # row, cost five times as much. A schema-2 index (both columns, triggers) is rebuilt here, once
        # (``replace`` does nothing when the index is already so).
        db["passages"].enable_fts(["folded"], tokenize="unicode61 remove_diacritics 2", create_triggers=False,
                                  replace=True)
        # FTS5 merges a level's segments into one when it holds ``automerge`` of them: at 16 (its maximum; the
        # default is 4) each indexed word is rewritten fewer times as a corpus grows, ~9% of the writer's work
        # over ten copies of the bench corpus, and a search reads at most 16 segments a level instead of 4.
        db.execute("insert into passages_fts (passages_fts, rank) values ('automerge', 16)")
        if new:
            for (document_id,) in db.execute("select id from documents").fetchall():
                index_document(db, document_id)
        for name, sql in _VIEWS.items():
            db.execute(f"create view if not exists {name} as {sql}")
        _load_national_indicators(db)


def _load_national_indicators(db: sqlite_utils.Database) -> None:
    """(Re)load ``models/qd23_indicators.csv`` into ``national_indicators`` when the bundled file changed."""
    data = resources.files("chitieu.models").joinpath("qd23_indicators.csv").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    stored = db.execute("select value from meta where key = 'national_indicators_sha256'").fetchone()
    if stored and stored[0] == digest and "national_indicators" in db.table_names():
        return
    lines = [line for line in data.decode("utf-8").splitlines() if line and not line.startswith("#")]
    rows = [{**row, **{k: float(row[k]) if row[k] else None for k in ("value_2025", "value_2030")}}
            for row in csv.DictReader(lines)]
    db["national_indicators"].drop(ignore=True)
    db["national_indicators"].insert_all(rows, pk="code", columns={"value_2025": float, "value_2030": float})
    db["meta"].upsert({"key": "national_indicators_sha256", "value": digest}, pk="key")


def index_document(db: sqlite_utils.Database, document_id: int) -> None:
    """(Re)index one stored document's passages from its rows (a database made before the index existed)."""
    delete_passages(db, document_id)
    (text,) = db.execute("select text from documents where id = ?", [document_id]).fetchone()
    text = text or ""
    sections = db.execute("select id, path, heading, start, [end], parent_idx from sections where document_id = ? "
                          "order by idx", [document_id]).fetchall()
    quotes = [(table, *row) for table in _ITEM_TABLES for row in db.execute(
        f"select id, section, span_start, span_end, quote from [{table}] where document_id = ? order by id",
        [document_id])]
    index_passages(db, document_id, text, fold(text), sections, quotes)


def index_passages(db: sqlite_utils.Database, document_id: int, text: str, folded: str,
                   sections: list[tuple], quotes: list[tuple]) -> None:
    """Index a document's passages: each section's own text and each item's quote.

    ``folded`` is ``fold(text)`` (the document has it already); ``sections`` are
    (id, path, heading, start, end, parent index) in reading order; ``quotes`` are
    (item table, id, section, start, end, quote). A section's own text runs from its
    start to its first subsection, so every word is indexed once and a hit names the
    most specific section.
    """
    first_child: dict[int, int] = {}
    for _, _, _, start, _, parent in sections:
        if parent is not None:
            first_child.setdefault(parent, start)
    rows = []
    for idx, (ref_id, path, heading, start, end, _) in enumerate(sections):
        end = first_child.get(idx, end)
        if text[start:end].strip():
            rows.append((document_id, "section", ref_id, path, heading, start, end, text[start:end], folded[start:end]))
    rows += [(document_id, table, ref_id, section, None, start, end, quote, folded_quote(quote, start, end, text, folded))
             for table, ref_id, section, start, end, quote in quotes if quote and quote.strip()]
    ids = insert_rows(db.conn, "passages", ["document_id", "kind", "ref_id", "section", "heading", "span_start",
                                            "span_end", "text", "folded"], rows)
    db.conn.executemany("insert into passages_fts (rowid, folded) values (?, ?)",
                        [(id_, row[-1]) for id_, row in zip(ids, rows)])


def folded_quote(quote: str, start: int, end: int, text: str, folded: str) -> str:
    """``fold(quote)`` of an item's quote, cut from the document's ``folded`` text where the quote stands around the
    item's span [start, end), as it does when it is the sentence around it; folded anew when it is not there.

    Folding keeps every offset, so the cut is the quote folded; folding hundreds of quotes again cost the
    writer more than finding each.

    >>> text = "Mục tiêu. Đạt 90% vào năm 2025."
    >>> folded_quote("Đạt 90% vào năm 2025.", 14, 17, text, fold(text))
    'dat 90% vao nam 2025.'
    >>> folded_quote("Đạt 90% (bảng 1)", 14, 17, text, fold(text))  # not the text's own words: folded anew
    'dat 90% (bang 1)'
    """
    at = text.find(quote, max(0, end - len(quote)), start + len(quote))
    return folded[at:at + len(quote)] if at >= 0 else fold(quote)


def delete_passages(db: sqlite_utils.Database, document_id: int) -> None:
    """Delete a document's passages and their words from the index (which keeps no text: it is told the old words)."""
    old = db.execute("select id, folded from passages where document_id = ?", [document_id]).fetchall()
    db.conn.executemany("insert into passages_fts (passages_fts, rowid, folded) values ('delete', ?, ?)", old)
    db.execute("delete from passages where document_id = ?", [document_id])


def fts_query(query: str) -> str:
    """An FTS5 query matching every word of ``query``, folded, and each "quoted phrase" as a phrase.

    Every word is quoted, so none is read as FTS syntax.

    >>> fts_query('"Đắk Lắk" trẻ OR')
    '"dak lak" "tre" "or"'
    """
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|([^"\s]+)', fold(query)):
        words = _WORD.findall(phrase or word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " ".join(parts)


def query_words(query: str) -> str:
    """The words of ``query``, folded, one space apart: passages holding them side by side rank first.

    >>> query_words("Đuối  nước!")
    'duoi nuoc'
    """
    return " ".join(_WORD.findall(fold(query)))


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[dict]:
    """The passages holding every word of ``query`` (any diacritics); those holding them side by side first.

    Without diacritics words can mean more than one thing: ``duoi`` is both ``đuối`` and ``dưới``.
    """
    return list(db.query(
        """select p.* from passages_fts join passages p on p.id = passages_fts.rowid
           where passages_fts match ? order by instr(p.folded, ?) = 0, passages_fts.rank limit ?""",
        [fts_query(query) or '""', query_words(query), limit],
    ))


def excerpt(text: str | None, query: str | None, width: int = 160) -> str:
    """About ``width`` characters around the first word of ``query`` in ``text``, its words ⟦marked⟧.

    >>> excerpt("Giảm tử vong do đuối nước ở trẻ em.", "duoi nuoc", width=20)
    '…tử vong do ⟦đuối⟧ ⟦nước⟧…'
    """
    text = text or ""
    words = _WORD.findall(fold(query or ""))
    if not words:
        return text[:width] + ("…" if len(text) > width else "")
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
    first = pattern.search(fold(text))
    start = max(0, (first.start() if first else 0) - width // 2)
    start = text.rfind(" ", 0, start) + 1 if start else 0  # whole words only
    end = text.find(" ", min(len(text), start + width))
    end = len(text) if end < 0 else end
    marked, last = [], start
    for m in pattern.finditer(fold(text), start, end):
        marked += [text[last:m.start()], MARK_OPEN, text[m.start():m.end()], MARK_CLOSE]
        last = m.end()
    marked.append(text[last:end])
    return ("…" if start else "") + "".join(marked) + ("…" if end < len(text) else "")


def in_context(text: str | None, start: int, end: int, width: int = 400) -> str:
    """The span ``text[start:end]`` ⟦marked⟧ with ``width`` characters either side.

    >>> in_context("Mục tiêu: đạt 77% vào năm 2025.", 14, 17, width=5)
    '… đạt ⟦77%⟧ vào …'
    """
    text = text or ""
    before, after = max(0, start - width), min(len(text), end + width)
    return ("…" if before else "") + text[before:start] + MARK_OPEN + text[start:end] + MARK_CLOSE + \
        text[end:after] + ("…" if after < len(text) else "")
