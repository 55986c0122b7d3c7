"""Rules of the targets extractor, each shown on a sentence in the style of Vietnamese plans."""
from __future__ import annotations

import re

import pytest
from chitieu.extractors.targets import (
    _AWARD,
    _CONDITION_BEFORE,
    _LEAD_PHRASES,
    _NUM,
    _NUMBERS,
    _PAST,
    _TAIL_PHRASES,
    _YEAR,
    CLAUSE_BREAKS,
    EXPECTED_RESULTS_HEADINGS,
    INDICATOR_LEAD,
    INDICATOR_TAIL_WORDS,
    MAX_VALUES_PER_SENTENCE,
    RETROSPECTIVE_HEADINGS,
    RETROSPECTIVE_OPENERS,
    YEAR_WORDS,
    YearReader,
    _clause_start,
    _condition_before,
    _match_phrase,
    _only_joins,
    _year_word_ending,
    extract_targets,
    is_change,
    parse_comparator,
    plan_start,
    read_value,
)
from chitieu.extractors.numbers import FigureStarts
from chitieu.models.document import QUOTE_MAX, Document
from chitieu.models.normalize import fold
from hypothesis import given, settings
from hypothesis import strategies as st


def targets_of(body: str, period_end: int | None = 2030, heading: str = "I. MỤC TIÊU") -> list:
    doc = Document("t.txt", "0", f"{heading}\n{body}\n")
    return extract_targets(doc, period_end)


def summary(body: str, period_end: int | None = 2030) -> list[tuple]:
    return [(t.value, t.value_max, t.unit, t.comparator, t.kind, t.year) for t in targets_of(body, period_end)]


@pytest.mark.parametrize("sentence, comparator", [
    ("Giảm tỷ lệ hộ nghèo xuống dưới 2%.", "<"),
    ("Tỷ lệ trẻ em bỏ học không đến 1%.", "<"),
    ("Giảm tỷ lệ sinh con thứ ba xuống còn 12%.", "<="),
    ("Giảm tỷ lệ suy dinh dưỡng thấp còi xuống 18%.", "<="),
    ("Tỷ lệ thất nghiệp khu vực thành thị không quá 3,5%.", "<="),
    ("Tỷ lệ hồ sơ trễ hạn tối đa 2%.", "<="),
    ("Tỷ lệ lao động qua đào tạo đạt trên 70%.", ">"),
    ("Tỷ lệ trường đạt chuẩn quốc gia đạt 85%.", ">="),
    ("Phấn đấu 95% hộ gia đình sử dụng nước sạch.", ">="),
    ("Có ít nhất 60% số xã có điểm vui chơi cho trẻ em.", ">="),
    ("Duy trì 100% trạm y tế xã có bác sĩ.", ">="),
    ("Tăng tỷ lệ bao phủ bảo hiểm y tế lên 95%.", ">="),
    ("Tỷ lệ dân số được quản lý sức khỏe là 90%.", "="),
    ("Tỷ lệ lây truyền HIV từ mẹ sang con là 3%.", "="),  # "con" (child) is not "còn"
    ("80% cán bộ cấp xã được bồi dưỡng kiến thức.", ">="),
])
def test_comparator_from_the_bound_word(sentence, comparator):
    (target,) = targets_of(sentence)
    assert target.comparator == comparator


@pytest.mark.parametrize("sentence, kind, comparator", [
    ("Giảm 10% số vụ tai nạn giao thông liên quan đến trẻ em.", "change", ">="),
    ("Mỗi năm giảm 1,5% tỷ lệ hộ nghèo.", "change", ">="),
    ("Kéo giảm từ 3% đến 5% số vụ phạm tội.", "change", ">="),
    ("Tăng 20% số lượt người được tư vấn so với năm 2020.", "change", ">="),
    ("Giảm tỷ lệ tảo hôn xuống dưới 5%.", "level", "<"),
    ("Nâng tỷ lệ che phủ rừng lên 45%.", "level", ">="),
])
def test_change_or_level(sentence, kind, comparator):
    (target,) = targets_of(sentence)
    assert (target.kind, target.comparator) == (kind, comparator)


def test_change_year_is_not_the_baseline_year():
    (target,) = targets_of("Tăng 20% số lượt người được tư vấn so với năm 2020.", period_end=2025)
    assert target.year == 2025


@pytest.mark.parametrize("sentence, expected", [
    ("Duy trì mức giảm tỷ lệ sinh từ 2 đến 3% hằng năm.", (2.0, 3.0, "%")),
    ("Tỷ lệ người dân hài lòng đạt 80 - 85%.", (80.0, 85.0, "%")),
    ("Tỷ lệ tiêm chủng đạt từ 5% đến 7%.", (5.0, 7.0, "%")),
    ("Tỷ lệ xã đạt chuẩn tăng thêm 90%-95%.", (90.0, 95.0, "%")),
])
def test_ranges(sentence, expected):
    (target,) = targets_of(sentence)
    assert (target.value, target.value_max, target.unit) == expected


@pytest.mark.parametrize("sentence, value, unit", [
    ("Giảm tỷ suất tử vong trẻ em dưới 1 tuổi trên 1.000 trẻ đẻ sống xuống 11 vào năm 2025.", 11.0, "/1000"),
    ("Tỷ suất chết mẹ giảm xuống còn 45/100.000 trẻ đẻ sống.", 45.0, "/100000"),
    ("Giảm tỷ suất trẻ em tử vong do đuối nước xuống 5,5/100.000 trẻ em.", 5.5, "/100000"),
    ("Tỷ số giới tính khi sinh dưới 110 bé trai/100 bé gái.", 110.0, "%"),
    ("Tỷ lệ tăng dân số tự nhiên dưới 9‰.", 9.0, "/1000"),
    ("Đào tạo 1.250 cộng tác viên thôn, bản.", 1250.0, "count"),
    ("Tổng tỷ suất sinh đạt 2,1 con/phụ nữ.", 2.1, "count"),
])
def test_units(sentence, value, unit):
    (target,) = targets_of(sentence)
    assert (target.value, target.unit) == (value, unit)


@pytest.mark.parametrize("sentence, expected", [
    ("Tỷ lệ trẻ em được khám sức khỏe đạt 77% vào năm 2025 và 91% vào năm 2030.",
     [(77.0, 2025), (91.0, 2030)]),
    ("Giảm tỷ lệ béo phì xuống dưới 5% đối với nông thôn và dưới 10% đối với thành thị vào năm 2025 và năm 2030.",
     [(5.0, 2025), (5.0, 2030), (10.0, 2025), (10.0, 2030)]),
    ("100% trẻ em mồ côi được chăm sóc thay thế vào năm 2025 và năm 2030.", [(100.0, 2025), (100.0, 2030)]),
    ("Tỷ lệ hộ nghèo đạt 4% vào năm 2025, đến năm 2030 còn 2%.", [(4.0, 2025), (2.0, 2030)]),
    ("Đến năm 2025, tỷ lệ thôn có nhà văn hóa đạt 90%.", [(90.0, 2025)]),
    ("Duy trì mức giảm số cuộc tảo hôn từ 2 đến 3% hằng năm giai đoạn từ năm 2025 đến năm 2030.", [(2.0, 2030)]),
    ("Phấn đấu 100% trẻ em khuyết tật được hỗ trợ.", [(100.0, 2030)]),
])
def test_years_distribute_as_a_reader_reads_them(sentence, expected):
    assert [(t.value, t.year) for t in targets_of(sentence)] == expected


def test_year_from_a_lead_in_line():
    body = "2. Mục tiêu cụ thể đến năm 2025:\n- 95% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế;\n- 100% xã có cộng tác viên."
    assert [(t.value, t.year) for t in targets_of(body)] == [(95.0, 2025), (100.0, 2025)]


def test_year_is_null_without_period():
    (target,) = targets_of("Tỷ lệ giải quyết tin báo tội phạm đạt trên 90%.", period_end=None)
    assert target.year is None


@pytest.mark.parametrize("sentence, expected", [
    ("Giảm tỷ lệ suy dinh dưỡng ở trẻ em dưới 5 tuổi xuống dưới 12%.", [12.0]),
    ("Tỷ lệ lao động trẻ em từ 5 đến 17 tuổi không quá 4,5%.", [4.5]),
    ("Trẻ em từ 36 tháng tuổi được hỗ trợ dinh dưỡng đạt 70%.", [70.0]),
    ("Thực hiện Quyết định số 23/QĐ-TTg ngày 07/01/2021, đạt 90% trẻ em được khai sinh.", [90.0]),
    ("Theo Điều 94 Luật Trẻ em, 100% xã có người làm công tác bảo vệ trẻ em.", [100.0]),
    ("Tổng kinh phí là 1.500 triệu đồng trong 5 năm.", []),
    ("Gọi Tổng đài điện thoại quốc gia số 111 khi cần hỗ trợ.", []),
    ("Tổ chức tập huấn theo 03 cấp độ.", []),
    ("Tỷ lệ trẻ em được tiêm chủng đạt 95%2 vào năm 2025.", [95.0]),  # footnote mark after %
])
def test_ages_citations_money_and_footnotes_are_not_targets(sentence, expected):
    assert [t.value for t in targets_of(sentence)] == expected


def test_denominator_is_not_a_target():
    values = [t.value for t in targets_of("Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống dưới 9,5.")]
    assert values == [9.5]


