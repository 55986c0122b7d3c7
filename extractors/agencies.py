"""The bodies a plan assigns work to, with the role it gives each and the target codes it hands them.

Official plans (laid out after Nghị định 30/2020/NĐ-CP) assign work in a few
fixed ways, and only those make a body an agency:

- an item addressed to a body: ``3. Công an tỉnh: ...`` (lead), ``13. Đề nghị
  Ủy ban MTTQ Việt Nam tỉnh ...`` or the bodies after ``Đề nghị:`` (requested:
  outside the issuer's command); an item addressed to a class of bodies one can
  name (``**6. Các sở, ban, ngành tỉnh**``, ``Các doanh nghiệp viễn thông``) makes
  that class one lead agency;
- a sentence whose subject is a body: ``Sở Tài chính căn cứ ... bố trí kinh phí``;
- the partners after ``phối hợp (với)``: support;
- ``Cơ quan chủ trì: ...`` / ``Cơ quan phối hợp: ...`` labels;
- the lead / partner columns of a task table, in tab, ``|`` or web-page (one cell
  per line) layout.

A body that is only the object of a verb (``chỉ đạo Phòng Giáo dục``, ``báo
cáo UBND tỉnh``), the issuing committee, the members of a committee, a decision's
execution formula and generic groups (``các sở, ngành liên quan``) are not agencies.
Lines broken inside names and headings are read joined (``flatten``). Names are
read by ``chitieu.extractors.gazetteer``.

>>> from chitieu.models.document import Document
>>> doc = Document("a.txt", "0", "IV. TỔ CHỨC THỰC HIỆN\\n1. Sở LĐTBXH: thực hiện các chỉ tiêu 1, 2 của Kế hoạch; "
...     "phối hợp với Cục Thống kê.\\n2. Đề nghị Viện Kiểm sát nhân dân, Tòa án nhân dân tỉnh phối hợp thực hiện.\\n")
>>> [(a.name, a.role, a.indicators) for a in extract_agencies(doc)]  # doctest: +NORMALIZE_WHITESPACE
[('Sở Lao động - Thương binh và Xã hội', 'lead', ['1', '2']), ('Cục Thống kê', 'support', []),
 ('Viện Kiểm sát nhân dân tỉnh', 'requested', []), ('Tòa án nhân dân tỉnh', 'requested', [])]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Iterator

from chitieu.extractors import anchored
from chitieu.extractors.anchored import Anchor, by_first_letter
from chitieu.extractors.gazetteer import (
    GENERIC_WORDS,
    INTRO_WORDS,
    LEVEL,
    VILLAGE_UNIT,
    Mention,
    body_form,
    expand,
    find_mentions,
    only_generic,
    tidy,
)
from chitieu.models.document import Document
from chitieu.models.sections import Section
from chitieu.models.items import Agency
from chitieu.models.normalize import fold
from chitieu.models.text_tables import column_kind, is_border_line


# ----------------------------------------------------------------- vocabulary (folded: no diacritics, lower case)

# "và", "cùng" and the generic words, grouped by first letter: a word tries only the few that open like it
_GENERIC = by_first_letter(["va", "cung", *sorted(GENERIC_WORDS, key=len, reverse=True)])
_GAP = re.compile(rf"(?:[\s,;&/-]|\.\.\.|…|\b{_GENERIC}\b)*")
_TRAILING_GENERIC = re.compile(rf"(?:[\s,;&/-]|\b{_GENERIC}\b)*$")
_BULLET = re.compile(r"[\s\-+•*>]*(?:(?:dieu\s+\d+|[ivx]+|\d+(?:\.\d+)*|[^\W\d_])\s*[.):]\s*)?[\s\-+•*]*")
_CLAUSE_END = re.compile(r"[.;:!?](?=\s)")
_SENTENCE_STOP = re.compile(r"[.:!?](?=\s)")
# A committee's make-up: "Thành viên: ...", "gồm các thành viên", "Thành phần Tổ công tác", "Phó Trưởng ban: ...".
_MEMBERSHIP = re.compile(r"(?<![a-z])(?:thanh vien|(?:bao )?gom(?: co)?(?: cac| dai dien)?|thanh phan|co cau|"
                         r"(?:pho )?truong ban|(?:to|pho) truong|uy vien)(?![a-z])[^:;.]{0,40}:")
_MEMBERSHIP_HEADING = re.compile(r"\W*(?:thanh phan|thanh vien)(?![a-z])")
# "Đề nghị:" introducing the bodies asked (the rest of its line, or the bullets under it).
_ASKED_LABEL = re.compile(r"(?<![a-z])de nghi\s*:\s*$")
_LIST_BULLET = re.compile(r"[ \t*_]*(?:[-+•]|[^\W\d_]\))\s")
_PARTNERS_HEADING = re.compile(r"(?:chu tri\s*,?\s*)?phoi hop(?:\s+(?:voi|cung))?(?:\s+cac\s+[a-z ,]+)?\s*:?")
# "<body> chủ trì, <body> phối hợp": a second subject after the lead's own clause. ("do <body> chủ trì" is not one:
# it mostly describes a programme the body runs, "các dự án do Bộ Công an chủ trì".)
_SHARED_LEAD_IN = re.compile(r"chu tri(?:\s*,|\s+va)?$")
_CLAUSE_MARK = re.compile(r"[;:]")  # between a body and its verb: the verb is another clause's
# A clause that names the lead of a passage (``Sở Y tế chủ trì``), before a partner's clause (folded).
_LEAD_CLAUSE = re.compile(r"(?<![a-z])chu tri(?![a-z])")
# The role a body's own verb gives it, also as "là cơ quan phối hợp" / "là đơn vị chủ trì".
_VERB_AFTER = re.compile(
    r"(?:la\s+(?:co quan|don vi)\s+)?(chu tri|thuc hien|dam nhiem|phu trach|lam dau moi|phoi hop)(?![a-z])")
_EXECUTION_CLAUSE = re.compile(r"thi hanh (?:quyet dinh|chi thi) nay")
_MEMBERS_OPEN = re.compile(r"(?:^|\s)(?:cac|nhung)\s[^()]{1,60}\(\s*$")
_COMMITTEE_BEFORE = re.compile(r"(?:uy ban nhan dan|ubnd)\s+(?:tinh|thanh pho|huyen|quan|thi xa)(?:\s+[a-z]+){0,3}\s*$")
_BREAKDOWN = re.compile(r":\s*\d")
_SUPPORT_LEAD_IN = re.compile(r"phoi hop(?:\s+chat che)?(?:\s+(?:voi|cung))?$")
# "Giao Sở Y tế ..." opens its clause, after an adverbial too ("Để triển khai kịp thời, UBND tỉnh giao ...");
# "Chủ trì, giao Trung tâm ..." is the addressee handing work to its own unit.
_ASSIGN_LEAD_IN = re.compile(
    rf"^(?:{INTRO_WORDS}\b[^,]{{0,80}},\s*)?(?:(?:uy ban nhan dan|ubnd)\s+[a-z ]{{2,30}}\s|(?:dong thoi|tiep tuc|va)\s+)?"
    r"giao(?:\s+cho)?$")
# "Đề nghị ..." asks its bodies, also when the issuing committee is written before it (``UBND tỉnh đề nghị ...``).
_REQUEST = re.compile(r"^(?:(?:uy ban nhan dan|ubnd)\s+[a-z ]{2,30}\s)?de nghi$")
_INTRO = re.compile(rf"^{INTRO_WORDS}\b")
_LEAD_LABEL = re.compile(r"(?:co quan|don vi)[\w\s,]{0,30}?(?:chu tri|thuc hien)[\w\s]{0,20}?:[\s*_]*")
# Its openings: the engine tries a pattern opening with either at every c and d, str.find skips to them.
_LEAD_LABEL_OPENINGS = Anchor((re.compile("co quan"), re.compile("don vi")), words_before=0, opening=re.compile("[cd]"))
_LABEL = re.compile(r"(?:co quan|don vi)[\w\s,]{0,30}?(chu tri|thuc hien|phoi hop)\s*:?\s*$")
# A target's label: "1", "2.3", or a letter "a" .. "h" (folded: đ is d); "chỉ tiêu 1, 2 và 8", "các mục tiêu a, b, d";
# a line may break inside the words ("theo chỉ\ntiêu e"); lettered targets are also cited by their point ("các chỉ
# tiêu tại điểm a, b, đ").
_CODE = r"(?:\d{1,2}(?:\.\d{1,2})?|[a-h](?![a-z0-9]))"
# A "điểm" of a legal text is lettered; "các chỉ tiêu tại điểm 1 Mục III" cites a part of the plan, not a code.
_LETTER = r"[a-h](?![a-z0-9])"
# A citation opens with "chỉ tiêu" or "mục tiêu" (a plan writes the word "tiêu" a few dozen times:
# ``_citation_openings``).
_CITATION_OPENINGS = ("chi", "muc")
_CODE_WORD = re.compile("tieu")
_CODES = re.compile(rf"(?:{'|'.join(_CITATION_OPENINGS)})\s+{_CODE_WORD.pattern}\s+"
                    rf"(?:(?:so\s+)?({_CODE}(?:\s*(?:,|va)\s*(?:so\s+)?{_CODE})*)(?![\d%])"
                    rf"|tai\s+(?:cac\s+)?diem\s+({_LETTER}(?:\s*(?:,|va)\s*{_LETTER})*))")
_ONE_CODE = re.compile(rf"(?<![a-z0-9.]){_CODE}")



# ----------------------------------------------------------------- assignments
@dataclass
class Assignment:
    """One body given one role at one place; ``scope`` is the passage it leads, ``priority`` ranks the evidence."""

    mention: Mention
    role: str
    scope: tuple[int, int]
    priority: int  # 2: addressed in the text, 1: lead column of a table, 0: named as a partner
    first: bool = True  # named first among its co-addressees: it answers for the passage's deadlines


# A line that opens a numbered, lettered or bulleted item, emphasised or not.
_ITEM_START = re.compile(r"[ \t*_]*(?:[-+•]|\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]+\.|[^\W\d_]\))")
# A numbered or lettered label: the line may be a heading standing alone (``1. Sở Y tế``); bullets are not.
_NUMBERED_START = re.compile(r"[ \t*_]*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]+\.|[^\W\d_]\))")
# An emphasised heading wraps over a few lines at most.
MAX_WRAPPED_LINES = 4
# A line ending on a preposition or conjunction goes on (folded): ``Phối hợp chặt chẽ với\\nCông an tỉnh``.
_OPEN_ENDING_WORDS = ("voi", "va", "cua", "cho", "cac", "nhung", "tai", "trong", "ve", "den", "tu", "la", "duoc", "hoac",
                      "cung", "theo", "thuoc")
_OPEN_ENDING = re.compile(rf"(?<![a-z])(?:{'|'.join(_OPEN_ENDING_WORDS)})[\s*_]*$")
# What an open ending's word spans at most before the spaces and marks that end its line.
_OPEN_ENDING_REACH = max(map(len, _OPEN_ENDING_WORDS))
# A line ending in a stop or a closed emphasis run ends its paragraph.
_CLOSED_ENDING = re.compile(r"(?:[.;:!?)]|\*)[\s*_]*$")
# Lines of hard-wrapped text are at most this wide (web pages about 80, PDF text a little more).
WRAP_WIDTH = 100
MIN_WRAPPED_LINES = 8
MAX_WIDE_SHARE = 0.05  # hard-wrapped text has hardly any line wider than the page
# A line this share of the wrap width long was broken by the wrap, not by the writer.
FULL_LINE_SHARE = 0.7
# A line that opens a lettered item (``a) ...``, ``đ. ...``): a new line although it starts in lower case.
_LETTER_ITEM = re.compile(r"[ \t*_]*[^\W\d_][.)]\s")


def _wrapped_breaks(text: str, folded: str | None = None) -> list[int]:
    """Offsets of the line breaks that wrap a line (see ``flatten``); ``folded`` is ``fold(text)`` when known.

    An emphasis run counts as open only from a line that opens an item (``**3. Sở Y tế``) and for a few lines:
    a stray ``**`` elsewhere must not join the rest of the page.
    """
    breaks: list[int] = []
    bold = italic = False
    open_lines = 0
    folded = fold(text) if folded is None else folded
    lines = text.split("\n")
    widths = list(map(len, map(str.rstrip, lines)))  # 0: a blank line
    tabled, borders = _table_lines(lines)
    width = _wrap_width(widths, tabled) if _is_hard_wrapped(lines, widths, borders) else None
    # a table's line neither wraps nor is wrapped into: the lines whose break leads out of or into a table
    in_or_before_table = tabled.union([i - 1 for i in tabled])
    first_of_block = True
    newline = -1
    for i, (line, next_line) in enumerate(zip(lines, lines[1:])):
        newline += len(line) + 1  # the break after the line
        if not widths[i]:  # a blank line closes every run and goes on into nothing
            bold = italic = False
            open_lines, first_of_block = 0, True
            continue
        if bold or italic or "*" in line:  # a line without marks leaves a closed run closed
            if open_lines >= MAX_WRAPPED_LINES or i in borders:
                bold = italic = False
            elif _ITEM_START.match(line):
                bold = line.count("**") % 2 == 1
                italic = line.replace("**", "").count("*") % 2 == 1
            else:
                bold ^= line.count("**") % 2 == 1
                italic ^= line.replace("**", "").count("*") % 2 == 1
            open_lines = open_lines + 1 if bold or italic else 0
        following = next_line.lstrip(" \t*_") if i not in in_or_before_table else ""
        if not following:  # most lines of a plan's tables and the lines before a blank one: no wrap to look for
            first_of_block = True
            continue
        # the lettered-item test last, and only where a mark follows the first letter: most next lines are already
        # ruled out by their first letter or opening
        wraps = (
            bold or italic or following[0].islower()
            or not _ITEM_START.match(next_line) and (
                _ends_with(_OPEN_ENDING, folded, newline - len(line), newline, "*_", _OPEN_ENDING_REACH)
                or width is not None and _goes_on(line, width, first_of_block))) and not (
            following[1:2] in (".", ")") and _LETTER_ITEM.match(next_line))
        if wraps:
            breaks.append(newline)
        first_of_block = not wraps
    return breaks


def _table_lines(lines: list[str]) -> tuple[set[int], set[int]]:
    """The indices of the lines of a table (a lone bar, or cells split by tabs or bars) and of the lone bars among
    them (cell borders, ``text_tables.is_border_line``); only a line with a tab or a bar is read further, most have
    neither.

    >>> _table_lines(["a", "x\\ty", " | ", "a | b", "a|b|c"])
    ({1, 2, 4}, {2})
    """
    tabled: set[int] = set()
    borders: set[int] = set()
    for i in [i for i, line in enumerate(lines) if "|" in line or "\t" in line]:
        line = lines[i]
        if is_border_line(line):
            borders.add(i)
            tabled.add(i)
        elif "\t" in line or line.count("|") >= 2:
            tabled.add(i)
    return tabled, borders


def _wrap_width(widths: list[int], tabled: set[int]) -> int:
    """The width hard-wrapped text is broken at: the length most full lines reach (``widths``: the lines' lengths
    without their end spaces, ``tabled``: table lines)."""
    kept = widths.copy()
    for i in tabled:
        kept[i] = 0
    lengths = sorted(filter(None, kept))
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else WRAP_WIDTH


def _goes_on(line: str, width: int, first_of_block: bool) -> bool:
    """Whether a line of hard-wrapped text goes on into the next: no closing stop, not in capitals, and either
    about as wide as the text (the wrap broke it) or the short first line of a paragraph that is no numbered
    heading. A short line after others ended its paragraph (``tập Báo Bình Định`` / ``Tăng cường ...``)."""
    if not (len(line.rstrip()) >= FULL_LINE_SHARE * width or (first_of_block and not _NUMBERED_START.match(line))):
        return False
    stripped = line.strip()
    # in capitals: the first letter in lower case answers for most lines, the letters are counted only after
    in_capitals = all(c.isupper() for c in stripped if c.isalpha()) and sum(c.isalpha() for c in stripped) > 3
    return not _CLOSED_ENDING.search(stripped) and not in_capitals


def _is_hard_wrapped(lines: list[str], widths: list[int], borders: set[int]) -> bool:
    """Text broken into lines of a fixed width (web page or PDF text): hardly any line runs past a page's width
    (``widths``: the lines' lengths without their end spaces, 0 for a blank line; ``borders``: the lines that are a
    lone bar, no text).

    >>> _is_hard_wrapped(["a" * 60] * 7 + [" | ", "", "b" * 120], [60] * 7 + [2, 0, 120], {7})
    False
    >>> _is_hard_wrapped(["a" * 60] * 8 + [" | ", "", " " * 120], [60] * 8 + [2, 0, 0], {8})
    True
    >>> _is_hard_wrapped(["a" * 60] * 8 + [" " * 60 + "|" + " " * 60], [60] * 8 + [61], {8})  # a wide border
    True
    """
    counted = len(widths) - widths.count(0) - len(borders)  # a border holds its bar: it is never blank
    # the few lines wider than the page, picked out at C speed, then the blank ones and the borders left out
    wider = compress(range(len(lines)), map(WRAP_WIDTH.__lt__, map(len, lines)))
    wide = len([i for i in wider if widths[i] and i not in borders])
    return counted >= MIN_WRAPPED_LINES and wide < MAX_WIDE_SHARE * counted


def flatten(doc: Document) -> Document:
    """``doc`` with the line breaks that only wrap a line turned into spaces (``Document.joined``): its sections read again where lines join.

    Web pages and PDFs break lines inside names and headings (``**1. Ban\\nQuản lý các khu công nghiệp**``,
    ``**III.\\nTỔ CHỨC THỰC HIỆN**``, ``Sở Khoa học\\nvà Công nghệ``); a break wraps when the next line goes on
    in lower case (not a lettered item) or an emphasis run opened before it closes after it. Offsets are
    unchanged, so spans and section bounds hold for ``doc`` too. Computed once per document.
    """
    return doc.derived("agencies_flat", _flat_copy, of=doc.text)


def _flat_copy(doc: Document) -> Document:
    breaks = _wrapped_breaks(doc.text, doc.folded)
    if not breaks:  # nothing wraps: the document is its own flat copy, its sections already read
        return doc
    return doc.joined(breaks)


def _chains(folded: str, mentions: list[Mention]) -> Iterator[list[Mention]]:
    """Runs of bodies joined only by commas, ``và`` and generic groups: one list of addressees."""
    chain: list[Mention] = []
    for mention in mentions:
        if chain and _GAP.fullmatch(folded, chain[-1].end, mention.start) and "\n" not in folded[chain[-1].end:mention.start]:
            chain.append(mention)
            continue
        if chain:
            yield chain
        chain = [mention]
    if chain:
        yield chain


# The opening of a whole document (folded lines): its legal basis, number or the national motto.
_DOCUMENT_OPENING = re.compile(r"^[\s*_#|]*(?:can cu|so\s*:|cong hoa xa hoi|doc lap\s*-)", re.M)


def _assigns(doc: Document, section: Section | None) -> bool:
    """Whether bodies in ``section`` can be given work: not in a kind of section that gives none.

    The text before a page's first heading is a document's preamble (header, title, legal basis) only when it
    reads like one; an excerpt cut from inside a plan opens with the organisation section's own lines
    (``Sở Y tế chủ trì ...`` then ``Nơi nhận:``), which do assign.
    """
    if section is None or section.assigns_work:
        return True
    if section.kind != "preamble" or section.heading or section.start != 0:
        return False
    return not _DOCUMENT_OPENING.search(doc.folded, 0, section.end) and not any(
        len(line.split()) >= 2 and line.isupper() for line in doc.text[:section.end].split("\n"))


def _in_request(doc: Document, section: Section | None) -> bool:
    """Inside an item that opens with ``Đề nghị``: the bodies there are asked, not ordered."""
    return section is not None and any(_is_request_heading(s.heading) for s in doc.ancestors(section))


@lru_cache(maxsize=1024)  # asked for the sections around each run of mentions: a plan's headings come back
def _is_request_heading(heading: str) -> bool:
    """A heading that opens with ``Đề nghị``."""
    return fold(heading).lstrip(" *").startswith("de nghi")


@lru_cache(maxsize=1024)  # asked for the sections around each run of mentions: a plan's headings come back
def _is_membership_heading(heading: str) -> bool:
    """A heading over a committee's make-up (``Thành phần``, ``Thành viên Ban Chỉ đạo``)."""
    return _MEMBERSHIP_HEADING.match(fold(heading)) is not None


