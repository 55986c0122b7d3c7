"""The gazetteer of Vietnamese public bodies: where a body is named in a text, and its canonical name.

A body is named by a head word (``Sở``, ``Trung tâm``, ``Ủy ban nhân dân``), by a form the gazetteer
(``models/agencies.json``) knows (``Công an``, ``Hội Liên hiệp Phụ nữ``), or by initials (``UBND``,
``Sở LĐ-TB&XH``); a level word and a place name may close it (``Công an tỉnh``, ``UBND huyện Tân Phú``).
What a plan makes of the bodies it names (who leads, who helps) is ``chitieu.extractors.agencies``; this
module only reads names, so metadata (the issuer, the signer's body) and deadlines (a lead cell) use it too.

>>> t = "phối hợp với Sở Y tế, Công an tỉnh và các cơ quan liên quan"
>>> [m.name for m in find_mentions(t, fold(t))]
['Sở Y tế', 'Công an tỉnh']
>>> canonical_agency("Sở VH,TT&DL"), canonical_agency("UBND các xã, phường, thị trấn")
('Sở Văn hóa, Thể thao và Du lịch', 'UBND cấp xã')
"""
from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

from chitieu.models import lexicon
from chitieu.models.normalize import fold

_GAZETTEER = json.loads(resources.files("chitieu.models").joinpath("agencies.json").read_text("utf-8"))
# Every sector's and body's name, folded: what "a name the gazetteer knows" means.
KNOWN_NAMES: tuple[str, ...] = tuple(fold(entry["name"]) for key in ("sectors", "bodies") for entry in _GAZETTEER[key])

# ----------------------------------------------------------------- vocabulary (folded: no diacritics, lower case)
# Administrative units a body's name may end with (``Công an tỉnh``, ``Phòng Y tế huyện``).
LEVEL = r"(?:cap\s+)?(?:tinh|huyen|quan|thi xa|thanh pho|thi tran|phuong|dac khu|xa(?!\s+hoi))"
# Words of a generic group that names no body (``các sở, ban, ngành, đoàn thể liên quan``), and a head's title
# standing for its body (``Giám đốc Sở Y tế``): they may stand before or between addressees
# (lexicon/generic_words.csv, column ``between``).
GENERIC_WORDS = tuple(fold(term) for term in lexicon.terms("generic_words", between="yes"))
# Capitalised endings of organisation names that still take a level word (``Đoàn TNCS Hồ Chí Minh tỉnh``), folded.
NAMES_TAKING_LEVEL = ("viet nam", "ho chi minh")
# Words that introduce an adverbial before the subject (``Căn cứ chức năng, nhiệm vụ, ..., Sở Y tế ...``).
INTRO_WORDS = r"(?:can cu|tren co so|tuy theo|tuy tinh hinh|theo|trong pham vi|de)"
# Lowercase words that end a name the gazetteer does not know: verbs and prepositions that follow a subject
# (lexicon/name_stops.csv, folded). A word whose folded form is also a syllable of names is a stop only as
# written there (``only_as_written``): ``từ``, not the ``tư`` of ``Đầu tư``; ``có``, not the ``cơ`` of ``cơ sở``;
# ``làm``, not the ``lâm`` of ``Kiểm lâm``; ``hỗ``, not the ``hộ`` of ``phòng hộ``.
NAME_STOPS = frozenset(fold(term) for term in lexicon.terms("name_stops"))


def _marked_stops() -> dict[str, set[str]]:
    """Folded stop -> the only spellings in which it is a stop (``{"co": {"có"}, "bo": {"bố", "bổ"}, ...}``)."""
    marked: dict[str, set[str]] = {}
    for row in lexicon.rows("name_stops"):
        if row["only_as_written"]:
            marked.setdefault(fold(row["term"]), set()).add(unicodedata.normalize("NFC", row["term"]))
    return marked


MARKED_STOPS = _marked_stops()
# A head word followed by these is an ordinary noun or verb, not a body (``Báo cáo``, ``Hội nghị``, ``Phòng chống``).
NOT_BODIES = tuple(fold(term) for term in lexicon.terms("not_bodies"))  # lexicon/not_bodies.csv: events, staff, cases
_SEP = r"\s*(?:[-,&.]\s*)?(?:va\s+)?"  # between the parts of a sector name: " - ", ", ", " và ", "&", nothing
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_DASH = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")


# ----------------------------------------------------------------- names
def _fold_pattern(words: str) -> str:
    """A regex for ``words`` in folded text: any spacing, dashes and ``&`` spaced freely."""
    tokens = re.findall(r"\w+|[-&/,]", fold(words))
    return "".join(
        (rf"\s*{re.escape(t)}\s*" if not t.isalnum() else (r"\s+" if i and tokens[i - 1].isalnum() else "") + re.escape(t))
        for i, t in enumerate(tokens)
    )


def _part_pattern(part: str) -> str:
    """A sector part written out (``Lao động``) or by its initials (``LĐ``)."""
    syllables = fold(part).split()
    full = r"\s+".join(map(re.escape, syllables))
    return rf"(?:{full}|{''.join(s[0] for s in syllables)})" if len(syllables) > 1 else full


