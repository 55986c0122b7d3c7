"""Targets printed as a table of indicators by year."""
import pytest
from chitieu.extractors.target_tables import table_targets, year_columns
from chitieu.extractors.targets import extract_targets
from chitieu.models.document import Document
from chitieu.pipeline.sections import segment

TABLE = (
    "STT\tChỉ tiêu\tĐVT\tThực hiện 2020\tNăm 2021\tNăm 2025\n"
    "1\tTỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ\t%\t95\t96\t98\n"
    "2\tTỷ suất tử vong trẻ em dưới 5 tuổi\t‰\t22\t21\t18,5\n"
    "3\tSố bác sĩ/vạn dân\tbác sĩ\t8,5\t9\t10\n"
    "4\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t90\t91\t> 95\n"
)


def doc_with(section: str, table: str = TABLE) -> Document:
    doc = Document("t.txt", "0", f"KẾ HOẠCH\nPhát triển y tế giai đoạn 2021 - 2025\n\n{section}\n{table}")
    doc.sections = segment(doc)
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
