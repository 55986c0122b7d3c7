"""Plain text and Markdown: bytes to one normalised text.

Vietnamese files come in UTF-8 (with or without BOM), UTF-16, Windows-1258,
and the legacy font encodings TCVN3 (ABC) and VNI, which put Vietnamese letters
on Latin-1 code points. Windows-1258 is converted; TCVN3 and VNI are refused
with their name, because a wrong guess would silently corrupt every word.

>>> decode_text("Kế hoạch".encode("utf-8"))
('Kế hoạch', 'utf-8')
>>> decode_text("Kế hoạch".encode("utf-16"))
('Kế hoạch', 'utf-16')
"""
from __future__ import annotations

import codecs
import re

from chitieu.models.normalize import normalize_text
from chitieu.pipeline.readers.errors import UnreadableDocument

# Letters only Vietnamese (in Unicode) uses: their share tells real Vietnamese text.
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
# Characteristic words of the legacy font encodings once read as Latin-1 / cp1252.
_TCVN3 = re.compile(r"(?<!\w)(?:vµ|cña|®−îc|®Õn|n¨m|ViÖt|tØnh|®ång)(?!\w)")
_VNI = re.compile(r"(?<!\w)(?:vaø|cuûa|ñöôïc|ñeán|naêm|Vieät|tænh|ñoàng)(?!\w)")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode raw bytes to normalised text; return ``(text, encoding)``.

    Raises ``UnreadableDocument`` for empty, binary or legacy-font files.
    """
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    text, encoding = _decode(data)
    legacy = _legacy_font(text)
    if legacy:
        raise UnreadableDocument(
            f"the text is in the legacy {legacy} encoding; convert it to Unicode "
            "(for example with Unikey's converter) and ingest it again"
        )
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(3, len(text) // 200):
        raise UnreadableDocument("the file is binary, not text (control characters throughout)")
    return normalize_text(text), encoding


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:2000]
    if len(head) > 20 and head.count(0) > len(head) // 3:
        # UTF-16 without a BOM puts a NUL beside every ASCII character.
        zeros_odd = head[1::2].count(0) > head[0::2].count(0)
        encoding = "utf-16-le" if zeros_odd else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            raise UnreadableDocument("the file is binary, not text (NUL bytes throughout)") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if data.count(0):
        raise UnreadableDocument("the file is binary, not text (NUL bytes, not UTF-8)")
    text = data.decode("cp1258", errors="replace")
    if _legacy_font(text):
        return text, "cp1258"
    letters = sum(ch.isalpha() for ch in text) or 1
    if len(_VIETNAMESE.findall(normalize_text(text))) / letters > 0.05:
        return text, "windows-1258"
    raise UnreadableDocument(
        "the bytes are neither UTF-8, UTF-16 nor Windows-1258 Vietnamese; "
        "save the file as UTF-8 and ingest it again"
    )


def _legacy_font(text: str) -> str | None:
    """'TCVN3 (ABC)' or 'VNI' when the text reads as one of them, else None."""
    sample = text[:20000]
    tcvn3, vni = len(_TCVN3.findall(sample)), len(_VNI.findall(sample))
    if max(tcvn3, vni) < 2 or len(_VIETNAMESE.findall(sample)) > 10 * max(tcvn3, vni):
        return None
    return "TCVN3 (ABC)" if tcvn3 >= vni else "VNI"
