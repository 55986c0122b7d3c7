"""One QĐ 23/QĐ-TTg indicator across every plan that states it, beside the national value.

>>> from chitieu.pipeline.store import open_db
>>> db = open_db(":memory:")
>>> compare_indicator(db, "1")
[]
>>> compare_indicator(db, "99")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: QĐ 23/QĐ-TTg has no indicator '99'; its codes are 1, 2, 3.1, 3.2, 3.3, 4.1, ..., 24
"""
from __future__ import annotations

import sqlite_utils
from chitieu.pipeline.align import (
    Goal,
    describe,
    document_label,
    judge,
    national_reference,
)
from chitieu.extractors.provinces import canonical_province, province_2025


def national_goals(code: str) -> dict[int | None, Goal]:
    """QĐ 23's goals for indicator ``code`` by year; ``ValueError`` naming the known codes when there is none."""
    goals = national_reference().goals
    found = {g.year: g for g in goals if g.key == code}
    if not found:
        codes = ", ".join(dict.fromkeys(g.key for g in goals))
        raise ValueError(f"QĐ 23/QĐ-TTg has no indicator {code!r}; its codes are {codes}")
    return found


def compare_indicator(db: sqlite_utils.Database, code: str, year: int | None = None) -> list[dict]:
    """Every target restating QĐ 23 indicator ``code`` (in ``year``), one row each, beside the national value.

    Rows are sorted by year, then from the strictest value to the loosest (lower
    first for a rate that should fall), then by province. ``status`` is the
    alignment status against the national value of that year, ``None`` when QĐ
    23 sets none for it (plans of 2016-2020).
    """
    goals = national_goals(code)
    lower_better = next(iter(goals.values())).comparator in ("<", "<=")
    where, params = "t.national_code = ?", [code]
    if year is not None:
        where, params = where + " and t.year = ?", [*params, year]
    targets = db.query(
        "select t.*, d.source, d.number, d.province as doc_province, d.district, d.period_start, d.period_end "
        f"from targets t join documents d on d.id = t.document_id where {where}", params,
    )
    rows = []
    for t in targets:
        goal = goals.get(t["year"])
        province = canonical_province(t["doc_province"]) or t["doc_province"]
        rows.append({
            "province": province, "province_2025": province_2025(province), "district": t["district"],
            "plan": document_label({**t, "province": t["doc_province"]}), "number": t["number"],
            "period": "-".join(str(y) for y in dict.fromkeys((t["period_start"], t["period_end"])) if y) or None,
            "year": t["year"],
            "comparator": t["comparator"], "value": t["value"], "value_max": t["value_max"], "unit": t["unit"],
            "kind": t["kind"], "national": describe(goal) if goal else None,
            "status": judge(goal, [t]).status.value if goal else None,
            "quote": t["quote"], "source": t["source"], "document_id": t["document_id"], "target_id": t["id"],
            "correction_id": t["correction_id"], "machine": t["machine"],  # a person's correction, the machine's values
        })
    rows.sort(key=lambda r: (r["year"] or 0, r["value"] if lower_better else -r["value"], r["province"] or ""))
    return rows


def comparison_table(rows: list[dict]) -> list[dict]:
    """The columns a reader scans in a terminal: where, which plan, the value beside the national one, the quote."""
    table = [
        {"province": r["province"] if r["province_2025"] in (None, r["province"])
         else f"{r['province']} (now {r['province_2025']})",
         "district": r["district"], "plan": r["number"] or r["source"], "year": r["year"],
         "value": describe(r) + (" (change)" if r["kind"] == "change" else ""), "national": r["national"],
         "status": r["status"], "quote": r["quote"]}
        for r in rows
    ]
    if not any(r["district"] for r in table):
        for r in table:
            del r["district"]
    return table
