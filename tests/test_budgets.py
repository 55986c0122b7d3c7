"""Budgets: one case per rule, each with the kind of sentence it comes from."""
from __future__ import annotations

import pytest
from chitieu.extractors.budget_tables import check_budget_tables, classify_source
from chitieu.extractors.budgets import extract_budgets
from chitieu.models.document import Document
from chitieu.models.normalize import fold
from chitieu.extractors.numbers import parse_money_words, parse_years

PERIOD = (2021, 2025)


def budgets_of(text: str, period: tuple[int | None, int | None] = PERIOD, heading: str = "IV. KINH PHÍ THỰC HIỆN"):
    doc = Document("t.txt", "0", f"{heading}\n{text}" if heading else text)
    return extract_budgets(doc, period)


def checks_of(text: str):
    doc = Document("t.txt", "0", text)
    return check_budget_tables(doc)


def prose(budgets):
    return [b for b in budgets if b.kind != "item"]


# --- amounts and units ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, amount", [
    ("Tổng kinh phí thực hiện Kế hoạch là 1.500.000.000 đồng.", 1_500_000_000),
    ("Kinh phí dự kiến là 300.000.000đ.", 300_000_000),
    ("Kinh phí hỗ trợ từ ngân sách tỉnh là 150.000 nghìn đồng.", 150_000_000),
    ("Tổng kinh phí thực hiện là 850 triệu đồng.", 850_000_000),
    ("Tổng kinh phí thực hiện dự kiến 1,25 tỷ đồng.", 1_250_000_000),  # Vietnamese decimal comma
    ("Tổng kinh phí thực hiện dự kiến 6,970 tỷ đồng.", 6_970_000_000),
    ("Tổng vốn đầu tư dự kiến 2.500 tỷ đồng.", 2_500_000_000_000),
    ("Tổng kinh phí là 01 tỷ đồng.", 1_000_000_000),
    ("Kinh phí thực hiện: 45.000.000 VNĐ.", 45_000_000),
    ("Tổng kinh phí là 1,2 nghìn tỷ đồng.", 1_200_000_000_000),
])
def test_amount_and_unit(sentence, amount):
    assert [b.amount_vnd for b in budgets_of(sentence)] == [amount]


@pytest.mark.parametrize("sentence", [
    "Ban Chỉ đạo gồm 15 đồng chí, do Phó Chủ tịch UBND tỉnh làm Trưởng ban.",  # đồng chí, not money
    "Toàn tỉnh có 1.200 đồng bào dân tộc thiểu số được hỗ trợ kinh phí học nghề.",
    "Phấn đấu giảm 5 tỷ lệ hộ nghèo trong kế hoạch kinh phí.",  # tỷ lệ is a rate
    "Tổ chức 200 cuộc truyền thông cho 2 triệu người dân, kinh phí do ngân sách bảo đảm.",  # triệu counts people
])
def test_not_an_amount(sentence):
    assert budgets_of(sentence) == []


# --- amounts in words -------------------------------------------------------------------------

@pytest.mark.parametrize("words, amount", [
    ("một đồng", 1),
    ("mười đồng", 10),
    ("hai mươi mốt đồng", 21),
    ("mười lăm nghìn đồng", 15_000),
    ("một trăm linh năm nghìn đồng", 105_000),
    ("năm trăm ngàn đồng", 500_000),
    ("một trăm linh năm triệu", 105_000_000),
    ("hai trăm triệu", 200_000_000),
    ("Một tỷ, một trăm chín tư triệu đồng", 1_194_000_000),
    ("Hai tỷ, hai trăm chín mươi hai triệu đồng", 2_292_000_000),
    ("Sáu tỷ chín trăm bảy mươi triệu đồng", 6_970_000_000),
    ("một tỷ không trăm năm mươi triệu đồng", 1_050_000_000),
    ("hai tỷ rưỡi", 2_500_000_000),
    ("năm tỷ đồng chẵn", 5_000_000_000),
    ("ba trăm hai mươi tỷ", 320_000_000_000),
    ("chín trăm chín mươi chín tỷ đồng", 999_000_000_000),
    ("một nghìn tỷ đồng", 1_000_000_000_000),
])
def test_money_words(words, amount):
    assert parse_money_words(words) == amount


@pytest.mark.parametrize("sentence, match", [
    ("Tổng kinh phí thực hiện là 5.000.000.000đ (Năm tỷ đồng).", True),
    ("Tổng kinh phí thực hiện là 2.500.000.000 đồng (Hai tỷ đồng).", False),
    ("Tổng kinh phí thực hiện là 200 triệu đồng (hai trăm triệu).", True),
    ("Tổng kinh phí thực hiện là 750.000.000 đồng (Bằng chữ: Bảy trăm năm mươi triệu đồng).", True),
    ("Tổng kinh phí thực hiện là 750.000.000 đồng (nếu có).", None),  # not number words
    ("Tổng kinh phí thực hiện là 750.000.000 đồng.", None),
])
def test_words_match(sentence, match):
    assert [b.words_match for b in budgets_of(sentence)] == [match]


# --- sources ----------------------------------------------------------------------------------

@pytest.mark.parametrize("words, source", [
    ("Kinh phí thực hiện từ nguồn ngân sách nhà nước", "state"),
    ("Ngân sách Trung ương hỗ trợ", "central"),
    ("Ngân sách tỉnh bảo đảm", "province"),
    ("từ ngân sách địa phương", "province"),
    ("Ngân sách cấp huyện bố trí", "district"),
    ("Nguồn vận động, tài trợ của các tổ chức, cá nhân", "social"),
    ("Nguồn xã hội hóa", "social"),
    ("Ngân sách nhà nước và các nguồn hợp pháp khác", "mixed"),
    ("Ngân sách tỉnh và nguồn xã hội hóa", "mixed"),
    ("Ngân sách nhà nước (ngân sách tỉnh)", "province"),  # the named level is the more precise
    ("Kinh phí thực hiện kế hoạch", None),
])
def test_classify_source(words, source):
    assert classify_source(fold(words)) == source


def test_breakdown_by_source():
    budgets = budgets_of(
        "Tổng kinh phí thực hiện Kế hoạch là 4,5 tỷ đồng, trong đó:\n"
        "- Ngân sách Trung ương: 3 tỷ đồng;\n- Ngân sách tỉnh: 1 tỷ đồng;\n"
        "- Ngân sách huyện: 300 triệu đồng;\n- Nguồn xã hội hóa: 200 triệu đồng."
    )
    assert [(b.amount_vnd, b.kind, b.source) for b in budgets] == [
        (4_500_000_000, "total", "mixed"), (3_000_000_000, "source", "central"),
        (1_000_000_000, "source", "province"), (300_000_000, "source", "district"),
        (200_000_000, "source", "social"),
    ]


