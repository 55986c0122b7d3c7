"""Explicit time bounds on tasks and reports, each with the body responsible for it.

Plans bound a task in a handful of fixed phrasings: ``(hoàn thành trong quý I năm
2021)``, ``trước ngày 20/7/2021``, ``vào cuối năm 2020``, ``(thực hiện năm 2020 và
các năm tiếp theo)`` (a start), ``trong quý I hàng năm`` (recurring), ``Từ ngày
01/6 đến ngày 30/6`` (due at its end), or a task table's time column (``Quý IV/2025``,
``2026``, ``2025 - 2030``). A bound written without a year recurs each year
(``--MM-DD``), except in a one-year plan, where it falls in that year. The plan's
own period, the dates of cited documents and reporting duties without a date are
not deadlines.

>>> from chitieu.models.document import Document
>>> from chitieu.pipeline.sections import segment
>>> from chitieu.extractors.agencies import extract_agencies
>>> doc = Document("a.txt", "0", "II. NHIỆM VỤ\\na) Sở Y tế\\nBan hành hướng dẫn (hoàn thành trong quý I năm 2021).\\n"
...     "III. TỔ CHỨC THỰC HIỆN\\nĐịnh kỳ 6 tháng (trước ngày 15/6) báo cáo kết quả.\\n")
>>> doc.sections = segment(doc)
>>> [(d.due, d.kind, d.agency) for d in extract_deadlines(doc, None, extract_agencies(doc))]
[('2021-03-31', 'due', 'Sở Y tế'), ('--06-15', 'recurring', None)]
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from chitieu.extractors.agencies import NON_ASSIGNING_KINDS, table_rows
from chitieu.models.document import Document
from chitieu.models.items import Agency, Deadline
from chitieu.pipeline.normalize import fold
from chitieu.pipeline.numbers import parse_date, parse_quarter

# ----------------------------------------------------------------- phrasings (folded: no diacritics, lower case)
_VERB = r"(?:(?:hoan thanh|thuc hien|trien khai|to chuc|xong)\s+)?"
_YEARLY = r"\s*,?\s*(?:hang|moi)\s+nam"
_NEXT_YEARS = r"\s+va\s+(?:cac|nhung)\s+nam\s+tiep\s+theo"
_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?"
# A task's time line: "Thời gian hoàn thành: Tháng 6/2022", "Thời gian thực hiện: năm 2023".
_TIME_LABEL = r"thoi gian\s+(?:hoan thanh|thuc hien)\s*:\s*"
_BEFORE = r"(?:truoc|cham nhat(?:\s+(?:la|vao|truoc))?|han chot(?:\s+la)?|khong muon hon|khong qua)"
BOUNDS: dict[str, re.Pattern] = {
    "quarter": re.compile(
        rf"{_VERB}(?:(?:trong|truoc|vao|den)\s+)?(?:cuoi\s+)?quy\s+(?:iv|iii|ii|i|[1-4])(?![a-z0-9])"
        rf"(?:\s*(?:nam|/)\s*\d{{4}})?(?P<yearly>{_YEARLY})?(?P<next>{_NEXT_YEARS})?"),
    "start": re.compile(
        rf"{_VERB}(?:(?:trong|tu)\s+)?nam(?:\s+hoc)?\s+(?P<year>\d{{4}})(?:\s*-\s*\d{{4}})?{_NEXT_YEARS}"
        rf"|(?:bat dau\s+)?tu\s+nam\s+(?P<from>\d{{4}})\s+tro\s+di"),
    "range": re.compile(rf"tu\s+ngay\s+(?P<first>{_DATE})\s*(?:den|-)\s*(?:het\s+)?ngay\s+(?P<date>{_DATE})"),
    "date": re.compile(rf"{_BEFORE}\s+(?:ngay\s+)?(?P<date>{_DATE})(?P<yearly>{_YEARLY})?"),
    "year_end": re.compile(r"(?:(?:vao|den|truoc|trong)\s+)?cuoi\s+nam\s+(?P<year>\d{4})"),
    "month": re.compile(rf"(?:(?:hoan thanh\s+)?(?P<prep>trong|vao|cuoi|truoc)\s+|{_TIME_LABEL})"
                        r"thang\s+(?P<month>\d{1,2})\s*(?:/|nam)\s*(?P<year>\d{4})"),
    "year_done": re.compile(rf"(?:hoan thanh\s+|{_TIME_LABEL})(?P<prep>trong\s+|truoc\s+|vao\s+)?nam\s+(?P<year>\d{{4}})(?!\s*-)"),
}
# A period phrase a parenthesised bound belongs to: ``Định kỳ 6 tháng (trước ngày 15/6)``, ``cả năm (...)``.
_PERIOD_BEFORE = re.compile(r"(?:dinh ky[\w\s]{0,15}|ca nam|nam|\d+ thang[\w\s]{0,10}|hang nam)\s*[(*\s]*$")
# The plan's own period is metadata: ``Thời gian thực hiện: ...`` outside the task and assignment sections.
_PLAN_PERIOD = re.compile(r"[\W\d]*(?:[a-z]\)\s*)?thoi gian(?:\s+(?:thuc hien|trien khai))?\b")
# Text before a bound that names only periods (``Định kỳ 6 tháng (...), cả năm``): the task follows the bound.
_PERIODS_ONLY = re.compile(r"^(?:dinh ky|ca nam|hang nam|nam|\d+\s+thang|\W)*$")
_BOUND_GROUPS = re.compile(r"(?:[^\s(,]+\s+){0,2}\([^)]*\)")
_TASK_SECTIONS = {"tasks", "organisation", "reporting", "appendix"}
_CELL_YEARS = re.compile(r"(\d{4})(?:\s*-\s*(\d{4}))?")
TASK_WORDS = 14


@dataclass(frozen=True)
class Bound:
    """A time bound found in the text: its words' span, due date and kind."""

    start: int
    end: int
    due: str
    kind: str


