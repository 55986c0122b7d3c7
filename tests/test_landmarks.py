"""Landmarks answer as the scans they replace: a line's span."""
import pytest
from chitieu.models.landmarks import Lines

TEXTS = [
    "Thành viên: Sở Y tế; Sở Tài chính. Đề nghị: Hội Nông dân\nphối hợp: Sở Nội vụ.",
    "a\n\nb. c; d: e\n",
    "",
    "gồm các thành viên sau đây ở tỉnh:\n- Sở Y tế: chủ trì",
]


@pytest.mark.parametrize("text", TEXTS + ["\n", "abc\n"])
def test_lines_span_is_the_line_around_an_offset(text):
    lines = Lines(text)
    for offset in range(len(text) + 1):
        end = text.find("\n", offset)
        assert lines.span(offset) == (text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end)
        assert lines.start(offset) == lines.span(offset)[0]
