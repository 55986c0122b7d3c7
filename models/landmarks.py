r"""Positions found once in a text, so that questions about a span cost a lookup, not a scan.

Extractors ask, for each of thousands of mentions, "where does this line
start?" or "is there a clause end between here and there?". Scanning back from
the mention each time is quadratic on a text with one long line (a website's
page with its line breaks lost); these indexes answer by bisection.

>>> lines = Lines("ab\ncde\n\nf")
>>> lines.span(4), lines.span(7), lines.span(8)
((3, 6), (7, 7), (8, 9))
>>> stops = Marks(re.compile(r"[.;](?=\s)"), "Một. Hai; ba. Bốn")
>>> stops.last(0, 12), stops.last(0, 3), stops.any(4, 12), stops.next(4), stops.next(13)
(8, None, True, 8, None)
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate


class Lines:
    """The lines of a text: the span of the line holding an offset (as ``Document.line_span``)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.length = len(text)

    def joined(self, breaks: list[int]) -> Lines:
        r"""The lines of the same text with the line breaks at ``breaks`` turned into spaces: the lines they end run
        on into the next (``Document.joined``), found from these lines' starts, not by reading the text again.

        >>> Lines("ab\ncd\nef\n").joined([2]).starts, Lines("ab cd\nef\n").starts
        ([0, 6, 9], [0, 6, 9])
        """
        joined = Lines.__new__(Lines)
        gone = {at + 1 for at in breaks}
        joined.starts = [start for start in self.starts if start not in gone]
        joined.length = self.length
        return joined

    def start(self, offset: int) -> int:
        """Start of the line holding ``offset`` (a line break belongs to the line it ends)."""
        return self.starts[bisect.bisect_right(self.starts, offset) - 1]

    def span(self, offset: int) -> tuple[int, int]:
        """Start and end (before its line break) of the line holding ``offset``."""
        i = bisect.bisect_right(self.starts, offset)
        return self.starts[i - 1], self.starts[i] - 1 if i < len(self.starts) else self.length


class Marks:
    """Where ``pattern`` matches in ``text``, with each match's end.

    With ``overlapping``, every position where it matches, also inside another match: then
    ``pattern.search(text, lo, hi) is not None`` is ``any(lo, hi)`` when a match at a position ends where it
    ends whatever comes after ``hi`` (a pattern ending on a character it must find, as ``...:``). Without it,
    the matches ``finditer`` gives (faster, and the same for a pattern of one character).
    """

    def __init__(self, pattern: re.Pattern, text: str, overlapping: bool = False,
                 within: tuple[int, int] | None = None) -> None:
        lo, hi = within or (0, len(text))  # only the matches inside this span of the text
        if overlapping:
            every = re.compile(f"(?=({pattern.pattern}))", pattern.flags)
            found = [(m.start(), m.end(1)) for m in every.finditer(text, lo, hi)]
        else:
            found = [m.span() for m in pattern.finditer(text, lo, hi)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]
        # the earliest end among the matches from the i-th on: "some match starting at lo or later ends by hi"
        self.first_end = list(accumulate(reversed(self.ends), min))[::-1]

    def last(self, lo: int, hi: int) -> int | None:
        """Start of the last match that starts in ``[lo, hi)`` and ends by ``hi``, else None."""
        i = bisect.bisect_left(self.starts, hi) - 1
        while i >= 0 and self.starts[i] >= lo:
            if self.ends[i] <= hi:
                return self.starts[i]
            i -= 1
        return None

    def next(self, offset: int) -> int | None:
        """Start of the first match at ``offset`` or after it, else None."""
        i = bisect.bisect_left(self.starts, offset)
        return self.starts[i] if i < len(self.starts) else None

    def any(self, lo: int, hi: int) -> bool:
        """Whether a match starts at ``lo`` or later and ends by ``hi``."""
        i = bisect.bisect_left(self.starts, lo)
        return i < len(self.starts) and self.first_end[i] <= hi
