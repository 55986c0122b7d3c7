"""Readers turn a file into a ``Document``; the reader is chosen by the bytes, not the name.

>>> from pathlib import Path
>>> kind_of(b"%PDF-1.7 ...", Path("plan.docx"))
'pdf'

Every reader is held to the ``Limits`` of ``limits.py`` (inflated .docx size,
characters of text), read from the environment at each call. A file name that is
not valid UTF-8 becomes the document's source with its bad bytes escaped
(``printable``), so it can be stored and shown.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from chitieu.models.document import Document
from chitieu.pipeline.readers.errors import UnreadableDocument
from chitieu.pipeline.readers.limits import Limits
from chitieu.pipeline.walk import printable

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


def read_document(path: Path, limits: Limits | None = None) -> Document:
    """Read one file into a ``Document``; raise ``UnreadableDocument`` with the reason.

    ``limits`` default to those of the environment (``Limits.from_env``).
    """
    limits = limits or Limits.from_env()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"cannot open the file: {exc.strerror or exc}") from exc
    document = _read(data, path, hashlib.sha256(data).hexdigest(), limits)
    limits.check_chars(document.text)
    return document


def _read(data: bytes, path: Path, sha256: str, limits: Limits) -> Document:
    kind, source = kind_of(data, path), printable(path.name)
    if kind == "text":
        from chitieu.pipeline.readers.text import decode_text

        text, encoding, warnings = decode_text(data)
        return Document(source=source, sha256=sha256, text=text, encoding=encoding, reader="text", warnings=warnings)
    if kind == "pdf":
        from chitieu.pipeline.readers.pdf import read_pdf

        return read_pdf(data, source, sha256)
    if kind == "docx":
        from chitieu.pipeline.readers.docx import read_docx

        return read_docx(data, source, sha256, limits)
    if kind == "zip":
        raise UnreadableDocument("the file is a ZIP archive, not a Word (.docx) document")
    raise UnreadableDocument(
        "the file is a legacy Word .doc or a password-protected Office file; save it as .docx or PDF"
    )
