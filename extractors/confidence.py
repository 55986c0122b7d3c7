"""How sure the extractor is of each item, from evidence visible in the item and its document.

``assess`` is a pure function of an ``Extraction``: it returns a copy whose
targets, budgets, agencies and deadlines carry ``certainty`` (0-1) and
``doubts`` (why it is below 1). Each doubt multiplies the certainty by its
weight, so two weak signs count more than one:

- a value read from a table (columns can be misread as rows) rather than prose;
- a target whose comparator word is not written beside its value (carried
  over from an earlier value, or defaulted to ``>=``);
- a target or deadline whose year is not written in its sentence (the plan's
  period end was used);
- an agency name that none of the gazetteer's sectors or bodies appears in;
- a page read by OCR, more so the lower its quality;
- a budget whose table does not add up, or whose amount in words disagrees.

>>> from chitieu.models.document import Document
>>> from chitieu.models.items import Extraction, Metadata, Target
>>> doc = Document("a.txt", "0", "Tỷ lệ tiêm chủng 95%.")
>>> t = Target(**doc.origin(17, 20), value=95.0, year=2025, raw="95%")
>>> assessed = assess(Extraction(doc, Metadata(), targets=[t])).targets[0]
>>> assessed.certainty, assessed.doubts
(0.56, ['comparator not written beside the value', 'year taken from the plan period'])
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from chitieu.extractors.gazetteer import KNOWN_NAMES
from chitieu.extractors.numbers import YEAR
from chitieu.extractors.targets import CHANGE_VERBS
from chitieu.models.document import Document, Page
from chitieu.models.items import Agency, Assessed, Budget, Deadline, Extraction, Target
from chitieu.models.lexicon import terms
from chitieu.models.normalize import fold

# What each doubt costs: the certainty is multiplied by its weight.
WEIGHTS = {
    "read from a table": 0.85,
    "comparator not written beside the value": 0.8,
    "year taken from the plan period": 0.7,
    "name not in the gazetteer": 0.6,
    "page read by OCR": 0.85,
    "budget table does not add up": 0.6,
    "amount in words disagrees": 0.5,
    "no year in its words": 0.8,
}
# Below this share of valid syllables an OCR page's words are often wrong: its items count a second doubt.
POOR_OCR = 0.8


def assess(extraction: Extraction) -> Extraction:
    """A copy of ``extraction`` whose items carry their certainty and doubts."""
    where = _Where(extraction.document)
    check_spans = [c.span for c in extraction.checks]
    return replace(
        extraction,
        targets=[_assessed(t, where, _target_doubts(t)) for t in extraction.targets],
        budgets=[_assessed(b, where, _budget_doubts(b, check_spans)) for b in extraction.budgets],
        agencies=[_assessed(a, where, _agency_doubts(a)) for a in extraction.agencies],
        deadlines=[_assessed(d, where, _deadline_doubts(d)) for d in extraction.deadlines],
    )


def _assessed(item: Assessed, where: _Where, doubts: list[str]) -> Assessed:
    doubts = where.doubts(item) + doubts
    certainty = 1.0
    for doubt in doubts:
        certainty *= WEIGHTS[doubt.split(" (")[0]]
    return _with_doubts(item, round(certainty, 2), doubts)


def _with_doubts(item: Assessed, certainty: float, doubts: list[str]) -> Assessed:
    """``dataclasses.replace(item, certainty=..., doubts=...)``: a copy of the item's fields with these two set.

    For a kind whose copy is its fields (``_copied_by_fields``) the fields are copied, not passed to
    ``__init__`` one by one (a quarter of the cost, for every item of every plan); any other kind is replaced.
    """
    if not _copied_by_fields(type(item)):
        return replace(item, certainty=certainty, doubts=doubts)
    copied = object.__new__(type(item))
    copied.__dict__.update(item.__dict__, certainty=certainty, doubts=doubts)
    return copied


@cache
def _copied_by_fields(kind: type) -> bool:
    """Whether a copy of an item of ``kind`` is a copy of its ``__dict__``: its fields are kept there (no
    ``__slots__``) and its ``__init__`` does nothing but set them (no ``__post_init__``), as for every kind of
    ``chitieu.models.items`` (checked once a kind).

    >>> _copied_by_fields(Target)
    True
    """
    return not hasattr(kind, "__slots__") and not hasattr(kind, "__post_init__")


class _Where:
    """Doubts every kind shares, from where an item stands: read from a table, read by OCR (twice when the page
    reads poorly). The document's tables and pages are gathered once for all its items."""

    def __init__(self, doc: Document) -> None:
        self.tables = (*doc.tables, *doc.cell_line_tables)
        self.pages: dict[int, Page] = {}
        for page in doc.pages:
            self.pages.setdefault(page.number, page)  # the first page of a number, as a search in order finds

    def doubts(self, item: Assessed) -> list[str]:
        doubts = ["read from a table"] if self.in_table(item.span) else []
        page = self.pages.get(item.page)
        if page is not None and page.method == "ocr":
            quality = page.quality if page.quality is not None else 0.0
            doubts.append(f"page read by OCR (quality {quality:.2f})")
            if quality < POOR_OCR:
                doubts.append(f"page read by OCR (quality {quality:.2f} below {POOR_OCR})")
        return doubts

    def in_table(self, span: tuple[int, int]) -> bool:
        """Whether ``span`` lies inside one of the document's tables (cells on a line, or one cell per line).

        >>> where = _Where(Document("a.txt", "0", "Mục tiêu 90%.\\n1\\tTiêm chủng\\t95\\n2\\tKhám\\t80"))
        >>> where.in_table((27, 29)), where.in_table((9, 12))
        (True, False)
        """
        return any(t.start <= span[0] and span[1] <= t.end for t in self.tables)