@pytest.mark.parametrize("sentence, expected", [
    ("Tổ chức tập huấn cho 184 cán bộ cấp xã và 2.479 cộng tác viên thôn.", [184.0, 2479.0]),
    ("Kiểm tra tại ít nhất 01 địa bàn xã.", [1.0]),
    ("Thành lập mới 02 văn phòng tư vấn tại hai huyện.", [2.0]),
    ("Định kỳ 6 tháng báo cáo kết quả.", []),
    ("Chương trình 4 của Kế hoạch do Sở Tư pháp chủ trì.", []),
])
def test_count_targets(sentence, expected):
    targets = targets_of(sentence)
    assert [t.value for t in targets] == expected
    assert all(t.unit == "count" for t in targets)


def test_code_from_the_plans_own_label_across_a_broken_line():
    body = "- Chỉ tiêu 7: Tỷ lệ trẻ em khuyết tật có\n\nnhu cầu được học hòa nhập đạt 80% vào năm 2025."
    (target,) = targets_of(body)
    assert target.code == "7"
    assert target.indicator.startswith("Tỷ lệ trẻ em khuyết tật có nhu cầu")


def test_list_letters_are_not_codes():
    (target,) = targets_of("a) 85% trẻ em có hoàn cảnh đặc biệt được trợ giúp.")
    assert target.code is None


@pytest.mark.parametrize("sentence, indicator", [
    ("Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5% vào năm 2025.",
     "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh"),
    ("Phấn đấu 95% trường học có dịch vụ hỗ trợ tâm lý vào năm 2025.", "trường học có dịch vụ hỗ trợ tâm lý"),
    ("Chỉ đạo cơ quan điều tra bảo đảm tỷ lệ thụ lý tin báo đạt 100%.", "tỷ lệ thụ lý tin báo"),
])
def test_indicator_is_the_documents_words_without_the_value(sentence, indicator):
    assert targets_of(sentence)[0].indicator == indicator


_YEAR_PIECES = ["nam ", "den ", "den het ", "so voi ", "giai doan ", "tu ", "2025", "2o25", "1990", "-", " - ", ", ",
                "va ", "ngay 5 thang 6 ", "so 10/2024/qd-ubnd ", "hoc ", "12", "/", ".", "3", "\n", "x"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_YEAR_PIECES), max_size=14))
def test_a_number_inside_a_year_expression_starts_at_one_of_its_years(pieces):
    # the numbers skipped as years: those at the years YearReader.written finds, as inside the spans of its groups
    f = "".join(pieces)
    spans = [(g.start, g.end) for g in YearReader(f).groups(0, len(f))]
    written = YearReader(f).written()
    for m in _NUM.finditer(f):
        assert (m.start() in written) == any(a <= m.start() < b for a, b in spans), f


_CLAUSE_PIECES = ["nếu ", "trong trường hợp ", "trường hợp", "khi có ", "khi xảy ra", "đối với các xã ", "ưu tiên cho ",
                  "áp dụng với ", "có ", "trên 50% ", "khen thưởng", "giải nhất", "cơ cấu giải", "đã ", "đã được ",
                  "không để xảy ra", "xảy ra", "ước đạt", "ghi nhận", ", ", "; ", "(", "- ", " ", "x", "đá", "\n"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=8))
def test_patterns_tried_only_where_their_first_letters_are_find_the_same(pieces):
    # the lookahead of first letters only rules out places where no match starts
    s = "".join(pieces)
    award, past = (re.compile(p.pattern.split(")", 1)[1]) for p in (_AWARD, _PAST))
    condition = re.compile(_CONDITION_BEFORE.pattern.split("))(?:", 1)[1][:-1])
    for fast, plain in ((_AWARD, award), (_PAST, past), (_CONDITION_BEFORE, condition)):
        assert [m.span() for m in fast.finditer(s)] == [m.span() for m in plain.finditer(s)], s


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=8), st.integers(0, 40))
def test_a_condition_is_searched_for_only_where_its_words_are(pieces, start):
    # _condition_before looks for CONDITION_BEFORE_WORDS first: it must find what the pattern finds alone
    s = "".join(pieces)
    expected = bool(_CONDITION_BEFORE.search(s[start:].lstrip(" \t\n-+*•")))
    assert _condition_before(s, start, len(s)) == expected, (s, start)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["thì", "thìa", "xthì", " ", "trở lên ", "x" * 20, ",", ";", "."]), max_size=8),
       st.integers(0, 5))
def test_a_condition_after_a_value_is_matched_only_where_thi_is_within_reach(pieces, position):
    from chitieu.extractors.targets import _CONDITION_AFTER, _condition_after
    s = "".join(pieces)
    assert _condition_after(s, position) == bool(_CONDITION_AFTER.match(s, position)), (s, position)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=",;:(ab \n", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_a_clause_starts_after_the_last_break_before_the_position(text, start, position):
    # one greedy match, where the former search looked for each of the marks from the end
    expected = max(start, max(text.rfind(mark, start, position) for mark in CLAUSE_BREAKS) + 1)
    assert _clause_start(text, start, position) == expected, (text, start, position)


_PREAMBLE_PIECES = ["Phấn đấu giảm 10% số vụ", "mục tiêu", "xmục tiêu", "chỉ tiêu", "Căn cứ ", "- ", "* ", ". ", "; ",
                     ": ", "\n", "\n\n", "năm 2024", "KẾ HOẠCH", "x", " "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PREAMBLE_PIECES), max_size=12))
def test_the_goals_of_a_preamble_are_the_sentences_its_goal_words_are_in(pieces):
    # one search of the preamble for its goal words, where the former walk searched each of its sentences
    from chitieu.extractors.targets import _merge, _preamble_goals
    doc = Document("a", "0", "ỦY BAN NHÂN DÂN\n" + "".join(pieces) + "\nI. MỤC TIÊU\nĐạt 90%.")
    goal_words = re.compile(r"\b(?:phan dau|muc tieu|chi tieu)\b")
    expected = []
    for section in (s for s in doc.sections if s.kind == "preamble"):
        position = section.start
        while position < section.end:
            start, end = doc.sentence_at(position)
            sentence = doc.folded[start:end]
            if goal_words.search(sentence) and not sentence.lstrip(" \t\n*-").startswith("can cu"):
                expected.append((start, min(end, section.end)))
            position = max(end, position + 1)
    assert _preamble_goals(doc, doc.folded) == _merge(expected), doc.text


_HEADING_PHRASES = sorted(set(RETROSPECTIVE_HEADINGS + EXPECTED_RESULTS_HEADINGS + RETROSPECTIVE_OPENERS) | {
    w for t in RETROSPECTIVE_HEADINGS + EXPECTED_RESULTS_HEADINGS for w in t.split()} | {"cach", "x", "2024"})


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_HEADING_PHRASES), st.sampled_from([" ", "  ", "\n", " \n ", ""])),
                max_size=6), st.integers(0, 3))
def test_a_retrospective_heading_is_told_where_its_words_are(phrases, body_start):
    # one match over the heading's words, where the former reading joined its first 60 characters' words
    from chitieu.extractors.targets import HEADING_READ, _RETROSPECTIVE_HEADING
    folded = "1. " + "".join(phrase.replace(" ", space or " ") + space for phrase, space in phrases)
    heading = " ".join(folded[body_start:body_start + HEADING_READ].split())
    heading = heading[re.match(r"(?:(?:nhung|mot so|cac|tom tat)\s+)?", heading).end():]
    expected = heading.startswith(RETROSPECTIVE_HEADINGS) and not heading.startswith(EXPECTED_RESULTS_HEADINGS)
    assert bool(_RETROSPECTIVE_HEADING.match(folded, body_start, body_start + HEADING_READ)) == expected, folded


_PHRASE_WORDS = sorted({w for p in INDICATOR_LEAD + INDICATOR_TAIL_WORDS for w in p.split()} | {"tỷ", "lệ", "xã"})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_WORDS), min_size=1, max_size=7))
def test_the_longest_phrase_at_either_end_of_an_indicator(words):
    # the phrase tables are looked up by their first (last) word: the same as trying every phrase
    for table, phrases, forward in ((_LEAD_PHRASES, INDICATOR_LEAD, True), (_TAIL_PHRASES, INDICATOR_TAIL_WORDS, False)):
        lengths = [len(p.split()) for p in phrases
                   if (words[:len(p.split())] if forward else words[-len(p.split()):]) == p.split()]
        assert _match_phrase(words, 0, len(words), table, forward) == max(lengths, default=0)


def test_budget_and_appendix_sections_hold_no_targets():
    doc = Document("t.txt", "0", "I. MỤC TIÊU\nĐạt 90% trẻ em được khai sinh.\nII. KINH PHÍ\nNgân sách tỉnh 70%.\n"
                                 "PHỤ LỤC\n1\tHỗ trợ 20 trẻ\t50.000\n")
    assert [t.value for t in extract_targets(doc, 2030)] == [90.0]


def test_results_of_the_past_are_not_targets():
    doc = Document("t.txt", "0", "I. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2016 - 2020\nTỷ lệ trẻ em được khai sinh đạt 97%.\n"
                                 "II. MỤC TIÊU\nTỷ lệ trẻ em được khai sinh đạt 99%.\n")
    assert [t.value for t in extract_targets(doc, 2025)] == [99.0]


def test_national_code_and_confidence():
    (target,) = targets_of("Giảm tỷ lệ trẻ em bị xâm hại trên tổng số trẻ em xuống dưới 4%.")
    assert target.national_code == "9" and target.confidence >= 0.7


