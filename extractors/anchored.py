"""Patterns searched from the words every match of them holds.

The regex engine finds a pattern that opens with a literal at once; one that opens with a class
(``\\d``), optional words or a look behind is tried at every position of the text, and that is most
of what a search of a long text costs. When every match holds an *anchor* (words that open with a
literal) at most a few words after its start, the pattern need only be tried just before the places
the anchor stands: ``finditer`` gives the same matches as ``pattern.finditer``, in a fraction of the time.
Several patterns searched in one text (``Searched``) share the search for the words their anchors share.
An alternation of words (``by_first_letter``) is cheaper grouped by the words' first letters.

>>> serial = Anchor((re.compile("/"),), words_before=1, opening=re.compile(r"\\d"))
>>> text = "số 12/KH, ngày 3 / 4; 7/QĐ"
>>> [m.group(0) for m in finditer(re.compile(r"(?<!\\w)\\d+\\s*/\\s*[A-Z]\\w*"), serial, text)]
['12/KH', '7/QĐ']
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple


class Anchor(NamedTuple):
    """What a pattern's matches hold: ``words``, regexes that each open with a literal and cannot overlap
    themselves (one of them stands in every match), at most ``words_before`` words (runs of non-spaces)
    after the match's start; and ``opening``, a pattern of one character that every match opens with."""

    words: tuple[re.Pattern, ...]
    words_before: int
    opening: re.Pattern


@lru_cache(maxsize=16)
def _words_back(n: int) -> re.Pattern:
    """At most ``n`` words and the spaces around them, read on a text backwards."""
    return re.compile(rf"\s*(?:\S+\s*){{0,{n}}}")


class Searched:
    """A text searched for several anchored patterns: its backwards copy made once, and the places of each
    anchor's words found once, however many anchors share them (the same compiled pattern).

    >>> searched, slash = Searched("số 12/KH, ngày 3 / 4; 7/QĐ"), Anchor((re.compile("/"),), 1, re.compile(r"\\d"))
    >>> [m.group(0) for m in searched.finditer(re.compile(r"(?<!\\w)\\d+/\\w+"), slash)], searched.places(slash)
    (['12/KH', '7/QĐ'], [5, 17, 23])
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.backwards = text[::-1]  # where the words before a place are read
        self._places: dict[re.Pattern, list[int]] = {}

    def places(self, anchor: Anchor) -> list[int]:
        """Where the anchor's words start, in order."""
        for words in anchor.words:
            if words not in self._places:
                self._places[words] = _starts(words, self.text)
        if len(anchor.words) == 1:
            return self._places[anchor.words[0]]
        return sorted(place for words in anchor.words for place in self._places[words])

    def finditer(self, pattern: re.Pattern, anchor: Anchor) -> Iterator[re.Match]:
        """``pattern.finditer(text)``, the pattern tried only at its opening characters just before the anchor's places.

        No match starts elsewhere, and the positions are tried in order, a match's end first after it, as a search
        does. An empty match (a pattern whose matches hold its anchor's words has none) moves the search on by one
        character, so the search always ends; ``pattern.finditer`` would try a longer match at the same place
        first, which only a pattern that prefers less (``x??``) has.
        """
        text, backwards = self.text, self.backwards
        words_back = _words_back(anchor.words_before)
        tried = 0  # every position before this one was tried, or lies inside a match
        for place in self.places(anchor):
            if place < tried:  # a place inside a match (or already tried) opens none
                continue
            before = words_back.match(backwards, len(text) - place)
            position = max(tried, place - (before.end() - before.start()))
            while position <= place:
                opens = anchor.opening.search(text, position, place + 1)
                if opens is None:
                    break
                m = pattern.match(text, opens.start())
                if m:
                    yield m
                position = m.end() if m and m.end() > opens.start() else opens.start() + 1
            tried = max(tried, position, place + 1)