def test_shares_without_a_stated_total():
    budgets = budgets_of("1. Ngân sách tỉnh: 800 triệu đồng.\n2. Nguồn vận động tài trợ: 200 triệu đồng.")
    assert [(b.kind, b.source) for b in budgets] == [("source", "province"), ("source", "social")]


def test_other_lawful_sources_are_a_share_without_a_named_source():
    budgets = budgets_of("Tổng kinh phí: 3 tỷ đồng, gồm:\n- Ngân sách tỉnh: 2 tỷ đồng;\n- Các nguồn hợp pháp khác: 1 tỷ đồng.")
    assert [(b.kind, b.source) for b in budgets] == [("total", "province"), ("source", "province"), ("source", None)]


def test_single_source_funds_the_whole_plan():
    budgets = budgets_of("Kinh phí thực hiện Kế hoạch từ nguồn ngân sách tỉnh là 500 triệu đồng.")
    assert [(b.kind, b.source) for b in budgets] == [("total", "province")]


def test_total_takes_the_sources_of_its_shares():
    budgets = budgets_of("Tổng kinh phí: 2 tỷ đồng, gồm:\n- Ngân sách tỉnh: 2 tỷ đồng.")
    assert [(b.kind, b.source) for b in budgets] == [("total", "province"), ("source", "province")]


# --- kinds and years --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kinds", [
    ("Ngân sách tỉnh: 5 tỷ đồng, bình quân mỗi năm 1 tỷ đồng.", ["total", "annual"]),
    ("Kinh phí bố trí hằng năm: 50 triệu đồng.", ["annual"]),
    ("Kinh phí thực hiện là 120 triệu đồng/năm.", ["annual"]),
    ("Tổng kinh phí giai đoạn 2021 - 2025 là 10 tỷ đồng; năm 2021: 2 tỷ đồng; năm 2022: 3 tỷ đồng.",
     ["total", "annual", "annual"]),
])
def test_kind(sentence, kinds):
    assert [b.kind for b in budgets_of(sentence)] == kinds


def test_annual_amount_shares_the_source_named_before_it():
    budgets = budgets_of("- Ngân sách tỉnh: 5 tỷ đồng, bình quân mỗi năm 1 tỷ đồng.")
    assert [b.source for b in budgets] == ["province", "province"]


@pytest.mark.parametrize("sentence, period, years", [
    ("Tổng kinh phí thực hiện giai đoạn 2022 - 2030 là 2 tỷ đồng.", (2021, 2030), (2022, 2030)),
    ("Tổng kinh phí thực hiện từ năm 2016 đến năm 2020 là 2 tỷ đồng.", (None, None), (2016, 2020)),
    ("Kinh phí thực hiện Kế hoạch năm 2024 là 300 triệu đồng.", (None, None), (2024, 2024)),
    ("Tổng kinh phí thực hiện dự kiến trong 5 năm là 2 tỷ đồng.", (2016, 2020), (2016, 2020)),
    ("Tổng kinh phí thực hiện là 2 tỷ đồng.", (None, None), (None, None)),
])
def test_years(sentence, period, years):
    assert [(b.year_from, b.year_to) for b in budgets_of(sentence, period)] == [years]


def test_years_are_not_read_from_dates():
    assert parse_years(fold("theo Quyết định ngày 12 tháng 5 năm 2021, kinh phí")) is None


def test_shares_inherit_the_years_of_their_total():
    budgets = budgets_of("Tổng kinh phí giai đoạn 2021 - 2025 là 3 tỷ đồng, gồm:\n- Ngân sách tỉnh: 3 tỷ đồng.",
                         (None, None))
    assert [(b.year_from, b.year_to) for b in budgets] == [(2021, 2025), (2021, 2025)]


# --- money that is not the plan's funding -----------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Mức thu lệ phí 50.000 đồng/hồ sơ.",
    "Mức hỗ trợ 500.000 đồng/người/tháng cho cộng tác viên.",
    "Hỗ trợ kinh phí 2 triệu đồng cho mỗi trẻ em có hoàn cảnh đặc biệt.",
    "GRDP bình quân đầu người đạt 120 triệu đồng vào năm 2025.",
    "Thiệt hại do thiên tai ước tính 250 tỷ đồng.",
    "Thủ tục được cắt giảm giúp tiết kiệm chi phí tuân thủ khoảng 15 tỷ đồng mỗi năm.",
    "Thu ngân sách trên địa bàn đạt 5.000 tỷ đồng.",
    "Phụ cấp kiêm nhiệm 1.490.000 đồng mỗi tháng.",
    "Ưu tiên các dự án có tổng mức đầu tư dưới 45 tỷ đồng.",
    "Phạt tiền từ 5.000.000 đồng đến 10.000.000 đồng đối với hành vi vi phạm.",
    "Phấn đấu thu hút 500 tỷ đồng vốn đầu tư vào lĩnh vực nông nghiệp.",
    "Giá dịch vụ xét nghiệm là 350.000 đồng.",
    "Giai đoạn trước, các địa phương đã huy động 4,2 tỷ đồng cho quỹ khuyến học.",  # money already raised
    "Ước thực hiện cả năm chi đầu tư 900 tỷ đồng.",
])
def test_not_funding(sentence):
    assert budgets_of(sentence) == []


def test_money_outside_a_budget_section_needs_funding_words():
    assert budgets_of("Giá trị hợp đồng mua sắm 300 triệu đồng.", heading="II. NHIỆM VỤ") == []
    assert [b.amount_vnd for b in budgets_of("Kinh phí tổ chức hội thi 300 triệu đồng.", heading="II. NHIỆM VỤ")] \
        == [300_000_000]


# --- tables -----------------------------------------------------------------------------------

TABLE = (
    "PHỤ LỤC\nDỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH GIAI ĐOẠN 2024 - 2025\nĐVT: Triệu đồng\n"
    "STT\tNội dung\t2024\t2025\tTổng\tĐơn vị thực hiện\n"
    "1\tTập huấn cán bộ\t100\t120\t220\tSở Y tế\n"
    "-\tTập huấn cấp tỉnh\t60\t70\t130\tSở Y tế\n"
    "-\tTập huấn cấp huyện\t40\t50\t90\tUBND cấp huyện\n"
    "2\tTruyền thông\t30\t30\t{row2}\tSở Thông tin và Truyền thông\n"
    "Tổng cộng\t\t130\t150\t{total}\t\n"
)


def test_table_that_adds_up_has_no_check():
    assert checks_of(TABLE.format(row2=60, total=280)) == []


def test_table_with_a_wrong_row_total():
    checks = checks_of(TABLE.format(row2=70, total=290))
    assert [(c.expected, c.found) for c in checks] == [(70.0, 60.0), (290.0, 280.0)]
    assert "Truyền thông" in checks[0].what and "2\tTruyền thông" in checks[0].quote


def test_table_with_a_wrong_grand_total():
    checks = checks_of(TABLE.format(row2=60, total=300))
    assert [(c.expected, c.found) for c in checks] == [(300.0, 280.0), (300.0, 280.0)]


