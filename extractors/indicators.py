"""Which indicator of the national programme for children a plan's target restates.

Quyết định 23/QĐ-TTg (07/01/2021) sets 24 indicators, split in
``models/qd23_indicators.csv`` into the sub-indicators plans state separately.
Provincial plans restate them in their own words, so a target's indicator is
compared with each national description as a set of words (underthesea word
segmentation, folded): the share of the description's words, weighted by how
rarely they occur across the table, that the indicator contains. Words every
indicator shares (``trẻ em``) weigh little; the words that tell sub-indicators
apart (``béo phì``, ``nông thôn``, ``1 tuổi``) weigh most. Units must agree.
A shorter restatement (``tỷ lệ lao động trẻ em``) also matches when nearly all of
its words are the description's and it names what only that indicator measures
(or covers half of the description); the similarity is then that share.

>>> match_national("Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh", "%")[0]
'14'
>>> match_national("tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống", "/1000")[0]
'3.1'
>>> match_national("cán bộ phụ trách trẻ em cấp xã được tập huấn", "count")
(None, 0.0)
"""
from __future__ import annotations

import csv
import importlib.util
import math
import re
import sys
import threading
import types
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from chitieu.models.normalize import fold
from chitieu.extractors.numbers import parse_number

# Below this weighted containment the indicator is not taken to restate a
# national one (seed plans: restatements score >= 0.82, unrelated goals <= 0.63).
MATCH_THRESHOLD = 0.7
# A restatement shorter than the description must use (almost) only its words.
SHORT_FORM_PRECISION = 0.9
SHORT_FORM_RECALL = 0.5

# Words that name the kind of measure or only link others: they say nothing
# about which indicator is meant ("tỷ lệ X" and "số X" restate the same X).
STOPWORDS = frozenset({
    "ty_le", "ty_suat", "ty_so", "so", "so_luong", "muc", "chi_so",
    "cac", "nhung", "moi", "cua", "va", "la", "voi", "cho", "ve", "o", "tai", "theo", "de", "trong",
    "dat", "tang", "giam", "len", "xuong", "con", "duoi_muc", "phan_dau",
    "duoc", "bi",  # passive markers ("được tiêm chủng", "bị xâm hại"): grammar, not what is measured
})
_WORD = re.compile(r"\w")
_PUNCTUATION = re.compile(r"[/()\-–,;:]")
_SHORT_NAME = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class NationalIndicator:
    code: str
    goal: str
    unit: str
    comparator: str
    value_2025: float | None
    value_2030: float | None
    keywords: str
    note: str


@lru_cache(maxsize=1)
def national_indicators() -> tuple[NationalIndicator, ...]:
    """The rows of ``models/qd23_indicators.csv`` (comment lines start with ``#``)."""
    text = resources.files("chitieu.models").joinpath("qd23_indicators.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(
        NationalIndicator(
            code=row["code"], goal=row["goal"], unit=row["unit"], comparator=row["comparator"],
            value_2025=float(row["value_2025"]) if row["value_2025"] else None,
            value_2030=float(row["value_2030"]) if row["value_2030"] else None,
            keywords=row["keywords"], note=row["note"],
        )
        for row in rows
    )


@lru_cache(maxsize=8192)
def indicator_words(text: str) -> frozenset[str]:
    """Folded, segmented content words of an indicator; numbers in canonical form.

    >>> sorted(indicator_words("Tỷ lệ trẻ em từ 07 tuổi trở lên"))
    ['7', 'tre_em', 'tro', 'tu', 'tuoi']
    """
    words = set()
    for token in word_segmenter()(_PUNCTUATION.sub(" ", text)):
        word = fold(token).strip().replace(" ", "_")
        if not _WORD.search(word):
            continue
        if word[0].isdigit():
            try:
                word = f"{parse_number(word):g}"
            except ValueError:
                pass
        if word not in STOPWORDS:
            words.add(word)
    return frozenset(words)


_segmenter_lock = threading.Lock()


