r"""Targets printed as a table: one indicator a row, its unit in a column, its value under each year.

Plans often list their indicators as ``STT | Chỉ tiêu | ĐVT | Năm 2021 | ... |
Năm 2025``. Each figure under a year column is a target for that year; columns
of what was done (``Thực hiện 2020``, ``Ước TH``) are the starting point, not
goals. A table in money (``ĐVT: triệu đồng``, a unit in đồng) is a budget, not
targets, and a table of past results is not read.

>>> from chitieu.models.document import Document
>>> doc = Document("a", "0", "I. MỤC TIÊU\nSTT\tChỉ tiêu\tĐVT\tThực hiện 2020\tNăm 2025\n"
...                "1\tTỷ lệ hộ nghèo\t%\t6\t≤ 3\n2\tSố xã đạt chuẩn\txã\t10\t15\n")
>>> [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in table_targets(doc)]
[('Tỷ lệ hộ nghèo', 3.0, '%', '<=', 2025), ('Số xã đạt chuẩn', 15.0, 'count', '>=', 2025)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.extractors.indicators import match_national
from chitieu.models import lexicon
from chitieu.models.document import QUOTE_MAX, Document
from chitieu.models.items import Target
from chitieu.models.normalize import fold
from chitieu.extractors.numbers import NUMBER, parse_number
from chitieu.models.text_tables import Table

# Section kinds whose tables are money, results or no goals at all.
SKIPPED_KINDS = frozenset({"budget", "background", "recipients", "signature", "preamble"})
# Header words (folded) of the columns a target table needs.
UNIT_HEADERS = ("dvt", "don vi tinh", "don vi")
LABEL_HEADERS = ("chi tieu", "noi dung", "ten chi tieu", "chi so")
# Year columns of what was done, not of what is aimed at ("Thực hiện 2020", "Ước TH 2020").
DONE_WORDS = ("thuc hien", "uoc", "th", "uth", "hien trang", "nam goc", "co so")
# A unit of money, read with its diacritics ("đồng", not "động" in "lao động"): the table is a budget.
MONEY_UNIT = re.compile(r"(?<!\w)(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+)?(?:đồng|đ|vnđ|vnd|usd)(?!\w)", re.I)
# Title words (folded) of a table of money.
MONEY_TITLES = ("kinh phi", "du toan", "nguon von", "von dau tu", "ngan sach")
# A bound printed before a figure in a cell (folded): the rows of ``models/lexicon/comparators.csv``
# marked ``cell``, the same vocabulary the prose targets read.
CELL_BOUNDS = {fold(row["term"]): row["comparator"] for row in lexicon.rows("comparators") if row["cell"]}

# A unit cell that is a physical measure (hectares, tonnes, head of livestock, trees, energy):
# outside the contract's units, the row holds no target.
_PHYSICAL_UNIT = re.compile(r"(?:(?:nghin|ngan|trieu|van)\s+)?(?:ha|hec\s?ta|tan|ta|kg|km|m|m2|m3|lit|con|cay|"
                            r"kw|kwh|mw|mwh|gwh|tan/ha|ta/ha)")
_MONEY_TITLE = re.compile(r"\b(?:" + "|".join(MONEY_TITLES) + r")\b")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_PER_THOUSAND = re.compile(r"/\s*1\.?000\b")
_PER_HUNDRED_THOUSAND = re.compile(r"/\s*100\.?000\b")
_YEAR_SPAN_HEADER = re.compile(r"(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2}|giai doan")
_ROW_NUMBER = re.compile(r"\d{1,3}|[IVX]{1,5}")
_DONE = re.compile(r"\b(?:" + "|".join(DONE_WORDS) + r")\b")
_YEAR_HEADER = re.compile(r"(?:[a-z]+\s+){0,3}?((?:19|20)\d{2})(?:\s*-\s*((?:19|20)\d{2}))?")
_CELL = re.compile(r"\s*(?P<bound>" + "|".join(map(re.escape, sorted(CELL_BOUNDS, key=len, reverse=True))) + r")?\s*"
                   rf"(?P<value>{NUMBER})\s*(?:-\s*(?P<max>{NUMBER}))?\s*(?P<pct>%)?\s*"
                   r"(?:[a-z][a-z/ ]{0,20})?")  # the unit written again in the cell: "15 xã", "12 bác sĩ/vạn dân"


@dataclass
class _Columns:
    label: int | None
    unit: int | None
    years: dict[int, int]  # column index -> year
    width: int


def table_targets(doc: Document) -> list[Target]:
    """Every target printed in a table of indicators by year."""
    targets: list[Target] = []
    # a website prints a table one cell per line; only a table of indicators (Chỉ tiêu, ĐVT, years) is read
    cell_line = [read for t in doc.cell_line_tables if (read := _indicator_table(t)) is not None]
    for table in doc.tables + cell_line:
        section = doc.section_at(table.start)
        if section is not None and section.kind in SKIPPED_KINDS:
            continue
        if _about_money(doc.text[max(0, table.start - 160):table.start] + " " + " ".join(table.lines[0][2])):
            continue
        targets.extend(_read_table(doc, table))
    return targets


def indicator_table_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of the tables of indicators a website prints one cell a line: their cells are read as a table only."""
    return [(t.start, t.end) for t in doc.cell_line_tables if _indicator_table(t) is not None]