def test_parse_comparator_prefers_the_nearest_word():
    assert parse_comparator("giảm xuống dưới") == ("<", 4)
    assert parse_comparator("không dưới") == (">=", 10)


def vietnamese(value: float, decimals: int) -> str:
    """``value`` written the Vietnamese way: ``.`` between thousands, ``,`` before decimals."""
    whole, _, frac = f"{value:.{decimals}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{frac}" if frac else grouped


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=3))
def test_vietnamese_numbers_round_trip(units, decimals):
    value = units / 10**decimals
    written = vietnamese(value, decimals)
    (target,) = targets_of(f"Phấn đấu tỷ lệ hộ gia đình được hỗ trợ đạt {written}% vào năm 2028.")
    assert target.value == pytest.approx(float(f"{value:.{decimals}f}"))
    assert target.raw.endswith(f"{written}%")
    assert target.year == 2028


def test_read_value_skips_document_numbers_and_dates():
    f = fold("Kế hoạch 22/KH-UBND ngày 15/6 đạt 90%")
    assert [v.value for m in _NUM.finditer(f) if (v := read_value(f, m)) and v.unit] == [90.0]


@pytest.mark.parametrize("sentence, values", [
    ("1. Hỗ trợ 50% học phí cho học sinh thuộc hộ cận nghèo.", []),           # a subsidy, not a goal
    ("1. Giảm 20% chi phí tuân thủ thủ tục hành chính.", []),
    ("1. Phấn đấu 50% gia đình có trẻ em được tư vấn.", [50.0]),              # "gia đình" is no price
])
def test_a_share_of_money_is_no_target(sentence, values):
    doc = Document("t.txt", "0", f"KẾ HOẠCH\nabc\n\nI. NHIỆM VỤ\n{sentence}\n")
    assert [t.value for t in extract_targets(doc, 2025)] == values


@pytest.mark.parametrize("sentence, expected", [
    ("Tăng tỷ lệ bao phủ bảo hiểm y tế từ 85% năm 2020 lên 95% vào năm 2025.", [(95.0, ">=", "tỷ lệ bao phủ bảo hiểm y tế")]),
    ("Giảm tỷ lệ hộ nghèo từ 10,5% xuống còn 5% vào năm 2025.", [(5.0, "<=", "tỷ lệ hộ nghèo")]),
    ("Duy trì mức giảm số cuộc tảo hôn từ 2 đến 3% hằng năm.", [(2.0, ">=", "mức giảm số cuộc tảo hôn hằng năm")]),
])
def test_a_starting_point_is_no_target(sentence, expected):
    """``từ X lên/xuống Y``: X is where the change starts, Y the target; ``từ X đến Y`` stays a range."""
    doc = Document("t.txt", "0", f"I. MỤC TIÊU\n- {sentence}\n")
    assert [(t.value, t.comparator, t.indicator) for t in extract_targets(doc, 2025)] == expected


@pytest.mark.parametrize("sentence, kind", [
    ("Giảm số trẻ em tử vong do đuối nước ít nhất 10% so với năm 2021.", "change"),   # reduce by
    ("Giảm tỷ lệ hộ nghèo 2% mỗi năm.", "change"),
    ("Phấn đấu giảm tỷ lệ sinh con thứ 3 trở lên 0,2%.", "change"),                  # "trở lên" is no bound
    ("Giảm tỷ lệ hộ nghèo xuống còn 3%.", "level"),                                  # reduce to
    ("Tăng tỷ lệ xã đạt chuẩn lên 80%.", "level"),
    ("Tăng cường kiểm tra, bảo đảm 100% cơ sở giáo dục được kiểm tra.", "level"),     # "tăng cường" changes nothing
])
def test_a_clause_opening_with_a_change_verb(sentence, kind):
    doc = Document("t.txt", "0", f"I. MỤC TIÊU\n- {sentence}\n")
    assert [t.kind for t in extract_targets(doc, 2025)] == [kind]


@pytest.mark.parametrize("body, expected", [
    # a line that opens with a number carries on the sentence the line before left open
    ("- Tập huấn cho 100% giáo viên và trên\n65% nhân viên y tế trường học.", [(100.0, ">="), (65.0, ">")]),
    # a quoted name opening a line carries on too: the year after it still belongs to the value
    ("- Phấn đấu xây dựng 30% thôn, bản\n“an toàn giao thông” ngay trong năm 2026.", [(30.0, ">=")]),
])
def test_a_sentence_wrapped_before_a_number_or_a_quote(body, expected):
    targets = targets_of(body)
    assert [(t.value, t.comparator) for t in targets] == expected
    assert "2026" not in body or [t.year for t in targets] == [2026]


@pytest.mark.parametrize("body, expected", [
    ("- Giá trị xuất khẩu rau quả tăng bình quân 07 -\n09%/năm.", (7.0, 9.0)),
    ("- Giá trị xuất khẩu rau quả tăng bình quân 04\n- 06%/năm.", (4.0, 6.0)),
])
def test_a_range_wrapped_at_its_dash(body, expected):
    (target,) = targets_of(body)
    assert (target.value, target.value_max) == expected


def test_bullets_after_a_share_are_no_range():
    body = "- Tỷ lệ xã có trạm y tế đạt chuẩn đạt 95%\n- 100% thôn có nhân viên y tế."
    assert [(t.value, t.value_max) for t in targets_of(body)] == [(95.0, None), (100.0, None)]


def test_a_span_wrapped_at_its_dash_gives_its_end_year():
    (target,) = targets_of("**3. **Trong giai đoạn 2027\n- 2031 phấn đấu có ít nhất 15% hợp tác xã ứng dụng công nghệ số.")
    assert (target.value, target.year) == (15.0, 2031)


@pytest.mark.parametrize("sentence, expected", [
    ("Giá trị xuất khẩu thủy sản tăng bình quân hằng năm đạt 6 - 8%/năm.", ("change", ">=")),
    ("Tốc độ tăng bình quân giá trị sản phẩm OCOP 12%/năm.", ("change", ">=")),
    ("Hằng năm, số vụ buôn lậu được phát hiện tăng trên 4%.", ("change", ">")),  # "trên" stays written
    ("Tốc độ tăng trưởng kinh tế bình quân đạt 7%/năm.", ("level", ">=")),
])
def test_a_yearly_increase_is_a_change(sentence, expected):
    (target,) = targets_of(sentence)
    assert (target.kind, target.comparator) == expected


@pytest.mark.parametrize("heading", ["1. Hiện trạng", "2. Dự báo tình hình năm 2029", "IV. KHEN THƯỞNG"])
def test_situation_forecast_and_award_sections_hold_no_targets(heading):
    doc = Document("t.txt", "0", f"I. MỤC TIÊU\nĐạt 75% hộ dân dùng nước sạch.\nII. NỘI DUNG\n{heading}\n"
                                 "Tỷ lệ phủ sóng đạt 64,5% (không quá 12% tập thể được khen).\n")
    assert [t.value for t in extract_targets(doc, 2030)] == [75.0]


def test_the_year_of_a_cited_date_is_no_target_year():
    (target,) = targets_of("Theo Quyết định ban hành ngày 14 tháng 7 năm 2022, 100% xã lập sổ theo dõi.", period_end=2028)
    assert target.year == 2028


def test_a_bold_heading_wrapped_over_two_lines_gives_its_year():
    body = "**1. Mục\ntiêu đến hết năm 2027**\n- 100% cụm công nghiệp có điểm truy cập Internet."
    (target,) = targets_of(body, period_end=2030)
    assert target.year == 2027


def test_a_year_written_before_its_value():
    body = "- Tỷ suất chết mẹ năm 2027 giảm còn 42/100.000 trẻ đẻ sống và 36/100.000 trẻ đẻ sống vào năm 2031."
    assert [(t.value, t.year) for t in targets_of(body, period_end=2031)] == [(42.0, 2027), (36.0, 2031)]


def test_two_values_for_two_areas_each_with_each_year():
    body = "- Tỷ lệ thất nghiệp dưới 4% (thành thị), 7% (nông thôn) vào năm 2026 và năm 2029."
    found = [(t.value, t.comparator, t.year, t.indicator) for t in targets_of(body, period_end=2029)]
    assert found == [(4.0, "<", 2026, "Tỷ lệ thất nghiệp thành thị"), (4.0, "<", 2029, "Tỷ lệ thất nghiệp thành thị"),
                     (7.0, "<", 2026, "Tỷ lệ thất nghiệp nông thôn"), (7.0, "<", 2029, "Tỷ lệ thất nghiệp nông thôn")]


def test_a_subset_after_trong_do_is_its_own_target():
    found = [(t.value, t.indicator) for t in targets_of("- Phấn đấu 85% người dân được khám sàng lọc, trong đó 60% người cao tuổi.")]
    assert found == [(85.0, "người dân được khám sàng lọc"), (60.0, "người cao tuổi")]


@pytest.mark.parametrize("sentence", [
    "- Hiện có 12.480 hộ cận nghèo, chiếm 9,6% tổng số hộ.",
    "- Hiện nay, tỷ lệ hộ dùng nước sạch đạt 71%.",
    "Đến nay, 64% số xã đã có điểm bưu điện văn hóa.",
    "- Nếu tỷ lệ giải ngân dưới 60% thì đơn vị phải giải trình.",
    "- Đơn vị đạt tỷ lệ từ 90% trở lên thì được cộng điểm thưởng.",
])
def test_the_situation_before_the_plan_and_conditions_are_no_targets(sentence):
    assert targets_of(sentence) == []