_SECTORS = sorted(_GAZETTEER["sectors"], key=lambda s: (-len(s["parts"]), -len(s["name"])))
_SECTOR_AFTER: dict[str, re.Pattern] = {
    head: re.compile(
        r"\s+(?:"
        + "|".join(
            f"(?P<s{i}>" + _SEP.join(_part_pattern(p) for p in sector["parts"]) + ")"
            for i, sector in enumerate(_SECTORS) if head in sector["heads"]
        )
        + r")(?![a-z0-9])"
    )
    for head in {h for s in _SECTORS for h in s["heads"]}
}
_SECTOR_HEADS = {fold(h): h for h in _SECTOR_AFTER}


def _sectors_by_head_and_length() -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(head, length of the folded name) -> (folded name, name) of the sectors under that head, in ``_SECTORS``'
    order: a name misspelt by a letter has its length, so it is compared with those few only."""
    out: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for sector in _SECTORS:
        written = fold(sector["name"]).replace(",", "").replace(" -", "")
        for head in sector["heads"]:
            out.setdefault((head, len(written)), []).append((written, sector["name"]))
    return out


_SECTORS_BY_HEAD_AND_LENGTH = _sectors_by_head_and_length()
# "các" opens the pattern and its word boundary is checked behind it: the engine then looks for the letters "cac"
# instead of trying the pattern at every position.
_PLURAL_HEAD = re.compile(r"cac(?<![a-z]cac)\s+(?P<head>so|phong|bo)\s*:?(?=\s)")
_BODIES = _GAZETTEER["bodies"]
_BODY_FORMS = sorted(((f, i) for i, b in enumerate(_BODIES) for f in b["forms"]), key=lambda fi: -len(fi[0]))
_BODY_RE = re.compile("(?:" + "|".join(f"(?P<b{i}_{k}>{_fold_pattern(f)})" for k, (f, i) in enumerate(_BODY_FORMS)) + r")(?![a-z0-9])")


def _first_word(form: str) -> str:
    return re.match(r"\w+", fold(form)).group()


# The same alternatives grouped by their first word (longest first within each), so a match tries only the forms
# that can start at a position: one pattern over every form is tried form by form.
_BODY_RE_BY_WORD: dict[str, re.Pattern] = {
    word: re.compile("(?:" + "|".join(f"(?P<b{i}_{k}>{_fold_pattern(f)})" for k, (f, i) in enumerate(_BODY_FORMS)
                                      if _first_word(f) == word) + r")(?![a-z0-9])")
    for word in {_first_word(f) for f, _ in _BODY_FORMS}
}
_FIRST_WORD = re.compile(r"\w+")


def body_form(folded: str, pos: int) -> re.Match | None:
    """The gazetteer's body form at ``pos`` (as ``_BODY_RE.match(folded, pos)``, faster)."""
    word = _FIRST_WORD.match(folded, pos)
    pattern = _BODY_RE_BY_WORD.get(word.group()) if word else None
    return pattern.match(folded, pos) if pattern else None


def prefix_tree(alternatives: list[str]) -> str:
    r"""One group matching what ``(?:a|b|...)`` matches, for ``_fold_pattern`` fragments followed by a word's end:
    the fragments that open with the same letter, or with ``\s+``, share one branch, so the engine reads a common
    opening once (``trung\s+tam\s+...``), not once per fragment.

    The order of the alternatives is kept wherever it decides a match: a letter's branch holds what no other
    branch matches at the same place (another letter, a space, a mark or the word's end); the words after a
    ``\s+`` open with a letter; any other fragment stays where it is and closes the ``\s+`` branch before it.

    >>> prefix_tree([r"so\s+y\s+te", r"so\s+tai\s+chinh", "so", "ban"])
    '(?:so(?:\\s+(?:y\\s+te|tai\\s+chinh)|)|ban)'
    """
    branches: list[tuple[str, list[str]]] = []  # (opening, the rests after it), in the order they first come
    letters: dict[str, list[str]] = {}
    spaced: list[str] | None = None  # the rests of the open "\s+" branch
    for alternative in alternatives:
        if alternative[:1] in _PLAIN:
            if alternative[0] not in letters:
                letters[alternative[0]] = []
                branches.append((alternative[0], letters[alternative[0]]))
            letters[alternative[0]].append(alternative[1:])
        elif alternative.startswith(r"\s+"):
            if spaced is None:
                spaced = []
                branches.append((r"\s+", spaced))
            spaced.append(alternative[3:])
        else:
            branches.append((alternative, [""]))
            if not _MARK_AFTER_SPACES.match(alternative):
                spaced = None  # it may match where a later "\s+" fragment does: that one is not moved before it
    parts = [opening + (prefix_tree(rests) if len(rests) > 1 else rests[0]) for opening, rests in branches]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_MARK_AFTER_SPACES = re.compile(r"\\s\*(?:\\-|[&/,])")  # "\s*\-": a mark, never a letter, after the spaces


