"""``chitieu review`` on the seeds: items with their reasons, riskiest first, each with a link into its page."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from chitieu.flows.cli import app


def review(seed_db, *args) -> str:
    result = CliRunner().invoke(app, ["review", "--db", str(seed_db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_review_lists_the_riskiest_items_first_with_reasons_and_a_page_link(seed_db):
    rows = json.loads(review(seed_db, "--format", "json", "--limit", "200"))
    assert rows and all(r["reasons"] and r["quote"] for r in rows)
    assert [r["certainty"] for r in rows] == sorted(r["certainty"] for r in rows)
    assert all(r["page"].startswith(f"documents/{r['document_id']}.html#{r['kind']}-") for r in rows)
    reasons = " ".join(r["reasons"] for r in rows)
    for expected in ("read from a table", "year taken from the plan period", "budget table does not add up"):
        assert expected in reasons


@pytest.mark.parametrize("limit", ["1", "5"])
def test_the_limit_and_the_csv_format(seed_db, limit):
    rows = list(csv.DictReader(io.StringIO(review(seed_db, "--format", "csv", "--limit", limit))))
    assert len(rows) == int(limit) and {"certainty", "reasons", "source", "section", "quote", "page"} <= set(rows[0])


def test_an_unknown_format_is_refused(seed_db):
    assert CliRunner().invoke(app, ["review", "--db", str(seed_db), "--format", "xml"]).exit_code == 2