def _indicator_table(table: Table) -> Table | None:
    """The table with one header row the width of its body, when it is a table of indicators by year; else None.

    A header merged over the year columns (``GIAI ĐOẠN 2026 - 2030`` above ``Năm 2026`` ...
    ``Năm 2030``) is unfolded: the second header row takes the merged cell's place.

    >>> rows = [(0, 1, ["TT", "Chỉ tiêu", "ĐVT", "Giai đoạn 2026 - 2030"]), (1, 2, ["Năm 2026", "Năm 2030"]),
    ...         (2, 3, ["1", "Tỷ lệ hộ nghèo", "%", "3", "2"]), (3, 4, ["2", "Số xã đạt chuẩn", "xã", "10", "15"])]
    >>> _indicator_table(Table(0, 4, rows)).lines[0][2]
    ['TT', 'Chỉ tiêu', 'ĐVT', 'Năm 2026', 'Năm 2030']
    """
    width = len(table.lines[-1][2])
    header = table.lines[0][2]
    body = 1
    if len(header) < width and len(table.lines) > 2 and len(header) - 1 + len(table.lines[1][2]) == width:
        # the merged cell names a span of years ("Giai đoạn 2026 - 2030") and the row below its years;
        # any other merge (a year split into "Kế hoạch" and "Ước thực hiện") is not unfolded
        below = table.lines[1][2]
        spans = [i for i, cell in enumerate(header) if _YEAR_SPAN_HEADER.search(fold(cell))]
        if len(spans) != 1 or not all(_YEAR_HEADER.fullmatch(" ".join(fold(c).split())) for c in below):
            return None
        header = header[:spans[0]] + below + header[spans[0] + 1:]
        body = 2
    columns = year_columns(header) if len(header) == width else None
    if columns is None or columns.label is None or columns.unit is None:
        return None
    start, end, _ = table.lines[0]
    return Table(table.start, table.end, [(start, end, header)] + table.lines[body:])


def _about_money(title: str) -> bool:
    """Whether a table's title lines and header speak of money (``Dự toán kinh phí``, ``ĐVT: triệu đồng``).

    >>> _about_money("PHỤ LỤC DỰ TOÁN KINH PHÍ NĂM 2022"), _about_money("ĐVT: triệu đồng")
    (True, True)
    >>> _about_money("Biểu chỉ tiêu tỷ lệ lao động có việc làm")
    False
    """
    folded = fold(title)
    return bool(MONEY_UNIT.search(title)) or bool(_MONEY_TITLE.search(folded))


