"""Deadlines: one case per phrasing of a time bound, from sentences written the way plans write them."""
from __future__ import annotations

import pytest
from chitieu.extractors.agencies import extract_agencies
from chitieu.extractors.deadlines import extract_deadlines
from chitieu.models.document import Document

HEAD = "KẾ HOẠCH\nThực hiện công tác dân số\n\nI. MỤC TIÊU\n1. Thời gian thực hiện: Từ năm 2021 đến năm 2025.\n\nII. NHIỆM VỤ\n"


def deadlines(body: str, year: int | None = None) -> list[tuple[str, str, str | None]]:
    doc = Document("t.txt", "0", HEAD + body)
    return [(d.due, d.kind, d.agency) for d in extract_deadlines(doc, year, extract_agencies(doc))]


@pytest.mark.parametrize("sentence, due, kind", [
    ("Ban hành kế hoạch (hoàn thành trong quý I năm 2021).", "2021-03-31", "due"),
    ("Trình phê duyệt đề án (hoàn thành trong Quý IV/2022).", "2022-12-31", "due"),
    ("Tổng hợp, báo cáo kết quả trước ngày 20/7/2021.", "2021-07-20", "due"),
    ("Gửi báo cáo chậm nhất ngày 15 tháng 12 năm 2023.", "2023-12-15", "due"),
    ("Tổ chức tổng kết vào cuối năm 2020.", "2020-12-31", "due"),
    ("Rà soát danh sách (hoàn thành trong tháng 9/2022).", "2022-09-30", "due"),
    ("Tuyên truyền pháp luật (thực hiện năm 2020 và các năm tiếp theo).", "2020", "start"),
    ("Lồng ghép nội dung giảng dạy (thực hiện từ năm học 2020 - 2021 và các năm tiếp theo).", "2020", "start"),
    ("Bảo đảm an ninh (thực hiện trong quý I năm 2021 và các năm tiếp theo).", "2021-03-31", "start"),
    ("Ban hành kế hoạch năm (thực hiện trong quý I hàng năm).", "--03-31", "recurring"),
    ("Định kỳ 6 tháng (trước ngày 15/6) báo cáo kết quả.", "--06-15", "recurring"),
    ("Báo cáo kết quả trước ngày 10 tháng 12 hằng năm.", "--12-10", "recurring"),
])
def test_bound(sentence: str, due: str, kind: str) -> None:
    assert [(d, k) for d, k, _ in deadlines(f"1. {sentence}\n")] == [(due, kind)]


def test_yearless_bound_in_a_one_year_plan_falls_in_that_year() -> None:
    assert deadlines("1. Tổ chức Tháng hành động (Từ ngày 01/6 đến ngày 30/6).\n", 2024) == [("2024-06-30", "due", None)]


@pytest.mark.parametrize("sentence", [
    "Thực hiện Quyết định số 830/QĐ-TTg ngày 01/6/2021 của Thủ tướng Chính phủ.",  # date of a cited document
    "Định kỳ 6 tháng, một năm báo cáo kết quả thực hiện.",  # reporting duty without a date
    "Hưởng ứng Ngày Quốc tế thiếu nhi (01/6).",  # a day's date, not a bound
    "Chủ động ứng phó thiên tai trong mùa mưa bão từ tháng 9 đến tháng 12.",  # a season, not a bound
    "Phổ biến Đề án bảo tồn nghề gốm giai đoạn 2028-2033 và những năm tiếp theo.",  # a plan's name
])
def test_not_a_deadline(sentence: str) -> None:
    assert deadlines(f"1. {sentence}\n") == []


def test_plan_period_is_not_a_deadline() -> None:
    assert deadlines("") == []


def test_agency_of_the_item() -> None:
    body = "a) Sở Y tế\n- Ban hành hướng dẫn (hoàn thành trong quý II năm 2022).\n"
    assert deadlines(body) == [("2022-06-30", "due", "Sở Y tế")]


def test_first_named_of_several_addressees() -> None:
    body = "g) Công an tỉnh, Sở Xây dựng căn cứ chức năng triển khai (thực hiện năm 2021 và các năm tiếp theo).\n"
    assert deadlines(body)[0][2] == "Công an tỉnh"


def test_named_class_among_generic_addressees() -> None:
    body = ("1. Các sở, ngành, đoàn thể và UBND các huyện, thành phố xây dựng kế hoạch; "
            "định kỳ năm (trước ngày 15/12) báo cáo kết quả.\n")
    assert deadlines(body) == [("--12-15", "recurring", "UBND cấp huyện")]


def test_lead_in_sentence_with_colon_governs_its_bullets() -> None:
    body = "5. Bảo đảm nguồn lực\nSở Tài chính chủ trì, phối hợp với Sở Nội vụ:\n- Bố trí kinh phí (thực hiện năm 2022 và các năm tiếp theo).\n"
    assert deadlines(body) == [("2022", "start", "Sở Tài chính")]


