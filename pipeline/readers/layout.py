"""Positioned lines (from a PDF text layer or OCR) back into paragraphs of running text.

A printed page breaks a paragraph into lines; the plan's numbering and
sentences need it whole. A line ends its paragraph when it stops short of the
right margin, when the next line starts indented or with a list label, or when
a wider gap than the line spacing follows. Page numbers and running headers
(the same words at the top or bottom of most pages) are dropped. Paragraphs are
separated by a blank line, as in the text files.

>>> page = [Line(1, 90, 530, 100, 'Thực hiện Quyết định số 23/QĐ-TTg của Thủ tướng Chính'),
...         Line(1, 90, 300, 112, 'phủ về trẻ em.'), Line(1, 300, 310, 800, '1')]
>>> lines_to_text([page])
('Thực hiện Quyết định số 23/QĐ-TTg của Thủ tướng Chính phủ về trẻ em.', [0])
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

_LIST_START = re.compile(r"^(?:[-+•–*]\s|\(?\d{1,2}[.)]\s|\d{1,2}(?:\.\d{1,2})+\.?\s|[a-zđ]\)\s|[IVX]+[.)]\s|Điều\s+\d)")
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*/\s*\d{1,4})?$", re.I)


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float  # distance from the top of the page, growing downwards
    text: str
    bottom: float | None = None
    table_row: bool = False  # a table row: a line of its own, cells separated by tabs

    def __post_init__(self) -> None:
        if self.bottom is None:
            self.bottom = self.top + 10


def lines_to_text(pages: list[list[Line]]) -> tuple[str, list[int]]:
    """Running text and the offset where each page starts."""
    pieces: list[str] = []
    length = 0
    open_paragraph = glue = False
    page_starts: list[int] = []
    for lines in _drop_running_lines(pages):
        page_starts.append(length)
        if not lines:
            continue
        left = _left_margin(lines)
        right = max(ln.x1 for ln in lines)
        spacing = _line_spacing(lines)
        for i, line in enumerate(lines):
            text = line.text.strip()
            if open_paragraph:
                sep = "" if glue else " "
            elif line.table_row and i and lines[i - 1].table_row:
                sep = "\n"
            else:
                sep = "\n\n" if length else ""
            glue = text.endswith("\x02")  # a hyphen break: the word goes on in the next line
            text = text.replace("\x02", "")
            if i == 0:
                page_starts[-1] = length + len(sep)
            pieces.append(sep + text)
            length += len(sep) + len(text)
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None:
                # a paragraph goes on over the page break when its last line runs to the margin
                open_paragraph = not (line.table_row or _short(line, left, right) or _ends_sentence(text))
            else:
                open_paragraph = not (line.table_row or nxt.table_row or _breaks(line, nxt, left, right, spacing))
    return "".join(pieces), page_starts


def _short(line: Line, left: float, right: float) -> bool:
    return line.x1 < right - 0.12 * max(right - left, 1.0)


def _breaks(line: Line, nxt: Line, left: float, right: float, spacing: float) -> bool:
    width = max(right - left, 1.0)
    if _short(line, left, right):  # the paragraph's last line, or a heading
        return True
    if nxt.top - line.top > 1.6 * spacing:
        return True
    if line.x0 > left + 0.25 * width:  # right-aligned (place and date, signature): a block of its own
        return True
    if nxt.x0 > left + 0.03 * width and _ends_sentence(line.text):
        return True  # the next paragraph's first-line indent (a centred title's inner lines do not end sentences)
    return bool(_LIST_START.match(nxt.text.strip()))


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", "!", "?"))


def _line_spacing(lines: list[Line]) -> float:
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top > a.top]
    return statistics.median(gaps) if gaps else 14.0


def _left_margin(lines: list[Line]) -> float:
    """The body's left edge: the leftmost x where several lines start (indented first lines start further right)."""
    counts = Counter(round(ln.x0) for ln in lines)
    common = [x for x, n in counts.items() if n >= max(2, len(lines) // 10)]
    return min(common) if common else min(counts)


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip().lower())

    edges = Counter()
    for lines in pages:
        for line in {key(ln) for ln in lines[:2] + lines[-2:]}:
            edges[line] += 1
    repeated = {k for k, n in edges.items() if n >= 2 and n >= 0.6 * len(pages)}
    kept = []
    for lines in pages:
        edge = set(map(id, lines[:2] + lines[-2:]))
        kept.append([
            ln for ln in lines
            if not (id(ln) in edge and (_PAGE_NUMBER.match(ln.text.strip()) or key(ln) in repeated))
        ])
    return kept