_HEADS = sorted(_GAZETTEER["heads"], key=len, reverse=True)
_HEADS_LOWER = frozenset(h.lower() for h in _HEADS)
_HEAD_RE = re.compile(prefix_tree([_fold_pattern(h) for h in _HEADS]) + r"(?![a-z0-9])")
_UBND = re.compile(
    rf"(?:uy ban nhan dan|ubnd)\s+(?:(?P<mode>cac|cap)\s+)?(?P<units>{LEVEL}(?:\s*(?:[,/]|va)\s*(?:cac\s+)?{LEVEL})*)(?![a-z0-9])"
)
_LEVEL_AFTER = re.compile(rf"\s+{LEVEL}(?![a-z0-9])")
_REGION_AFTER = re.compile(r"\s+(?:chi nhanh\s+)?khu vuc\s+(?:[ivxlc]+|\d+)(?![a-z0-9])")
_BRANCH_AFTER = re.compile(rf"(?:\s*-\s*|\s+)chi nhanh(?=\s+{LEVEL}(?![a-z0-9]))")
_PARTY_AFTER = re.compile(r"\s+(?:tinh|thanh|huyen|quan|dang)\s+uy(?![a-z])")
# One kind of body in every unit: "Trung tâm Y tế các huyện, thị xã", named as written.
# The same body at several levels or units, named as written: "Công an xã, phường", "Ban Chỉ huy Quân sự huyện, xã".
_UNIT_LIST_AFTER = re.compile(rf"\s+{LEVEL}(?:\s*(?:,|/|va)\s*{LEVEL})+(?![a-z0-9])")
_PLURAL_AFTER = re.compile(rf"\s+cac\s+{LEVEL}(?:\s*(?:,|va)\s*{LEVEL})*(?![a-z0-9])")
# Units below the commune (hamlets, villages, residential groups); a body of theirs names them: "Ban nhân dân các ấp".
VILLAGE_UNITS = tuple(fold(term) for term in lexicon.terms("village_units"))  # lexicon/village_units.csv
VILLAGE_UNIT = "(?:" + "|".join(u.replace(" ", r"\s+") for u in VILLAGE_UNITS) + ")"
_VILLAGE_AFTER = re.compile(rf"\s+(?:(?:cac|moi)\s+)?{VILLAGE_UNIT}(?:\s*(?:,|/|va)\s*{VILLAGE_UNIT})*(?![a-z0-9])")


# Every word a body's name may open with, one branch per shared opening: the text is searched for it once. Each
# opens and ends with a letter (``_candidates``).
_OPENINGS = prefix_tree(["uy ban nhan dan", "ubnd", *sorted(
    {_fold_pattern(w) for w in [*_GAZETTEER["heads"], *(f for f, _ in _BODY_FORMS)]}, key=len, reverse=True)]
) + r"(?![a-z0-9])"
_OPENING_AT_START = re.compile(_OPENINGS)
# An opening after a character that is no letter or digit, that character first: the engine skips to such a
# character at C speed (a fourth of a plan's) and tries the openings there, where a look-behind first
# (``(?<![a-z0-9])``) made it try them at every position (~30% fewer instructions over a plan).
_OPENING_AFTER = re.compile(r"[^a-z0-9]" + _OPENINGS)

# What a body's name may open with in lower case besides a department's head (``_opens_in_lower_case``): a people's
# committee or a form of a body the gazetteer does not ask to be capitalised; the fallback reads capitalised heads only.
_LOWER_CASE_OPENING = re.compile(
    prefix_tree(["uy ban nhan dan", "ubnd", *sorted(
        {_fold_pattern(f) for f, i in _BODY_FORMS if not _BODIES[i].get("capitalised")}, key=len, reverse=True)])
    + r"(?![a-z0-9])"
)


def _abbreviation_pattern(abbreviation: str) -> re.Pattern:
    """``PT-TH`` also as ``PT - TH``; never inside a longer word."""
    flexible = re.sub(r"\\?([-&])", r"\\s*\1\\s*", re.escape(abbreviation))
    return re.compile(rf"(?<!\w){flexible}(?!\w)")


def _opening(abbreviation: str) -> str:
    """What every match of ``_abbreviation_pattern(abbreviation)`` holds as written: the letters before a ``-`` or ``&``.

    >>> _opening("PT-TH"), _opening("THCS&THPT"), _opening("UBND")
    ('PT', 'THCS', 'UBND')
    """
    return re.split(r"[-&]", abbreviation)[0]


# (pattern, opening, full name), longest abbreviation first
_ABBREVIATIONS = [
    (_abbreviation_pattern(k), _opening(k), v)
    for k, v in sorted(_GAZETTEER["abbreviations"].items(), key=lambda kv: -len(kv[0]))
]
_WORD = re.compile(r"[ \t]*(?:[-&/][ \t]*)?(\w+)")
_COMMA_WORD = re.compile(r",[ \t]*(\w+)")
_PLACE_WORD = re.compile(r"[ ]+([^\W\d_]+)")
_LETTERS = re.compile(r"[a-z]+")
MAX_NAME_WORDS = 10
# A sector name this long may be read through one wrong letter (shorter ones would match other words).
MIN_MISSPELT_LETTERS = 6
_UNIT_GROUP = {"tinh": "tỉnh", "huyen": "huyện", "quan": "huyện", "thi xa": "huyện", "thanh pho": "huyện"}


