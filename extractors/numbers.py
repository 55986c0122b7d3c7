"""Vietnamese numbers, money, dates and quarters, shared by every extractor.

Vietnamese writes ``.`` between thousands and ``,`` before decimals:

>>> parse_number("2.292.000.000"), parse_number("9,5"), parse_number("1.000")
(2292000000.0, 9.5, 1000.0)
>>> parse_amount("6,970", "tỷ đồng")
6970000000
>>> parse_money_words("Hai tỷ, hai trăm chín mươi hai triệu đồng")
2292000000
>>> parse_date("ngày 31 tháng 3 năm 2016"), parse_date("ngày   tháng 4 năm 2024"), parse_date("15/6")
('2016-03-31', '2024-04', '--06-15')
>>> parse_quarter("quý I năm 2021"), parse_quarter("Quý IV/2025")
('2021-03-31', '2025-12-31')
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from functools import cache, lru_cache

from chitieu.extractors import anchored
from chitieu.extractors.anchored import Anchor
from chitieu.models import lexicon
from chitieu.models.document import Document
from chitieu.models.normalize import code_points, fold

# A number as Vietnamese documents write it: 77, 9,5, 1.000, 2.292.000.000, 99.1. Written from its first
# digit on, so that a pattern may test what stands before that digit behind it (see budgets._AMOUNT).
NUMBER_AFTER_FIRST_DIGIT = r"\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:[.,]\d+)?"
NUMBER = rf"\d(?:{NUMBER_AFTER_FIRST_DIGIT})"


class Figures:
    r"""A pattern that reads figures, ``build(digit)`` with its first digit as ``digit``, compiled twice: with ``\d``,
    and with ``[0-9]`` for a folded text of ASCII characters only (most plans: fold leaves few others), where a
    digit is one of 0-9 and the engine tests the range at each character faster than ``\d``'s Unicode class.

    >>> figures = Figures(lambda digit: digit + "+%")
    >>> figures.over("dat 90%").pattern, figures.over("đạt 90%").pattern
    ('[0-9]+%', '\\d+%')
    """

    def __init__(self, build: Callable[[str], str]) -> None:
        self.pattern = re.compile(build(r"\d"))
        self.ascii = re.compile(build("[0-9]"))

    def over(self, text: str) -> re.Pattern:
        """The pattern to search ``text`` with."""
        return self.ascii if text.isascii() else self.pattern


class FigureStarts:
    r"""Where a figure may start in ``text``: at a digit (``\d``) with no digit nor one of ``FIGURE_MARKS`` right before
    it (``after_no_figure``: ``\d(?<![\d.,/]\d)``), and, for a figure standing alone, no word character either
    (``standing_alone``: ``\d(?<![\w.,/]\d)``).

    The kinds of all the characters are looked up once, at once (numpy; an ASCII text, as most folded plans are, byte by
    byte with ``bytes.translate``), not found by the engine, which tries a class at every character of the text (~10 ns
    a character); budgets' figures and targets' numbers read them in the same text (``figure_starts``), and whether OCR
    may have read a zero as the letter O in it (``o_beside_digit``).

    >>> FigureStarts("đạt 90%, 1.000 hộ, x20, 3/4 và ٣٤").after_no_figure(), FigureStarts("x20, _5 ²6 7").standing_alone()
    ([4, 9, 20, 24, 31], [11])
    >>> FigureStarts("năm 2O25").o_beside_digit(), FigureStarts("khí CO, 2 ô").o_beside_digit()
    (True, False)
    """

    def __init__(self, text: str) -> None:
        import numpy  # loaded with the language models, and by fold for any long text

        if text.isascii():
            kinds = numpy.frombuffer(text.encode("ascii").translate(_ascii_kinds()), dtype=numpy.uint8)
        else:
            codes = code_points(text)
            table = _kinds_table()
            kinds = table.take(codes, mode="clip")
            beyond = codes >= len(table)  # (an emoji, a digit of another script: each looked up alone)
            if beyond.any():
                for code in numpy.unique(codes[beyond]).tolist():
                    kinds[codes == code] = _character_kind(chr(code))
        self._kinds = kinds
        self._digits = numpy.flatnonzero(kinds == _DIGIT_KIND)  # (a few in a hundred: the one before each read)
        self._before = kinds[self._digits - 1]
        if len(self._digits) and self._digits[0] == 0:
            self._before[0] = _OTHER_KIND  # (the text's first character: none before it)

    def after_no_figure(self) -> list[int]:
        """The digits with no digit nor figure mark right before them, in order."""
        return self._digits[(self._before != _DIGIT_KIND) & (self._before != _MARK_KIND)].tolist()

    def standing_alone(self) -> list[int]:
        """The digits with no digit, figure mark nor word character right before them, in order."""
        return self._digits[self._before == _OTHER_KIND].tolist()

    def o_beside_digit(self) -> bool:
        """Whether a letter ``o`` or ``O`` stands right before or after a digit: every run ``ocr_zeros`` reads holds one."""
        after = self._digits[self._digits + 1 < len(self._kinds)] + 1
        return bool((self._before == _O_KIND).any() or (self._kinds[after] == _O_KIND).any())


def figure_starts(doc: Document, text: str) -> FigureStarts:
    """``FigureStarts(text)`` of the document's folded ``text`` (``doc.folded``, or its copy with OCR's zeros restored),
    made once per document: budgets and targets both read figures in it."""
    return doc.derived("figure_starts", lambda doc: FigureStarts(text), of=text)


# The marks inside a figure: no figure starts right after one ("1.000", "2,5", "3/4").
FIGURE_MARKS = ".,/"
_OTHER_KIND, _DIGIT_KIND, _MARK_KIND, _WORD_KIND, _O_KIND = 0, 1, 2, 3, 4


def _character_kind(character: str) -> int:
    r"""A digit (``\d``), a figure mark, the letter ``o`` or ``O`` (a word character OCR may have read for a zero),
    another word character (``\w``), or another character."""
    if character.isdecimal():
        return _DIGIT_KIND
    if character in FIGURE_MARKS:
        return _MARK_KIND
    if character in "oO":
        return _O_KIND
    return _WORD_KIND if character.isalnum() or character == "_" else _OTHER_KIND


@cache
def _kinds_table():  # -> numpy.ndarray: the kind of every character of the Latin to punctuation blocks
    import numpy

    return numpy.array([_character_kind(chr(code)) for code in range(0x2400)], dtype=numpy.uint8)


@cache
def _ascii_kinds() -> bytes:
    """The kind of every byte, for ``bytes.translate`` of an ASCII text."""
    return bytes(_character_kind(chr(code)) for code in range(256))


_FIGURES = re.compile(r"[\d.,]+")
_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")  # one "." before three digits groups thousands


def parse_number(raw: str) -> float:
    """A number written the Vietnamese way (``.`` thousands, ``,`` decimals).

    A single ``.`` or ``,`` followed by exactly three digits groups thousands
    when it is a ``.`` and marks decimals when it is a ``,`` (``6,970 tỷ``);
    ``99.1`` (a ``.`` before one or two digits) is an English-style decimal.

    >>> parse_number("99,1"), parse_number("99.1"), parse_number("1,000,000")
    (99.1, 99.1, 1000000.0)
    """
    s = raw.strip().replace(" ", "")
    if not s or not _FIGURES.fullmatch(s) or not s[0].isdigit():
        raise ValueError(f"not a number: {raw!r}")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # whichever comes last separates the decimals
        if s.rfind(",") > s.rfind("."):
            return float(s.replace(".", "").replace(",", "."))
        return float(s.replace(",", ""))
    if dots > 1 or (dots == 1 and _THOUSANDS.fullmatch(s)):
        return float(s.replace(".", ""))
    if commas > 1:
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))


def _money_units(kinds: tuple[str, ...] = ("unit", "scale", "currency")) -> list[tuple[str, int]]:
    """(folded term, đồng per unit) of ``models/lexicon/money_units.csv``, longest first so "nghìn tỷ" wins over "tỷ"."""
    units = [(fold(row["term"]), int(row["value"])) for row in lexicon.rows("money_units") if row["kind"] in kinds]
    return sorted(units, key=lambda unit: len(unit[0]), reverse=True)


def _alternation(words: list[tuple[str, int]]) -> str:
    """A regex alternation of folded unit words, longest first; a dot may be followed by a space (``tr. đồng``)."""
    return "|".join(re.escape(word).replace(r"\.", r"\.\s?") for word, _ in words)


# Money units (folded) -> multiplier in đồng: a unit with its currency (tỷ đồng), a scale word alone
# (tỷ), the currency alone (đồng). The one list of them; matchers take the regex fragments below.
MONEY_UNITS: list[tuple[str, int]] = _money_units()
MONEY_UNIT = _alternation(MONEY_UNITS)  # any of them: a table's ĐVT line, a costing formula's unit
SCALE_WORD = _alternation(_money_units(("scale",)))  # after a figure: nghìn tỷ, tỷ, triệu, nghìn
CURRENCY_WORD = _alternation(_money_units(("currency",)))  # after a figure or a scale word: đồng, VNĐ, đ
# "tỷ lệ", "tỷ suất", "tỷ trọng" (a rate, a share) are no amount of money: put after a scale word or unit.
NOT_A_SCALE = r"(?!\s+(?:le|suat|trong)\b)"


def unit_multiplier(unit: str) -> int | None:
    """đồng per unit for a money unit word (``triệu đồng`` -> 1 000 000)."""
    key = " ".join(fold(unit).replace(".", " . ").split()).replace(" . ", ".").strip(" .")
    for word, multiplier in MONEY_UNITS:
        if key == word:
            return multiplier
    return None


def parse_amount(number: str, unit: str = "đồng") -> int:
    """Integer đồng from a written number and its unit.

    >>> parse_amount("5.000.000.000", "đ"), parse_amount("1,194", "tỷ"), parse_amount("2.292.000", "nghìn đồng")
    (5000000000, 1194000000, 2292000000)
    """
    multiplier = unit_multiplier(unit)
    if multiplier is None:
        raise ValueError(f"not a money unit: {unit!r}")
    return round(parse_number(number) * multiplier)


_DIGIT_WORDS = {
    "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "nham": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}
# The scale words of a number in words, one word each ("một nghìn tỷ" composes nghìn and tỷ).
_SCALES = {word: value for word, value in _money_units(("scale",)) if " " not in word}
_FILLER_WORDS = {"dong", "chan"}  # "năm tỷ đồng chẵn": the unit and "exactly" carry no value
_WORD = re.compile(r"[a-z]+")


def parse_money_words(words: str) -> int | None:
    """The amount of a number written in Vietnamese words, or None if it is not one.

    >>> parse_money_words("Sáu tỷ chín trăm bảy mươi triệu đồng")
    6970000000
    >>> parse_money_words("một tỷ một trăm chín tư triệu đồng")
    1194000000
    >>> parse_money_words("một trăm linh năm nghìn đồng"), parse_money_words("mười lăm triệu")
    (105000, 15000000)
    >>> parse_money_words("một nghìn tỷ đồng"), parse_money_words("hai tỷ rưỡi"), parse_money_words("năm tỷ đồng chẵn")
    (1000000000000, 2500000000, 5000000000)
    """
    tokens = [t for t in _WORD.findall(fold(words)) if t not in _FILLER_WORDS]
    if not tokens:
        return None
    total, largest, last_scale = 0, 0, 0
    group: list[str] = []
    for token in tokens + ["<end>"]:
        if token in _SCALES or token == "<end>":
            part = _below_thousand(group)
            if part is None:
                return None
            if token == "<end>":
                total += part
                break
            scale = _SCALES[token]
            # a scale right after another multiplies it ("một nghìn tỷ"); alone it means one ("triệu rưỡi")
            part = part or (0 if total else 1)
            if scale > largest:
                total, largest = (total + part) * scale, scale
            else:
                total += part * scale
            group, last_scale = [], scale
        elif token == "ruoi" and last_scale and not group:  # "hai tỷ rưỡi": half the scale just named
            total += last_scale // 2
        elif token in _DIGIT_WORDS or token in {"tram", "muoi", "linh", "le"}:
            group.append(token)
        else:
            return None
    return total if tokens else None


def _below_thousand(tokens: list[str]) -> int | None:
    """``hai trăm chín mươi hai`` -> 292; ``chín tư`` after trăm -> 94."""
    if not tokens:
        return 0
    hundreds = tens = units = 0
    digits: list[int] = []
    state = "start"
    for token in tokens:
        if token == "tram":
            hundreds, digits, state = (digits[-1] if digits else 1), [], "after_hundreds"
        elif token == "muoi":  # "mười" (10) and "mươi" (x10) fold alike
            tens, digits, state = (digits[-1] if digits else 1), [], "after_tens"
        elif token in {"linh", "le"}:
            state = "after_tens"
        else:
            digits.append(_DIGIT_WORDS[token])
    if len(digits) == 2 and state != "after_tens":  # "chín tư": tens and units, "mươi" left out
        tens, units = digits
    elif len(digits) == 1:
        units = digits[0]
    elif len(digits) > 2:
        return None
    return hundreds * 100 + tens * 10 + units


_BLANKS = re.compile(r"(?<=[^\d\s])\s*[.…]{2,}\s*|(?<=\s)[.…]+(?=\s)|…+")
_DATE_WORDS = re.compile(
    r"ngày\s*(\d{1,2})?\s*(?:tháng|/)\s*(\d{1,2})?\s*(?:năm|/)\s*(\d{4})", re.I
)
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])")


def parse_date(text: str) -> str | None:
    """ISO date from ``ngày 31 tháng 3 năm 2016`` or ``31/3/2016``; ``--MM-DD`` without a year.

    Blanks left for the day or month give ``YYYY-MM`` or ``YYYY``.

    >>> parse_date("ngày tháng năm 2021"), parse_date("22/12/2015"), parse_date("31/2/2021")
    ('2021', '2015-12-22', None)
    >>> parse_date("ngày…tháng…năm 2021"), parse_date("ngày .... tháng 6 năm 2021")
    ('2021', '2021-06')
    """
    text = _BLANKS.sub(" ", text)  # "ngày …… tháng …… năm 2021": dotted blanks left to fill in
    m = _DATE_WORDS.search(text)
    if m:
        day, month, year = (int(g) if g else None for g in m.groups())
        return _iso(year, month, day)
    m = _DATE_NUMERIC.search(text)
    if m:
        day, month, year = (int(g) if g else None for g in m.groups())
        return _iso(year, month, day)
    return None


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None or not 1 <= day <= calendar.monthrange(year or 2024, month)[1]:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    if month is not None:
        return f"{year:04d}-{month:02d}" if year else None
    return f"{year:04d}" if year else None


_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
QUARTER_RE = re.compile(r"quý\s+(IV|III|II|I|[1-4])\b(?:\s*(?:năm|/)\s*(\d{4}))?", re.I)


def parse_quarter(text: str) -> str | None:
    """The last day of the quarter named in ``text``; ``--MM-DD`` when no year is given.

    >>> parse_quarter("trong quý 2"), parse_quarter("quý III/2022")
    ('--06-30', '2022-09-30')
    """
    m = QUARTER_RE.search(text)
    if not m:
        return None
    quarter = _ROMAN_QUARTERS[m.group(1).lower()]
    month = quarter * 3
    day = calendar.monthrange(2021, month)[1]
    return _iso(int(m.group(2)) if m.group(2) else None, month, day)


# A year of the plans' era, as digits.
YEAR = r"(?:19|20)\d{2}"


def year_words(kind: str, gap: str = r"\s+") -> str:
    """A regex alternation of the folded phrases of ``lexicon/year_phrases.csv`` of one kind, their words
    apart by ``gap``: ``until`` (đến, tới), ``to_the_end`` (hết, cuối), ``onward`` (trở đi), ``following``
    (các năm tiếp theo).

    >>> year_words("until"), year_words("onward", " ")
    ('den|toi', 'tro di|tro ve sau')
    """
    return "|".join(gap.join(map(re.escape, fold(term).split())) for term in lexicon.terms("year_phrases", kind=kind))


_YEAR_SPAN = re.compile(rf"({YEAR})\s*(?:-|{year_words('until')})\s*(?:nam\s*)?({YEAR})(?!\d)")
_ONE_YEAR = re.compile(rf"(?<!thang)(?<!\d)\s(?:nam\s+)({YEAR})(?![\d/])")  # not a blank date's "tháng năm"


@lru_cache(maxsize=1024)
def parse_years(folded: str) -> tuple[int, int] | None:
    """The years folded words state: a span (``giai đoạn 2022 - 2030``, ``từ năm 2016 đến năm 2020``) or one year.

    Cached: every amount of a sentence asks it of the same (shared) sentence.

    >>> parse_years("giai doan 2022 - 2030 tu ngan sach"), parse_years("kinh phi nam 2024 la"), parse_years("trong 5 nam")
    ((2022, 2030), (2024, 2024), None)
    """
    span = _YEAR_SPAN.search(folded)
    if span and int(span.group(1)) <= int(span.group(2)):
        return int(span.group(1)), int(span.group(2))
    single = _ONE_YEAR.search(" " + folded)
    return (int(single.group(1)),) * 2 if single else None


# A run of digits and the letters o/O that holds a digit and touches no other letter: OCR reads a
# zero as the letter O (``năm 2O16``, ``3O/4``, ``O3 xã``); a word holding a digit (``CO2``) is left alone.
# Only runs that hold a letter o/O are matched: a text of plain figures calls nothing back.
# (one pattern per letter, each opening with it: the engine finds a literal at once, a class position by position)
_DIGIT_BESIDE_O = (re.compile(r"o(?<=\do)|o\d"), re.compile(r"O(?<=\dO)|O\d"))
_OCR_ZERO_RUN = re.compile(r"(?<!\w)(?=[\doO]*\d)(?=[\doO]*[oO])[\doO]+(?!\w)")
# Such a run holds an O beside a digit, and is one word: it is searched from those places (``anchored``), not
# tried at every character of a text.
_OCR_ZERO_FROM = Anchor(_DIGIT_BESIDE_O, 1, re.compile(r"[\doO]"))


def ocr_zeros(text: str) -> str:
    """The letters ``o``/``O`` inside a number read as ``0``; same length, so offsets stay valid.

    A number is a run of digits and o/O touching no other letter, so a word (``Ông``, ``CO2``) stays.

    >>> ocr_zeros("ngày 14 tháng 9 năm 2O16, trước 3O/4, ít nhất O3 xã, khí CO2, Ông Bốn")
    'ngày 14 tháng 9 năm 2016, trước 30/4, ít nhất 03 xã, khí CO2, Ông Bốn'
    """
    if not any(beside.search(text) for beside in _DIGIT_BESIDE_O):  # no run of figures holds an O: nothing to do
        return text
    return _zeros_read(text)


def _zeros_read(text: str) -> str:
    """``ocr_zeros`` of a text that holds an O beside a digit."""
    return anchored.sub(_OCR_ZERO_RUN, _OCR_ZERO_FROM, lambda m: m.group(0).replace("o", "0").replace("O", "0"), text)


def repaired_folded(doc: Document) -> str:
    """``doc.folded`` with its OCR zeros read as zeros (``ocr_zeros``), computed once per document and shared
    by the extractors that read figures and dates in it (targets, deadlines): a scan of the whole text each.

    >>> repaired_folded(Document("a.txt", "0", "Đến năm 2O25, đạt 9O%"))
    'den nam 2025, dat 90%'
    """
    return doc.derived("repaired_folded", _repaired_folded, of=doc.folded)


def _repaired_folded(doc: Document) -> str:
    # (whether an O stands beside a digit read from the kinds of the characters targets and budgets look up anyway:
    # a search for one tries each of the text's many o's)
    return _zeros_read(doc.folded) if figure_starts(doc, doc.folded).o_beside_digit() else doc.folded


def repaired_text(doc: Document) -> str:
    """``doc.text`` with its OCR zeros read as zeros (``ocr_zeros``): the text itself, not searched again, when
    ``repaired_folded`` found none. Every run of the text is one of the folded text, at the same place: fold keeps
    a digit a digit, makes ``O`` and ``o`` an ``o``, and folds no other character into a word character.

    >>> repaired_text(Document("a.txt", "0", "Đến năm 2O25, đạt 9O%")), repaired_text(Document("a.txt", "0", "Ông Bốn"))
    ('Đến năm 2025, đạt 90%', 'Ông Bốn')
    """
    return doc.text if repaired_folded(doc) == doc.folded else ocr_zeros(doc.text)
