"""Landmarks answer as the scans they replace: a regex searched in a span, a line's span."""
import re

import pytest

from chitieu.models.document import Document
from chitieu.models.landmarks import Lines, Marks

TEXTS = [
    "Thành viên: Sở Y tế; Sở Tài chính. Đề nghị: Hội Nông dân\nphối hợp: Sở Nội vụ.",
    "a\n\nb. c; d: e\n",
    "",
    "gồm các thành viên sau đây ở tỉnh:\n- Sở Y tế: chủ trì",
]
# patterns that end on a character they must find: a match ends where it ends whatever follows the span
PATTERNS = [r"(?<![a-z])(?:thanh vien|gom(?: cac)?)(?![a-z])[^:;.]{0,40}:", r"\*", r"\n[\s*]*so\b"]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("pattern", PATTERNS)
def test_marks_any_is_a_search_in_the_span(text, pattern):
    folded = Document("a.txt", "0", text).folded
    compiled = re.compile(pattern)
    marks = Marks(compiled, folded, overlapping=True)
    for lo in range(len(folded) + 1):
        for hi in range(lo, len(folded) + 1):
            assert marks.any(lo, hi) == (compiled.search(folded, lo, hi) is not None), (lo, hi)


@pytest.mark.parametrize("text", TEXTS)
def test_marks_last_is_the_last_stop_of_the_span(text):
    """A stop is one before a space: the space must be in the span too, so the span asked ends one earlier."""
    stops = re.compile(r"[.;:!?](?=\s)")
    marks = Marks(stops, text)
    for lo in range(len(text) + 1):
        for hi in range(lo + 1, len(text) + 1):
            found = [m.start() for m in stops.finditer(text, lo, hi)]
            assert marks.last(lo, hi - 1) == (found[-1] if found else None), (lo, hi)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("pattern", [r"\*", r"[.;:!?]"])
def test_marks_of_single_characters_need_no_overlapping_search(text, pattern):
    compiled = re.compile(pattern)
    fast, overlapping = Marks(compiled, text), Marks(compiled, text, overlapping=True)
    assert (fast.starts, fast.ends) == (overlapping.starts, overlapping.ends)


@pytest.mark.parametrize("text", TEXTS + ["\n", "abc\n"])
def test_lines_span_is_the_line_around_an_offset(text):
    lines = Lines(text)
    for offset in range(len(text) + 1):
        end = text.find("\n", offset)
        assert lines.span(offset) == (text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end)
        assert lines.start(offset) == lines.span(offset)[0]


@pytest.mark.parametrize("text", TEXTS)
def test_marks_within_a_line_answer_for_that_line(text):
    folded = Document("a.txt", "0", text).folded
    compiled = re.compile(PATTERNS[0])
    lines = Lines(folded)
    for start in lines.starts:
        line = lines.span(start)
        marks = Marks(compiled, folded, overlapping=True, within=line)
        for offset in range(line[0], line[1] + 1):
            assert marks.any(line[0], offset) == (compiled.search(folded, line[0], offset) is not None)
