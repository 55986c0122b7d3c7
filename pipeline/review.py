"""``chitieu review``: the items most worth a person's minute, riskiest first.

Risk is the item's certainty (``chitieu.extractors.confidence``: read from a
table, an OCR page, a year taken from the plan's period, a comparator not
written, a name outside the gazetteer, a budget that does not add up); an
orphaned correction comes first of all, since a person's work no longer
applies. Items a person already corrected are left out. Each row names the
document, section and quote, and links into the document's page
(``documents/ID.html#targets-3``, relative to ``chitieu report``'s folder;
``chitieu serve`` serves the same pages under ``/-/page/ID``).

``REVIEW_SQL`` is the one definition: the command runs it, and ``serve``
offers it as the canned query ``review``.

>>> from chitieu.pipeline.store import open_db
>>> review_rows(open_db(":memory:"))
[]
"""
from __future__ import annotations

import json

import sqlite_utils

# Each kind's items in one shape: what it is in a few words, its place, its certainty, its position in its document.
_ITEMS = {
    "targets": "t.comparator || ' ' || t.value || ' ' || t.unit || ' (' || coalesce(t.year, '-') || ') ' || "
               "substr(t.indicator, 1, 60)",
    "budgets": "t.amount_vnd || ' đồng ' || t.kind || coalesce(' ' || t.source, '')",
    "agencies": "t.name || ' (' || t.role || ')'",
    "deadlines": "t.due || ' ' || t.kind || coalesce(' ' || t.agency, '')",
}
_ITEM_SELECTS = "\nunion all\n".join(
    f"select '{table}' as kind, {what} as item, t.document_id, t.section, t.quote, t.span_start, t.span_end, "
    f"t.certainty, t.doubts, t.correction_id, "
    f"row_number() over (partition by t.document_id order by t.id) as position from {table} t"
    for table, what in _ITEMS.items())

REVIEW_SQL = f"""with items as (
{_ITEM_SELECTS}
)
select i.certainty, i.doubts as reasons, d.source, i.kind, i.item, i.section, i.quote,
       'documents/' || d.id || '.html#' || i.kind || '-' || i.position as page,
       i.document_id, i.span_start, i.span_end
from items i join documents d on d.id = i.document_id
where i.correction_id is null and i.certainty < 1
union all
select 0.0, json_array('orphaned correction: ' || coalesce(c.note, '')), c.source, c.kind,
       c.action || ' ' || coalesce(c.new, '') || ' by ' || c.by, null, c.quote,
       'documents/' || d.id || '.html', d.id, c.span_start, c.span_end
from corrections c left join documents d on d.sha256 = c.sha256
where c.status = 'orphaned'
order by 1, 3, 10"""


def review_rows(db: sqlite_utils.Database, limit: int | None = None) -> list[dict]:
    """The review queue, riskiest first, at most ``limit`` rows; ``reasons`` as one line of text."""
    rows = []
    for row in db.query(REVIEW_SQL + (f" limit {int(limit)}" if limit else "")):
        reasons = json.loads(row["reasons"] or "[]")
        rows.append({**row, "reasons": "; ".join(reasons)})
    return rows
