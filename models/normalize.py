"""Vietnamese text at the door: one normalised text, and a folded copy for matching.

``normalize_text`` fixes the coordinate system (NFC, ``\\n`` line ends, no
invisible characters). ``fold`` never changes a length, so an offset found in
the folded copy is an offset in the text.

>>> fold("Uỷ ban – **Hoá**")
'uy ban -   hoa  '
>>> fold("Ủy") == fold("Uỷ") and fold("hóa") == fold("hoá")
True
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
# Invisible characters (dropped) and spaces of other widths (made plain).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u00a0" + "".join(map(chr, range(0x2000, 0x200b))) + "\u202f\u205f\u3000"
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")
_SPACE_CHAR = re.compile(f"[{_SPACES}]")


def normalize_text(text: str) -> str:
    """NFC, unified line ends and spaces, invisible characters dropped.

    >>> normalize_text("Uy\\u0309 ban\\r\\nnha\\u0302n da\\u0302n")
    'Uỷ ban\\nnhân dân'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # most texts hold none of them: looking for each character is far cheaper than a pattern's pass
    if any(ch in text for ch in _INVISIBLE):
        text = _INVISIBLE_CHAR.sub("", text)
    if any(ch in text for ch in _SPACES):
        text = _SPACE_CHAR.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    if ch in _DASHES:
        return "-"
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch in "*#":  # Markdown emphasis and headings read as blank
        return " "
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 and not unicodedata.combining(base) else ch


# Every character of the Latin, Vietnamese, Greek, Cyrillic and punctuation blocks, folded once and
# indexed by code point: str.translate then folds a whole document at C speed. The characters fold
# leaves alone are in the table too (a lookup that misses costs translate an exception); those past
# its end are kept as they are.
_FOLD_TABLE = [ord(_fold_char(chr(i))) for i in range(0x2400)]


def fold(text: str) -> str:
    """Lower case without diacritics, dashes unified, Markdown marks blanked; same length.

    Extractors fold the same names, headings and cells again and again (each several times per
    document): a short text's folding is remembered; a sentence or a quote is folded anew; a
    section or a document, all its characters at once (``_fold_long``).
    """
    if len(text) <= _SHORT_TEXT:
        return _fold_short(text)
    return text.translate(_FOLD_TABLE) if len(text) <= _PASSAGE_TEXT else _fold_long(text)


_SHORT_TEXT = 200  # characters: a name, a heading, a cell
# Characters: a sentence, or an item's quote (at most ``document.QUOTE_MAX``, 600). Folding one costs about the same
# either way, and the writer, which folds quotes only, then never loads numpy (0.3 s and ~20 MB).
_PASSAGE_TEXT = 1000


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return text.translate(_FOLD_TABLE)


def _fold_long(text: str) -> str:
    """``text.translate(_FOLD_TABLE)``, the code points looked up in the table as one array: ``translate`` makes
    two Python objects for each character of a text that is not all ASCII (8x slower on a plan).

    >>> text = "Sở Y tế – **Bắc Ninh** ≥ 😀 " + chr(0xD800)  # past the table: an emoji, a lone surrogate
    >>> _fold_long(text) == text.translate(_FOLD_TABLE), _fold_long(text)[:23]
    (True, 'so y te -   bac ninh   ')
    """
    import numpy  # loaded with the language models where documents are read; a command that folds none never is

    codes = code_points(text)
    table = _fold_array()
    folded = numpy.where(codes < len(table), table.take(codes, mode="clip"), codes)  # past the table: kept
    return folded.tobytes().decode("utf-32-le", "surrogatepass")


def code_points(text: str):  # -> numpy.ndarray of uint32 (numpy is imported only when a long text is read so)
    """The code points of ``text`` as one array (a lone surrogate kept), to look a table up for every character at
    once: ``fold`` of a long text, ``chitieu.extractors.numbers.FigureStarts``.

    >>> code_points("Aệ😀").tolist()
    [65, 7879, 128512]
    """
    import numpy

    return numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


@cache
def _fold_array():  # -> numpy.ndarray (numpy is imported only when a long text is folded)
    import numpy

    return numpy.array(_FOLD_TABLE, dtype=numpy.uint32)


_WHITESPACE_RUN = re.compile(r"\s+")


def fold_words(text: str) -> str:
    """``fold`` with runs of spaces and punctuation collapsed: for comparing names.

    >>> fold_words("Sở Lao động – Thương binh và Xã hội")
    'so lao dong - thuong binh va xa hoi'
    """
    return _WHITESPACE_RUN.sub(" ", fold(text)).strip(" .,;:")

# Character classes for regexes: Python's ``re`` has no \p{Lu}, and Vietnamese
# capitals (Đ, Ắ, Ữ ...) lie outside A-Z.
UPPER = "".join(chr(i) for i in range(0x41, 0x1EFA) if chr(i).isalpha() and chr(i).isupper())
LOWER = "".join(chr(i) for i in range(0x61, 0x1EFA) if chr(i).isalpha() and chr(i).islower())
# A capitalised syllable (``Đắk``, ``H’``) and a proper name made of them (``Bà Rịa - Vũng Tàu``).
CAPITALISED = rf"[{UPPER}][{LOWER}’']*"
PROPER_NAME = rf"{CAPITALISED}(?:(?:\s+|\s*-\s*){CAPITALISED})*"


def title_case(words: str) -> str:
    """``ĐẮK LẮK`` -> ``Đắk Lắk``: upper-case names as they are written in running text."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split(" "))