@dataclass(frozen=True)
class Mention:
    """A named body in the text: ``[start, end)`` and its canonical name."""

    start: int
    end: int
    name: str


@lru_cache(maxsize=4096)
def _old_tone(word: str) -> str:
    """The tone of a syllable ending in oa/oe/uy on its first vowel, as the gazetteer writes it (``hoá`` -> ``hóa``)."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if len(tones) != 1 or not base.lower().endswith(("oa", "oe", "uy")) or base.lower().startswith("qu"):
        return word
    return base[:-2] + unicodedata.normalize("NFC", base[-2] + tones[0]) + base[-1]


@lru_cache(maxsize=4096)  # a plan names the same bodies again and again
def tidy(text: str) -> str:
    """NFC, one spaced hyphen for every dash, single spaces, old tone placement, no stray marks at the ends."""
    text = unicodedata.normalize("NFC", text).replace("*", " ")
    text = _DASH.sub(" - ", text)
    text = re.sub(r"\w+", lambda m: _old_tone(m.group()), " ".join(text.split()))
    return text.strip(" .,;:-()")


# A school's level by its initials, read so only after "Trường" (``Trường TH Tân An``; ``TH`` alone is too short).
_SCHOOL_LEVELS = _GAZETTEER["school_abbreviations"]
_SCHOOL = re.compile(r"(?<!\w)([Tt]rường\s+)(" + "|".join(sorted(_SCHOOL_LEVELS, key=len, reverse=True)) + r")(?!\w)")


@lru_cache(maxsize=4096)
def expand(text: str) -> str:
    """Abbreviations written out: ``UBND`` is ``Ủy ban nhân dân``, ``Trường THCS`` is ``Trường Trung học cơ sở``."""
    for pattern, opening, full in _ABBREVIATIONS:
        if opening in text:  # most names hold no abbreviation: a substring test rules each one out
            text = pattern.sub(full, text)
    return _SCHOOL.sub(lambda m: m.group(1) + _SCHOOL_LEVELS[m.group(2)], text)


def _proper_name_end(text: str, end: int) -> int:
    """End of a capitalised place name after a level word (``tỉnh Sóc Trăng``) on the same line."""
    while (m := _PLACE_WORD.match(text, end)) and m.group(1)[0].isupper():
        word = fold(m.group(1))
        following = _PLACE_WORD.match(text, m.end())
        # a capitalised verb after a name ends it ("tỉnh Chỉ đạo"), a place's first syllable does not ("Cần Thơ")
        if _opens_body(text, m.start(1)) or word in NAME_STOPS and following and following.group(1)[0].islower():
            break
        end = m.end()
    return end


def _opens_body(text: str, pos: int) -> bool:
    """Whether another body's name opens at ``pos``: a head word that is only a syllable of a place
    (``thị trấn Tân Phòng tổ chức``) opens none."""
    if not _HEAD_RE.match(fold(text[pos:pos + 12])):
        return False
    window = text[pos:pos + 120]
    return _match_body(window, fold(window), 0) is not None


def _with_level(text: str, folded: str, end: int, required: bool, proper: bool = False) -> int | None:
    """End of the name once an optional (or required) level word and place name are taken in.

    A regional office of a central body (``Chi cục Hải quan khu vực XIX``, ``Ngân hàng Nhà nước chi nhánh khu vực
    14``, the 2025 structure) and a Party committee's body (``Ban Tuyên giáo và Dân vận Tỉnh ủy``) end with their
    region or committee; a ``proper`` body may end with a place name without a level word (``Viettel Nghệ An``).
    """
    m = _REGION_AFTER.match(folded, end) or _PARTY_AFTER.match(folded, end) or _PLURAL_AFTER.match(folded, end)
    if m:
        return m.end()
    units = _UNIT_LIST_AFTER.match(folded, end)
    if units and text[units.start():units.end()].islower():  # "huyện và Huyện đoàn": a capital opens another body
        return units.end()
    branch = _BRANCH_AFTER.match(folded, end)  # "Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh An Giang"
    end = branch.end() if branch else end
    m = _LEVEL_AFTER.match(folded, end)
    if m:
        return _proper_name_end(text, m.end())
    if proper:
        return _proper_name_end(text, end)
    return None if required else end


def _object_end(text: str, folded: str, end: int) -> int:
    """End of a board's name that goes on with what it manages: ``Ban Quản lý các khu công nghệ cao và khu công
    nghiệp``, ``Ban Quản lý Khu kinh tế Đông Nam``; a verb, a comma or another body ends it, a level word closes it."""
    start = best = end
    for _ in range(MAX_NAME_WORDS):
        level = _LEVEL_AFTER.match(folded, end)
        if level and best > start:
            return _proper_name_end(text, level.end())
        word = _WORD.match(folded, end)
        if not word:
            break
        capitalised = text[word.start(1)].isupper()
        if (not capitalised and _is_stop(text, word) and word.group(1) not in {"cac", "va"}) \
                or (capitalised and _HEAD_RE.match(folded, word.start(1))):
            break
        end = word.end()
        if word.group(1) not in {"cac", "va"}:
            best = end
    return best


_LEVEL = re.compile(LEVEL)
_CAP = re.compile(r"^cap\s+")


def _match_ubnd(text: str, folded: str, pos: int) -> Mention | None:
    m = _UBND.match(folded, pos)
    if not m:
        return None
    units = _LEVEL.findall(m.group("units"))
    if m.group("mode") or len(units) > 1:
        unit = _UNIT_GROUP.get(_CAP.sub("", units[0]), "xã")
        return Mention(pos, m.end(), f"UBND cấp {unit}")
    end = _proper_name_end(text, m.end())
    return Mention(pos, end, tidy(expand(text[pos:end])))


def _match_sector(text: str, folded: str, pos: int) -> Mention | None:
    head = _LETTERS.match(folded, pos)
    if not head or head.group() not in _SECTOR_HEADS:
        return None
    canonical_head = _SECTOR_HEADS[head.group()]
    # the head as written ("Sở", not "số"); OCR may misread its marks, a capitalised sector name still tells
    as_written = _is_head(text, pos, head.end(), canonical_head)
    if not as_written and not text[pos].isupper():
        return None  # "số", "bố trí": a word that folds like the head, its sector not looked for
    m = _SECTOR_AFTER[canonical_head].match(folded, head.end())
    if not m or not (as_written or text[m.start(m.lastgroup)].isupper()):
        return None
    sector = _SECTORS[int(m.lastgroup[1:])]
    end = _with_level(text, folded, m.end(), required=False)
    if canonical_head == "Bộ" and end > m.end():
        # a ministry has no level: "Bộ Công an tỉnh" is the province's police, other levels are not the ministry's
        if sector["name"] == "Công an":
            return Mention(m.start(m.lastgroup), end, tidy(text[m.start(m.lastgroup):end]))
        end = m.end()
    suffix = tidy(text[m.end():end])
    return Mention(pos, end, " ".join(filter(None, [canonical_head, sector["name"], suffix])))


def _match_named(text: str, folded: str, pos: int) -> Mention | None:
    m = body_form(folded, pos)
    if not m:
        return None
    body = _BODIES[int(m.lastgroup[1:].split("_")[0])]
    if body.get("capitalised") and not text[pos].isupper():
        return None
    end = _object_end(text, folded, m.end()) if body.get("object") else m.end()
    if body.get("village"):  # a hamlet's board names its hamlets: "Ban nhân dân các thôn", "Ban nhân dân ấp Tân Hòa"
        units = _VILLAGE_AFTER.match(folded, end)
        if not units:
            return None
        plural = units.group().split()[0] in {"cac", "moi"}
        end = units.end() if plural else _proper_name_end(text, units.end())
        return Mention(pos, end, tidy(expand(text[pos:end])))
    end = _with_level(text, folded, end, required=body.get("needs_level", False), proper=body.get("proper", False))
    return Mention(pos, end, tidy(expand(text[pos:end]))) if end else None


@lru_cache(maxsize=1024)
def _written_head(written: str) -> str:
    """A head word as written, lower case, tone marks placed as the gazetteer places them, syllable by syllable."""
    return re.sub(r"\w+", lambda m: _old_tone(m.group()), written).lower().replace("uỷ", "ủy")  # "Chỉ huy" stays


def _is_head(text: str, start: int, end: int, head: str) -> bool:
    """The text has this head word itself, not a word that folds alike (``Đài`` / ``Đại``, ``Sở`` / ``số``)."""
    return _written_head(text[start:end]) == head.lower()


_REGION_LAST = re.compile(r"\skhu vuc$")


def _match_fallback(text: str, folded: str, pos: int) -> Mention | None:
    """A body the gazetteer lacks, recognised by its head word: ``Trung tâm Bảo trợ xã hội tỉnh``, ``Báo Thái Bình``.

    The name runs over capitalised words and the lowercase words between them; a level word closes it
    (with the place name after it), a lowercase verb or preposition ends it before.
    """
    if not text[pos:pos + 1].isupper():  # (an empty name has no head either)
        return None
    m = _HEAD_RE.match(folded, pos)
    if not m or _written_head(text[pos:m.end()]) not in _HEADS_LOWER or folded.startswith(NOT_BODIES, pos):
        return None
    end, named = m.end(), False
    proper_end = end  # where the last capitalised word of the name ends
    for _ in range(MAX_NAME_WORDS):
        closing = (_PARTY_AFTER.match(folded, end) or _PLURAL_AFTER.match(folded, end)) if end > m.end() else None
        if closing:  # "Ban Nội chính Tỉnh ủy", "Trung tâm Văn hóa các huyện"
            return Mention(pos, closing.end(), tidy(expand(text[pos:closing.end()])))
        level = _LEVEL_AFTER.match(folded, end)
        if level and end > m.end():
            return Mention(pos, (end := _proper_name_end(text, level.end())), tidy(expand(text[pos:end])))
        word = _WORD.match(folded, end)
        if not word:
            listed = _COMMA_WORD.match(folded, end) if named else None
            if not listed or not _goes_on_after_comma(text, folded, listed.start(1)):
                break
            word = listed
        capitalised = text[word.start(1)].isupper()
        inner = _HEAD_RE.match(folded, word.start(1)) if capitalised else None
        if inner and inner.end() > word.end():  # a head of several words inside the name: "Văn phòng Ban Chỉ huy"
            end, named = inner.end(), True
            continue
        if word.group(1) == "va":
            following = _WORD.match(text, word.end())
            if not following or not following.group(1)[0].isupper() or _HEAD_RE.match(fold(following.group(1))):
                break
        elif not capitalised and _is_stop(text, word):
            break
        end, named = word.end(), named or capitalised
        proper_end = end if capitalised else proper_end
    else:
        # no stop nor level word within a name's length: the lowercase words after its proper part are the
        # sentence's verb and object (``Trung tâm Lưu trữ Lịch sử Bắc Hà chỉnh lý hồ sơ ...``)
        end = proper_end
    if not named or _REGION_LAST.search(folded[pos:end]):
        return None  # "Viện Vệ sinh dịch tễ khu vực": every regional institute, no one body
    return _misspelt_sector(text, folded, pos, m.end(), end) or Mention(pos, end, tidy(expand(text[pos:end])))


# Stop words that are a verb's first syllable and also open nouns of names: a stop only before these
# (``thực hiện``, ``thực thi``; not ``Chi cục An toàn vệ sinh thực phẩm``).
STOP_BEFORE = {"thuc": ("hien", "thi"), "trien": ("khai",)}  # not "phát triển"
# Verbs that are also words of names (``đầu tư xây dựng``, ``Phát triển quỹ đất``): in a name when a level word
# closes it a few words on (``Ban Quản lý dự án đầu tư xây dựng tỉnh``), else a verb.
LEVEL_CLOSED_STOPS = frozenset({"xay", "phat"})
MAX_WORDS_TO_LEVEL = 3


def _reaches_level(text: str, folded: str, pos: int) -> bool:
    """Whether a level word follows ``pos`` within a few lowercase words that are no stops."""
    for _ in range(MAX_WORDS_TO_LEVEL):
        if _LEVEL_AFTER.match(folded, pos):
            return True
        word = _WORD.match(folded, pos)
        if not word or text[word.start(1)].isupper() or word.group(1) in LEVEL_CLOSED_STOPS or _is_stop(text, word):
            return False
        pos = word.end()
    return _LEVEL_AFTER.match(folded, pos) is not None


def _is_stop(text: str, word: re.Match, group: int = 1) -> bool:
    """Whether a lowercase word ends a name: a verb or preposition, read with its marks where folding confuses
    it with a word of names (``từ`` / ``Đầu tư``, ``có`` / ``cơ sở``, ``là`` / ``La``, ``thường`` / ``thương``)."""
    folded = word.group(group)
    if folded not in NAME_STOPS:
        return False
    if folded in LEVEL_CLOSED_STOPS and _reaches_level(text, word.string, word.end(group)):
        return False
    following = STOP_BEFORE.get(folded)
    if following is not None:
        after = _WORD.match(word.string, word.end(group))
        return after is not None and fold(after.group(1)) in following
    exact = MARKED_STOPS.get(folded)
    return exact is None or text[word.start(group):word.end(group)].lower() in exact


def _goes_on_after_comma(text: str, folded: str, pos: int) -> bool:
    """A name's parts listed with commas (``Trung tâm Xúc tiến Thương mại, Đầu tư và Du lịch``, ``Cục Quản lý
    Khám, chữa bệnh``): the word after the comma is neither another body, a level, a verb nor a generic word."""
    word = _LETTERS.match(folded, pos)
    if not word or _HEAD_RE.match(folded, pos) or body_form(folded, pos) or _LEVEL_AFTER.match(folded, pos - 1):
        return False  # "Viễn thông Lào Cai, Viettel Lào Cai": a body the gazetteer knows opens another name
    if text[pos].isupper():
        return True
    return not _is_stop(text, word, 0) and not only_generic(word.group())


def _misspelt_sector(text: str, folded: str, pos: int, head_end: int, end: int) -> Mention | None:
    """A department whose sector is misspelt by a letter (``Sở Sây dựng``, OCR's ``Sở Tư phap``): the sector."""
    head = _SECTOR_HEADS.get(folded[pos:head_end])
    rest = folded[head_end:end].strip()
    if head is None or len(rest) < MIN_MISSPELT_LETTERS:
        return None
    for written, name in _SECTORS_BY_HEAD_AND_LENGTH.get((head, len(rest)), []):
        if sum(a != b for a, b in zip(written, rest)) == 1:
            return Mention(pos, end, f"{head} {name}")
    return None


_PLURAL_BEFORE = re.compile(r"(?<![a-z])(?:cac|nhung|moi)\s+$")


def _opens_in_lower_case(text: str, folded: str, pos: int, opening: re.Match | None) -> bool:
    """Whether a name may open at ``pos`` in lower case: a people's committee, a form of a body the gazetteer does not
    ask to be capitalised (``_LOWER_CASE_OPENING``), or a department's head written as the head and followed by a
    sector (``sở y tế``; not ``số``, ``bố``, ``phòng chống``, ``cán bộ``, which ``_match_sector`` would turn down after
    the other readers had tried them: in lower case those read only the forms ``_LOWER_CASE_OPENING`` holds);
    ``opening`` is ``_LETTERS.match(folded, pos)``."""
    if _LOWER_CASE_OPENING.match(folded, pos):
        return True
    canonical_head = _SECTOR_HEADS.get(opening.group()) if opening else None
    return canonical_head is not None and _is_head(text, pos, opening.end(), canonical_head) \
        and _SECTOR_AFTER[canonical_head].match(folded, opening.end()) is not None


def _first_letters(folded: str) -> str:
    """The letters a folded name opens with, as ``_LETTERS`` reads them at its start ("" if it opens otherwise).

    >>> _first_letters("uy ban nhan dan"), _first_letters("so1"), _first_letters("115")
    ('uy', 'so', '')
    """
    opening = _LETTERS.match(folded)
    return opening.group() if opening else ""


Reader = Callable[[str, str, int], Mention | None]  # (text, folded, pos) -> the name read at pos


def _readers_by_opening(in_lower_case: bool) -> dict[str, tuple[Reader, ...]]:
    """A name's first letters (folded) -> the readers that can read a name opening with them, in ``_match_body``'s
    order: a word tries only those (most words open the names of one reader). In lower case, only the words
    ``_opens_in_lower_case`` may accept, and never the head-word reader, which reads capitalised names only."""
    openings: list[tuple[Reader, list[str]]] = [
        (_match_ubnd, ["uy ban nhan dan", "ubnd"]),  # _UBND's openings
        (_match_sector, list(_SECTOR_HEADS)),
        (_match_named, [fold(form) for form, _ in _BODY_FORMS]),
        (_match_fallback, [fold(head) for head in _HEADS]),
    ]
    if in_lower_case:
        lower_case = {_first_letters(fold(form)) for form, i in _BODY_FORMS if not _BODIES[i].get("capitalised")}
        lower_case |= {"uy", "ubnd", *_SECTOR_HEADS}
        openings = [(reader, [n for n in names if _first_letters(n) in lower_case])
                    for reader, names in openings if reader is not _match_fallback]
    out: dict[str, tuple[Reader, ...]] = {}
    for reader, names in openings:
        for word in dict.fromkeys(map(_first_letters, names)):
            out[word] = (*out.get(word, ()), reader)
    return out


_READERS = _readers_by_opening(in_lower_case=False)
_READERS_IN_LOWER_CASE = _readers_by_opening(in_lower_case=True)


def _match_body(text: str, folded: str, pos: int) -> Mention | None:
    """The body whose name starts at ``pos``, by the gazetteer first and then by its head word."""
    opening = _LETTERS.match(folded, pos)
    word = opening.group() if opening else ""
    if text[pos:pos + 1].isupper():
        readers = _READERS.get(word)
    else:  # "số", "báo cáo", "ban hành": most words in lower case that fold like a head open no name
        readers = _READERS_IN_LOWER_CASE.get(word)
        readers = readers if readers and _opens_in_lower_case(text, folded, pos, opening) else None
    if not readers or _PLURAL_BEFORE.search(folded, max(0, pos - 8), pos):
        return None  # "các Sở", "những Hội": a generic plural, not one body
    for read in readers:
        mention = read(text, folded, pos)
        if mention:
            return mention
    return None


def find_mentions(text: str, folded: str) -> list[Mention]:
    """Every named body in ``text`` (``folded`` is ``fold(text)``), in order, without overlaps.

    >>> t = "phối hợp với Sở Y tế, Công an tỉnh và các cơ quan liên quan"
    >>> [m.name for m in find_mentions(t, fold(t))]
    ['Sở Y tế', 'Công an tỉnh']
    """
    found: list[Mention] = []
    last_end = 0  # where the last mention found ends: a candidate inside it is a word of its name
    for pos in _candidates(folded):
        if pos < last_end:
            continue
        mention = _match_body(text, folded, pos)
        if mention:
            found.append(mention)
            last_end = mention.end
    ends = [f.end for f in found]  # the mentions found do not overlap: their ends are in order too

    def overlaps(m: Mention) -> bool:
        i = bisect.bisect_right(ends, m.start)  # the first found that ends after m starts
        return i < len(found) and found[i].start < m.end

    found = sorted(found + [m for m in _listed_sectors(folded) if not overlaps(m)], key=lambda m: m.start)
    return _distribute_levels(text, folded, found)


def _candidates(folded: str) -> list[int]:
    """Where a body's name may open, in order: the starts of ``(?<![a-z0-9])`` + ``_OPENINGS``' matches in ``folded``
    (none inside another), found as the text's start and the characters after each ``_OPENING_AFTER`` match.

    The same places: a match ends with a letter, so the next one opens after a character past its end, which the
    search from that end finds first.

    >>> _candidates("so y te, uy ban nhan dan; so1 phong")
    [0, 9, 30]
    """
    first = _OPENING_AT_START.match(folded)
    return [0] * bool(first) + [m.start() + 1 for m in _OPENING_AFTER.finditer(folded, first.end() if first else 0)]


_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|va)")


