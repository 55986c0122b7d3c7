r"""Tables as converted files print them: lines of cells split by tabs, pipes or wide gaps.

Readers put a PDF's or a Word file's table rows into the text as tab-separated
lines; websites render them with pipes; typed text lines them up with spaces.
``find_tables`` gives the runs of such lines; ``read_cell_rows`` gives every row
with the span of each of its cells, in all three layouts (the task tables of
agencies and deadlines are read from it); what a table means (money, goals,
who does what by when) is for the extractor that reads it.

>>> [len(t.lines) for t in find_tables("Bảng\nSTT\tNội dung\tSố\n1\tA\t5\n2\tB\t7\n")]
[3]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from chitieu.models.landmarks import Lines

NUMERIC_CELL = re.compile(r"\d[\d.,]*")
_GAP = re.compile(r" {2,}")  # between two cells of typed text
_DIGIT = re.compile(r"\d")


@dataclass
class Table:
    """A run of lines split into cells."""

    start: int
    end: int
    lines: list[tuple[int, int, list[str]]]  # (start, end, cells)


def split_cells(line: str) -> list[str] | None:
    """Cells of a table line (tabs, pipes, or runs of 2+ spaces with numbers), else None.

    >>> split_cells("1\\tTập huấn\\t10.000\\t\\tSở Y tế"), split_cells("| a | b | 3 |"), split_cells("Giảm  5%")
    (['1', 'Tập huấn', '10.000', '', 'Sở Y tế'], ['a', 'b', '3'], None)
    """
    if "\t" in line:
        cells = line.split("\t")
    elif line.count("|") >= 2:
        cells = line.strip().strip("|").split("|")
    elif "  " in line:  # the test rules out most lines of prose before any splitting
        cells = _GAP.split(line.strip())
        if sum(bool(NUMERIC_CELL.fullmatch(c.strip())) for c in cells) < 2:
            return None
    else:
        return None
    cells = [c.strip() for c in cells]
    return cells if len(cells) >= 3 else None


def find_tables(text: str, lines: Lines | None = None, split: set[int] | None = None) -> list[Table]:
    """Runs of two or more table lines with a figure; blank lines and a short wrapped line or two may sit inside.

    Tabs that only indent prose (``1.\tNgân sách tỉnh:\t500 triệu đồng``) make
    cells too, but no cell holding a bare figure. ``lines`` and ``split`` are ``Lines(text)`` and
    ``split_line_starts(text)`` when known.
    """
    starts = (lines or Lines(text)).starts
    runs: list[list[tuple[int, int, list[str]]]] = [[]]
    gap = 0
    read = 0  # the first line not read yet
    # Only a line with a tab, two bars or two spaces in a row may hold cells: the lines between two of them are
    # read only while they may sit inside an open run (three at most).
    split = split_line_starts(text) if split is None else split
    holders = split.union(_starts_of_lines_with(text, (_GAPPED_LINE,)))
    for k in sorted(bisect.bisect_left(starts, start) for start in holders):
        while read < k and runs[-1]:
            if gap < 2 and _may_sit_inside(_line(text, starts, read)):
                gap += 1
            else:
                runs.append([])
            read += 1
        line = _line(text, starts, k)
        cells = split_cells(line)
        if cells is not None:
            runs[-1].append((starts[k], starts[k] + len(line), cells))
            gap = 0
        elif runs[-1] and gap < 2 and _may_sit_inside(line):
            gap += 1
        elif runs[-1]:
            runs.append([])
        read = k + 1
    return [Table(run[0][0], run[-1][1], run) for run in runs if len(run) >= 2 and any(
        NUMERIC_CELL.fullmatch(c.replace(" ", "")) for _, _, cells in run for c in cells[1:])]


def _line(text: str, starts: list[int], i: int) -> str:
    """The ``i``-th line of ``text`` (its lines' ``starts``), without its line break."""
    return text[starts[i]:starts[i + 1] - 1 if i + 1 < len(starts) else len(text)]


def _may_sit_inside(line: str) -> bool:
    """Whether a line holding no cells may sit inside a table: blank, or short and without a digit (a wrapped cell)."""
    return not line.strip() or (len(line) < 200 and not _DIGIT.search(line))


# A line that is nothing but a cell border: websites render a table one cell per line between such lines.
BORDER_LINE = re.compile(r"[ \t]*\|[ \t]*")


def is_border_line(line: str) -> bool:
    """Whether ``line`` (without its line break) is nothing but a cell border: ``BORDER_LINE.fullmatch(line)``, for
    a reader that tests lines one by one (a string method, not a pattern).

    >>> is_border_line(" | "), is_border_line("a | b"), is_border_line("||")
    (True, False, False)
    """
    return line.strip(" \t") == "|"


# A border line after a line break (``$``: up to the next break); opening with the break, it is searched for at C speed.
_BORDER_AFTER_BREAK = re.compile(rf"\n{BORDER_LINE.pattern}$", re.M)


def find_cell_line_tables(text: str, lines: Lines | None = None, borders: set[int] | None = None,
                          blank: list[int] | None = None) -> list[Table]:
    r"""Tables a website rendering prints one cell per line, each cell closed by a ``|`` line.

    A row is a ``|`` line, then each cell followed by a ``|`` line; an empty cell
    prints nothing but its ``|``, so the gap between two rows looks like an empty
    cell. Body rows all have the table's full number of cells (header rows with
    merged cells have fewer), so rows are counted from the table's end in steps
    of that number; what is left at the top is the header, split at its empty gaps.
    Cells lose their ``*`` marks and line breaks; a row's span runs from its first
    to its last cell. A blank line after a ``|`` line ends the table. ``lines``, ``borders`` and ``blank`` are
    ``Lines(text)``, ``border_starts(text)`` and ``blank_line_starts(text)`` when known.

    >>> text = "|\nSTT\n|\nNội dung\n|\nNăm 2026\n|\n|\n1\n|\nIn tài\nliệu\n|\n**20**\n|\n|\n2\n|\nHội nghị\n|\n|\n"
    >>> [cells for _, _, cells in find_cell_line_tables(text)[0].lines]
    [['STT', 'Nội dung', 'Năm 2026'], ['1', 'In tài liệu', '20'], ['2', 'Hội nghị', '']]
    """
    tables = []
    for gaps in _border_runs(text, lines or Lines(text), border_starts(text) if borders is None else borders, blank):
        rows = _cell_rows(gaps)
        if len(rows) >= 2:
            read = []
            for row in rows:
                spans = [g for g in row if g is not None]
                # bold / italic marks around a cell's words ("**26.278.107**", "*Đơn vị*") read as spaces
                cells = [" ".join(text[g[0]:g[1]].replace("*", " ").split()) if g else "" for g in row]
                start, end = (spans[0][0], spans[-1][1]) if spans else (0, 0)
                read.append((start, end, cells))
            read = [line for line in read if any(line[2])]
            if len(read) >= 2 and any(NUMERIC_CELL.fullmatch(c.replace(" ", ""))
                                      for _, _, cells in read for c in cells[1:]):
                tables.append(Table(read[0][0], read[-1][1], read))
    return tables


def _border_runs(text: str, lines: Lines, borders: set[int],
                 blank: list[int] | None) -> list[list[tuple[int, int] | None]]:
    """For each run of ``|`` lines, the gaps between consecutive borders: the span of a cell's words, or None.
    ``lines`` is ``Lines(text)``, ``borders`` ``border_starts(text)``, ``blank`` ``blank_line_starts(text)`` or None."""
    if not borders:
        return []
    blank_set = set(blank_line_starts(text) if blank is None else blank)
    starts = [*lines.starts, len(text) + 1]  # line k runs from starts[k] to starts[k + 1] - 1
    runs: list[list[tuple[int, int] | None]] = []
    order = sorted(borders)
    i = 0
    # from each bar line after the last run to the end of its own run: the prose between runs is not read
    while (k := bisect.bisect_left(order, starts[i])) < len(order):
        gaps, i = _border_run(text, starts, borders, blank_set, bisect.bisect_left(starts, order[k], i))
        if gaps:
            runs.append(gaps)
    return runs


def _border_run(text: str, starts: list[int], borders: set[int], blank: set[int],
                first: int) -> tuple[list[tuple[int, int] | None], int]:
    """The gaps of the run of ``|`` lines opening with the bar line ``first``, and the line after the run's end.

    ``starts`` are the text's lines' starts, with one more after the last line; ``borders`` the bar lines' starts,
    ``blank`` the blank lines' (lines are told apart by their starts, not read, but for where a cell's words begin).
    """
    gaps: list[tuple[int, int] | None] = []
    content: tuple[int, int] | None = None
    for i in range(first + 1, len(starts) - 1):
        start = starts[i]
        if start in borders:
            gaps.append(content)
            content = None
        elif start in blank:
            if content is None or not _border_follows(starts, borders, blank, i):
                return gaps, i + 1  # a blank line after a border, or after words no border closes, ends the table
        elif content is None:
            line = text[start:starts[i + 1] - 1]
            content = (start + len(line) - len(line.lstrip()), starts[i + 1] - 1)
        else:
            content = (content[0], starts[i + 1] - 1)
    return gaps, len(starts) - 1


def border_starts(text: str) -> set[int]:
    r"""Starts of the lines that are nothing but a cell border (``BORDER_LINE``), found in one search of the text.

    >>> sorted(border_starts("|\nSTT\n | \n|x|\n|"))
    [0, 6, 14]
    """
    starts = {m.start() + 1 for m in _BORDER_AFTER_BREAK.finditer(text)}
    first_end = text.find("\n")
    if BORDER_LINE.fullmatch(text, 0, first_end if first_end >= 0 else len(text)):
        starts.add(0)
    return starts


def _border_follows(starts: list[int], borders: set[int], blank: set[int], i: int) -> bool:
    """Whether words after the blank line ``i`` go on to a ``|`` line before the next blank line (``starts``, the
    lines' starts and one more; ``borders``, the bar lines'; ``blank``, the blank lines')."""
    j = i + 1
    while j < len(starts) - 1 and starts[j] in blank:
        j += 1
    while j < len(starts) - 1 and starts[j] not in blank:
        if starts[j] in borders:
            return True
        j += 1
    return False


def _cell_rows(gaps: list[tuple[int, int] | None]) -> list[list[tuple[int, int] | None]]:
    """Rows of cell spans: body rows counted from the end in steps of the full width, the header split at empty gaps.

    The last row may merge cells (``Tổng cộng`` over the first columns): it is then a row of its own
    and the full rows are counted from the one before it.
    """
    # (rows, whole rows only, width, cells of a short last row): most rows, then no short row, then the widest
    best: tuple[int, bool, int, int] = (0, False, 0, 0)
    tail = gaps[::-1].index(None) if None in gaps else len(gaps)  # the cells after the last empty gap
    last_gap = len(gaps) - tail - 1
    for width in range(2, min(len(gaps), 40) + 1):
        # no row of this width ends the gaps when words fill the gap before it (most widths): ruled out without a walk
        rows = _rows_before(gaps, len(gaps), width) if width == len(gaps) or gaps[-width - 1] is None else 0
        if rows and (rows, True, width) >= best[:3]:
            best = (rows, True, width, 0)
        if 0 < tail < width and last_gap > 0 and (rows := _rows_before(gaps, last_gap, width)):
            if (rows + 1, False, width) >= best[:3]:
                best = (rows + 1, False, width, tail)
    rows, _, width, short = best
    if not width:
        return [gaps]
    full = gaps[:len(gaps) - short - 1] if short else gaps
    body_start = len(full) - (rows - bool(short)) * (width + 1) + 1
    body = [full[i:i + width] for i in range(max(body_start, 0), len(full), width + 1)]
    if short:
        body.append(gaps[-short:])
    header: list[list[tuple[int, int] | None]] = [[]]
    for gap in gaps[:max(body_start - 1, 0)]:
        if gap is None:
            header.append([])
        else:
            header[-1].append(gap)
    return [row for row in header if row] + body


def _rows_before(gaps: list[tuple[int, int] | None], end: int, width: int) -> int:
    """How many rows of ``width`` cells, each after an empty gap and not all empty, end the gaps before ``end``."""
    rows = 0
    while end - width >= 0:
        boundary = end - width - 1
        if (boundary >= 0 and gaps[boundary] is not None) or not any(gaps[end - width:end]):
            break  # the cheap test first: most widths tried fail it at the first row
        rows += 1
        if boundary < 0:
            break
        end = boundary
    return rows


# ----------------------------------------------------------------- rows with the spans of their cells
class CellRow(NamedTuple):
    """A table row as the text holds it: its span and the span of each cell, empty cells included."""

    start: int
    end: int
    cells: list[tuple[int, int]]


# The label cell that opens a data row: ``1``, ``2.3``, ``II``, ``a`` (folded text).
ROW_LABEL = re.compile(r"[\s*]*(?:\d{1,3}(?:\.\d{1,3})*|[ivxlc]+|[a-z])[.)]?[\s*]*")
# A cell of a web page's table is never longer than this; further text is the page after the table.
MAX_CELL_LINES = 40
_EMPHASIS_ONLY = re.compile(r"[ \t]*\*[* \t]*")


def read_cell_rows(text: str, folded: str, lines: Lines | None = None, borders: set[int] | None = None,
                   blank: list[int] | None = None, split: set[int] | None = None) -> list[CellRow | None]:
    r"""Every table row in reading order, with its cells' spans; None for a line of prose between tables.

    One reader for the three layouts: a line of cells split by tabs, a line of cells between ``|``, and a web
    page's one cell per line between lone ``|`` lines (``_bar_table``). ``folded`` is ``fold(text)``; ``lines``,
    ``borders``, ``blank`` and ``split`` are ``Lines(text)``, ``border_starts(text)``, ``blank_line_starts(text)``
    and ``split_line_starts(text)`` when known. Use ``Document.cell_rows``, which reads a document once for every
    extractor: an extractor that needs table rows with cell spans (task tables, budget tables printed one cell per
    line) reads them there, not with a reader of its own. A row's cells are spans of the text (words may wrap over lines inside a web page's cell).

    >>> text = "Bảng\nSTT\tNhiệm vụ\tChủ trì\n1\tTập huấn\tSở Y tế\n|\n2\n|\nIn tài liệu\n|\n|\n"
    >>> [row if row is None else [text[a:b] for a, b in row.cells] for row in read_cell_rows(text, text.lower())]
    [None, ['STT', 'Nhiệm vụ', 'Chủ trì'], ['1', 'Tập huấn', 'Sở Y tế'], ['2', 'In tài liệu'], None]
    """
    starts = (lines or Lines(text)).starts
    borders = border_starts(text) if borders is None else borders
    # what a web page's table is read with: line k runs from ``bounds[k]`` to ``bounds[k + 1] - 1``; past the last
    # line, two offsets past the text's end, no bar line's start
    bounds = [*starts, len(text) + 1, len(text) + 2]
    # Only bar lines and lines of cells (their starts: ``holders``) are read one by one; the prose between them
    # gives a None for each of its lines that is not blank, counted at C speed.
    blank = blank_line_starts(text) if blank is None else blank
    holders = sorted(borders.union(split_line_starts(text) if split is None else split))
    stops = borders.union(blank) if borders else set()  # where a web page's cell (``_bar_table``) ends: bar, blank
    rows: list[CellRow | None] = []
    i = h = 0  # the first line and the first holder not read yet
    while h < len(holders):
        start = holders[h]
        k = bisect.bisect_left(starts, start, i)
        rows += [None] * _not_blank(starts, blank, i, k)
        if start in borders:
            cell_rows, i = _bar_table(text, folded, bounds, borders, stops, k)
            rows += [CellRow(cells[0][0], cells[-1][1], cells) for cells in cell_rows]
            rows.append(None)
        else:
            end = bounds[k + 1] - 1
            rows.append(CellRow(start, end, _cell_spans(text[start:end], start)))
            i = k + 1
        if i == len(starts):
            break
        h = bisect.bisect_left(holders, starts[i], h + 1)  # the bar lines of a table read are passed over
    rows += [None] * _not_blank(starts, blank, i, len(starts))
    return rows


# A line holding a tab, two bars, two spaces in a row: from its first tab, first bar, first two spaces, to its end.
# One pattern each, opening with a literal the engine skips to: one opening with a class is tried at every character.
_TAB_LINE = re.compile(r"\t[^\n]*")
_BARS_LINE = re.compile(r"\|[^\n|]*\|[^\n]*")
_GAPPED_LINE = re.compile(r"  [^\n]*")
# A blank line after a line break (spaces only, up to the next break or the end).
_BLANK_AFTER_BREAK = re.compile(r"\n[^\S\n]*+(?=\n|\Z)")


def split_line_starts(text: str) -> set[int]:
    r"""Starts of the lines a tab or two bars split into cells, read by both readers of lines of cells (``find_tables``,
    ``read_cell_rows``).

    >>> sorted(split_line_starts("a\tb\n| a | b |\nx | y\n|"))
    [0, 4]
    """
    return _starts_of_lines_with(text, (_TAB_LINE, _BARS_LINE))


def _starts_of_lines_with(text: str, patterns: tuple[re.Pattern, ...]) -> set[int]:
    """Starts of the lines where one of ``patterns`` matches (each runs to its line's end: one match a line)."""
    return {text.rfind("\n", 0, m.start()) + 1 for pattern in patterns for m in pattern.finditer(text)}


def blank_line_starts(text: str) -> list[int]:
    r"""Starts of the blank lines (nothing but spaces), in order.

    >>> blank_line_starts(" \nab\n\n \t\nc\n")
    [0, 5, 6, 11]
    """
    first_end = text.find("\n")
    first = [] if text[:first_end if first_end >= 0 else len(text)].strip() else [0]
    return first + [m.start() + 1 for m in _BLANK_AFTER_BREAK.finditer(text)]


def _not_blank(starts: list[int], blank: list[int], first: int, stop: int) -> int:
    """How many of the lines ``first`` to ``stop - 1`` (their ``starts``) are not blank (``blank``: the blank
    lines' starts)."""
    if stop <= first:
        return 0
    end = starts[stop] if stop < len(starts) else starts[-1] + 1
    return stop - first - (bisect.bisect_left(blank, end) - bisect.bisect_left(blank, starts[first]))


def _cell_spans(line: str, offset: int) -> list[tuple[int, int]]:
    """The cells of a line split by tabs or ``|`` (the outer bars of ``| a | b |`` open and close no cell)."""
    sep = "\t" if "\t" in line else "|"
    spans, pos = [], offset
    for part in line.split(sep):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    if sep == "|":
        spans = spans[1:-1] if line.strip().startswith("|") else spans
    return spans


def _bar_table(text: str, folded: str, bounds: list[int], borders: set[int], stops: set[int],
               first: int) -> tuple[list[list[tuple[int, int]]], int]:
    """Rows of cell spans of the table opening with the bar line ``first``, and the first line after the table.

    Line ``k`` of the text runs from ``bounds[k]`` to ``bounds[k + 1] - 1`` (``bounds`` are the lines' starts and
    two offsets past the text's end); it is a bar line when it starts at one of ``borders`` (``border_starts``); ``stops``
    are the starts of the bar lines and of the blank lines, where a cell's lines end.

    A web page printed as text gives each cell its own lines, a lone ``|`` after each cell and one more before
    each row. Two bars in a row are thus an empty cell or the start of a row: the start of a row when the row is
    as wide as the widest so far, or when a row label (``2``, ``II``) follows in a narrower row (a merged
    heading row); an empty cell when another bar follows. A blank line, a lone emphasis run (``** **``) or
    text far longer than a cell ends the table.
    """
    rows: list[list[tuple[int, int]]] = []
    row: list[tuple[int, int]] = []
    width = 0
    line_count = len(bounds) - 2
    i = first + 1
    while True:
        j = i
        while j < line_count and j - i <= MAX_CELL_LINES and bounds[j] not in stops:
            j += 1
        if bounds[j] not in borders or (j > i and _EMPHASIS_ONLY.fullmatch(text, bounds[i], bounds[i + 1] - 1)):
            break
        if j > i:
            if (width and len(row) >= width and ROW_LABEL.fullmatch(folded, bounds[i], bounds[i + 1] - 1)
                    and bounds[i + 1] in borders):
                rows.append(row)  # the page left out the bar before a new row
                row = []
            row.append((bounds[i], bounds[j] - 1))
        else:
            label_follows = bounds[j + 2] in borders and ROW_LABEL.fullmatch(folded, bounds[j + 1],
                                                                             bounds[j + 2] - 1) is not None
            if not width or len(row) >= width or label_follows or j + 1 >= line_count:
                if row:
                    width = max(width, len(row))
                    rows.append(row)
                row = []
            elif bounds[j + 1] in borders or row:
                row.append((bounds[j], bounds[j]))
        i = j + 1
    if row:
        rows.append(row)
    return rows, i


# Header words of the columns of a task table (folded cell text).
LEAD_COLUMN = re.compile(r"(?:co quan|don vi|^)\W*(?:chu tri|thuc hien|dau moi)|^chu tri")
SUPPORT_COLUMN = re.compile(r"phoi hop")
_TIME_COLUMN = re.compile(r"(?:thoi gian|thoi han|tien do|moc thoi gian)")
_TASK_COLUMN = re.compile(r"(?:noi dung|nhiem vu|hoat dong|ten nhiem vu)")


@lru_cache(maxsize=1024)  # the same header cells come back row after row, table after table
def column_kind(folded_cell: str) -> str | None:
    """What a task table's header cell holds: ``time``, ``support``, ``lead`` or ``task``, else None.

    >>> column_kind("thoi gian hoan thanh"), column_kind("co quan phoi hop"), column_kind("kinh phi")
    ('time', 'support', None)
    """
    cell = " ".join(folded_cell.replace("*", " ").split())
    if _TIME_COLUMN.match(cell):
        return "time"
    if SUPPORT_COLUMN.search(cell):
        return "support"
    if LEAD_COLUMN.search(cell) and "kinh phi" not in cell:
        return "lead"
    if _TASK_COLUMN.match(cell):
        return "task"
    return None
