"""How a plan's targets stand against the goals of the document it carries out.

The reference is QĐ 23/QĐ-TTg's indicator table (``national_reference()``) or
any ingested higher-level document (``document_reference()``: a district plan
against its province's plan). For each of the reference's goals (an indicator
and a year) the plan gets an ``AlignmentStatus``:

- ``same``: it restates the value;
- ``stricter`` / ``looser``: a better / worse value, direction-aware (for a
  rate that should fall, comparator ``<`` or ``<=`` in the reference, a lower
  number is stricter; for one that should rise, a higher number);
- ``other-metric``: it states the indicator with another kind or unit (a 20 %
  relative reduction, ``kind: change``, where the reference sets a level);
- ``missing``: it states nothing for it.

The plan's targets that restate no goal are its ``extra`` ones. Goals outside
the plan's period are not asked of it. A goal that holds one value over the
whole period (QĐ 23's 7, 12, 13) counts as stated when the plan states it for
another year; so does any goal whose indicator the plan states, for other
years, only in another metric (then it is ``other-metric`` for every year).

>>> goal = Goal(key="8.1", indicator="trẻ em có hoàn cảnh đặc biệt", value=6.5, unit="%", comparator="<", year=2025)
>>> judge(goal, [{"value": 0.7, "value_max": None, "unit": "%", "comparator": "<", "kind": "level"}]).status
<AlignmentStatus.STRICTER: 'stricter'>
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterable

import sqlite_utils
from chitieu.models.normalize import fold_words
from chitieu.extractors.provinces import same_province

if TYPE_CHECKING:
    from rich.console import Console

QD23 = "23/QĐ-TTg"
# Below this word-overlap F-score a plan target's indicator is not taken to restate a reference target's.
SIMILARITY_THRESHOLD = 0.6

TargetRow = dict[str, Any]  # a row of the ``targets`` table


class AlignmentStatus(str, Enum):
    SAME = "same"
    STRICTER = "stricter"
    LOOSER = "looser"
    OTHER_METRIC = "other-metric"
    MISSING = "missing"
    EXTRA = "extra"


@dataclass(frozen=True)
class Goal:
    """One goal of a reference document: an indicator's value for a year."""

    key: str  # what pairs plan targets with it: a QĐ 23 code, or the reference's own indicator
    indicator: str
    value: float
    unit: str
    comparator: str
    kind: str = "level"
    year: int | None = None
    value_max: float | None = None
    target_id: int | None = None  # the reference document's target row, when it is a document


@dataclass(frozen=True)
class Reference:
    """What plans are aligned against, and the number plans cite when they carry it out."""

    label: str
    number: str | None
    goals: tuple[Goal, ...]
    document_id: int | None = None


@dataclass
class Alignment:
    """The plan's status for one goal, with the targets it was judged on (the one compared first)."""

    goal: Goal
    status: AlignmentStatus
    targets: list[TargetRow] = field(default_factory=list)
    note: str = ""


@dataclass
class PlanAlignment:
    """A plan against a reference: one ``Alignment`` per goal, and the plan's extra targets."""

    document: dict
    reference: Reference
    alignments: list[Alignment]
    extras: list[TargetRow]

    def summary(self) -> dict[str, int]:
        """Counts per status, named as readers say them.

        >>> PlanAlignment({}, Reference("x", None, ()), [], []).summary()
        {'kept': 0, 'stricter': 0, 'looser': 0, 'other': 0, 'missing': 0, 'extra': 0}
        """
        counts = Counter(a.status for a in self.alignments)
        return {
            "kept": counts[AlignmentStatus.SAME], "stricter": counts[AlignmentStatus.STRICTER],
            "looser": counts[AlignmentStatus.LOOSER], "other": counts[AlignmentStatus.OTHER_METRIC],
            "missing": counts[AlignmentStatus.MISSING], "extra": len(self.extras),
        }


@dataclass
class Skipped:
    """A document that is not aligned against the reference, and why."""

    document: dict
    reason: str