def year_columns(header: list[str]) -> _Columns | None:
    """Which columns of a header hold the label, the unit and each goal year; None if no goal year.

    >>> year_columns(["STT", "Chỉ tiêu", "ĐVT", "Thực hiện 2020", "KH 2021", "Giai đoạn 2021-2025"]).years
    {4: 2021, 5: 2025}
    """
    folded = [" ".join(fold(cell).split()) for cell in header]
    years = {}
    for i, cell in enumerate(folded):
        m = _YEAR_HEADER.fullmatch(cell)
        if m and not _DONE.search(cell):
            years[i] = int(m.group(2) or m.group(1))
    if not years:
        return None
    unit = next((i for i, c in enumerate(folded) if c in UNIT_HEADERS), None)
    label = next((i for i, c in enumerate(folded) if any(c.startswith(w) for w in LABEL_HEADERS)), None)
    return _Columns(label, unit, years, len(header))


def _read_table(doc: Document, table: Table) -> list[Target]:
    columns: _Columns | None = None
    targets: list[Target] = []
    for start, end, cells in table.lines:
        if columns is None:
            # a numbered row ("3 | Tuyển dụng ... | 2026 - 2030") is a body row of a table whose header
            # named no year (a task table's time column), never the header of an indicator table
            if not _ROW_NUMBER.fullmatch(cells[0].strip("* .")):
                columns = year_columns(cells)
            continue
        if len(cells) != columns.width:
            continue  # a wrapped label or a sub-header: its cells do not line up with the header
        label = _label(cells, columns)
        unit = _unit(cells[columns.unit] if columns.unit is not None else "", label)
        if not label or unit is None:
            continue
        spans = _cell_spans(doc.text, start, end, cells)
        for index, year in columns.years.items():
            m = _CELL.fullmatch(fold(cells[index]))
            if not m:
                continue
            cell_unit = "%" if m.group("pct") and unit == "count" else unit
            national, similarity = match_national(label, cell_unit) if cell_unit != "count" else (None, None)
            origin = doc.origin(*spans[index])
            if end - start <= QUOTE_MAX:  # the row; a row wider than a quote keeps the clause around the cell
                origin["quote"] = doc.text[start:end]
            targets.append(Target(
                **origin, indicator=label, value=parse_number(m.group("value")),
                value_max=parse_number(m.group("max")) if m.group("max") else None, unit=cell_unit,
                comparator=CELL_BOUNDS.get(m.group("bound") or "", ">="), kind="level", year=year,
                national_code=national, confidence=similarity, raw=cells[index],
            ))
    return targets


def _label(cells: list[str], columns: _Columns) -> str:
    """The row's indicator: its label column, else its first cell with words."""
    if columns.label is not None:
        return cells[columns.label].strip()
    return next((c.strip() for c in cells if _WORDS.search(c)), "")


def _unit(cell: str, label: str) -> str | None:
    """The contract unit of a row from its unit cell (and its label's denominator); None for money.

    >>> _unit("%", ""), _unit("‰", ""), _unit("ca/100.000 dân", ""), _unit("người", ""), _unit("tỷ đồng", "")
    ('%', '/1000', '/100000', 'count', None)
    >>> _unit("Ha", ""), _unit("Nghìn tấn", ""), _unit("con", ""), _unit("con/phụ nữ", "")
    (None, None, None, 'count')
    """
    folded = fold(cell)
    if MONEY_UNIT.search(cell) or _PHYSICAL_UNIT.fullmatch(" ".join(folded.split()).strip(" .()")):
        return None
    both = f"{folded} {fold(label)}"
    if "%" in folded:
        return "%"
    if "‰" in cell or _PER_THOUSAND.search(both):
        return "/1000"
    if _PER_HUNDRED_THOUSAND.search(both):
        return "/100000"
    return "count"


def _cell_spans(text: str, start: int, end: int, cells: list[str]) -> list[tuple[int, int]]:
    """Where each cell's words stand in the line (an empty cell: a zero-length span at its place)."""
    spans, at = [], start
    for cell in cells:
        found = text.find(cell, at, end) if cell else -1
        if found < 0:
            spans.append((at, at + 1))
            continue
        spans.append((found, found + len(cell)))
        at = found + len(cell)
    return spans
