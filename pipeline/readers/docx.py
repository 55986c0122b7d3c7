"""Word (.docx): paragraphs in order with their automatic numbering, tables as tab-separated rows.

Official documents typed in Word often number their items with Word's list
numbering (``I.``, ``1.``, ``a)``), which is not in the paragraph's text:
it is rebuilt from the numbering definitions so the section tree sees it.
"""
from __future__ import annotations

import io
import zipfile

from chitieu.models.document import Document
from chitieu.models.normalize import normalize_text
from chitieu.pipeline.readers.errors import UnreadableDocument
from chitieu.pipeline.readers.limits import Limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, source: str, sha256: str, limits: Limits = Limits()) -> Document:
    """Read a .docx into a Document (no pages: Word lays pages out only when it prints).

    A file whose parts would inflate past ``limits.docx_bytes`` is refused before any is inflated.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_docx(sum(part.file_size for part in archive.infolist()))
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"the Word file is damaged or not a .docx document ({exc})") from exc
    numbering = _Numbering(document)
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = ["\t".join(_cells(row)) for row in block.rows]
            blocks.append("\n".join(r for r in rows if r.strip()))
        else:
            text = block.text.strip()
            label = numbering.label(block)
            if text or label:
                blocks.append(f"{label} {text}".strip() if label else text)
    text = normalize_text("\n\n".join(b for b in blocks if b))
    if not text.strip():
        raise UnreadableDocument("the Word document has no text")
    return Document(source=source, sha256=sha256, text=text, encoding="docx", reader="docx")


def _cells(row) -> list[str]:
    """A row's cells once each (a merged cell spans several grid columns but is one cell)."""
    seen, out = set(), []
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        out.append(" ".join(cell.text.split()))
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        while n >= value:
            out, n = out + letters, n - value
    return out


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
}


def _num_pr(paragraph):
    """The paragraph's list numbering, set on it or on its style (``List Number``) or a base style."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = paragraph.style
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = style.base_style
    return None


class _Numbering:
    """Counts Word list numbering as paragraphs go by and renders each paragraph's label."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}  # (numId, ilvl) -> (format, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in root.iter(f"{_W}abstractNum")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is None:
                continue
            for lvl in definition.iter(f"{_W}lvl"):
                fmt, text, start = lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText"), lvl.find(f"{_W}start")
                self.levels[(num.get(f"{_W}numId"), lvl.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )

    def label(self, paragraph) -> str:
        num_pr = _num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        if (num_id, str(ilvl)) not in self.levels:
            return ""
        fmt, text, start = self.levels[(num_id, str(ilvl))]
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet" or fmt == "none":
            return "-" if fmt == "bullet" else ""
        for level in range(ilvl + 1):
            level_fmt, _, level_start = self.levels.get((num_id, str(level)), ("decimal", "", 1))
            value = counters.get(level, level_start)
            text = text.replace(f"%{level + 1}", _FORMATS.get(level_fmt, str)(value))
        return text
