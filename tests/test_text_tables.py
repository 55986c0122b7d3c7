"""Tables printed as text: rows and their cells' spans (models/text_tables.py)."""
import pytest

from chitieu.models.normalize import fold
from chitieu.models.landmarks import Lines
from chitieu.models.text_tables import (BORDER_LINE, _border_runs, _cell_rows, blank_line_starts, border_starts,
                                        find_cell_line_tables, find_tables, is_border_line, read_cell_rows)


# A web page's table whose blank lines hold spaces other than ' ': the readers tell blank lines by the starts
# blank_line_starts gives (a pattern's \s, the spaces str.strip takes), not by reading each line.
ONE_CELL_BLANKS = "|\nSTT\n|\nSố\n|\n|\n1\n|\nIn\n\u3000\x0b\nliệu\n|\n5\n|\n|\n2\n|\nx\n|\n7\n|\n\x85\u00a0\n|\n3\n|\n"


def _rows(text):
    return [row if row is None else (row.start, row.end, row.cells) for row in read_cell_rows(text, fold(text))]


@pytest.mark.parametrize("text, rows", [
    ("", []),
    ("\n", []),
    ("a\tb\tc", [(0, 5, [(0, 1), (2, 3), (4, 5)])]),
    # blank lines (spaces, a no-break space) give nothing, prose lines a None each, a tab line its cells; a bar
    # line read as a web page's table; a line with one bar is prose
    ("x\n  \n\t\n|\n1\n|\nA\n|\n\n| a | b |\nprose\n \u00a0\nmore|one bar\n",
     [None, (5, 6, [(5, 5), (6, 6)]), (9, 14, [(9, 10), (13, 14)]), None, (18, 27, [(19, 22), (23, 26)]), None,
      None]),
    # a cell wrapped over two lines; a lone emphasis run ends the table, the lines after it are prose
    ("|\n1\n|\nIn tài\nliệu\n|\n|\n2\n|\n** **\n|\nsau\n\n\nx\ty",
     [(2, 17, [(2, 3), (6, 17)]), (22, 23, [(22, 23)]), None, None, None, None, (40, 43, [(40, 41), (42, 43)])]),
    ("a|b\n|\n|", [None, None]),
    # a bar line holding a tab is a bar line; the line after the table's last bar ends the text
    ("prose\n|\t\n1\n|\n2\n|\n", [None, (9, 14, [(9, 10), (13, 14)]), None]),
    # the reader looks up to two lines past a bar: a row label (II) after two bars, an empty cell, a label line
    # after the last bar at the text's end; a tab line inside a web table is one cell; the bar lines of a table
    # read are not read again
    ("|\nSTT\n|\nA\n|\nB\n|\n|\n1\n|\nx\n|\ny\n|\n|\nII\n|\nz\n|\n|\n2",
     [(2, 13, [(2, 5), (8, 9), (12, 13)]), (18, 27, [(18, 19), (22, 23), (26, 27)]),
      (32, 41, [(32, 34), (37, 38), (41, 41)]), None, None]),
    ("|\n1\n|\nA\n|\n|\n2\n|\nB\n|\nc\td\te\n|\n3\n|\n|\n|\n4\n|",
     [(2, 7, [(2, 3), (6, 7)]), (12, 25, [(12, 13), (16, 17), (20, 25)]), (28, 32, [(28, 29), (32, 32)]),
      (36, 37, [(36, 37)]), None]),
    # lines of other spaces (ideographic, vertical tab, next line, no-break) are blank lines, as in ONE_CELL_BLANKS
    (ONE_CELL_BLANKS,
     [(2, 10, [(2, 5), (8, 10)]), (15, 16, [(15, 16)]), None, None, None, (32, 33, [(32, 33)]),
      (38, 39, [(38, 39)]), (42, 43, [(42, 43)]), (46, 47, [(46, 47)]), None, (55, 56, [(55, 56)]), None]),
])
def test_rows_and_prose_lines_in_reading_order(text, rows):
    assert _rows(text) == rows