@pytest.mark.parametrize("sentence, values", [
    ("- Phấn đấu 95% trạm y tế hiện có được nâng cấp.", [95.0]),           # "hiện có" after the value
    ("- 100% đơn vị tham gia phong trào thi đua.", [100.0]),               # "thi" of "thi đua" is no "thì"
    ("- Như đã nêu, 80% xã có tổ hòa giải hoạt động hiệu quả.", [80.0]),   # "nêu" is no "nếu"
])
def test_words_that_only_look_like_situation_or_condition(sentence, values):
    assert [t.value for t in targets_of(sentence)] == values


@pytest.mark.parametrize("sentence, expected", [
    ("- Xây dựng ít nhất 12 hợp tác xã nông nghiệp kiểu mới.", [(12.0, ">=")]),
    ("- Có tối thiểu 40 sản phẩm OCOP đạt 3 sao trở lên.", [(40.0, ">=")]),        # "3 sao" is a grade
    ("- Chỉ số chuyển đổi số của tỉnh thuộc top 10 cả nước.", [(10.0, "<=")]),     # a rank: place 10 or better
    ("- Lắp đặt mới trạm phát sóng: 64 trạm (Trong đó: nhà mạng A: 30 trạm, nhà mạng B: 34 trạm).",
     [(64.0, ">="), (30.0, ">="), (34.0, ">=")]),                                  # subsets after "trong đó"
    ("- Số lượng mẫu phân tích 180 mẫu/năm.", [(180.0, ">=")]),                    # a count per year
    ("- In ấn tài liệu. Số lượng: 3.000 cuốn.", [(3000.0, ">=")]),
])
def test_counts_of_any_thing_the_plan_will_reach(sentence, expected):
    targets = targets_of(sentence)
    assert [(t.value, t.comparator) for t in targets] == expected
    assert all(t.unit == "count" for t in targets)


@pytest.mark.parametrize("sentence", [
    "- Trồng mới 800 ha rừng phòng hộ, sản lượng gỗ đạt 30.000 tấn.",        # physical units
    "- Phát triển đàn trâu đạt 4.500 con.",                                  # head of livestock
    "- Kiểm tra định kỳ 03 lần/quý.",                                        # a frequency
    "- Thời gian tổ chức chia thành 03 đợt.",                                # the parts of a schedule
    "- Ưu tiên 25 xã đã được công bố tình huống khẩn cấp.",                   # what already is
    "- Hỗ trợ hơn 8.000 hộ bị thiệt hại do bão.",                             # those already hit
    "- Lấy mẫu cho 03 vùng nuôi Tân An, Tân Bình, Tân Phú.",                  # a set named one by one
    "- Mỗi giếng lấy 03 mẫu/giếng.",                                          # a density
    "- Thực hiện theo Biểu mẫu số 01, 02, 03 và 04 kèm theo.",                # labels listed after "số"
    "- Báo cáo trước ngày 15 hàng tháng.",                                    # a date
])
def test_counts_that_describe_rather_than_commit(sentence):
    assert targets_of(sentence) == []


def test_the_items_of_a_total_are_no_targets():
    body = ("- Khảo sát tại 9 điểm như sau:\n\n- Xã Hòa An: khảo sát 04 điểm;\n\n+ 01 điểm tại bến cá;\n\n"
            "- Xã Hòa Bình: khảo sát 05 điểm.\n\n- Phát hành 2.000 tờ rơi.")
    assert [t.value for t in targets_of(body)] == [9.0, 2000.0]


@pytest.mark.parametrize("body, expected", [
    ("- Đến năm 2029: 88% hộ dân được dùng nước sạch.", [(88.0, 2029)]),
    ("Mục tiêu đến năm 2027: tỷ lệ xã có bác sĩ đạt 96%; tỷ lệ hộ nghèo giảm còn 3%.", [(96.0, 2027), (3.0, 2027)]),
    ("- Năm 2026: 65% hợp tác xã dùng hóa đơn điện tử; năm 2028: 90%.", [(65.0, 2026), (90.0, 2028)]),
])
def test_a_year_given_by_an_inline_lead_in(body, expected):
    assert [(t.value, t.year) for t in targets_of(body, period_end=2035)] == expected


def test_an_aside_with_another_year_is_the_figure_to_compare_with():
    found = [(t.value, t.year) for t in targets_of("- Tỷ lệ người bệnh hài lòng đạt trên 92% (năm 2024 đạt 86%).")]
    assert found == [(92.0, 2030)]


def test_a_level_word_that_folds_like_a_label():
    (target,) = targets_of("- Tổng tỷ suất sinh duy trì ở mức 2,1 con/phụ nữ.")   # "mức" is no "mục"
    assert (target.value, target.unit) == (2.1, "count")


@pytest.mark.parametrize("sentence", [
    "- Hỗ trợ các hộ ở thôn 4 xã Hòa Phong khôi phục sản xuất.",      # a hamlet named by its number
    "- Phòng, chống dịch COVID-19 lây lan trong cộng đồng.",          # a name, not a count
    "- Hoàn thành giai đoạn 1 dự án cấp nước.",
])
def test_numbers_that_name_are_no_counts(sentence):
    assert targets_of(sentence) == []


@pytest.mark.parametrize("heading", ["I. ĐẶC ĐIỂM TÌNH HÌNH", "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC", "1. Đánh giá việc thực hiện"])
def test_more_headings_that_look_back(heading):
    doc = Document("t.txt", "0", f"{heading}\nTỷ lệ hộ nghèo còn 4,2%; có 35 xã đạt chuẩn.\n"
                                 "II. MỤC TIÊU\nTỷ lệ hộ nghèo giảm còn 2%.\n")
    assert [t.value for t in extract_targets(doc, 2030)] == [2.0]


@pytest.mark.parametrize("sentence, expected", [
    ("- Thu nhập bình quân đầu người năm 2030 gấp 1,8 lần năm 2025.", [1.8]),   # a multiple
    ("- Mỗi năm sơ kết 01 lần.", []),                                          # how often
    ("- Hỗ trợ một lần cho 40 hộ khó khăn.", [40.0]),
    ("- Đề án gồm 4 dự án thành phần.", []),                                    # what it is made of
    ("- Ưu tiên 12 xã vùng đồng bào dân tộc thiểu số.", []),                    # who comes first
])
def test_multiples_frequencies_parts_and_priorities(sentence, expected):
    assert [t.value for t in targets_of(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("- 100% trẻ 5 tuổi được học 2 buổi/ngày.", [(100.0, "%")]),            # a schedule
    ("- Sinh hoạt chuyên đề 3 buổi mỗi tháng.", []),
    ("- Giải quyết việc làm cho 4.200 lao động/năm.", [(4200.0, "count")]),  # a yearly count
])
def test_a_schedule_is_no_count(sentence, expected):
    assert [(t.value, t.unit) for t in targets_of(sentence)] == expected


@pytest.mark.parametrize("sentence, values", [
    ("- Số trường hợp tảo hôn giảm 5% mỗi năm.", [5.0]),                      # cases, not a condition
    ("- Trường hợp tỷ lệ giải ngân dưới 70%, đơn vị báo cáo nguyên nhân.", []),  # a clause opening "if"
])
def test_truong_hop_as_a_noun_and_as_if(sentence, values):
    assert [t.value for t in targets_of(sentence)] == values


def test_then_in_a_later_clause_makes_no_condition():
    found = [t.value for t in targets_of("- Tỷ lệ hộ dùng nước sạch đạt 85%, riêng khu vực đô thị thì đạt 98%.")]
    assert found == [85.0, 98.0]


@pytest.mark.parametrize("sentence", [
    "- 98% học sinh lớp 12 tốt nghiệp trung học phổ thông.",
    "- Triển khai Đề án 06 trên toàn tỉnh, 100% xã kết nối dữ liệu dân cư.",
    "- Nâng cấp bệnh viện hạng 2 thành bệnh viện hạng 1, 90% người bệnh hài lòng.",
])
def test_grades_and_named_documents_are_no_counts(sentence):
    assert all(t.unit == "%" for t in targets_of(sentence))


def test_a_total_is_no_label():
    (target,) = targets_of("- Hỗ trợ tổng số 640 hộ nghèo cải thiện nhà ở.")
    assert (target.value, target.unit) == (640.0, "count")


def test_a_task_to_evaluate_still_holds_targets():
    doc = Document("t.txt", "0", "II. NHIỆM VỤ\n3. Đánh giá, công nhận xã đạt chuẩn\nPhấn đấu 70% số xã được công nhận.\n")
    assert [t.value for t in extract_targets(doc, 2030)] == [70.0]


def test_forecast_sentences_and_forecasting_tasks():
    doc = Document("t.txt", "0", "II. NHIỆM VỤ\n1. Dự báo, cảnh báo thiên tai\nBảo đảm 100% bản tin dự báo được truyền đến cấp xã.\n"
                                 "- Dự báo tốc độ tăng trưởng kinh tế giai đoạn tới khoảng 7%/năm.\n")
    assert [t.value for t in extract_targets(doc, 2030)] == [100.0]


def test_a_year_after_va_opens_the_next_clause():
    body = "- Năm 2027 đạt 55%, năm 2029 đạt 75% và năm 2031 đạt 95% số thôn có đường bê tông."
    assert [(t.value, t.year) for t in targets_of(body, period_end=2031)] == [(55.0, 2027), (75.0, 2029), (95.0, 2031)]