def _asked_list(doc: Document, line_start: int) -> bool:
    """A bullet under a line that ends ``Đề nghị:`` (``Đề nghị:\\n- Ủy ban MTTQ tỉnh ...\\n- Hội Nông dân tỉnh ...``)."""
    if not _LIST_BULLET.match(doc.text, line_start):
        return False
    pos = line_start
    while pos > 0:
        start = doc.text.rfind("\n", 0, pos - 1) + 1
        line = doc.text[start:pos - 1]
        if line.strip() and not _LIST_BULLET.match(line):
            return _ASKED_LABEL.search(fold(line)) is not None
        pos = start
    return False


# A sentence that asks: "Đề nghị ..." opening it, the issuing committee written before the verb or not.
_ASKING_SENTENCE = re.compile(r"[\s*_]*(?:(?:uy ban nhan dan|ubnd)\s+[a-z ]{2,30}\s)?de nghi(?![a-z])")


def _asked_sentence(marks: _Landmarks, line: tuple[int, int], body_start: int, clause_start: int) -> bool:
    """A clause after a semicolon in a sentence that opens with ``Đề nghị``: the request governs every clause of
    its sentence (``Đề nghị Hội Nông dân huyện ...; Huyện đoàn tổ chức ...``), so its subjects are asked too."""
    if clause_start <= body_start or marks.folded[clause_start - 1] != ";":
        return False
    stop = marks.last_before(_SENTENCE_STOP, line, body_start, clause_start - 1)  # its space before the clause too
    return _ASKING_SENTENCE.match(marks.folded, body_start if stop is None else stop + 1) is not None


