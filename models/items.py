"""The items the contract (shared/spec/contract.md) asks for, one dataclass each.

Every item is an ``Item``: it carries its character span in the document's
normalised text, the quote of that span's sentence, the page and the section
path. The store keeps each kind's ``data_fields`` as columns; the export
rebuilds the contract's JSON shape from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from chitieu.models.document import Document, Item


@dataclass
class Metadata:
    doc_type: str = "other"
    number: str | None = None
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    district: str | None = None
    issue_date: str | None = None
    is_draft: bool = False
    period_start: int | None = None
    period_end: int | None = None
    title: str | None = None
    signer: str | None = None
    implements: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


@dataclass
class Assessed(Item):
    """An item with the extractor's own doubt about it (``chitieu.extractors.confidence``).

    ``certainty`` is 0-1 (1: every piece of evidence is direct); ``doubts`` says
    what lowered it, in words a reviewer reads. Not the contract's target
    ``confidence``, which is the similarity of an indicator to its national code.
    """

    certainty: float | None = None
    doubts: list[str] = field(default_factory=list)


@dataclass
class Target(Assessed):
    indicator: str = ""
    value: float = 0.0
    value_max: float | None = None
    unit: str = "%"  # "%", "/1000", "/100000" or "count"
    comparator: str = ">="  # "<", "<=", ">", ">=", "="
    kind: str = "level"  # "level" or "change"
    year: int | None = None
    code: str | None = None
    national_code: str | None = None
    confidence: float | None = None  # similarity of the indicator to national_code's
    raw: str = ""  # the value as written, e.g. "dưới 9,5"


@dataclass
class Budget(Assessed):
    amount_vnd: int = 0
    kind: str = "total"  # "total", "source", "annual", "item"
    source: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    words_match: bool | None = None
    raw: str = ""
    unit_text: str | None = None  # e.g. "implementing unit" of a table line
    note: str | None = None


@dataclass
class Agency(Assessed):
    name: str = ""
    role: str = "lead"  # "lead", "support", "requested"
    indicators: list[str] = field(default_factory=list)
    raw: str = ""
    # the passages it leads (an item, a paragraph, a table row): working data for deadlines, not exported
    scopes: list[tuple[int, int]] = field(default_factory=list, metadata={"internal": True})


@dataclass
class Deadline(Assessed):
    due: str = ""
    due_text: str = ""
    kind: str = "due"  # "due", "start", "recurring"
    agency: str | None = None
    task: str = ""


@dataclass
class Check(Item):
    """A place where a plan's own arithmetic does not add up."""

    what: str = ""
    expected: float = 0.0
    found: float = 0.0


@dataclass
class Extraction:
    """Everything read from one document: its metadata and items, and the budget checks."""

    document: Document
    metadata: Metadata
    targets: list[Target] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


ITEM_KINDS: dict[str, type[Item]] = {
    "targets": Target,
    "budgets": Budget,
    "agencies": Agency,
    "deadlines": Deadline,
}


PROVENANCE = frozenset({"span", "quote", "page", "section"})


# The extractor's doubt about an item comes after what the item says (in columns, in the export).
ASSESSMENT = ("certainty", "doubts")


def data_fields(cls: type[Item]) -> list:
    """The fields an item kind stores and exports: not provenance, not internal working data; certainty last.

    >>> [f.name for f in data_fields(Agency)]
    ['name', 'role', 'indicators', 'raw', 'certainty', 'doubts']
    """
    kept = [f for f in fields(cls) if f.name not in PROVENANCE and not f.metadata.get("internal")]
    return sorted(kept, key=lambda f: f.name in ASSESSMENT)