@lru_cache(maxsize=1)
def word_segmenter() -> Callable[[str], list[str]]:
    """underthesea's word segmentation, loaded without the rest of underthesea (once per process).

    >>> word_segmenter()("Tỷ lệ trẻ em suy dinh dưỡng")
    ['Tỷ lệ', 'trẻ em', 'suy dinh dưỡng']

    ``import underthesea`` loads every pipeline it has (named entities, parts of speech,
    chunking, classification, with their models and requests): ~60 MB more in every
    worker process than word segmentation needs. Its segmentation modules import each
    other by their full names (``underthesea.pipeline...``), so while they load, an empty
    package stands in for ``underthesea`` itself (same folder, without its ``__init__``).
    The stand-in is then removed: a later ``import underthesea`` runs the real package,
    which finds these modules loaded. Another layout (a later underthesea) falls back to
    the whole package.
    """
    with _segmenter_lock:
        if "underthesea" in sys.modules:  # already loaded whole: nothing to save
            return sys.modules["underthesea"].word_tokenize
        try:
            return _segmentation_alone()
        except ImportError:
            from underthesea import word_tokenize  # another layout: the whole package
            return word_tokenize


def _segmentation_alone() -> Callable[[str], list[str]]:
    """underthesea's ``word_tokenize``, imported with an empty package standing in for ``underthesea``."""
    spec = importlib.util.find_spec("underthesea")
    stand_in = types.ModuleType("underthesea")
    stand_in.__path__ = list(spec.submodule_search_locations or []) if spec else []
    sys.modules["underthesea"] = stand_in
    try:
        import underthesea.pipeline.text_normalize  # noqa: F401 - first: the two import each other
        from underthesea.pipeline.word_tokenize import word_tokenize
        word_tokenize("trẻ em")  # its model's modules load on the first call: under the stand-in too
    finally:
        if sys.modules.get("underthesea") is stand_in:
            del sys.modules["underthesea"]
    return word_tokenize


def split_unknown(words: frozenset[str], vocabulary: dict[str, float]) -> frozenset[str]:
    """Compounds the table does not know, split into syllables it may know.

    Segmentation depends on context (``xã, phường`` can come out as one word),
    so an unknown compound is read as its syllables.

    >>> sorted(split_unknown(frozenset({"xa_phuong", "tre_em"}), {"xa": 1.0, "phuong": 1.0, "tre_em": 1.0}))
    ['phuong', 'tre_em', 'xa']
    """
    out = set()
    for word in words:
        if word in vocabulary or "_" not in word:
            out.add(word)
        else:
            out.update(part for part in word.split("_") if part not in STOPWORDS)
    return frozenset(out)


def keyword_variants(keywords: str) -> tuple[str, ...]:
    """A description with and without its parenthesised short name: either may be restated.

    >>> keyword_variants("suy dinh dưỡng thể chiều cao theo tuổi (thấp còi)")
    ('suy dinh dưỡng thể chiều cao theo tuổi (thấp còi)', 'suy dinh dưỡng thể chiều cao theo tuổi')
    """
    bare = _SHORT_NAME.sub("", keywords).strip()
    return (keywords, bare) if bare != keywords else (keywords,)


@lru_cache(maxsize=1)
def _keyword_table() -> tuple[tuple[NationalIndicator, frozenset[str]], ...]:
    return tuple(
        (row, indicator_words(variant)) for row in national_indicators() for variant in keyword_variants(row.keywords)
    )


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    """Inverse document frequency of each keyword word across the table."""
    table = _keyword_table()
    rows: dict[str, set[str]] = {}
    for row, words in table:
        for word in words:
            rows.setdefault(word, set()).add(row.code)
    n = len(national_indicators())
    return {word: math.log(1 + n / len(codes)) for word, codes in rows.items()}


@lru_cache(maxsize=8)
def _own_words(unit: str) -> dict[str, frozenset[str]]:
    """For each indicator of ``unit``, the words no other indicator of that unit uses."""
    rows: dict[str, set[str]] = {}
    for row, words in _keyword_table():
        if row.unit == unit:
            rows.setdefault(row.code, set()).update(words)
    return {code: frozenset(words - set().union(*(w for c, w in rows.items() if c != code)))
            for code, words in rows.items()}