def national_reference() -> Reference:
    """QĐ 23/QĐ-TTg's goals for 2025 and 2030, from ``models/qd23_indicators.csv``.

    >>> ref = national_reference()
    >>> [(g.year, g.value, g.comparator) for g in ref.goals if g.key == "1"]
    [(2025, 65.0, '>='), (2030, 75.0, '>=')]
    >>> {g.kind for g in ref.goals if g.key == "13"}
    {'change'}
    """
    from chitieu.extractors.indicators import national_indicators

    goals = []
    for row in national_indicators():
        # The table states its one relative goal (13, a yearly reduction) in its note: "change of ...".
        kind = "change" if row.note.startswith("change") else "level"
        for year, value in ((2025, row.value_2025), (2030, row.value_2030)):
            if value is not None:
                goals.append(Goal(key=row.code, indicator=row.keywords, value=value, unit=row.unit,
                                  comparator=row.comparator, kind=kind, year=year))
    return Reference(label=f"QĐ {QD23}", number=QD23, goals=tuple(goals))


def document_reference(db: sqlite_utils.Database, document: dict) -> Reference:
    """An ingested document's targets as goals, keyed by their QĐ 23 code or, without one, their indicator."""
    goals = tuple(
        Goal(key=t["national_code"] or fold_words(t["indicator"]), indicator=t["indicator"], value=t["value"],
             unit=t["unit"], comparator=t["comparator"], kind=t["kind"], year=t["year"], value_max=t["value_max"],
             target_id=t["id"])
        for t in plan_targets(db, document["id"])
    )
    return Reference(label=document_label(document), number=document["number"], goals=goals,
                     document_id=document["id"])


def document_label(document: dict) -> str:
    """How a reader names a plan: its number (or file), where it is from, its period.

    >>> document_label({"number": None, "source": "001.txt", "province": "Sóc Trăng", "district": None,
    ...                 "period_start": 2021, "period_end": 2030})
    '001.txt (Sóc Trăng, 2021-2030)'
    """
    place = ", ".join(p for p in (document.get("district"), document.get("province")) if p)
    period = "-".join(str(y) for y in dict.fromkeys((document.get("period_start"), document.get("period_end"))) if y)
    details = ", ".join(p for p in (place, period) if p)
    name = document.get("number") or document["source"]
    return f"{name} ({details})" if details else name


def plan_targets(db: sqlite_utils.Database, document_id: int) -> list[TargetRow]:
    """A document's targets in reading order."""
    return list(db["targets"].rows_where("document_id = ?", [document_id], order_by="span_start, id"))


def same_number(a: str | None, b: str | None) -> bool:
    """Whether two document numbers are the same, whatever the spacing, case and diacritics.

    >>> same_number("23/QĐ-TTg", "23 /QD-TTG"), same_number("2361/QĐ-TTg", "23/QĐ-TTg")
    (True, False)
    """
    return bool(a and b) and fold_words(a).replace(" ", "") == fold_words(b).replace(" ", "")


def plans_to_align(
    db: sqlite_utils.Database, reference: Reference, document: dict | None = None, province: str | None = None,
) -> tuple[list[dict], list[Skipped]]:
    """The documents to align against ``reference``, and those left out with the reason.

    Without ``document`` or ``province``: every document. A document is aligned
    when it carries out the reference (its ``implements`` lists the number), or
    when it is named (``document``) and states no other decision it carries out.
    """
    if document is not None:
        candidates = [document]
    else:
        candidates = [d for d in db["documents"].rows_where(order_by="id")
                      if province is None or same_province(province, d["province"])]
    aligned, skipped = [], []
    for doc in candidates:
        if doc["id"] == reference.document_id:
            continue
        implements = json.loads(doc["implements"] or "[]")
        if any(same_number(n, reference.number) for n in implements):
            aligned.append(doc)
        elif implements and reference.number:
            skipped.append(Skipped(doc, f"carries out {', '.join(implements)}, not {reference.number}"))
        elif document is not None:
            aligned.append(doc)
        else:
            skipped.append(Skipped(doc, "states no decision it carries out; name it to align it anyway"))
    return aligned, skipped


def align_plan(db: sqlite_utils.Database, document: dict, reference: Reference) -> PlanAlignment:
    """``document``'s targets (from the database) against ``reference``'s goals."""
    period = (document.get("period_start"), document.get("period_end"))
    alignments, extras = align_targets(plan_targets(db, document["id"]), reference.goals, period)
    return PlanAlignment(document, reference, alignments, extras)


