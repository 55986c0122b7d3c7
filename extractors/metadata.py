"""Document metadata from the parts Nghị định 30/2020/NĐ-CP fixes in every administrative document.

The header (issuing body, ``Số: 22/KH-UBND``, ``Thái Bình, ngày 31 tháng 3 năm
2016``), the document-type heading (``KẾ HOẠCH``) with the title under it, the
legal basis (``Căn cứ…``, ``Thực hiện…``, ``Triển khai…``) and the signature
block (``TM. ỦY BAN NHÂN DÂN`` … name). Rules read that layout, not wording
particular to one plan; text rendered by legal-text websites (``|`` cells,
``**bold**``, banners before the header) reads the same.

>>> from chitieu.models.document import Document
>>> doc = Document("x.txt", "0", "UBND HUYỆN AN LÃO\\nSố: 12/KH-UBND\\nAn Lão, ngày 5 tháng 3 năm 2022\\n"
...     "KẾ HOẠCH\\nPhòng, chống thiên tai năm 2022\\n\\nI. MỤC TIÊU\\n...trên địa bàn tỉnh Bình Định.")
>>> meta = extract_metadata(doc)
>>> meta.doc_type, meta.number, meta.issuer, meta.level, meta.province, meta.district, meta.issue_date
('KH', '12/KH-UBND', 'UBND huyện An Lão', 'district', 'Bình Định', 'An Lão', '2022-03-05')
>>> meta.period_start, meta.period_end
(2022, 2022)
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import takewhile
from typing import Iterable, Iterator

from chitieu.models.document import Document
from chitieu.models.items import Metadata
from chitieu.models.normalize import (
    CAPITALISED,
    LOWER,
    PROPER_NAME,
    UPPER,
    fold,
    title_case,
)
from chitieu.extractors import anchored
from chitieu.extractors.anchored import Anchor
from chitieu.extractors.gazetteer import canonical_agency
from chitieu.extractors.numbers import YEAR, ocr_zeros, parse_date, parse_years, year_words
from chitieu.extractors.provinces import is_district_name, is_province_name, province_of_district, spelled_as_listed
from chitieu.models.sections import Section, segment_label

# The document-type heading, as printed on its own line, -> contract doc_type.
DOC_TYPES: dict[str, str] = {
    "ke hoach": "KH", "quyet dinh": "QD", "chi thi": "CT", "nghi quyet": "NQ",
    "cong van": "CV", "bao cao": "BC", "chuong trinh": "other", "de an": "other",
    "thong bao": "other", "to trinh": "other", "huong dan": "other", "ket luan": "other",
}
# The type code inside a document number (22/KH-UBND) -> doc_type, for documents without a heading.
NUMBER_TYPES = {"KH": "KH", "QĐ": "QD", "CT": "CT", "NQ": "NQ", "BC": "BC"}
# Every type code Nghị định 30/2020/NĐ-CP (Phụ lục III) gives a document number; a letter (công
# văn) has none, so its number's code starts with the issuer instead (123/UBND-VX).
TYPE_CODES = set(NUMBER_TYPES) | {
    "QC", "QyĐ", "TB", "HD", "CTr", "PA", "ĐA", "DA", "BB", "TTr", "HĐ", "CĐ", "BGN", "GUQ", "GM", "GGT",
    "GNP", "PG", "PC", "PB", "BTT", "TC", "TT",
}
# Administrative level words (folded) -> contract level.
LEVEL_WORDS: dict[str, str] = {
    "tinh": "province", "thanh pho": "district", "tp": "district", "huyen": "district", "quan": "district",
    "thi xa": "district", "xa": "commune", "phuong": "commune", "thi tran": "commune",
    "dac khu": "commune",  # the island special zones of the 2025 two-level government sit at commune level
}
# Body and level words may wrap anywhere in a header (ỦY\nBAN NHÂN DÂN, THÀNH\nPHỐ).
ISSUER_BODIES: list[tuple[str, str]] = [
    (r"(?:ủy|uỷ)\s+ban\s+nhân\s+dân|ubnd", "UBND"),
    (r"hội\s+đồng\s+nhân\s+dân|hđnd", "HĐND"),
]
# In capitals the name runs to the line's end, or to the national motto of a flattened two-column header.
_CAPS_WORD = rf"(?!CỘNG HÒA)[{UPPER}]+(?![{LOWER}])"
_NAME_ON_LINE = rf"(?!Số\b)(?:\d{{1,2}}\b|{_CAPS_WORD}(?:(?: | - |-){_CAPS_WORD})*|{CAPITALISED}(?:(?: | - |-){CAPITALISED})*)"
# Party documents put the type before the slash and the Party body after it: 14-KH/TU, 01-KH/BCĐ,
# 02-KH/BCĐTW, 36-HD/VPTW; printed with a space instead of the hyphen only for the usual bodies (28 CT/TW).
_PARTY_TYPES = "NQ|CT|CTr|QĐ|QyĐ|KL|HD|QC|KH|TB|BC|ĐA|TTr|CV"
_PARTY_BODIES = "TW|TU|HU|QU|ĐU|BCS|BCĐ"
# Every dash a document number may be typed or rendered with (en dash, minus, non-breaking hyphen ...):
# in a number each is the hyphen (112/KH–UBND is 112/KH-UBND).
_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
# A document number: 23/QĐ-TTg, 71/2011/NĐ-CP, 121/2020/QH14, 1192/SLĐTBXH-BVCSTE&BĐG, 28-CT/TW
_CODE = rf"[{UPPER}][{UPPER}a-z0-9&]*"
# Groups: the serial, then the year and code of a state document, or the type and body of a Party document (after
# a dash, or a space: 28 CT/TW). The serial is shared by both forms and its first digit comes first, its left edge
# tested behind it: the search skips from digit to digit instead of trying the pattern at every position.
DOC_NUMBER_RE = re.compile(
    rf"(\d(?<![\w/]\d)\d{{0,4}})(?:\s*(?:/\s*(\d{{4}})\s*)?/\s*({_CODE}(?:\s*[{_DASH}]\s*{_CODE})*)"
    rf"|\s*(?:[{_DASH}]\s*({_PARTY_TYPES})\s*/\s*([{UPPER}]{{2,9}})|\s({_PARTY_TYPES})\s*/\s*({_PARTY_BODIES}))(?![\w{_DASH}]))"
)
# The word before the header's number: Số, in capitals SỐ, as OCR reads it without its accents (Sô, So),
# as a legal-text site labels it (Số hiệu).
_SO = r"(?<!\w)(?:S[ốôồổỗộoóòỏõọ]|SỐ|SÔ|SO)(?:\s+hiệu)?(?!\w)"
# The header's number; a legal normative document puts its year between serial and code (12/2019/QĐ-UBND).
_HEADER_NUMBER = re.compile(
    rf"{_SO}\s*:?\s*([0-9A-Za-z.]*)\s*/\s*((?:(?:19|20)\d\d\s*/\s*)?(?:[A-ZĐ][\w&.]*)(?:\s*[{_DASH}]\s*[A-ZĐ][\w&.]*)*)"
)
# Every number holds a "/" before its code (a capital), three words at most after its serial: its year between
# slashes or a dash and a party document's type (``12 / 2019 / QĐ``, ``28 - CT/TW``). The slash of a date's year
# opens no code: the dates of a plan are not places to try.
_NUMBER_FROM_SLASH = Anchor((re.compile(rf"/\s*[{UPPER}]"),), 3, re.compile(r"\d"))
_ANY_DASH = re.compile(f"[{_DASH}]")
_PLACE_DATE = re.compile(rf"((?<!\w){PROPER_NAME}(?:\s+\d{{1,2}})?|[.…]+)\s*,\s*(ngày[^\n|]{{0,60}}?năm\s*\d{{4}}|ngày\s*\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}})")
# A line opening with a place and a date: the place-and-date line wherever it stands (its date may wrap).
_PLACE_DATE_LINE = re.compile(rf"^[ \t*|#_]*(?:{PROPER_NAME}(?:\s+\d{{1,2}})?)\s*,\s*(ngày[^|;]{{0,60}}?năm\s*\d{{4}})", re.M)
# The motto's words where PDF text runs the two header columns into one line (ỦY BAN NHÂN DÂN CỘNG HÒA ...).
_MOTTO_IN_LINE = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)(?:\s+XÃ)?(?:\s+HỘI)?(?:\s+CHỦ\s+NGHĨA)?(?:\s+VIỆT\s+NAM)?|HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.I)
_MOTTO = re.compile(r"(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA|Độc lập\s*[-–]\s*Tự do|[-_=*.\s]{3,}$)", re.I)
# Bodies under a people's committee that issue documents of their own, as printed in a header.
_SUBORDINATE = re.compile(r"(?:SỞ|BAN|PHÒNG|CHI CỤC|CỤC|TRUNG TÂM|CÔNG AN|BỘ CHỈ HUY|VĂN PHÒNG|THANH TRA|ĐÀI)\s")
_ANNEXED = re.compile(
    r"kèm theo\s+(?:Quyết định|Kế hoạch|Nghị quyết)\s+số\s*(\d*)\s*/\s*([^\s,;)]+)\s*,?\s*(ngày[^)\n]*?năm\s*\d{4})?", re.I
)
# Lines that open what comes after a title: the annex line of a plan a decision issues, the
# addressee of a letter, the enacting body, a consideration, a decoration rule.
_AFTER_TITLE = re.compile(r"\(?\s*(?:Ban hành )?kèm theo|Kính gửi|(?:ỦY|UỶ) BAN NHÂN DÂN|CHỦ TỊCH|Xét đề nghị|[-_=*]{3,}", re.I)
# Openers of a legal-basis clause; "Để triển khai ..." / "Nhằm cụ thể hóa ..." carry out as "Triển khai ..." does.
_BASIS = re.compile(r"^(?:(?:de|nham)\s+(?:thuc hien|trien khai|cu the hoa)|thuc hien|trien khai|can cu)\b")
# The offices a signature block names above the signer (Nghị định 30/2020/NĐ-CP, Điều 12), each also
# as a deputy (PHÓ ...): in capitals a role line looks like a name, so it is named to be skipped.
SIGN_OFFICES: tuple[str, ...] = (
    "THỦ TƯỚNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CHỦ TỊCH", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "TRƯỞNG", "BÍ THƯ",
    "CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "CHI CỤC TRƯỞNG", "VỤ TRƯỞNG", "VIỆN TRƯỞNG", "HIỆU TRƯỞNG", "THỦ TRƯỞNG",
    "CHÁNH VĂN PHÒNG", "CHÁNH THANH TRA", "CHÁNH ÁN", "CHỦ NHIỆM", "TỔNG THƯ KÝ", "ỦY VIÊN", "UỶ VIÊN",
)
_SIGN_ROLE = re.compile(
    r"^(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|(?:PHÓ\s+)?(?:" + "|".join(sorted(SIGN_OFFICES, key=len, reverse=True)) + r")\b)"
)
_PERSON = re.compile(rf"^(?:{CAPITALISED}\s+){{1,5}}{CAPITALISED}$|^[{UPPER}’' ]{{5,40}}$")
_NAME_AFTER_ROLE = re.compile(rf"(?:[{UPPER}]|\))\s+((?:{CAPITALISED}\s+){{1,5}}{CAPITALISED})\s*$")
# PDF text runs the two columns of the closing block together: "Nơi nhận: TM. ỦY BAN NHÂN DÂN",
# "- Sở Tài chính; KT. CHỦ TỊCH", "- Lưu: VT. Nguyễn Văn A". The recipients list opens the block;
# each entry ends at ';' / ':' / '.', so the signature column is what follows the last of them.
_RECIPIENTS = re.compile(r"^\W*N[ơo]i\s+nh[ậa]n\s*:", re.I)
_LEFT_COLUMN = re.compile(r"^.*[;:.]\s+")


def extract_metadata(doc: Document) -> Metadata:
    """Every metadata field of the contract, from the document's own layout."""
    lines, heading = _head(doc.text)
    # the header's lines, each as far as a header line can run (a page whose line breaks were lost is one line)
    header = [line[:_HEADER_LINE_REACH] for line in (lines[: heading[0]] if heading else lines[:30])]
    meta = Metadata()
    meta.doc_type = DOC_TYPES[heading[2]] if heading else "other"
    meta.title = _title(lines, heading) if heading else None
    meta.number, meta.issue_date = _number_and_date(doc.text, header, meta.doc_type)
    if not heading:
        meta.doc_type, subject = _untitled_type(meta.number, header)
        meta.title = meta.title or subject
    meta.is_draft = _is_draft(lines[: (heading[0] + 5) if heading else 40])
    preamble = _preamble(doc)
    year = int(meta.issue_date[:4]) if meta.issue_date and meta.issue_date[:4].isdigit() else None
    meta.issuer, meta.level, place = _issuer(header, preamble, doc, meta.number, year)
    # the province the text names most is read only when asked: a province's plan names its own in the header
    if meta.level == "province":
        meta.province = spelled_as_listed(place or _most_named_province(doc.text))
        if meta.issuer and not place and meta.province:
            meta.issuer = f"{meta.issuer} {meta.province}"
    elif meta.level in {"district", "commune"}:
        meta.district = place if meta.level == "district" else None
        meta.province = spelled_as_listed(_most_named_province(doc.text)) or province_of_district(meta.district)
    meta.period_start, meta.period_end = _period(meta.title or "", doc, year)
    meta.signer = _signer(doc)
    meta.references = _references(doc.text, own=meta.number)
    meta.implements = _implements(meta.title or "", preamble)
    return meta