def test_a_year_in_parentheses_after_a_value_is_its_year():
    body = "- Tỷ lệ hộ nghèo đa chiều: dưới 6% (năm 2027) và dưới 3% (năm 2031)."
    found = [(t.value, t.year, t.indicator) for t in targets_of(body, period_end=2031)]
    assert found == [(6.0, 2027, "Tỷ lệ hộ nghèo đa chiều"), (3.0, 2031, "Tỷ lệ hộ nghèo đa chiều")]


def test_all_of_a_known_set_is_no_count():
    assert [t.unit for t in targets_of("- Kéo giảm 3 - 5% số vụ cháy, nổ trên cả 3 tiêu chí.")] == ["%"]


@pytest.mark.parametrize("sentence, expected", [
    ("- Đón 4,2 triệu lượt khách du lịch.", [(4_200_000.0, "count")]),
    ("- Thành lập mới 1,5 nghìn doanh nghiệp.", [(1_500.0, "count")]),
    ("- Thu nhập của người lao động đạt 96 triệu đồng/người/năm.", []),  # money
    ("- Sản lượng thủy sản đạt 12 nghìn tấn.", []),                      # a physical measure
    ("- Duy trì 03 văn phòng tư vấn pháp luật.", [(3.0, "count")]),     # "văn" is no "vạn"
])
def test_counts_scaled_by_number_words(sentence, expected):
    assert [(t.value, t.unit) for t in targets_of(sentence)] == expected


def test_a_directive_states_its_goals_in_its_opening_paragraph():
    doc = Document("t.txt", "0", "CHỈ THỊ\nVề phòng, chống đuối nước\nNăm 2023 toàn tỉnh có 37 vụ đuối nước. Để khắc phục, "
                                 "phấn đấu đến năm 2026 có 70% học sinh tiểu học biết bơi, Chủ tịch UBND tỉnh yêu cầu:\n"
                                 "1. Sở Giáo dục và Đào tạo: tổ chức dạy bơi.\n")
    assert [(t.value, t.year) for t in extract_targets(doc, None)] == [(70.0, 2026)]


@pytest.mark.parametrize("sentence, expected", [
    ("- Có thêm 25 hợp tác xã ứng dụng công nghệ cao.", [(25.0, "count", "change", ">=")]),     # 25 more
    ("- Giảm tỷ lệ hộ nghèo xuống còn 4% vào năm 2027, bình quân mỗi năm giảm 1,2%.",
     [(4.0, "%", "level", "<="), (1.2, "%", "change", ">=")]),          # a change takes no level's bound
    ("- Giảm tỷ suất tử vong do tai nạn giao thông xuống còn 9/100.000 dân và 85% người dân đội mũ bảo hiểm.",
     [(9.0, "/100000", "level", "<="), (85.0, "%", "level", ">=")]),    # other unit, other indicator
    ("- Tỷ lệ lao động có hợp đồng từ 75%\nđến 80%.", [(75.0, "%", "level", ">=")]),   # a range wrapped at "đến"
    ("- Trẻ sơ sinh có cân nặng dưới 2.500 gram còn dưới 6%.", [(6.0, "%", "level", "<")]),
    ("- So với năm 2022, khi mới có 40% hộ dùng ví điện tử, mục tiêu trên là thách thức lớn.", []),
])
def test_more_changes_bounds_ranges_and_units(sentence, expected):
    assert [(t.value, t.unit, t.kind, t.comparator) for t in targets_of(sentence)] == expected


def test_figures_of_a_year_before_the_plan_are_results():
    doc = Document("t.txt", "0", "UBND TỈNH HÒA AN\nHòa An, ngày 12 tháng 4 năm 2023\nKẾ HOẠCH\nI. MỤC TIÊU\n"
                                 "- Năm 2022 toàn quốc ghi nhận 34 ca sởi, tỷ lệ tiêm chủng đạt 91,5%.\n"
                                 "- Năm 2024 tỷ lệ tiêm chủng đạt 96%.\n")
    assert [(t.value, t.year) for t in extract_targets(doc, 2025)] == [(96.0, 2024)]


def test_the_year_of_a_time_bound_is_the_targets_year():
    (target,) = targets_of("- Hoàn thành lắp đặt camera an ninh tại 12 thôn trước ngày 30 tháng 9 năm 2026.", period_end=2027)
    assert (target.value, target.year) == (12.0, 2026)


def test_as_many_places_as_things_is_one_target():
    (target,) = targets_of("- Thành lập 24 tổ an ninh xung kích tại 24 thôn, bản.")
    assert target.value == 24.0 and target.indicator.startswith("tổ an ninh xung kích")


@pytest.mark.parametrize("body, expected", [
    ("- Triệt phá ít nhất O4 đường dây mua bán trái phép.", [(4.0, 2030)]),      # OCR: letter O for zero
    ("Đến năm 2O27: tỷ lệ hộ dùng nước sạch đạt 93%.", [(93.0, 2027)]),
])
def test_ocr_reads_zero_as_the_letter_o(body, expected):
    assert [(t.value, t.year) for t in targets_of(body)] == expected


@pytest.mark.parametrize("body, expected", [
    ("Hiện nay toàn huyện có 9.420 trẻ mầm non, tỷ lệ ra lớp đạt 96%; mỗi nhóm lớp bình quân 25 trẻ.", []),
    ("Hiện nay tỷ lệ thôn có đường bê tông đạt 67%; phấn đấu tới năm 2029 đạt 92%.", [92.0]),
    ("Hiện nay tỷ lệ hộ dùng nước sạch đạt 81%;\n- 100% trường học có nước sạch.", [100.0]),
    ("- Tỷ lệ trẻ thấp còi dưới 18%.\n*(Năm 2024, tỷ lệ này của tỉnh còn ở mức 23,4%.)*", [18.0]),
])
def test_the_situation_holds_across_a_semicolon_until_a_goal(body, expected):
    assert [t.value for t in targets_of(body)] == expected


def test_or_less_after_the_value_bounds_it_from_above():
    (target,) = targets_of("- Tỷ lệ hồ sơ giải quyết quá hạn từ 1,5% trở xuống.")
    assert (target.value, target.comparator) == (1.5, "<=")


@pytest.mark.parametrize("sentence", [
    "- Triển khai đồng bộ 5 nhóm giải pháp sau đây.",
    "- Tập trung thực hiện 03 nhiệm vụ trọng tâm.",
])
def test_the_plans_own_parts_are_no_counts(sentence):
    assert targets_of(sentence) == []


def test_urban_and_rural_written_after_each_value():
    body = "- Tỷ lệ thất nghiệp dưới 3% ở thành thị và 1,5% ở nông thôn vào năm 2028."
    found = [(t.value, t.comparator, t.year, t.indicator) for t in targets_of(body)]
    assert found == [(3.0, "<", 2028, "Tỷ lệ thất nghiệp ở thành thị"), (1.5, "<", 2028, "Tỷ lệ thất nghiệp ở nông thôn")]


# --- round 2: what a careful reader does not call a target on plans never seen ---

ISSUED_2025 = "ỦY BAN NHÂN DÂN\nTỈNH HÒA LÂM\nSố: 45/KH-UBND\nHòa Lâm, ngày 12 tháng 3 năm 2025\nKẾ HOẠCH\n"


def issued_targets(body: str, heading: str = "I. MỤC TIÊU", period_end: int | None = 2030) -> list:
    """Targets of ``body`` in a plan whose header dates it in 2025."""
    return extract_targets(Document("t.txt", "0", f"{ISSUED_2025}{heading}\n{body}\n"), period_end)


def test_a_year_after_so_voi_and_an_average_is_the_reference():
    (target,) = targets_of("- Giảm 15% số vụ cháy rừng so với bình quân giai đoạn 2019 - 2023.", period_end=2028)
    assert (target.value, target.year) == (15.0, 2028)


@pytest.mark.parametrize("body, values", [
    ("Năm 2025, tỷ lệ thôn có nhà văn hóa là 62%; phấn đấu tới năm 2029 đạt 85%.", [85.0]),
    ("Tỷ lệ hộ dùng điện lưới năm 2025 (đầu kỳ) là 91,4%, đến năm 2030 tăng lên 98%.", [98.0]),
    ("Bình quân giai đoạn 2021 - 2025, tỷ lệ hộ cận nghèo giảm 0,8%/năm; giai đoạn 2026 - 2029 phấn đấu giảm 1%/năm.",
     [1.0]),
    ("Năm 2020 toàn tỉnh phát hiện 38 vụ buôn lậu; phấn đấu mỗi năm giảm 5% số vụ.", [5.0]),
    # a year to reach stays a target, even the plan's own
    ("Đến năm 2025 đạt 70% và đến năm 2030 đạt 90% số hộ có sổ sức khỏe điện tử.", [70.0, 90.0]),
])
def test_the_plans_own_year_or_earlier_before_a_goal_is_the_starting_point(body, values):
    assert [t.value for t in issued_targets(body)] == values


