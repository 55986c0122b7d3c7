"""PDF: the text layer where a page has a usable one, OCR where it does not.

pypdfium2 gives each page's text runs with their boxes (fast: ~50x pdfplumber's
word model); pdfplumber's table finder reads the pages that carry ruled tables,
whose rows go into the text as tab-separated lines for the budget extractor.
A page whose text layer is missing, or is not Vietnamese (a legacy font with
no Unicode map reads ``Céng hßa``), is rendered and OCR'd.
"""
from __future__ import annotations

import io
import re

from chitieu.models.document import Document, Page
from chitieu.models.normalize import normalize_text
from chitieu.pipeline.readers.errors import UnreadableDocument
from chitieu.pipeline.readers.layout import Line, lines_to_text
from chitieu.pipeline.readers.quality import syllable_share

# A scan is rendered at its own resolution (re-sampling a 200 dpi scan to 300 dpi made
# OCR 40% slower for no gain: bench/formats.py --dpi), kept within what Tesseract reads well.
MIN_OCR_DPI, MAX_OCR_DPI, DEFAULT_OCR_DPI = 200, 400, 300
MIN_TEXT_CHARS = 20
MIN_SYLLABLE_SHARE = 0.6
POOR_OCR = 0.8  # a document whose OCR pages score below this is flagged


def read_pdf(data: bytes, source: str, sha256: str, dpi: float | None = None) -> Document:
    """Read a PDF into a Document with a page map; each page says text layer or OCR.

    ``dpi`` forces the OCR resolution (default: each scan's own, see ``ocr_dpi``).
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(_pdfium_reason(str(exc), data)) from exc
    if len(pdf) == 0:
        raise UnreadableDocument("the PDF has no pages")
    pages: list[list[Line]] = []
    methods: list[str] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            lines = _text_layer_lines(page, index + 1)
            text = " ".join(ln.text for ln in lines)
            if len(text.strip()) >= MIN_TEXT_CHARS and syllable_share(text) >= MIN_SYLLABLE_SHARE:
                if _has_rules(page):
                    lines = _with_tables(data, index, lines)
                pages.append(lines)
                methods.append("text")
            else:
                pages.append([])
                methods.append("ocr")
        scans = [i for i, method in enumerate(methods) if method == "ocr"]
        if scans:
            from chitieu.pipeline.readers.ocr import ocr_images

            # Pages are rendered one by one (PDFium is not thread-safe) while Tesseract reads the ones before.
            rendered = ((i + 1, _render_image(pdf[i], dpi)) for i in scans)
            for number, lines in ocr_images(rendered):
                pages[number - 1] = lines
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(_pdfium_reason(str(exc), data)) from exc
    finally:
        pdf.close()
    text, starts = lines_to_text(pages)
    doc_pages = []
    for number, (start, method, lines) in enumerate(zip(starts, methods, pages), start=1):
        quality = syllable_share(" ".join(ln.text for ln in lines)) if method == "ocr" else None
        doc_pages.append(Page(number=number, start=start, method=method, quality=quality))
    if not text.strip():
        raise UnreadableDocument("no text could be read from the PDF (no text layer and OCR found nothing)")
    doc = Document(source=source, sha256=sha256, text=text, encoding="pdf", reader="pdf", pages=doc_pages)
    ocr_scores = [p.quality for p in doc_pages if p.quality is not None]
    if ocr_scores and sum(ocr_scores) / len(ocr_scores) < POOR_OCR:
        doc.warnings.append(f"poor OCR quality: {sum(ocr_scores) / len(ocr_scores):.2f} of words are valid syllables")
    return doc


def _pdfium_reason(message: str, data: bytes) -> str:
    lowered = message.lower()
    if re.search(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b|/Count\s+0\b[^>]*/Type\s*/Pages\b", data):
        return "the PDF has no pages"  # PDFium refuses to open an empty page tree at all
    if "password" in lowered:
        return "the PDF is encrypted (password-protected); save an unprotected copy and ingest it again"
    if "format" in lowered or "file" in lowered:
        return f"the PDF is damaged or truncated ({message})"
    return f"the PDF cannot be read ({message})"


def _text_layer_lines(page, number: int) -> list[Line]:
    """Text runs with their boxes, merged into visual lines (top to bottom, left to right)."""
    textpage = page.get_textpage()
    height = page.get_height()
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = normalize_text(text.replace("\r", " ").replace("\n", " ").replace("\ufffe", "\x02"))
        if text.strip():
            runs.append(Line(number, left, right, height - top, text.strip(), height - bottom))
    runs.sort(key=lambda r: (round(r.top / 3), r.x0))
    lines: list[Line] = []
    for run in runs:
        last = lines[-1] if lines else None
        if last and abs(run.top - last.top) < 3 and run.x0 >= last.x1 - 1:
            gap = run.x0 - last.x1
            last.text += ("\t" if gap > 20 else " " if gap > 1.5 else "") + run.text
            last.x1 = run.x1
        else:
            lines.append(run)
    return lines


def _has_rules(page) -> bool:
    """Whether a page draws enough lines to hold a ruled table (cheap test before pdfplumber)."""
    import pypdfium2.raw as pdfium_c

    return sum(1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=1)) >= 6


def _with_tables(data: bytes, index: int, lines: list[Line]) -> list[Line]:
    """Replace the lines inside each ruled table by one tab-separated line per table row."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data), pages=[index + 1]) as plumber:
        tables = plumber.pages[0].find_tables()
        if not tables:
            return lines
        kept = list(lines)
        for table in tables:
            x0, top, x1, bottom = table.bbox
            kept = [ln for ln in kept if not (top - 1 <= (ln.top + ln.bottom) / 2 <= bottom + 1)]
            for r, row in enumerate(table.extract()):
                cells = [normalize_text(" ".join((c or "").split())) for c in row]
                if any(cells):
                    kept.append(Line(lines[0].page if lines else index + 1, x0, x1, top + r * 0.01, "\t".join(cells),
                                     top + r * 0.01, table_row=True))
        return sorted(kept, key=lambda ln: (ln.top, ln.x0))


def ocr_dpi(page) -> float:
    """The resolution of the page's largest image (the scan), within [200, 400] dpi; 300 when it has none."""
    import pypdfium2.raw as pdfium_c

    widths = [obj.get_px_size()[0] for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)]
    if not widths:
        return DEFAULT_OCR_DPI
    native = max(widths) * 72 / page.get_width()
    return min(max(native, MIN_OCR_DPI), MAX_OCR_DPI)


def _render_image(page, dpi: float | None = None) -> bytes:
    """The page as an uncompressed greyscale PGM image (Tesseract reads it; no time spent compressing)."""
    image = page.render(scale=(dpi or ocr_dpi(page)) / 72, grayscale=True).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue()