# The issuing body, the number and the place-and-date line fill a few dozen characters each.
_HEADER_LINE_REACH = 2000


# The first lines read for the type heading: a header and a banner before it fill a few dozen.
_HEAD_LINES = 64
_TITLE_LINES = 12  # the heading's line and the title's lines under it


def _head(text: str) -> tuple[list[str], tuple[int, str, str] | None]:
    """The lines (``_lines``) down to the type heading and its title at least, and the heading (``_type_heading``).

    Most plans print the heading among their first lines: those are read first, then four times as many
    (a long banner before the header), and so on, and every line only when they hold no stand-alone heading
    with its title.
    """
    reach = _HEAD_LINES
    raw = text.split("\n", reach)
    while len(raw) > reach:  # more lines follow the first ones
        head = _lines(raw[:reach])
        heading = _stand_alone_heading(head)
        if heading and heading[0] + _TITLE_LINES < len(head):
            return head, heading
        reach *= 4
        raw = text.split("\n", reach)
    lines = _lines(raw)
    return lines, _type_heading(lines)


def _lines(raw: list[str]) -> list[str]:
    """Lines with Markdown marks taken off, blank lines kept; the cells of a
    flattened two-column header (``|``, tabs, wide gaps) become lines of their own."""
    lines = []
    for line in raw:
        # most lines are one cell of plain words: no split, no marks to take off
        for cell in _cells(line) if "|" in line or "\t" in line or "   " in line else (line,):
            lines.append(_MARKDOWN_MARKS.sub(" ", cell).strip() if "*" in cell or "#" in cell else cell.strip())
    return lines


_MARKDOWN_MARKS = re.compile(r"[*#]+")
# A cell border: a pipe, tabs, or a gap of three spaces or more before words. The gap is matched only
# from its first space: a gap that ends the line is then given up once, not once per space in it.
_CELL_BREAK = re.compile(r"\||\t+|(?<! ) {3,}(?=\S)")
# A date left blank to fill in by hand (``ngày    tháng    năm 2021``) keeps its gaps: one cell.
_BLANK_DAY_OR_MONTH = re.compile(r"(?:ngày|tháng)$", re.I)
_BLANK_MONTH_OR_YEAR = re.compile(r"(?:tháng|năm)\b", re.I)


def _cells(line: str) -> list[str]:
    """A line's cells; a wide gap inside a date left blank (``ngày    tháng    năm``) splits nothing.

    >>> _cells("TỈNH BÌNH ĐỊNH        Độc lập - Tự do"), _cells("Huế, ngày     tháng    năm 2021")
    (['TỈNH BÌNH ĐỊNH', 'Độc lập - Tự do'], ['Huế, ngày tháng năm 2021'])
    >>> _cells("KẾ HOẠCH     ")  # a gap that ends the line opens no cell
    ['KẾ HOẠCH     ']
    """
    # the indent of a centred or wrapped line (PDF text) opens no cell: a title's indented
    # continuation is the same paragraph, not a blank cell that would end it
    line = line.lstrip(" \t")
    if "|" not in line and "\t" not in line and "   " not in line:
        return [line]
    lowered = line.lower()
    if "ngày" not in lowered and "tháng" not in lowered and "năm" not in lowered:
        return _CELL_BREAK.split(line)  # no date left blank to keep whole
    groups: list[list[str]] = []
    open_date = False  # the cell read last ends with a blank date's "ngày" / "tháng"
    for cell in _CELL_BREAK.split(line):
        joined = bool(groups) and (open_date or bool(_BLANK_MONTH_OR_YEAR.match(cell)))
        if joined:
            groups[-1].append(cell)
        else:
            groups.append([cell])
        words = cell.rstrip()
        if words or not joined:  # a blank cell joined on leaves the date as open as it was
            open_date = bool(_BLANK_DAY_OR_MONTH.search(words[-5:]))
    return [" ".join(group) for group in groups]


