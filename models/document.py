"""The document model every reader produces and every extractor reads.

One normalised text (NFC, ``\\n`` line ends) is the coordinate system of every
span. ``folded`` is a copy of the same length in which case, diacritics, tone
placement, dashes and Markdown emphasis no longer matter, so matchers search
``folded`` and report offsets that are valid in ``text``.

>>> doc = Document(source="a.txt", sha256="0", text="Ủy ban nhân dân tỉnh")
>>> doc.folded
'uy ban nhan dan tinh'
>>> doc.quote(0, 6)
'Ủy ban'
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from chitieu.models.landmarks import Lines
from chitieu.models.normalize import fold
from chitieu.models.sections import Section, segment
from chitieu.models.text_tables import CellRow, Table, find_cell_line_tables, find_tables, read_cell_rows


@dataclass
class Page:
    """A page of the input: where it starts in the text and how it was read."""

    number: int
    start: int
    method: str = "text"  # "text" (text layer, plain text, DOCX) or "ocr"
    quality: float | None = None  # share of valid Vietnamese syllables, for OCR pages


@dataclass
class Document:
    source: str
    sha256: str
    text: str
    encoding: str = "utf-8"
    reader: str = "text"
    pages: list[Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. poor OCR quality: stored, flagged

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    # The text's structure, computed once on first use and shared by every extractor.

    @cached_property
    def sections(self) -> list[Section]:
        """The section tree (``chitieu.models.sections.segment``), in reading order.

        >>> [s.path for s in Document("a.txt", "0", "I. MỤC TIÊU\nabc\n1. Chung\nII. NHIỆM VỤ").sections]
        ['I', 'I.1', 'II']
        """
        return segment(self.text)

    @cached_property
    def tables(self) -> list[Table]:
        """Tables printed as lines of cells (tabs, pipes, wide gaps): ``chitieu.models.text_tables.find_tables``."""
        return find_tables(self.text)

    @cached_property
    def cell_line_tables(self) -> list[Table]:
        """Tables a website prints one cell per line: ``chitieu.models.text_tables.find_cell_line_tables``."""
        return find_cell_line_tables(self.text)

    @cached_property
    def cell_rows(self) -> list[CellRow | None]:
        """Every table row with its cells' spans (tabs, ``|``, one cell per line), None for prose between tables:
        ``chitieu.models.text_tables.read_cell_rows``."""
        return read_cell_rows(self.text, self.folded)

    @cached_property
    def lines(self) -> Lines:
        """Where each line starts (``chitieu.models.landmarks.Lines``): a line's span by bisection, not by scanning."""
        return Lines(self.text)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def line_span(self, offset: int) -> tuple[int, int]:
        r"""Start and end (before its line break) of the line holding ``offset``.

        >>> Document("a.txt", "0", "I. MỤC TIÊU\nĐạt 90%.").line_span(14)
        (12, 20)
        """
        return self.lines.span(offset)

    def origin(self, start: int, end: int) -> dict:
        """Provenance of ``[start, end)`` as item keyword arguments: span, sentence quote, page, section.

        >>> doc = Document("a.txt", "0", "Giảm 5%. Đạt 90% vào năm 2025.")
        >>> doc.origin(13, 16)["quote"]
        'Đạt 90% vào năm 2025.'
        """
        left, right = self.sentence_span(start, end)
        section = self.section_at(start)
        return {
            "span": (start, end),
            "quote": self.text[left:right],
            "page": self.page_at(start),
            "section": section.path if section else None,
        }

    def page_at(self, offset: int) -> int | None:
        """Page number holding ``offset``, or None for inputs without pages."""
        if not self.pages:
            return None
        starts = [p.start for p in self.pages]
        return self.pages[max(bisect.bisect_right(starts, offset) - 1, 0)].number

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose span holds ``offset``."""
        if self.__dict__.get("_starts_of") is not self.sections:
            self.__dict__["_starts_of"] = self.sections
            self.__dict__["_starts"] = [s.start for s in self.sections]
        i = bisect.bisect_right(self.__dict__["_starts"], offset) - 1
        section = self.sections[i] if i >= 0 else None
        # the last section begun before ``offset`` may have ended: its parents hold the offset then
        while section is not None and not section.start <= offset < section.end:
            section = self.sections[section.parent] if section.parent is not None else None
        return section

    def ancestors(self, section: Section) -> list[Section]:
        """``section`` and its parents, innermost first."""
        chain = [section]
        while chain[-1].parent is not None:
            chain.append(self.sections[chain[-1].parent])
        return chain

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        r"""The sentence (or list item, or line) around ``[start, end)``.

        Sentences end at ``.`` or ``;`` followed by a space or a line end, at a
        blank line, before a list item (``a)``, ``-``, ``2.``) and after a line
        that is a heading (a numbered or capitalised line, or one ending in
        ``:``). A full stop inside a number (``1.000``) ends nothing, and a line
        break before a lower-case word ends nothing (converted files break lines
        mid-sentence, sometimes with a blank line).

        >>> doc = Document("a.txt", "0", "I. MỤC TIÊU\nTỷ lệ trẻ em\nđạt 90%; giảm 5%.")
        >>> doc.text[slice(*doc.sentence_span(27, 30))]
        'Tỷ lệ trẻ em\nđạt 90%;'
        """
        text = self.text
        left = start
        while left > 0:
            ch = text[left - 1]
            if ch == "\n" and not _continues(text, left - 1) and (
                    _LINE_ITEM.match(text, left) or _is_heading_line(text, left - 1)):
                break
            if ch in ".;" and left < len(text) and text[left].isspace():
                break
            left -= 1
        right = end
        while right < len(text):
            ch = text[right]
            if ch == "\n" and not _continues(text, right) and (
                    _LINE_ITEM.match(text, right + 1) or _is_heading_line(text, right)):
                break
            if ch in ".;" and (right + 1 >= len(text) or text[right + 1].isspace()):
                right += 1
                break
            right += 1
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        return left, right


def _continues(text: str, newline: int) -> bool:
    """Whether the text after a line break (and any blank lines) starts in lower case: a wrapped sentence."""
    rest = text[newline:newline + 8].lstrip()
    return rest[:1].islower()


def _is_heading_line(text: str, newline: int) -> bool:
    """Whether the line ending at ``newline`` stands alone: blank, a heading, or a lead-in ending in ``:``."""
    begin = text.rfind("\n", 0, newline) + 1
    line = text[begin:newline].strip(" \t*#")
    if not line or newline + 1 >= len(text) or text[newline + 1] == "\n":
        return True
    letters = [c for c in line if c.isalpha()]
    return line.endswith(":") or (len(letters) > 3 and all(c.isupper() for c in letters)) or bool(
        _LINE_ITEM.match(line) and len(line) < 100 and not line.endswith(","))


_LINE_ITEM = re.compile(r"[ \t]*(?:[-+•*]|\d+[.)]|[a-zđ]\)|[IVX]+\.)\s")


@dataclass
class Item:
    """What every extracted item carries: where it came from."""

    span: tuple[int, int]
    quote: str = ""
    page: int | None = None
    section: str | None = None  # section path, e.g. "II.1.a"
