"""Cut a document into its section tree from the numbering official documents use.

Nghị định 30/2020/NĐ-CP numbers the parts of an administrative document
``I.`` / ``1.`` / ``1.1.`` / ``a)`` (and ``Điều 1.`` in decisions); the
recipients list (``Nơi nhận``), the signature block (``TM.``, ``KT.``) and
appendices (``PHỤ LỤC``) close it. A section's kind comes from its heading's
words, never from its position. Two groups of kinds matter to every extractor:
the parts that give no work (``assigns_work``: the legal basis, the goals, the
recipients, the signature) and the parts that look back on the situation before
the plan (``looks_back``, a background section and everything under it).

>>> text = "I. MỤC TIÊU\\n1. Mục tiêu chung\\nabc\\nII. TỔ CHỨC THỰC HIỆN\\n1. Sở Y tế: làm"
>>> [(s.path, s.kind, s.heading) for s in segment(text)]
[('I', 'objectives', 'MỤC TIÊU'), ('I.1', 'objectives', 'Mục tiêu chung'), ('II', 'organisation', 'TỔ CHỨC THỰC HIỆN'), ('II.1', 'organisation', 'Sở Y tế')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chitieu.models import lexicon
from chitieu.models.normalize import LOWER, UPPER, fold


@dataclass
class Section:
    """A numbered or headed part of the document (``II.1.a``) and its span."""

    path: str
    label: str
    heading: str
    kind: str
    level: int
    start: int  # start of the heading line
    end: int  # end of the section's last line, subsections included
    body_start: int  # first character after the label (the heading's words)
    parent: int | None = None  # index in Document.sections
    looks_back: bool = False  # in a section on the situation before the plan (this one or one around it)

    @property
    def assigns_work(self) -> bool:
        """Whether the section's text can give work: not the legal basis, the goals, the recipients, the signature.

        >>> [(s.path, s.assigns_work) for s in segment("Căn cứ Luật\\nI. MỤC TIÊU\\nII. NHIỆM VỤ")]
        [('preamble', False), ('I', False), ('II', True)]
        """
        return self.kind not in ASSIGNS_NO_WORK


# Kinds of section whose text gives no work to anyone: the legal basis, the goals, the recipients, the signature.
ASSIGNS_NO_WORK = frozenset({"preamble", "objectives", "recipients", "signature"})
# Kinds of section on the situation before the plan: what they say was done in a year is no task nor goal.
LOOKS_BACK = frozenset({"background"})

# Heading words (folded: no diacritics, lower case) -> section kind, in the order of lexicon/section_kinds.csv.
SECTION_KINDS: list[tuple[str, tuple[str, ...]]] = [
    (kind, tuple(fold(row["term"]) for row in lexicon.rows("section_kinds") if row["kind"] == kind))
    for kind in dict.fromkeys(row["kind"] for row in lexicon.rows("section_kinds"))
]

_ROMAN = r"(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})"  # never empty: a label has a numeral
# (style, rank, pattern on the line with Markdown marks stripped)
_LABELS: list[tuple[str, int, re.Pattern]] = [
    ("part", 0, re.compile(r"(PHẦN|CHƯƠNG|Phần|Chương)\s+([IVX]+|\d+)\b[.:]?\s*")),
    # "I. MỤC TIÊU"; OCR also gives "I.MỤC TIÊU" and drops the dot before a heading in capitals
    ("roman", 1, re.compile(rf"({_ROMAN})(?:\s*[.)]\s+(?=\S)|\s*\.(?=[{UPPER}]{{2}})|\s+(?=[{UPPER}]{{2,}}\b))")),
    ("article", 2, re.compile(r"(Điều)\s+(\d+)\s*[.:]\s*")),
    ("dotted", 3, re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)")),
    ("arabic", 2, re.compile(r"(\d{1,2})\s*[.)]\s+(?=[^\d\s])")),
    # a) ... đ) ...; any one lower-case letter, as OCR may read g) as ø)
    ("letter", 4, re.compile(rf"([{LOWER}])\)\s*(?=\S)")),
]
_CLOSERS: list[tuple[str, re.Pattern]] = [
    ("recipients", re.compile(r"Nơi nhận\b", re.I)),
    ("signature", re.compile(r"(?:TM|KT|TL|TUQ|Q)\.\s+[A-ZĐÀ-Ỹ]")),
    ("appendix", re.compile(r"(?:PHỤ LỤC|Phụ lục)(?:\s+[IVX\d]+\b)?\s*[:.]?[\s*]*(?:$|[A-ZĐÀ-Ỹ(]|\d)")),
]
_CLOSER_STYLES = frozenset(style for style, _ in _CLOSERS)
_MARKS = re.compile(r"[ \t#*>_|]*")
# OCR reads the I of a Roman label as l, L or |: "L MỤC TIÊU", "Il. NỘI DUNG" (same length when repaired).
_OCR_ROMAN = re.compile(rf"([IVXlL|]*[lL|][IVXlL|]*)(?=\s*\.?\s*[{UPPER}]{{2,}}\b)")
_AS_I = str.maketrans("lL|", "III")
# What ``_heading`` may read as a heading's words, past the line's marks: any of the patterns above, searched
# in the whole text (``$`` at any line end), so a superset: their ``\s`` may run on past the line's end.
_OPENERS = "|".join(f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})"
                    for p in [*(p for _, p in _CLOSERS), *(p for _, _, p in _LABELS), _OCR_ROMAN])
# The characters those patterns open with (a closer's or a label's first letter, a digit, a small letter before
# ``)``): most lines open otherwise (and a heading never opens with a space: a run of blank lines is walked once,
# not once for each of its lines), and are ruled out by one test, not by each pattern in turn. The line's marks are
# taken whole (``*+``): none is given back.
_OPENING_CHARACTER = rf"(?=[NnTKQPCIVXĐ\dlL|]|[{LOWER}]\))"
_MAY_OPEN = _MARKS.pattern + "+" + _OPENING_CHARACTER + f"(?:{_OPENERS})"
_FIRST_LINE_MAY_OPEN = re.compile(_MAY_OPEN, re.M)
_LINE_MAY_OPEN = re.compile(rf"\n(?={_MAY_OPEN})", re.M)  # opening with the line break, searched for at C speed


def _one_pattern(openers: list[tuple[str, int, re.Pattern]]
                 ) -> tuple[re.Pattern, dict[int, tuple[str, int, int | None]]]:
    """One pattern trying ``openers`` in their order, a group around each (its own groups inside), and for that
    group: the opener's style, rank, and the group of its path key (None for a closer: its key is its style)."""
    parts, groups, group = [], {}, 1
    for style, rank, pattern in openers:
        parts.append(f"((?i:{pattern.pattern}))" if pattern.flags & re.I else f"({pattern.pattern})")
        key = None if style in _CLOSER_STYLES else group + (2 if style in {"part", "article"} else 1)
        groups[group] = (style, rank, key)
        group += 1 + pattern.groups
    return re.compile("|".join(parts)), groups