def test_table_with_a_missing_yearly_cell():
    table = ("ĐVT: Nghìn đồng\nSTT\tNội dung\t2022\t2023\t2024\t2025\n"
             "1\tHội nghị\t10.000\t10.000\t10.000\t40.000\n2\tTập huấn\t5.000\t5.000\t5.000\t5.000\t20.000\n"
             "Tổng cộng\t\t15.000\t15.000\t15.000\t15.000\t60.000")
    whats = [c.what for c in checks_of(table)]
    assert any("3 yearly cells under 4 year columns" in w for w in whats)
    assert any("cells add up to 30.000, the row's total prints 40.000" in w for w in whats)


def test_table_costing_formula():
    table = ("ĐVT: Nghìn đồng\nSTT\tNội dung\t2024\t2025\tTổng\n"
             "1\tIn tài liệu (10 xã x 2 triệu đồng/năm)\t25.000\t25.000\t50.000\nTổng cộng\t\t25.000\t25.000\t50.000")
    [check] = checks_of(table)
    assert (check.expected, check.found) == (20_000, 25_000)


def test_table_items_and_grand_total():
    budgets = budgets_of(TABLE.format(row2=60, total=280), period=(None, None), heading="")
    items = [(b.amount_vnd, b.unit_text) for b in budgets if b.kind == "item"]
    assert items[0] == (220_000_000, "Sở Y tế")
    assert items[-1] == (60_000_000, "Sở Thông tin và Truyền thông")
    assert [(b.amount_vnd, b.kind, b.year_from, b.year_to) for b in prose(budgets)] == [
        (280_000_000, "total", 2024, 2025)]


def test_table_total_restating_the_prose_total_is_recorded_once():
    text = ("IV. KINH PHÍ\nTổng kinh phí thực hiện là 290.000.000 đồng.\n" + TABLE.format(row2=70, total=290))
    budgets = prose(budgets_of(text, heading=""))
    assert [b.amount_vnd for b in budgets] == [290_000_000]
    assert "Truyền thông" in budgets[0].note


def test_pipe_table_with_total_column_first():
    table = ("Đơn vị tính: triệu đồng\n| TT | Nội dung | Tổng số | Ngân sách tỉnh | Xã hội hóa |\n|---|---|---|---|---|\n"
             "| 1 | Xây dựng điểm vui chơi | 500 | 300 | 150 |\n| | Tổng cộng | 500 | 300 | 150 |")
    checks = checks_of(table)
    assert [(c.expected, c.found) for c in checks][:1] == [(500.0, 450.0)]


def test_space_separated_table():
    table = ("Đơn vị: triệu đồng\nSTT   Nội dung   Năm 2024   Năm 2025   Tổng\n"
             "1   Tập huấn   10   20   30\n2   Truyền thông   5   5   10\nTổng cộng   15   25   40")
    budgets = budgets_of(table, period=(None, None), heading="")
    assert [(b.amount_vnd, b.kind) for b in budgets if b.kind != "item"] == [(40_000_000, "total")]
    assert checks_of(table) == []


@pytest.mark.parametrize("unit_line, multiplier", [
    ("ĐVT: Tr.đồng", 10**6), ("Đơn vị tính: 1.000 đồng", 1000), ("(Đơn vị: tỷ đồng)", 10**9), ("ĐVT: đồng", 1),
])
def test_table_unit_line(unit_line, multiplier):
    table = f"{unit_line}\nSTT\tNội dung\tKinh phí\n1\tTập huấn\t12\n2\tTruyền thông\t8\nTổng cộng\t\t20"
    assert [b.amount_vnd for b in budgets_of(table, heading="")] == [20 * multiplier, 12 * multiplier, 8 * multiplier]


def test_price_times_quantity_table_is_not_summed():
    table = ("ĐVT: đồng\nSTT\tNội dung\tSố lượng\tĐơn giá\tThành tiền\n"
             "1\tTài liệu\t100\t20.000\t2.000.000\nTổng cộng\t\t\t\t2.000.000")
    assert checks_of(table) == []
    assert [b.amount_vnd for b in budgets_of(table, heading="") if b.kind == "item"] == [2_000_000]


@pytest.mark.parametrize("level, source", [("province", "province"), ("district", "district"), (None, "province")])
def test_the_local_budget_is_the_issuers(level, source):
    """"Ngân sách địa phương" is the province's in a provincial plan, the district's in a district plan."""
    doc = Document("t.txt", "0", "KẾ HOẠCH\nabc\n\nIII. KINH PHÍ\nNgân sách địa phương bố trí 300 triệu đồng.\n")
    assert [b.source for b in extract_budgets(doc, (2024, 2024), level)] == [source]


# --- a budget plan's tables, as a website renders them (one cell per line) ------------------------

def cell_lines(rows: list[list[str]]) -> str:
    """A website's rendering of a table: ``|`` then each cell followed by ``|``; an empty cell prints only its ``|``."""
    out = []
    for row in rows:
        out.append("|")
        for cell in row:
            if cell:
                out.append(cell)
            out.append("|")
    return "\n".join(out) + "\n\n"


def plan_table(title: str, total_label: str, header_years=("Năm 2031", "Năm 2032", "Năm 2033")) -> str:
    """A three-year table: the current year's two columns (merged heading), then one column per plan year."""
    return (f"**{title}**\n\n*(Đơn vị tính:\ntriệu đồng)*\n\n" + cell_lines([
        ["**TT**", "**Chỉ tiêu**", "**Năm 2030**", "**Kế hoạch ba năm**"],
        ["Kế hoạch", "Ước đạt", *header_years],
        ["*(A)*", "*(B)*", "*(1)*", "*(2)*", "*(3)*", "*(4)*", "*(5)*"],
        ["A", f"**{total_label}**", "**7.200**", "**7.450**", "**7.900**", "**8.300**", "**8.650**"],
        ["I", "Chi sự nghiệp y tế", "3.000", "3.100", "3.250", "3.400", "3.600"],
        ["1", "Chi phòng bệnh", "", "", "", "", ""],
    ]))


def test_spending_table_by_plan_year_gives_each_years_total():
    text = plan_table("CHI NGÂN SÁCH CẤP TỈNH BA NĂM 2031 - 2033", "TỔNG CHI NGÂN SÁCH CẤP TỈNH")
    budgets = prose(budgets_of(text, period=(2031, 2033), heading="PHỤ LỤC"))
    assert [(b.amount_vnd, b.kind, b.year_from, b.year_to) for b in budgets] == [
        (7_900_000_000, "annual", 2031, 2031), (8_300_000_000, "annual", 2032, 2032),
        (8_650_000_000, "annual", 2033, 2033)]  # the current year's two columns are not the plan's
    items = [(b.amount_vnd, b.year_from, b.year_to) for b in budgets_of(text, (2031, 2033), "PHỤ LỤC") if b.kind == "item"]
    assert items == [(10_250_000_000, 2031, 2033)]  # a line by year counts its plan years; the column numbers are no line