def _date(folded_date: str) -> str | None:
    """``15 thang 6 nam 2021`` or ``15/6/2021`` as ISO, ``15/6`` as ``--06-15``."""
    return parse_date(re.sub(r"\s*(?:thang|nam)\s*", "/", folded_date))


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _resolve(due: str | None, yearly: bool, year: int | None) -> tuple[str, str] | None:
    """Due date and kind: a yearless bound recurs, unless the plan covers one year."""
    if due is None:
        return None
    if yearly:
        return ("--" + due[5:] if not due.startswith("--") else due), "recurring"
    if due.startswith("--"):
        return (f"{year:04d}{due[1:]}", "due") if year else (due, "recurring")
    return due, "due"


def _bound(kind: str, m: re.Match, text: str, year: int | None) -> tuple[str, str] | None:
    if kind == "quarter":
        resolved = _resolve(parse_quarter(text[m.start():m.end()]), bool(m.group("yearly")), year)
        return (resolved[0], "start") if resolved and m.group("next") else resolved
    if kind == "start":
        return m.group("year") or m.group("from"), "start"
    if kind == "range":
        end = _date(m.group("date"))
        first = _date(m.group("first"))
        if end and end.startswith("--") and first and not first.startswith("--"):
            end = first[:4] + end[1:]
        return _resolve(end, False, year)
    if kind == "date":
        return _resolve(_date(m.group("date")), bool(m.group("yearly")), year)
    if kind == "year_end":
        return f"{m.group('year')}-12-31", "due"
    if kind == "month":
        y, month = int(m.group("year")), int(m.group("month"))
        if not 1 <= month <= 12:
            return None
        if m.group("prep") == "truoc":  # before a month: by the end of the one before it
            y, month = (y, month - 1) if month > 1 else (y - 1, 12)
        return _month_end(y, month), "due"
    y = int(m.group("year")) - (1 if (m.group("prep") or "").strip() == "truoc" else 0)
    return f"{y}-12-31", "due"


def find_bounds(doc: Document, year: int | None) -> list[Bound]:
    """Every time bound written in the plan's prose, in order, without overlaps."""
    found: list[Bound] = []
    for kind, pattern in BOUNDS.items():
        for m in pattern.finditer(doc.folded):
            resolved = _bound(kind, m, doc.text, year)
            if resolved and _counts(doc, m.start()):
                found.append(Bound(m.start(), m.end(), *resolved))
    found.sort(key=lambda b: (b.start, b.start - b.end))
    kept: list[Bound] = []
    for bound in found:
        if not kept or bound.start >= kept[-1].end:
            kept.append(bound)
    return kept


def _counts(doc: Document, offset: int) -> bool:
    """Bounds in the goals, the legal basis or a statement of the plan's own period are not deadlines."""
    section = doc.section_at(offset)
    if section is not None and section.kind in NON_ASSIGNING_KINDS:
        return False
    line_start = doc.folded.rfind("\n", 0, offset) + 1
    in_period = _PLAN_PERIOD.match(doc.folded, line_start) or (section is not None and _PLAN_PERIOD.match(
        doc.folded, section.body_start))
    return not (in_period and (section is None or section.kind not in _TASK_SECTIONS))


