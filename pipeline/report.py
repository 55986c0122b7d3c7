"""``chitieu report``: one self-contained HTML page and an Excel workbook for people who read plans.

The page (``index.html``) holds, with nothing fetched at view time (inline CSS,
inline SVG, no script):

- a summary per plan aligned with QĐ 23/QĐ-TTg, and the plans that are not,
  with the reason;
- the alignment matrix: plans x national indicators, each cell a badge per
  year coloured by status, linking to the plan's source sentence;
- a chart per national indicator: each plan's value per year against the
  national line (every plan that states it, QĐ 23 or not);
- the source sentences, the national indicators, each plan's budget and the
  places where its budget table does not add up;
- a page per document (``documents/ID.html``, ``chitieu.pipeline.page``): its
  text with every item highlighted, corrected items marked.

``chitieu-report.xlsx`` holds the same tables, one sheet each.

>>> from chitieu.pipeline.store import open_db
>>> import tempfile
>>> html, xlsx = build_report(open_db(":memory:"), Path(tempfile.mkdtemp()))
>>> "Alignment matrix" in html.read_text(encoding="utf-8"), xlsx.name
(True, 'chitieu-report.xlsx')
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from chitieu.pipeline.align import (
    AlignmentStatus,
    PlanAlignment,
    Reference,
    align_plan,
    alignment_rows,
    describe,
    document_label,
    national_reference,
    plan_targets,
    plans_to_align,
)
from chitieu.pipeline.charts import indicator_chart
from chitieu.pipeline.compare import compare_indicator
from chitieu.extractors.provinces import canonical_province, province_2025
from chitieu.pipeline.tables import write_workbook
from jinja2 import Environment
from markupsafe import Markup, escape

HTML_NAME, XLSX_NAME, PAGES_FOLDER = "index.html", "chitieu-report.xlsx", "documents"
STATUS_COLOURS = {
    AlignmentStatus.SAME: "#cfe8cf", AlignmentStatus.STRICTER: "#5fb35f", AlignmentStatus.LOOSER: "#e8726b",
    AlignmentStatus.OTHER_METRIC: "#f2d36b", AlignmentStatus.MISSING: "#d9d9d9", AlignmentStatus.EXTRA: "#a9d3ee",
}


@dataclass
class Cell:
    """One badge of the matrix: a goal's year, the plan's status, where its source is."""

    year: int | None
    status: AlignmentStatus
    href: str
    title: str


def build_report(db: sqlite_utils.Database, out_dir: Path) -> tuple[Path, Path]:
    """Write ``index.html`` and ``chitieu-report.xlsx`` into ``out_dir``; return their paths."""
    reference = national_reference()
    plans, skipped = plans_to_align(db, reference)
    aligned = [align_plan(db, plan, reference) for plan in plans]
    codes = list(dict.fromkeys(g.key for g in reference.goals))
    comparisons = {code: compare_indicator(db, code) for code in codes}
    documents = list(db["documents"].rows_where(order_by="id", select="id, source, number, province, district, "
                                                 "level, period_start, period_end, implements"))
    texts = {doc["id"]: doc["text"] for doc in db["documents"].rows_where(select="id, text")}
    context = {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "reference": reference, "codes": codes, "colours": {s.value: c for s, c in STATUS_COLOURS.items()},
        "summary": summary_rows(aligned), "skipped": skipped,
        "matrix": [(plan, matrix_row(plan, codes)) for plan in aligned],
        "charts": charts(comparisons, reference),
        "sources": [(plan, sources(db, plan.document["id"], texts[plan.document["id"]])) for plan in aligned],
        "national": national_rows(reference),
        "budgets": [(doc, budget_rows(db, doc["id"]), check_rows(db, doc["id"])) for doc in documents],
        "label": document_label,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    context["pages"] = write_document_pages(db, out_dir)
    html = out_dir / HTML_NAME
    environment = Environment(autoescape=True)
    environment.filters["number"] = vietnamese_number
    html.write_text(environment.from_string(TEMPLATE).render(context), encoding="utf-8")
    xlsx = write_workbook(out_dir / XLSX_NAME, {
        "Summary": context["summary"],
        "Alignment": alignment_rows(aligned),
        "Not aligned": [{"plan": document_label(s.document), "source": s.document["source"], "reason": s.reason}
                        for s in skipped],
        "Indicators": [{"indicator": code, **{k: v for k, v in row.items() if k not in {"document_id", "target_id"}}}
                       for code, rows in comparisons.items() for row in rows],
        "Budgets": [{"plan": document_label(doc), **row} for doc, rows, _ in context["budgets"] for row in rows],
        "Checks": [{"plan": document_label(doc), **row} for doc, _, rows in context["budgets"] for row in rows],
    })
    return html, xlsx


def write_document_pages(db: sqlite_utils.Database, out_dir: Path) -> dict[int, str]:
    """Each document's page under ``out_dir/documents/``; return the link to each from the report, by document id."""
    from chitieu.pipeline.page import document_page

    folder = out_dir / PAGES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    links = {}
    for row in db["documents"].rows_where(order_by="id"):
        (folder / f"{row['id']}.html").write_text(document_page(db, row), encoding="utf-8")
        links[row["id"]] = f"{PAGES_FOLDER}/{row['id']}.html"
    return links


