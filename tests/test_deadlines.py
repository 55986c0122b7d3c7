"""Deadlines: one case per phrasing of a time bound, from sentences written the way plans write them."""
from __future__ import annotations

import pytest
from chitieu.extractors.agencies import extract_agencies
from chitieu.extractors.deadlines import extract_deadlines
from chitieu.models.document import Document
from chitieu.pipeline.sections import segment

HEAD = "KẾ HOẠCH\nThực hiện công tác dân số\n\nI. MỤC TIÊU\n1. Thời gian thực hiện: Từ năm 2021 đến năm 2025.\n\nII. NHIỆM VỤ\n"


def deadlines(body: str, year: int | None = None) -> list[tuple[str, str, str | None]]:
    doc = Document("t.txt", "0", HEAD + body)
    doc.sections = segment(doc)
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
    doc.sections = segment(doc)
    assert extract_deadlines(doc, 2022, extract_agencies(doc)) == []


@pytest.mark.parametrize("line, due", [
    ("- Thời gian hoàn thành: Tháng 6/2022.", "2022-06-30"),
    ("- Thời gian thực hiện: năm 2023.", "2023-12-31"),
])
def test_time_line_of_a_task_takes_the_lead_named_by_its_label(line: str, due: str) -> None:
    body = f"1. Xây dựng kho dữ liệu dùng chung.\n- Cơ quan chủ trì: Sở Thông tin và Truyền thông.\n{line}\n"
    assert deadlines(body) == [(due, "due", "Sở Thông tin và Truyền thông")]