def _due_span(doc: Document, bound: Bound) -> tuple[int, int]:
    """The bound's words, with the period phrase it qualifies (``Định kỳ 6 tháng (trước ngày 15/6)``)."""
    start, end = bound.start, bound.end
    line_start = doc.folded.rfind("\n", 0, start) + 1
    clause_start = max(doc.folded.rfind(p, line_start, start) + 1 for p in ",;.:")
    before = _PERIOD_BEFORE.search(doc.folded, max(clause_start, line_start), start)
    if before and "(" in doc.folded[before.start():start]:
        start = before.start()
        close = doc.text.find(")", end, end + 3)
        end = close + 1 if close >= 0 else end
    return start, end


def _words(text: str) -> str:
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", " ".join(text.replace("*", " ").split())))


def _short(words: str) -> str:
    tokens = words.replace("*", " ").split()
    return " ".join(tokens[:TASK_WORDS]).strip(" ,;:.-(") + (" …" if len(tokens) > TASK_WORDS else "")


def _task(doc: Document, start: int, end: int) -> str:
    """The task bounded by ``[start, end)``: the clause before it, or after it when only periods precede it."""
    left, right = doc.sentence_span(start, end)
    before = _BOUND_GROUPS.sub(" ", doc.text[left:start])
    if not _PERIODS_ONLY.match(fold(before)):
        return _short(re.sub(r"^[\s\-+•*]*(?:[a-zđ\d]{1,2}[.)]\s*)?", "", before).strip(" (*,"))
    return _short(_BOUND_GROUPS.sub(" ", doc.text[end:right]).strip(" ),*"))


def _responsible(agencies: list[Agency], offset: int) -> str | None:
    """The body leading the narrowest passage (item, line, table row) around ``offset``."""
    best: tuple[int, str] | None = None
    for agency in agencies:
        for start, end in agency.scopes:
            if start <= offset < end and end - start > 0 and (best is None or end - start < best[0]):
                best = (end - start, agency.name)
    return best[1] if best else None


def _cell_bound(doc: Document, start: int, end: int, year: int | None) -> tuple[str, str] | None:
    """The bound in a table's time cell: a prose phrasing, else ``2026`` or ``2025 - 2030`` (due at its end)."""
    cell = doc.folded[start:end]
    for kind, pattern in BOUNDS.items():
        m = pattern.search(doc.folded, start, end)
        if m:
            return _bound(kind, m, doc.text, year)
    quarter = parse_quarter(doc.text[start:end])
    if quarter:
        return _resolve(quarter, bool(re.search(_YEARLY, cell)), year)
    month = re.search(r"thang\s+(\d{1,2})\s*/\s*(\d{4})", cell)
    if month and 1 <= int(month.group(1)) <= 12:
        return _month_end(int(month.group(2)), int(month.group(1))), "due"
    years = _CELL_YEARS.search(cell)
    return (f"{years.group(2) or years.group(1)}-12-31", "due") if years else None


def _table_deadlines(doc: Document, year: int | None, agencies: list[Agency]) -> list[Deadline]:
    out = []
    for row in table_rows(doc):
        if "time" not in row.cells:
            continue
        start, end = row.cells["time"]
        if not _counts(doc, start):
            continue
        resolved = _cell_bound(doc, start, end, year)
        if not resolved:
            continue
        task_span = row.cells.get("task", (row.start, row.end))
        out.append(Deadline(**doc.origin(start, end), due=resolved[0], kind=resolved[1],
                            due_text=doc.text[start:end].strip(), agency=_responsible(agencies, start),
                            task=_short(doc.text[task_span[0]:task_span[1]])))
    return out


def extract_deadlines(doc: Document, year: int | None, agencies: list[Agency]) -> list[Deadline]:
    """Every explicit time bound of the plan, with its due date, kind, task and responsible body.

    ``year`` is the plan's year when it covers a single year (bounds written without a year fall in
    it), else None; ``agencies`` is ``extract_agencies(doc)``, whose scopes name the responsible body.
    """
    tabled = _table_deadlines(doc, year, agencies)
    in_tables = [d.span for d in tabled]
    deadlines = []
    for b in find_bounds(doc, year):
        if any(start <= b.start < end for start, end in in_tables):
            continue
        start, end = _due_span(doc, b)
        deadlines.append(Deadline(**doc.origin(b.start, b.end), due=b.due, kind=b.kind, due_text=_words(
            doc.text[start:end]).strip(" ,;("), agency=_responsible(agencies, b.start), task=_task(doc, start, end)))
    return sorted(deadlines + tabled, key=lambda d: d.span[0])