# How far a label's words (``Cơ quan chủ trì``, ``đề nghị``) run at most before its colon and spaces.
MAX_LABEL_CHARS = 80


def _ends_with(pattern: re.Pattern, folded: str, lo: int, hi: int, trailing: str = ":",
               reach: int = MAX_LABEL_CHARS) -> re.Match | None:
    """``pattern.search(folded, lo, hi)`` for a pattern of a few words anchored at ``hi`` (``...:\\s*$``) whose
    words run at most ``reach`` characters: only the words before ``hi``'s trailing spaces and ``trailing`` marks
    are searched, so a long line costs no more than a short one.

    >>> _ends_with(_OPEN_ENDING, "phoi hop voi **", 0, 15).span(), _ends_with(_OPEN_ENDING, "so y te", 0, 7)
    ((9, 15), None)
    """
    words_end = hi
    while words_end > lo and (folded[words_end - 1].isspace() or folded[words_end - 1] in trailing):
        words_end -= 1
    return pattern.search(folded, max(lo, words_end - reach), hi)


class _Landmarks:
    """What ``_assign_chain`` looks for before a mention, found once over the flattened document."""

    def __init__(self, doc: Document) -> None:
        self.text, self.folded = doc.text, doc.folded
        # per line start, read when a mention on the line asks (a few lines of a plan's thousands)
        self._marks: dict[tuple[re.Pattern, int], list[int]] = {}
        self._first_colon: dict[int, int] = {}
        self._membership_end: dict[int, int | None] = {}
        self.mention_starts: list[int] = []  # set once the mentions are found

    def last_before(self, mark: re.Pattern, line: tuple[int, int], lo: int, hi: int) -> int | None:
        """The last ``mark`` (a pattern of one character: ``_CLAUSE_END``, ``_SENTENCE_STOP``) in ``[lo, hi)`` on
        ``line``, ``hi`` before the line's end (a mark's look-ahead then reads the line only).

        >>> marks, line = _Landmarks(Document("a.txt", "0", "a; b. c, d")), (0, 10)
        >>> [marks.last_before(_CLAUSE_END, line, lo, hi) for lo, hi in [(0, 9), (0, 4), (2, 4)]]
        [4, 1, None]
        """
        places = self._marks.get((mark, line[0]))
        if places is None:  # the line's marks kept as offsets, the last before hi bisected
            places = self._marks[mark, line[0]] = [m.start() for m in mark.finditer(self.folded, *line)]
        i = bisect.bisect_left(places, hi) - 1
        return places[i] if i >= 0 and places[i] >= lo else None

    def membership_before(self, line: tuple[int, int], offset: int) -> bool:
        """Whether a committee's make-up (``Thành viên: ...``) is written on ``line`` before ``offset``.

        A make-up ends at the first colon after its words, so the line's first one (a search of the line) ends
        before any other: its end alone is kept."""
        first_colon = self._first_colon.get(line[0])
        if first_colon is None:
            first_colon = self._first_colon[line[0]] = self.folded.find(":", *line)
        if not 0 <= first_colon < offset:
            return False  # most lines have no colon before a mention: no make-up to look for
        if line[0] not in self._membership_end:
            made_up = _MEMBERSHIP.search(self.folded, *line)
            self._membership_end[line[0]] = made_up.end() if made_up else None
        end = self._membership_end[line[0]]
        return end is not None and end <= offset