@pytest.mark.parametrize("cell, due", [("Quý IV/2025", "2025-12-31"), ("2026", "2026-12-31"), ("2025 - 2030", "2030-12-31")])
def test_time_column_of_a_task_table(cell: str, due: str) -> None:
    table = f"PHỤ LỤC\nSTT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\n1\tTập huấn cán bộ\tSở Nội vụ\t{cell}\n"
    assert deadlines(table) == [(due, "due", "Sở Nội vụ")]


def test_plan_period_outside_the_goals_is_not_a_deadline() -> None:
    doc = Document("t.txt", "0", "KẾ HOẠCH\nabc\n\nI. PHẠM VI VÀ THỜI GIAN\n2. Thời gian thực hiện: năm 2022.\n")
    assert extract_deadlines(doc, 2022, extract_agencies(doc)) == []


@pytest.mark.parametrize("line, due", [
    ("- Thời gian hoàn thành: Tháng 6/2022.", "2022-06-30"),
    ("- Thời gian thực hiện: năm 2023.", "2023-12-31"),
])
def test_time_line_of_a_task_takes_the_lead_named_by_its_label(line: str, due: str) -> None:
    body = f"1. Xây dựng kho dữ liệu dùng chung.\n- Cơ quan chủ trì: Sở Thông tin và Truyền thông.\n{line}\n"
    assert deadlines(body) == [(due, "due", "Sở Thông tin và Truyền thông")]


# ----------------------------------------------------------------- task tables: the time column, three renderings
TABLE_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def _table(rows: list[list[str]], rendering: str) -> str:
    lines = [TABLE_HEADER, *rows]
    if rendering == "tabs":
        return "\n".join("\t".join(cells) for cells in lines) + "\n"
    if rendering == "pipes":
        return "\n".join("| " + " | ".join(cells) + " |" for cells in lines) + "\n"
    # a web page printed as text: each cell on its own lines, a lone "|" before each row and after each cell
    return "".join("|\n" + "".join(f"{cell}\n|\n" for cell in cells) for cells in lines) + "\n"


@pytest.mark.parametrize("rendering", ["tabs", "pipes", "cell lines"])
@pytest.mark.parametrize("cell, expected", [
    ("Quý III/2026", [("2026-09-30", "due")]),
    ("Quý II Năm 2027", [("2027-06-30", "due")]),
    ("2026-2028", [("2028-12-31", "due")]),
    ("Năm 2027", [("2027-12-31", "due")]),
    ("Từ năm 2026 đến năm 2029", [("2029-12-31", "due")]),
    ("Tháng 12/2025", [("2025-12-31", "due")]),
    ("Tháng 10 hằng năm", [("--10-31", "recurring")]),
    ("Quý IV/2025 - Quý I/2026", [("2026-03-31", "due")]),
    ("Trước ngày 15/9/2026", [("2026-09-15", "due")]),
    ("Năm 2028 và các năm tiếp theo", [("2028", "start")]),
    ("2027 - 2029 và những năm tiếp theo", [("2027", "start")]),
    ("Tháng 11/2025 - Tháng 01/2026", [("2026-01-31", "due")]),
    ("Đến 31/12/2025", [("2025-12-31", "due")]),
    ("Quý III-IV/2026", [("2026-12-31", "due")]),
    ("Tháng 11-12/2025", [("2025-12-31", "due")]),
    ("Từ 01/12/2025", [("2025-12-01", "start")]),
    ("Thường xuyên", []),
    ("Theo kế hoạch riêng", []),
])
def test_time_column_cells(rendering: str, cell: str, expected: list[tuple[str, str]]) -> None:
    table = _table([["1", "Rà soát danh mục trạm quan trắc", "Sở Xây dựng", "Các sở, ngành liên quan", cell]], rendering)
    assert deadlines("PHỤ LỤC\n" + table) == [(due, kind, "Sở Xây dựng") for due, kind in expected]


@pytest.mark.parametrize("rendering", ["tabs", "pipes", "cell lines"])
@pytest.mark.parametrize("lead, agency", [
    ("Bộ CHQS tỉnh; UBND cấp xã", "Bộ Chỉ huy Quân sự tỉnh"),  # two leads: the first named answers
    ("Sở, ban, ngành, tổ chức chính trị - xã hội", "Các sở, ban, ngành, tổ chức chính trị - xã hội"),
    ("Ban Quản lý các khu kinh tế", "Ban Quản lý các khu kinh tế"),
    ("Cơ quan, địa phương liên quan", None),  # a group that names no body
    ("Các doanh nghiệp bưu chính, tổ chức có liên quan", "Các doanh nghiệp bưu chính"),  # a group one can name
])
def test_row_lead_answers_for_its_time_cell(rendering: str, lead: str, agency: str | None) -> None:
    table = _table([["2", "Ban hành quy chế phối hợp", lead, "Sở Tư pháp", "2026"]], rendering)
    assert deadlines("PHỤ LỤC\n" + table) == [("2026-12-31", "due", agency)]


