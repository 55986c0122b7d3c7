"""Matching a target's indicator to the QĐ 23/QĐ-TTg sub-indicator it restates."""
from __future__ import annotations

import pytest
from chitieu.extractors.indicators import (
    MATCH_THRESHOLD,
    keyword_variants,
    match_national,
    national_indicators,
    word_segmenter,
)


def test_table_has_every_sub_indicator():
    codes = [row.code for row in national_indicators()]
    assert len(codes) == len(set(codes)) == 35
    assert {"1", "3.2", "4.4", "11.1", "24"} <= set(codes)


@pytest.mark.parametrize("indicator, unit, code", [
    ("tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em", "%", "1"),
    ("tỷ suất tử vong của trẻ em dưới 1 tuổi trên 1.000 trẻ đẻ sống", "/1000", "3.2"),
    ("tỷ suất tử vong trẻ em dưới 5 tuổi trên 1.000 trẻ đẻ sống", "/1000", "3.3"),
    ("tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể chiều cao theo tuổi", "%", "4.2"),
    ("tỷ lệ trẻ dưới 5 tuổi bị béo phì đối với thành thị", "%", "4.4"),
    ("trẻ em dưới 5 tuổi được tiêm chủng đầy đủ các loại vắc xin", "%", "5.2"),
    ("tỷ lệ trẻ em có hoàn cảnh đặc biệt trên tổng số trẻ em", "%", "8.1"),
    ("trẻ em có hoàn cảnh đặc biệt được trợ giúp, chăm sóc để phục hồi", "%", "8.2"),
    ("số trẻ em bị xâm hại trên tổng số trẻ em", "%", "9"),
    ("tỷ suất trẻ em bị tử vong do tai nạn thương tích trên 100.000 trẻ em", "/100000", "11.2"),
    ("mức giảm số cuộc tảo hôn hằng năm", "%", "13"),
    ("trẻ em từ 07 tuổi trở lên được hỏi ý kiến về các vấn đề của trẻ em", "%", "22"),
])
def test_restatements_match(indicator, unit, code):
    found, similarity = match_national(indicator, unit)
    assert found == code and similarity >= MATCH_THRESHOLD


@pytest.mark.parametrize("indicator, unit", [
    ("trẻ em được phát hiện có nguy cơ rơi vào hoàn cảnh đặc biệt được can thiệp kịp thời", "%"),
    ("xã/phường/thị trấn thành lập Ban Bảo vệ trẻ em", "%"),
    ("kiềm chế và kéo giảm các tội phạm xâm hại trẻ em", "%"),
    ("tỷ lệ lao động qua đào tạo", "%"),
    ("tỷ lệ hộ gia đình sử dụng nước sạch", "%"),
])
def test_other_goals_do_not_match(indicator, unit):
    found, similarity = match_national(indicator, unit)
    assert found is None and similarity < MATCH_THRESHOLD


def test_units_must_agree():
    assert match_national("tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống", "%")[0] != "3.1"
    assert match_national("cán bộ phụ trách trẻ em", "count") == (None, 0.0)


def test_parenthesised_short_name_is_optional():
    assert keyword_variants("a b (c)") == ("a b (c)", "a b")
    assert match_national("tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể cân nặng theo tuổi", "%")[1] == 1.0


@pytest.mark.parametrize("text, unit, code", [
    ("Tỷ suất tử vong trẻ sơ sinh", "/1000", "3.1"),                       # the denominator left to the unit
    ("tỷ suất tử vong trẻ em dưới 1 tuổi", "/1000", "3.2"),
    ("Tỷ lệ lao động trẻ em", "%", "10"),                                   # shorter, but only indicator 10's words
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "%", "4.2"),   # the short name alone
    ("Tỷ lệ trẻ em có hoàn cảnh đặc biệt", "%", "8.1"),                     # the closer of 8.1 and 8.2
    ("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin", "%", "5.1"),
    ("Tỷ lệ học sinh", "%", None),                                          # one word is not enough
    ("tỷ lệ trẻ em được cấp thẻ bảo hiểm y tế", "%", None),
])
def test_shorter_restatements(text, unit, code):
    assert match_national(text, unit)[0] == code


@pytest.mark.parametrize("text, unit, code", [
    ("tỷ suất trẻ em tử vong do đuối nước", "/100000", "11.2"),         # one cause of injury death
    ("tỷ suất trẻ em tử vong do tai nạn giao thông", "/100000", "11.2"),
    ("tỷ lệ trẻ em biết bơi an toàn", "%", None),                      # no injury named
])
def test_an_injury_named_by_its_cause(text, unit, code):
    assert match_national(text, unit)[0] == code


def test_word_segmentation_joins_the_syllables_of_one_word():
    assert word_segmenter()("Trẻ em được tiêm chủng đầy đủ") == ["Trẻ em", "được", "tiêm chủng", "đầy đủ"]
