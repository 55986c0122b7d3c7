"""Rows of dicts out to a terminal table, a CSV file or an Excel workbook.

>>> import io
>>> out = io.StringIO()
>>> write_csv([{"tỉnh": "Sóc Trăng", "value": 77.0}], out)
>>> out.getvalue().splitlines()
['tỉnh,value', 'Sóc Trăng,77.0']
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

# Columns wider than this are wrapped in spreadsheets (quotes, notes).
_MAX_WIDTH = 60


def print_table(rows: list[dict], title: str = "", console: Console | None = None, wrap: tuple[str, ...] = ()) -> None:
    """Rows as a terminal table, one column per key of the first row; the ``wrap`` columns (texts) take the room left.

    Values are shown as written (no Rich markup); pass a ``rich.text.Text`` for a styled cell.
    """
    table = Table(title=title, show_lines=True)
    for name in rows[0] if rows else []:
        table.add_column(name, ratio=1 if name in wrap else None, min_width=len(name))
    for row in rows:
        table.add_row(*(v if isinstance(v, Text) else Text("" if v is None else f"{v:g}" if isinstance(v, float)
                                                          else str(v)) for v in row.values()))
    (console or Console()).print(table)


def write_csv(rows: list[dict], out: TextIO) -> None:
    """Rows as CSV with a header line (nothing for no rows)."""
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


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
