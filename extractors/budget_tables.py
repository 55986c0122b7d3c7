"""Budget tables: the tables of money a plan attaches, read once into lines, and the arithmetic they print.

A plan prints its cost estimate as a table: cells split by tabs, pipes or runs of
spaces, or one cell per line between ``|`` lines (a website's rendering), with
values in the unit of the ``ĐVT:`` line above it. ``read_budget_tables`` finds
and parses every such table of a document once; ``chitieu.extractors.budgets``
takes from them one ``item`` per line and the grand total (or the grand total's
cell under each year of the plan when the table prints no sum over the years),
and ``check_budget_tables`` reports where rows or columns do not add up to the
totals the table prints. Tables of revenue, debt, fees and forecasts are read but
give no funding. The sources a table's caption or lines name are read with the
words prose uses (``classify_source``).

>>> from chitieu.models.document import Document
>>> doc = Document("a.txt", "0", "ĐVT: triệu đồng\\nSTT\\tNội dung\\tKinh phí\\n1\\tTập huấn\\t10\\n2\\tIn ấn\\t5\\n"
...     "Tổng cộng\\t\\t15")
>>> [(row.label or row.stt, row.values) for row in read_budget_tables(doc)[0].rows]
[('Tập huấn', [10.0]), ('In ấn', [5.0]), ('Tổng cộng', [15.0])]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from chitieu.extractors.numbers import (
    MONEY_UNIT,
    NOT_A_SCALE,
    YEAR,
    parse_amount,
    parse_number,
    parse_years,
    unit_multiplier,
)
from chitieu.models import lexicon
from chitieu.models.document import Document
from chitieu.models.items import Budget, Check
from chitieu.models.normalize import fold
from chitieu.models.text_tables import NUMERIC_CELL, Table


def not_funding_words(where: str) -> str:
    """A regex alternation of the words of money that is not the plan's funding (``lexicon/not_funding.csv``)
    read in ``where`` (``prose`` or ``tables``); an entry marked ``word`` stands as whole words.

    >>> bool(re.search(not_funding_words("prose"), "muc thu phi tham quan")), bool(re.search(not_funding_words("tables"), "vay von"))
    (True, True)
    >>> bool(re.search(not_funding_words("prose"), "giai phong mat bang")), bool(re.search(not_funding_words("tables"), "kinh phi vay"))
    (False, True)
    """
    words = []
    for row in lexicon.rows("not_funding"):
        if row["in"] in {where, "both"}:
            word = re.escape(fold(row["term"]))
            words.append(rf"\b{word}\b" if row["word"] else word)
    return "|".join(words)


# --- vocabulary (folded: lower case, no diacritics) ----------------------------------------

# Funding source named by a clause's words -> contract source; "other" only makes a mix.
SOURCE_WORDS: dict[str, tuple[str, ...]] = {
    "central": ("ngan sach trung uong", "nstw", "von trung uong", "ngan sach cap trung uong"),
    "province": ("ngan sach tinh", "ngan sach cap tinh", "ngan sach thanh pho"),
    "district": ("ngan sach huyen", "ngan sach cap huyen", "ngan sach quan", "ngan sach thi xa",
                 "ngan sach xa", "ngan sach cap xa"),
    "state": ("ngan sach nha nuoc", "nsnn", "von nha nuoc", "von dau tu cong"),
    "social": ("van dong", "xa hoi hoa", "tai tro", "vien tro", "huy dong xa hoi", "huy dong cong dong",
               "dong gop", "ung ho", "doanh nghiep", "nha dau tu", "to chuc quoc te", "phi chinh phu"),
    "other": ("hop phap khac", "nguon khac", "von khac", "von vay", "von tin dung"),
}
# A public budget of a named level is more precise than "ngân sách nhà nước" around it.
PUBLIC_LEVELS = {"central", "province", "district"}
# "Ngân sách địa phương" is the issuer's own budget: the province's in a provincial plan,
# the district's in a district or commune plan.
LOCAL_WORDS = ("ngan sach dia phuong", "nsdp")
# A table's unit line ("ĐVT: Nghìn đồng", "Đơn vị tính: 1.000 đồng", "(Đơn vị: triệu đồng)").
TABLE_UNIT = re.compile(rf"(?:dvt|don\s+vi\s+tinh|don\s+vi)\s*[:.]?\s*(?:(\d[\d.]*)\s*)?({MONEY_UNIT})\b{NOT_A_SCALE}")
# After a table's money unit: "/tháng", "/kg", "/người" make its figures rates per unit.
_RATE_UNIT = re.compile(r"\s*/\s*[a-z]")
HEADER_UNIT = re.compile(rf"\(\s*({MONEY_UNIT})\s*\)")
TABLE_MONEY_WORDS = re.compile(r"kinh phi|du toan|ngan sach|\bvon\b|tong muc dau tu|chi phi")
# Header columns: a total, a year, the implementing unit, and columns that do not add up (price x quantity).
TOTAL_LABEL = re.compile(r"(?:tong cong|tong so|tong kinh phi|tong von|tong du toan|tong|cong)\b[^a-z]*(?:\(.*\))?"
                         # a grand total named by what it adds up: "TỔNG CHI NGÂN SÁCH HUYỆN", "Tổng nhu cầu vốn (I+II)"
                         r"|tong (?:chi|thu|muc|nhu cau|nguon)\b.*")
# Tables of money that is not funding the plan spends: revenue the state collects, borrowing and
# debt, forecasts of the economy, fees, prices, pay and norms, money already spent (a three-year budget
# plan attaches all of these beside its spending); their words are read in the table's title and total lines.
NOT_FUNDING_TABLE = re.compile(not_funding_words("tables"))
# A header cell naming one year ("Năm 2026", "Dự kiến năm 2027", "2028"), not a comparison of two.
ONE_YEAR_CELL = re.compile(rf"(?:[a-z]+\s+){{0,3}}?({YEAR})")
YEAR_CELL = re.compile(rf"(?:nam\s*)?({YEAR})")
_YEAR = re.compile(YEAR)
# A header cell over the column that names each line's funding source ("Nguồn", "Nguồn kinh phí").
SOURCE_COLUMN = re.compile(r"nguon(?: von| kinh phi| ngan sach)?(?: thuc hien| dam bao)?")
UNIT_COLUMN = re.compile(r"don vi (?:thuc hien|chu tri)|co quan (?:thuc hien|chu tri)|chu tri")
NON_ADDITIVE_COLUMNS = re.compile(r"don gia|so luong|dinh muc|muc chi|muc ho tro")
# "12 Hội đồng x 3 triệu đồng/năm": a costing formula inside a line's label.
COST_FORMULA = re.compile(rf"(\d[\d.,]*)\s+[^\d()]{{1,40}}?\s[x×*]\s*(\d[\d.,]*)\s*({MONEY_UNIT})(?![a-z])\s*(/\s*nam)?")

_STT = re.compile(r"(?:[IVXL]+|\d{1,3}(?:\.\d{1,2}){0,3}|[a-zđ]|[A-DĐ]|[-+*•–])[.)]?")  # A-D: parts of a table
_DASH_CELL = re.compile(r"[-–]+")
_COLUMN_NUMBER = re.compile(r"\(?(?:[A-ZĐa-z]|\d{1,2})\)?(?:=[\d+\-x*/().]+)?")
# Marks that wrap a cell's whole text in bold or italics; a lone "*" or "- " bullet is not one.
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,2})([^*_\s](?:[^*_]*[^*_\s])?)\1")


# --- tables of a document -----------------------------------------------------------------


def read_budget_tables(doc: Document) -> list[BudgetTable]:
    """Every table of money in the document, parsed once (lines, unit, year columns) with its checks.

    Both ``extract_budgets`` and ``check_budget_tables`` take this list
    (``chitieu.extractors.extraction`` reads it once per document).
    """
    tables = find_budget_tables(doc, _all_tables(doc))
    for table in tables:
        table.checks = table_checks(doc, table)
    return tables


def check_budget_tables(doc: Document, tables: list[BudgetTable] | None = None) -> list[Check]:
    """Where a budget table's rows or columns do not add up to the totals it prints; ``tables`` from
    ``read_budget_tables`` (read here when not given).

    >>> from chitieu.models.document import Document
    >>> doc = Document("a.txt", "0", "ĐVT: triệu đồng\\nSTT\\tNội dung\\t2024\\t2025\\tTổng\\n"
    ...     "1\\tTập huấn\\t10\\t20\\t30\\n2\\tTruyền thông\\t5\\t5\\t12\\nTổng cộng\\t\\t15\\t25\\t42")
    >>> for check in check_budget_tables(doc):
    ...     print(check.what, check.expected, check.found)
    row 2 'Truyền thông': cells add up to 10, the row's total prints 12 (triệu đồng) 12.0 10.0
    row 'Tổng cộng': cells add up to 40, the row's total prints 42 (triệu đồng) 42.0 40.0
    """
    return [check for table in (read_budget_tables(doc) if tables is None else tables) for check in table.checks]


def table_budgets(doc: Document, tables: list[BudgetTable], prose: list[Budget], period: tuple[int | None, int | None],
                  local: str = "province") -> list[Budget]:
    """The funding tables' budgets: each table's yearly cells or grand total, then its lines.

    A total the prose already states (``prose``: the same amount) is not stated twice: the
    prose budget carries the table's failed checks in its note instead.
    """
    prose_amounts = {b.amount_vnd: b for b in prose}
    budgets: list[Budget] = []
    for table in tables:
        if not table.funding:
            continue
        yearly = table_year_budgets(doc, table, period, local)
        total = None if yearly else table_total_budget(doc, table, period, local)
        for budget in yearly or ([total] if total else []):
            restated = prose_amounts.get(budget.amount_vnd)
            if restated is not None and table.checks:
                restated.note = _checks_note(table, table.checks)
            elif restated is None:
                budget.note = _checks_note(table, table.checks) if table.checks else None
                budgets.append(budget)
        budgets.extend(table_item_budgets(doc, table, period, local))
    return budgets


def unit_above(doc: Document, offset: int, reach: int = 3000) -> int | None:
    """đồng per printed unit of the nearest ``ĐVT:`` line within ``reach`` characters before ``offset``.

    >>> doc = Document("a.txt", "0", "ĐVT: triệu đồng\\nTổng cộng 1.720")
    >>> unit_above(doc, 16), unit_above(doc, 3)
    (1000000, None)
    """
    units = list(TABLE_UNIT.finditer(doc.folded, max(0, offset - reach), offset))
    return _table_unit(doc, units[-1])[1] if units else None


def _all_tables(doc: Document) -> list[Table]:
    """Tables of both renderings: lines of cells (tabs, pipes, gaps) and one cell per line between ``|`` lines;
    a table typed with spaces gets back its header and total lines, and two-column ``|`` tables are read too."""
    tables = [_with_space_edges(doc, t) for t in doc.tables] + doc.cell_line_tables
    tables += [t for t in _two_column_tables(doc) if not any(o.start <= t.start < o.end for o in tables)]
    return sorted(tables, key=lambda t: t.start)


def _space_cells(line: str) -> list[str]:
    return [c.strip() for c in _WIDE_GAP.split(line.strip())]


_WIDE_GAP = re.compile(r" {2,}")


def _with_space_edges(doc: Document, table: Table) -> Table:
    r"""A table typed with runs of spaces, with the lines its splitting leaves out: the header above it
    (words only: ``STT   Nội dung   Năm 2031   Năm 2032``) and a total line below it with one figure
    (``      Tổng cộng             400``), when they split into cells the same way.

    >>> doc = Document("a", "0", "STT   Nội dung   Năm 2031   Năm 2032\n1   Hội thảo   10   20\n2   In ấn   5   5\n"
    ...     "    Tổng cộng   15   25\n")
    >>> [cells for _, _, cells in _with_space_edges(doc, doc.tables[0]).lines][0]
    ['STT', 'Nội dung', 'Năm 2031', 'Năm 2032']
    """
    first = doc.text[table.lines[0][0]:table.lines[0][1]]
    if "\t" in first or "|" in first:
        return table
    lines = list(table.lines)
    above_end = table.start - 1
    above_start = doc.text.rfind("\n", 0, max(above_end, 0)) + 1
    if above_end > above_start:
        cells = _space_cells(doc.text[above_start:above_end])
        if len(cells) >= 3 and not any(NUMERIC_CELL.fullmatch(c) for c in cells):
            lines.insert(0, (above_start, above_end, cells))
    below_start = table.end + 1
    below_end = doc.text.find("\n", below_start)
    below_end = len(doc.text) if below_end < 0 else below_end
    if below_end > below_start:
        cells = _space_cells(doc.text[below_start:below_end])
        if len(cells) >= 2 and TOTAL_LABEL.fullmatch(_fold_cell(cells[0])) and NUMERIC_CELL.fullmatch(cells[-1]):
            lines.append((below_start, below_end, cells))
    return Table(lines[0][0], lines[-1][1], lines) if len(lines) > len(table.lines) else table


# A row of a table with two ``|`` cells: "| Ngân sách tỉnh | 700 |". Such a line is searched after a line
# break (the engine finds those at once; a line's start, ``^``, it would test at every character).
_TWO_CELLS = re.compile(r"[ \t]*\|([^|\n]*)\|([^|\n]*)\|[ \t]*(?![^\n])")
_TWO_CELLS_AFTER_BREAK = re.compile(rf"\n{_TWO_CELLS.pattern}")


def _two_column_tables(doc: Document) -> list[Table]:
    r"""Runs of two or more lines of two ``|`` cells with a figure in the second (a table of sources, or of
    items and their cost); ``find_tables`` wants three cells.

    >>> doc = Document("a", "0", "| Nguồn | Kinh phí |\n|---|---|\n| Ngân sách tỉnh | 700 |\n| **Cộng** | **700** |\n")
    >>> [cells for _, _, cells in _two_column_tables(doc)[0].lines][2:]
    [['Ngân sách tỉnh', '700'], ['**Cộng**', '**700**']]
    """
    tables: list[Table] = []
    run: list[tuple[int, int, list[str]]] = []

    def close(run: list[tuple[int, int, list[str]]]) -> None:
        if len(run) >= 2 and any(NUMERIC_CELL.fullmatch(_plain_cell(c[1]).replace(" ", "")) for _, _, c in run):
            tables.append(Table(run[0][0], run[-1][1], run))

    first = _TWO_CELLS.match(doc.text)
    found = [(first.start(), first)] if first else []
    found += ((m.start() + 1, m) for m in _TWO_CELLS_AFTER_BREAK.finditer(doc.text))  # the line after the break
    for start, m in found:  # such lines only, found by one search; a run goes on line after line
        if run and start != run[-1][1] + 1:
            close(run)
            run = []
        run.append((start, m.end(), [m.group(1).strip(), m.group(2).strip()]))
    close(run)
    return tables


def classify_source(words: str, local: str = "province") -> str | None:
    """The funding source named in folded words: one of the contract's sources, ``mixed`` or None.

    >>> classify_source("ngan sach nha nuoc va cac nguon thu hop phap khac")
    'mixed'
    >>> classify_source("tu nguon ngan sach nha nuoc (ngan sach tinh)"), classify_source("nguon xa hoi hoa")
    ('province', 'social')
    """
    named = named_sources(words, local)
    if len(named) > 1:
        return "mixed"
    source = next(iter(named), None)
    return None if source == "other" else source


@lru_cache(maxsize=1024)
def named_sources(words: str, local: str = "province") -> frozenset[str]:
    """Every source the folded words name, ``other`` included; a named public level hides ``state``.

    Cached: the amounts of one sentence ask it of the same sentence (one shared string).
    """
    named = {source for source, phrases in SOURCE_WORDS.items() if any(p in words for p in phrases)}
    if any(p in words for p in LOCAL_WORDS):
        named.add(local)
    return frozenset(named - {"state"} if named & PUBLIC_LEVELS else named)


# --- lines ---------------------------------------------------------------------------------


# A line's numbering and its depth in a table's outline: A, I, 1, 1.1 or a.
_NUMBERINGS = [(1, re.compile(r"[A-DĐ][.)]?")), (2, re.compile(r"[IVXL]+[.)]?")), (3, re.compile(r"\d{1,3}[.)]?")),
               (4, re.compile(r"\d{1,3}(?:\.\d{1,2})+[.)]?|[a-zđ][.)]?"))]


@dataclass
class TableRow:
    """One line of a table: its label, its numeric cells as printed, and the words after them."""

    start: int
    end: int
    stt: str
    label: str
    values: list[float]
    raw_values: list[str]
    trailing: str
    is_total: bool
    positions: list[int] = field(default_factory=list)  # the cell index of each value in its line
    length: int = 0  # how many cells the line has (fewer than the table's when it merges some)

    @property
    def rank(self) -> int:
        """Depth of the line in the table's outline: total 0, ``A`` 1, ``I`` 2, ``1`` 3, ``1.1``/``a`` 4, ``-`` 5."""
        if self.is_total:
            return 0
        return next((rank for rank, numbering in _NUMBERINGS if numbering.fullmatch(self.stt)), 5)