@pytest.mark.parametrize("sentence", [
    "- Giai đoạn vừa qua đã giảm tỷ lệ trẻ bỏ học từ 4% xuống 1,5%.",
    "- Năm 2019 cả nước ghi nhận 14 ca mắc bệnh dại.",
    "- Năm 2021, tại vùng ven biển đã xảy ra 9 vụ sạt lở.",
    "- Năm nay ước đạt 93% kế hoạch giao.",
    "- Kết quả giai đoạn trước: 76% xã có đội xung kích.",
])
def test_what_already_happened_is_no_target(sentence):
    assert targets_of(sentence) == []


@pytest.mark.parametrize("sentence, values", [
    ("- Số xã đã đạt chuẩn tăng lên 18 xã.", [18.0]),                         # a level to reach from what is
    ("- Phấn đấu không để xảy ra quá 2 vụ cháy lớn mỗi năm.", [2.0]),         # "không để xảy ra": a goal
    ("- Tổ chức Giải bóng đá học sinh với 12 đội tham gia.", [12.0]),          # "đá" is no "đã"
    ("- So với năm 2022, khi mới có 4 xã, đến năm 2030 có 14 xã đạt chuẩn.", [14.0]),  # the text turns to the goal
])
def test_words_that_only_look_like_the_past(sentence, values):
    assert [t.value for t in targets_of(sentence)] == values


@pytest.mark.parametrize("sentence, values", [
    ("- Hội nghị tổ chức trong 01 ngày, với khoảng 180 đại biểu tham dự.", []),
    ("- Dự kiến 90 đại biểu dự hội nghị sơ kết.", []),
    ("- Mời 02 báo cáo viên trình bày chuyên đề.", []),
    ("- Tổ chức 01 hội nghị tập huấn với 150 đại biểu là cán bộ cấp xã.", [1.0]),  # the meeting is an output
    ("- Tập huấn cho 240 cán bộ, công chức cấp xã.", [240.0]),                  # people trained are reached
])
def test_the_size_of_a_meeting_is_no_target(sentence, values):
    assert [t.value for t in targets_of(sentence, heading="II. NHIỆM VỤ")] == values


@pytest.mark.parametrize("sentence", [
    "- Mỗi tổ kiểm tra không quá 04 cơ sở trong một ngày.",                 # a workload per day
    "- Khi có lũ trên báo động 3, di dời 1.500 hộ ra khỏi vùng trũng.",       # what to do if an event comes
    "- Đối với các thôn có trên 40% hộ nghèo, ưu tiên bố trí vốn trước.",     # which units a rule covers
])
def test_norms_scenarios_and_selections_are_no_targets(sentence):
    assert targets_of(sentence, heading="II. NHIỆM VỤ") == []


@pytest.mark.parametrize("body", [
    "- Tập thể được đề nghị khen thưởng phải có ít nhất 75% thành viên hoàn thành tốt nhiệm vụ.",
    "- Đơn vị có từ 95% chỉ tiêu trở lên đạt kế hoạch được xét tặng Giấy khen.",
    "- Giải Nhì: 02 giải, mỗi giải 3.000.000 đồng.",
])
def test_the_criteria_and_prizes_of_awards_are_no_targets(body):
    assert targets_of(body, heading="II. NỘI DUNG") == []


def test_a_goal_about_awards_stays_a_target():
    assert [t.value for t in targets_of("- Phấn đấu 100% tập thể được khen thưởng đúng quy trình.")] == [100.0]


@pytest.mark.parametrize("sentence, values", [
    ("- Giảm tỷ lệ trẻ sơ sinh nặng dưới 2.500 gram xuống 6%.", [6.0]),      # a qualifier inside the indicator
    ("- Độ mặn tại các cống đầu mối dưới 4‰ trong mùa khô.", []),            # salinity, not a rate of people
    ("- Độ ẩm không khí trong kho duy trì 60%.", []),
    ("- Tỷ lệ tuyến phố có độ ồn dưới 70 dB đạt 75%.", [75.0]),               # decibels are no count
    ("- Tỷ lệ giếng có hàm lượng asen dưới 0,01 mg/l đạt 90%.", [90.0]),
    ("- Công suất sử dụng giường bệnh đạt 85%.", [85.0]),                    # a rate of use
])
def test_physical_measures_are_no_targets(sentence, values):
    assert [t.value for t in targets_of(sentence)] == values


@pytest.mark.parametrize("body", ["- Tỷ lệ hộ có sổ tiết kiệm đạt từ 65%\nđến 70%.", "- Tỷ lệ hộ có sổ tiết kiệm đạt từ 65%\n- 70%."])
def test_a_range_wrapped_after_its_first_unit(body):
    (target,) = targets_of(body)
    assert (target.value, target.value_max, target.unit) == (65.0, 70.0, "%")


@pytest.mark.parametrize("sentence, values", [
    ("- Tặng 300 suất quà cho trẻ em khó khăn.", [300.0]),     # "tặng" is no floor "tầng"
    ("- Cấp 450 thẻ bảo hiểm y tế cho người cận nghèo.", [450.0]),   # "cấp" issues; no level goes this high
    ("- Sửa chữa nhà học tầng 2 của trường.", []),
])
def test_label_words_only_as_written(sentence, values):
    assert [t.value for t in targets_of(sentence, heading="II. NHIỆM VỤ")] == values


def test_the_results_a_plan_expects_are_goals():
    doc = Document("t.txt", "0", "3. Kết quả cần đạt\n- 95% cán bộ được bồi dưỡng.\n")
    assert [t.value for t in extract_targets(doc, 2030)] == [95.0]


@pytest.mark.parametrize("body, values", [
    ("Số vụ trộm cắp năm 2023 là 64 vụ; mục tiêu giảm 8% mỗi năm.", [8.0]),            # "là": a fact, then a goal
    ("Năm 2022 có 310 hộ làm du lịch cộng đồng, năm 2024 phấn đấu 400 hộ.", [400.0]),   # "có": a fact
    ("Năm 2026 đạt 60%; phấn đấu đến năm 2028 đạt 75% số thôn có camera an ninh.", [60.0, 75.0]),  # "đạt": reached
])
def test_a_dated_fact_before_a_goal_without_an_issue_date(body, values):
    assert [t.value for t in targets_of(body, period_end=2028)] == values


def test_the_issue_year_from_the_first_uncited_date_when_no_preamble_is_found():
    doc = Document("t.txt", "0", "I. MỤC TIÊU\nHà Tân, ngày 9 tháng 5 năm 2O24\nNăm 2023 toàn huyện có 52 vụ; "
                                 "giảm 10% số vụ so với năm 2023.\n")
    assert [t.value for t in extract_targets(doc, 2025)] == [10.0]


@pytest.mark.parametrize("sentence, values", [
    ("- Qua kiểm tra, phát hiện 86 cơ sở vi phạm về an toàn thực phẩm.", []),       # where a figure comes from
    ("- Theo số liệu thống kê, tỷ lệ hộ có nhà tiêu hợp vệ sinh là 71%.", []),
    ("- Trận lũ làm 7 người chết, 2 người mất tích.", []),                          # what an event cost
    ("- Phấn đấu không quá 2 người chết do cháy nổ mỗi năm.", [2.0]),               # a bound makes a goal
    ("- Sửa chữa 14 phòng học hư hỏng sau bão.", [14.0]),                           # what the plan repairs
    ("- Số lượng đại biểu: 120 người.", []),                                        # a lead-in naming attendees
])
def test_sources_of_present_figures_casualties_and_attendees(sentence, values):
    assert [t.value for t in targets_of(sentence, heading="II. NHIỆM VỤ")] == values


def test_a_lead_in_year_before_the_plan_gives_results():
    body = ("Giai đoạn 2020 - 2024, huyện đã đạt được những kết quả:\n- Tỷ lệ hộ nghèo giảm còn 3,4%;\n"
            "- 88% thôn có nhà văn hóa.\nMục tiêu giai đoạn 2025 - 2029:\n- 97% thôn có nhà văn hóa.")
    doc = Document("t.txt", "0", f"UBND HUYỆN TÂN SƠN\nTân Sơn, ngày 4 tháng 2 năm 2025\nKẾ HOẠCH\nI. MỤC TIÊU\n{body}\n")
    assert [(t.value, t.year) for t in extract_targets(doc, 2029)] == [(97.0, 2029)]


@pytest.mark.parametrize("sentence, values", [
    ("- Tập trung thực hiện 3 khâu đột phá của tỉnh.", []),          # the parts of a strategy
    ("- Triển khai 4 dự án thành phần của Chương trình.", []),
    ("- Tổ công tác liên ngành có 09 thành viên.", []),               # the make-up of a body
    ("- Mỗi thôn thành lập 01 tổ tự quản với tối thiểu 12 thành viên.", [1.0, 12.0]),  # a bound is a goal
])
def test_parts_of_a_programme_and_members_of_a_body(sentence, values):
    assert [t.value for t in targets_of(sentence, heading="II. NHIỆM VỤ")] == values


@pytest.mark.parametrize("sentence, values", [
    ("- Chỉ số hài lòng của người dân đạt 82 điểm.", []),                   # a score
    ("- Xây dựng 15 điểm sinh hoạt cộng đồng.", [15.0]),                    # sites
    ("- Lắp đặt thêm 6 điểm.", [6.0]),
    ("- Tổ chức 01 buổi diễu hành quy mô 800 người.", [1.0]),               # the size of an event
])
def test_scores_and_the_size_of_an_event_are_no_counts(sentence, values):
    assert [t.value for t in targets_of(sentence, heading="II. NHIỆM VỤ")] == values