@pytest.mark.parametrize("title, total_label", [
    ("ƯỚC THU NGÂN SÁCH NHÀ NƯỚC BA NĂM 2031 - 2033", "TỔNG THU NGÂN SÁCH NHÀ NƯỚC"),  # revenue
    ("KẾ HOẠCH VAY, TRẢ NỢ BA NĂM 2031 - 2033", "TỔNG SỐ VAY TRONG NĂM"),  # borrowing and debt
])
def test_revenue_and_debt_tables_are_not_funding(title, total_label):
    assert budgets_of(plan_table(title, total_label), period=(2031, 2033), heading="PHỤ LỤC") == []


def test_year_table_that_prints_its_sum_gives_the_sum():
    table = ("ĐVT: triệu đồng\nSTT\tNội dung\t2027\t2028\n1\tHội thi\t40\t60\t100\n"
             "Tổng cộng\t\t40\t60\t100")
    assert [(b.amount_vnd, b.kind) for b in prose(budgets_of(table, period=(2027, 2028), heading=""))] == [
        (100_000_000, "total")]


# --- money the plan reports, not money it plans ---------------------------------------------------

def test_amounts_of_the_situation_before_the_plan_are_not_funding():
    text = ("I. TÌNH HÌNH THỰC HIỆN DỰ TOÁN NĂM 2026\nTổng chi ngân sách năm 2026 ước đạt 8.450 tỷ đồng, "
            "trong đó chi đầu tư phát triển 2.100 tỷ đồng.\nII. KINH PHÍ THỰC HIỆN\n"
            "Tổng kinh phí thực hiện Kế hoạch là 12 tỷ đồng.")
    assert [b.amount_vnd for b in budgets_of(text, period=(2027, 2029), heading="")] == [12_000_000_000]


def test_a_bracketed_number_far_above_does_not_make_a_footnote():
    text = "[1] Xem Phụ lục.\nNội dung thứ nhất.\nNội dung thứ hai.\nNội dung thứ ba.\nTổng kinh phí là 3 tỷ đồng."
    assert [b.amount_vnd for b in budgets_of(text)] == [3_000_000_000]


def test_footnote_amounts_are_not_funding():
    text = ("Kinh phí thực hiện là 3 tỷ đồng [1].\n\n[1]\nTrong đó có khoản vốn 450 triệu đồng "
            "của một doanh nghiệp nộp chậm.")
    assert [b.amount_vnd for b in budgets_of(text)] == [3_000_000_000]


@pytest.mark.parametrize("sentence", [
    "Tổng vốn đầu tư xã hội đạt khoảng 95.000 tỷ đồng.",
    "Lũy kế có 240 dự án với tổng vốn đăng ký 61.500 tỷ đồng.",
])
def test_macro_statistics_are_not_funding(sentence):
    assert budgets_of(sentence, heading="II. DỰ BÁO") == []


# --- a cost estimate: its lines are items, its own total is the budget ---------------------------

ESTIMATE = (
    "1. Dự toán kinh phí hằng năm\n"
    "- Biên soạn, in sổ tay hướng dẫn: 18.000.000 đồng/năm.\n"
    "- Chi phí thuê chuyên gia rà soát số liệu: 45.000.000 đồng/năm.\n"
    "- Mở 03 lớp bồi dưỡng: 3 lớp x 12.000.000 đồng/lớp = 36.000.000 đồng/năm.\n"
    "- Khảo sát thực địa tại các xã vùng cao: 21.000.000 đồng/năm.\n"
    "Tổng dự toán: 120.000.000 đồng/năm x 3 năm = 360.000.000 đồng (Ba trăm sáu mươi triệu đồng).\n"
    "2. Nguồn kinh phí: ngân sách tỉnh."
)


def test_cost_estimate_lines_are_items_and_its_total_is_the_budget():
    budgets = budgets_of(ESTIMATE, period=(2026, 2028))
    assert [(b.amount_vnd, b.kind) for b in budgets] == [
        (18_000_000, "item"), (45_000_000, "item"), (36_000_000, "item"), (21_000_000, "item"),
        (120_000_000, "annual"), (360_000_000, "total")]
    assert budgets[-1].words_match is True
    assert [b.source for b in budgets if b.kind != "item"] == ["province", "province"]  # the section's "Nguồn kinh phí"


def test_cost_lines_under_a_stated_total_are_items():
    budgets = budgets_of("Tổng kinh phí thực hiện: 900 triệu đồng, gồm:\n"
                         "a) Kinh phí tổ chức hội thảo chuyên đề: 150 triệu đồng;\n"
                         "b) Kinh phí xây dựng phần mềm quản lý: 750 triệu đồng.")
    assert [(b.amount_vnd, b.kind) for b in budgets] == [
        (900_000_000, "total"), (150_000_000, "item"), (750_000_000, "item")]


@pytest.mark.parametrize("text, kinds", [
    ("Kinh phí thực hiện Kế hoạch là 700 triệu đồng.", ["total"]),  # the plan's own funding, alone
    ("Kinh phí tổ chức hội thi 300 triệu đồng.", ["total"]),  # one amount: it is the plan's whole cost
    ("Kinh phí thực hiện Kế hoạch là 700 triệu đồng.\nTrong đó kinh phí khen thưởng 50 triệu đồng.",
     ["total", "item"]),
])
def test_a_lone_amount_is_the_plans_funding(text, kinds):
    assert [b.kind for b in budgets_of(text)] == kinds


@pytest.mark.parametrize("text", [
    "Năm 2025, ngân sách tỉnh đã bố trí 1,2 tỷ đồng cho công tác này.",  # a year before the plan
    "Đề án phê duyệt tại Quyết định số 845/QĐ-UBND có tổng kinh phí 14 tỷ đồng.",  # another document's money
    "Thực hiện theo Nghị quyết số 27/2024/NQ-HĐND với mức 3 tỷ đồng.",
])
def test_amounts_quoted_from_the_past_or_from_other_documents(text):
    assert budgets_of(text, period=(2026, 2030)) == []


def test_a_document_carried_out_before_the_amount_is_not_its_source():
    text = "Thực hiện Quyết định số 311/QĐ-UBND, tổng kinh phí thực hiện Kế hoạch là 2 tỷ đồng."
    assert [b.amount_vnd for b in budgets_of(text, period=(2026, 2030))] == [2_000_000_000]


def test_fee_table_is_not_funding():
    table = ("BIỂU MỨC THU PHÍ THAM QUAN DI TÍCH\nĐVT: đồng\nSTT\tĐối tượng\tMức thu\n"
             "1\tNgười lớn\t40.000\n2\tHọc sinh, sinh viên\t20.000\nCộng\t\t60.000")
    assert budgets_of(table, heading="PHỤ LỤC") == []