@dataclass
class BudgetTable:
    """A table of money: its unit, its year columns and its lines."""

    start: int
    end: int
    caption: str  # folded text just before the table
    unit: str | None  # the unit as written, e.g. "Nghìn đồng"
    multiplier: int | None  # đồng per printed unit
    years: list[int]  # the years the header names, in order
    total_first: bool  # the header puts its total column before the parts
    additive: bool  # False when columns are prices and quantities
    has_unit_column: bool
    rows: list[TableRow]
    funding: bool = True  # False for revenue, debt and forecast tables
    has_source_column: bool = False  # the words after a line's figures name its funding source
    year_at: dict[int, int] = field(default_factory=dict)  # cell index of a line -> the year its column heads
    has_total_column: bool = False
    merged_header: bool = False  # header rows with fewer cells than the lines: which columns add up is unknown
    width: int = 0  # how many cells most lines have
    checks: list[Check] = field(default_factory=list)  # where its figures do not add up (read_budget_tables)

    @property
    def year_columns(self) -> int:
        """How many yearly cells a line should have; 0 when a year heads a group of columns (repeated)."""
        return len(self.years) if len(set(self.years)) == len(self.years) else 0

    def row_total(self, row: TableRow) -> tuple[float | None, list[float]]:
        """The total a line prints, and the cells it should be the sum of.

        Without a total column in the header, the last cell is a total when it is
        the one cell past the year columns, or when it comes within a quarter of
        the sum of the others (a yearly cell almost never does): so a line can
        print its total while missing or repeating a yearly cell.
        """
        values = row.values
        if not self.additive or len(values) < 2:
            return None, values
        if self.total_first:
            return values[0], values[1:]
        last, others = values[-1], values[:-1]
        if (self.year_columns and len(values) == self.year_columns + 1) or (
                len(others) >= 2 and abs(last - sum(others)) <= 0.25 * last):
            return last, others
        return None, values

    def row_amount(self, row: TableRow) -> float:
        """What a line costs: its printed total, else its single cell or the sum of its cells."""
        total, parts = self.row_total(row)
        if total is not None:
            return total
        return parts[-1] if not self.additive and parts else sum(parts)


