"""A document's page: its whole normalised text with every item's span highlighted, and the items beside it.

spaCy's displaCy span renderer draws the highlights: each line of the text is
a spaCy ``Doc`` (``spacy.blank("xx")``'s tokenizer, no model) whose spans come
from the items by ``Doc.char_span``; a line without items stays plain text, so
the page keeps the document's lines. Each kind has its colour; a corrected
item's label ends in ✎. Every item has an anchor, ``#targets-3`` for the third
target (by its order in the database), that ``chitieu review`` and the report
link to. The side panel lists the items with their fields, certainty and
doubts, the machine's values beside a person's, and the document's
corrections (orphaned ones too). One self-contained file: inline CSS, no script.

>>> from chitieu.pipeline.store import open_db
>>> db = open_db(":memory:")
>>> document_page(db, {"id": 1, "source": "a.txt", "sha256": "0", "text": "", "is_draft": 0,
...                    "implements": "[]"}).startswith("<!DOCTYPE html>")
True
"""
from __future__ import annotations

from functools import cache

import sqlite_utils
from chitieu.pipeline.export import document_record
from jinja2 import Environment
from markupsafe import Markup, escape

COLOURS = {"targets": "#f4b400", "budgets": "#0f9d58", "agencies": "#4285f4", "deadlines": "#db4437"}
LABELS = {"targets": "target", "budgets": "budget", "agencies": "agency", "deadlines": "deadline"}
CORRECTED = "✎"
# What the side panel shows of each kind, beside the certainty.
_FIELDS = {"targets": ("indicator", "comparator", "value", "value_max", "unit", "kind", "year", "code", "national_code"),
           "budgets": ("amount_vnd", "kind", "source", "year_from", "year_to", "words_match"),
           "agencies": ("name", "role", "indicators"),
           "deadlines": ("due", "kind", "agency", "task")}


def item_anchor(kind: str, position: int) -> str:
    """The anchor of the ``position``-th (from 1) item of ``kind`` on its document's page.

    >>> item_anchor("targets", 3)
    'targets-3'
    """
    return f"{kind}-{position}"


def document_page(db: sqlite_utils.Database, row: dict) -> str:
    """The page of the document stored as ``row`` (a ``documents`` row), as one HTML string."""
    record = document_record(db, row)
    items = [(kind, n, item) for kind in COLOURS for n, item in enumerate(record[kind], start=1)]
    return _template().render(record=record, text=Markup(highlighted_text(row["text"], items)),
                              items=items, fields=_FIELDS, colours=COLOURS, labels=LABELS, anchor=item_anchor,
                              corrected=CORRECTED)


def highlighted_text(text: str, items: list[tuple[str, int, dict]]) -> str:
    """``text`` as HTML, line by line, each item's span drawn by displaCy and its anchor at its line."""
    from spacy import displacy

    lines, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        here = [(kind, n, item) for kind, n, item in items if item["span"][0] < end + 1 and item["span"][1] > start]
        anchors = "".join(f'<span id="{item_anchor(kind, n)}"></span>' for kind, n, item in here
                          if start <= item["span"][0] <= end)
        spans = _line_spans(line, start, here)
        body = displacy.render(spans, style="span", page=False, options={"colors": _label_colours()}) \
            if spans is not None else str(escape(line))
        lines.append(f'<div class="line">{anchors}{body or "&nbsp;"}</div>')
        start = end + 1
    return "\n".join(lines)