def align_targets(
    targets: list[TargetRow], goals: Iterable[Goal], period: tuple[int | None, int | None] = (None, None),
) -> tuple[list[Alignment], list[TargetRow]]:
    """One ``Alignment`` per goal in ``period``, and the targets that restate no goal.

    Targets pair with goals by ``national_code``, else by indicator words.
    """
    goals = list(goals)
    by_key: dict[str, list[Goal]] = {}
    for goal in goals:
        by_key.setdefault(goal.key, []).append(goal)
    paired: dict[str, list[TargetRow]] = {key: [] for key in by_key}
    extras = []
    for target in targets:
        key = _goal_key(target, goals)
        (paired[key] if key is not None else extras).append(target)
    alignments = []
    for key, key_goals in by_key.items():
        standing = len({(g.value, g.value_max, g.comparator, g.kind) for g in key_goals}) == 1
        for goal in key_goals:
            if not _in_period(goal.year, period):
                continue
            stated = [t for t in paired[key] if goal.year is None or t["year"] in (goal.year, None)]
            carried = standing or not any(_comparable(t, goal) for t in paired[key])
            if not stated and paired[key] and carried:
                alignment = judge(goal, paired[key])
                years = ", ".join(sorted({str(t["year"]) for t in paired[key]}))
                alignment.note = "; ".join(filter(None, [f"stated for {years}", alignment.note]))
            else:
                alignment = judge(goal, stated)
            alignments.append(alignment)
    return alignments, extras


def judge(goal: Goal, stated: list[TargetRow]) -> Alignment:
    """The status of the plan's ``stated`` targets for ``goal``: the first of the goal's kind and unit decides."""
    if not stated:
        return Alignment(goal, AlignmentStatus.MISSING)
    comparable = [t for t in stated if _comparable(t, goal)]
    if not comparable:
        states = "; ".join(f"{describe(t)} ({t['kind']})" for t in stated)
        return Alignment(goal, AlignmentStatus.OTHER_METRIC, stated,
                         f"states {states} where the reference sets {describe(goal)} ({goal.kind})")
    target = comparable[0]
    others = [t for t in stated if t is not target]
    lower_better = _lower_is_better(goal.comparator)
    if lower_better is None:
        lower_better = bool(_lower_is_better(target["comparator"]))
    plan_bound = _bound(target["value"], target["value_max"], lower_better)
    goal_bound = _bound(goal.value, goal.value_max, lower_better)
    if math.isclose(plan_bound, goal_bound, rel_tol=1e-9, abs_tol=1e-9):
        note = "" if target["comparator"] == goal.comparator else \
            f"comparator {target['comparator']} where the reference has {goal.comparator}"
        return Alignment(goal, AlignmentStatus.SAME, [target, *others], note)
    better = plan_bound < goal_bound if lower_better else plan_bound > goal_bound
    return Alignment(goal, AlignmentStatus.STRICTER if better else AlignmentStatus.LOOSER, [target, *others])


def describe(item: Goal | TargetRow) -> str:
    """A target or goal as a reader writes it.

    >>> describe({"comparator": "<", "value": 9.5, "value_max": None, "unit": "/1000"})
    '< 9.5 /1000'
    >>> describe(Goal(key="13", indicator="", value=2, value_max=3, unit="%", comparator=">="))
    '>= 2-3%'
    """
    get = item.get if isinstance(item, dict) else lambda name: getattr(item, name)
    value = f"{get('value'):g}" + (f"-{get('value_max'):g}" if get("value_max") is not None else "")
    unit = get("unit")
    text = f"{get('comparator')} {value}{'' if unit == '%' else ' '}{'' if unit == 'count' else unit}".rstrip()
    return text + (corrected_mark(item) if isinstance(item, dict) else "")


def corrected_mark(row: TargetRow) -> str:
    """`` ✎ (machine: ...)`` after a target a person corrected (``chitieu correct``), the machine's value beside.

    >>> corrected_mark({"comparator": ">=", "value": 78.0, "value_max": None, "unit": "%", "correction_id": 1,
    ...                 "machine": '{"value": 77.0}'})
    ' ✎ (machine: >= 77%)'
    >>> corrected_mark({"correction_id": 2, "machine": None}), corrected_mark({"value": 1.0})
    (' ✎ (added by hand)', '')
    """
    if not row.get("correction_id"):
        return ""
    if row.get("machine") is None:
        return " ✎ (added by hand)"
    return f" ✎ (machine: {describe({**row, **json.loads(row['machine']), 'correction_id': None})})"