def find_budget_tables(doc: Document, tables: list[Table]) -> list[BudgetTable]:
    """The tables (from ``find_tables``) that hold money, read into lines."""
    found = []
    previous_end = 0
    for table in tables:
        parsed = parse_budget_table(doc, table, previous_end)
        if parsed is not None:
            found.append(parsed)
        previous_end = table.end
    return found


def parse_budget_table(doc: Document, table: Table, previous_end: int = 0) -> BudgetTable | None:
    """Read a table's unit, header and lines; None when it is not about money or holds no figures."""
    caption_start = max(previous_end, table.start - 300)
    caption = doc.folded[caption_start:table.start]
    header: list[list[str]] = []
    body: list[tuple[int, int, list[str]]] = []
    lines = iter(table.lines)
    for start, end, marked in lines:  # the header: the lines up to the first of the body
        cells = [_plain_cell(c) for c in marked]
        if not _is_data_line(cells):
            header.append(cells)
        elif _is_body_line(cells):
            body.append((start, end, cells))
            break
    header_end = table.lines[len(header) - 1][1] if header else table.start
    header_words = doc.folded[table.start:header_end]
    unit_match = TABLE_UNIT.search(doc.folded, caption_start, header_end) or HEADER_UNIT.search(
        doc.folded, table.start, header_end)
    if not body or not (unit_match or TABLE_MONEY_WORDS.search(caption + " " + header_words)):
        return None  # (the rest of a table not about money is not read)
    for start, end, marked in lines:
        cells = [_plain_cell(c) for c in marked]
        if _is_body_line(cells):
            body.append((start, end, cells))
    if unit_match and _RATE_UNIT.match(doc.folded, unit_match.end()):  # "ĐVT: đồng/tháng": rates, not spending
        return None
    unit, multiplier = _table_unit(doc, unit_match)
    folded_header = [[_fold_cell(c) for c in row] for row in header]
    years = [int(y.group(1)) for row in folded_header for c in row if (y := YEAR_CELL.fullmatch(c))]
    total_col = [i for row in folded_header for i, c in enumerate(row) if TOTAL_LABEL.fullmatch(c)]
    year_col = [i for row in folded_header for i, c in enumerate(row) if YEAR_CELL.fullmatch(c)]
    rows = [row for start, end, cells in body if (row := parse_row(start, end, cells)) is not None]
    width = _width(body)
    year_at = trailing_year_columns(folded_header, width)
    totals = " ".join(_fold_cell(r.label) for r in rows if r.is_total)
    return BudgetTable(
        start=table.start, end=table.end, caption=caption, unit=unit, multiplier=multiplier,
        years=[year for _, year in sorted(year_at.items())] or years,
        total_first=bool(total_col and year_col and total_col[0] < year_col[0]) or _total_first_by_words(folded_header),
        additive=not NON_ADDITIVE_COLUMNS.search(header_words),
        has_unit_column=bool(UNIT_COLUMN.search(header_words)), rows=rows,
        has_source_column=any(SOURCE_COLUMN.fullmatch(c) for row in folded_header for c in row),
        funding=not NOT_FUNDING_TABLE.search(table_title(doc, caption_start, table.start) + " " + totals),
        year_at=year_at,
        has_total_column=bool(total_col),
        merged_header=len(header) > 1 and any(len(row) < width for row in header), width=width,
    )