_SUBJECT_LINE = re.compile(r"V/v\b", re.I)  # "V/v: ...", what an official letter is about


def _untitled_type(number: str | None, header: list[str]) -> tuple[str, str | None]:
    """doc_type (and title) of a document printed without a type heading.

    The number's code names the type (``12/KH-UBND``); a letter (công văn) has
    none: its code starts with the issuer (``123/UBND-VX``) and its subject is
    the ``V/v …`` line under the number.
    """
    code, _ = _split_code(number)
    if code in NUMBER_TYPES:
        return NUMBER_TYPES[code], None
    subject = next((line for line in header + [""] if _SUBJECT_LINE.match(line)), None)
    if subject or (code and code not in TYPE_CODES):
        return "CV", subject[3:].strip(" :.") if subject else None
    return "other", None


def _split_code(number: str | None) -> tuple[str, str]:
    """(type code, issuer code) of a number; text extraction may drop the hyphen between them
    (``123/QĐBXD``): a known type code opening a code followed by a central body's code splits there.

    >>> _split_code("12/KH-UBND"), _split_code("123/QĐBXD"), _split_code("7/UBND-VX"), _split_code("5/2021/NĐ-CP")
    (('KH', 'UBND'), ('QĐ', 'BXD'), ('UBND', 'VX'), ('NĐ', 'CP'))
    """
    if not number:
        return "", ""
    code = number.split("/")[-1]
    if "-" in code:
        kind, issuer = code.split("-", 1)
        return kind, issuer
    for kind in sorted(TYPE_CODES, key=len, reverse=True):
        if code.startswith(kind) and code[len(kind):] in NATIONAL_CODES:
            return kind, code[len(kind):]
    return code, ""


def _type_heading(lines: list[str]) -> tuple[int, str, str] | None:
    """(line index, line, folded type) of the first stand-alone document-type heading.

    A flattened rendering may put the title on the heading's line (``KẾ HOẠCH Triển
    khai ...``): the type word in capitals opening one of the first lines counts then.
    """
    return _stand_alone_heading(lines) or _heading_before_title(lines)


def _stand_alone_heading(lines: list[str]) -> tuple[int, str, str] | None:
    """(line index, line, folded type) of the first type heading alone on its line (or wrapped over two)."""
    for i, line in enumerate(lines):
        if not line.isupper():  # a heading prints its type in capitals: the cheap test first
            continue
        key = " ".join(fold(line).split())
        if key in DOC_TYPES and not line.endswith(":"):
            return i, line, key
        # the heading itself wrapped (KẾ\nHOẠCH): the index of its second line, so the title follows
        after = lines[i + 1] if i + 1 < len(lines) else ""
        key = " ".join(fold(f"{line} {after}").split())
        if key in DOC_TYPES and after.isupper() and not after.endswith(":"):
            return i + 1, f"{line} {after}", key
    return None


def _heading_before_title(lines: list[str]) -> tuple[int, str, str] | None:
    """(line index, line, folded type) of a type word in capitals opening one of the first lines, the title after it."""
    for i, line in enumerate(lines[:60]):
        words = line.split(maxsplit=7)  # the first words are read, and whether more than six follow
        for n in (2, 3):
            key = " ".join(fold(" ".join(words[:n])).split())
            if key in DOC_TYPES and " ".join(words[:n]).isupper() and len(words) > n and (
                    not words[n].isupper() or len(words) > n + 3 and line.isupper() and not line.endswith(":")):
                return i, line, key  # the title follows on the line, in running case or all in capitals
    return None


def _title(lines: list[str], heading: tuple[int, str, str]) -> str | None:
    """The title: the first paragraph under the type heading (or after it on its line), joined into one line."""
    at, line, key = heading
    rest = line.split(maxsplit=len(key.split()))[len(key.split()):]
    parts: list[str] = rest[:1]
    for line in lines[at + 1 : at + 12]:
        if not line:
            if parts:
                break
            continue
        if parts and (_BASIS.match(fold(line)) or _AFTER_TITLE.match(line) or segment_label(line)
                      or _enacting_authority(line, running=not parts[0].isupper())):
            break  # without a blank line the body follows at once: the legal basis, the issuer, section I
        parts.append(line)
    title = " ".join(" ".join(parts).split()).strip(" .;")
    return title or None


# The enacting authority a decision or resolution prints in capitals under its title
# (BỘ TRƯỞNG BỘ Y TẾ, HỘI ĐỒNG NHÂN DÂN TỈNH ..., THỦ TƯỚNG CHÍNH PHỦ): an office or a body, alone on its line.
_AUTHORITY = re.compile(
    r"^(?:(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|CHÍNH\s+PHỦ$|(?:PHÓ\s+)?(?:"
    + "|".join(sorted(SIGN_OFFICES, key=len, reverse=True)) + r")\b)"
)
# Words a title line in capitals holds that a bare authority line does not (... CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ ...).
_TITLE_WORDS = re.compile(r"\b(?:VỀ|CỦA|ĐẾN|TẠI|TRÊN|CHO|GIAI ĐOẠN|NĂM|THỰC HIỆN|TRIỂN KHAI|PHÊ DUYỆT|BAN HÀNH)\b|\d")


def _enacting_authority(line: str, running: bool) -> bool:
    """Whether a line under a title is the enacting authority in capitals, not the title's continuation.

    Under a title in running case any line in capitals of two words or more is; under a title in
    capitals only a bare office or body name (a title may wrap before ``THỦ TƯỚNG CHÍNH PHỦ VỀ ...``).

    >>> _enacting_authority("BỘ TRƯỞNG BỘ Y TẾ", False), _enacting_authority("THỦ TƯỚNG CHÍNH PHỦ VỀ PHÒNG CHỐNG", False)
    (True, False)
    >>> _enacting_authority("HỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA", True), _enacting_authority("COVID-19", True)
    (True, False)
    """
    if not line.isupper():
        return False
    if running:
        return len(_LONG_WORD.findall(line)) >= 2
    return bool(_AUTHORITY.match(line)) and not _TITLE_WORDS.search(line)


_LONG_WORD = re.compile(r"[^\W\d_]{2,}")
_WRAPPED_NUMBER = re.compile(rf"(?<=[-/:])\n|({_SO})\n")
_PARTY_LINE = re.compile(rf"\W*{_SO}\W*(.*)")
_NUMBER_LINE = re.compile(rf"^[ \t*|#_]*{_SO}\s*:.*", re.M)
_NUMBER_LINE_REACH = 20000  # characters: a banner before the header is long, the body is not read


def _number_and_date(text: str, header: list[str], doc_type: str) -> tuple[str | None, str | None]:
    """The number and the date of issue, from the header (or the annex line of an attached plan)."""
    # OCR reads a zero as the letter O (Số: 1O/KH-UBND, năm 2O15): read numbers with digits only
    # (the header's lines repaired at once: a line break ends a number as any character outside a word does)
    header = ocr_zeros("\n".join(header)).split("\n")
    number = date = None
    found_number_line = False
    # a number wrapped after its hyphen or slash (Số: 12/KH-\nUBND) continues on the next line
    glued = _WRAPPED_NUMBER.sub(lambda m: (m.group(1) or "") + " ", "\n".join(header)).split("\n")
    for line in glued:
        m = _HEADER_NUMBER.search(line)
        if m and not found_number_line:
            found_number_line = True
            number = _clean_number(m.group(1), m.group(2))
        party = _PARTY_LINE.match(line) if not found_number_line else None
        party = DOC_NUMBER_RE.match(party.group(1)) if party else None
        if party and _is_party_number(party):  # a Party document's number: Số 14-KH/TU
            found_number_line, number = True, format_number(party)
    # The place-and-date line is often wrapped (``Quảng\nTrị, ngày 14\ntháng 3 năm 2023``): read the header as one line.
    date = _header_date(" ".join(line for line in header if line))
    if found_number_line and date is not None:
        return number, date
    text = ocr_zeros(text)  # the text beyond the header is read only when the header lacks one of them
    if not found_number_line:
        # a long banner before a header without a type heading: a line opening with "Số:" is the number line
        m = _NUMBER_LINE.search(text, 0, _NUMBER_LINE_REACH)
        n = _HEADER_NUMBER.search(m.group(0)) if m else None
        if n:
            found_number_line, number = True, _clean_number(n.group(1), n.group(2))
    if date is None:
        # no date in the header as cut (a long banner, a header after the title): a line opening with
        # a place and a date is the place-and-date line wherever it stands
        d = _PLACE_DATE_LINE.search(text)
        date = parse_date(" ".join(d.group(1).split())) if d else None
    if not found_number_line or date is None:
        # A decision's attached plan carries the decision's number and date on its own line.
        for m in _ANNEXED.finditer(text):
            if not found_number_line:
                number, found_number_line = _clean_number(m.group(1), m.group(2)), True
            if date is None and m.group(3):
                date = parse_date(m.group(3))
            break
    return number, date


