"""``chitieu serve``: the researchers' Datasette, started as a real server on a free loopback port."""
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import ROOT, chromium_tab

SCREENSHOT = ROOT / "outputs" / "screenshots" / "serve-search.png"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db: Path, log: Path) -> Iterator[str]:
    """``chitieu serve`` on ``db`` at a free loopback port: its base URL; stopped by its process id afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "chitieu.flows.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                os.kill(process.pid, signal.SIGTERM)
                pytest.fail(f"chitieu serve did not start: {log.read_text()}")
            time.sleep(0.2)
    try:
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(seed_db, tmp_path_factory):
    """Base URL of ``chitieu serve`` on the seeds."""
    with running_server(seed_db, tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield url


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def rows(server: str, query: str, **params) -> list[dict]:
    status, body = get(f"{server}/chitieu/{query}.json?" + urllib.parse.urlencode({**params, "_shape": "array"}))
    assert status == 200, body
    return json.loads(body)


def test_indicator_1_puts_soc_trang_beside_the_national_values(server):
    soc_trang = [r for r in rows(server, "indicator_targets", code="1") if r["province"] == "Sóc Trăng"]
    assert [(r["plan_2025"], r["national_2025"], r["plan_2030"], r["national_2030"]) for r in soc_trang] == [
        (77, 65, 91, 75)]


def test_search_without_diacritics_finds_the_drowning_sections(server):
    hits = rows(server, "search", q="duoi nuoc")
    assert any(h["kind"] == "section" and h["district"] == "Sơn Hà" for h in hits)
    assert "⟦đuối⟧ ⟦nước⟧" in hits[0]["excerpt"].lower()


def test_write_attempts_are_refused(server, seed_db):
    before = sqlite3.connect(seed_db).execute("select count(*) from documents").fetchone()[0]
    status, body = get(f"{server}/chitieu.json?" + urllib.parse.urlencode({"sql": "delete from documents"}))
    assert status == 400 and "must be a SELECT" in body
    post = urllib.request.Request(f"{server}/chitieu", data=b"sql=delete+from+documents", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(post, timeout=20)
    assert refused.value.code == 405
    assert sqlite3.connect(seed_db).execute("select count(*) from documents").fetchone()[0] == before


def test_every_quote_links_to_its_source_in_context(server, seed_db):
    status, page = get(f"{server}/chitieu/targets")
    link = re.search(r'<td class="col-quote[^"]*"><a href="([^"]+)"', page)
    assert status == 200 and link, "the quote cell should be a link"
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(unescape(link[1])).query))
    text = sqlite3.connect(seed_db).execute("select text from documents where id = ?",
                                            [params["document_id"]]).fetchone()[0]
    status, source = get(server + unescape(link[1]))
    marked = re.search(r"<mark>(.*?)</mark>", source, re.S)
    assert status == 200 and unescape(marked[1]) == text[int(params["span_start"]):int(params["span_end"])]


def test_alignment_lists_every_national_indicator_for_a_plan(server):
    (soc_trang,) = rows(server, "plans_implementing", number="23/QD-TTg")  # without diacritics too
    matrix = rows(server, "alignment", document_id=soc_trang["document_id"])
    assert {r["national_code"] for r in matrix} >= {"1", "2"}
    assert {(r["year"], r["plan_value"]) for r in matrix if r["national_code"] == "1"} == {(2025, 77), (2030, 91)}


def test_deadlines_in_a_quarter_include_the_yearly_ones(server):
    due = rows(server, "deadlines_in_quarter", year="2021", quarter="2")
    assert due and all(r["due"].startswith(("2021-04", "2021-05", "2021-06", "--04", "--05", "--06")) for r in due)
    assert [r["agency"] or "" for r in due] == sorted(r["agency"] or "" for r in due)


def test_budgets_per_plan_show_their_failed_checks(server):
    plans = rows(server, "budgets_with_checks", province="soc trang")
    assert [p["province"] for p in plans] == ["Sóc Trăng"]
    assert plans[0]["total_vnd"] and plans[0]["failed_checks"] == len(plans[0]["checks"].splitlines())


def test_the_database_page_offers_the_canned_queries(server):
    status, page = get(f"{server}/chitieu")
    for query in ["search", "indicator_targets", "alignment", "deadlines_in_quarter", "budgets_with_checks",
                  "plans_implementing", "review"]:
        assert f'href="/chitieu/{query}"' in page


def test_a_researcher_queries_and_searches_in_a_browser(server):
    with chromium_tab() as page:
        page.goto(f"{server}/chitieu/indicator_targets")
        page.fill("input[name=code]", "1")
        page.click("input[type=submit]")
        row = page.locator("table.rows-and-columns tr", has_text="Sóc Trăng")
        assert row.locator("td.col-plan_2025").inner_text() == "77.0"
        assert row.locator("td.col-national_2025").inner_text() == "65.0"

        page.goto(f"{server}/chitieu/search")
        page.fill("input[name=q]", "duoi nuoc")
        page.click("input[type=submit]")
        marks = page.locator("td.col-excerpt mark")
        assert marks.first.inner_text().lower() == "đuối"
        assert "Sơn Hà" in page.locator("table.rows-and-columns").inner_text()
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=False)

        page.locator("td.col-excerpt a").first.click()
        assert page.locator("td.col-in_context mark").inner_text()


def test_the_review_queue_lists_the_riskiest_items_first_with_their_reasons(server, seed_db):
    from chitieu.pipeline.review import review_rows
    from chitieu.pipeline.store import open_db

    queue = rows(server, "review")
    assert queue and all(r["reasons"] for r in queue)
    certainties = [r["certainty"] for r in queue]
    assert certainties == sorted(certainties)
    assert [(r["source"], r["page"]) for r in queue] == [(r["source"], r["page"]) for r in review_rows(open_db(seed_db))]
    status, page = get(server + "/-/page/" + queue[0]["page"].split("/")[1].split(".")[0])
    assert status == 200 and f'id="{queue[0]["page"].split("#")[1]}"' in page
    assert get(server + "/-/page/999999")[0] == 404


def test_a_reviewer_goes_from_the_queue_to_the_item_in_its_document(server):
    with chromium_tab() as page:
        page.goto(f"{server}/chitieu/review")
        first = page.locator("td.col-page a").first
        anchor = first.inner_text().split("#")[1]
        first.click()
        page.wait_for_url(re.compile(r"/-/page/\d+#"))
        assert page.locator(f"main #{anchor}").count() == 1
        assert page.locator("main .spans").count() > 0
