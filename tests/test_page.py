"""The document page: the whole text, every item's span drawn by displaCy, corrected items marked; in Chromium."""
import re
import sqlite3

import pytest
from chitieu.pipeline.corrections import correct
from chitieu.pipeline.export import document_record
from chitieu.pipeline.page import document_page, highlighted_text
from chitieu.pipeline.show import find_document
from chitieu.pipeline.store import open_db

from tests.conftest import ROOT, chromium_tab

SOC_TRANG = "001_cab0cee7af72ccf4.txt"
SCREENSHOT = ROOT / "outputs" / "screenshots" / "document-page.png"


@pytest.fixture(scope="module")
def page(seed_db, tmp_path_factory):
    """Soc Trang's page, after a person corrected one value: the file, and the record it shows."""
    path = tmp_path_factory.mktemp("page") / "seeds.db"
    with sqlite3.connect(seed_db) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    db = open_db(path)
    correct(db, find_document(db, SOC_TRANG), "target", "đạt 77% vào năm 2025", by="Lan", why="the signed copy",
            new={"value": 78.0})
    row = find_document(db, SOC_TRANG)
    html = path.parent / "page.html"
    html.write_text(document_page(db, row), encoding="utf-8")
    return html, document_record(db, row)


def test_every_item_has_its_anchor_and_the_whole_text_is_there(page):
    html, record = page
    text = html.read_text(encoding="utf-8")
    for kind in ("targets", "budgets", "agencies", "deadlines"):
        for n in range(1, len(record[kind]) + 1):
            assert f'id="{kind}-{n}"' in text
    assert text.count("✎ corrected") == 1 and "(machine: 77.0)" in text


@pytest.mark.parametrize("line, span, label", [
    ("Tỷ lệ tiêm chủng đạt 95%.", (17, 24), "target"),
    ("Sở Y tế chủ trì.", (0, 7), "agency ✎"),
])
def test_a_span_is_drawn_with_its_kind_and_mark(line, span, label):
    kind = "targets" if label.startswith("target") else "agencies"
    item = {"span": list(span), "corrected": {"by": "x"} if "✎" in label else None}
    html = highlighted_text(line, [(kind, 1, item)])
    assert re.search(rf">\s*{label}\s*<", html) and f'id="{kind}-1"' in html


def test_a_line_without_items_stays_plain_escaped_text():
    assert highlighted_text("a < b\n\nc", []) == '<div class="line">a &lt; b</div>\n<div class="line">&nbsp;</div>\n' \
                                                 '<div class="line">c</div>'


def test_the_page_in_headless_chromium(page):
    html, record = page
    with chromium_tab(1400, 900) as tab:
        tab.goto(html.as_uri() + "#targets-1")
        assert tab.locator("main .spans").count() > 0
        assert tab.locator("aside .item.corrected").count() == 1
        assert "machine: 77.0" in tab.locator("aside .item.corrected").inner_text()
        assert tab.locator("#targets-1").count() == 1
        assert tab.evaluate("document.querySelector('main').scrollTop") > 0  # the anchor scrolled the text
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOT))