def test_without_an_issue_date_the_first_year_of_the_period_bounds_the_past():
    doc = Document("t.txt", "0", "KẾ HOẠCH\nBảo vệ rừng giai đoạn 2022 - 2028\nI. MỤC TIÊU\n"
                                 "Năm 2019, lực lượng kiểm lâm phát hiện 58 vụ, xử lý 40 đối tượng.\n"
                                 "Đến năm 2028 giảm 15% số vụ vi phạm.\n")
    assert [(t.value, t.year) for t in extract_targets(doc, 2028)] == [(15.0, 2028)]


@pytest.mark.parametrize("sentence, values", [
    ("- Giảm số vụ sạt lở có trên 5 hộ phải di dời.", []),                 # which events are counted
    ("- Không để xảy ra vụ cháy có trên 3 người bị nạn.", []),
    ("- Số ca mắc sốt rét mới dưới 15 ca/năm.", [15.0]),                    # the thing itself: a goal
    ("- Giảm số vụ đuối nước xuống dưới 4 vụ mỗi năm.", [4.0]),              # a level bound: a goal
    ("- Tổ chức 03 lớp bồi dưỡng, mỗi lớp 45 học viên.", [3.0, 45.0]),      # "lớp 45" is no school grade
])
def test_a_count_that_says_which_events_and_the_size_of_a_class(sentence, values):
    assert [t.value for t in targets_of(sentence)] == values


@pytest.mark.parametrize("sentence, values", [
    ("- Cho vay ưu đãi với lãi suất 0,5%/tháng.", []),                         # a price of money
    ("- Thuế suất thuế thu nhập doanh nghiệp 10%.", []),
    ("- Ngân sách huyện hỗ trợ 60%, ngân sách xã 40%.", []),                    # a split of money
    ("- Tỷ lệ đối ứng của hợp tác xã 25%.", []),
    ("- Tiết kiệm 12% chi thường xuyên để bổ sung nguồn chi an sinh.", []),
    ("- Tạm ứng 20% giá trị hợp đồng cho nhà thầu.", []),
    ("- Tỷ lệ giải ngân vốn ngân sách đạt 97%.", [97.0]),                      # a rate word first
    ("- Thu ngân sách trên địa bàn tăng bình quân 9%/năm.", [9.0]),            # the growth of an amount
    ("- Bảo đảm tỷ lệ 1:1 giữa học sinh nam và nữ tham gia.", []),              # a ratio
])
def test_prices_taxes_splits_of_money_and_ratios_are_no_targets(sentence, values):
    assert [t.value for t in targets_of(sentence)] == values


@pytest.mark.parametrize("sentence, values", [
    ("- Tỷ lệ thôn có trên 40% hộ nghèo giảm còn 8%.", [8.0]),               # which hamlets are meant
    ("- Số trường có dưới 70% giáo viên đạt chuẩn còn 3 trường.", [3.0]),
    ("- Phấn đấu 100% trạm y tế có ít nhất 01 bác sĩ.", [100.0, 1.0]),       # a per-unit minimum stays
])
def test_a_share_in_a_relative_clause_says_which_units(sentence, values):
    assert [t.value for t in targets_of(sentence)] == values


@pytest.mark.parametrize("sentence, comparator", [
    ("Tỷ lệ xã có nhà văn hóa không\ndưới 75%.", ">="),        # the bound broken over two lines
    ("Tỷ lệ hộ dùng nước chưa hợp vệ sinh không cao hơn 6%.", "<="),
    ("Tỷ lệ hồ sơ giải quyết quá hạn không vượt quá 1,5%.", "<="),
    ("Tỷ lệ thôn có tổ hòa giải không thấp hơn 98%.", ">="),
])
def test_a_negated_bound(sentence, comparator):
    assert [t.comparator for t in targets_of(sentence)] == [comparator]


@pytest.mark.parametrize("sentence, values", [
    ("Giảm tỷ lệ hộ nghèo xuống dưới 1O% vào năm 2O18.", [(10.0, "%", 2018)]),  # OCR letter O for zero
    ("- 100% trường học có tủ sách dùng chung vào năm\n2O24.\n\n- Tỷ lệ học sinh đọc sách đạt 6O%.",
     [(100.0, "%", 2024), (60.0, "%", 2030)]),  # a wrapped year ending its sentence is no list label
])
def test_ocr_zeros_and_a_wrapped_year(sentence, values):
    assert [(t.value, t.unit, t.year) for t in targets_of(sentence)] == values


@pytest.mark.parametrize("sentence, values", [
    ("- Hợp tác xã in nhãn truy xuất nguồn gốc được hỗ trợ 70% chi\nphí in ấn.", []),  # a share of money
    ("- Tổ chức đợt uống thuốc tẩy giun cho học sinh tiểu học 02 đợt\n(tháng 3 và tháng 9).", []),    # rounds of an activity
    ("- Tổ chức 04 đợt kiểm tra liên ngành.", [4.0]),                                                # events counted
    ("- Thu nhập bình quân của hộ tham gia mô hình tăng gấp 2 lần.", [2.0]),                         # a multiple
    ("- Trồng cây dược liệu dưới tán rừng ở 3 huyện biên giới phía Tây.", []),                       # a known set of places
    ("- Quan trắc chất lượng nước tại 12 xã, phường.", [12.0]),                                     # a coverage to reach
    ("- Chất thải nguy hại hiện phát sinh 40 tấn/ngày, trong đó chất thải y tế chiếm khoảng 15%.", []),
    ("- Lao động nông nghiệp chiếm dưới 35% vào năm 2030.", [35.0]),                                # a share with its year
    ("- Lao động nông nghiệp chiếm dưới 35% tổng số lao động.", [35.0]),                            # a bound: a goal
    ("- Lao động nông nghiệp chiếm khoảng 35% vào năm 2030.", [35.0]),
])
def test_figures_that_describe_the_work_or_the_present(sentence, values):
    assert [t.value for t in targets_of(sentence)] == values


def test_a_task_table_figure_in_parentheses_restates_the_task():
    body = ("- Tổ chức 06 buổi tọa đàm với doanh nghiệp.\n\n| TT | Nội dung | Thời gian |\n|---|---|---|\n"
            "| 1 | Tọa đàm với doanh nghiệp (06 buổi) | Quý III/2026 |\n| 2 | Khảo sát thị trường | Quý IV/2026 |\n")
    assert [t.value for t in targets_of(body)] == [6.0]


def test_the_issue_year_opening_a_sentence_of_a_later_plan_is_where_it_starts():
    doc = Document("t.txt", "0", "UBND TỈNH X\nX, ngày 20 tháng 12 năm 2027\nKẾ HOẠCH\nChuyển đổi số năm 2028\n"
                   "I. CHỈ TIÊU\nNăm 2027, tỷ lệ thôn có camera an ninh đạt 52,5%; toàn tỉnh có 9 tổ tự quản.\n\n"
                   "- Chỉ tiêu 1: Tỷ lệ thôn có camera an ninh đạt tối thiểu 70%.\n")
    assert [(t.value, t.year) for t in extract_targets(doc, 2028)] == [(70.0, 2028)]


@pytest.mark.parametrize("sentence, comparator", [
    ("- Huyện nằm trong nhóm 10 địa phương dẫn đầu về chỉ số cải cách hành chính.", "<="),
    ("- Đưa tỉnh vào top 20 địa phương có chỉ số năng lực cạnh tranh cao nhất.", "<="),
])
def test_a_rank_within_a_leading_group(sentence, comparator):
    assert [(t.unit, t.comparator) for t in targets_of(sentence)] == [("count", comparator)]


@pytest.mark.parametrize("sentence, kind", [
    ("- Xây dựng thêm 04 nhà văn hóa thôn.", "change"),
    ("- Có thêm ít nhất 12 hợp tác xã được cấp chứng nhận VietGAP.", "change"),  # a bound between: still more
    ("- Có ít nhất 12 hợp tác xã được cấp chứng nhận VietGAP.", "level"),
])
def test_more_of_a_thing_is_a_change(sentence, kind):
    assert [t.kind for t in targets_of(sentence)] == [kind]


def test_a_clause_naming_only_another_kind_takes_the_indicator_before():
    found = targets_of("- Tỷ lệ nhiễm giun ở học sinh thể giun đũa dưới 15%; thể giun móc dưới 8%.")
    assert [t.indicator for t in found] == ["Tỷ lệ nhiễm giun ở học sinh thể giun đũa",
                                            "Tỷ lệ nhiễm giun ở học sinh thể giun móc"]


def test_the_clause_naming_only_another_kind_keeps_the_national_match():
    found = targets_of("- Đến năm 2030, tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi còn dưới 16%;\n"
                       "thể nhẹ cân dưới 7%.")
    assert [(t.value, t.national_code) for t in found] == [(16.0, "4.2"), (7.0, "4.1")]


# --- hostile inputs: big enough that a quadratic reading would take minutes; results are asserted, never times


def test_a_sentence_of_a_hundred_thousand_values_gives_at_most_the_limit_and_a_warning():
    doc = Document("t.txt", "0", "I. MỤC TIÊU\nTỷ lệ đạt " + "5% " * 100_000 + ".\n")
    found = extract_targets(doc, 2030)
    assert len(found) == MAX_VALUES_PER_SENTENCE
    assert all(len(t.quote) <= QUOTE_MAX for t in found)
    assert [w for w in doc.warnings if "values" in w] == [
        f"targets: 1 sentence(s) hold more than {MAX_VALUES_PER_SENTENCE} values (the first at character 12); "
        f"only the first {MAX_VALUES_PER_SENTENCE} of each were read"]
    extract_targets(doc, 2030)
    assert len(doc.warnings) == 1  # reading again adds no second warning