_FOLDED_DATE_WORD = re.compile(r"ngay|thang|nam")


def _header_date(header: str) -> str | None:
    """The date of the place-and-date line; its words matched without accents too (OCR: ngảy, nằm).

    >>> _header_date("Số: 5/KH-UBND Lai Châu, ngảy 14 thảng 3 nằm 2023"), _header_date("Lai Châu, ngày 2/8/2024")
    ('2023-03-14', '2024-08-02')
    >>> _header_date("Số: 5/KH-UBND Lai Châu ngày 14 tháng 3 năm 2023"), _header_date("của UBND tỉnh Lai Châu ngày 2/8/2024")
    ('2023-03-14', None)
    """
    d = _PLACE_DATE.search(header)
    if d:
        return parse_date(d.group(2))
    for d in _FOLDED_DATE.finditer(fold(header)):
        place = header[d.start(1) : d.end(1)]
        if place[0].isupper() and place[1:].islower():  # a place name, not the tail of a number (NĐ-CP, ngày ...)
            words = {"ngay": "ngày", "thang": "tháng", "nam": "năm"}
            return parse_date(_FOLDED_DATE_WORD.sub(lambda w: words[w.group(0)], d.group(2)))
    d = _PLACE_DATE_NO_COMMA.search(header)
    return parse_date(d.group(1)) if d else None


# OCR or a careless copy drops the comma (Lai Châu ngày 14 tháng 3 năm 2023): a place not after a
# lower-case word (not "của UBND tỉnh Lai Châu ngày ...", a cited document's date) and a full date.
_PLACE_DATE_NO_COMMA = re.compile(
    rf"(?<![{LOWER}]\s)(?<!\w){PROPER_NAME}\s+(ngày\s*\d{{1,2}}\s*(?:tháng\s*\d{{1,2}}\s*năm|/\s*\d{{1,2}}\s*/)\s*\d{{4}})"
)
_FOLDED_DATE = re.compile(r"(?<![\w-])([a-z]{2,})\s*,\s*(ngay[^|\n]{0,60}?nam\s*\d{4})")


def _clean_number(serial: str, code: str) -> str | None:
    """``22 `` + ``KH - UBND`` -> ``22/KH-UBND``; a blank or placeholder serial (``0X``) -> None."""
    serial = serial.strip()
    if not serial.isdigit():
        return None
    return serial + "/" + _ANY_DASH.sub("-", "".join(code.split())).strip(".")


_DRAFT = re.compile(r"\(?\s*dự thảo\s*(?:lần\s*\d+)?\s*\)?", re.I)


def _is_draft(lines: list[str]) -> bool:
    return any(_DRAFT.fullmatch(line) or "DỰ THẢO" in line for line in lines)


# What ends the legal basis: the enacting sentence (``... ban hành Kế hoạch ... như sau:``), in any case, or a
# decision's ``QUYẾT ĐỊNH:`` alone on its line. Searched apart, the first opening with its letters as a class
# (``[Bb]``: the engine skips to them; one case-blind search of both was tried at every character).
_ENACTING_END = (re.compile(r"[Bb][Aa][Nn]\s+(?i:hành[^:;]{0,300}?(?:như\s+sau|sau\s+đây))\s*:"),
                 re.compile(r"^\W*QUYẾT\s+ĐỊNH\W*:", re.I | re.M))


def _preamble(doc: Document) -> str:
    """Text before the first numbered section: the legal basis and the enacting sentence."""
    first = next((s.start for s in doc.sections if s.kind != "preamble"), len(doc.text))
    # without numbered sections (OCR), the enacting sentence still closes the legal basis (the first of either;
    # the two never open at the same character)
    found = [m for m in (end.search(doc.text, 0, first) for end in _ENACTING_END) if m]
    enacting = min(found, key=lambda m: m.start(), default=None)
    return doc.text[: enacting.end() if enacting else first]


_ENACTING_AFTER = re.compile(r"\s*(?:ban hành|quyết định)", re.I)


def _issuer(
    header: list[str], preamble: str, doc: Document, number: str | None = None, year: int | None = None
) -> tuple[str | None, str | None, str | None]:
    """('UBND tỉnh Thái Bình', 'province', 'Thái Bình'); the name may be missing (None).

    A department's document names its parent body first (``UBND TỈNH QUẢNG NAM`` /
    ``SỞ Y TẾ``): the body under it is the issuer. A ministry or the Government
    heading the header (``BỘ Y TẾ``, ``THỦ TƯỚNG CHÍNH PHỦ``) is a national issuer.
    """
    # the national motto, cell by cell beside the issuer in a flattened header, is no part of it
    joined = "\n".join(line for line in _MOTTO_IN_LINE.sub("\n", "\n".join(header)).split("\n")
                       if line.strip() and not _MOTTO.match(line.strip()))
    # a banner's mention in running case (Cơ quan ban hành: Ủy ban nhân dân ...) after the header's capitals
    candidates = _prefer_body(sorted(_mentions(joined, fold(joined)), key=lambda m: not m.capitals), number)
    for m in candidates:
        name, end = _full_name(joined, m)
        below = [line for line in joined[end:].split("\n") if line.strip()][:2]
        department = next((line for line in below if _SUBORDINATE.match(line) and line.isupper()), None)
        if department and name:
            level_word = _level_word(m.group(2))
            return f"{canonical_agency(department)} {level_word} {name}", _level(level_word, name, year), name
    department = None if candidates else _department(joined, header, doc.text, year)
    if department:
        return department
    party = None if candidates else _PARTY_COMMITTEE.search(fold(joined))
    if party:
        name = _NAME_AFTER.match(joined, party.end())
        place = _place_name(name.group(1)) if name else None
        word, level = _PARTY_LEVELS[party.group(1)]
        if fold(word) == "thanh uy" and place and _level("thành phố", place, year) == "province":
            level = "province"
        return f"{word} {place}" if place else word, level, place
    national = None if candidates else _national(joined, number)
    if national:
        return national, "national", None
    mentions = _mentions(preamble, doc.folded[:len(preamble)])  # the preamble opens the text
    enacting = [m for m in mentions if _ENACTING_AFTER.match(preamble, m.end())]
    # a body named as the author or addressee of something else is not the issuer
    others = [m for m in mentions if not _NOT_ISSUER.search(preamble[max(0, m.start() - 20) : m.start()])]
    # Prefer a header or enacting mention that names its place.
    for m in candidates + _prefer_body(enacting, number) + _prefer_body(others, number):
        body = _body_abbreviation(m)
        level_word = _level_word(m.group(2))
        name, _ = _full_name(preamble if m not in candidates else joined, m)
        if name or m in enacting or m in candidates:
            name = name or _place_of(header, doc.text, level_word)
            level = _level(level_word, name, year)
            return f"{body} {level_word}" + (f" {name}" if name else ""), level, name
    return None, None, None


# A department heading the header with its own place (SỞ Y TẾ TỈNH LAI CHÂU, PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
# / HUYỆN MƯỜNG TÈ), its parent body not printed; the place may wrap onto the next line.
_DEPARTMENT_PLACE = re.compile(
    rf"^({_SUBORDINATE.pattern}[^\n]*?)\s+(TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ)\s+({_CAPS_WORD}(?:(?: | - |-){_CAPS_WORD})*)\s*$",
    re.M,
)


