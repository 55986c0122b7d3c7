"""Alignment of plans with QĐ 23/QĐ-TTg (or a higher-level plan), and the cross-province comparison."""
from __future__ import annotations

import csv
import doctest
import io
import json

import pytest
from chitieu.extractors import provinces
from chitieu.pipeline import align, compare, tables
from chitieu.pipeline.align import (
    AlignmentStatus as S,
)
from chitieu.pipeline.align import (
    Goal,
    align_plan,
    align_targets,
    document_reference,
    judge,
    national_reference,
    plans_to_align,
)
from chitieu.pipeline.cli import app
from chitieu.pipeline.compare import compare_indicator
from chitieu.pipeline.show import find_document
from chitieu.pipeline.store import open_db
from typer.testing import CliRunner

SOC_TRANG = "001_cab0cee7af72ccf4.txt"


def target(value, year=2025, comparator=">=", unit="%", kind="level", national_code=None, indicator="", value_max=None):
    """A row of the targets table, as the extractor stores it."""
    return {"value": value, "value_max": value_max, "year": year, "comparator": comparator, "unit": unit,
            "kind": kind, "national_code": national_code, "indicator": indicator, "code": None, "quote": indicator}


def plans_db(*plans: dict):
    """An in-memory database holding ``plans``: document columns plus ``targets``, a list of ``target()`` rows."""
    db = open_db(":memory:")
    for i, plan in enumerate(plans):
        plan = dict(plan)
        rows = plan.pop("targets", [])
        plan["implements"] = json.dumps(plan.get("implements", []), ensure_ascii=False)
        document_id = db["documents"].insert({"sha256": str(i), "source": f"{i}.txt", **plan}).last_pk
        db["targets"].insert_all({"document_id": document_id, "span_start": n, "span_end": n + 1, **row}
                                 for n, row in enumerate(rows))
    return db


RISING = Goal(key="1", indicator="xã phù hợp với trẻ em", value=65, unit="%", comparator=">=", year=2025)
FALLING = Goal(key="4.2", indicator="thấp còi", value=17, unit="%", comparator="<", year=2025)


@pytest.mark.parametrize("goal, stated, status", [
    (RISING, target(77), S.STRICTER),                       # 77% of communes where the nation asks 65%
    (RISING, target(60), S.LOOSER),
    (RISING, target(65), S.SAME),
    (FALLING, target(14, comparator="<="), S.STRICTER),     # a rate that should fall: lower is stricter
    (FALLING, target(18, comparator="<"), S.LOOSER),
    (FALLING, target(17, comparator="<"), S.SAME),
    (FALLING, target(20, kind="change", comparator=">="), S.OTHER_METRIC),  # "giảm 20%": a reduction, not a level
    (FALLING, target(17, unit="/1000", comparator="<"), S.OTHER_METRIC),
])
def test_status_is_direction_aware(goal, stated, status):
    assert judge(goal, [stated]).status is status


def test_a_comparator_that_differs_at_the_same_value_is_the_same_with_a_note():
    hiv = Goal(key="6", indicator="HIV", value=2, unit="%", comparator="<=", year=2030)
    alignment = judge(hiv, [target(2, year=2030, comparator="=")])
    assert alignment.status is S.SAME
    assert alignment.note == "comparator = where the reference has <="


def test_a_range_commits_to_its_weaker_end():
    child_marriage = Goal(key="13", indicator="tảo hôn", value=2, unit="%", comparator=">=", kind="change", year=2030)
    assert judge(child_marriage, [target(2, value_max=3, year=2030, kind="change")]).status is S.SAME


def test_nothing_stated_is_missing_and_unpaired_targets_are_extra():
    goals = [RISING, FALLING]
    alignments, extras = align_targets([target(77, national_code="1"), target(5, indicator="cán bộ được tập huấn")],
                                       goals)
    assert [(a.goal.key, a.status) for a in alignments] == [("1", S.STRICTER), ("4.2", S.MISSING)]
    assert [t["indicator"] for t in extras] == ["cán bộ được tập huấn"]


def test_a_standing_goal_stated_once_counts_for_every_year():
    relief = [Goal(key="12", indicator="cứu trợ", value=100, unit="%", comparator=">=", year=y) for y in (2025, 2030)]
    alignments, _ = align_targets([target(100, year=2030, national_code="12")], relief)
    assert [(a.goal.year, a.status, a.note) for a in alignments] == [
        (2025, S.SAME, "stated for 2030"), (2030, S.SAME, "")]


def test_goals_outside_the_plan_period_are_not_asked():
    alignments, _ = align_targets([], national_reference().goals, period=(2021, 2025))
    assert {a.goal.year for a in alignments} == {2025}


def test_only_plans_that_carry_out_qd23_are_aligned_unless_named():
    db = plans_db(
        {"province": "Sóc Trăng", "implements": ["23/QĐ-TTg"], "period_start": 2021, "period_end": 2030,
         "targets": [target(77, national_code="1")]},
        {"province": "Thái Bình", "implements": ["2361/QĐ-TTg"], "targets": [target(5, national_code="8.1")]},
        {"province": "Hậu Giang", "implements": []},
    )
    plans, skipped = plans_to_align(db, national_reference())
    assert [p["province"] for p in plans] == ["Sóc Trăng"]
    assert [(s.document["province"], s.reason) for s in skipped] == [
        ("Thái Bình", "carries out 2361/QĐ-TTg, not 23/QĐ-TTg"),
        ("Hậu Giang", "states no decision it carries out; name it to align it anyway"),
    ]
    named = find_document(db, "3")
    assert plans_to_align(db, national_reference(), document=named)[0] == [named]
    thai_binh = find_document(db, "2")
    assert plans_to_align(db, national_reference(), document=thai_binh)[0] == []