def _target_doubts(target: Target) -> list[str]:
    doubts = []
    if target.value_max is None and not states_comparator(target.raw):
        doubts.append("comparator not written beside the value")
    if target.year is not None and not _states_year(target.quote, target.year):
        doubts.append("year taken from the plan period")
    return doubts


def _budget_doubts(budget: Budget, check_spans: list[tuple[int, int]]) -> list[str]:
    doubts = []
    if any(start < budget.span[1] and budget.span[0] < end for start, end in check_spans):
        doubts.append("budget table does not add up")
    if budget.words_match is False:
        doubts.append("amount in words disagrees")
    return doubts


def _agency_doubts(agency: Agency) -> list[str]:
    return [] if in_gazetteer(agency.name) else ["name not in the gazetteer"]


def _deadline_doubts(deadline: Deadline) -> list[str]:
    year = deadline.due[:4]
    if year.isdigit() and not _states_year(deadline.due_text, int(year)) and not _states_year(deadline.quote, int(year)):
        return ["no year in its words"]
    return []


def states_comparator(raw: str) -> bool:
    """Whether the value as written carries a comparator word (``đạt``, ``dưới``, ``xuống còn``...).

    >>> states_comparator("dưới 9,5"), states_comparator("95%")
    (True, False)
    """
    return bool(_comparator_pattern().search(fold(raw)))


@cache
def _comparator_pattern() -> re.Pattern:
    # every bound word of models/lexicon/comparators.csv, and the verbs of a change ("giảm 5%")
    words = sorted({fold(t) for t in (*terms("comparators"), *CHANGE_VERBS)}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def _states_year(text: str, year: int) -> bool:
    """Whether ``text`` writes ``year`` as a year (``YEAR``'s four digits, no digit on either side).

    >>> _states_year("năm 2025, 12025 và 2026", 2025), _states_year("12025", 2025), _states_year("năm 2025", 1025)
    (True, False, False)
    """
    return _year_alone(year).search(text) is not None


_NEVER = re.compile(r"(?!)")


@lru_cache(maxsize=256)  # a plan's few years: the pattern opens with the year's digits, which the engine skips to
def _year_alone(year: int) -> re.Pattern:
    """``year`` written alone, found as a search of the text's years finds it (never, for what is no ``YEAR``)."""
    digits = str(year)
    return re.compile(rf"(?<!\d){digits}(?!\d)") if re.fullmatch(YEAR, digits) else _NEVER


@lru_cache(maxsize=1024)  # plans name the same bodies: half the names of seeds+dev are another's
def in_gazetteer(name: str) -> bool:
    """Whether one of the gazetteer's sector or body names (``models/agencies.json``) is part of ``name``.

    >>> in_gazetteer("Sở Lao động - Thương binh và Xã hội"), in_gazetteer("Nhóm bạn trẻ")
    (True, False)
    """
    return _KNOWN_NAME.search(fold(name)) is not None


_KNOWN_NAME = re.compile("|".join(map(re.escape, KNOWN_NAMES)))  # one search, not one test per known name