def _listed_sectors(folded: str) -> list[Mention]:
    """Departments named once for several sectors: ``Giám đốc các Sở: Tài chính, Kế hoạch và Đầu tư`` is
    ``Sở Tài chính`` and ``Sở Kế hoạch và Đầu tư``.

    >>> t = "Giám đốc các Sở: Tài chính, Kế hoạch và Đầu tư; Chủ tịch"
    >>> [m.name for m in _listed_sectors(fold(t))]
    ['Sở Tài chính', 'Sở Kế hoạch và Đầu tư']
    """
    out: list[Mention] = []
    for plural in _PLURAL_HEAD.finditer(folded):
        head = _SECTOR_HEADS.get(plural.group("head"))
        pos = plural.end()
        while head and (m := _SECTOR_AFTER[head].match(folded, pos)):
            sector = _SECTORS[int(m.lastgroup[1:])]
            out.append(Mention(m.start(m.lastgroup), m.end(), f"{head} {sector['name']}"))
            separator = _LIST_SEPARATOR.match(folded, m.end())
            if not separator:
                break
            pos = separator.end()
    return out


_LEVEL_LAST = re.compile(rf"\s({LEVEL})$")
_LEVEL_FIRST_OR_LAST = re.compile(rf"^{LEVEL}\s|\s{LEVEL}$")
_PAIR_GAP = re.compile(r"\s*(?:,|va)\s*")
_HEAD_OF_NO_PAIR = re.compile(r"(?:so|phong|bo(?! chi huy)|ubnd)\s")


