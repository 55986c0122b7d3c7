r"""Tables as converted files print them: lines of cells split by tabs, pipes or wide gaps.

Readers put a PDF's or a Word file's table rows into the text as tab-separated
lines; websites render them with pipes; typed text lines them up with spaces.
``find_tables`` gives the runs of such lines; what a table means (money, goals)
is for the extractor that reads it.

>>> [len(t.lines) for t in find_tables("Bảng\nSTT\tNội dung\tSố\n1\tA\t5\n2\tB\t7\n")]
[3]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NUMERIC_CELL = re.compile(r"\d[\d.,]*")


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
    stripped = line.strip()
    if "\t" in line:
        cells = line.split("\t")
    elif stripped.count("|") >= 2:
        cells = stripped.strip("|").split("|")
    else:
        cells = re.split(r" {2,}", stripped)
        if sum(bool(NUMERIC_CELL.fullmatch(c.strip())) for c in cells) < 2:
            return None
    cells = [c.strip() for c in cells]
    return cells if len(cells) >= 3 else None


def find_tables(text: str) -> list[Table]:
    """Runs of two or more table lines with a figure; blank lines and a short wrapped line or two may sit inside.

    Tabs that only indent prose (``1.\tNgân sách tỉnh:\t500 triệu đồng``) make
    cells too, but no cell holding a bare figure.
    """
    runs: list[list[tuple[int, int, list[str]]]] = [[]]
    gap = 0
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        cells = split_cells(line)
        if cells is not None:
            runs[-1].append((offset, end, cells))
            gap = 0
        elif runs[-1] and gap < 2 and (not line.strip() or (len(line) < 200 and not re.search(r"\d", line))):
            gap += 1
        elif runs[-1]:
            runs.append([])
        offset = end + 1
    return [Table(run[0][0], run[-1][1], run) for run in runs if len(run) >= 2 and any(
        NUMERIC_CELL.fullmatch(c.replace(" ", "")) for _, _, cells in run for c in cells[1:])]


# A line that is nothing but a cell border: websites render a table one cell per line between such lines.
_BORDER_LINE = re.compile(r"[ \t]*\|[ \t]*")
# Bold / italic marks around a cell's words ("**26.278.107**", "*Đơn vị*").
_EMPHASIS = re.compile(r"\*+")


def find_cell_line_tables(text: str) -> list[Table]:
    r"""Tables a website rendering prints one cell per line, each cell closed by a ``|`` line.

    A row is a ``|`` line, then each cell followed by a ``|`` line; an empty cell
    prints nothing but its ``|``, so the gap between two rows looks like an empty
    cell. Body rows all have the table's full number of cells (header rows with
    merged cells have fewer), so rows are counted from the table's end in steps
    of that number; what is left at the top is the header, split at its empty gaps.
    Cells lose their ``*`` marks and line breaks; a row's span runs from its first
    to its last cell. A blank line after a ``|`` line ends the table.

    >>> text = "|\nSTT\n|\nNội dung\n|\nNăm 2026\n|\n|\n1\n|\nIn tài\nliệu\n|\n**20**\n|\n|\n2\n|\nHội nghị\n|\n|\n"
    >>> [cells for _, _, cells in find_cell_line_tables(text)[0].lines]
    [['STT', 'Nội dung', 'Năm 2026'], ['1', 'In tài liệu', '20'], ['2', 'Hội nghị', '']]
    """
    tables = []
    for gaps in _border_runs(text):
        rows = _cell_rows(gaps)
        if len(rows) >= 2:
            lines = []
            for row in rows:
                spans = [g for g in row if g is not None]
                cells = [" ".join(_EMPHASIS.sub(" ", text[g[0]:g[1]]).split()) if g else "" for g in row]
                start, end = (spans[0][0], spans[-1][1]) if spans else (0, 0)
                lines.append((start, end, cells))
            lines = [line for line in lines if any(line[2])]
            if len(lines) >= 2 and any(NUMERIC_CELL.fullmatch(c.replace(" ", "")) for _, _, cells in lines for c in cells[1:]):
                tables.append(Table(lines[0][0], lines[-1][1], lines))
    return tables


def _border_runs(text: str) -> list[list[tuple[int, int] | None]]:
    """For each run of ``|`` lines, the gaps between consecutive borders: the span of a cell's words, or None."""
    runs: list[list[tuple[int, int] | None]] = []
    gaps: list[tuple[int, int] | None] | None = None
    content: tuple[int, int] | None = None
    offset = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        end = offset + len(line)
        if _BORDER_LINE.fullmatch(line):
            if gaps is None:
                gaps = []
            else:
                gaps.append(content)
            content = None
        elif gaps is not None:
            if not line.strip() and (content is None or not _border_follows(lines, i)):
                runs.append(gaps)  # a blank line after a border, or after words no border closes, ends the table
                gaps, content = None, None
            elif line.strip():
                content = (content[0] if content else offset + len(line) - len(line.lstrip()), end)
        offset = end + 1
    if gaps:
        runs.append(gaps)
    return [run for run in runs if run]


def _border_follows(lines: list[str], i: int) -> bool:
    """Whether words after the blank line ``i`` go on to a ``|`` line before the next blank line."""
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    while j < len(lines) and lines[j].strip():
        if _BORDER_LINE.fullmatch(lines[j]):
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
    last_gap = max((i for i, gap in enumerate(gaps) if gap is None), default=-1)
    tail = len(gaps) - last_gap - 1
    for width in range(2, min(len(gaps), 40) + 1):
        rows = _rows_from_end(gaps, width)
        if rows and (rows, True, width) >= best[:3]:
            best = (rows, True, width, 0)
        if 0 < tail < width and last_gap > 0 and (rows := _rows_from_end(gaps[:last_gap], width)):
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


def _rows_from_end(gaps: list[tuple[int, int] | None], width: int) -> int:
    """How many rows of ``width`` cells, each after an empty gap and not all empty, the gaps end with."""
    rows = 0
    end = len(gaps)
    while end - width >= 0:
        boundary = end - width - 1
        if not any(gaps[end - width:end]) or (boundary >= 0 and gaps[boundary] is not None):
            break
        rows += 1
        if boundary < 0:
            break
        end = boundary
    return rows