def table_title(doc: Document, start: int, end: int) -> str:
    r"""The folded title of a table from the text before it: its lines in capitals (the layout
    of an appendix title), else its last line that is not the unit line.

    Prose just before a table (``... theo định mức hiện hành.``) is not its title.

    >>> doc = Document("a", "0", "Chi theo định mức hiện hành.\nBIỂU MỨC THU PHÍ THAM QUAN\nĐVT: đồng\n")
    >>> table_title(doc, 0, len(doc.text))
    'bieu muc thu phi tham quan'
    """
    lines = [line.strip(" *_#|") for line in doc.text[start:end].split("\n")]
    lines = [line for line in lines if line and not TABLE_UNIT.match(fold(line).strip("(*. "))]
    capitals = [line for line in lines if _mostly_capitals(line)]
    return fold(" ".join(capitals or lines[-1:]))


def _mostly_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)


def trailing_year_columns(header: list[list[str]], width: int) -> dict[int, int]:
    """The columns headed by one year each at the right end of a header: cell index -> year.

    A header row may merge cells (``Năm 2030`` over two columns, ``Kế hoạch ba năm`` over
    three), so its cells cannot be counted from the left; its last cells can be counted
    from the right, and a table puts the years it plans for last. The deepest header
    row that ends with year cells gives them.

    >>> trailing_year_columns([["tt", "chi tieu", "nam 2030", "ke hoach ba nam"],
    ...                        ["ke hoach", "uoc dat", "nam 2031", "nam 2032"]], 6)
    {4: 2031, 5: 2032}
    """
    for row in reversed(header):
        years = []
        for cell in reversed(row):
            found = ONE_YEAR_CELL.fullmatch(cell)
            if not found or len(_YEAR.findall(cell)) != 1:
                break
            years.append(int(found.group(1)))
        if len(years) >= 2:
            right = max(width, len(row)) if len(header) > 1 else len(row)  # one row merges nothing
            return {right - len(years) + i: year for i, year in enumerate(reversed(years))}
    return {}