def test_cell_line_table_with_merged_heading_rows_and_cells_merged_down() -> None:
    # a heading row merged across ("| I | ... |"), and a second row of item 1 whose first two cells are merged down
    table = ("|\nTT\n|\nĐiểm lấy mẫu\n|\nChỉ tiêu\n|\nThời gian lấy mẫu\n|\nSố mẫu\n|\n"
             "|\nI\n|\nVÙNG NUÔI VEN BIỂN\n|\n"
             "|\n1\n|\nCửa sông A\n|\npH, độ mặn\n|\n06 tháng\n(từ tháng 5 đến tháng 10)\n|\n12\n|\n"
             "|\nKim loại nặng\n|\n02 tháng\n(tháng 6 và tháng 9)\n|\n4\n|\n\n")
    assert deadlines("PHỤ LỤC\n" + table, 2027) == [
        ("2027-10-31", "due", None), ("2027-06-30", "due", None), ("2027-09-30", "due", None)]


# ----------------------------------------------------------------- phrasings in prose
@pytest.mark.parametrize("sentence, year, expected", [
    ("Gửi báo cáo trước ngày 10/6 và 10/12 hằng năm.", None, [("--06-10", "recurring"), ("--12-10", "recurring")]),
    # "hằng năm" before the bound: it recurs even in a one-year plan
    ("Hằng năm (trước ngày 08 tháng 10) gửi số liệu về Sở Nội vụ.", 2027, [("--10-08", "recurring")]),
    ("Mỗi năm, trước ngày 08 tháng 10 gửi số liệu về Sở Nội vụ.", 2027, [("--10-08", "recurring")]),
    ("Tổ chức Ngày hội đọc sách vào ngày 21 tháng 4 hằng năm.", None, [("--04-21", "recurring")]),
    # OCR reads a zero as the letter O
    ("Hoàn thành kết nối dữ liệu trước 31/12/2O26.", None, [("2026-12-31", "due")]),
    ("Gửi báo cáo trước ngày 3O tháng 11 hằng năm.", None, [("--11-30", "recurring")]),
    ("Ban hành quy chế (hoàn thành trong quý I/2O27).", None, [("2027-03-31", "due")]),
    ("Kinh phí đến ngày 31 tháng 5 hằng năm chưa sử dụng thì thu hồi.", None, [("--05-31", "recurring")]),
    ("Lấy mẫu nước vào tháng 5 và tháng 9 năm 2027.", None, [("2027-05-31", "due"), ("2027-09-30", "due")]),
    ("Tổ chức tuyên truyền trong tháng 5 và tháng 6 hằng năm.", None, [("--06-30", "recurring")]),
    ("Tập huấn giáo viên vào dịp hè hằng năm (tháng 8).", 2026, [("--08-31", "recurring")]),
    ("Lấy mẫu nước từ tháng 2 đến tháng 11 năm 2027.", None, [("2027-11-30", "due")]),
    ("Thời gian lấy mẫu nước từ tháng 2 đến tháng 11.", 2027, [("2027-11-30", "due")]),
    ("Tổ chức đợt cao điểm (từ ngày 05 đến ngày 12 tháng 10 năm 2026).", None, [("2026-10-12", "due")]),
    ("Số hóa bản đồ địa chính.\n- Thời gian thực hiện: Giai đoạn 2027-2031 và những năm tiếp theo.", None,
     [("2027", "start")]),
    ("Số hóa bản đồ địa chính.\n- Thời gian thực hiện: Năm 2028\nvà các năm tiếp theo.", None, [("2028", "start")]),
    ("Chi trả chế độ hỗ trợ.\n- Thời gian thực hiện: Từ\n01/3/2026.", None, [("2026-03-01", "start")]),
    ("Chi trả chế độ hỗ trợ.\n- Thời gian thực hiện: Từ năm 2027.", None, [("2027", "start")]),
    ("Lồng ghép kỹ năng số vào giờ sinh hoạt lớp, thực hiện thường xuyên từ năm học 2026 - 2027.", None,
     [("2026", "start")]),
    ("Số hóa hồ sơ.\n- Thời hạn hoàn thành: 30/6/2026.", None, [("2026-06-30", "due")]),
    ("Số hóa hồ sơ.\n- Thời gian thực hiện: 01/3/2026 - 30/4/2026.", None, [("2026-04-30", "due")]),
    ("Tổ chức ngày hội (từ ngày 20/11 - 10/12/2025).", None, [("2025-12-10", "due")]),
    ("Tổng kết, báo cáo trong tháng 12 hằng năm.", 2026, [("--12-31", "recurring")]),
    ("Tham gia hội chợ quốc tế trong 6 tháng cuối năm.", 2026, [("2026-12-31", "due")]),
    ("Rà soát danh mục trong 6 tháng đầu năm 2027.", None, [("2027-06-30", "due")]),
    ("Hoàn thiện hồ sơ (hoàn thành trong quý I-II/2026).", None, [("2026-06-30", "due")]),
    ("Rà soát, cập nhật số liệu trong tháng 10-11/2026.", None, [("2026-11-30", "due")]),
    # the dates of a periodic report's calendar recur, even in a one-year plan
    ("Các phòng, ban định kỳ quý (trước ngày 25/3) và cả năm (trước ngày 25/11) gửi số liệu.", 2027,
     [("--03-25", "recurring"), ("--11-25", "recurring")]),
    ("Định kỳ hằng quý (trước ngày 05), 6 tháng (trước ngày 05/7) và tổng kết năm (trước ngày 05/12) gửi báo cáo.",
     2027, [("--07-05", "recurring"), ("--12-05", "recurring")]),
    # an event's month or days in brackets after its name, the year written: due at its end
    ("Tổ chức Ngày hội việc làm thanh niên (tháng 9/2027).", None, [("2027-09-30", "due")]),
    ("Tổ chức Hội thi tìm hiểu pháp luật (05/3 - 12/3/2027); tuyên truyền thường xuyên.", None,
     [("2027-03-12", "due")]),
])
def test_more_bounds(sentence: str, year: int | None, expected: list[tuple[str, str]]) -> None:
    assert [(d, k) for d, k, _ in deadlines(f"1. {sentence}\n", year)] == expected