def vietnamese_number(value: float) -> str:
    """A number as Vietnamese documents print it: ``.`` between thousands, ``,`` before decimals.

    >>> vietnamese_number(2292000.0), vietnamese_number(9.5), vietnamese_number(5000000000)
    ('2.292.000', '9,5', '5.000.000.000')
    """
    whole, _, decimals = f"{value:,.6f}".rstrip("0").rstrip(".").partition(".")
    return whole.replace(",", ".") + ("," + decimals if decimals else "")


def summary_rows(aligned: list[PlanAlignment]) -> list[dict]:
    """One row per aligned plan: where it is from (then and now), its period, its counts per status."""
    rows = []
    for plan in aligned:
        doc = plan.document
        province = canonical_province(doc["province"]) or doc["province"]
        rows.append({"plan": document_label(doc), "source": doc["source"], "province": province,
                     "province_2025": province_2025(province), "district": doc["district"], "level": doc["level"],
                     "period": f"{doc['period_start'] or '?'}-{doc['period_end'] or '?'}", **plan.summary()})
    return rows


def matrix_row(plan: PlanAlignment, codes: list[str]) -> list[list[Cell]]:
    """The plan's badges per national indicator, in the order of ``codes`` (empty: outside the plan's period)."""
    cells: dict[str, list[Cell]] = {code: [] for code in codes}
    for a in plan.alignments:
        target = a.targets[0] if a.targets else None
        title = f"{a.goal.key} {a.goal.year}: {a.status.value}; plan {describe(target) if target else '-'}, " \
                f"QĐ 23 {describe(a.goal)}" + (f"; {a.note}" if a.note else "")
        href = f"#t{target['id']}" if target else f"#n{a.goal.key}"
        cells[a.goal.key].append(Cell(a.goal.year, a.status, href, title))
    return [cells[code] for code in codes]


def charts(comparisons: dict[str, list[dict]], reference: Reference) -> list[tuple[str, Markup]]:
    """An SVG per national indicator that some plan states as a level in its unit."""
    out = []
    for code, rows in comparisons.items():
        goals = [g for g in reference.goals if g.key == code]
        points = [(f"{r['province']} {r['number'] or r['period'] or r['source']}", r["year"], r["value"]) for r in rows
                  if r["year"] is not None and r["kind"] == goals[0].kind and r["unit"] == goals[0].unit]
        if points:
            national = {g.year: g.value for g in goals}
            out.append((code, Markup(indicator_chart(code, goals[0].unit, national, points))))
    return out


def national_rows(reference: Reference) -> list[dict]:
    """QĐ 23's indicators, one row each, as the matrix's header links to them."""
    rows: dict[str, dict] = {}
    for g in reference.goals:
        row = rows.setdefault(g.key, {"code": g.key, "indicator": g.indicator, "kind": g.kind})
        row[g.year] = describe(g)
    return list(rows.values())


