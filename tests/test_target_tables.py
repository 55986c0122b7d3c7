"""Targets printed as a table of indicators by year."""
import pytest
from chitieu.extractors.target_tables import table_targets, year_columns
from chitieu.extractors.targets import extract_targets
from chitieu.models.document import QUOTE_MAX, Document

TABLE = (
    "STT\tChỉ tiêu\tĐVT\tThực hiện 2020\tNăm 2021\tNăm 2025\n"
    "1\tTỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ\t%\t95\t96\t98\n"
    "2\tTỷ suất tử vong trẻ em dưới 5 tuổi\t‰\t22\t21\t18,5\n"
    "3\tSố bác sĩ/vạn dân\tbác sĩ\t8,5\t9\t10\n"
    "4\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t90\t91\t> 95\n"
)


def doc_with(section: str, table: str = TABLE) -> Document:
    doc = Document("t.txt", "0", f"KẾ HOẠCH\nPhát triển y tế giai đoạn 2021 - 2025\n\n{section}\n{table}")
    return doc


def test_each_figure_under_a_goal_year_is_a_target():
    found = [(t.value, t.unit, t.comparator, t.year) for t in table_targets(doc_with("I. MỤC TIÊU"))]
    assert found == [
        (96.0, "%", ">=", 2021), (98.0, "%", ">=", 2025),
        (21.0, "/1000", ">=", 2021), (18.5, "/1000", ">=", 2025),
        (9.0, "count", ">=", 2021), (10.0, "count", ">=", 2025),
        (91.0, "%", ">=", 2021), (95.0, "%", ">", 2025),     # the bound printed in the cell
    ]  # the "Thực hiện 2020" column is where the plan starts from, not a goal


def test_table_targets_carry_their_row_and_cell():
    doc = doc_with("I. MỤC TIÊU")
    target = table_targets(doc)[0]
    assert doc.text[slice(*target.span)] == "96"
    assert target.quote.startswith("1\tTỷ lệ trẻ em dưới 1 tuổi")
    assert (target.indicator, target.national_code) == ("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ", "5.1")


def test_extract_targets_reads_table_rows_once():
    targets = extract_targets(doc_with("I. MỤC TIÊU"), 2025)
    assert len(targets) == 8


@pytest.mark.parametrize("section, table", [
    ("I. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2016 - 2020", TABLE),                 # results, not goals
    ("III. KINH PHÍ", TABLE),                                               # a budget section
    ("PHỤ LỤC\nĐVT: triệu đồng", "STT\tNội dung\tNăm 2021\tNăm 2022\n1\tTập huấn\t100\t120\n2\tIn tài liệu\t50\t50\n"),
    ("I. MỤC TIÊU", "STT\tNội dung\tĐVT\tNăm 2021\n1\tVốn đầu tư\ttỷ đồng\t50\n2\tKinh phí\ttriệu đồng\t300\n"),
])
def test_tables_that_hold_no_targets(section, table):
    assert table_targets(doc_with(section, table)) == []


@pytest.mark.parametrize("header, years", [
    (["STT", "Chỉ tiêu", "ĐVT", "KH 2021", "Mục tiêu 2025"], {3: 2021, 4: 2025}),
    (["STT", "Chỉ tiêu", "ĐVT", "Ước TH 2020", "Giai đoạn 2021 - 2025"], {4: 2025}),
])
def test_goal_year_columns(header, years):
    assert year_columns(header).years == years


def test_a_costing_table_without_a_unit_column_is_no_target_table():
    table = "STT\tNội dung\tNăm 2021\tNăm 2022\n1\tTập huấn\t100\t120\n2\tIn tài liệu\t50\t50\n"
    assert table_targets(doc_with("PHỤ LỤC\nDỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH", table)) == []