def _distribute_levels(text: str, folded: str, mentions: list[Mention]) -> list[Mention]:
    """A level word written once after a pair applies to both: ``Viện Kiểm sát nhân dân, Toà án nhân dân tỉnh``."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        this, after = out[i], out[i + 1]
        if not _PAIR_GAP.fullmatch(folded, this.end, after.start):
            continue  # a pair is joined by a comma or "và" alone
        this_folded, after_folded = fold(this.name), fold(after.name)
        level = _LEVEL_LAST.search(after_folded)
        # "Huyện đoàn", "Tỉnh đoàn" already name their level
        # a name ending in a place name has its place already ("Báo và Phát thanh, Truyền hình Sơn La")
        placed = this.name.split()[-1][:1].isupper() and not this_folded.endswith(NAMES_TAKING_LEVEL)
        if (level and not placed and not _LEVEL_FIRST_OR_LAST.search(this_folded)
                and not _HEAD_OF_NO_PAIR.match(this_folded) and not after_folded.startswith("ubnd")):
            out[i] = Mention(this.start, this.end, f"{this.name} {after.name[level.start(1):]}")
    return out


@lru_cache(maxsize=4096)
def canonical_agency(name: str) -> str:
    """The canonical name of a body: abbreviations expanded, dashes as `` - ``, sector names as the decrees write them.

    >>> canonical_agency("Sở LĐ-TB&XH"), canonical_agency("Sở Giáo dục - Đào tạo")
    ('Sở Lao động - Thương binh và Xã hội', 'Sở Giáo dục và Đào tạo')
    >>> canonical_agency("Ủy ban MTTQ Việt Nam huyện"), canonical_agency("Toà án nhân dân tỉnh")
    ('Ủy ban Mặt trận Tổ quốc Việt Nam huyện', 'Tòa án nhân dân tỉnh')
    >>> canonical_agency("Ủy ban nhân dân huyện, thị xã, thành phố")
    'UBND cấp huyện'
    """
    text = tidy(name)
    folded = fold(text)
    mention = _match_body(text, folded, 0)
    return mention.name if mention and mention.end >= len(text.rstrip()) else tidy(expand(text))


# Words of a group that could be any body at all (lexicon/generic_words.csv, column ``group``); a group with
# other words is a class one can name (``các doanh nghiệp viễn thông``).
GROUP_GENERIC = tuple(fold(term) for term in lexicon.terms("generic_words", group="yes"))
_LETTER = re.compile(r"[a-z]")
_GROUP_GENERIC = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(GROUP_GENERIC, key=len, reverse=True)) + r")(?![a-z])")


def only_generic(folded: str) -> bool:
    """Whether a group's words could name any body at all: nothing is left once the generic words are gone."""
    return not _LETTER.search(_GROUP_GENERIC.sub(" ", folded))