def test_prose_before_a_spending_table_is_not_its_title():
    table = ("Các khoản chi thực hiện theo định mức hiện hành.\nDỰ TOÁN KINH PHÍ TRUYỀN THÔNG\nĐVT: triệu đồng\n"
             "STT\tNội dung\tKinh phí\n1\tPhóng sự truyền hình\t120\n2\tTờ rơi\t30\nTổng cộng\t\t150")
    assert [(b.amount_vnd, b.kind) for b in prose(budgets_of(table, heading=""))] == [(150_000_000, "total")]


def test_each_tasks_own_cost_is_an_item():
    text = ("III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Số hóa hồ sơ địa chính\n- Thời gian: năm 2027\n- Kinh phí: 90.000.000 đồng\n"
            "2. Tập huấn cán bộ một cửa\n- Kinh phí: 35.000.000 đồng\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì.")
    assert [(b.amount_vnd, b.kind) for b in budgets_of(text, heading="")] == [
        (90_000_000, "item"), (35_000_000, "item")]


def test_one_tasks_cost_alone_is_the_plans_funding():
    text = "III. NHIỆM VỤ\n1. Tổ chức hội thi\nKinh phí thực hiện: 300 triệu đồng.\n2. Tuyên truyền\nĐăng tin bài."
    assert [(b.amount_vnd, b.kind) for b in budgets_of(text, heading="")] == [(300_000_000, "total")]


def test_budget_plan_prose_spending_by_year_not_revenue_or_debt():
    text = ("2. Thu, chi ngân sách các năm 2027 - 2029\n"
            "Dự kiến tổng thu NSNN trên địa bàn năm 2027 là 6.200 tỷ đồng.\n"
            "Dự kiến tổng chi NSĐP năm 2027 là 14.300 tỷ đồng, năm 2028 là 15.100 tỷ đồng, năm 2029 là 16.050 tỷ đồng.\n"
            "Mức bội chi NSĐP năm 2028 là 120 tỷ đồng; trả nợ gốc 45 tỷ đồng.")
    assert [(b.amount_vnd, b.kind, b.year_from) for b in budgets_of(text, (2027, 2029), heading="II. DỰ BÁO")] == [
        (14_300_000_000_000, "annual", 2027), (15_100_000_000_000, "annual", 2028), (16_050_000_000_000, "annual", 2029)]


def test_shares_named_by_a_kind_of_money_are_not_cost_lines():
    budgets = budgets_of("Tổng kinh phí: 5 tỷ đồng, trong đó:\n- Vốn đầu tư phát triển: 3 tỷ đồng;\n"
                         "- Nguồn sự nghiệp văn hóa: 2 tỷ đồng.")
    assert [b.kind for b in budgets] == ["total", "source", "source"]
    assert [b.kind for b in budgets_of("1. Kinh phí sự nghiệp: 4 tỷ đồng;\n2. Kinh phí đầu tư: 9 tỷ đồng.")] == [
        "source", "source"]


def test_the_grand_total_is_the_largest_total_line():
    table = ("DỰ TOÁN KINH PHÍ\nĐVT: triệu đồng\nSTT\tNội dung\tKinh phí\nA\tTổng chi\t500\n"
             "1\tTổng chi thường xuyên\t200\n-\tTập huấn\t200\n2\tMua sắm thiết bị\t300")
    assert [(b.amount_vnd, b.kind) for b in prose(budgets_of(table, heading=""))] == [(500_000_000, "total")]


def test_numbered_cost_lines_of_an_appendix_estimate_are_items():
    text = ("KẾ HOẠCH\nNội dung.\nNơi nhận:\n- Như trên.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Hoa\n\nPHỤ LỤC\n"
            "DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH\n1. Kinh phí tổ chức diễn đàn: 40.000.000 đồng.\n"
            "2. Kinh phí biên tập bản tin: 25.000.000 đồng/năm.\n"
            "Tổng dự toán: 65.000.000 đồng/năm x 2 năm = 130.000.000 đồng.")
    budgets = budgets_of(text, period=(2026, 2027), heading="")
    assert [(b.amount_vnd, b.kind) for b in budgets] == [
        (40_000_000, "item"), (25_000_000, "item"), (65_000_000, "annual"), (130_000_000, "total")]


def test_web_table_whose_total_line_merges_its_first_cells():
    text = "DỰ TOÁN KINH PHÍ THEO NĂM\n*ĐVT: triệu đồng*\n\n" + cell_lines([
        ["STT", "Nội dung", "Năm 2026", "Năm 2027"],
        ["1", "Hội thao", "70", "80"],
        ["2", "Tập huấn", "", "40"],
        ["Tổng cộng", "70", "120"],  # "Tổng cộng" spans the STT and Nội dung columns
    ])
    budgets = budgets_of(text, period=(2026, 2027), heading="")
    assert [(b.amount_vnd, b.kind, b.year_from) for b in prose(budgets)] == [
        (70_000_000, "annual", 2026), (120_000_000, "annual", 2027)]
    assert [(b.amount_vnd, b.kind) for b in budgets if b.kind == "item"] == [(150_000_000, "item"), (40_000_000, "item")]


def test_money_written_with_its_unit_in_a_task_table_is_read_as_prose():
    table = ("PHỤ LỤC\nSTT\tNhiệm vụ\tThời gian\tKinh phí\n1\tHội nghị phổ biến\t2026\t30 triệu đồng\n"
             "2\tTập huấn chuyên sâu\t2027\t50 triệu đồng\nTổng cộng\t\t\t80 triệu đồng\n")
    assert [(b.amount_vnd, b.kind) for b in budgets_of(table, period=(2026, 2027), heading="")] == [
        (30_000_000, "item"), (50_000_000, "item"), (80_000_000, "total")]


def test_bold_total_line_of_a_web_table():
    table = ("Phụ lục II\n**KHÁI TOÁN CHI PHÍ CÁC HOẠT ĐỘNG**\n\n*Đơn vị tính: nghìn đồng*\n\n"
             "| STT | Hoạt động | Số tiền | Nguồn vốn |\n|---|---|---|---|\n"
             "| 1 | Khám sàng lọc tại trường học | 900.000 | Ngân sách tỉnh |\n"
             "| 2 | Tập huấn nhân viên y tế thôn bản | 350.000 | Quỹ Hòa Bình Xanh |\n"
             "| | **Tổng cộng** | **1.250.000** | |\n")
    budgets = budgets_of(table, period=(2026, 2028), heading="")
    assert [(b.amount_vnd, b.kind, b.source) for b in prose(budgets)] == [(1_250_000_000, "total", "mixed")]
    assert [(b.amount_vnd, b.source) for b in budgets if b.kind == "item"] == [(900_000_000, "province"),
                                                                                 (350_000_000, None)]


