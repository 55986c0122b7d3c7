"""Text at the door: encodings, normalisation, folding."""
import codecs
import unicodedata

import pytest
from chitieu.models.normalize import fold, normalize_text
from chitieu.pipeline.readers.errors import UnreadableDocument
from chitieu.pipeline.readers.text import decode_text


def cp1258(text: str) -> bytes:
    """Windows-1258 keeps â, ơ, ư... precomposed and writes tone marks as combining characters."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return out


PLAN = "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện năm 2021 của các Sở, ngành và địa phương được giao."


@pytest.mark.parametrize("data, encoding", [
    (PLAN.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig"),
    (PLAN.encode("utf-16"), "utf-16"),                  # with BOM
    (PLAN.encode("utf-16-le"), "utf-16-le"),            # without BOM
    (cp1258(PLAN), "windows-1258"),
])
def test_decodes_vietnamese_encodings(data, encoding):
    text, found, warnings = decode_text(data)
    assert text == PLAN
    assert found == encoding and warnings == []


def test_windows_1258_combining_tones_become_nfc():
    text, _, _ = decode_text(cp1258("Thực hiện kế hoạch của tỉnh, được giao năm 2021 và các năm tiếp theo"))
    assert text == unicodedata.normalize("NFC", text)
    assert "Thực hiện" in text


@pytest.mark.parametrize("legacy, name", [
    # TCVN3 (ABC) text read as bytes: "Việt Nam ... và của được đến năm"
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam vµ cña ®−îc ®Õn n¨m 2021 tØnh".encode("cp1252", errors="replace"), "TCVN3"),
    # VNI: "Việt Nam ... và của được đến năm"
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam vaø cuûa ñöôïc ñeán naêm 2021".encode("cp1252"), "VNI"),
])
def test_legacy_font_encodings_are_named(legacy, name):
    with pytest.raises(UnreadableDocument, match=name):
        decode_text(legacy)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (bytes(range(256)) * 8, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200) + b"\x01\x02\x03" * 50, "binary"),
])
def test_unreadable_files_fail_with_a_reason(data, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        decode_text(data)


def test_normalize_text_unifies_line_ends_and_composes():
    assert normalize_text("Uy\u0309 ban\r\nx\u00a0y\ufeff") == "Uỷ ban\nx y"


@pytest.mark.parametrize("a, b", [
    ("Ủy ban", "Uỷ ban"),          # new and old tone placement
    ("hóa", "hoá"),
    ("Thủy", "Thuỷ"),
    ("Lao động – Thương binh", "Lao động - Thương binh"),
    ("**KẾ HOẠCH**", "  kế hoạch  "),
    ("Đắk Lắk", "dak lak"),
])
def test_fold_matches_variants_without_moving_offsets(a, b):
    assert fold(a) == fold(b)
    assert len(fold(a)) == len(a)


def test_fold_reads_short_and_long_texts_alike():
    # a short text's folding is remembered, a long one's is not: both read every character the same way
    name = "Sở Lao động – Thương binh và Xã hội **Hoá** Ω ≥ 中"
    assert fold(name) == fold(name) == "so lao dong - thuong binh va xa hoi   hoa   ω ≥ 中"
    assert fold(name * 50) == fold(name) * 50
