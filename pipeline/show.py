"""``chitieu show``: one document as a reader wants to check it: each item with its certainty and doubts, a
corrected one marked with who, why and the machine's values, and the document's corrections (orphaned ones too).

Every text comes from a document, so it is printed as written (``tables.plain``):
``[b]`` or ``[/]`` in a title is not Rich markup, and control characters (an
``ESC[2J`` that would clear the screen) are dropped.
"""
from __future__ import annotations

import sqlite_utils
from chitieu.pipeline.export import document_record
from chitieu.pipeline.tables import plain
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

# What each item kind shows in its summary column.
_SUMMARY = {
    "targets": lambda i: f"{i['comparator']} {i['value']:g}{'–%g' % i['value_max'] if i['value_max'] is not None else ''}"
                         f" {i['unit']} ({i['kind']}, {i['year']}) {i['indicator'][:60]}"
                         + (f" ~ QĐ23 {i['national_code']}" if i.get("national_code") else ""),
    "budgets": lambda i: f"{i['amount_vnd']:,} đ {i['kind']} {i.get('source') or ''} {i.get('year_from') or ''}"
                         f"-{i.get('year_to') or ''}",
    "agencies": lambda i: f"{i['name']} ({i['role']})" + (f" chỉ tiêu {', '.join(i['indicators'])}" if i["indicators"] else ""),
    "deadlines": lambda i: f"{i['due']} {i['kind']} {i.get('agency') or ''}: {i.get('task', '')[:60]}",
}


def find_document(db: sqlite_utils.Database, key: str) -> dict | None:
    """A document row by id, source name or sha256 prefix."""
    if key.isdigit():
        rows = list(db["documents"].rows_where("id = ?", [int(key)]))
        if rows:
            return rows[0]
    rows = list(db["documents"].rows_where("source = ? or sha256 like ?", [key, key + "%"], order_by="id desc"))
    return rows[0] if rows else None


def highlighted(text: str, start: int, end: int, quote: str) -> Text:
    """The quote with the item's own span in bold yellow, shown as written (``plain``).

    >>> highlighted("Đạt 90% \x1b[2J.", 4, 7, "Đạt 90% \x1b[2J.").spans
    [Span(4, 7, 'bold yellow')]
    """
    at = text.find(quote, max(0, start - len(quote)))
    if not (0 <= at <= start and end <= at + len(quote)):
        return plain(quote)
    a, b = start - at, end - at
    return Text.assemble(plain(quote[:a]), plain(quote[a:b], "bold yellow"), plain(quote[b:]))


def render_document(db: sqlite_utils.Database, row: dict, console: Console | None = None) -> None:
    console = console or Console()
    record = document_record(db, row)
    meta = Table(title=plain(f"{row['source']}  ({row['sha256'][:12]})"), show_header=False)
    for key, value in record["metadata"].items():
        meta.add_row(key, plain(value))
    console.print(meta)
    tree = Tree("sections")
    nodes: dict[int, Tree] = {}
    for s in db["sections"].rows_where("document_id = ?", [row["id"]], order_by="idx"):
        parent = nodes.get(s["parent_idx"], tree)
        label = Text(" ").join([plain(s["path"], "bold"), plain(s["kind"], "dim"), plain(s["heading"][:80])])
        nodes[s["idx"]] = parent.add(label)
    console.print(tree)
    for kind, summary in _SUMMARY.items():
        items = record[kind]
        table = Table(title=f"{kind} ({len(items)})", show_lines=True)
        table.add_column("item")
        table.add_column("certainty")
        table.add_column("section")
        table.add_column("source sentence")
        for item in items:
            start, end = item["span"]
            table.add_row(plain(summary(item)) + correction_note(item["corrected"]), certainty_note(item),
                          plain(item.get("section") or ""), highlighted(row["text"], start, end, item["quote"]))
        console.print(table)
    if record["corrections"]:
        console.print("[bold]corrections[/]")
        for c in record["corrections"]:
            console.print(plain(f"#{c['id']} {c['action']} {c['kind']} «{c['quote']}» {c['new'] or ''} by {c['by']}: "
                               f"{c['why']} [{c['status']}{': ' + c['note'] if c['note'] else ''}]",
                               style="red" if c["status"] == "orphaned" else "magenta"))


def correction_note(corrected: dict | None) -> Text:
    """A corrected item's mark: who and why, and the machine's values beside.

    >>> str(correction_note({"by": "Lan", "why": "typo", "machine": {"value": 77.0}})).strip()
    '✎ corrected by Lan: typo (machine: value=77.0)'
    >>> str(correction_note(None))
    ''
    """
    if not corrected:
        return Text()
    machine = corrected["machine"]
    was = ", ".join(f"{k}={v}" for k, v in machine.items()) if machine else "added by hand"
    return plain(f"\n✎ corrected by {corrected['by']}: {corrected['why']} (machine: {was})", style="magenta")


def certainty_note(item: dict) -> Text:
    """The certainty, with the doubts that lowered it."""
    if item.get("certainty") is None:
        return Text("")
    return Text(f"{item['certainty']:.2f}") + Text("".join(f"\n- {d}" for d in item.get("doubts") or []), style="dim")