def _department(joined: str, header: list[str], text: str, year: int | None) -> tuple[str, str, str] | None:
    """(issuer, level, place) of a department's document whose header names no parent body.

    A ``SỞ`` is the province's: printed without a place it takes the province of the date line.

    >>> _department("SỞ Y TẾ TỈNH LAI CHÂU", [], "", None), _department("PHÒNG TÀI CHÍNH\\nHUYỆN MƯỜNG TÈ", [], "", None)
    (('Sở Y tế tỉnh Lai Châu', 'province', 'Lai Châu'), ('Phòng Tài chính huyện Mường Tè', 'district', 'Mường Tè'))
    """
    lines = [line.strip() for line in joined.split("\n") if line.strip()][:4]
    for i, line in enumerate(lines):
        if not (_SUBORDINATE.match(line) and line.isupper()):
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        m = _DEPARTMENT_PLACE.match(line)
        if not m and following.isupper() and not _MOTTO.match(following):
            m = _DEPARTMENT_PLACE.match(f"{line} {following}")
        body = canonical_agency(m.group(1) if m else line)
        if body.isupper():
            return None  # a body the agency table does not know: no name to give it
        if m:
            level_word, place = _level_word(m.group(2)), _place_name(m.group(3))
            return f"{body} {level_word} {place}", _level(level_word, place, year), place
        place = _place_of(header, text, "tỉnh") if line.startswith("SỞ ") else None
        return (f"{body} tỉnh {place}", "province", place) if place else None
    return None


# Words right before a body's name that make it the author of a cited document or an addressee.
_NOT_ISSUER = re.compile(r"(?:của|gửi|trình|đề nghị|với|cho)[\s*:]*$", re.I)


# A Party committee heading its own document (TỈNH ỦY QUẢNG NAM, HUYỆN ỦY ...); a city's (THÀNH ỦY)
# is provincial for a centrally-run city.
_PARTY_COMMITTEE = re.compile(r"^[ \t]*(tinh|thanh|huyen|quan|thi)\s+uy\b", re.M)
_PARTY_LEVELS = {"tinh": ("Tỉnh ủy", "province"), "thanh": ("Thành ủy", "district"), "huyen": ("Huyện ủy", "district"),
                 "quan": ("Quận ủy", "district"), "thi": ("Thị ủy", "district")}


class _Mention:
    """A body-and-level mention found on the folded text (OCR may garble the accents: NHÂN DẦN),
    its place name read from the printed text at the same offsets; groups: body words, level word, name."""

    def __init__(self, text: str, m: re.Match) -> None:
        self._groups = (
            m.group(0),
            _BODY_WORDS["ubnd" if m.group(1) in {"ubnd"} or m.group(1).startswith("uy") else "hdnd"],
            _LEVEL_CANON[" ".join(m.group(2).rstrip(".").split())],
        )
        self._start = m.start()
        self.capitals = text[m.start() : m.end()].isupper()  # a header prints its body in capitals
        name = _NAME_AFTER.match(text, m.end())
        self._name = name.group(1) if name else None
        self._end = name.end() if name else m.end()

    def group(self, i: int) -> str | None:
        return self._name if i == 3 else self._groups[i]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_BODY_WORDS = {"ubnd": "ủy ban nhân dân", "hdnd": "hội đồng nhân dân"}
_LEVEL_CANON = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố", "huyen": "huyện", "quan": "quận",
                "thi xa": "thị xã", "xa": "xã", "phuong": "phường", "thi tran": "thị trấn", "dac khu": "đặc khu"}
# (Each body's first letter comes first, the word's start tested behind it: the search then skips to those
# letters instead of trying a word boundary at every position.)
_FOLDED_ISSUER = re.compile(
    r"(u(?<!\w.)(?:y\s+ban\s+nhan\s+dan|bnd)|h(?<!\w.)(?:oi\s+dong\s+nhan\s+dan|dnd))\s*\b(tinh|thanh\s+pho|tp\.?|huyen|quan|thi\s+xa|xa|phuong|thi\s+tran|dac\s+khu)(?:\b|(?<=\.))"
)
_NAME_AFTER = re.compile(rf"[ \t]*(?:\n[ \t]*)?({_NAME_ON_LINE})")


def _mentions(text: str, folded: str) -> list[_Mention]:
    """Every ``Ủy ban nhân dân tỉnh X`` / ``HĐND HUYỆN X`` mention, matched without accents on ``folded`` (``fold(text)``)."""
    return [_Mention(text, m) for m in _FOLDED_ISSUER.finditer(folded)]


_ISSUER_BODY_PATTERNS = [(re.compile(pattern, re.I), abbr) for pattern, abbr in ISSUER_BODIES]


def _body_abbreviation(m: _Mention) -> str:
    """``UBND`` / ``HĐND`` for a mention's body words."""
    words = " ".join(m.group(1).split())
    return next(abbr for pattern, abbr in _ISSUER_BODY_PATTERNS if pattern.fullmatch(words))


def _prefer_body(matches: list[_Mention], number: str | None) -> list[_Mention]:
    """Mentions of the body the number's code names (``12/KH-UBND``: the people's committee) first."""
    code = number.rsplit("-", 1)[-1].upper() if number and "-" in number else ""
    wanted = {"UBND": "UBND", "HĐND": "HĐND"}.get(code)
    if not wanted:
        return matches
    abbr = {m: _body_abbreviation(m) for m in matches}
    return sorted(matches, key=lambda m: abbr[m] != wanted)


def _level_word(raw: str) -> str:
    """``THÀNH\nPHỐ`` / ``TP.`` -> ``thành phố``."""
    word = " ".join(raw.lower().split())
    return "thành phố" if fold(word).rstrip(".") == "tp" else word


# The capitalised words on the line after a body's name that carry it on (a place, a name wrapped over two lines).
_NAME_WORDS = re.compile(rf"\s*((?:{_CAPS_WORD}|{CAPITALISED})(?:(?: | - |-)(?:{_CAPS_WORD}|{CAPITALISED})){{0,3}})")


def _full_name(text: str, m: _Mention) -> tuple[str | None, int]:
    """The place name after a body and level word, joined across a hard line break, and where it ends.

    A wrapped name (``THÀNH PHỐ HẢI\nPHÒNG``, ``TỈNH BÀ RỊA -\nVŨNG TÀU``) continues on the next
    line when the joined words make a listed province or district and the first line's do not,
    or when a one-word first part is followed by a short line of capitals only.
    """
    end = m.end()
    name = _place_name(m.group(3))
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[end:line_end].strip()
    if rest and rest not in {"-", "–"}:
        return name, end
    next_end = text.find("\n", line_end + 1)
    following = text[line_end + 1 : next_end if next_end >= 0 else len(text)]
    words = _NAME_WORDS.match(following)
    if not words or _SUBORDINATE.match(following.strip()) or _MOTTO.match(following.strip()):
        return name, end
    level = fold(_level_word(m.group(2)))

    def known(place: str) -> bool:
        """A listed name of the unit the level word announces (communes are not listed)."""
        if level == "tinh":
            return is_province_name(place)
        return level in {"thanh pho", "huyen", "quan", "thi xa"} and (is_province_name(place) or is_district_name(place))

    parts = words.group(1).split()
    for k in range(len(parts), 0, -1):
        joined = _place_name(((m.group(3) or "") + (" -" if rest else "") + " " + " ".join(parts[:k])).strip())
        if joined and (known(joined) and not known(name or "")):
            return joined, line_end + 1 + words.start(1) + len(" ".join(parts[:k]))
    caps_line = following.strip() == words.group(1) and words.group(1).isupper() and len(parts) <= 2
    if name and len(name.split()) == 1 and caps_line and not known(name):
        return _place_name(f"{m.group(3)} {words.group(1)}"), line_end + 1 + len(following)
    return name, end


_WRAP_OPENS = re.compile(r"(?:VÀ|-)\s")
_WRAP_ENDS = re.compile(r"(?:\sVÀ|-|^THỦ TƯỚNG|^BỘ)$")


def _national(header: str, number: str | None) -> str | None:
    """The issuer of a central body's document, from the header's first lines or the number's code."""
    lines = [line.strip() for line in header.split("\n") if line.strip()]
    for i, line in enumerate(lines[:8]):
        m = _NATIONAL_HEADER.match(line)
        if not m or not line.isupper():
            continue
        name = line
        # a name wrapped over two lines: THỦ TƯỚNG / CHÍNH PHỦ, BỘ LAO ĐỘNG - / THƯƠNG BINH VÀ XÃ HỘI, ... / VÀ ĐÀO TẠO
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if following.isupper() and not _MOTTO.match(following) and (
                _WRAP_OPENS.match(following) or _WRAP_ENDS.search(line)):
            name = f"{name} {following}"
        return _NATIONAL_NAMES.get(" ".join(fold(name).split())) or canonical_agency(" ".join(name.split()))
    return NATIONAL_CODES.get(_split_code(number)[1].split("-")[0])


