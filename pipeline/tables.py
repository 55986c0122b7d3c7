"""Rows of dicts out to a terminal table, a CSV file or an Excel workbook.

Document text goes into every cell, and a spreadsheet runs a cell that starts
like a formula: in CSV a text starting with ``= + - @`` (or a tab or carriage
return) gets a leading ``'`` (the OWASP rule against CSV injection); in XLSX
every text is stored as a string, never a formula. Numbers stay numbers.

>>> import io
>>> out = io.StringIO()
>>> write_csv([{"tỉnh": "Sóc Trăng", "value": 77.0}, {"tỉnh": "=1+1", "value": -3.0}], out)
>>> out.getvalue().splitlines()
['tỉnh,value', 'Sóc Trăng,77.0', "'=1+1,-3.0"]
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

# Columns wider than this are wrapped in spreadsheets (quotes, notes).
_MAX_WIDTH = 60
# Characters a terminal obeys instead of printing (ESC sequences clear screens, move the cursor); tab and line ends stay.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What makes a spreadsheet read a CSV cell as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(value: object, style: str = "") -> Text:
    """Text from a document shown as written in a terminal: no Rich markup read in it, no control characters.

    >>> plain("[b]Kế hoạch[/] \x1b[2J").plain
    '[b]Kế hoạch[/] [2J'
    """
    return Text(_CONTROL.sub("", str(value)), style=style)


def csv_safe(value):
    """A CSV cell a spreadsheet will not run: a text starting like a formula gets a leading quote.

    >>> csv_safe("=SUM(A1:A9)"), csv_safe("- Tỷ lệ"), csv_safe(-3.5), csv_safe("Sở Y tế")
    ("'=SUM(A1:A9)", "'- Tỷ lệ", -3.5, 'Sở Y tế')
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def write_csv_rows(rows: list[dict], out: TextIO, **dialect) -> None:
    """Rows as CSV with a header line (nothing for no rows), every cell through ``csv_safe``."""
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), **dialect)
        writer.writeheader()
        writer.writerows({k: csv_safe(v) for k, v in row.items()} for row in rows)


def print_table(rows: list[dict], title: str = "", console: Console | None = None, wrap: tuple[str, ...] = ()) -> None:
    """Rows as a terminal table, one column per key of the first row; the ``wrap`` columns (texts) take the room left.

    Values are shown as written (no Rich markup); pass a ``rich.text.Text`` for a styled cell.
    """
    table = Table(title=plain(title), show_lines=True)
    for name in rows[0] if rows else []:
        table.add_column(plain(name), ratio=1 if name in wrap else None, min_width=len(name))
    for row in rows:
        table.add_row(*(v if isinstance(v, Text) else plain("" if v is None else f"{v:g}" if isinstance(v, float)
                                                           else v) for v in row.values()))
    (console or Console()).print(table)


def write_csv(rows: list[dict], out: TextIO) -> None:
    """Rows as CSV with a header line, one ``\\n`` per line, cells made safe (``csv_safe``)."""
    write_csv_rows(rows, out, lineterminator="\n")


def write_workbook(path: Path, sheets: dict[str, list[dict]]) -> Path:
    """An ``.xlsx`` file with one sheet per entry: bold frozen header, filters, readable widths.

    >>> import tempfile, openpyxl
    >>> path = write_workbook(Path(tempfile.mkdtemp()) / "t.xlsx", {"Targets": [{"code": "1", "value": 77.0}]})
    >>> [[c.value for c in row] for row in openpyxl.load_workbook(path)["Targets"].iter_rows()]
    [['code', 'value'], ['1', 77]]
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name[:31])  # Excel's limit on sheet names
        columns = list(rows[0]) if rows else []
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c) for c in columns])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # a text starting with "=": kept as the text it is
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = sheet.dimensions
        for i, column in enumerate(columns, start=1):
            width = max(len(str(v)) for v in [column, *(row.get(column) or "" for row in rows)])
            sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, _MAX_WIDTH)
            if width > _MAX_WIDTH:
                for cell in sheet[get_column_letter(i)][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