def _starts(words: re.Pattern, text: str) -> list[int]:
    """Where ``words`` match in ``text``: ``[m.start() for m in words.finditer(text)]``. Words that open with a plain
    head of ``FOUND_HEAD`` letters or more are matched only where ``str.find`` finds that head.

    >>> _starts(re.compile(r"truoc\\s+ngay"), "truoc  ngay, truoc, truoc\\nngay"), _starts(re.compile("o"), "xoo")
    ([0, 20], [1, 2])
    """
    head = _plain_head(words)
    if len(head) < FOUND_HEAD:
        return [m.start() for m in words.finditer(text)]
    starts, at = [], text.find(head)
    while at >= 0:
        m = words.match(text, at)
        if m:
            starts.append(at)
        at = text.find(head, m.end() if m else at + 1)  # (words hold no empty match: they open with their head)
    return starts


# Words whose head is this long stand in a text rarely enough that finding the head (``str.find`` skips ahead by its
# length) and matching the words there costs less than the engine's scan, which tries the head's first letter at every
# character (deadlines' sixteen anchors over seeds+dev: 48M -> 40M instructions, callgrind).
FOUND_HEAD = 4
_PLAIN_LETTERS = re.compile(r"[a-z ]*")


@lru_cache(maxsize=64)
def _plain_head(words: re.Pattern) -> str:
    """The letters and spaces every match of ``words`` opens with, read from its source: "" when it ignores case or
    spaces (``re.I``, ``re.X``) or holds an alternative outside its groups.

    >>> [_plain_head(re.compile(p)) for p in (r"thoi (?:gian|han)", r"nam\\s+\\d", "abc?d", r"[ab]cd", r"\\(ab")]
    ['thoi ', 'nam', 'ab', '', '']
    >>> [_plain_head(re.compile(p)) for p in ("truoc|sau", r"truoc[|(]x|sau", r"truoc\\(|sau", r"truoc(?:a|b)")]
    ['', '', '', 'truoc']
    """
    if words.flags & (re.IGNORECASE | re.VERBOSE) or _alternative_outside_groups(words.pattern):
        return ""
    head = _PLAIN_LETTERS.match(words.pattern).group()
    return head[:-1] if head and words.pattern[len(head):len(head) + 1] in ("?", "*", "+", "{") else head


def _alternative_outside_groups(source: str) -> bool:
    """Whether a ``|`` of a pattern's source stands outside its groups (escaped characters and classes are pieces of
    their own).

    >>> _alternative_outside_groups(r"a(?:b|c)[|]\\|"), _alternative_outside_groups(r"[\\](]|a"), _alternative_outside_groups("[]|]")
    (False, True, False)
    """
    depth = 0
    for piece in _SOURCE_PIECE.findall(source):
        if piece in "()":
            depth += 1 if piece == "(" else -1
        elif piece == "|" and depth == 0:
            return True
    return False


# A piece of a pattern's source: an escaped character, a class (a "]" right after its opening is a member), a character.
_SOURCE_PIECE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|.", re.DOTALL)


def finditer(pattern: re.Pattern, anchor: Anchor, text: str) -> Iterator[re.Match]:
    """``Searched(text).finditer(pattern, anchor)``: one pattern searched in ``text``."""
    return Searched(text).finditer(pattern, anchor)


def sub(pattern: re.Pattern, anchor: Anchor, replace: Callable[[re.Match], str], text: str) -> str:
    """``pattern.sub(replace, text)``, the pattern searched from its anchor's words (``finditer``).

    >>> sub(re.compile(r"\\d+/\\w+"), Anchor((re.compile("/"),), 1, re.compile(r"\\d")), lambda m: "#", "số 12/KH, 7/QĐ")
    'số #, #'
    """
    pieces, kept = [], 0
    for m in finditer(pattern, anchor, text):
        pieces += (text[kept:m.start()], replace(m))
        kept = m.end()
    return "".join(pieces) + text[kept:]


def by_first_letter(alternatives: list[str]) -> str:
    """One group matching the first of ``alternatives`` that matches, each opening with a plain letter, grouped by
    that letter: the same match as ``(?:a|b|...)``, but the engine tries a position's few candidates, not all.

    >>> by_first_letter(["so", "ban", "sở"])
    '(?:s(?:o|ở)|b(?:an))'
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        assert alternative[:1].isalpha(), alternative
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "(?:" + "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items()) + ")"
