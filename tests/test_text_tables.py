"""Tables printed as text: rows and their cells' spans (models/text_tables.py)."""
import pytest

from chitieu.models.normalize import fold
from chitieu.models.text_tables import read_cell_rows


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
])
def test_rows_and_prose_lines_in_reading_order(text, rows):
    assert _rows(text) == rows