def budget_rows(db: sqlite_utils.Database, document_id: int) -> list[dict]:
    """A document's stated amounts (table lines left out), with where each came from."""
    return [
        {"kind": r["kind"], "source": r["source"], "amount_vnd": r["amount_vnd"],
         "years": "-".join(str(y) for y in dict.fromkeys((r["year_from"], r["year_to"])) if y),
         "words_match": None if r["words_match"] is None else bool(r["words_match"]), "quote": r["quote"]}
        for r in db["budgets"].rows_where("document_id = ? and kind != 'item'", [document_id], order_by="span_start")
    ]


def check_rows(db: sqlite_utils.Database, document_id: int) -> list[dict]:
    """Where the document's budget arithmetic does not add up."""
    return [{"what": r["what"], "expected": r["expected"], "found": r["found"], "quote": r["quote"]}
            for r in db["checks"].rows_where("document_id = ?", [document_id], order_by="span_start, id")]


def sources(db: sqlite_utils.Database, document_id: int, text: str) -> list[dict]:
    """A document's targets, each with its value as a reader writes it and its quote as HTML, the value marked."""
    out = []
    for target in plan_targets(db, document_id):
        quote, start, end = target["quote"] or "", target["span_start"], target["span_end"]
        at = text.find(quote, max(0, start - len(quote))) if quote else -1
        if 0 <= at <= start and end <= at + len(quote):
            html = escape(quote[:start - at]) + Markup("<mark>") + escape(quote[start - at:end - at]) + \
                Markup("</mark>") + escape(quote[end - at:])
        else:
            html = escape(quote)
        out.append({**target, "described": describe(target), "quote_html": html})
    return out