def containment(indicator: frozenset[str], keywords: frozenset[str], weights: dict[str, float]) -> float:
    """Weighted share of ``keywords`` found in ``indicator`` (1.0: all of them).

    >>> containment(frozenset({"a", "b"}), frozenset({"a", "c"}), {"a": 1.0, "c": 3.0})
    0.25
    """
    # fsum: a float sum over a set depends on the set's (hash-seeded) order, and near-ties must
    # not fall one way in one process and the other way in the next
    total = math.fsum(weights.get(w, 1.0) for w in keywords)
    return math.fsum(weights.get(w, 1.0) for w in keywords & indicator) / total if total else 0.0


@lru_cache(maxsize=8192)
def _weight(words: frozenset[str]) -> float:
    """The summed weight of ``words`` (``containment``'s sums, with the table's weights)."""
    weights = _weights()
    return math.fsum(weights.get(w, 1.0) for w in words)


def name_injury(indicator_text: str) -> str:
    """The indicator with ``tai nạn thương tích`` added when it names one kind of injury only.

    Plans restate the national injury indicators by their leading cause (drowning, traffic,
    burns, falls, electric shock, poisoning): the rate of that cause is reported under them.

    >>> name_injury("tỷ suất trẻ em tử vong do đuối nước")
    'tỷ suất trẻ em tử vong do đuối nước tai nạn thương tích'
    >>> name_injury("tỷ lệ trẻ em bị tai nạn thương tích do đuối nước")
    'tỷ lệ trẻ em bị tai nạn thương tích do đuối nước'
    """
    folded = fold(indicator_text)
    if "tai nan thuong tich" in folded or not any(k in folded for k in INJURY_KINDS):
        return indicator_text
    return f"{indicator_text} tai nạn thương tích"


# Kinds of injury (folded) that name the national injury indicators by their cause.
INJURY_KINDS = ("duoi nuoc", "tai nan giao thong", "bong nuoc", "bong lua", "dien giat", "ngo doc", "te nga")


@lru_cache(maxsize=4096)
def match_national(indicator_text: str, unit: str, threshold: float = MATCH_THRESHOLD) -> tuple[str | None, float]:
    """The QĐ 23 sub-indicator code ``indicator_text`` restates, and the similarity.

    Returns ``(None, best similarity)`` below ``threshold``; ``(None, 0.0)`` when
    no national indicator has the unit. Ties go to the description with fewer
    unmatched indicator words (the closer restatement). Plans restate an indicator
    for each year and in each table cell: a phrase already compared is not compared again.
    """
    candidates = [(row, words) for row, words in _keyword_table() if row.unit == unit]
    if not candidates or not indicator_text.strip():
        return None, 0.0
    weights = _weights()
    words = split_unknown(indicator_words(name_injury(indicator_text)), weights)
    own = _own_words(unit)
    words_weight = _weight(words)
    best_code, best_key = None, (0.0, 0.0)
    for row, keywords in candidates:
        # containment both ways shares its numerator: the weight of the words in common
        shared = _weight(keywords & words)
        recall = shared / _weight(keywords) if _weight(keywords) else 0.0
        precision = shared / words_weight if words and words_weight else 0.0
        # A shorter restatement ("tỷ lệ lao động trẻ em", "tỷ suất tử vong trẻ sơ sinh") says
        # nothing the description does not, and either names what only this indicator measures
        # or still covers half of the description.
        short_form = precision if precision >= SHORT_FORM_PRECISION and (
            (len(words) >= 2 and words & own[row.code]) or recall >= SHORT_FORM_RECALL) else 0.0
        key = (max(recall, short_form), precision)
        if key > best_key:
            best_code, best_key = row.code, key
    score = round(best_key[0], 3)
    return (best_code, score) if score >= threshold else (None, score)
