"""The document model every reader produces and every extractor reads.

One normalised text (NFC, ``\\n`` line ends) is the coordinate system of every
span. ``folded`` is a copy of the same length in which case, diacritics, tone
placement, dashes and Markdown emphasis no longer matter, so matchers search
``folded`` and report offsets that are valid in ``text``.

The text's structure is read once per document and shared by every extractor:
sections and tables, lines (``lines``), paragraphs (a line that carries on the
one before, ``continues``, belongs to its paragraph), sentences (``sentence_at``,
and the coarser ``sentence_span`` an item's quote comes from). Each is found in
one pass over the text, so a query costs a binary search whatever its shape. A copy
with some line breaks turned into spaces (``joined``: lines broken inside names and
headings read whole) derives its lines and headings from the document's.

>>> doc = Document(source="a.txt", sha256="0", text="Ủy ban nhân dân tỉnh")
>>> doc.folded
'uy ban nhan dan tinh'
>>> doc.quote(0, 6)
'Ủy ban'
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from chitieu.models.landmarks import Lines
from chitieu.models.normalize import LOWER, UPPER, fold
from chitieu.models.sections import Heading, Section, heading_lines, heading_lines_joined, segment
from chitieu.models.text_tables import (CellRow, Table, blank_line_starts, border_starts, find_cell_line_tables,
                                        find_tables, read_cell_rows, split_line_starts)

Derived = TypeVar("Derived")


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
        return segment(self.text, self._headings)

    @cached_property
    def _headings(self) -> list[Heading]:
        """The heading lines the sections are cut at (``chitieu.models.sections.heading_lines``)."""
        return heading_lines(self.text)

    @cached_property
    def tables(self) -> list[Table]:
        """Tables printed as lines of cells (tabs, pipes, wide gaps): ``chitieu.models.text_tables.find_tables``."""
        return find_tables(self.text, self.lines, self._split_lines)

    @cached_property
    def cell_line_tables(self) -> list[Table]:
        """Tables a website prints one cell per line: ``chitieu.models.text_tables.find_cell_line_tables``."""
        return find_cell_line_tables(self.text, self.lines, self._borders, self._blank_lines)

    @cached_property
    def cell_rows(self) -> list[CellRow | None]:
        """Every table row with its cells' spans (tabs, ``|``, one cell per line), None for prose between tables:
        ``chitieu.models.text_tables.read_cell_rows``."""
        return read_cell_rows(self.text, self.folded, self.lines, self._borders, self._blank_lines, self._split_lines)

    @cached_property
    def _borders(self) -> set[int]:
        """Starts of the lines that are nothing but a cell border, read by both readers of a web page's tables
        (``chitieu.models.text_tables.border_starts``)."""
        return border_starts(self.text)

    @cached_property
    def _split_lines(self) -> set[int]:
        """Starts of the lines a tab or two bars split into cells, read by both readers of lines of cells
        (``chitieu.models.text_tables.split_line_starts``)."""
        return split_line_starts(self.text)

    @cached_property
    def _blank_lines(self) -> list[int]:
        """Starts of the blank lines, for the paragraphs and the tables (``text_tables.blank_line_starts``)."""
        return blank_line_starts(self.text)

    @cached_property
    def lines(self) -> Lines:
        """Where each line starts (``chitieu.models.landmarks.Lines``): a line's span by bisection, not by scanning."""
        return Lines(self.text)

    def joined(self, breaks: list[int]) -> Document:
        r"""A copy of the document with the line breaks at ``breaks`` (sorted offsets) turned into spaces: the
        lines they end run on into the next, every offset unchanged. Its folded text, lines and heading lines are
        derived from this document's, not read again: only the lines a break joins are read.

        >>> doc = Document("a.txt", "0", "I. MỤC\nTIÊU\nabc")
        >>> flat = doc.joined([6])
        >>> flat.text, flat.lines.starts, [s.heading for s in flat.sections]
        ('I. MỤC TIÊU\nabc', [0, 12], ['MỤC TIÊU'])
        """
        copy = Document(self.source, self.sha256, _blanked(self.text, breaks))
        copy.__dict__["folded"] = _blanked(self.folded, breaks)  # folding is letter by letter: no need to fold again
        copy.__dict__["lines"] = self.lines.joined(breaks)
        copy.__dict__["_headings"] = heading_lines_joined(copy.text, self._headings, breaks)
        return copy

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def line_span(self, offset: int) -> tuple[int, int]:
        r"""Start and end (before its line break) of the line holding ``offset``.

        >>> Document("a.txt", "0", "I. MỤC TIÊU\nĐạt 90%.").line_span(14)
        (12, 20)
        """
        return self.lines.span(offset)

    def origin(self, start: int, end: int) -> dict:
        """Provenance of ``[start, end)`` as item keyword arguments: span, quote, page, section.

        The quote is the sentence around the span (``sentence_span``), clipped to the
        clause around it when the sentence is longer than ``QUOTE_MAX`` (``quote_span``).

        >>> doc = Document("a.txt", "0", "Giảm 5%. Đạt 90% vào năm 2025.")
        >>> doc.origin(13, 16)["quote"]
        'Đạt 90% vào năm 2025.'
        """
        left, right = self.quote_span(start, end)
        section = self.section_at(start)
        return {
            "span": (start, end),
            "quote": self.text[left:right],
            "page": self.page_at(start),
            "section": section.path if section else None,
        }

    def quote_span(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``[start, end)``; in a sentence longer than ``QUOTE_MAX``, the clause around it.

        A quote says where an item comes from: a file with no full stop for a megabyte
        (a hostile or broken input) must not copy that megabyte into every item. The
        clause runs from the last ``, ; : (`` or line break before the span to the first
        after it, the quote at most ``QUOTE_MAX`` characters with the span in its middle.

        >>> doc = Document("a.txt", "0", "Tỷ lệ " + "rất " * 200 + "cao, đạt 90%, và hơn thế " + "nữa " * 200)
        >>> start = doc.text.index("90%")
        >>> doc.text[slice(*doc.quote_span(start, start + 3))]
        'đạt 90%'
        """
        left, right = self.sentence_span(start, end)
        if right - left <= QUOTE_MAX:
            return left, right
        reach = max(0, QUOTE_MAX - (end - start)) // 2
        low, high = max(left, start - reach), min(right, end + reach)
        marks = [m.end() for m in _CLAUSE_MARK.finditer(self.text, low, start)]
        low = marks[-1] if marks else low
        mark = _CLAUSE_MARK.search(self.text, end, high)
        high = mark.start() if mark else high
        return _SPACES.match(self.text, low, start).end(), high

    def page_at(self, offset: int) -> int | None:
        """Page number holding ``offset``, or None for inputs without pages."""
        if not self.pages:
            return None
        starts = [p.start for p in self.pages]
        return self.pages[max(bisect.bisect_right(starts, offset) - 1, 0)].number

    def derived(self, name: str, compute: Callable[[Document], Derived], of: object) -> Derived:
        """What a layer above derives from the document (``compute(self)``), computed once and kept with it, as
        the cached properties are; ``of`` is what it is derived from: when that is another object, it is
        computed again.

        >>> doc = Document("a.txt", "0", "Đạt 90%")
        >>> doc.derived("words", lambda d: d.text.split(), of=doc.text)
        ['Đạt', '90%']
        """
        key = f"_derived_{name}"
        kept = self.__dict__.get(key)
        if kept is None or kept[0] is not of:
            kept = self.__dict__[key] = (of, compute(self))
        return kept[1]

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose span holds ``offset``."""
        i = bisect.bisect_right(self._section_starts, offset) - 1
        section = self.sections[i] if i >= 0 else None
        # the last section begun before ``offset`` may have ended: its parents hold the offset then
        while section is not None and not section.start <= offset < section.end:
            section = self.sections[section.parent] if section.parent is not None else None
        return section

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self.sections]

    def ancestors(self, section: Section) -> list[Section]:
        """``section`` and its parents, innermost first."""
        chain = [section]
        while chain[-1].parent is not None:
            chain.append(self.sections[chain[-1].parent])
        return chain

    # --- paragraphs and sentences: one reader, computed once per document, shared by every extractor

    @cached_property
    def _paragraphs(self) -> tuple[frozenset[int], list[int], list[int]]:
        """Line starts that carry on the paragraph before (``continues``); starts of the non-blank
        lines that open a paragraph; starts of the lines (after the first) that do not carry on."""
        text = self.text
        wrapped = frozenset(m.end() for m in _LINE_MAY_CONTINUE.finditer(text)
                            if m.group("wraps") is not None or continues(text, m.end()))
        closing = [s for s in self.lines.starts[1:] if s not in wrapped]
        blank = set(self._blank_lines)
        opening = [0] + [s for s in closing if s not in blank]
        return wrapped, opening, closing

    def paragraph_start(self, offset: int) -> int:
        r"""Start of the paragraph holding ``offset``: a line that carries on the one before
        (``continues``: a broken line), past any blank lines, belongs to its paragraph.

        >>> doc = Document("a.txt", "0", "- Tỷ lệ hộ nghèo\n\ngiảm còn 3%.\n- Hộ cận nghèo")
        >>> doc.paragraph_start(doc.text.index("3%")), doc.paragraph_start(doc.text.index("Hộ cận"))
        (0, 31)
        """
        wrapped, opening, _ = self._paragraphs
        line = self.lines.start(offset)
        if line not in wrapped:
            return line
        return opening[bisect.bisect_left(opening, line) - 1]

    def paragraph_end(self, offset: int) -> int:
        r"""End of the paragraph holding ``offset``: the first line break not followed by a wrapped line.

        >>> doc = Document("a.txt", "0", "Đến năm 2030: 90% hộ được\nsử dụng nước sạch.\n- 80% xã")
        >>> doc.text[:doc.paragraph_end(14)]
        'Đến năm 2030: 90% hộ được\nsử dụng nước sạch.'
        """
        _, _, closing = self._paragraphs
        i = bisect.bisect_right(closing, offset)
        return closing[i] - 1 if i < len(closing) else len(self.text)

    @cached_property
    def sentence_breaks(self) -> list[int]:
        r"""Sorted offsets where sentences end: after ``. ; : ! ?`` before a space, and after
        each line break that closes a paragraph (the next line does not carry on).

        >>> doc = Document("a.txt", "0", "Mục tiêu: đạt 90%; giảm\n5%.\nHai")
        >>> doc.sentence_breaks
        [9, 18, 27, 28]
        """
        text, (wrapped, _, closing) = self.text, self._paragraphs
        # a wrapped line carries on the sentence, and so do the blank lines just before it; every other line
        # break ends one (a run of blank lines: one break each): the lines that do not carry on their paragraph
        # but the blank lines before a wrapped one
        blank_before_wrapped = set()
        for start in wrapped:
            blank = start - 1
            while blank > 0 and text[blank - 1] == "\n":
                blank_before_wrapped.add(blank)
                blank -= 1
        lines = [start for start in closing if start not in blank_before_wrapped]
        return sorted([m.end() for stop in _STOPS for m in stop.finditer(text)] + lines)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence (between two ``sentence_breaks``) holding ``offset``.

        >>> doc = Document("a.txt", "0", "Mục tiêu: đạt 90%; giảm 5%.")
        >>> doc.text[slice(*doc.sentence_at(14))]
        ' đạt 90%;'
        """
        breaks = self.sentence_breaks
        i = bisect.bisect_right(breaks, offset)
        return (breaks[i - 1] if i else 0), (breaks[i] if i < len(breaks) else len(self.text))

    @cached_property
    def _span_bounds(self) -> tuple[list[int], dict[int, int], list[int], dict[int, int]]:
        """Where ``sentence_span`` stops: left bounds and right bounds (the offset a walk to the right stops at),
        each with, by the bound's index, what ``sentence_span`` has asked for: the first non-space after a left bound,
        the end of the words before a right bound (found when first asked: most bounds never are)."""
        text = self.text
        stops = [m.start() for stop in _SPAN_STOPS for m in stop.finditer(text)]
        rights = sorted(stops + list(_span_line_breaks(text))) + [len(text)]
        # a left bound after each right one: after a line break always, after a mark unless it ends the text
        lefts = [0] + [at + 1 for at in rights[:-1] if at + 1 < len(text) or text[at] == "\n"]
        return lefts, {}, rights, {}

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        r"""The sentence (or list item, or line) around ``[start, end)``.

        Sentences end at ``.`` or ``;`` followed by a space or a line end, at a
        blank line, before a list item (``a)``, ``-``, ``2.``) and after a line
        that is a heading (a numbered or capitalised line, or one ending in
        ``:``). A full stop inside a number (``1.000``) ends nothing, and a line
        break before a lower-case word ends nothing (converted files break lines
        mid-sentence, sometimes with a blank line). The bounds are found once per
        document, so a call costs a binary search whatever the sentence's length (and
        the first call at a bound, a walk over the spaces beside it: kept for the next).

        >>> doc = Document("a.txt", "0", "I. MỤC TIÊU\nTỷ lệ trẻ em\nđạt 90%; giảm 5%.")
        >>> doc.text[slice(*doc.sentence_span(27, 30))]
        'Tỷ lệ trẻ em\nđạt 90%;'
        """
        text = self.text
        lefts, left_words, rights, right_words = self._span_bounds
        i = bisect.bisect_right(lefts, start) - 1
        j = bisect.bisect_left(rights, end)
        right = rights[j] + (j < len(rights) - 1 and text[rights[j]] != "\n")  # a stop ends after its mark
        if i not in left_words:
            left_words[i] = _SPACES.match(text, lefts[i]).end()
        if j not in right_words:
            right_words[j] = _end_of_words(text, right)
        left = min(left_words[i], right)
        return left, max(left, right_words[j])


def _end_of_words(text: str, at: int) -> int:
    r"""``at`` less the spaces just before it.

    >>> _end_of_words("Đạt 5%. \n \n", 10), _end_of_words("  ", 2)
    (7, 0)
    """
    while at and text[at - 1].isspace():
        at -= 1
    return at


def _blanked(text: str, offsets: list[int]) -> str:
    """``text`` with a space at each of the sorted ``offsets``.

    >>> _blanked("ab\\ncd\\nef", [2, 5])
    'ab cd ef'
    """
    kept = zip([0, *(i + 1 for i in offsets)], [*offsets, len(text)])
    return " ".join(text[start:end] for start, end in kept)


# Longest quote of an item (characters): a longer sentence is quoted by the clause around the item.
QUOTE_MAX = 600
_CLAUSE_MARK = re.compile(r"[,;:()\n]")
_SPACES = re.compile(r"\s*")
# What ends a sentence: a stop before a space, a line break (and the blank lines after it). One pattern per mark:
# one opening with a character is searched for at C speed, one opening with a class of them tried at every character.
_STOPS = [re.compile(rf"{re.escape(mark)}(?=\s)") for mark in ".;:!?"]
# Where ``sentence_span`` may stop: ``.`` or ``;`` before a space or the end, a line break unless
# the text after it (and any blank lines) opens in lower case: a sentence wrapped mid-way.
_SPAN_STOPS = [re.compile(rf"{re.escape(mark)}(?=\s|\Z)") for mark in ".;"]
_NOT_BEFORE_SMALL = rf"(?!\s{{0,6}}[{LOWER}])"  # after a line break: a small letter does not follow


def continues(text: str, line_start: int) -> bool:
    r"""Whether the line at ``line_start`` carries on the previous paragraph (a broken line).

    A line opening in lower case does; so does one opening with a number that is
    no list label (``trên\n70% người lao động``), and a dash before a number right
    after a number (``05\n- 06%/năm``, ``2026\n- 2030``): a wrapped range, not a bullet.

    >>> continues("đạt trên\n70% số xã", 9), continues("bình quân 05\n- 06%/năm", 13), continues("xã;\n70%", 4)
    (True, True, False)
    >>> continues("Mục tiêu\n2. Nhiệm vụ", 9), continues("có 5 xã\n- 100% số hộ", 8)
    (False, False)
    """
    end = line_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if not end or text[end - 1] in ".;:!?":
        return False
    rest = text[line_start:line_start + 8].lstrip(" \t*")
    if not rest:
        return False
    if rest.lstrip("“\"'(")[:1].islower():  # "xã, phường\n“không ma túy”": a quoted name carries on
        return not _LIST_START.match(text, line_start)
    if rest[0].isdigit():
        return not _NUMBER_LABEL.match(rest) and text[end - 1] not in "*|"
    return bool(_WRAPPED_RANGE.match(rest)) and text[end - 1].isdigit()


# "2. ", "2.1. ", "3) ", "2.1 Nhiệm vụ": a list label, not a value (a label has at most three
# digits: "vào năm\n2020." is a wrapped year ending its sentence)
_NUMBER_LABEL = re.compile(rf"\d{{1,3}}(?:\.\d+)*[.)](?:\s|$)|\d{{1,2}}(?:\.\d{{1,2}})+\s+[{UPPER}]")
_WRAPPED_RANGE = re.compile(r"-\s*\d")
_LIST_START = re.compile(r"[ \t*#>]*(?:[-+•]|\d+[.)]|[a-zđ]\)|[IVX]+\.)")
# The line break before a line that may carry on the one before (``continues``): it opens in lower case, with a
# digit, a quote, a parenthesis or a dash, never in upper case. Lines ``continues`` is sure to reject are left out:
# after a stop; a list's number or letter (``2. ``, ``a)``); a dash before no number (``- Dự án``); a digit after
# a cell border or emphasis (``|\n1.800``). ``wraps`` when ``continues`` is sure to say so: after a letter, a digit
# or a mark other than a stop, a line whose first letter (past its marks and quotes, in ``continues``' first eight
# characters) is a small one and that opens no list item. Opening with the break, it is searched for at C speed,
# and ``continues`` reads only the lines it leaves in doubt (most after a blank line). The test of the line's
# opening comes first: it rules out the lines opening in upper case or with a cell border (most) at once.
_LINE_MAY_CONTINUE = re.compile(
    rf"\n(?=[ \t*]*(?:[“\"'(\-]|[^\W{UPPER}_]))"
    rf"(?<![.;:!?]\n)(?![ \t*]{{0,3}}\d{{1,3}}[.)]\s|[ \t*]*[a-zđ]\)|[ \t*]*-\s*[^\s\d]|(?<=[*|]\n)[ \t*]*\d)"
    rf"(?:(?<=[^\s.;:!?]\n)(?=[ \t*]*[“\"'(]*[{LOWER}])(?=[ \t*“\"'(]{{0,7}}[{LOWER}])"
    rf"(?!{_LIST_START.pattern})(?P<wraps>)|)")


_LINE_ITEM = re.compile(r"[ \t]*(?:[-+•*]|\d+[.)]|[a-zđ]\)|[IVX]+\.)\s")
# The line break before a blank line, the end of the text or a list item, no small letter after it: one search.
_BREAK_BEFORE_BLANK_OR_ITEM = re.compile(rf"\n(?=\n|\Z|{_LINE_ITEM.pattern}){_NOT_BEFORE_SMALL}")


def _span_line_breaks(text: str) -> set[int]:
    r"""The line breaks ``sentence_span`` stops at: before a blank line or the end of the text, after a line that
    stands alone (``_stands_alone``), before a list item; never before a small letter (six spaces at most before
    it: a sentence wrapped mid-way).

    Patterns pick the lines at C speed: a line of marks only or one ending in a colon stands alone; one that opens
    with an item's label or holds a capital and no small ASCII letter is read; the thousands of ordinary lines cost
    no Python work.

    >>> text = "Mục tiêu:\nabc\n\nII. MỤC TIÊU\n1. Nội dung, cụ thể:\n2. Các chỉ tiêu,\n  - 123\nÂU\ntext"
    >>> [text[:at].rsplit("\n", 1)[-1] for at in sorted(_span_line_breaks(text))]
    ['abc', '', 'II. MỤC TIÊU', '1. Nội dung, cụ thể:', '2. Các chỉ tiêu,', '  - 123']
    """
    ends = {m.start() for m in _BREAK_BEFORE_BLANK_OR_ITEM.finditer(text)}
    ends.update(m.end() - 1 for m in _COLON_LAST.finditer(text))
    first = _LINE_THAT_MAY_STAND.match(text)  # the first line has no break before it
    for m in ([first] if first else []) + list(_LINE_AFTER_BREAK_THAT_MAY_STAND.finditer(text)):
        if m.group("bare") is not None or _stands_alone(m.group("line")):
            ends.add(m.end())
    return ends


def _stands_alone(line: str) -> bool:
    """Whether a line stands alone: blank or marks only, a lead-in ending in ``:``, a short item's label line
    (``1. Mục tiêu``, not one ending in a comma), or capitals (more than three letters)."""
    line = line.strip(" \t*#")
    if not line or line.endswith(":"):
        return True
    if _LINE_ITEM.match(line) and len(line) < 100 and not line.endswith(","):
        return True
    # all capitals, tested letter by letter in C, stopping at the first small one
    return all(map(str.isupper, filter(str.isalpha, line))) and sum(map(str.isalpha, line)) > 3


_COLON_LAST = re.compile(rf":[ \t*#]*+\n{_NOT_BEFORE_SMALL}")  # a line whose last character, marks aside, is a colon
# A line that may stand alone (before its line break, no small letter after it): ``bare``, it does (marks only);
# ``line``, it may (an item's label and a space open it after marks (``285.000``, a figure, is no label), or it has
# a letter other than a small ASCII one and no small ASCII one). No part of a line is walked twice: the letter is
# looked for ahead, then the line taken whole (given back a character at a time, a line of capitals before a small
# letter, or the text's last line, was walked again from each of its letters).
_MAY_STAND = (r"(?:(?P<bare>[ \t*#]*+)|(?P<line>[ \t*#]*+(?:[-+•]|\d+[.)]|[a-zđ]\)|[IVX]+\.)(?=\s)[^\n]*+"
              rf"|(?=[^a-z\n]*?[^\W\d_a-z])[^a-z\n]*+))(?=\n{_NOT_BEFORE_SMALL})")
_LINE_THAT_MAY_STAND = re.compile(_MAY_STAND)
_LINE_AFTER_BREAK_THAT_MAY_STAND = re.compile(r"\n" + _MAY_STAND)  # the break first: searched at C speed


@dataclass
class Item:
    """What every extracted item carries: where it came from."""

    span: tuple[int, int]
    quote: str = ""
    page: int | None = None
    section: str | None = None  # section path, e.g. "II.1.a"
