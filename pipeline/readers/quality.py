"""How much of a text reads as Vietnamese: the share of words that are valid syllables.

Vietnamese is written one syllable per word: an optional initial consonant, a
vowel nucleus, an optional final consonant, at most one tone mark. OCR noise,
a text layer in a legacy font (``Céng hßa``) or private-use glyphs break that
shape, so the share of valid syllables scores a page.

>>> syllable_share("Ủy ban nhân dân tỉnh ban hành Kế hoạch")
1.0
>>> syllable_share("Céng hßa x· héi chñ nghÜa ViÖt Nam, §éc lËp - Tù do - H¹nh phóc") < 0.7
True
"""
from __future__ import annotations

import re
import unicodedata

from chitieu.models.normalize import fold

_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x"
_FINALS = "ch|ng|nh|c|m|n|p|t|i|y|o|u"
_VOWELS = "a|e|i|o|u|y"
_SYLLABLE = re.compile(rf"^(?:{_INITIALS})?(?:{_VOWELS}){{1,3}}(?:{_FINALS})?$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"[^\W\d_]+")
_BASE = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_ALPHABET = set(_BASE + _BASE.upper()) | {
    unicodedata.normalize("NFC", base + tone) for base in _BASE + _BASE.upper() if base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for tone in _TONES
}


def is_syllable(word: str) -> bool:
    """One Vietnamese syllable (or an all-capital abbreviation such as ``UBND``)."""
    if len(word) > 1 and word.isupper() and len(word) <= 8 and word.isascii() or word in {"Đ", "đ"}:
        return True
    if not set(word) <= _ALPHABET:
        return False
    tones = sum(1 for ch in unicodedata.normalize("NFD", word) if ch in _TONES)
    return tones <= 1 and bool(_SYLLABLE.match(fold(word)))


def syllable_share(text: str) -> float:
    """Share of the words of ``text`` that are valid syllables; 0.0 for a text with no words."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(map(is_syllable, words)) / len(words)