def test_phases_and_tasks_in_a_time_section_are_bounds_but_its_own_period_is_not() -> None:
    body = ("III. THỜI GIAN\n1. Thời gian thực hiện: Từ ngày 01/4/2026 đến ngày 30/6/2026.\n"
            "2. Thời gian tổ chức chia thành 02 đợt:\n"
            "- Đợt 1: (từ ngày 01 tháng 4 năm 2026 đến ngày 20 tháng 4 năm 2026);\n"
            "3. Thời gian chấm điểm, xếp loại trước ngày 10 tháng 7 năm 2026.\n")
    doc = Document("t.txt", "0", "KẾ HOẠCH\nPhong trào thi đua\n\nI. MỤC ĐÍCH\nabc\n\n" + body)
    assert [(d.due, d.kind) for d in extract_deadlines(doc, None, extract_agencies(doc))] == [
        ("2026-04-20", "due"), ("2026-07-10", "due")]


# ----------------------------------------------------------------- who answers for a bound in prose
def test_labelled_task_takes_its_own_lead_label() -> None:
    body = ("2. Ứng dụng công nghệ số\n- Vận hành cổng dữ liệu dùng chung.\n\n*Đơn vị chủ trì tham mưu thực\nhiện: *Sở Tư pháp.\n\n"
            "*Thời gian thực hiện: *Quý II/2026.\n\n- Ra mắt trợ lý ảo hỗ trợ người dân.\n\n"
            "*Đơn vị chủ trì thực hiện: *Sở Công Thương.\n\n*Đơn vị phối hợp thực hiện: *Sở Tư pháp.\n\n"
            "*Thời gian thực hiện: *Tháng\n9/2026.\n\n- Chi trả chế độ hỗ trợ.\n\n"
            "*Đơn vị chủ trì thực hiện: *Các\ncơ quan, đơn vị theo quy định.\n\n*Thời gian thực hiện: *Năm 2027.\n")
    assert deadlines(body) == [("2026-06-30", "due", "Sở Tư pháp"), ("2026-09-30", "due", "Sở Công Thương"),
                               ("2027-12-31", "due", None)]


ORGANISATION = "III. TỔ CHỨC THỰC HIỆN\n"


@pytest.mark.parametrize("body", [
    # the item's heading names a generic group and a named class: the class answers for its letter items
    "**2**. Các sở, ngành tỉnh và Ủy ban nhân dân các xã, phường:\na) Xây dựng kế hoạch cụ thể.\n"
    "b) Hằng năm (trước ngày 18 tháng 9) gửi số liệu về Ủy ban nhân dân tỉnh.\n",
    # the issuer asks: the bodies it asks answer, also in the clause after ";"
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành, Ủy ban nhân dân các xã, phường triển khai thực hiện; "
    "trước ngày 18 tháng 9 hằng năm gửi số liệu về Sở Tư pháp.\n",
    # ... its request's words wrapped over two lines, after a sentence another body leads
    "Sở Y tế triển khai kế hoạch. Ủy ban nhân dân tỉnh yêu\ncầu các sở, ngành, Ủy ban nhân dân các xã, phường "
    "gửi số liệu trước ngày 18 tháng 9 hằng năm.\n",
    # the subject after an adverbial, its name wrapped over two lines
    "1. Trên cơ sở nội dung được giao, các ban, ngành, đoàn thể tỉnh, Ủy\nban nhân dân các xã, phường "
    "lập danh sách (xong trước ngày 05/8/2027) gửi Sở Nội vụ.\n",
])
def test_addressee_of_the_item_answers(body: str) -> None:
    assert [a for _, _, a in deadlines(ORGANISATION + body)] == ["UBND cấp xã"]


