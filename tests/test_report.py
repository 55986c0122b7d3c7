"""The HTML report and its workbook, built from the seeds and opened in headless Chromium."""
from __future__ import annotations

import doctest

import openpyxl
import pytest
from chitieu.pipeline import charts, report
from chitieu.pipeline.cli import app
from tests.conftest import chromium_tab
from typer.testing import CliRunner


@pytest.fixture(scope="module")
def built_report(seed_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(app, ["report", "--out", str(out), "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    return out


def test_report_is_self_contained(built_report):
    html = (built_report / "index.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Alignment matrix" in html
    # nothing is fetched when the page is viewed: no external script, style, image or font
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    assert "<script" not in html
    # plans carrying out QĐ 2361 are listed as not aligned, with the reason
    assert "22/KH-UBND (Thái Bình, 2016-2020): carries out 2361/QĐ-TTg, not 23/QĐ-TTg" in html


def test_workbook_holds_the_same_tables(built_report):
    book = openpyxl.load_workbook(built_report / "chitieu-report.xlsx", read_only=True)
    assert book.sheetnames == ["Summary", "Alignment", "Not aligned", "Indicators", "Budgets", "Checks"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[0][:4] == ("plan", "source", "province", "province_2025")
    assert [row[1:4] for row in summary[1:]] == [("001_cab0cee7af72ccf4.txt", "Sóc Trăng", "Cần Thơ")]
    assert book["Checks"].max_row > 1  # the Sóc Trăng budget table does not add up


def test_report_renders_in_headless_chromium(built_report):
    problems: list[str] = []
    with chromium_tab(1400, 1000) as page:
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("requestfailed", lambda r: problems.append(f"failed request {r.url}"))
        page.goto((built_report / "index.html").as_uri())
        assert page.locator("table.matrix tr.plan").count() == 1  # Sóc Trăng: the one plan of QĐ 23
        first_cell = page.locator("table.matrix tr.plan td a.badge").first
        assert first_cell.get_attribute("class") == "badge s-stricter"  # indicator 1, 2025: 77% against 65%
        first_cell.click()  # the badge leads to the plan's sentence
        assert "77%" in page.locator("tr:target").inner_text()
        assert page.locator("figure.chart svg circle").count() > 0
        assert page.locator("figure.chart svg").first.bounding_box()["width"] > 300
        page.screenshot(path=str(built_report / "report.png"), full_page=True)
    assert problems == []
    assert (built_report / "report.png").stat().st_size > 10_000


@pytest.mark.parametrize("module", [report, charts])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0