TEMPLATE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Plans against {{ reference.label }}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1400px; padding: 0 1.5rem 3rem; color: #222; }
h1 { margin-top: 1.2rem; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2.2rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .45rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; max-width: 100%; }
.matrix th:first-child { position: sticky; left: 0; background: #f3f3f3; min-width: 14rem; }
.matrix th.code { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: normal; padding: .4rem .1rem; }
.matrix td { padding: 2px; text-align: center; white-space: nowrap; }
.badge { display: inline-block; min-width: 1.4em; padding: 0 1px; margin: 1px 0; border-radius: 3px;
         color: #111; text-decoration: none; font-size: 10px; }
{% for status, colour in colours.items() %}.s-{{ status }} { background: {{ colour }}; }
{% endfor %}
.legend span { margin-right: .8rem; }
figure { display: inline-block; margin: 0 1.5rem 1.5rem 0; }
figcaption { font-weight: 600; max-width: 640px; }
mark { background: #fff1a8; }
tr:target, li:target { outline: 3px solid #0072B2; background: #eef6fc; }
.quote { max-width: 70ch; }
.muted { color: #666; }
</style>
</head>
<body>
<h1>Plans against {{ reference.label }}</h1>
<p class="muted">Generated {{ generated }} by <code>chitieu report</code>. Every value links to the sentence it was read from.</p>
<nav><a href="#summary">Summary</a><a href="#matrix">Alignment matrix</a><a href="#charts">Charts</a>
<a href="#sources">Sources</a><a href="#national">National indicators</a><a href="#budgets">Budgets and checks</a>
<a href="#documents">Documents</a></nav>

<h2 id="summary">Summary</h2>
{% if summary %}
<table class="summary">
<tr><th>Plan</th><th>Province</th><th>Province since 2025</th><th>District</th><th>Period</th>
<th>Kept</th><th>Stricter</th><th>Looser</th><th>Other metric</th><th>Missing</th><th>Extra</th></tr>
{% for row in summary %}
<tr><td>{{ row.plan }}</td><td>{{ row.province or "" }}</td><td>{{ row.province_2025 or "" }}</td>
<td>{{ row.district or "" }}</td><td>{{ row.period }}</td>
{% for key in ["kept", "stricter", "looser", "other", "missing", "extra"] %}<td class="num">{{ row[key] }}</td>{% endfor %}</tr>
{% endfor %}
</table>
{% else %}<p>No plan in the database carries out {{ reference.label }}.</p>{% endif %}
{% if skipped %}
<p>Not aligned against {{ reference.label }}:</p>
<ul class="skipped">{% for s in skipped %}<li>{{ label(s.document) }}: {{ s.reason }}</li>{% endfor %}</ul>
{% endif %}

<h2 id="matrix">Alignment matrix</h2>
<p class="legend">{% for status in colours %}<span><span class="badge s-{{ status }}">&nbsp;</span> {{ status }}</span>{% endfor %}
<span class="muted">Each badge is a year (25: 2025, 30: 2030); it links to the plan's sentence.</span></p>
<div class="scroll"><table class="matrix">
<tr><th>Plan</th>{% for code in codes %}<th class="code"><a href="#n{{ code }}">{{ code }}</a></th>{% endfor %}</tr>
{% for plan, cells in matrix %}
<tr class="plan"><th>{{ label(plan.document) }}</th>
{% for badges in cells %}<td>{% for b in badges %}<a class="badge s-{{ b.status.value }}" href="{{ b.href }}" title="{{ b.title }}">{{ (b.year|string)[-2:] if b.year else "·" }}</a>{% endfor %}</td>{% endfor %}
</tr>
{% endfor %}
</table></div>

<h2 id="charts">Charts</h2>
<p class="muted">Each plan's value per year (dots) against QĐ 23/QĐ-TTg's (dashed line); plans of any period that state the indicator in QĐ 23's unit.</p>
{% for code, svg in charts %}
<figure id="chart-{{ code }}" class="chart"><figcaption>{{ code }}. {{ national | selectattr("code", "equalto", code) | map(attribute="indicator") | first }}</figcaption>{{ svg }}</figure>
{% else %}<p>No plan states a national indicator yet.</p>
{% endfor %}

<h2 id="sources">Sources</h2>
{% for plan, targets in sources %}
<h3><a href="{{ pages[plan.document.id] }}">{{ label(plan.document) }}</a></h3>
<table>
<tr><th>Code</th><th>QĐ 23</th><th>Year</th><th>Value</th><th>Kind</th><th class="quote">Sentence</th></tr>
{% for t in targets %}
<tr id="t{{ t.id }}"><td>{{ t.code or "" }}</td><td>{{ t.national_code or "" }}</td><td>{{ t.year or "" }}</td>
<td>{{ t.described }}</td><td>{{ t.kind }}</td><td class="quote">{{ t.quote_html }}</td></tr>
{% endfor %}
</table>
{% endfor %}

<h2 id="national">National indicators ({{ reference.label }})</h2>
<table>
<tr><th>Code</th><th>Indicator</th><th>Kind</th><th>2025</th><th>2030</th></tr>
{% for n in national %}
<tr id="n{{ n.code }}"><td>{{ n.code }}</td><td>{{ n.indicator }}</td><td>{{ n.kind }}</td><td>{{ n[2025] or "" }}</td><td>{{ n[2030] or "" }}</td></tr>
{% endfor %}
</table>

<h2 id="budgets">Budgets and checks</h2>
{% for doc, budgets, checks in budgets %}
<h3>{{ label(doc) }}</h3>
{% if budgets %}
<table class="budget">
<tr><th>Kind</th><th>Source</th><th>Amount (đồng)</th><th>Years</th><th>Words agree</th><th class="quote">Sentence</th></tr>
{% for b in budgets %}
<tr><td>{{ b.kind }}</td><td>{{ b.source or "" }}</td><td class="num">{{ b.amount_vnd | number }}</td>
<td>{{ b.years }}</td><td>{{ "" if b.words_match is none else ("yes" if b.words_match else "NO") }}</td><td class="quote">{{ b.quote }}</td></tr>
{% endfor %}
</table>
{% else %}<p class="muted">No budget stated.</p>{% endif %}
{% if checks %}
<table class="checks">
<tr><th>Does not add up</th><th>Expected</th><th>Found</th></tr>
{% for c in checks %}<tr><td>{{ c.what }}</td><td class="num">{{ c.expected | number }}</td><td class="num">{{ c.found | number }}</td></tr>{% endfor %}
</table>
{% elif budgets %}<p class="muted">No mismatch found in its budget.</p>{% endif %}
{% endfor %}

<h2 id="documents">Documents</h2>
<p class="muted">Each document's page: its whole text with every item highlighted by kind, a person's corrections marked.</p>
<ul>{% for doc, _, _ in budgets %}<li><a href="{{ pages[doc.id] }}">{{ label(doc) }}</a> ({{ doc.source }})</li>{% endfor %}</ul>
</body>
</html>
"""