def _goal_key(target: TargetRow, goals: list[Goal]) -> str | None:
    """A target with a QĐ 23 code pairs by it alone; one without, by its words with a reference document's targets."""
    if target.get("national_code"):
        return target["national_code"] if any(g.key == target["national_code"] for g in goals) else None
    own = [g for g in goals if g.target_id is not None]
    if not own:
        return None
    score, key = max((indicator_similarity(target["indicator"], g.indicator), g.key) for g in own)
    return key if score >= SIMILARITY_THRESHOLD else None


def indicator_similarity(a: str, b: str) -> float:
    """How far two indicators are the same words (F-score of their content words, 1.0: the same).

    >>> indicator_similarity("tỷ lệ trẻ em được đăng ký khai sinh", "trẻ em được đăng ký khai sinh")
    1.0
    """
    from chitieu.extractors.indicators import containment, indicator_words

    words_a, words_b = indicator_words(a), indicator_words(b)
    recall, precision = containment(words_a, words_b, {}), containment(words_b, words_a, {})
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def _comparable(target: TargetRow, goal: Goal) -> bool:
    return target["kind"] == goal.kind and target["unit"] == goal.unit


def _lower_is_better(comparator: str) -> bool | None:
    return {"<": True, "<=": True, ">": False, ">=": False}.get(comparator)


def _bound(value: float, value_max: float | None, lower_better: bool) -> float:
    """The value a target commits to: a range's lower end for a rising goal, its upper end for a falling one."""
    return value_max if lower_better and value_max is not None else value


def _in_period(year: int | None, period: tuple[int | None, int | None]) -> bool:
    start, end = period
    return year is None or ((start is None or year >= start) and (end is None or year <= end))


def alignment_rows(plans: Iterable[PlanAlignment]) -> list[dict]:
    """Flat rows (one per goal, then one per extra target) for CSV and spreadsheets."""
    rows = []
    for plan in plans:
        doc = plan.document
        base = {"plan": document_label(doc), "source": doc["source"], "province": doc["province"],
                "district": doc["district"], "against": plan.reference.label}
        for a in plan.alignments:
            first = a.targets[0] if a.targets else None
            rows.append({**base, "indicator": a.goal.key, "year": a.goal.year, "status": a.status.value,
                         "plan_value": describe(first) if first else None,
                         "plan_kind": first["kind"] if first else None, "reference_value": describe(a.goal),
                         "note": a.note, "quote": first["quote"] if first else None})
        for t in plan.extras:
            rows.append({**base, "indicator": t["indicator"], "year": t["year"], "status": AlignmentStatus.EXTRA.value,
                         "plan_value": describe(t), "plan_kind": t["kind"], "reference_value": None, "note": "",
                         "quote": t["quote"]})
    return rows


STATUS_STYLES = {AlignmentStatus.SAME: "green", AlignmentStatus.STRICTER: "bold green",
                 AlignmentStatus.LOOSER: "bold red", AlignmentStatus.OTHER_METRIC: "yellow",
                 AlignmentStatus.MISSING: "dim", AlignmentStatus.EXTRA: "cyan"}


def print_alignment(plan: PlanAlignment, console: Console) -> None:
    """One plan's alignment as a terminal table (goals, then extra targets) and its summary line."""
    from chitieu.pipeline.tables import print_table
    from rich.text import Text

    rows = [
        {"indicator": r["indicator"], "year": r["year"],
         "status": Text(r["status"], style=STATUS_STYLES[AlignmentStatus(r["status"])]),
         "plan": r["plan_value"] if r["plan_kind"] != "change" else f"{r['plan_value']} (change)",
         "reference": r["reference_value"], "note": r["note"]}
        for r in alignment_rows([plan])
    ]
    print_table(rows, title=f"{document_label(plan.document)} against {plan.reference.label}", console=console,
                wrap=("indicator", "note"))
    console.print(", ".join(f"{count} {name}" for name, count in plan.summary().items()))