def test_a_2025_province_groups_the_provinces_merged_into_it():
    db = plans_db({"province": "Sóc Trăng", "implements": ["23/QĐ-TTg"]},
                  {"province": "Hậu Giang", "implements": ["23/QĐ-TTg"]},
                  {"province": "Thái Bình", "implements": ["23/QĐ-TTg"]})
    plans, _ = plans_to_align(db, national_reference(), province="Cần Thơ")
    assert [p["province"] for p in plans] == ["Sóc Trăng", "Hậu Giang"]


def test_a_district_plan_against_its_province_plan_pairs_by_code_or_words():
    db = plans_db(
        {"province": "Quảng Ngãi", "number": "76/KH-UBND", "level": "province", "implements": ["23/QĐ-TTg"],
         "targets": [target(80, year=2025, national_code="1", indicator="xã đạt tiêu chuẩn phù hợp với trẻ em"),
                     target(100, year=2025, indicator="cán bộ làm công tác trẻ em cấp xã được tập huấn")]},
        {"province": "Quảng Ngãi", "district": "Sơn Hà", "level": "district", "implements": ["76/KH-UBND"],
         "period_start": 2021, "period_end": 2025,
         "targets": [target(70, year=2025, national_code="1", indicator="xã phù hợp với trẻ em"),
                     target(100, year=2025, indicator="tỷ lệ cán bộ làm công tác trẻ em cấp xã được tập huấn"),
                     target(3, year=2025, unit="count", indicator="điểm vui chơi mới")]},
    )
    province = find_document(db, "1")
    reference = document_reference(db, province)
    plans, _ = plans_to_align(db, reference)
    assert [p["district"] for p in plans] == ["Sơn Hà"]
    result = align_plan(db, plans[0], reference)
    assert [a.status for a in result.alignments] == [S.LOOSER, S.SAME]
    assert [t["indicator"] for t in result.extras] == ["điểm vui chơi mới"]
    assert result.summary() == {"kept": 1, "stricter": 0, "looser": 1, "other": 0, "missing": 0, "extra": 1}


def test_soc_trang_seed_against_qd23(seed_db):
    """What a careful reader finds in the Sóc Trăng draft plan (once the targets extractor reads it fully)."""
    db = open_db(seed_db)
    plan = align_plan(db, find_document(db, SOC_TRANG), national_reference())
    by_status: dict[S, set[str]] = {}
    for a in plan.alignments:
        by_status.setdefault(a.status, set()).add(a.goal.key)
    assert by_status[S.STRICTER] == {"1", "4.2", "8.1", "8.2", "11.1", "11.2"}
    assert by_status[S.OTHER_METRIC] == {"9"}
    assert set(by_status) == {S.SAME, S.STRICTER, S.OTHER_METRIC}
    assert plan.extras == []


def test_plans_of_qd_2361_are_not_aligned_against_qd23(seed_db):
    result = CliRunner().invoke(app, ["align", "--all", "--db", str(seed_db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "22/KH-UBND (Thái Bình, 2016-2020): carries out 2361/QĐ-TTg, not 23/QĐ-TTg" in result.stderr
    assert "2041/QĐ-UBND (Đắk Lắk, 2016-2020): carries out 2361/QĐ-TTg, not 23/QĐ-TTg" in result.stderr
    assert {row["source"] for row in csv.DictReader(io.StringIO(result.stdout))} == {SOC_TRANG}


def test_compare_lists_every_plan_stating_an_indicator_beside_the_national_value(seed_db):
    rows = compare_indicator(open_db(seed_db), "1")
    assert [(r["province"], r["year"], r["value"], r["national"], r["status"]) for r in rows] == [
        ("Đắk Lắk", 2020, 80, None, None),  # QĐ 2361's period: QĐ 23 sets no value for 2020
        ("Sóc Trăng", 2025, 77, ">= 65%", "stricter"),
        ("Sóc Trăng", 2030, 91, ">= 75%", "stricter"),
    ]
    assert rows[1]["province_2025"] == "Cần Thơ" and "77%" in rows[1]["quote"]


def test_compare_command_writes_csv_and_xlsx(seed_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["compare", "--indicator", "8.1", "--db", str(seed_db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["province"], r["year"], r["national"]) for r in rows] == [
        ("Đắk Lắk", "2020", ""), ("Thái Bình", "2020", ""), ("Sóc Trăng", "2025", "< 6.5%"), ("Sóc Trăng", "2030", "< 6%")]
    out = tmp_path / "c.xlsx"
    assert runner.invoke(app, ["compare", "-i", "8.1", "--db", str(seed_db), "-f", "xlsx", "-o", str(out)]).exit_code == 0
    assert out.stat().st_size > 0
    unknown = runner.invoke(app, ["compare", "-i", "99", "--db", str(seed_db)])
    assert unknown.exit_code == 2 and "no indicator '99'" in unknown.stderr


@pytest.mark.parametrize("module", [align, compare, provinces, tables])
def test_docstring_examples(module):
    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0