def parse_row(start: int, end: int, cells: list[str]) -> TableRow | None:
    """A table line: optional ``STT`` cell, label, numeric cells, then words (the implementing unit).

    >>> row = parse_row(0, 0, ["2", "Truyền thông", "40.000", "-", "375.000", "Địa phương"])
    >>> row.stt, row.label, row.values, row.trailing
    ('2', 'Truyền thông', [40000.0, 0.0, 375000.0], 'Địa phương')
    """
    cells = list(cells)
    stt = ""
    skipped = 0  # cells before ``cells[0]``, so that a value's position counts from the line's first cell
    if cells and (not cells[0] or _STT.fullmatch(cells[0])) and any(_has_letters(c) for c in cells[1:]):
        stt = cells.pop(0)
        skipped = 1
    label_at = next((i for i, c in enumerate(cells) if _has_letters(c)), None)
    label = cells[label_at] if label_at is not None and label_at == next(
        (i for i, c in enumerate(cells) if c), None) else ""
    first = label_at + 1 if label else 0
    values: list[float] = []
    raw: list[str] = []
    trailing: list[str] = []
    positions: list[int] = []
    for i, cell in enumerate(cells[first:], start=first + skipped):
        compact = cell.replace(" ", "")
        if not trailing and NUMERIC_CELL.fullmatch(compact):
            values.append(parse_number(compact))
            raw.append(cell)
            positions.append(i)
        elif not trailing and values and _DASH_CELL.fullmatch(compact):  # a dash in a figure column is nothing
            values.append(0.0)
            raw.append(cell)
            positions.append(i)
        elif cell and (values or _has_letters(cell)):
            trailing.append(cell)
    if not values:
        return None
    is_total = bool(TOTAL_LABEL.fullmatch(_fold_cell(label or stt)))
    return TableRow(start, end, stt, label, values, raw, " ".join(trailing), is_total, positions, len(cells) + skipped)