def test_a_source_column_naming_one_source_gives_the_totals_source():
    table = ("| STT | Hoạt động | Kinh phí (triệu đồng) | Nguồn kinh phí |\n|---|---|---|---|\n"
             "| 1 | Hội thi tìm hiểu pháp luật | 120 | Ngân sách huyện |\n"
             "| 2 | Pa nô, áp phích | 60 | Ngân sách huyện |\n| | *Cộng* | *180* | |\n")
    assert [(b.amount_vnd, b.source) for b in prose(budgets_of(table))] == [(180_000_000, "district")]


@pytest.mark.parametrize("sentence, source", [
    ("Ưu tiên ngân sách địa phương cho phong trào thể thao;\nmỗi quận dành ít nhất 80 triệu đồng mỗi năm.",
     "district"),
    ("Hằng năm, mỗi xã bố trí ít nhất 30 triệu đồng để duy trì câu lạc bộ.", "district"),
    ("Mỗi tỉnh chủ động bố trí tối thiểu 2 tỷ đồng/năm cho Chương trình.", "province"),
])
def test_what_each_local_unit_sets_aside_each_year_is_an_annual_budget(sentence, source):
    budgets = budgets_of(sentence, heading="IV. TỔ CHỨC THỰC HIỆN")
    assert [(b.kind, b.source) for b in budgets] == [("annual", source)]


@pytest.mark.parametrize("sentence", [
    "Mỗi xã bố trí 40 triệu đồng để mua loa truyền thanh.",  # once per unit: a norm, not the plan's yearly funding
    "Hỗ trợ mỗi hộ 12 triệu đồng để làm chuồng trại; kinh phí từ ngân sách tỉnh.",
    "Cơ cấu giải thưởng gồm 03 giải Ba, mỗi giải 2.000.000 đồng, từ kinh phí của Ban Tổ chức.",
])
def test_an_amount_per_unit_is_a_norm(sentence):
    assert budgets_of(sentence) == []


def test_the_factors_of_a_costing_formula_are_not_lines():
    budgets = budgets_of("1. Hội nghị sơ kết: 3 hội nghị x 8.000.000 đồng = 24.000.000 đồng.\n"
                         "2. Bản tin: 4.000 bản x 1.500 đồng = 6.000.000 đồng.\n"
                         "Tổng cộng: 30.000.000 đồng.")
    assert [(b.amount_vnd, b.kind) for b in budgets] == [
        (24_000_000, "item"), (6_000_000, "item"), (30_000_000, "total")]


def test_amount_in_words_after_the_sentence():
    budgets = budgets_of("Tổng kinh phí: 1.760.000.000 đồng.\nBằng chữ: Một tỷ bảy trăm sáu mươi triệu đồng.")
    assert [(b.amount_vnd, b.words_match) for b in budgets] == [(1_760_000_000, True)]


def test_a_source_named_after_the_amount_makes_it_a_share():
    budgets = budgets_of("Huy động khoảng 900 tỷ đồng vốn xã hội hóa để nâng cấp chợ nông thôn; "
                         "ngân sách tỉnh hỗ trợ 45 tỷ đồng.")
    assert [(b.amount_vnd, b.kind, b.source) for b in budgets] == [
        (900_000_000_000, "source", "social"), (45_000_000_000, "source", "province")]


def test_a_formula_result_is_named_by_the_words_before_the_formula():
    budgets = budgets_of("Kinh phí: 2,4 tỷ đồng/năm x 4 năm = 9,6 tỷ đồng từ ngân sách tỉnh.")
    assert [(b.amount_vnd, b.kind) for b in budgets] == [(2_400_000_000, "annual"), (9_600_000_000, "total")]


@pytest.mark.parametrize("sentence", [
    "Mỗi năm, ngân sách huyện bố trí khoảng 700 triệu đồng để thực hiện Kế hoạch.",
    "Hằng năm ngân sách tỉnh cấp 1,2 tỷ đồng cho hoạt động của Ban Chỉ đạo.",
])
def test_a_clause_opening_with_a_yearly_word_states_a_yearly_sum(sentence):
    assert [b.kind for b in budgets_of(sentence)] == ["annual"]


@pytest.mark.parametrize("sentence", [
    "Bình quân mỗi thôn được hỗ trợ 150 triệu đồng; tổng kinh phí hỗ trợ 3 tỷ đồng từ ngân sách tỉnh.",
    "Miễn, giảm thuế cho hợp tác xã khoảng 8 tỷ đồng mỗi năm; tổng kinh phí hỗ trợ 3 tỷ đồng từ ngân sách tỉnh.",
])
def test_a_units_share_and_forgone_taxes_are_not_funding(sentence):
    assert [b.amount_vnd for b in budgets_of(sentence)] == [3_000_000_000]


def test_table_typed_with_spaces_keeps_its_year_header_and_one_figure_total():
    table = ("Đơn vị tính: triệu đồng\nSTT   Hoạt động             Năm 2032   Năm 2033\n"
             "1     Diễn tập              80         95\n2     Tờ gấp                20         15\n"
             "      Tổng cộng             100        110\n")
    budgets = budgets_of(table, period=(2032, 2033))
    assert [(b.amount_vnd, b.kind, b.year_from) for b in prose(budgets)] == [
        (100_000_000, "annual", 2032), (110_000_000, "annual", 2033)]
    single = ("ĐVT: triệu đồng\nSTT   Hoạt động             Kinh phí\n1     Diễn tập              175\n"
              "2     Tờ gấp                25\n      Tổng cộng             200\n")
    assert [(b.amount_vnd, b.kind) for b in prose(budgets_of(single))] == [(200_000_000, "total")]


def test_two_column_table_of_sources():
    table = ("ĐVT: tỷ đồng\n| Nguồn vốn | Giai đoạn 2031 - 2035 |\n|---|---|\n| Ngân sách trung ương | 12 |\n"
             "| Vốn vận động, tài trợ | 3 |\n| **Tổng cộng** | **15** |\n")
    budgets = budgets_of(table, period=(2031, 2035))
    assert [(b.amount_vnd, b.kind, b.source) for b in prose(budgets)] == [(15_000_000_000, "total", "mixed")]
    assert [b.source for b in budgets if b.kind == "item"] == ["central", "social"]


def test_amount_in_words_wrapped_over_two_lines():
    budgets = budgets_of("Tổng kinh phí thực hiện: 3.400.000.000 đồng (Ba tỷ bốn trăm\ntriệu đồng) từ ngân sách tỉnh.")
    assert [(b.amount_vnd, b.words_match) for b in budgets] == [(3_400_000_000, True)]


def test_a_percentage_of_the_total_is_a_share():
    budgets = budgets_of("Ngân sách nhà nước bảo đảm khoảng 70% tổng nhu cầu, tương đương 21 tỷ đồng; "
                         "phần còn lại vận động tài trợ khoảng 9 tỷ đồng.")
    assert [(b.amount_vnd, b.kind, b.source) for b in budgets] == [
        (21_000_000_000, "source", "state"), (9_000_000_000, "source", "social")]