@pytest.mark.parametrize("unit", ["Ha", "Tấn", "Nghìn tấn", "Con", "m3"])
def test_rows_in_physical_units_hold_no_targets(unit):
    table = ("STT\tChỉ tiêu\tĐVT\tNăm 2026\tNăm 2028\n"
             f"1\tDiện tích cây ăn quả\t{unit}\t1.250\t1.400\n"
             "2\tTỷ lệ hộ dùng nước sạch\t%\t88\t92\n")
    found = [(t.indicator, t.value) for t in table_targets(doc_with("I. MỤC TIÊU", table))]
    assert found == [("Tỷ lệ hộ dùng nước sạch", 88.0), ("Tỷ lệ hộ dùng nước sạch", 92.0)]


def cell_lines(rows: list[list[str]]) -> str:
    """A table as a legal-text website prints it: one cell a line, each closed by a ``|`` line."""
    return "".join("|\n" + "".join(f"{cell}\n|\n" for cell in row) for row in rows)


def test_a_table_printed_one_cell_a_line_with_a_merged_year_header():
    table = cell_lines([["TT", "Chỉ tiêu", "ĐVT", "Ước TH 2023", "GIAI ĐOẠN 2024 - 2026"],
                        ["Năm thứ nhất 2024", "Năm thứ hai 2025", "Năm thứ ba 2026"]]) + cell_lines([
        ["1", "Tỷ lệ xã có bưu cục", "%", "70", "75", "80", "85"],
        ["2", "Diện tích chè", "Ha", "900", "950", "1.000", "1.050"]])
    found = [(t.indicator, t.value, t.year) for t in table_targets(doc_with("I. MỤC TIÊU", table))]
    assert found == [("Tỷ lệ xã có bưu cục", 75.0, 2024), ("Tỷ lệ xã có bưu cục", 80.0, 2025),
                     ("Tỷ lệ xã có bưu cục", 85.0, 2026)]  # the hectares are outside the contract


def test_a_cell_line_table_without_indicator_columns_is_not_read():
    table = cell_lines([["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]]) + cell_lines([
        ["1", "Tập huấn", "Sở Y tế", "2026"], ["2", "Kiểm tra", "Sở Nội vụ", "2027"]])
    assert table_targets(doc_with("II. NHIỆM VỤ", table)) == []


def test_a_cell_line_table_is_read_once_with_units_written_in_cells():
    table = cell_lines([["STT", "Chỉ tiêu", "ĐVT", "Năm 2026", "Năm 2027"]]) + cell_lines([
        ["1", "Số thôn có nhà văn hóa", "thôn", "40", "46 thôn"], ["2", "Tỷ lệ hộ có Internet", "%", "82%", "90"]])
    found = [(t.value, t.unit, t.year) for t in extract_targets(doc_with("I. MỤC TIÊU", table), 2027)]
    assert found == [(40.0, "count", 2026), (46.0, "count", 2027), (82.0, "%", 2026), (90.0, "%", 2027)]


def test_a_task_tables_time_column_holds_no_goal_years():
    table = ("| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
             "| 1 | Rà soát trạm bơm | Sở Xây dựng | Quý II/2026 |\n"
             "| 2 | Nạo vét kênh tiêu | UBND cấp xã | 2026 - 2028 |\n"
             "| 3 | Lắp đặt trạm quan trắc | Sở Nông nghiệp và Môi trường | 2027 |\n")
    assert table_targets(doc_with("II. NHIỆM VỤ", table)) == []


def test_a_row_wider_than_a_quote_is_quoted_around_its_cell():
    label = "Tỷ lệ hộ gia đình được tư vấn " + "về dinh dưỡng và chăm sóc trẻ nhỏ " * 30
    doc = Document("t.txt", "0", f"I. MỤC TIÊU\nSTT\tChỉ tiêu\tĐVT\tNăm 2025\n1\t{label}\t%\t90\n")
    (target,) = table_targets(doc)
    assert target.value == 90.0 and len(target.quote) <= QUOTE_MAX and "90" in target.quote