def table_checks(doc: Document, table: BudgetTable) -> list[Check]:
    """Every place a table's printed figures disagree: cell counts, row sums, sub-lines, the grand total, costing formulas."""
    unit = f" ({table.unit})" if table.unit else ""
    checks: list[Check] = []

    def add(row: TableRow, what: str, expected: float, found: float) -> None:
        checks.append(Check(**_row_origin(doc, row), what=what + unit, expected=float(expected), found=float(found)))

    if not table.additive:  # prices and quantities do not sum
        return _formula_checks(doc, table, unit)
    if table.merged_header:  # columns under merged headings cannot be told apart: no sums to check
        return []
    columns = table.year_columns
    for row in table.rows:
        total, parts = table.row_total(row)
        if columns and total is not None and len(parts) != columns and len(parts) > 1:
            add(row, f"{_name(row)}: {len(parts)} yearly cells under {columns} year columns", columns, len(parts))
        if total is not None and not _close(sum(parts), total, row.raw_values):
            add(row, f"{_name(row)}: cells add up to {_fmt(sum(parts))}, the row's total prints {_fmt(total)}",
                total, sum(parts))
    for parent, children in _outline(table.rows):
        checks.extend(_sum_checks(doc, table, parent, children, unit))
    return checks + _formula_checks(doc, table, unit)


def table_total_budget(doc: Document, table: BudgetTable, period: tuple[int | None, int | None],
                       local: str = "province") -> Budget | None:
    """The table's printed grand total as a budget, when the table has a total line and a known unit."""
    totals = [r for r in table.rows if r.is_total]
    if not totals or table.multiplier is None:
        return None
    row = _grand_total(table, totals)
    years = _table_years(table) or period
    source = classify_source(table.caption, local) or _lines_source(table, local)
    return Budget(**_row_origin(doc, row), amount_vnd=round(table.row_amount(row) * table.multiplier), kind="total",
                  source=source, year_from=years[0], year_to=years[1],
                  raw=_amount_raw(table, row), unit_text=None)


def _lines_source(table: BudgetTable, local: str) -> str | None:
    """The source of a table's grand total read from its lines' source column: the one source they
    all name, ``mixed`` when they name several (``Ngân sách tỉnh`` on one line, a donor on another)."""
    lines = [r for r in table.rows if not r.is_total]
    named = {classify_source(_fold_cell(r.label), local) for r in lines}
    if lines and None not in named:  # a table of sources: every line is one ("Ngân sách tỉnh | 700")
        return "mixed" if len(named) > 1 else named.pop()
    if not table.has_source_column:
        return None
    written = {_fold_cell(r.trailing) for r in lines if r.trailing}
    if len(written) > 1:
        return "mixed"
    return classify_source(written.pop(), local) if written else None


def table_year_budgets(doc: Document, table: BudgetTable, period: tuple[int | None, int | None],
                       local: str = "province") -> list[Budget]:
    """The grand total line's cell under each year of the plan, when the table prints no sum over the years.

    A table that sets out money by year (``Năm 2031 | Năm 2032``) without a
    total column states each year's funding, not a sum (none is computed here);
    columns of years outside the plan's period (the current year's estimate and its
    execution, printed for comparison) are not the plan's funding.
    """
    totals = [r for r in table.rows if r.is_total]
    if not totals or table.multiplier is None:
        return []
    row = _grand_total(table, totals)
    return [Budget(**_row_origin(doc, row), amount_vnd=round(value * table.multiplier), kind="annual",
                   source=classify_source(table.caption, local), year_from=year, year_to=year, raw=raw, unit_text=None)
            for year, value, raw in _plan_year_cells(table, row, period)]


