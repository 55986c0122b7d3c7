"""Whole documents that are not seeds, written the way plans of other topics, years and renderings are.

``examples/agriculture_plan.txt``: a provincial agriculture plan (2021-2025);
``examples/district_decision_website.md``: a 2012 district decision issuing a
plan, as a legal-text website renders it (banner, ``|`` header cells, bold).
"""
from pathlib import Path

import pytest
from chitieu.extractors.extraction import extract
from chitieu.pipeline.readers import read_document

EXAMPLES = Path(__file__).parent / "examples"


@pytest.fixture(scope="module")
def agriculture():
    return extract(read_document(EXAMPLES / "agriculture_plan.txt"))


@pytest.fixture(scope="module")
def district():
    return extract(read_document(EXAMPLES / "district_decision_website.md"))


def test_agriculture_metadata(agriculture):
    meta = agriculture.metadata
    assert (meta.doc_type, meta.number, meta.issuer, meta.province, meta.issue_date) == (
        "KH", "125/KH-UBND", "UBND tỉnh Nghệ An", "Nghệ An", "2021-03-15")
    assert (meta.period_start, meta.period_end, meta.signer, meta.implements) == (2021, 2025, "Nguyễn Văn Đệ", ["39/NQ-TU"])


def test_agriculture_targets_skip_past_results(agriculture):
    found = {(t.value, t.value_max, t.unit, t.comparator, t.kind, t.year) for t in agriculture.targets}
    assert found == {
        (4.0, 4.5, "%", ">=", "level", 2025),     # growth of 4 - 4,5%/năm
        (58.0, None, "%", ">=", "level", 2025),   # forest cover kept at 58%
        (300.0, None, "count", ">=", "level", 2025),
        (60.0, None, "count", ">=", "level", 2025),
        (1.5, 2.0, "%", ">=", "change", 2025),    # poverty down 1,5 - 2% a year
        (60.0, None, "%", ">", "level", 2025),    # clean water above 60%
    }  # 4,2% and 58,3% (2016-2020 results) and the income in đồng are no targets


def test_agriculture_budgets_leave_out_fees(agriculture):
    found = {(b.amount_vnd, b.kind, b.source, b.words_match) for b in agriculture.budgets}
    assert found == {
        (1_250_000_000_000, "total", "mixed", True),
        (500_000_000_000, "source", "central", None),
        (450_000_000_000, "source", "province", None),
        (300_000_000_000, "source", "social", None),
    }  # "Mức thu phí kiểm dịch ... 50.000 đồng/con" is a fee, not funding


def test_agriculture_agencies_and_deadlines(agriculture):
    roles = {(a.name, a.role) for a in agriculture.agencies}
    assert ("Sở Nông nghiệp và Phát triển nông thôn", "lead") in roles
    assert ("Sở Tài nguyên và Môi trường", "support") in roles
    assert ("UBND cấp huyện", "lead") in roles
    assert ("Hội Nông dân tỉnh", "requested") in roles
    deadlines = {(d.due, d.kind, d.agency) for d in agriculture.deadlines}
    assert deadlines == {
        ("2022-06-30", "due", None), ("2022-12-31", "due", None),
        ("--12-15", "recurring", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("2022-03-31", "due", "UBND cấp huyện"),
    }


def test_district_decision_rendered_by_a_website(district):
    meta = district.metadata
    assert (meta.doc_type, meta.number, meta.issuer, meta.level) == ("QD", "25/QĐ-UBND", "UBND huyện Đức Phổ", "district")
    assert (meta.district, meta.province, meta.issue_date) == ("Đức Phổ", "Quảng Ngãi", "2012-02-10")
    assert (meta.period_start, meta.period_end, meta.signer) == (2012, 2015, "Phạm Văn Hòa")
    assert meta.implements == ["1555/QĐ-TTg"]


def test_district_items(district):
    targets = {(t.value, t.unit, t.comparator) for t in district.targets}
    assert {(14.0, "/1000", "<"), (13.0, "%", "<="), (95.0, "%", ">="), (100.0, "%", ">=")} <= targets
    assert {b.amount_vnd for b in district.budgets} == {850_000_000, 600_000_000, 250_000_000}
    names = {(a.name, a.role) for a in district.agencies}
    assert {("Huyện đoàn", "requested"), ("Hội Liên hiệp Phụ nữ huyện", "requested"),
            ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "requested")} <= names


def test_word_plan_with_its_header_and_signature_in_tables(tmp_path):
    """Word plans put the two-column header and the signature block in borderless tables."""
    import docx

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 77/KH-UBND"
    header.cell(1, 1).text = "Ninh Bình, ngày 9 tháng 8 năm 2022"
    for text in ["KẾ HOẠCH", "Phòng, chống đuối nước trẻ em năm 2022", "I. MỤC TIÊU",
                 "Giảm số trẻ em tử vong do đuối nước ít nhất 10% so với năm 2021."]:
        document.add_paragraph(text)
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    signature.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nTống Quang Thìn"
    path = tmp_path / "plan.docx"
    document.save(path)
    extraction = extract(read_document(path))
    meta = extraction.metadata
    assert (meta.doc_type, meta.number, meta.issuer, meta.province, meta.issue_date) == (
        "KH", "77/KH-UBND", "UBND tỉnh Ninh Bình", "Ninh Bình", "2022-08-09")
    assert (meta.title, meta.period_end, meta.signer) == ("Phòng, chống đuối nước trẻ em năm 2022", 2022, "Tống Quang Thìn")
    assert [(t.value, t.kind, t.year) for t in extraction.targets] == [(10.0, "change", 2022)]