# The closers, then the labels, as one pattern: one match a line, not one per pattern.
_OPENER, _OPENER_GROUPS = _one_pattern([(style, 1, pattern) for style, pattern in _CLOSERS] + _LABELS)


# A heading line as ``segment`` reads it: its start and end, and the reading ``_heading`` gives with the
# heading's words (``_heading_text``); a reading depends on the line's text alone.
Heading = tuple[int, int, tuple[str, int, str, str, int], str]


def segment(text: str, headings: list[Heading] | None = None) -> list[Section]:
    """The sections of a normalised text in reading order; parents link by index (``Document.sections``).
    ``headings`` is ``heading_lines(text)`` when known."""
    sections: list[Section] = []
    stack: list[tuple[int, int]] = []  # (rank, index into sections)
    for start, _, (style, rank, label, key, body), heading in heading_lines(text) if headings is None else headings:
        body_start = start + body
        if rank <= 1 and style in _CLOSER_STYLES:
            stack.clear()
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        path = key if parent is None else f"{sections[parent].path}.{key}"
        kind = _kind(heading, style, rank, sections[parent].kind if parent is not None else None)
        looks_back = kind in LOOKS_BACK or (parent is not None and sections[parent].looks_back)
        sections.append(Section(path, label, heading, kind, len(stack) + 1, start, start, body_start, parent,
                                looks_back))
        stack.append((rank, len(sections) - 1))
    _close(sections, len(text))
    if sections and text[: sections[0].start].strip():
        sections.insert(0, Section("preamble", "", "", "preamble", 0, 0, sections[0].start, 0, None))
        for section in sections[1:]:
            section.parent = section.parent + 1 if section.parent is not None else None
    return sections


def heading_lines(text: str) -> list[Heading]:
    """The lines of ``text`` that are headings, read (``Heading``), in order.

    >>> heading_lines("I. MỤC TIÊU\\nabc\\n1. Chung: x")
    [(0, 11, ('roman', 1, 'I.', 'I', 3), 'MỤC TIÊU'), (16, 27, ('arabic', 2, '1.', '1', 3), 'Chung')]
    """
    return [heading for start in _candidate_lines(text) if (heading := _read_line(text, start))]