@pytest.mark.parametrize("text, runs, tables", [
    # two runs of bar lines with prose before, between and after; a blank line inside a cell a bar follows; marks
    ("Trước bảng\n|\nSTT\n|\nNội dung\n|\n|\n1\n|\nIn **tài**\n\nliệu\n|\n|\n2\n|\n*Hội* nghị\n|\n\nGiữa hai bảng\n"
     "|\nx\n|\n|\n1\n|\n5\n|\n|\n2\n|\n7\n|\n",
     [[(13, 16), (19, 27), None, (32, 33), (36, 52), None, (57, 58), (61, 71)],
      [(91, 92), None, (97, 98), (101, 102), None, (107, 108), (111, 112)]],
     [(91, 112, [(91, 92, ["x"]), (97, 102, ["1", "5"]), (107, 112, ["2", "7"])])]),
    # blank lines after a bar end a run; words no bar closes, then a blank line, end the last one
    ("|\n1\n|\nA\n|\n\n\n|\n|\n2\n|\n3\n|\n|\n4\n|\nB\nC\n\nD\n",
     [[(2, 3), (6, 7)], [None, (16, 17), (20, 21), None, (26, 27)]],
     [(16, 27, [(16, 21, ["", "2", "3"]), (26, 27, ["4"])])]),
    # a blank line of other spaces inside a cell a bar follows, another after a bar ending the table
    (ONE_CELL_BLANKS,
     [[(2, 5), (8, 10), None, (15, 16), (19, 29), (32, 33), None, (38, 39), (42, 43), (46, 47)], [(55, 56)]],
     [(2, 47, [(2, 10, ["STT", "Số"]), (15, 33, ["1", "In liệu", "5"]), (38, 47, ["2", "x", "7"])])]),
])
def test_tables_printed_one_cell_per_line(text, runs, tables):
    assert _border_runs(text, Lines(text), border_starts(text), blank_line_starts(text)) == runs
    assert [(table.start, table.end, table.lines) for table in find_cell_line_tables(text)] == tables


@pytest.mark.parametrize("gaps, rows", [
    # one letter a gap: "x" a cell's words, "." an empty gap; rows are drawn the same way, split by spaces
    ("xxx", "xxx"),  # as many cells as gaps: one row, no gap before it
    ("x.xx.xx", "x xx xx"),
    ("xx.xxx.xxx.xx", "xx xxx xxx xx"),  # a short last row (merged cells) after full rows
    ("xxx.x.xxx.xxx.xx", "xxx x xxx xxx xx"),  # a header split at its empty gap, full rows, a short last row
    (".xx.xx..xx", ".xx xx. xx"),  # empty cells inside rows
    ("xx.xx.xx.", "xx.xx.xx."),  # an empty gap last: no row of any width ends the gaps
    ("x.x.x.xxx.xxx", "x x.x xxx xxx"),
])
def test_rows_of_a_table_printed_one_cell_per_line(gaps, rows):
    def drawn(row):
        return "".join("." if gap is None else "x" for gap in row)
    spans = [None if c == "." else (i, i + 1) for i, c in enumerate(gaps)]
    found = _cell_rows(spans)
    assert " ".join(map(drawn, found)) == rows
    assert [gap for row in found for gap in row if gap] == [gap for gap in spans if gap]


@pytest.mark.parametrize("text, tables", [
    # a blank line and a short line without figures sit inside a table; a line with a figure ends it
    ("Bảng\nSTT\tNội dung\tSố\n1\tA\t5\n\nghi chú\n2\tB\t7\nvăn bản có số 3\n3\tC\t9\n4\tD\t1\n",
     [(5, 41, [(5, 20, ["STT", "Nội dung", "Số"]), (21, 26, ["1", "A", "5"]), (36, 41, ["2", "B", "7"])]),
      (58, 69, [(58, 63, ["3", "C", "9"]), (64, 69, ["4", "D", "1"])])]),
    # three blank lines end a table; typed columns (figures two spaces apart) and bars run on; a long line ends it
    ("a  b  c\n1  2  3\n\n\n\n4  5  6\n7  8  9\n| x | y | 1 |\n" + "z" * 210 + "\n| u | v | 2 |\n",
     [(19, 48, [(19, 26, ["4", "5", "6"]), (27, 34, ["7", "8", "9"]), (35, 48, ["x", "y", "1"])])]),
])
def test_tables_printed_as_lines_of_cells(text, tables):
    assert [(table.start, table.end, table.lines) for table in find_tables(text)] == tables


@pytest.mark.parametrize("line", ["|", " | ", "\t|  \t", "||", "| |", "a |", "", "  ", "｜", "\u00a0|"])
def test_a_border_line_is_told_alike_by_the_pattern_and_the_string_test(line):
    assert is_border_line(line) == (BORDER_LINE.fullmatch(line) is not None)
