"""PDF (text layer and OCR) and DOCX readers, on small documents the tests build themselves."""
import io
import shutil
from pathlib import Path

import pytest
from chitieu.pipeline.readers import UnreadableDocument, read_document

PARAGRAPH = ("Thực hiện Quyết định số 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng Chính phủ về phê duyệt "
             "Chương trình hành động quốc gia vì trẻ em giai đoạn 2021 - 2030, Ủy ban nhân dân tỉnh "
             "ban hành Kế hoạch thực hiện trên địa bàn tỉnh như sau:")
TARGET = "Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 77% vào năm 2025."


def roboto(bold: bool = False) -> str:
    import font_roboto

    return str(Path(font_roboto.__file__).parent / "files" / ("Roboto-Bold.ttf" if bold else "Roboto-Regular.ttf"))


def text_pdf(pages: list[list[str]], encrypt: str | None = None) -> bytes:
    """An A4 PDF whose paragraphs wrap over several lines, with a running header and page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("Roboto", roboto()))
    style = ParagraphStyle("body", fontName="Roboto", fontSize=12, leading=16, firstLineIndent=28,
                           alignment=4, spaceAfter=6)

    def decorate(canvas, doc):
        canvas.setFont("Roboto", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 30, "Cổng thông tin điện tử tỉnh")
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))

    buffer = io.BytesIO()
    story = []
    for i, paragraphs in enumerate(pages):
        if i:
            story.append(PageBreak())
        story.extend(Paragraph(p, style) for p in paragraphs)
    SimpleDocTemplate(buffer, pagesize=A4, encrypt=encrypt).build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_text_pdf_paragraphs_pages_and_running_lines(tmp_path):
    path = write(tmp_path, "plan.pdf", text_pdf([["KẾ HOẠCH", PARAGRAPH], ["I. MỤC TIÊU", TARGET]]))
    doc = read_document(path)
    assert [p.method for p in doc.pages] == ["text", "text"]
    assert PARAGRAPH in doc.text  # the wrapped lines are one paragraph again
    assert "Cổng thông tin điện tử" not in doc.text  # running header
    assert "\n1\n" not in doc.text and not doc.text.rstrip().endswith("2")  # page numbers
    second = doc.text.index("I. MỤC TIÊU")
    assert doc.page_at(second) == 2 and doc.page_at(doc.text.index("KẾ HOẠCH")) == 1
    assert doc.text.index(TARGET) > second


def test_pdf_items_carry_their_page(tmp_path):
    from chitieu.extractors.extraction import extract

    doc = read_document(write(tmp_path, "plan.pdf", text_pdf([["KẾ HOẠCH", PARAGRAPH], ["I. MỤC TIÊU", TARGET]])))
    extraction = extract(doc)
    assert extraction.targets, "the 77% target is found"
    assert all(t.page == 2 for t in extraction.targets)


def image_pdf(lines: list[str]) -> bytes:
    """An image-only PDF page (a 'scan') with the lines drawn at 200 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(roboto(), 34)
    for i, line in enumerate(lines):
        draw.text((200, 250 + i * 60), line, font=font, fill=20)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=200)
    return buffer.getvalue()


SCAN_LINES = ["ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "KẾ HOẠCH", "Phòng, chống đuối nước cho trẻ em năm 2023",
              "I. MỤC TIÊU", "Giảm số trẻ em bị đuối nước xuống dưới 5% vào năm 2025."]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_scanned_pdf_is_read_by_ocr_with_a_quality_score(tmp_path):
    doc = read_document(write(tmp_path, "scan.pdf", image_pdf(SCAN_LINES)))
    assert [p.method for p in doc.pages] == ["ocr"]
    assert doc.pages[0].quality > 0.9
    assert "đuối nước" in doc.text and "5%" in doc.text


def test_missing_tesseract_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UnreadableDocument, match="install-system.sh"):
        read_document(write(tmp_path, "scan.pdf", image_pdf(SCAN_LINES)))


def test_docx_paragraphs_numbering_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Mục tiêu", style="List Number")
    document.add_paragraph(TARGET)
    document.add_paragraph("Tổ chức thực hiện", style="List Number")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["STT", "Nội dung", "Kinh phí"], ["1", "Truyền thông", "1.000.000"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Nơi nhận:")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_document(write(tmp_path, "plan.docx", buffer.getvalue()))
    assert doc.pages == [] and doc.reader == "docx"
    assert "1. Mục tiêu" in doc.text and "2. Tổ chức thực hiện" in doc.text  # Word numbering rebuilt
    assert "STT\tNội dung\tKinh phí\n1\tTruyền thông\t1.000.000" in doc.text
    assert doc.text.index(TARGET) < doc.text.index("STT") < doc.text.index("Nơi nhận")


def valid_pdf() -> bytes:
    return text_pdf([["KẾ HOẠCH", PARAGRAPH]])


def empty_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty (its only page deleted)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.del_page(0)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name, make, reason", [
    ("locked.pdf", lambda: text_pdf([[PARAGRAPH]], encrypt="secret"), "encrypted"),
    ("corrupt.pdf", lambda: b"%PDF-1.4\n" + bytes(range(256)) * 10, "damaged"),
    ("truncated.pdf", lambda: valid_pdf()[:400], "damaged"),
    ("empty.pdf", empty_pdf, "no pages"),
    ("broken.docx", lambda: b"PK\x03\x04" + b"word/" + bytes(300), "damaged"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "legacy Word"),
])
def test_bad_files_fail_alone_with_a_reason(tmp_path, name, make, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        read_document(write(tmp_path, name, make()))


def test_a_pdf_renamed_docx_is_read_as_pdf(tmp_path):
    doc = read_document(write(tmp_path, "misnamed.docx", valid_pdf()))
    assert doc.reader == "pdf" and PARAGRAPH in doc.text


def test_ruled_pdf_table_becomes_tab_separated_rows(tmp_path):
    """A budget table printed with rules reaches the budget extractor row by row."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("Roboto", roboto()))
    style = ParagraphStyle("body", fontName="Roboto", fontSize=11, leading=14)
    rows = [["STT", "Nội dung", "2022", "2023", "Tổng"],
            ["1", "Truyền thông", "100.000", "120.000", "220.000"],
            ["2", "Tập huấn", "50.000", "50.000", "100.000"],
            ["", "Tổng cộng", "150.000", "170.000", "320.000"]]
    table = Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), "Roboto")]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph("PHỤ LỤC. ĐVT: Nghìn đồng", style), table])
    doc = read_document(write(tmp_path, "table.pdf", buffer.getvalue()))
    assert "1\tTruyền thông\t100.000\t120.000\t220.000\n2\tTập huấn\t50.000\t50.000\t100.000" in doc.text
