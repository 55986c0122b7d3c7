"""The seeds' export scored against the hand-made gold with the project's own scorer."""
import json
import subprocess
import sys

import pytest
from chitieu.pipeline.export import export_jsonl
from chitieu.pipeline.store import open_db
from conftest import SHARED

SCORER = SHARED / "eval" / "score.py"
pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside the project")


@pytest.fixture(scope="module")
def scores(seed_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("golden") / "seeds.jsonl"
    with out.open("w", encoding="utf-8") as f:
        export_jsonl(open_db(seed_db), f)
    result = subprocess.run([sys.executable, str(SCORER), "--gold", str(SHARED / "gold"), "--pred", str(out), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_every_seed_is_paired(scores):
    assert scores["documents"]["paired"] == 5


def test_metadata(scores):
    assert scores["metadata"]["mean"] >= 0.95


def test_targets(scores):
    targets = scores["targets"]
    assert targets["rate"]["f1"] >= 0.95
    assert targets["count"]["f1"] >= 0.85
    for field in ("comparator", "kind", "national_code"):
        assert targets[field]["acc"] >= 0.95, field


def test_budgets(scores):
    assert scores["budgets"]["f1"] >= 0.95


def test_agencies(scores):
    agencies = scores["agencies"]
    assert agencies["match"]["f1"] >= 0.9
    assert agencies["role"]["acc"] >= 0.9
    assert agencies["indicator_pairs"]["f1"] >= 0.9


def test_deadlines(scores):
    deadlines = scores["deadlines"]
    assert deadlines["match"]["f1"] >= 0.9
    assert deadlines["agency"]["acc"] >= 0.85


def test_no_invalid_items(scores):
    assert not any(scores["invalid"].values())