# Every word of the generic groups, "và" and "cùng": the only words a generic tail holds.
_GENERIC_VOCABULARY = frozenset(re.findall(r"\w+", " ".join(["va", "cung", *GENERIC_WORDS])))


def _generic_tail(folded: str, lo: int, hi: int) -> re.Match:
    """``_TRAILING_GENERIC`` searched in ``folded[lo:hi]`` (``lo`` after a non-word character, as a clause opens):
    the separators and generic words that end it (``..., các sở, ngành,``), an empty match at ``hi`` if none.

    A tail holds no word outside ``_GENERIC_VOCABULARY``, so the search starts after the last such word, found
    walking back from ``hi`` a word at a time: a long lead-in costs what its last words cost.

    >>> t = "giao cho cac so, nganh, "
    >>> t[_generic_tail(t, 0, len(t)).start():], _generic_tail(t, 0, 8).span()
    (' cac so, nganh, ', (8, 8))
    """
    start = hi
    while True:
        word_end = start
        while word_end > lo and not _is_word_character(folded[word_end - 1]):
            word_end -= 1
        start = word_end
        while start > lo and _is_word_character(folded[start - 1]):
            start -= 1
        if start == word_end:  # no word left: the search starts at lo
            return _TRAILING_GENERIC.search(folded, lo, hi)
        if folded[start:word_end] not in _GENERIC_VOCABULARY:
            return _TRAILING_GENERIC.search(folded, word_end, hi)


def _is_word_character(c: str) -> bool:
    """A character of a word, as ``\\w`` reads it."""
    return c.isalnum() or c == "_"