def heading_lines_joined(text: str, headings: list[Heading], breaks: list[int]) -> list[Heading]:
    """``heading_lines(text)`` for ``text``, a text whose ``heading_lines`` are ``headings`` with the line breaks at
    ``breaks`` (sorted) turned into spaces (``Document.joined``): a line no such break starts or ends is the same
    line, read the same; only the lines holding a break are read.

    A line is read when ``_candidate_lines`` gives it, and that search looks past the line's end, where the texts
    differ; it keeps every line ``_heading`` reads as a heading (a superset), so for a line left as it was, being
    a heading in one text is being one in the other.

    >>> before = "I. MỤC TIÊU\\n1. Sở Y\\ntế: làm\\n2. Hai\\nba"
    >>> [(start, end, heading) for start, end, _, heading in
    ...  heading_lines_joined(before.replace("Y\\nt", "Y t"), heading_lines(before), [19])]
    [(0, 11, 'MỤC TIÊU'), (12, 27, 'Sở Y tế'), (28, 34, 'Hai')]
    """
    blanked = set(breaks)
    kept = [h for h in headings if h[0] - 1 not in blanked and h[1] not in blanked]
    read, line_end = [], -1
    for at in breaks:
        if at < line_end:  # in the joined line read for a break before it
            continue
        start = text.rfind("\n", 0, at) + 1
        line_end = _line_end(text, at)
        may_open = _FIRST_LINE_MAY_OPEN.match(text) if start == 0 else _LINE_MAY_OPEN.match(text, start - 1)
        if may_open and (heading := _read_line(text, start)):
            read.append(heading)
    return sorted(kept + read) if read else kept


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return end if end >= 0 else len(text)


def _read_line(text: str, start: int) -> Heading | None:
    """The line at ``start`` read as a heading, or None."""
    end = _line_end(text, start)
    line = text[start:end]
    found = _heading(line)
    return (start, end, found, _heading_text(line[found[4]:])) if found else None


def _candidate_lines(text: str) -> list[int]:
    """Starts of the lines that may be headings: the only ones ``_heading`` needs to read."""
    first = [0] if _FIRST_LINE_MAY_OPEN.match(text) else []
    return first + [m.end() for m in _LINE_MAY_OPEN.finditer(text)]


def _heading(line: str) -> tuple[str, int, str, str, int] | None:
    """(style, rank, label, path key, offset of the heading words) or None."""
    lead = _MARKS.match(line).end()
    rest = line[lead:]
    ocr = _OCR_ROMAN.match(rest)
    if ocr:
        rest = ocr.group(1).translate(_AS_I) + rest[ocr.end():]
    m = _OPENER.match(rest)
    if m is None:
        return None
    style, rank, key = _OPENER_GROUPS[m.lastindex]  # the group around the opener that matched closes last
    if key is None:
        return style, 1, rest.split()[0], style, lead
    return style, rank, rest[: m.end()].strip(), m.group(key), lead + m.end()


def segment_label(line: str) -> str | None:
    """The numbering label a line opens with (``II.``, ``1.``, ``a)``, ``Điều 3.``), or None.

    >>> segment_label("II. MỤC TIÊU"), segment_label("Phòng, chống dịch năm 2022")
    ('II.', None)
    """
    found = _heading(line)
    return found[2] if found and found[0] not in _CLOSER_STYLES else None


_HEADING_STOP = re.compile(r"[.;](\s|$)")  # where a long heading's first sentence ends


def _heading_text(words: str) -> str:
    words = words.replace("**", "").strip(" *#\t")
    colon = words.find(":")
    if 0 < colon < 150:
        words = words[:colon]
    elif len(words) > 200:
        stop = _HEADING_STOP.search(words)
        words = words[: stop.start()] if stop else words[:200]
    return words.strip(" .:*")


# A heading is short (``_heading_text`` cuts it): remembered, as a plan's copy with its wrapped lines joined
# (``agencies.flatten``) and many plans repeat most headings.
@lru_cache(maxsize=2048)
def _kind(heading: str, style: str, rank: int, parent_kind: str | None) -> str:
    if style in _CLOSER_STYLES:
        return style
    # The kind whose words come first in the heading; below the top level only
    # words that open the heading count ("Nâng cao trách nhiệm ..." is a task).
    folded = " ".join(fold(heading).split())
    if rank <= 1:
        hits = [(folded.find(w), kind) for kind, words in SECTION_KINDS for w in words if w in folded]
    else:
        hits = [(0, kind) for kind, words in SECTION_KINDS if folded.startswith(words)]
    return min(hits)[1] if hits else parent_kind or "other"


def _close(sections: list[Section], length: int) -> None:
    """A section ends where the next section at its level or above begins."""
    open_sections: list[Section] = []  # the sections not ended yet: levels rise from the first to the last
    for section in sections:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop().end = section.start
        open_sections.append(section)
    for section in open_sections:
        section.end = length
