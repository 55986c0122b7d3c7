r"""Tables as converted files print them: lines of cells split by tabs, pipes or wide gaps.

Readers put a PDF's or a Word file's table rows into the text as tab-separated
lines; websites render them with pipes; typed text lines them up with spaces.
``find_tables`` gives the runs of such lines; what a table means (money, goals)
is for the extractor that reads it.

>>> from chitieu.models.document import Document
>>> [len(t.lines) for t in find_tables(Document("a", "0", "Bảng\nSTT\tNội dung\tSố\n1\tA\t5\n2\tB\t7\n"))]
[3]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.models.document import Document

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


def find_tables(doc: Document) -> list[Table]:
    """Runs of two or more table lines with a figure; blank lines and a short wrapped line or two may sit inside.

    Tabs that only indent prose (``1.\tNgân sách tỉnh:\t500 triệu đồng``) make
    cells too, but no cell holding a bare figure.
    """
    runs: list[list[tuple[int, int, list[str]]]] = [[]]
    gap = 0
    offset = 0
    for line in doc.text.split("\n"):
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
