"""Plain text and Markdown: bytes to one normalised text.

Vietnamese files come in UTF-8 (with or without BOM), UTF-16, Windows-1258,
and the legacy font encodings TCVN3 (ABC) and VNI, which put Vietnamese letters
on Latin-1 code points. Windows-1258 is converted; TCVN3 and VNI are refused
with their name, because a wrong guess would silently corrupt every word.

A UTF-8 file with a few bad bytes (a stray Windows dash, a pasted fragment in
another encoding) stays UTF-8: re-reading every byte as Windows-1258 would turn
each Vietnamese letter into two wrong ones, so the bad bytes become U+FFFD and
the document carries a warning instead.

>>> decode_text("Kế hoạch".encode("utf-8"))
Decoded(text='Kế hoạch', encoding='utf-8', warnings=[])
>>> decode_text("Kế hoạch".encode("utf-16")).encoding
'utf-16'
>>> decode_text("Kế hoạch ".encode("utf-8") + bytes([0x96]) + b" 2025").warnings
['1 byte not valid UTF-8 replaced by U+FFFD (first at character 9)']
"""
from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from chitieu.models.normalize import normalize_text
from chitieu.pipeline.readers.errors import UnreadableDocument

# Letters only Vietnamese (in Unicode) uses: their share tells real Vietnamese text.
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
# Characteristic words of the legacy font encodings once read as Latin-1 / cp1252.
_TCVN3 = ("vµ", "cña", "®−îc", "®Õn", "n¨m", "ViÖt", "tØnh", "®ång")
_VNI = ("vaø", "cuûa", "ñöôïc", "ñeán", "naêm", "Vieät", "tænh", "ñoàng")
_WHOLE_WORDS = {words: re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)") for words in (_TCVN3, _VNI)}
# Control characters no text file holds (all but tab, line feed, form feed, carriage return).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


class Decoded(NamedTuple):
    """A text file's normalised text, the encoding it was read in, and what a reader should know."""

    text: str
    encoding: str
    warnings: list[str]


def decode_text(data: bytes) -> Decoded:
    """Decode raw bytes to normalised text, the encoding and warnings (bad bytes replaced).

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
    if len(_CONTROLS.findall(text)) > max(3, len(text) // 200):
        raise UnreadableDocument("the file is binary, not text (control characters throughout)")
    text = normalize_text(text)
    return Decoded(text, encoding, _replacement_warning(text, encoding) if "\ufffd" in text else [])


def _mostly_utf8(data: bytes) -> str | None:
    """The text when the bytes are UTF-8 but for a few bad ones: more valid multi-byte letters than bad bytes.

    Windows-1258 Vietnamese almost never forms a valid UTF-8 sequence (its letters
    are followed by combining tones, not continuation bytes), so valid sequences
    outnumbering bad bytes mean UTF-8 with damage, not a legacy code page.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # letters beyond ASCII, less the bad bytes
    return text if valid > bad else None


def _replacement_warning(text: str, encoding: str) -> list[str]:
    """The warning stored on a document whose bad bytes were replaced: how many, and where the first is."""
    bad = text.count("\ufffd")
    return [f"{bad} byte{'s' if bad > 1 else ''} not valid {encoding.removesuffix('-sig').upper()} replaced by "
            f"U+FFFD (first at character {text.index(chr(0xFFFD))})"]


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
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return damaged, "utf-8"
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
    tcvn3, vni = _count_words(_TCVN3, sample), _count_words(_VNI, sample)
    if max(tcvn3, vni) < 2 or len(_VIETNAMESE.findall(sample)) > 10 * max(tcvn3, vni):
        return None
    return "TCVN3 (ABC)" if tcvn3 >= vni else "VNI"


def _count_words(words: tuple[str, ...], sample: str) -> int:
    """How many times ``sample`` holds one of ``words`` as a whole word.

    Unicode text holds none of them even inside a word, and a substring test is far
    cheaper than the whole-word pattern tried at every position.
    """
    if not any(word in sample for word in words):
        return 0
    return len(_WHOLE_WORDS[words].findall(sample))