def _grand_total(table: BudgetTable, totals: list[TableRow]) -> TableRow:
    """Of a table's total lines ("TỔNG CHI", "Tổng chi thường xuyên", "Cộng"), the grand total: the largest."""
    return max(reversed(totals), key=lambda row: sum(row.values) if table.year_at else table.row_amount(row))


def _plan_year_cells(table: BudgetTable, row: TableRow, period: tuple[int | None, int | None]) -> list[tuple[int, float, str]]:
    """(year, value, printed) of a line's cells under the plan's years, when the table prints no sum over the years."""
    shift = max(table.width - row.length, 0)  # a line that merges its first cells ("Tổng cộng") is short on the left
    positions = [p + shift for p in row.positions]
    if table.has_total_column or not table.year_at or max(positions) > max(table.year_at):
        return []  # a total column, or a cell after the last year, prints the sum
    start, end = period
    return [(year, value, raw) for position, value, raw in zip(positions, row.values, row.raw_values)
            if (year := table.year_at.get(position)) is not None and value > 0
            and not (start and year < start) and not (end and year > end)]


def table_item_budgets(doc: Document, table: BudgetTable, period: tuple[int | None, int | None],
                       local: str = "province") -> list[Budget]:
    """One ``item`` budget per costed line, with its implementing unit."""
    if table.multiplier is None:
        return []
    items = []
    for row in table.rows:
        if row.is_total:
            continue
        years, amount, raw = _table_years(table) or period, table.row_amount(row), _amount_raw(table, row)
        by_year = _plan_year_cells(table, row, period)
        if table.year_at and not table.has_total_column and len(row.values) > 1:  # a line by year: its plan years
            years = (min(y for y, _, _ in by_year), max(y for y, _, _ in by_year)) if by_year else years
            amount, raw = sum(v for _, v, _ in by_year), _fmt(sum(v for _, v, _ in by_year))
        if amount > 0:
            items.append(Budget(
                **_row_origin(doc, row), amount_vnd=round(amount * table.multiplier), kind="item",
                source=classify_source(_fold_cell(row.label), local) or (
                    classify_source(_fold_cell(row.trailing), local) if table.has_source_column else None),
                year_from=years[0], year_to=years[1],
                raw=raw, unit_text=(row.trailing or None) if table.has_unit_column else None))
    return items


def _sum_checks(doc: Document, table: BudgetTable, parent: TableRow, children: list[TableRow], unit: str) -> list[Check]:
    """A line against the lines under it: cell by cell when they are laid out alike, else their totals."""
    checks = []
    whole = "the grand total" if parent.is_total else _name(parent)
    if all(len(c.values) == len(parent.values) for c in children):
        for i, value in enumerate(parent.values):
            found = sum(c.values[i] for c in children)
            if not _close(found, value, [r for c in children for r in c.raw_values[i:i + 1]] + parent.raw_values[i:i + 1]):
                checks.append(Check(**_row_origin(doc, parent), expected=value, found=found,
                                    what=f"{whole}: column {i + 1} prints {_fmt(value)}, the lines under it add up to {_fmt(found)}{unit}"))
        return checks
    expected, found = table.row_amount(parent), sum(table.row_amount(c) for c in children)
    if table.row_total(parent)[0] is not None and not _close(found, expected, parent.raw_values):
        checks.append(Check(**_row_origin(doc, parent), expected=expected, found=found,
                            what=f"{whole}: prints {_fmt(expected)}, the lines under it add up to {_fmt(found)}{unit}"))
    return checks


def _formula_checks(doc: Document, table: BudgetTable, unit: str) -> list[Check]:
    """A costing formula in a label (``12 Hội đồng x 3 triệu đồng/năm``) against the line's cells."""
    checks = []
    for row in table.rows:
        formula = COST_FORMULA.search(fold(row.label))  # fold keeps offsets: the match quotes the label
        if not formula or not table.multiplier:
            continue
        expected = parse_number(formula.group(1)) * parse_amount(formula.group(2), formula.group(3)) / table.multiplier
        cells = table.row_total(row)[1] if formula.group(4) else [table.row_amount(row)]
        if cells and not any(abs(c - expected) < 0.5 for c in cells):
            printed = ", ".join(_fmt(v) for v in dict.fromkeys(cells))
            per_year = " a year" if formula.group(4) else ""
            checks.append(Check(**_row_origin(doc, row), expected=expected, found=cells[0],
                                what=f"{_name(row)}: '{row.label[formula.start():formula.end()]}' gives "
                                     f"{_fmt(expected)}{per_year}, its cells print {printed}{unit}"))
    return checks


def _outline(rows: list[TableRow]) -> list[tuple[TableRow, list[TableRow]]]:
    """Each line with the lines directly under it; the total line over the top-level lines."""
    pairs = []
    lines = [r for r in rows if not r.is_total]
    for i, row in enumerate(lines):
        below = []
        for later in lines[i + 1:]:
            if later.rank <= row.rank:
                break
            below.append(later)
        if below:
            nearest = min(r.rank for r in below)
            pairs.append((row, [r for r in below if r.rank == nearest]))
    totals = [r for r in rows if r.is_total]
    if len(totals) == 1 and lines:
        top = min(r.rank for r in lines)
        pairs.append((totals[0], [r for r in lines if r.rank == top]))
    return pairs