@pytest.mark.parametrize("table", [
    "MỨC BỒI DƯỠNG TUYÊN TRUYỀN VIÊN\nĐVT: đồng/buổi\nSTT\tĐối tượng\tMức\n1\tBáo cáo viên\t400.000\n"
    "2\tHỗ trợ viên\t200.000\nCộng\t\t600.000\n",  # a unit per session: rates
    "MỨC PHỤ CẤP THÀNH VIÊN TỔ CÔNG TÁC\nĐVT: đồng\nSTT\tChức danh\tMức\n1\tTổ trưởng\t900.000\n"
    "2\tTổ viên\t700.000\nCộng\t\t1.600.000\n",
    "KẾT QUẢ GIẢI NGÂN VỐN GIAI ĐOẠN TRƯỚC\nĐVT: triệu đồng\nSTT\tNội dung\tSố tiền\n1\tGiao thông\t4.000\n"
    "2\tThủy lợi\t2.500\nTổng cộng\t\t6.500\n",  # money already spent
])
def test_rate_pay_and_past_spending_tables_are_not_funding(table):
    assert budgets_of(table, heading="PHỤ LỤC") == []


def test_a_disbursement_plan_table_is_funding():
    table = ("KẾ HOẠCH GIẢI NGÂN VỐN NĂM 2027\nĐVT: triệu đồng\nSTT\tNội dung\tSố tiền\n1\tGiao thông\t4.000\n"
             "2\tThủy lợi\t2.500\nTổng cộng\t\t6.500\n")
    assert [(b.amount_vnd, b.kind) for b in prose(budgets_of(table, heading="PHỤ LỤC"))] == [(6_500_000_000, "total")]


def test_a_floor_word_after_the_plans_own_total_is_an_estimate():
    assert [(b.amount_vnd, b.kind) for b in budgets_of("Tổng kinh phí dự kiến trên 7 tỷ đồng.")] == [
        (7_000_000_000, "total")]
    assert budgets_of("Ưu tiên hỗ trợ các mô hình có vốn trên 7 tỷ đồng.") == []  # a threshold


def test_from_a_year_on_runs_to_the_plans_end():
    budgets = budgets_of("Từ năm 2028 trở đi, mỗi năm bố trí 900 triệu đồng từ ngân sách tỉnh.", period=(2027, 2031))
    assert [(b.kind, b.year_from, b.year_to) for b in budgets] == [("annual", 2028, 2031)]


@pytest.mark.parametrize("sentence, source", [
    ("Từ năm 2027 đến năm 2029, tỉnh sẽ bố trí trung bình 3 tỷ đồng mỗi năm để nhân rộng mô hình.", "province"),
    ("Trong ba năm 2027 - 2029, xã trích khoảng 40 triệu đồng/năm cho đội tự quản.", "district"),
])
def test_a_level_setting_money_aside_as_subject_funds_from_its_own_budget(sentence, source):
    # a fee table above, printed without cell breaks, shares the sentence but not the amount's own clause
    text = "Bảng giá vé tham quan\nĐối tượng Đơn vị tính Mức thu (đồng)\nNgười lớn vé 30.000\n" + sentence
    assert [(b.amount_vnd > 0, b.kind, b.source, b.year_from, b.year_to) for b in budgets_of(text, period=(2026, 2026))] \
        == [(True, "annual", source, 2027, 2029)]


def test_a_source_budget_named_before_the_verb_is_no_allocating_level():
    assert [(b.kind, b.source) for b in prose(budgets_of("Ngân sách tỉnh bố trí 2 tỷ đồng để thực hiện Kế hoạch."))] \
        == [("total", "province")]


@pytest.mark.parametrize("unit, total, words, amount", [
    ("ĐVT: nghìn đồng", "2.310.500", "Hai tỷ ba trăm mười triệu năm trăm nghìn đồng", 2_310_500_000),
    ("Đơn vị tính: triệu đồng", "1.720", "Một tỷ bảy trăm hai mươi triệu đồng", 1_720_000_000),
])
def test_a_bare_total_confirmed_by_its_words_in_the_tables_unit(unit, total, words, amount):
    # a cost table rendered as text with single spaces between cells: no cells to read, only the words
    text = (f"1. Dự toán kinh phí ({unit})\nTT Nội dung Số tiền\n1 Tập huấn cán bộ xã 120\n2 In tờ rơi 80\n"
            f"Tổng cộng {total}\n(Bằng chữ: {words})\n")
    assert [(b.amount_vnd, b.kind, b.words_match) for b in prose(budgets_of(text))] == [(amount, "total", True)]


def test_a_bare_figure_whose_words_disagree_with_the_unit_is_no_amount():
    text = "Dự toán (ĐVT: nghìn đồng)\nTổng cộng 1.720 (Bằng chữ: Một tỷ bảy trăm hai mươi triệu đồng)\n"
    assert prose(budgets_of(text)) == []


@pytest.mark.parametrize("unit_line, multiplier", [
    ("ĐVT: tỉ đồng", 10**9),          # the other spelling of tỷ, as prose reads it
    ("Đơn vị tính: nghìn tỷ đồng", 10**12),
    ("ĐVT: tr. đồng", 10**6),
    ("(Đơn vị: ngàn đồng)", 10**3),
])
def test_a_table_reads_every_money_unit_prose_reads(unit_line, multiplier):
    table = f"{unit_line}\nSTT\tNội dung\tKinh phí\n1\tHội thảo\t3\n2\tIn ấn\t2\nTổng cộng\t\t5\n"
    assert [b.amount_vnd for b in prose(budgets_of(table))] == [5 * multiplier]


def test_a_rate_in_a_unit_line_is_no_money():
    table = "ĐVT: tỷ lệ %\nSTT\tChỉ tiêu\tNăm 2030\n1\tTiêm chủng\t95\n2\tKhám sàng lọc\t80\nTổng cộng\t\t175\n"
    assert budgets_of(table, heading="PHỤ LỤC") == []


def test_a_costing_formula_counts_only_a_money_unit():
    table = ("ĐVT: triệu đồng\nSTT\tNội dung\tKinh phí\n1\tTập huấn 3 lớp x 2 tiết/lớp\t6\n"
             "2\tIn 4 loại x 5 triệu đồng\t20\nTổng cộng\t\t26\n")
    assert checks_of(table) == []  # "2 tiết" is no 2 tỷ: only the second line is a formula, and it holds


def test_a_sentence_of_thousands_of_amounts_gives_each_once():
    # Each amount read its sentence from its start to its end (a copy each): minutes for this sentence.
    budgets = budgets_of("Kinh phí tập huấn 5 triệu đồng, " * 3000 + "do ngân sách tỉnh bảo đảm.")
    assert len(budgets) == 3000
    assert {(b.amount_vnd, b.kind, b.source) for b in budgets} == {(5_000_000, "item", "province")}