def test_a_department_asking_a_ministry_still_answers_for_its_task() -> None:
    body = "2. Sở Tài chính tổng hợp, đề nghị Bộ Tài chính bổ sung kinh phí (hoàn thành trong quý II/2026).\n"
    assert deadlines(ORGANISATION + body) == [("2026-06-30", "due", "Sở Tài chính")]


@pytest.mark.parametrize("rendering", ["tabs", "pipes", "cell lines"])
def test_a_data_row_that_opens_with_time_words_is_no_header(rendering: str) -> None:
    table = _table([["1", "Thời gian tiếp dân tại bộ phận một cửa", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2026"],
                    ["2", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"]], rendering)
    assert deadlines("PHỤ LỤC\n" + table) == [("2026-03-31", "due", "Sở Nội vụ"), ("2026-06-30", "due", "Sở Tư pháp")]


def test_prose_indented_with_tabs_is_no_task_table() -> None:
    body = ("1. Số hóa hồ sơ lưu trữ.\n-\tThời gian thực hiện:\tThường xuyên.\n"
            "2. Nâng cấp cổng dịch vụ công.\n-\tĐơn vị chủ trì:\tSở Tư pháp.\n-\tThời gian thực hiện:\tQuý III/2026.\n")
    assert deadlines(body) == [("2026-09-30", "due", "Sở Tư pháp")]


def test_the_object_of_a_report_wrapped_to_a_new_line_does_not_answer() -> None:
    body = ("1. Sở Xây dựng:\n- Theo dõi, đôn đốc thực hiện.\n- Tổng hợp kết quả, báo cáo\n"
            "UBND tỉnh trước ngày 20/12/2026.\n")
    assert deadlines(ORGANISATION + body) == [("2026-12-20", "due", "Sở Xây dựng")]


def test_closing_words_are_not_the_last_items_task() -> None:
    body = ("5. Các hợp tác xã nông nghiệp\n- Tham gia cung cấp dữ liệu.\n\nTrên đây là Kế hoạch số hóa của tỉnh. Đề nghị "
            "các cơ quan, đơn vị triển khai. Hằng năm (trước ngày 14 tháng 10) gửi số liệu về Sở Xây dựng.\n")
    assert deadlines(ORGANISATION + body) == [("--10-14", "recurring", None)]


@pytest.mark.parametrize("rendering", ["tabs", "cell lines"])
def test_a_row_under_a_lead_cell_merged_down_keeps_that_lead(rendering: str) -> None:
    # the second task shares the first one's number, task group and lead (cells merged down): only 2 cells printed
    rows = [["1", "Số hóa hồ sơ đất đai", "Sở Nông nghiệp và Môi trường", "UBND cấp xã", "Quý II/2026"]]
    table = _table(rows, rendering)
    second = "Sở Tài chính\tQuý IV/2026\n" if rendering == "tabs" else "|\nSở Tài chính\n|\nQuý IV/2026\n|\n\n"
    table = table.rstrip("\n") + "\n" + second
    assert deadlines("PHỤ LỤC\n" + table) == [("2026-06-30", "due", "Sở Nông nghiệp và Môi trường"),
                                               ("2026-12-31", "due", "Sở Nông nghiệp và Môi trường")]


def test_a_named_class_addressed_with_a_group_answers_before_the_group() -> None:
    body = ("**2. Các Sở, ngành, UBND \ncác xã, phường và các cơ quan, đơn vị có liên quan**\n"
            "Định kỳ 6 tháng (*trước ngày 15/6*) báo cáo kết quả về Sở Công Thương.\n")
    assert deadlines(ORGANISATION + body) == [("--06-15", "recurring", "UBND cấp xã")]


@pytest.mark.parametrize("sentence, due", [
    ("Sở Công Thương cấp thêm 15 giấy chứng nhận cho các hợp tác xã trong năm 2027.", "2027-12-31"),
    ("Sở Xây dựng rà soát, công bố danh mục dự án\ntrong năm 2028.", "2028-12-31"),
    ("Sở Y tế hoàn thành kết nối các trạm y tế đến hết năm 2029.", "2029-12-31"),
])
def test_a_task_done_within_a_named_year(sentence: str, due: str) -> None:
    assert [(d, k) for d, k, _ in deadlines(f"1. {sentence}\n")] == [(due, "due")]


@pytest.mark.parametrize("sentence", [
    "Trong năm 2027, các sở tập trung thực hiện các nhiệm vụ sau:",  # a passage's opening, not a task's bound
    "Phấn đấu tỷ lệ hồ sơ trực tuyến đạt 80% trong năm 2027.",  # a goal's year
    "Triển khai mô hình điểm, phấn đấu 30% thôn, bản\nđạt chuẩn ngay trong năm 2026.",
    "Duy trì tổ tự quản (thực hiện trong năm 2026 và các năm tiếp theo).",  # a start, given once
])
def test_a_year_that_is_no_tasks_bound(sentence: str) -> None:
    assert [k for _, k, _ in deadlines(f"1. {sentence}\n")] in ([], ["start"])


def test_a_goal_heading_wrapped_over_two_lines_is_no_bound() -> None:
    assert deadlines("**2. Mục\ntiêu đến hết năm 2027**\n\n- Hoàn thành phủ sóng các khu dân cư.\n") == []


@pytest.mark.parametrize("sentence, dues", [
    ("Sở Y tế tổ chức lễ ra quân vào ngày 12/4/2027.", [("2027-04-12", "due")]),
    ("Các huyện thực hiện thí điểm đến ngày 30 tháng 9 năm 2026.", [("2026-09-30", "due")]),
    ("Sở Tài chính tổng hợp, báo cáo trước ngày 20/01 năm 2027.", [("2027-01-20", "due")]),
    ("Sở Công Thương khảo sát trong quý I và quý II năm 2027.", [("2027-06-30", "due")]),  # one window
    ("Sở Công Thương kiểm tra trong quý I và quý III năm 2027.", [("2027-03-31", "due"), ("2027-09-30", "due")]),
])
def test_more_ways_of_writing_a_day_or_quarters(sentence: str, dues: list) -> None:
    assert [(d, k) for d, k, _ in deadlines(f"1. {sentence}\n")] == dues


def test_a_figures_reference_date_is_no_bound() -> None:
    assert deadlines("1. Rà soát số hộ nghèo tính đến ngày 31/12/2026 để làm căn cứ hỗ trợ.\n") == []


@pytest.mark.parametrize("sentence, dues", [
    ("Sở Giáo dục và Đào tạo đưa nội dung vào giảng dạy từ năm học 2027 - 2028.", [("2027", "start")]),
    ("Tổ chức học bơi cho học sinh từ năm học 2026 - 2027 đến năm học 2028 - 2029.", []),  # a span, not a start
])
def test_from_a_school_year_on(sentence: str, dues: list) -> None:
    assert [(d, k) for d, k, _ in deadlines(f"1. {sentence}\n")] == dues


@pytest.mark.parametrize("lines, dues", [
    ("- Thời gian: Tháng 8/2028", [("2028-08-31", "due")]),
    ("- Thời gian: Năm 2029", [("2029-12-31", "due")]),
    ("- Thời gian: Tháng 4 hằng năm", [("--04-30", "recurring")]),
])
def test_a_tasks_bare_time_label(lines: str, dues: list) -> None:
    assert [(d, k) for d, k, _ in deadlines(f"1. Diễn tập phòng cháy\n{lines}\n")] == dues


def test_from_now_to_the_end_of_a_year_opens_a_passage() -> None:
    assert deadlines("1. Từ nay đến hết năm 2027, các sở tập trung rà soát hồ sơ.\n") == []


def test_a_bare_lead_label_answers_for_the_tasks_time_line() -> None:
    body = "1. Kiểm kê kho thuốc\n- Chủ trì: Sở Tài chính\n- Phối hợp: Sở Y tế\n- Thời gian: Quý III/2027\n"
    assert deadlines(body) == [("2027-09-30", "due", "Sở Tài chính")]


@pytest.mark.parametrize("cell, expected", [
    ("6 tháng đầu năm 2028", [("2028-06-30", "due")]),
    ("6 tháng cuối năm 2028", [("2028-12-31", "due")]),
    ("2028, 2029", [("2028-12-31", "due"), ("2029-12-31", "due")]),
    ("Từ tháng 5/2028", [("2028-05-01", "start")]),
])
def test_more_time_cells(cell: str, expected: list) -> None:
    table = ("PHỤ LỤC\n| STT | Nhiệm vụ | Chủ trì | Thời gian |\n|---|---|---|---|\n"
             f"| 1 | Kiểm tra an toàn thực phẩm | Sở Y tế | {cell} |\n| 2 | Tập huấn | Sở Nội vụ | Thường xuyên |\n")
    assert [(d, k) for d, k, _ in deadlines(table)] == expected


@pytest.mark.parametrize("sentence", [
    "Tuyên truyền Nghị quyết được Hội đồng nhân dân tỉnh thông qua vào ngày 09/12/2026.",  # a document's date
    "Phát huy kết quả Hội thi đã tổ chức vào ngày 20/10/2026.",  # a thing done
])
def test_a_day_that_is_no_tasks_bound(sentence: str) -> None:
    assert deadlines(f"1. {sentence}\n") == []


def test_a_clause_after_a_semicolon_with_its_own_subject_answers_for_its_bound() -> None:
    body = ("1. Đề nghị Hội Liên hiệp Phụ nữ tỉnh phối hợp vận động hội viên; Tỉnh đoàn tổ chức Ngày hội "
            "thanh niên tình nguyện (tháng 3/2027).\n")
    assert deadlines(body) == [("2027-03-31", "due", "Tỉnh đoàn")]


def test_bracketed_window_of_a_goal_is_no_bound() -> None:
    assert deadlines("1. Phấn đấu tỷ lệ người dân tham gia đạt 80% (tháng 6/2027).\n") == []


@pytest.mark.parametrize("text", [
    "x hoàn  thành\n\n   trong quý II; xtrong quý III/2026 và quý IV, quý định, hoàn thành" + " " * 3000 + "quý I",
    "Thời gian hoàn thành :  \n tháng 5/2027; thời gian thực hiện: đến hết năm 2027, vào tháng 6 hằng năm",
    "thực hiện năm học 2023 - 2024 và các năm tiếp theo; Thời gian: giai đoạn 2026-2030 và các năm tiếp theo",
    "bắt đầu từ năm 2026 trở đi, đào tạo từ năm học 2026 - 2027, (trong tháng 9/2027) ((05/3 - 12/3/2027)",
    "chậm   nhất\nlà ngày 15/6, hạn chót 20/5 và 20/11 hằng năm, không quá ngày 1/7/2026 thành 2/2",
    "tổ chức vào ngày 15/5/2026, đến hết ngày 31/12/2026 hằng năm, mỗi năm (tháng 7), cuối năm 2026",
    "quý I " * 300 + "năm 2027 " * 300 + "(" * 300,
    # phrasings that share their words (a time label, a month, a day), each searched once for all of them
    "Thời gian thực hiện: Từ 15/3/2027. Thời hạn hoàn thành: 30/6/2026; xthời gian: 1/2/2027, thời gian : từ ngày"
    " 1/3 - 5/3/2027, từ ngày 03 đến ngày 07 tháng 9 năm 2027, vào tháng 2 và tháng 9 năm 2028, tháng 11, tháng 12"
    " hằng năm, từ tháng 3 đến tháng 5/2027; đã tổ chức vào ngày 15/5/2026, đến hết ngày 2 tháng 3 năm 2027 ngày 4",
])
def test_bounds_searched_from_their_words_are_those_of_a_whole_text_search(text: str) -> None:
    # the oracle: each phrasing tried at every position of the text
    from chitieu.extractors.anchored import Searched
    from chitieu.extractors.deadlines import BOUNDS, _matches
    from chitieu.models.normalize import fold

    searched = Searched(fold(text))
    for kind, pattern in BOUNDS.items():
        assert [m.span() for m in _matches(kind, searched)] == [m.span() for m in pattern.finditer(searched.text)], kind


def test_bounds_searched_from_shared_words_are_those_of_a_whole_text_search_in_random_mixtures() -> None:
    # school years, spans carried on and "hằng năm (" searched from one "năm", months, halves and month ranges from
    # one "tháng", among brackets: each phrasing finds what it finds tried at every position
    import random
    from chitieu.extractors.anchored import Searched
    from chitieu.extractors.deadlines import BOUNDS, _matches
    from chitieu.models.normalize import fold

    rng = random.Random(16)
    pieces = ["trong 6 tháng đầu năm", "trước sáu  tháng cuối năm 2027", "từ tháng 3 đến tháng 5/2027", "hằng năm (tháng 7)",
              "mỗi năm\n( vào tháng 12 )", "(tháng 9/2027)", "(05/3 - 12/3/2027)", "(từ ngày 1/3 đến 5/3/2027)",
              "thực hiện năm học 2026 - 2027", "năm 2028 và các năm tiếp theo", "từ năm 2027 trở đi", "tháng", "năm",
              "học", "trong", "trước", "từ", "đến", "hằng", "6", "06", "sáu", "đầu", "cuối", "2027", "(", ")", ",", "x", " ", "  ", "\n"]
    for _ in range(3000):
        text = fold(" ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 20))))
        searched = Searched(text)
        for kind, pattern in BOUNDS.items():
            assert [m.span() for m in _matches(kind, searched)] == [m.span() for m in pattern.finditer(text)], (kind, text)


def test_closing_words_found_from_their_words_are_those_after_a_line_break_and_marks() -> None:
    # the oracle: the line break, spaces and marks, then the words, tried at every line break
    import random
    import re
    from chitieu.extractors.deadlines import _Passages
    after_break = re.compile(r"\n(?:(?!\n)[\s*])*tren day la\b")
    rng = random.Random(13)
    pieces = ["Trên đây là", "trên đây là", "\n", " ", "*", "x", "\t", "là", "trên", "đây"]
    texts = ["trên đây là", "\ntrên đây làm", "\n\ntrên đây là trên đây là", " *\n**trên đây là"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14))) for _ in range(3000)]
    for text in texts:
        doc = Document("t.txt", "0", text)
        assert _Passages(doc, []).closings == [m.span() for m in after_break.finditer(doc.folded)], text


def test_closing_words_at_the_start_of_the_text_or_after_marks_still_close() -> None:
    from chitieu.extractors.deadlines import _in_closing, _Passages

    for text in ("Trên đây là Kế hoạch. Báo cáo trước ngày 15/6.", "\n * \n  **Trên đây là** Kế hoạch. Báo cáo trước ngày 15/6."):
        doc = Document("t.txt", "0", text)
        where = _Passages(doc, [])
        assert _in_closing(doc, text.index("trước"), where) and not _in_closing(doc, text.index("Trên") + 3, where)


@pytest.mark.parametrize("cell", ["Thời gian thực hiện", "Thời hạn hoàn thành", "Tiến độ", "Mốc thời gian", "**Thời gian**"])
def test_every_time_column_label_passes_the_rows_quick_test(cell):
    # time_rows reads a row's cells as labels only when the row may name a time column
    from chitieu.extractors.deadlines import _may_name_time
    from chitieu.models.normalize import fold
    from chitieu.models.text_tables import column_kind

    folded = fold(cell)
    assert column_kind(folded) == "time" and _may_name_time(folded, 0, len(folded))


@pytest.mark.parametrize("body, dues", [
    # the part of the sentence a year stands in runs to its line's end when no mark ends it, the text's end too
    ("1. Sở Y tế kết nối các trạm y tế trong năm 2027 đạt chuẩn", []),
    ("1. Sở Y tế kết nối các trạm y tế trong năm 2027", ["2027-12-31"]),
    ("1. Sở Y tế kết nối các trạm y tế trong năm 2027\nđạt chuẩn quốc gia.\n", ["2027-12-31"]),
    ("1. Sở Y tế kết nối các trạm y tế trong năm 2027, đạt chuẩn quốc gia.\n", ["2027-12-31"]),
])
def test_a_goal_in_the_part_of_the_sentence_after_a_year(body: str, dues: list[str]) -> None:
    assert [d for d, _, _ in deadlines(body)] == dues


@pytest.mark.parametrize("kind", ["in_year", "year_done"])
def test_phrasings_searched_from_their_opening_words_find_what_the_whole_search_finds(kind: str) -> None:
    from chitieu.extractors.anchored import Searched
    from chitieu.extractors.deadlines import BOUNDS, _matches
    from chitieu.models.normalize import fold
    text = fold("Thời hạn hoàn thành: năm 2027; hoàn thành trước\nnăm 2028. Thời gian :  năm 2026 - 2027, "
                "thời gian thực hiện: trong năm 2029. Sở Y tế kết nối ngay\ntrong năm 2027, xtrong năm 2030, "
                "đến  hết\nnăm 2031; từ nay trong năm 2032, trong năm 2033/2034 và các năm tiếp theo; hoàn thành năm")
    found = [m.span() for m in _matches(kind, Searched(text))]
    assert found == [m.span() for m in BOUNDS[kind].finditer(text)] and found


@pytest.mark.parametrize("words, left", [
    ("Ban hành kế hoạch (trong quý I) và (a)b (c)", "Ban hành     "),  # a word glued to a group goes with the next
    ("x,abc (y) abc(z) ((a)) b", "x,  abc   ) b"),  # a comma ends the words taken; a group ends at its first ')'
    ("a\tb\n\n(c)\nd (e", " \nd (e"),  # gaps of any spaces; a group never closed stays
])
def test_bracketed_groups_and_the_two_words_before_them_are_taken_out_of_a_task(words: str, left: str) -> None:
    from chitieu.extractors.deadlines import _without_bound_groups
    assert _without_bound_groups(words) == left


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "a", " a ", "Ủy \u00a0ban\u2003nhân\x1cdân\x85", "\u3000x\u3000", "  x\n\n y  "])
def test_a_passage_read_on_one_line_has_each_run_of_spaces_as_one(text: str) -> None:
    import re
    from chitieu.extractors.deadlines import _single_spaced
    assert _single_spaced(text) == re.sub(r"\s+", " ", text)