def _assign_chain(doc: Document, chain: list[Mention], marks: _Landmarks) -> list[Assignment]:
    """The roles a run of addressees gets where it stands; ``doc`` is the flattened document, ``marks`` its landmarks."""
    folded = doc.folded
    start, end = chain[0].start, chain[-1].end
    section = doc.section_at(start)
    if not _assigns(doc, section):
        return []
    line_start, line_end = doc.line_span(start)
    body_start = _BULLET.match(folded, line_start, start).end()  # after "1.", "a)", "-"
    boundary = marks.last_before(_CLAUSE_END, (line_start, line_end), body_start, start - 1)  # its space before it too
    clause_start = body_start if boundary is None else boundary + 1
    if _EXECUTION_CLAUSE.search(folded, start, min(line_end, end + 400)):
        return []  # "Chánh Văn phòng ..., Giám đốc Sở ... chịu trách nhiệm thi hành Quyết định này": a decision's formula
    if marks.membership_before((line_start, line_end), start) or (section is not None and any(
            _is_membership_heading(s.heading) for s in doc.ancestors(section))):
        return []  # "Thành viên: Sở Y tế, Sở Tài chính": the members of a committee are given no work by it
    lead_in = folded[clause_start:start]
    # "các doanh nghiệp viễn thông (VNPT, Viettel, ...)": the named members take the group's place in the clause
    members = _MEMBERS_OPEN.search(lead_in) if lead_in.rstrip().endswith("(") else None
    generic_tail = _generic_tail(folded, clause_start, clause_start + members.start() if members else start)
    # "Căn cứ chức năng, nhiệm vụ, ..., các sở, ngành, UBND cấp huyện ...": the subject follows the adverbial
    after_intro = clause_start == body_start and generic_tail.group().lstrip().startswith(",")
    lead_in = folded[clause_start:generic_tail.start()].strip()
    if lead_in == "truong":
        lead_in = ""  # "Trưởng Công an xã chỉ đạo ...": the head of a body stands for it, as "Giám đốc" does
    if lead_in.endswith("(") and _VERB_AFTER.match(folded, _GAP.match(folded, end).end()):
        # "- Tập huấn (Sở Y tế chủ trì, ...)": a note in brackets names who does the task; a bracket that only
        # lists bodies explains the words before it ("mạng lưới loa (Đài Truyền thanh xã, ...) phát tin")
        lead_in = ""
    partner = _SUPPORT_LEAD_IN.search(lead_in)
    if not lead_in and clause_start > body_start and folded[clause_start - 1] == ":" \
            and _SUPPORT_LEAD_IN.search(folded[body_start:clause_start - 1].rstrip()):
        return [Assignment(m, "support", (m.start, m.end), 0) for m in chain]  # "phối hợp với: Sở Tài chính, ..."
    if partner:
        if _COMMITTEE_BEFORE.search(lead_in, 0, partner.start()):
            return []  # "tham mưu UBND tỉnh phối hợp Bộ Y tế": the committee's partner, not the addressee's
        return [Assignment(m, "support", (m.start, m.end), 0) for m in chain]
    verb_after = _VERB_AFTER.match(folded, _GAP.match(folded, end).end())
    if verb_after and _SHARED_LEAD_IN.search(lead_in):
        # "Sở Y tế chủ trì, Sở Tài chính phối hợp": the verb after the body gives its role
        role = "support" if verb_after.group(1) == "phoi hop" else "lead"
        return [Assignment(m, role, (m.start, m.end), 2 if role == "lead" else 0, first=i == 0) for i, m in enumerate(chain)]
    if verb_after and verb_after.group(1) == "phoi hop" and not lead_in and not _CLAUSE_MARK.search(folded, end, verb_after.start()) \
            and _LEAD_CLAUSE.search(folded, body_start, clause_start):
        # "Sở Y tế chủ trì; Sở Tài chính phối hợp": a partner's clause after the lead's in the same sentence
        return [Assignment(m, "support", (m.start, m.end), 0) for m in chain]
    label = _ends_with(_LABEL, folded, line_start, clause_start) if not lead_in else None
    if label and label.group(1) == "phoi hop":
        return [Assignment(m, "support", (m.start, m.end), 0) for m in chain]
    closing = folded.find(")", end, line_end) if members else -1
    after = _GAP.match(folded, closing + 1 if closing >= 0 else end).end()
    if _BREAKDOWN.match(folded, after):
        return []  # "Trong đó: VNPT: 20 trạm": a count per body, not an assignment
    is_subject = after >= line_end or folded[after] in ":(" or folded[after].isalpha()
    if not (_ASSIGN_LEAD_IN.search(lead_in) or label or (is_subject and (
            not lead_in or _REQUEST.match(lead_in) or (after_intro and _INTRO.match(lead_in))))):
        return []
    asked = _REQUEST.match(lead_in) or _ends_with(_ASKED_LABEL, folded, line_start, clause_start) \
        or _asked_list(doc, line_start) or _asked_sentence(marks, (line_start, line_end), body_start, clause_start)
    role = "requested" if asked or _in_request(doc, section) else "lead"
    if role == "lead" and section is not None and section.start != line_start and _PARTNERS_HEADING.fullmatch(
            " ".join(fold(section.heading).split())):
        # under "b) Chủ trì, phối hợp": the item's addressee leads, the bodies listed under it are its partners
        return [Assignment(m, "support", (m.start, m.end), 0) for m in chain]
    opens_line = clause_start == body_start or folded[clause_start - 1] == ":"  # or follows "Cơ quan chủ trì:"
    if label and section is not None:
        scope = (section.start, section.end)  # "Cơ quan chủ trì: ..." names the lead of its whole item
    else:
        scope = _scope(doc, section, start, end, opens_line, line_start, line_end)
    return [Assignment(m, role, scope, 2, first=i == 0) for i, m in enumerate(chain)]