def test_a_goal_after_two_hundred_thousand_wrapped_lines():
    doc = Document("t.txt", "0", "I. MỤC TIÊU\n" + "a\n" * 200_000 + "- Tỷ lệ hộ nghèo giảm xuống dưới 3%.\n")
    assert [(t.value, t.comparator, t.indicator) for t in extract_targets(doc, 2030)] == [(3.0, "<", "Tỷ lệ hộ nghèo")]


def test_values_between_runs_of_sixty_thousand_spaces_are_quoted_by_their_clause():
    doc = Document("t.txt", "0", "I. MỤC TIÊU\n" + ("Đạt" + " " * 60_000 + "90% ") * 8)
    found = extract_targets(doc, 2030)
    assert [t.value for t in found] == [90.0] * 8
    assert all(len(t.quote) <= QUOTE_MAX for t in found)


def test_a_thousand_sentences_on_one_line_are_read_one_by_one():
    sentence = ("Sở Y tế chủ trì, phấn đấu đến năm 2025 tỷ lệ trẻ em dưới 5 tuổi được tiêm chủng đầy đủ "
                "đạt trên 95%, hoàn thành trong quý II năm 2025. ")
    doc = Document("t.txt", "0", "I. MỤC TIÊU\n" + sentence * 1000)
    found = extract_targets(doc, 2030)
    assert {(t.value, t.comparator, t.year, t.quote) for t in found} == {(95.0, ">", 2025, sentence.strip())}
    assert len(found) == 1000


# The years are looked for only where their digits are: the same matches as a scan of the pattern at
# every place, also in a part of the text that cuts a year expression (a sentence, a clause).
YEAR_PIECES = ["nam", "hoc", " ", "  ", "\n", "2025", "2o25", "19", "20", "1", "2", "-", "den", "toi", "het",
               "tinh", "giai doan", "so voi", "cuoi", "vao", "tu", ".", "/", "x", "o", "0"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(YEAR_PIECES), max_size=14), st.integers(0, 60), st.integers(0, 60))
def test_years_found_from_their_digits_are_those_of_a_scan(pieces, a, b):
    folded = "".join(pieces)
    start, end = sorted((min(a, len(folded)), min(b, len(folded))))
    def found(matches): return [(m.span(), m.groupdict()) for m in matches]
    assert found(YearReader(folded).matches(start, end)) == found(_YEAR.finditer(folded, start, end))


# The longest year word ending at a place, found among the words ending with its letter: the same as a search
# for any of them anchored there, wherever the part read starts.
@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["den", "het", "cuoi", "tinh", "so", "voi", "giai", "doan", "tu", "vao", "toi",
                                 "trong", " ", "x", "n"]), max_size=8), st.integers(0, 40), st.integers(0, 40))
def test_the_longest_year_word_ending_at_a_place(pieces, a, b):
    folded = "".join(pieces)
    lowest, end = sorted((min(a, len(folded)), min(b, len(folded))))
    words = re.compile("(?:" + "|".join(map(re.escape, YEAR_WORDS)) + r")\Z")
    word = words.search(folded, max(lowest, end - max(map(len, YEAR_WORDS))), end)
    assert _year_word_ending(folded, lowest, end) == (word.start() if word else None)


@pytest.mark.parametrize("folded, start, end", [
    ("tinh den nam hoc 2025 va 2026", 0, 29),   # the longest year word, "năm học"
    ("den het\n\n   nam   2030", 0, 24),       # spaces and lines between the words
    ("den het nam 2030", 4, 16),                 # the part starts inside "đến hết"
    ("giai doan 2021 - 2025", 0, 16),            # the part ends inside the span
    ("201920 nam 2o25", 0, 15),                  # a year inside a longer figure; OCR's O after "năm"
    ("19199 2020202 nam 2025", 7, 22),           # digits found over the whole text, the part starting among them
    ("nam 2025", 0, 7),                          # the part ends inside the year's digits
])
def test_years_in_a_part_of_the_text(folded, start, end):
    def found(matches): return [(m.span(), m.groupdict()) for m in matches]
    assert found(YearReader(folded).matches(start, end)) == found(_YEAR.finditer(folded, start, end))


def test_numbers_stand_alone_and_spans_start_after_no_figure():
    f = "12/2024, 3.2030, x20 va 45,5% 7 000; 12021 - 2030, 2021 den nam 2030"
    assert [m.group() for m in _NUM.finditer(f)] == ["12", "3.2030", "45,5", "7", "000", "12021", "2030", "2021",
                                                      "2030"]
    assert plan_start(YearReader(f), 2030) == 2021  # "12021 - 2030" is no span of years


# Numbers are read where the kinds of the characters say one starts: the same places as a scan of the pattern,
# after marks, letters, "_" and figures of other scripts, past the table of kinds (an emoji, a double-struck digit).
NUMBER_PIECES = ["1", "20", "0", "7.000", "99,1", ".", ",", "/", "-", " ", "x", "\n", "%", "_", "ơ", "٣", "²", "𝟙",
                 "😀", "…", "Ⅻ", "a1"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=16))
def test_numbers_start_where_a_scan_finds_them(pieces):
    folded = "".join(pieces)
    assert FigureStarts(folded).standing_alone() == [m.start() for m in _NUMBERS.over(folded).finditer(folded)]


# A span's first year is tried only where the reader found a year's digits: the same spans as a scan of the
# text for either century, spans written one after another, after a figure, or with OCR's zeros among them.
SPAN_PIECES = ["2021", "2030", "1999", "2o25", "19", "20", "30", "1", " ", "-", "–", "den", "toi", "nam ", "x", ".",
               "\n"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SPAN_PIECES), max_size=14), st.sampled_from([2030, 1999, 2020]))
def test_a_plan_starts_at_the_spans_a_scan_finds(pieces, period_end):
    folded = "".join(pieces)
    scan = re.compile(r"((?:19|20)(?<!\d..)\d\d)(?=\s*(?:-|–|den|toi)\s*(?:nam\s+)?((?:19|20)\d\d)(?!\d))")
    starts = [int(m.group(1)) for m in scan.finditer(folded) if int(m.group(2)) == period_end]
    assert plan_start(YearReader(folded), period_end) == min((y for y in starts if y < period_end), default=None)


@pytest.mark.parametrize("body, expected", [
    ("- Giảm tỷ lệ hộ nghèo xuống 3 vào năm 2026.", []),                       # a bare number alone: no unit
    ("- Giảm tỷ lệ hộ nghèo xuống 3% vào năm 2026 và 2 vào năm 2028.", [(3.0, "%"), (2.0, "%")]),  # joined to a %
    ("- Tỷ suất tử vong trên 1.000 trẻ đẻ sống dưới 9 vào năm 2030.", [(9.0, "/1000")]),  # a denominator's unit
])
def test_a_bare_number_takes_its_unit_from_a_denominator_or_a_joined_value(body, expected):
    assert [(t.value, t.unit) for t in targets_of(body)] == expected


@pytest.mark.parametrize("gap, joins", [
    (" vào năm 2025 và ", True), (" (thành thị), ", True), (", giảm xuống dưới ", True), (" và không quá ", True),
    (" đến năm 2030 tăng lên ", True), (" và so với năm 2020 giảm ", True),
    (" và năm 2030 đối với khu vực nông thôn phấn đấu đạt ", False),  # "nông thôn" is left after "đối với khu vực"
    (" trẻ em và ", False), (" hộ và ", False),                        # words of an indicator of its own
])
def test_only_joining_words_between_two_values(gap, joins):
    assert _only_joins(gap) is joins


@pytest.mark.parametrize("body, expected", [
    ("- Tỷ lệ hộ nghèo (hiện nay 6%) giảm còn 3%.", []),                         # an opener after "(" holds on
    ("- Toàn huyện có 12 xã đạt chuẩn, hiện có 60% hộ dùng nước sạch; phấn đấu đạt 90%.", [(90.0, 2030)]),
    ("- Đến nay đạt 80%, đến năm 2030 đạt 95%.", [(95.0, 2030)]),                 # at the start of the item
])
def test_situation_openers_at_the_start_and_after_a_mark(body, expected):
    assert [(t.value, t.year) for t in targets_of(body)] == expected


@pytest.mark.parametrize("before, change", [
    ("phấn đấu giảm thêm", True),              # the verb ends with a filler ("thêm"): stripped, "giảm" is left
    ("mỗi năm tăng bình quân hằng năm từ", True),  # fillers one after another
    ("giảm tỷ lệ xuống dưới", False),          # a bound after a noun: no verb left
    ("tăng  \n ít nhất  ", True),              # spaces and a line between the verb and the bound
    ("không giảm quá", False),                  # a word no filler ends
    ("thêm", False),                            # a filler alone
])
def test_a_change_verb_is_found_past_its_fillers_and_bounds(before, change):
    assert is_change(before) is change


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "20", "0", "7.000", "99,1", ".", ",", "/", "-", " ", "x", "\n", "%", "a1", "_"]),
                max_size=16))
def test_numbers_of_an_ascii_text_are_those_of_any_text(pieces):
    folded = "".join(pieces)
    assert [m.span() for m in _NUMBERS.ascii.finditer(folded)] == [m.span() for m in _NUM.finditer(folded)]