# Central bodies as a header prints them; the Government and the Prime Minister keep their own spelling.
_NATIONAL_HEADER = re.compile(r"(?:THỦ TƯỚNG|CHÍNH PHỦ|BỘ(?:\s+(?!CHỈ HUY|ĐỘI|PHẬN)[{U}]|$)|VĂN PHÒNG CHÍNH PHỦ|QUỐC HỘI)".replace("{U}", UPPER))
_NATIONAL_NAMES = {"thu tuong chinh phu": "Thủ tướng Chính phủ", "chinh phu": "Chính phủ",
                   "van phong chinh phu": "Văn phòng Chính phủ", "quoc hoi": "Quốc hội"}
# The issuer code of a central body's document number (123/QĐ-TTg) -> the body, for headers lost in extraction.
NATIONAL_CODES = {
    "TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "VPCP": "Văn phòng Chính phủ", "QH": "Quốc hội",
    "BYT": "Bộ Y tế", "BXD": "Bộ Xây dựng", "BCA": "Bộ Công an", "BQP": "Bộ Quốc phòng", "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp", "BTC": "Bộ Tài chính", "BCT": "Bộ Công Thương", "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "LĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn", "BNN": "Bộ Nông nghiệp và Phát triển nông thôn", "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BTNMT": "Bộ Tài nguyên và Môi trường", "BGTVT": "Bộ Giao thông vận tải", "BTTTT": "Bộ Thông tin và Truyền thông",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BKHCN": "Bộ Khoa học và Công nghệ", "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BNG": "Bộ Ngoại giao", "UBDT": "Ủy ban Dân tộc", "NHNN": "Ngân hàng Nhà nước Việt Nam",
}


_CITY_WORD = re.compile(r"^(?:Thành phố|TP\.?)\s+")


def _place_of(header: list[str], text: str, level_word: str) -> str | None:
    """The name a header left out (``UBND TỈNH`` alone): the place of its date line, else the name the
    text most often gives after the same level word (``tỉnh Quảng Ngãi``)."""
    d = _PLACE_DATE.search(" ".join(line for line in header if line))
    if d:
        place = _CITY_WORD.sub("", d.group(1).strip())
        # the date line names the issuer's own seat: a province for tỉnh, a district for huyện
        level = _level(level_word, place)
        if level == "province" and is_province_name(place) or level == "district" and is_district_name(place) and not (
                fold(level_word) == "thanh pho" and is_province_name(place)):
            return place
    named = _places(text, level_word).most_common(1)
    return named[0][0] if named else None


