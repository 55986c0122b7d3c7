"""Every extractor over one document, each given the results it depends on.

The one place that knows the order: metadata first (its period dates targets
and budgets), agencies before deadlines (a deadline's agency is the one that
leads its passage).

>>> from chitieu.models.document import Document
>>> result = extract(Document("a.txt", "0", "KẾ HOẠCH\\nI. MỤC TIÊU\\nĐến năm 2025, tỷ lệ trẻ em được tiêm chủng đạt 95%."))
>>> [(t.value, t.year) for t in result.targets]
[(95.0, 2025)]
"""
from __future__ import annotations

from chitieu.extractors.agencies import extract_agencies
from chitieu.extractors.budget_tables import check_budget_tables, read_budget_tables
from chitieu.extractors.budgets import extract_budgets
from chitieu.extractors.deadlines import extract_deadlines
from chitieu.extractors.metadata import extract_metadata
from chitieu.extractors.targets import extract_targets
from chitieu.models.document import Document
from chitieu.models.items import Extraction


def extract(doc: Document) -> Extraction:
    """Run every extractor over ``doc``."""
    meta = extract_metadata(doc)
    agencies = extract_agencies(doc)
    # A one-year plan dates its "trước ngày 15/6" in that year; a longer plan's recur.
    single_year = meta.period_end if meta.period_start == meta.period_end else None
    budget_tables = read_budget_tables(doc)  # read once: budgets take their lines, checks their sums
    return Extraction(
        document=doc,
        metadata=meta,
        targets=extract_targets(doc, meta.period_end),
        budgets=extract_budgets(doc, (meta.period_start, meta.period_end), meta.level, budget_tables),
        agencies=agencies,
        deadlines=extract_deadlines(doc, single_year, agencies),
        checks=check_budget_tables(doc, budget_tables),
    )
