"""Readers turn a file into a ``Document``; the reader is chosen by the bytes, not the name.

>>> from pathlib import Path
>>> kind_of(b"%PDF-1.7 ...", Path("plan.docx"))
'pdf'
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from chitieu.models.document import Document
from chitieu.pipeline.readers.errors import UnreadableDocument

__all__ = ["UnreadableDocument", "kind_of", "read_document", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".pdf", ".docx"}


def kind_of(data: bytes, path: Path) -> str:
    """'pdf', 'docx', 'zip', 'ole' (legacy .doc or an encrypted Office file) or 'text', from the bytes."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or path.suffix.lower() == ".docx" else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return "text"


def read_document(path: Path) -> Document:
    """Read one file into a ``Document``; raise ``UnreadableDocument`` with the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"cannot open the file: {exc.strerror or exc}") from exc
    sha256 = hashlib.sha256(data).hexdigest()
    kind = kind_of(data, path)
    if kind == "text":
        from chitieu.pipeline.readers.text import decode_text

        text, encoding = decode_text(data)
        return Document(source=path.name, sha256=sha256, text=text, encoding=encoding, reader="text")
    if kind == "pdf":
        from chitieu.pipeline.readers.pdf import read_pdf

        return read_pdf(data, path.name, sha256)
    if kind == "docx":
        from chitieu.pipeline.readers.docx import read_docx

        return read_docx(data, path.name, sha256)
    if kind == "zip":
        raise UnreadableDocument("the file is a ZIP archive, not a Word (.docx) document")
    raise UnreadableDocument(
        "the file is a legacy Word .doc or a password-protected Office file; save it as .docx or PDF"
    )