@pytest.mark.parametrize("total_line", [
    "Tổng cộng 1.720, bằng chữ: Một tỷ bảy trăm hai mươi triệu đồng.",
    "Tổng cộng 1.720  (Một tỷ bảy trăm hai mươi triệu đồng)",
])
def test_a_bare_total_restated_after_a_comma_or_gap_is_found_among_plain_figures(total_line):
    # the search skips figures with no unit unless words may restate them; these are restated
    text = f"1. Dự toán kinh phí (ĐVT: triệu đồng)\nTT Nội dung Số tiền\n1 Tập huấn 120 (x)\n2 In 1,5\n{total_line}\n"
    assert [(b.amount_vnd, b.kind, b.words_match) for b in prose(budgets_of(text))] == [(1_720_000_000, "total", True)]


def test_two_cell_lines_are_found_at_the_text_start_after_breaks_and_at_its_end():
    from chitieu.extractors.budget_tables import _two_column_tables
    text = ("| Nguồn | Kinh phí |\n| Ngân sách tỉnh | 700 |  \t\nGhi chú\n  | A | 1 |\n| B | 2 | x\n"
            "| A | B | C |\n| Xã hội hóa | 300 |\n\t| **Cộng** | **1.000** |")
    tables = _two_column_tables(Document("a", "0", text))
    assert [[(start, end, cells) for start, end, cells in t.lines] for t in tables] == [
        [(0, 20, ["Nguồn", "Kinh phí"]), (21, 48, ["Ngân sách tỉnh", "700"])],
        [(95, 115, ["Xã hội hóa", "300"]), (116, 141, ["**Cộng**", "**1.000**"])]]


def test_a_header_line_after_the_columns_numbers_is_still_the_headers():
    # the columns' numbers are figures but no line of the body: the header goes on under them
    from chitieu.extractors.budget_tables import read_budget_tables
    text = ("ĐVT: triệu đồng\nSTT\tNội dung\tKinh phí\tGhi chú\n1\t2\t3\t4\nNguồn\tvốn\tnăm 2027\tx\n"
            "1\tTập huấn\t100\tSở Y tế\n2\tIn ấn\t50\tSở Y tế\n\tTổng cộng\t150\t\n")
    [table] = read_budget_tables(Document("a", "0", text))
    assert (table.years, table.has_source_column, [(r.label, r.values, r.is_total) for r in table.rows]) == (
        [2027], True, [("Tập huấn", [100.0], False), ("In ấn", [50.0], False), ("Tổng cộng", [150.0], True)])


@pytest.mark.parametrize("end", [".", "…"])  # a folded text of ASCII characters only, and one with another
def test_amounts_are_found_alike_in_any_folded_text(end):
    from chitieu.extractors.budgets import find_money_mentions
    doc = Document("a.txt", "0", f"Kinh phí thực hiện 1.250.000.000 đồng, trong đó 2,5 tỷ đồng (1/2) và 7 triệu đồng/năm{end}")
    assert doc.folded.isascii() == (end == ".")
    assert [(m.amount, m.raw) for m in find_money_mentions(doc)] == [
        (1_250_000_000, "1.250.000.000 đồng"), (2_500_000_000, "2,5 tỷ đồng"), (7_000_000, "7 triệu đồng")]


def test_body_lines_and_plain_cells_read_by_their_first_characters():
    # a body line holds a character besides Markdown's rule marks; emphasis marks open a cell: cells with and
    # without marks, marks alone, empty cells, against the tests the cheaper ones replace
    import random
    from chitieu.extractors.budget_tables import _EMPHASIS, _is_body_line, _is_column_numbers, _plain_cell
    rng = random.Random(11)
    pieces = ["-", ":", "|", " ", "*", "**", "_", "x", "1", "(", ")", "Cộng", "\t"]
    cells = ["", "-", "**", "*x*", "__a__", "***1.000***", " *a*", "_", "**a** b"]
    cells += ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8))) for _ in range(3000)]
    for cell in cells:
        unmarked = cell
        while (marked := _EMPHASIS.fullmatch(unmarked)) is not None:
            unmarked = marked.group(2).strip()
        assert _plain_cell(cell) == unmarked, cell
    for _ in range(3000):
        line = [rng.choice(cells) for _ in range(rng.randrange(0, 5))]
        assert _is_body_line(line) == (bool(set("".join(line)) - set("-:| ")) and not _is_column_numbers(line)), line


def test_money_figures_are_the_amounts_with_a_unit_or_words():
    # the search that keeps only figures with a unit word or restated in words finds the figures, units and
    # spans _AMOUNT finds and the loop kept, over random mixtures of figures glued to letters, units, rates,
    # words and brackets (numbers read another way when the first is glued to a letter or a digit of another
    # script, a scale dropped for a rate word or a letter after it)
    import random
    # the same figures matched at the starts FigureStarts finds (the text's first character, other scripts' digits)
    from chitieu.extractors.budgets import _AMOUNT, _WORDS_AFTER, _money_figures
    from chitieu.extractors.numbers import FigureStarts
    rng = random.Random(5)
    pieces = ["1", "25", "2025", "1.000", "2,5", "1.000.000", ".", ",", "/", " ", "  ", "\n", "ty", "trieu", "nghin ty",
              "ngan", "dong", "d", "vnd", "le", " suat", "x", "ha", "a", "(", ")", "bang chu", ":", ";", "nam", "đ", "٣",
              "_", "😀"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        kept = [(m.span(), m.group(1, 2, 3)) for m in _AMOUNT.finditer(text)
                if m.group(2) or m.group(3) or _WORDS_AFTER.match(text, m.end())]
        found = [(m.span(), (text[m.start():m.end(1)], m.group(2), m.group(3)))
                 for m in _money_figures(FigureStarts(text), text)]
        assert found == kept, text


def test_figure_starts_are_those_a_search_finds():
    # digits with no digit or figure mark (and, standing alone, no word character) right before them, over mixtures
    # of digits of several scripts, marks, letters, characters past numpy's table and text edges, in ASCII texts
    # (read byte by byte) and others
    import random
    import re
    from chitieu.extractors.numbers import FigureStarts
    rng = random.Random(8)
    pieces = ["1", "20", "٣", "٤5", ".", ",", "/", " ", "a", "đ", "_", "😀", "\u2460", "\uff11", "-", "\n", "x1", "²",
              "\x7f"]
    after_no_figure, standing_alone = re.compile(r"\d(?<![\d.,/]\d)"), re.compile(r"\d(?<![\w.,/]\d)")
    for ascii_only in (True, False):
        for _ in range(3000):
            choices = [p for p in pieces if p.isascii()] if ascii_only else pieces
            text = "".join(rng.choice(choices) for _ in range(rng.randrange(0, 12)))
            starts = FigureStarts(text)
            assert starts.after_no_figure() == [m.start() for m in after_no_figure.finditer(text)], text
            assert starts.standing_alone() == [m.start() for m in standing_alone.finditer(text)], text