def _line_spans(line: str, start: int, items: list[tuple[str, int, dict]]):
    """A spaCy Doc of ``line`` (which starts at ``start`` in the text) with its items' spans; None without any."""
    if not line.strip():
        return None
    doc = _blank().make_doc(line)
    spans = []
    for kind, _, item in items:
        label = LABELS[kind] + (f" {CORRECTED}" if item.get("corrected") else "")
        span = doc.char_span(max(item["span"][0] - start, 0), min(item["span"][1] - start, len(line)), label=label,
                             alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    if not spans:
        return None
    doc.spans["sc"] = spans
    return doc


@cache
def _blank():
    import spacy

    return spacy.blank("xx")  # a tokenizer only: nothing to download


@cache
def _label_colours() -> dict[str, str]:
    return {**{label: COLOURS[kind] for kind, label in LABELS.items()},
            **{f"{label} {CORRECTED}": COLOURS[kind] for kind, label in LABELS.items()}}


@cache
def _template():
    environment = Environment(autoescape=True)
    return environment.from_string(TEMPLATE)


TEMPLATE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{{ record.metadata.number or record.source }} - chitieu</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; display: flex; height: 100vh; }
main { flex: 3; overflow-y: auto; padding: 1em 2em; }
aside { flex: 2; overflow-y: auto; padding: 1em; background: #f6f6f6; border-left: 1px solid #ccc; font-size: 0.9em; }
.line { min-height: 1.2em; white-space: normal; }
.line .spans { display: inline; line-height: 2.5 !important; }
.line .spans span span { white-space: nowrap; }
h1 { font-size: 1.2em; } h2 { font-size: 1.05em; margin-top: 1.2em; }
.item { margin: 0.4em 0; padding: 0.4em; background: white; border-left: 5px solid; }
.item.corrected { outline: 2px dashed #8e24aa; }
.machine { color: #8e24aa; } .doubts { color: #a33; } .orphaned { color: #a33; font-weight: bold; }
table { border-collapse: collapse; } td { padding: 0 0.4em; vertical-align: top; }
</style></head><body>
<main>
<h1>{{ record.metadata.title or record.source }}</h1>
<p>{{ record.source }} · {{ record.metadata.number or "" }} · sha256 {{ record.sha256[:12] }}</p>
{{ text }}
</main>
<aside>
<h2>Metadata{% if record.metadata_corrected %} {{ corrected }}{% endif %}</h2>
<table>{% for key, value in record.metadata.items() if key != "references" %}
<tr><td>{{ key }}</td><td>{{ value }}{% if record.metadata_corrected and key in record.metadata_corrected.machine %}
 <span class="machine">(machine: {{ record.metadata_corrected.machine[key] }})</span>{% endif %}</td></tr>{% endfor %}
</table>
{% for kind, colour in colours.items() %}
<h2>{{ kind }} ({{ record[kind]|length }})</h2>
{% for k, n, item in items if k == kind %}
<div class="item{% if item.corrected %} corrected{% endif %}" style="border-color: {{ colour }}">
<a href="#{{ anchor(kind, n) }}">{{ labels[kind] }} {{ n }}</a>
{% if item.certainty is not none %} · certainty {{ "%.2f"|format(item.certainty) }}{% endif %}
{% if item.corrected %} · <b>{{ corrected }} corrected</b> by {{ item.corrected.by }}: {{ item.corrected.why }}{% endif %}
<table>{% for field in fields[kind] if item[field] not in (none, "", []) %}
<tr><td>{{ field }}</td><td>{{ item[field] }}{% if item.corrected and item.corrected.machine and field in item.corrected.machine %}
 <span class="machine">(machine: {{ item.corrected.machine[field] }})</span>{% endif %}</td></tr>{% endfor %}
</table>
{% if item.doubts %}<div class="doubts">{{ item.doubts|join("; ") }}</div>{% endif %}
</div>
{% endfor %}{% endfor %}
<h2>Corrections ({{ record.corrections|length }})</h2>
{% for c in record.corrections %}
<div class="item" style="border-color: #8e24aa">#{{ c.id }} {{ c.action }} {{ c.kind }} «{{ c.quote }}» {{ c.new }}
by {{ c.by }} ({{ c.at }}): {{ c.why }}{% if c.status == "orphaned" %} <span class="orphaned">orphaned: {{ c.note }}</span>{% endif %}
{% if c.action == "delete" %}<div class="machine">machine gave: {{ c.old }}</div>{% endif %}</div>
{% endfor %}
</aside>
</body></html>
"""