def _place_name(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = " ".join(raw.split()).strip(" -")
    raw = title_case(raw) if raw.isupper() else raw
    words = raw.split()
    # a lower-case word ends the name (``Sơn Hà ban hành``)
    kept = [w for w in words[: next((i for i, w in enumerate(words) if w[:1].islower()), len(words))]]
    return " ".join(kept) or None


# Cities run by the centre, with the year they became one (Huế in 2025; before, a city of its province).
CENTRAL_CITIES: dict[str, int] = {"ha noi": 0, "ho chi minh": 0, "hai phong": 0, "da nang": 0, "can tho": 0, "hue": 2025}


def _level(level_word: str, name: str | None, year: int | None = None) -> str:
    key = " ".join(fold(level_word).split())
    if key == "thanh pho" and name:
        since = CENTRAL_CITIES.get(" ".join(fold(name).split()))
        if since is not None and (year is None or year >= since):
            return "province"
    return LEVEL_WORDS[key]


def _places(text: str, level_word: str) -> Counter:
    """How often each capitalised name follows ``level_word`` (``tỉnh Quảng Ngãi``)."""
    return Counter(m.group(1) for m in _place_after(level_word).finditer(text))


@lru_cache(maxsize=16)
def _place_after(level_word: str) -> re.Pattern:
    """``level_word`` at a word's start, then a capitalised name. The word comes first, from its second letter
    (its first may be a class: ``[Tt]hành phố``), and the whole word at a word's start is tested behind it:
    the search skips to each occurrence of a literal instead of trying every position.

    >>> [m.group(1) for m in _place_after("tỉnh").finditer("tỉnh Bình Định, xtỉnh Huế, các tỉnh Lào Cai")]
    ['Bình Định', 'Lào Cai']
    >>> [m.group(1) for m in _place_after("[Tt]hành phố").finditer("Thành phố Huế, xthành phố Vinh, thành phố Đà Nẵng")]
    ['Huế', 'Đà Nẵng']
    """
    first, rest = re.fullmatch(r"(\[\w+\]|\w)(.*)", level_word).groups()
    return re.compile(rf"{rest}(?<=(?<!\w){first}{rest})\s+({PROPER_NAME})")


def _most_named_province(text: str) -> str | None:
    """The province the text names most often: ``tỉnh X``, and ``thành phố X`` for a centrally-run city
    (a district of Hải Phòng names ``thành phố Hải Phòng``, never ``tỉnh``)."""
    named = _places(text, "tỉnh")
    for city, count in _places(text, "[Tt]hành phố").items():
        if " ".join(fold(city).split()) in CENTRAL_CITIES:
            named[city] += count
    most = named.most_common(1)
    return most[0][0] if most else None


def _period(title: str, doc: Document, issue_year: int | None = None) -> tuple[int | None, int | None]:
    """The years the plan covers: from the title, else from the plan's own time item.

    A title that names only the end (``... ĐẾN NĂM 2030``) states no start: the plan's
    time item (``Thời gian thực hiện: từ năm 2027 đến cuối năm 2035``) completes it when
    it ends the same year, else the start stays unknown.
    """
    folded_title = _open_ended(fold(_strip_citations(ocr_zeros(title))))  # OCR: GIAI ĐOẠN 2O15 - 2O20
    years = parse_years(folded_title)
    if years and years[0] == years[1]:
        until = _UNTIL_YEAR.search(folded_title)
        if until and int(until.group(1)) == years[1]:
            own = _time_item(doc, issue_year)
            return own if own and own[1] == years[1] else (None, years[1])
    if years:
        return years  # (the plan's time item is read only when the title leaves the period open)
    return _time_item(doc, issue_year) or (None, None)


# "đến năm 2030", "đến hết năm 2030", "tới năm 2030": an end with no start
_UNTIL_YEAR = re.compile(rf"\b(?:{year_words('until')})\s+(?:(?:{year_words('to_the_end')})\s+)?nam\s+({YEAR})\b")
# The heading of a plan's own time item: "Thời gian thực hiện", "Thời gian thi đua", a bare "Thời gian:"
_TIME_HEADING = re.compile(r"^thoi\s+gian(?!\s+qua\b)(?:\s+(?:thuc\s+hien|trien\s+khai|thi\s+dua|ap\s+dung|to\s+chuc)\b|\s*$)")
# ... and its wrapped continuation, unless the next line opens an item of its own (- , 2., b), II., **)
_TIME_LINE = re.compile(
    r"thời\s+gian\s+(?:thực\s+hiện|triển\s+khai)[^\n]*(?:\n(?![ \t]*(?:[-+•*#]|\d+\.|[a-zđ]\)|[IVX]+\.))[^\n]+)?", re.I
)
# Its words folded: a case-blind pattern is tried at every position of the text, these are found at once.
_TIME_LINE_WORDS = re.compile(r"thoi\s+gian\s+(?:thuc\s+hien|trien\s+khai)")
# Sections whose time lines belong to one task or duty, not to the plan.
_TASK_KINDS = {"tasks", "organisation", "reporting", "budget", "appendix", "recipients", "signature"}


def _time_item(doc: Document, issue_year: int | None) -> tuple[int | None, int | None] | None:
    """Years of the plan's own time item: a numbered ``Thời gian ...`` section (its whole text,
    sub-items included), else a ``Thời gian thực hiện:`` line outside the task sections."""
    sections = doc.sections or []

    def in_tasks(section: Section | None) -> bool:
        while section is not None:
            # a part headed by time (THỜI GIAN VÀ TỔ CHỨC THỰC HIỆN) holds the plan's time, whatever else it holds
            if section.kind in _TASK_KINDS and "thoi gian" not in fold(section.heading):
                return True
            section = sections[section.parent] if section.parent is not None else None
        return False

    for section in sections:
        heading = fold(section.heading)
        if "thoi" not in heading:  # most headings: no time word to join and match
            continue
        heading = " ".join(heading.split())
        if _TIME_HEADING.match(heading) and not in_tasks(section):
            years = _years_of_time(doc.text[section.body_start : section.end], issue_year)
            if years:
                return years
    for m in _time_lines(doc):
        if in_tasks(doc.section_at(m.start())):
            continue
        years = _years_of_time(m.group(0), issue_year)
        if years:
            return years
    return None


def _time_lines(doc: Document) -> Iterator[re.Match]:
    """``_TIME_LINE.finditer(doc.text)``, tried only where the folded text reads its words (same offsets)."""
    end = 0
    for words in _TIME_LINE_WORDS.finditer(doc.folded):
        m = _TIME_LINE.match(doc.text, words.start()) if words.start() >= end else None
        if m:
            yield m
            end = m.end()


# A cited document with its date (Kế hoạch số 12/KH-UBND ngày 5/3/2024): neither year is the plan's time.
_CITATION_WITH_DATE = re.compile(
    rf"(?:{DOC_NUMBER_RE.pattern})(?:\s*,?\s*[Nn]gày\s*\d{{1,2}}\s*(?:/|tháng)\s*\d{{1,2}}\s*(?:/|năm)\s*\d{{4}})?"
)


_TO_THE_END = re.compile(rf"\b({year_words('until')})\s+(?:{year_words('to_the_end')})\s+nam\b")


def _open_ended(folded: str) -> str:
    """``đến hết năm`` / ``đến cuối năm`` read as ``đến năm``."""
    return _TO_THE_END.sub(r"\1 nam", folded)


# "từ nay đến năm 2033" (from the year of issue), "các năm tiếp theo" (an open end), a year alone.
_SINCE_NOW = re.compile(rf"\btu\s+nay\s+(?:{year_words('until')})\s+nam\s+({YEAR})\b")
_FOLLOWING_YEARS = re.compile(rf"\b(?:{year_words('following')})\b")
_BARE_YEAR = re.compile(rf"(?<![\d.,])({YEAR})(?![\d/])")


def _years_of_time(text: str, issue_year: int | None) -> tuple[int | None, int | None] | None:
    """The span a time item states: ``từ năm 2027 đến cuối năm 2035``, ``từ nay đến năm 2033`` (from the
    year of issue), dates that all fall in one year (a one-year drive); none for an open end
    (``từ năm 2028 trở đi, các năm tiếp theo``).

    >>> _years_of_time("Kể từ nay đến hết năm 2028.", 2028), _years_of_time("Bắt đầu năm 2028, các năm tiếp theo.", 2028)
    ((2028, 2028), None)
    >>> _years_of_time("Đợt hai: từ ngày 4 tháng 9 năm 2026 đến ngày 18/10/2026", None)
    (2026, 2026)
    >>> _years_of_time("Theo Kế hoạch số 12/KH-UBND ngày 5/3/2019 của UBND tỉnh", None) is None
    True
    """
    folded = _open_ended(fold(_CITATION_WITH_DATE.sub(" ", ocr_zeros(text))))
    if _FOLLOWING_YEARS.search(folded):
        return None
    since_now = _SINCE_NOW.search(folded)
    if since_now:
        return issue_year, int(since_now.group(1))
    years = parse_years(folded)
    if years and years[0] != years[1]:
        return years
    found = sorted({int(y) for y in _BARE_YEAR.findall(folded)})
    return (found[0], found[-1]) if found else None


_DATE_IN_WORDS = re.compile(r"ngày\s*\d{0,2}\s*(?:tháng|/)\s*\d{0,2}\s*(?:năm|/)\s*\d{4}")
_NUMERIC_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


def _strip_citations(text: str) -> str:
    """Dates and document numbers hold years that are not the plan's period."""
    text = _DATE_IN_WORDS.sub(" ", text)
    text = _NUMERIC_DATE.sub(" ", text)
    return DOC_NUMBER_RE.sub(" ", text)


# Every role line holds one of these words (``_SIGN_ROLE``'s first words), every recipients line the folded
# ``nhận:``: the lines that may open a signature block are found by a search, not by reading every line.
_ROLE_WORDS = re.compile("|".join(re.escape(word) for word in sorted(
    {"TM.", "KT.", "TL.", "Q."} | {office.split()[0] for office in SIGN_OFFICES}, key=len, reverse=True)))
_RECIPIENTS_WORD = re.compile(r"nhan[\s*#]*:")
# The last signature block stands near the text's end (annexes may follow it): the role words are searched in
# this many characters at the end first (a signature block's dozen lines), then in windows twice as long before
# them, until a block names its signer.
_SIGNATURE_WINDOW = 1024


def _signer(doc: Document) -> str | None:
    """The name under the last signature block (``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` / name)."""
    for block in _lines_from(doc.text, _lines_holding_from_the_end(doc.text, _ROLE_WORDS), _SIGN_ROLE, 9):
        # a flattened rendering keeps role and name in one cell: "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH  Phạm Văn Hòa"
        same_line = _NAME_AFTER_ROLE.search(block[0])
        if same_line:
            return same_line.group(1)
        for line in block[1:]:
            if not line or _SIGN_ROLE.match(line) or line.startswith(("(", "[")):
                continue
            if _PERSON.match(line) and not line.endswith(":"):
                return title_case(line) if line.isupper() else line
            break
    recipients = _lines_from(doc.text, _lines_holding(doc.text, _RECIPIENTS_WORD.finditer(doc.folded)), _RECIPIENTS, 12)
    return _signer_beside_recipients(next(recipients, []))


def _lines_holding(text: str, marks: Iterable[re.Match]) -> list[int]:
    """Where each line of ``text`` that holds one of ``marks`` starts, the last line first."""
    return sorted({text.rfind("\n", 0, m.start()) + 1 for m in marks}, reverse=True)


def _lines_holding_from_the_end(text: str, words: re.Pattern, window: int = _SIGNATURE_WINDOW) -> Iterator[int]:
    """``_lines_holding(text, words.finditer(text))``, searched a window of whole lines at a time from the text's
    end (``window`` characters, then twice as many before them ...): what is looked for near the end is found
    without a search of the whole text. No match of ``words`` holds a line break.

    >>> text = "KT. CHỦ TỊCH\\nPhụ lục\\nCHỦ TỊCH\\nx"
    >>> list(_lines_holding_from_the_end(text, _ROLE_WORDS, 4)), _lines_holding(text, _ROLE_WORDS.finditer(text))
    ([21, 0], [21, 0])
    """
    end = len(text)
    while end > 0:
        start = text.rfind("\n", 0, max(0, end - window)) + 1  # a window's lines end where the one after it starts
        yield from _lines_holding(text, words.finditer(text, start, end))
        end, window = start, window * 2


def _lines_from(text: str, starts: Iterable[int], opening: re.Pattern, count: int) -> Iterator[list[str]]:
    """For each line start of ``starts`` in turn (``_lines_holding``: the last line first), each line (``_lines``)
    of that line that ``opening`` matches, the last first, with the lines after it: ``count`` lines in all.

    >>> text = "Nơi nhận:  | KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\\n\\nLò Văn Sơn\\nPhụ lục"
    >>> list(_lines_from(text, _lines_holding(text, re.finditer("CHỦ", text)), _SIGN_ROLE, 3))
    [['PHÓ CHỦ TỊCH', '', 'Lò Văn Sơn'], ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '']]
    """
    for start in starts:
        end = text.find("\n", start)
        cells = _lines([text[start:end] if end >= 0 else text[start:]])
        for i in range(len(cells) - 1, -1, -1):
            if opening.match(cells[i]):
                yield (cells[i:] + _lines(_raw_lines_after(text, end, count)))[:count]


def _raw_lines_after(text: str, end: int, count: int) -> list[str]:
    """The first ``count`` lines after the line break at ``end`` (none when ``end`` is -1, the text's end)."""
    lines = []
    while end >= 0 and len(lines) < count:
        start, end = end + 1, text.find("\n", end + 1)
        lines.append(text[start:end] if end >= 0 else text[start:])
    return lines


def _signer_beside_recipients(lines: list[str]) -> str | None:
    """The signer when the signature column shares its lines with the ``Nơi nhận:`` list.

    The right column of each line is the text after the recipient entry's last ``;``, ``:``
    or ``.``; the name is the first such column that reads as a person's name after a
    signing role (``TM.``/``KT.``/an office) has been seen.

    >>> _signer_beside_recipients(["Nơi nhận: TM. ỦY BAN NHÂN DÂN", "- Sở Y tế; KT. CHỦ TỊCH",
    ...     "- Như trên; PHÓ CHỦ TỊCH", "- Lưu: VT. Lò Văn Sơn"])
    'Lò Văn Sơn'
    """
    last = next((i for i in range(len(lines) - 1, -1, -1) if _RECIPIENTS.match(lines[i])), None)
    if last is None:
        return None
    role_seen = False
    for line in lines[last : last + 12]:
        column = _LEFT_COLUMN.sub("", line.strip("* ")).strip("* ")
        if not column or column == line.strip("* ") and line.lstrip().startswith(("-", "+", "•")):
            continue
        if _SIGN_ROLE.match(column) or any(column.startswith(p) for p in ("TM.", "KT.", "TL.")):
            role_seen = True
        elif role_seen and _PERSON.match(column) and not _SIGN_ROLE.match(column):
            return title_case(column) if column.isupper() else column
    return None


def format_number(m: re.Match) -> str:
    """The canonical form of a document number matched by ``DOC_NUMBER_RE``."""
    if _is_party_number(m):
        return f"{m.group(1)}-{m.group(4) or m.group(6)}/{m.group(5) or m.group(7)}"
    year = f"/{m.group(2)}" if m.group(2) else ""
    return f"{m.group(1)}{year}/" + _ANY_DASH.sub("-", "".join(m.group(3).split()))


def _is_party_number(m: re.Match) -> bool:
    """Whether a number ``DOC_NUMBER_RE`` matched is a Party document's (``14-KH/TU``: no code after a slash)."""
    return m.group(3) is None


_BARE_FRACTION = re.compile(r"\d+/\d+/?")  # a ratio or a date's day and month, no document's code


def _references(text: str, own: str | None) -> list[str]:
    seen: dict[str, None] = {}
    for m in anchored.finditer(DOC_NUMBER_RE, _NUMBER_FROM_SLASH, text):
        number = format_number(m)
        if number != own and not _BARE_FRACTION.fullmatch(number):
            seen.setdefault(number, None)
    return list(seen)


def _implements(title: str, preamble: str) -> list[str]:
    """The higher-level document(s) this one carries out.

    A ``Thực hiện`` / ``Triển khai`` clause carries out every document it lists
    (``A; B và C``), but not what those documents themselves carry out (``Kế hoạch
    số 7/KH-UBND ... thực hiện Nghị quyết số 31-NQ/TW``), nor a document named in the
    purpose that follows the list (``..., nhằm đạt mục tiêu mà Nghị quyết số 9/NQ-HĐND
    đã đề ra``). A ``Căn cứ`` clause counts
    only when it approves (``phê duyệt``) a programme or plan: the documents cited
    up to that verb (an approving decision ``as amended by`` another are one
    instrument), since laws and decrees cited as authority are not carried out.
    """
    found: dict[str, str] = {}
    for clause in [title] + _basis_clauses(preamble):
        for number in _carried_out(clause):
            found.setdefault(number.casefold(), number)
            if number != number.upper():  # the title in capitals spells the issuer TTG: keep the printed case
                found[number.casefold()] = number
    return list(found.values())


# A list of cited documents goes on after ';' only while each item opens with a document type.
_DOC_TYPE_WORD = re.compile(
    r"^(?:các\s+)?(?:nghị\s+quyết|quyết\s+định|kế\s+hoạch|chỉ\s+thị|thông\s+báo|công\s+văn|kết\s+luận|chương\s+trình"
    r"|đề\s+án|nghị\s+định|thông\s+tư|luật|hướng\s+dẫn|công\s+điện|quy\s+định|phương\s+án|văn\s+bản|thông\s+tri)\b",
    re.I,
)
# The words just before a citation that make it the object of a cited document's own action:
# "Kế hoạch số 7/KH-UBND ... thực hiện Nghị quyết số 31-NQ/TW", "... theo Quyết định số 9/QĐ-TTg"
# (at most five plain words between).
_NESTED = re.compile(r"\b(?:thuc hien|trien khai|thi hanh|huong dan|cu the hoa|theo|tai)\b(?:[\s,]+[^\s\d;,.()]+){0,5}[\s,]*$")
# The lead-in words are read from this many characters before a citation: five words and a verb fit
# many times over, and a long clause is not read again from its start for each document it cites.
_NESTED_REACH = 300


def _nested(folded: str, at: int) -> bool:
    """Whether the citation at ``at`` in folded words is the object of a cited document's own action (``_NESTED``).

    >>> _nested("ke hoach so 7 thuc hien nghi quyet so ", 38), _nested("thuc hien ", 10), _nested("can cu ", 7)
    (True, True, False)
    """
    return bool(_NESTED.search(folded, max(0, at - _NESTED_REACH), at))
# A purpose clause set off by a comma ends the list too: "Thực hiện A và B, nhằm đạt mục tiêu mà C
# đã đề ra" carries out A and B; C is named for its goal. Matched on the printed words, as folded
# "de" is also "đề"; a purpose that itself carries out (, để triển khai C) keeps C in the list, and
# a new item after ';' is not in the purpose.
_PURPOSE = re.compile(r",\s*(?:nhằm|để)\s+(?!thực\s+hiện|triển\s+khai|cụ\s+thể\s+ho|thi\s+hành)[^;]*$", re.I)
# The issuer's own enacting words end the list: what follows is this plan, not a cited document.
_ENACTING = re.compile(r"\b(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\b(?:\s+\S+){0,4}?\s+ban hanh\b")


# Items of a list end at ';'; a new clause also opens on a line of its own with a capitalised basis word.
_CLAUSE_BREAK = re.compile(r";|\n(?=[ \t]*(?:Căn cứ|Thực hiện|Triển khai|Để|Nhằm|Xét|Theo đề nghị)\b)")


_CELL_MARKS = re.compile(r"[*#|]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\.\s*\n|\.\s+(?=[A-ZĐ])")


def _basis_clauses(preamble: str) -> list[str]:
    """The legal-basis clauses of a preamble, each with its whole list of documents.

    Hard line breaks inside a clause are wraps, not ends: a clause ends at ``;`` unless
    the next item is another cited document (``Triển khai Nghị quyết số 44-NQ/TW ...;
    Quyết định số 640/QĐ-TTg ...``), at a sentence end or a blank line.

    >>> _basis_clauses("Thực hiện Quyết định số\\n12/QĐ-TTg; Kế hoạch số 3/KH-UBND;\\nXét đề nghị của Sở")
    ['Thực hiện Quyết định số 12/QĐ-TTg; Kế hoạch số 3/KH-UBND']
    """
    text = _CELL_MARKS.sub(" ", preamble)
    clauses: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        current: list[str] = []
        for item in _CLAUSE_BREAK.split(paragraph):
            item = " ".join(item.split())
            opens = _opens_basis(item)
            if current and not opens and _DOC_TYPE_WORD.match(item):
                current.append(item)
                continue
            if current:
                clauses.append("; ".join(current))
            current = [item] if opens else []
        if current:
            clauses.append("; ".join(current))
    return clauses


# The words a basis clause opens with (``_BASIS``, single-spaced) lie in its first characters: a long clause
# is not folded whole to read them.
_BASIS_REACH = 40


def _opens_basis(clause: str) -> bool:
    """Whether a single-spaced clause opens with a basis word (``Căn cứ``, ``Thực hiện`` ...)."""
    return _BASIS.match(fold(clause[:_BASIS_REACH])) is not None


def _carried_out(clause: str) -> list[str]:
    """Numbers a basis clause carries out (see ``_implements``)."""
    head = fold(clause[:_BASIS_REACH]).strip()
    if not _BASIS.match(head):
        return []
    if head.startswith("can cu"):
        # each listed item on its own: the documents cited before its own "phê duyệt"
        numbers = []
        for item in clause.split("; "):
            folded_item = fold(item)
            approve = folded_item.find("phe duyet")
            matches = list(takewhile(lambda m: m.start() < approve, DOC_NUMBER_RE.finditer(item)))
            numbers += [format_number(m) for m in matches if not _nested(folded_item, m.start())]
        return numbers
    folded = fold(clause)
    numbers: list[str] = []
    previous = 0
    for i, m in enumerate(DOC_NUMBER_RE.finditer(clause)):
        lead_in = folded[previous : m.start()]
        if i and (_ENACTING.search(lead_in) or _PURPOSE.search(clause, previous, m.start())):
            break
        previous = m.end()
        if i == 0 or not _nested(lead_in, len(lead_in)):
            numbers.append(format_number(m))
    return numbers
