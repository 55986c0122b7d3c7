r"""The lines of a text found once, so that asking for a line's span costs a lookup, not a scan.

Extractors ask, for each of thousands of mentions, "where does this line
start?". Scanning back from the mention each time is quadratic on a text with
one long line (a website's page with its line breaks lost); the line starts
answer by bisection.

>>> lines = Lines("ab\ncde\n\nf")
>>> lines.span(4), lines.span(7), lines.span(8)
((3, 6), (7, 7), (8, 9))
"""
from __future__ import annotations

import bisect
import re


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