def _checks_note(table: BudgetTable, checks: list[Check]) -> str:
    unit = f" (ĐVT: {table.unit})" if table.unit else ""
    return f"Budget table{unit} does not add up: " + "; ".join(c.what for c in checks)


def _is_data_line(cells: list[str]) -> bool:
    """A line with a figure that is not a year heading."""
    return any(NUMERIC_CELL.fullmatch(c.replace(" ", "")) and not YEAR_CELL.fullmatch(c) for c in cells[1:]) or (
        bool(cells) and bool(NUMERIC_CELL.fullmatch(cells[0])) and not _STT.fullmatch(cells[0]))


def _is_body_line(cells: list[str]) -> bool:
    """A line of a table's body: not a Markdown separator (dashes) nor the columns' numbers."""
    return bool("".join(cells).strip("-:| ")) and not _is_column_numbers(cells)  # a character besides those


def _is_column_numbers(cells: list[str]) -> bool:
    """The line under a header that numbers its columns (``(A) | (B) | (1) | (2) | (3)``), not a line of figures."""
    filled = [c for c in cells if c]
    return len(filled) >= 3 and all(_COLUMN_NUMBER.fullmatch(c.replace(" ", "")) for c in filled)


def _width(body: list[tuple[int, int, list[str]]]) -> int:
    """How many cells most lines of a table's body have."""
    counts = Counter(len(cells) for _, _, cells in body)
    return counts.most_common(1)[0][0] if counts else 0


def _table_unit(doc: Document, match: re.Match | None) -> tuple[str | None, int | None]:
    """The unit as written (``Nghìn đồng``) and đồng per printed unit; ``1.000 đồng`` counts its number."""
    if match is None:
        return None, None
    words = match.lastindex  # the unit words are the last group of either pattern
    count = parse_number(match.group(1)) if match.re is TABLE_UNIT and match.group(1) else 1
    multiplier = unit_multiplier(match.group(words))
    written = doc.text[(match.start(1) if match.re is TABLE_UNIT and match.group(1) else match.start(words)):match.end(words)]
    return written, (round(count * multiplier) if multiplier else None)


def _total_first_by_words(header: list[list[str]]) -> bool:
    """In a header without year columns, a total column named before a source column comes first."""
    flat = [c for row in header for c in row]
    total = next((i for i, c in enumerate(flat) if TOTAL_LABEL.fullmatch(c)), None)
    source = next((i for i, c in enumerate(flat) if classify_source(c)), None)
    return total is not None and source is not None and total < source


def _table_years(table: BudgetTable) -> tuple[int, int] | None:
    if table.years:
        return min(table.years), max(table.years)
    return parse_years(table.caption)


def _amount_raw(table: BudgetTable, row: TableRow) -> str:
    total, _ = table.row_total(row)
    return row.raw_values[0 if table.total_first else -1] if total is not None else _fmt(table.row_amount(row))


def _row_origin(doc: Document, row: TableRow) -> dict:
    origin = doc.origin(row.start, row.end)
    origin["quote"] = doc.text[row.start:row.end]
    return origin


def _name(row: TableRow) -> str:
    label = row.label if len(row.label) <= 60 else row.label[:57].rstrip() + "…"
    return f"row {row.stt} '{label}'" if row.stt and row.label else f"row '{label or row.stt}'"


_THOUSANDS_END = re.compile(r",\d{3}$")  # "1,500": a thousands group, no decimals


def _close(found: float, expected: float, raws: list[str]) -> bool:
    """Equal up to one unit of the last printed decimal place (cells are rounded before they are summed)."""
    decimals = max((len(r.rsplit(",", 1)[1]) for r in raws if "," in r and not _THOUSANDS_END.search(r)), default=0)
    return abs(found - expected) <= 10 ** -decimals + 1e-9


def _fmt(value: float) -> str:
    """A figure the way the table prints it: ``2.292.000``, ``1,5``."""
    whole, frac = f"{value:,.3f}".rstrip("0").rstrip(".").partition(".")[::2]
    return whole.replace(",", ".") + (f",{frac}" if frac else "")


def _plain_cell(cell: str) -> str:
    """A cell without the bold or italic marks a web rendering puts around it (``**6.400.000**``, ``*Cộng*``).

    >>> _plain_cell("**Tổng cộng**"), _plain_cell("* Ghi chú")
    ('Tổng cộng', '* Ghi chú')
    """
    while cell[:1] in ("*", "_") and (marked := _EMPHASIS.fullmatch(cell)) is not None:  # (marks open the cell)
        cell = marked.group(2).strip()
    return cell


def _fold_cell(cell: str) -> str:
    return " ".join(fold(cell).split())


def _has_letters(cell: str) -> bool:
    return any(map(str.isalpha, cell)) and not _STT.fullmatch(cell)
