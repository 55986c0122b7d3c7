"""Vietnamese numbers, money, dates and quarters, one case per written form."""
import pytest
from chitieu.models import lexicon
from chitieu.extractors.numbers import (
    parse_amount,
    parse_date,
    parse_money_words,
    parse_number,
    parse_quarter,
    parse_years,
    unit_multiplier,
)
from chitieu.models.normalize import fold


@pytest.mark.parametrize("raw, value", [
    ("77", 77.0),
    ("9,5", 9.5),            # decimal comma: "dưới 9,5 vào năm 2025"
    ("99,1", 99.1),
    ("1.000", 1000.0),       # thousands dot: "trên 1.000 trẻ đẻ sống"
    ("100.000", 100000.0),
    ("2.292.000.000", 2292000000.0),
    ("2.292.000,5", 2292000.5),
    ("6,970", 6.97),         # "6,970 tỷ đồng" is six point nine seven tỷ
    ("99.1", 99.1),          # English decimal point in some converted files
    ("1,000,000", 1000000.0),
    ("0,12", 0.12),
])
def test_parse_number(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["", "abc", ".5", "1/2"])
def test_parse_number_rejects_non_numbers(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


@pytest.mark.parametrize("number, unit, amount", [
    ("5.000.000.000", "đ", 5_000_000_000),       # "dự kiến là 5.000.000.000đ"
    ("2.292.000.000", "đồng", 2_292_000_000),
    ("6,970", "tỷ đồng", 6_970_000_000),
    ("1,194", "tỷ", 1_194_000_000),
    ("2.292.000", "Nghìn đồng", 2_292_000_000),  # a table headed "ĐVT: Nghìn đồng"
    ("150", "triệu đồng", 150_000_000),
    ("1,5", "nghìn tỷ đồng", 1_500_000_000_000),
])
def test_parse_amount(number, unit, amount):
    assert parse_amount(number, unit) == amount


def test_unknown_money_unit():
    assert unit_multiplier("USD") is None
    with pytest.raises(ValueError):
        parse_amount("5", "USD")


@pytest.mark.parametrize("words, amount", [
    ("một đồng", 1),
    ("mười lăm nghìn đồng", 15_000),
    ("một trăm linh năm triệu đồng", 105_000_000),
    ("hai mươi mốt triệu", 21_000_000),
    ("Năm tỷ đồng", 5_000_000_000),
    ("Hai tỷ, hai trăm chín mươi hai triệu đồng", 2_292_000_000),
    ("Sáu tỷ chín trăm bảy mươi triệu đồng", 6_970_000_000),
    ("một tỷ một trăm chín tư triệu đồng", 1_194_000_000),  # "chín tư" = chín mươi tư
    ("ba trăm hai mươi tỷ đồng", 320_000_000_000),
    ("một nghìn tỷ đồng", 1_000_000_000_000),
])
def test_parse_money_words(words, amount):
    assert parse_money_words(words) == amount


@pytest.mark.parametrize("words", ["Kèm theo phụ lục", "", "đồng"])
def test_money_words_that_are_not_numbers(words):
    assert parse_money_words(words) is None


@pytest.mark.parametrize("text, iso", [
    ("Thái Bình, ngày 31 tháng 3 năm 2016", "2016-03-31"),
    ("Sóc Trăng, ngày      tháng      năm 2021", "2021"),   # day and month left blank in a draft
    ("Sơn Hà, ngày    tháng 4 năm 2024", "2024-04"),
    ("……., ngày…tháng…năm 2021", "2021"),                        # dotted blanks of a draft
    ("Hà Nội, ngày …… tháng 6 năm 2021", "2021-06"),
    ("ngày 1.6.2021", "2021-06-01"),
    ("ngày 05 tháng 01 năm 2021", "2021-01-05"),
    ("Quyết định số 2361/QĐ-TTg ngày 22/12/2015", "2015-12-22"),
    ("trước ngày 15/6", "--06-15"),
    ("trước ngày 20/7/2021", "2021-07-20"),
    ("ngày 31/2/2021", None),
    ("không có ngày", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text, iso", [
    ("hoàn thành trong quý I năm 2021", "2021-03-31"),
    ("Quý IV/2025", "2025-12-31"),
    ("quý III năm 2022", "2022-09-30"),
    ("trong quý 2 năm 2023", "2023-06-30"),
    ("trong quý I hàng năm", "--03-31"),
    ("cuối năm", None),
])
def test_parse_quarter(text, iso):
    assert parse_quarter(text) == iso


@pytest.mark.parametrize("unit", [row["term"] for row in lexicon.rows("money_units")])
def test_every_money_unit_of_the_lexicon_parses(unit):
    value = next(int(row["value"]) for row in lexicon.rows("money_units") if row["term"] == unit)
    assert parse_amount("2", unit) == 2 * value


@pytest.mark.parametrize("unit", ["tỷ lệ", "phần trăm", "", "đô la"])
def test_a_word_that_is_no_money_unit_is_refused(unit):
    with pytest.raises(ValueError):
        parse_amount("2", unit)


@pytest.mark.parametrize("until", lexicon.terms("year_phrases", kind="until"))
def test_a_span_joined_by_each_word_of_the_lexicon(until):
    assert parse_years(fold(f"giai đoạn từ năm 2026 {until} năm 2030")) == (2026, 2030)
    assert parse_years(fold(f"từ năm 2030 {until} năm 2026")) == (2030, 2030)  # backwards: no span, the first year


@pytest.mark.parametrize("text, repaired", [
    ("năm 2O16, 3O/4/2O2O, O3 xã", "năm 2016, 30/4/2020, 03 xã"),
    ("CO2 a1o 1o_ o1o 1oo ooo 000 Oo0 ở1O", "CO2 a1o 1o_ 010 100 ooo 000 000 ở1O"),  # words touching a letter stay
    ("1O-2O, (O5), 1OOO.5OO đồng\n2O\t", "10-20, (05), 1000.500 đồng\n20\t"),
    ("o0", "00"), ("0o", "00"),  # a run at the text's start and end
])
def test_ocr_zeros_are_read_in_every_run_of_figures_and_os(text, repaired):
    from chitieu.extractors.numbers import ocr_zeros
    assert ocr_zeros(text) == repaired


def test_the_text_is_repaired_as_ocr_zeros_repairs_it_whatever_its_folded_copy_holds():
    # repaired_text searches the text only when the folded text holds a run: every run of the text must be one of
    # the folded text (letters that fold to o, digits of other scripts, marks around the runs)
    import random
    from chitieu.extractors.numbers import ocr_zeros, repaired_text
    from chitieu.models.document import Document
    pieces = ["O", "o", "0", "3", "٣", "Ô", "ô", "ó", "Ơ", "đ", "a", "*", "#", "_", " ", "\n", "/", ".", "-", "“", "²"]
    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert repaired_text(Document("a.txt", "0", text)) == ocr_zeros(text), text


def test_o_beside_digit_is_what_the_search_for_one_finds():
    # whether an o or O stands beside a digit, read from the kinds of the characters, over random mixtures of
    # digits of several scripts, o's, letters, marks and text edges (ASCII or not); a document's repaired folded text
    # is ocr_zeros of its folded text either way
    import random
    from chitieu.extractors.numbers import _DIGIT_BESIDE_O, FigureStarts, ocr_zeros, repaired_folded
    from chitieu.models.document import Document
    rng = random.Random(3)
    pieces = ["o", "O", "0", "12", "٣", "²", "ơ", "ô", "a", " ", ".", "/", "\n", "_", "😀", "co2"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 10)))
        assert FigureStarts(text).o_beside_digit() == any(beside.search(text) for beside in _DIGIT_BESIDE_O), text
        doc = Document("a.txt", "0", text)
        assert repaired_folded(doc) == ocr_zeros(doc.folded), text