def _ends_in_colon(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a colon, spaces and emphasis marks aside (a lead-in to a list)."""
    while end > start and text[end - 1] in " *":
        end -= 1
    return end > start and text[end - 1] == ":"


def _scope(doc: Document, section: Section | None, start: int, end: int, opens_line: bool,
           line_start: int, line_end: int) -> tuple[int, int]:
    """The passage an addressee leads: its item, the list its line opens, its line, or only its own words."""
    if section is not None and section.start == line_start:
        return section.start, section.end
    if opens_line:
        if _ends_in_colon(doc.text, line_start, line_end) and section is not None:
            return line_start, section.end
        return line_start, line_end
    return start, end


def _table_assignments(rows: list[TableRow], mentions: list[Mention]) -> list[Assignment]:
    """Bodies in the lead / partner columns of a task table's ``rows``; each row is the scope of its lead."""
    out: list[Assignment] = []
    starts = [m.start for m in mentions]
    for row in rows:
        for role, column in (("lead", "lead"), ("support", "support")):
            cell = row.cells.get(column)
            if cell is None:
                continue
            lo, hi = cell
            first = i = bisect.bisect_left(starts, lo)
            while i < len(mentions) and mentions[i].end <= hi:
                scope = (row.start, row.end) if role == "lead" else (mentions[i].start, mentions[i].end)
                out.append(Assignment(mentions[i], role, scope, 1 if role == "lead" else 0, first=i == first))
                i += 1
    return out


@dataclass
class TableRow:
    """A data row of a task table: its line span and the spans of the cells under known column headers."""

    start: int
    end: int
    cells: dict[str, tuple[int, int]]  # column kind ("lead", "support", "time", "task") -> cell span


# A column header is a few words (``Cơ quan chủ trì``); a longer cell is data that happens to hold them.
MAX_HEADER_CELL = 60
# The words of a lead, partner or time column's header (``text_tables.column_kind``: ``chủ trì``, ``thực hiện``, ``đầu
# mối``, ``phối hợp``, ``thời gian``, ``thời hạn``, ``tiến độ``), any spaces and emphasis marks between them: a row
# without them heads no task table, so its cells are not read as headers (most rows of most tables).
_HEADER_WORDS = re.compile(r"(?:chu|thuc|dau|phoi|thoi|tien)[\s*]+(?:tri|hien|moi|hop|gian|han|do)")


def table_rows(doc: Document) -> Iterator[TableRow]:
    """Rows of the tables whose header names a lead, partner, time or task column (tab-, ``|``- or bar-separated).

    A row with more cells than its header (merged cells) reads a last-column header from its last filled cell.
    """
    header: dict[str, int] | None = None
    width = 0
    after_header = False
    for found in doc.cell_rows:
        if found is None:
            header, after_header = None, False
            continue
        start, end, cells = found
        kinds = _column_kinds(doc.folded, cells) if _HEADER_WORDS.search(doc.folded, start, end) else {}
        if header and after_header and len(cells) == width and {"lead", "support"} & kinds.keys():
            # a second header line under a merged one: "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
            header = {**header, **kinds}
            continue
        if {"lead", "support", "time"} & kinds.keys() and len(kinds) >= 2:
            header, width, after_header = kinds, len(cells), True
            continue
        after_header = False
        if header is None:
            continue
        filled = [c for c in cells if doc.text[c[0]:c[1]].strip()]
        row: dict[str, tuple[int, int]] = {}
        for kind, index in header.items():
            if index == width - 1 and len(cells) > width and filled:
                row[kind] = filled[-1]
            elif index < len(cells):
                row[kind] = cells[index]
        yield TableRow(start, end, row)


def _column_kinds(folded: str, cells: list[tuple[int, int]]) -> dict[str, int]:
    """The kind of column (``text_tables.column_kind``) each short cell of a row names -> the cell's index."""
    kinds = {column_kind(folded[a:b]): i for i, (a, b) in enumerate(cells) if b - a <= MAX_HEADER_CELL}
    kinds.pop(None, None)
    return kinds


# Words that make an item's text a sentence about a group, not an address to it (``Các sở, ngành căn cứ ...``).
GROUP_VERBS = re.compile(
    r"(?<![a-z])(?:can cu|theo chuc nang|chiu trach nhiem|co trach nhiem|chu tri|chu dong|phoi hop|thuc hien|"
    r"trien khai|tham muu|nghiem tuc|tap trung|tiep tuc|khan truong|bo tri|dinh ky|bao cao|lam tot|tich cuc)(?![a-z])"
)
# The nouns a group of bodies opens with (folded): departments, enterprises, organisations, facilities, schools ...
GROUP_HEADS = ("so", "ban", "nganh", "doanh nghiep", "to chuc", "co so", "chu dau tu", "truong", "hoi", "doan the",
               "don vi", "co quan", "nha mang", "hop tac xa", "phong", "trung tam", "benh vien", "tram", "dia phuong")
# Words in a plain (not emphasised) heading that is only an address (``5. Các hợp tác xã dịch vụ nông nghiệp``).
MAX_PLAIN_GROUP_WORDS = 12
# The heads of the villages of a commune (``Trưởng các thôn``, ``Trưởng thôn, tổ dân phố``): they hold no office
# of the state but a commune's plan addresses them as it addresses a class of bodies. ("Trưởng ban" is a
# committee's head, so "bản" is left out: it folds alike.)
_GROUP_START = re.compile(
    r"[\s*_]*(?:(?P<ask>de nghi)\s+)?(?P<group>cac\s+(?:" + "|".join(h.replace(" ", r"\s+") for h in GROUP_HEADS)
    + r")(?![a-z])|(?P<village>truong\s+(?:cac\s+)?" + VILLAGE_UNIT + rf"(?:\s*(?:,|va)\s*{VILLAGE_UNIT})*)(?![a-z]))"
)
_CELL_GROUP_START = re.compile(r"[\s*_]*(?P<group>(?:cac\s+)?so\s*,\s*(?:ban\s*,\s*)?nganh)(?![a-z])")
_GROUP_END = re.compile(r"[:(;]|\.(?:\s|$)|\n|(?<![a-z])theo(?![a-z])")
_DEPARTMENTS = re.compile(r"(?<![a-z])(?<!co )so(?![a-z])")  # "sở" (a department), not "cơ sở" (a facility)
_LIST_PART = re.compile(r"[^,;]+")
# The words before a body listed after a group: a comma, a semicolon or "và" (``Các sở, ngành, UBND cấp huyện``).
_LISTED_AFTER = re.compile(r"(?:[,;]|\bva)\s*$")
_LIEN_QUAN = re.compile(r"(?<![a-z])(?:co\s+)?lien\s+quan(?![a-z])")


def _group_name(doc: Document, start: int, end: int) -> str | None:
    """The name of the group written in ``[start, end)``, or None when it could be any body at all.

    Parts qualified by ``(có) liên quan`` are generic and so are the bare nouns listed before them
    (``Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan`` is ``Các doanh nghiệp viễn thông``).
    """
    folded = doc.folded
    parts = [m.span() for m in _LIST_PART.finditer(folded[start:end])]
    if parts and _LIEN_QUAN.search(folded, start + parts[-1][0], start + parts[-1][1]):
        parts.pop()
        while parts and only_generic(folded[start + parts[-1][0]:start + parts[-1][1]]):
            parts.pop()
    if not parts:
        return None
    end = start + parts[-1][1]
    if not _DEPARTMENTS.search(folded, start, end) and only_generic(folded[start:end]):
        return None
    name = tidy(expand(doc.text[start:end]))
    return name[0].upper() + name[1:] if name else None


def _group_at(doc: Document, start: int, mentions: list[Mention], marks: _Landmarks,
              cell: bool = False) -> tuple[str, str, int] | None:
    """(name, role, end) of a group of bodies addressed at ``start`` (an item's heading, a lead slot or cell).

    The address must be all the slot holds (it ends at a colon, a bracket, a stop, the end of its emphasis or of
    the line, and holds no verb): ``**2. Các sở, ban, ngành, đoàn thể tỉnh**``, ``Cơ quan chủ trì: Các sở, ngành,
    UBND cấp huyện.``, ``4. Đề nghị các tổ chức cung cấp dịch vụ chi trả:``. It stops before a named body listed
    after it (``Các Sở, ban, ngành của Thành phố, UBND phường, xã``), not before one it qualifies (``Các trường
    trực thuộc UBND huyện``).
    """
    folded = doc.folded
    m = (_CELL_GROUP_START if cell else _GROUP_START).match(folded, start)
    if not m:
        return None
    group_start = m.start("group")
    stop = _GROUP_END.search(folded, group_start)
    slot_end = stop.start() if stop else len(folded)
    if m.groupdict().get("village"):
        slot_end = m.end("village")  # the heads of villages: the name ends with the units ("Trưởng các ấp vận động")
    emphasis = doc.text.find("*", group_start, slot_end)  # folded text has no marks: read them in the text
    slot_end = emphasis if emphasis >= 0 else slot_end
    qualified = _LIEN_QUAN.search(folded, group_start, slot_end)
    slot_end = qualified.end() if qualified else slot_end  # "(có) liên quan" closes the address
    if GROUP_VERBS.search(folded, group_start, slot_end):
        return None
    # an emphasis mark closes the slot, and one opens the line before it
    emphasised = doc.text.startswith("*", slot_end) and doc.text.find("*", doc.lines.start(start), group_start) >= 0
    if not (cell or emphasised or qualified) and len(folded[group_start:slot_end].split()) > MAX_PLAIN_GROUP_WORDS:
        return None
    end = slot_end
    for mention in mentions[bisect.bisect_right(marks.mention_starts, group_start):]:
        if mention.start >= end:
            break
        if _LISTED_AFTER.search(folded[group_start:mention.start]):
            end = mention.start
            break
    name = _group_name(doc, group_start, end)
    if not name or cell and not name.lower().startswith("các"):
        name = f"Các {name[0].lower()}{name[1:]}" if name else None
    if not name:
        return None
    return name, "requested" if m.groupdict().get("ask") else "lead", end


def _group_assignments(doc: Document, mentions: list[Mention], rows: list[TableRow],
                       marks: _Landmarks) -> list[Assignment]:
    """Groups of bodies an item, a lead slot or a table's lead cell is addressed to: one lead agency each."""
    out: list[Assignment] = []
    # groups are addressed by the items of the organisation (and reporting) sections only; in an excerpt that has
    # no organisation heading, by items outside any section of another kind
    addressed = {"organisation", "reporting"} if any(s.kind == "organisation" for s in doc.sections) else None
    for section, kinds in zip(doc.sections, _kinds_around(doc)):
        if section.level < 2 and addressed is not None or (
                not kinds & addressed if addressed is not None else not kinds <= {"other", "reporting"}):
            continue
        found = _group_at(doc, section.body_start, mentions, marks)
        if found:
            name, role, end = found
            role = "requested" if role == "requested" or _in_request(doc, section) else role
            out.append(Assignment(Mention(section.body_start, end, name), role, (section.start, section.end), 2))
    for label in anchored.finditer(_LEAD_LABEL, _LEAD_LABEL_OPENINGS, doc.folded):
        section = doc.section_at(label.start())
        if not _assigns(doc, section):
            continue
        found = _group_at(doc, label.end(), mentions, marks)
        if found:
            scope = (section.start, section.end) if section is not None else doc.line_span(label.start())
            out.append(Assignment(Mention(label.end(), found[2], found[0]), "lead", scope, 2))
    for row in rows:
        if "lead" in row.cells:
            found = _group_at(doc, row.cells["lead"][0], mentions, marks, cell=True)
            if found:
                out.append(Assignment(Mention(row.cells["lead"][0], found[2], found[0]), "lead", (row.start, row.end), 1))
    return out


def _kinds_around(doc: Document) -> list[frozenset[str]]:
    """For each section, the kinds of the sections it lies in, its own too (a parent comes before its sections)."""
    out: list[frozenset[str]] = []
    for section in doc.sections:
        out.append(out[section.parent] | {section.kind} if section.parent is not None else frozenset({section.kind}))
    return out


def _codes(doc: Document, scope: tuple[int, int], openings: list[int]) -> list[str]:
    """Target codes handed out in ``scope``: ``thực hiện các chỉ tiêu 1, 2, 8 của Kế hoạch`` -> 1, 2, 8;
    ``openings`` are the places a citation can open (``_citation_openings``)."""
    codes: list[str] = []
    for m in _citations(doc.folded, scope, openings):
        group = 1 if m.group(1) else 2
        for c in _ONE_CODE.finditer(doc.folded, m.start(group), m.end(group)):
            code = doc.text[c.start():c.end()].lower()  # as written: "đ" is a letter of its own, after "d"
            codes += [code] if code not in codes else []
    return codes


def _citation_openings(folded: str) -> list[int]:
    """Where a citation of codes can open, in order: the ``chi`` or ``muc`` before the spaces before each ``tieu``
    (a plan writes the word a few dozen times; every ``_CODES`` match opens so).

    >>> _citation_openings("chi tieu 1 va muc  tieu 2, 3; chitieu 4; tieu")
    [0, 14]
    """
    openings = []
    for word in _CODE_WORD.finditer(folded):
        spaces = word.start()  # the run of spaces before the word, walked back (a line may break inside the words)
        while spaces > 0 and folded[spaces - 1].isspace():
            spaces -= 1
        if spaces < word.start():  # "chitieu" opens none
            openings += [spaces - len(opening) for opening in _CITATION_OPENINGS if folded.endswith(opening, 0, spaces)]
    return openings


def _citations(folded: str, scope: tuple[int, int], openings: list[int]) -> Iterator[re.Match]:
    """``_CODES.finditer(folded, *scope)``, the pattern tried only at the ``openings`` in the scope
    (``_citation_openings``), not at every position.

    >>> t = "chi tieu 1 va muc  tieu 2, 3; chitieu 4"
    >>> [m.group(1) for m in _citations(t, (0, len(t)), [0, 14])], [m.group(1) for m in _CODES.finditer(t)]
    (['1', '2, 3'], ['1', '2, 3'])
    """
    lo, hi = scope
    searched = lo  # where the search goes on: a match found ends there
    for opening in openings[bisect.bisect_left(openings, lo):bisect.bisect_left(openings, hi)]:
        m = _CODES.match(folded, opening, hi) if opening >= searched else None
        if m:
            yield m
            searched = m.end()


_MARK = re.compile(r"[^\w\s]")


@lru_cache(maxsize=1024)  # asked for every assignment: a plan names its bodies again and again
def _merge_key(name: str) -> str:
    return " ".join(_MARK.sub(" ", fold(name)).split())


_ISSUER_UNIT = re.compile(rf"(?:uy ban nhan dan|ubnd)[\s|]*(?P<unit>{LEVEL})(?![a-z])")
_SINGLE_COMMITTEE = re.compile(rf"(?:uy ban nhan dan|ubnd)\s+(?P<unit>{LEVEL})(?![a-z])")


def _issuer_unit(doc: Document) -> str | None:
    """The unit of the people's committee in the document's header (``ỦY BAN NHÂN DÂN\\nTỈNH X``), folded.

    A header writes its unit in capitals, or at least opens the page with it and names one unit (no ``cấp``); a committee
    named further down an excerpt that has no header (``... Ủy ban nhân dân cấp huyện căn cứ ...``) is an
    addressee, not the issuer.
    """
    first = next((s.start for s in doc.sections if s.kind != "preamble"), len(doc.text))
    page_opening = len(doc.text) - len(doc.text.lstrip(" \t\n*_|#"))  # where the page's first words start
    for m in _ISSUER_UNIT.finditer(doc.folded, 0, first):
        if doc.text[m.start("unit"):m.end("unit")].isupper() or (
                m.start() <= page_opening and not m.group("unit").startswith("cap")):
            return m.group("unit")
    return None


def _is_issuer(name: str, issuer: str | None) -> bool:
    """A plan gives no work to the committee that issues it, nor to a province's committee (its issuer or above it)."""
    unit = _committee_unit(name)
    return unit is not None and (unit == "tinh" or unit == issuer)


@lru_cache(maxsize=1024)  # asked for every assignment: plans name the same bodies
def _committee_unit(name: str) -> str | None:
    """The unit of a people's committee's name (``UBND huyện`` -> ``huyen``, folded), None for another body."""
    m = _SINGLE_COMMITTEE.match(fold(name))
    return m.group("unit") if m else None


# A shorter reference to a body named in full elsewhere has at least this many words (``Văn phòng Ban Chỉ huy``).
MIN_SHORT_REFERENCE_WORDS = 4
_LEVEL_LAST = re.compile(rf"\s{LEVEL}$")
_LEVEL_FIRST = re.compile(rf"{LEVEL}(?![a-z0-9])")


def _full_names(mentions: list[Mention]) -> dict[str, str]:
    """Short references to a body the plan names in full elsewhere: ``Văn phòng Ban Chỉ huy`` is the one
    ``Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh`` when that is the only longer name it begins."""
    names = sorted({m.name for m in mentions})  # the names a name begins follow it in this order
    out = {}
    for i, name in enumerate(names):
        if not _may_be_short(name):
            continue
        # a level word after it is the same body at a level, which the merge of levels handles, not a fuller name
        longer = {other for other in _beginning_with(names, i + 1, name + " ")
                  if not _LEVEL_FIRST.match(fold(other[len(name) + 1:]))}
        if len(longer) == 1:
            out[name] = longer.pop()
    return out


@lru_cache(maxsize=1024)  # plans name the same bodies
def _may_be_short(name: str) -> bool:
    """Whether a name may be a short reference to a fuller one: long enough, and not ending on a level word."""
    return len(name.split()) >= MIN_SHORT_REFERENCE_WORDS and not _LEVEL_LAST.search(fold(name))


def _beginning_with(names: list[str], first: int, prefix: str) -> Iterator[str]:
    """The names of the sorted ``names`` from index ``first`` on that begin with ``prefix`` (they come together)."""
    for other in names[bisect.bisect_left(names, prefix, first):]:
        if not other.startswith(prefix):
            return
        yield other


def _fullest_forms(mentions: list[Mention]) -> dict[str, str]:
    """A body the plan names by a short form of the gazetteer and also by a fuller one at the same level or place
    (``Hội Phụ nữ huyện`` and ``Hội Liên hiệp Phụ nữ huyện``, ``Mặt trận Tổ quốc tỉnh`` and ``Ủy ban Mặt trận Tổ quốc
    Việt Nam tỉnh``) is one body: every form maps to the fullest."""
    fullest: dict[tuple[int, str], tuple[int, str]] = {}
    keys: dict[str, tuple[int, str]] = {}
    for name in dict.fromkeys(m.name for m in mentions):  # in the text's order: the same choice on every run
        read = _as_form(name)
        if read is None:
            continue
        key, form_end = read
        keys[name] = key
        if form_end > fullest.get(key, (-1, ""))[0]:
            fullest[key] = (form_end, name)
    return {name: fullest[key][1] for name, key in keys.items() if fullest[key][1] != name}


@lru_cache(maxsize=1024)  # plans name the same bodies
def _as_form(name: str) -> tuple[tuple[int, str], int] | None:
    """A name read as a form of the gazetteer: ((the body, the words after the form), where the form ends), folded.

    >>> _as_form("Hội Phụ nữ huyện")[0] == _as_form("Hội Liên hiệp Phụ nữ huyện")[0], _as_form("Sở Y tế")
    (True, None)
    """
    folded = fold(name)
    form = body_form(folded, 0)
    if form is None:
        return None
    return (int(form.lastgroup[1:].split("_")[0]), folded[form.end():].strip()), form.end()


# A heading's words after the name found: a word goes on, a group or a body's link does not.
_WORD_AFTER = re.compile(r" [a-z]")
_GROUP_AFTER = re.compile(r" (?:va )?(?:cac|nhung|cua|voi)(?![a-z])")


def _whole_headings(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """An emphasised item heading that is one body's name ends that name where the heading ends, when the
    name found stops inside a word group (``**5. Trung tâm Khuyến nông, khuyến ngư và giống cây trồng**``)."""
    starts = {m.start: i for i, m in enumerate(mentions)}
    out = list(mentions)
    for section in doc.sections:
        i = starts.get(section.body_start)
        if i is None or "*" not in doc.text[section.start:section.body_start]:
            continue
        close = doc.text.find("*", out[i].end, doc.line_span(section.start)[1])
        rest = doc.folded[out[i].end:close]
        if not doc.folded.startswith(fold(out[i].name), out[i].start):
            continue  # a name written otherwise than read (UBND cấp tỉnh) is complete
        if close < 0 or not _WORD_AFTER.match(rest) or _GROUP_AFTER.match(rest) \
                or "(" in rest or (i + 1 < len(out) and out[i + 1].start < close) or GROUP_VERBS.search(rest):
            continue
        out[i] = Mention(out[i].start, close, tidy(expand(doc.text[out[i].start:close])))
    return out


def _own_part(a: Assignment, leads: list[Assignment], lead_starts: list[int]) -> tuple[int, int]:
    """The part of ``a``'s passage that is its own: up to the next body given a passage of its own in it
    (``Sở Y tế thực hiện chỉ tiêu 1, 2; Sở Tài chính thực hiện chỉ tiêu 3``: 3 is not the first's);
    ``leads`` are in the text's order, ``lead_starts`` their starts."""
    i = bisect.bisect_left(lead_starts, a.mention.end)
    while i < len(leads) and lead_starts[i] < a.scope[1]:
        if leads[i].scope != a.scope:
            return a.scope[0], lead_starts[i]
        i += 1
    return a.scope


_WHOLE_LEVEL = re.compile(LEVEL)


def _names_with_level(keys: set[str]) -> dict[str, set[str]]:
    """For a merge key, the keys that are it followed by a level word (``vien kiem sat nhan dan`` -> ``... tinh``).

    >>> _names_with_level({"cong an tinh", "so y te"})
    {'cong an': {'cong an tinh'}}
    """
    out: dict[str, set[str]] = {}
    for key in keys:
        for bare in _without_level(key):
            out.setdefault(bare, set()).add(key)
    return out


@lru_cache(maxsize=1024)  # plans name the same bodies
def _without_level(key: str) -> tuple[str, ...]:
    """The merge keys that ``key`` is, followed by a level word (``cong an tinh`` -> ``cong an``)."""
    words = key.split(" ")
    return tuple(" ".join(words[:i]) for i in range(1, len(words)) if _WHOLE_LEVEL.fullmatch(" ".join(words[i:])))


def extract_agencies(doc: Document) -> list[Agency]:
    """Every body the plan assigns work to, once, with its strongest role and the target codes it is given."""
    flat = flatten(doc)
    marks = _Landmarks(flat)
    mentions = _whole_headings(flat, find_mentions(flat.text, flat.folded))
    marks.mention_starts = [m.start for m in mentions]
    rows = list(table_rows(doc))
    table_spans = [(start, end) for start, end, _ in filter(None, doc.cell_rows)]
    table_starts = [start for start, _ in table_spans]

    def in_table(offset: int) -> bool:
        """Within a table's row: a task table's columns alone say who leads and who helps, other tables nothing."""
        i = bisect.bisect_right(table_starts, offset) - 1
        return i >= 0 and offset < table_spans[i][1]

    assignments = [a for chain in _chains(flat.folded, mentions) if not in_table(chain[0].start)
                   for a in _assign_chain(flat, chain, marks)]
    assignments += _table_assignments(rows, mentions)
    assignments += _group_assignments(flat, mentions, rows, marks)
    issuer = _issuer_unit(flat)
    assignments = [a for a in assignments if not _is_issuer(a.mention.name, issuer)]
    full_names = _full_names(mentions) | _fullest_forms(mentions)
    for a in assignments:
        a.mention = Mention(a.mention.start, a.mention.end, full_names.get(a.mention.name, a.mention.name))
    assignments.sort(key=lambda a: a.mention.start)
    with_level = _names_with_level({_merge_key(a.mention.name) for a in assignments})

    def key_of(name: str) -> str:
        # "Viện Kiểm sát nhân dân" and "Viện Kiểm sát nhân dân tỉnh" in one plan are one body
        key = _merge_key(name)
        longer = with_level.get(key, set()) - {key}
        return longer.pop() if len(longer) == 1 else key

    citations = _citation_openings(doc.folded)
    leads = [a for a in assignments if a.role != "support"]
    lead_starts = [a.mention.start for a in leads]
    groups: dict[str, list[Assignment]] = {}
    for a in assignments:
        groups.setdefault(key_of(a.mention.name), []).append(a)
    out = []
    def organised(a: Assignment) -> bool:
        section = flat.section_at(a.mention.start)
        return section is not None and any(s.kind == "organisation" for s in flat.ancestors(section))

    for group in groups.values():
        # the first of the strongest evidence, the organisation section's before the rest of the plan's
        chosen = max(group, key=lambda a: (a.priority, organised(a)))
        scopes = [a.scope for a in group if a.role != "support" and a.first]
        codes: list[str] = []
        for a in group:
            if a.role != "support":
                own_words = a.scope == (a.mention.start, a.mention.end)
                scope = doc.sentence_span(*a.scope) if own_words else _own_part(a, leads, lead_starts)
                codes += [c for c in _codes(doc, scope, citations) if c not in codes]
        start, end = chosen.mention.start, chosen.mention.end
        out.append(Agency(**doc.origin(start, end), name=chosen.mention.name, role=chosen.role, indicators=codes,
                          raw=doc.text[start:end], scopes=scopes))
    return sorted(out, key=lambda agency: agency.span[0])
