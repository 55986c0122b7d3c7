"""Quantitative targets: the shares, rates, counts and changes a plan commits to.

A plan writes a target as an indicator, a bound and a value, often several to a
sentence (``đạt 77% vào năm 2025 và 91% vào năm 2030``). The extractor reads
every written value outside the budget, appendix and retrospective sections,
then, sentence by sentence, gives each value its unit, comparator, kind,
indicator and year(s) the way a reader of Vietnamese does:

- the bound is the word right before the value (``dưới`` ``<``, ``xuống còn``
  ``<=``, ``đạt trên`` ``>``); a value joined to the previous one by ``và``
  shares its bound and unit (``xuống dưới 0,7% vào năm 2025 và 0,5% ...``);
- a year written after values belongs to all of them (``dưới 5% ... và dưới
  10% ... vào năm 2025 và năm 2030`` is four targets), a year that opens a
  clause (``đến năm 2030 đạt 95%``) to what follows;
- ages (``dưới 5 tuổi``), denominators (``trên 1.000 trẻ đẻ sống``), document
  numbers, dates and money are never values;
- a count is a number followed by a noun (``ít nhất 15 hợp tác xã``, ``top 5``),
  never a physical measure (hectares, tonnes, head of livestock), a schedule
  (``02 lần/năm``), what already exists or was hit, or the items of a total;
- the situation before the plan (``Hiện có ...``, ``Hiện trạng``), forecasts
  and conditions (``nếu ... thì``) hold no targets;
- nor does what already happened: a year before the plan (its issue year, or the
  first year of its period in an excerpt), a clause in the past (``đã giảm``,
  ``ghi nhận``), a fact of the plan's own year before a later goal (``Năm 2025,
  tỷ lệ ... là 45%; phấn đấu ...``);
- nor the size of a meeting, the members of a body, award criteria and prizes,
  scenarios (``Khi có bão ...``), prices, taxes and splits of money, ratios,
  scores, physical quantities, and counts or shares that only say which units
  an indicator is about (``số vụ ngộ độc trên 30 người mắc``).

Paragraphs and sentences come from the document's one reader (``Document.sentence_at``,
``paragraph_start``); the vocabulary from ``models/lexicon``. A hostile or broken file
stays linear in time: a sentence is read up to ``MAX_VALUES_PER_SENTENCE`` values (the
document gets a warning), and each value's words up to ``REACH`` characters around it.

>>> from chitieu.models.document import Document
>>> doc = Document("a.txt", "0", "I. MỤC TIÊU\\n- Chỉ tiêu 1: Tỷ lệ xã đạt chuẩn đạt 77% vào năm 2025 và 91% vào năm 2030.")
>>> [(t.value, t.unit, t.comparator, t.year, t.code, t.indicator) for t in extract_targets(doc, 2030)]
[(77.0, '%', '>=', 2025, '1', 'Tỷ lệ xã đạt chuẩn'), (91.0, '%', '>=', 2030, '1', 'Tỷ lệ xã đạt chuẩn')]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from chitieu.extractors.anchored import by_first_letter
from chitieu.extractors.indicators import match_national
from chitieu.extractors.target_tables import indicator_table_spans, table_targets
from chitieu.models import lexicon
from chitieu.models.document import Document
from chitieu.models.sections import Section
from chitieu.models.items import Target
from chitieu.models.normalize import LOWER, UPPER, fold
from chitieu.extractors.numbers import (
    NUMBER_AFTER_FIRST_DIGIT,
    Figures,
    figure_starts,
    parse_number,
    repaired_folded,
    repaired_text,
)

# --- limits: hostile or broken files (a megabyte without a full stop) stay linear in time ---------

# Values read in one sentence: a plan's longest sentences hold a few dozen; beyond this a
# sentence is a list of figures (a table that lost its cells, a hostile file). The rest of
# such a sentence is skipped and the document gets a warning (``Document.warnings``).
MAX_VALUES_PER_SENTENCE = 200
# How far (characters) the words around a value are read in its sentence and paragraph:
# a sentence of a plan is far shorter; a longer one is read only this far around each value.
REACH = 2000
# The longest bound word before a value, with its spaces ("không vượt quá", "không\ndưới").
COMPARATOR_REACH = 40

# --- vocabulary -------------------------------------------------------------

# Bound words right before a value -> comparator (``models/lexicon/comparators.csv``, the rows
# marked ``prose``; target tables read the rows marked ``cell``). Lower case with diacritics:
# folding would merge "còn" (down to) with "con" (child). Longest match wins, so "không dưới"
# beats "dưới" and "ít nhất là" beats "là". A rank within a leading group ("nằm trong nhóm 5
# tỉnh dẫn đầu", "vào top 10") is place 5 or better: "<=".
COMPARATOR_WORDS: dict[str, str] = {row["term"]: row["comparator"] for row in lexicon.rows("comparators")
                                    if row["prose"]}
# A value governed directly by one of these is an amount of change, not a level
# ("giảm 20% số trẻ em bị xâm hại", "mỗi năm giảm 2%", "kéo giảm từ 5% đến 7%").
CHANGE_VERBS = ("giảm", "tăng", "kéo giảm", "giảm thêm", "tăng thêm", "hạ", "mức giảm", "mức tăng")
# Bounds that name the level a change verb leads to ("giảm ... xuống 5%", "tăng ... lên 80%"): ``level`` rows.
LEVEL_BOUNDS = lexicon.terms("comparators", level="yes")
# Verbs that open with a change verb's syllable but change nothing by an amount.
NOT_CHANGE_VERBS = ("tăng cường", "tăng trưởng", "giảm nghèo")
# Words a clause may open with before its verb ("- Phấn đấu giảm ...").
OPENING_WORDS = ("phấn đấu", "mục tiêu", "tiếp tục", "hằng năm", "hàng năm", "mỗi năm")
# Words that may stand between a change verb and its value.
CHANGE_FILLERS = ("bình quân", "trung bình", "mỗi năm", "hằng năm", "hàng năm", "từ", "khoảng", "được", "thêm")
# Naming the change itself makes every value of the clause a change ("duy trì mức giảm ... từ 2 đến 3%").
# A growth rate is a change too ("tốc độ tăng bình quân 5%/năm", "tăng bình quân hằng năm đạt 10 - 13%").
CHANGE_NOUNS = ("mức giảm", "mức tăng", "tốc độ giảm", "tốc độ tăng", "tăng bình quân", "giảm bình quân")

# Nouns (folded) that make a number a count of something the plan will reach.
COUNT_NOUNS = (
    "nguoi", "can bo", "cong chuc", "vien chuc", "cong tac vien", "tinh nguyen vien", "nhan vien", "giao vien",
    "bac si", "hoc sinh", "tre em", "tre", "em", "hoi vien", "doan vien", "ho", "gia dinh", "luot", "doanh nghiep",
    "lao dong", "viec lam", "van phong", "diem", "dia ban", "huyen", "xa", "phuong", "thi tran", "thon", "ban",
    "to dan pho", "truong", "lop", "co so", "trung tam", "don vi", "mo hinh", "cau lac bo", "nhom", "doi",
    "hoi dong", "cuoc", "dot", "buoi", "hoi nghi", "hoi thao", "hoi thi", "dien dan", "phong su", "chuyen muc",
    "tin", "bai", "tai lieu", "an pham", "to roi", "san choi", "nha van hoa", "cong trinh", "giuong",
    "con/", "con /",  # "2,1 con/phụ nữ" children per woman; "3.000 con" alone is head of livestock
)
# Words (folded) that may follow a number without making it a count of things the plan will
# reach: time, money, physical measures (outside the contract's units: hectares, tonnes, head of
# livestock), ages, ranks and grades, technical units, and the grammar words a number can precede.
NOT_COUNT_WORDS = frozenset((
    "ngày", "tháng", "năm", "giờ", "phút", "giây", "tuần", "quý", "thập", "kỳ", "đợt", "buổi", "lượt",
    "đồng", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "chục", "vạn", "usd", "vnd", "vnđ", "đ",
    "ha", "héc", "hecta", "tấn", "tạ", "kg", "g", "gram", "gam", "km", "m", "mét", "m2", "m3", "cm", "mm", "lít", "ml",
    "kw", "kwh", "mw", "mwh",
    "gw", "gb", "mb", "tb", "gbps", "mbps", "ghz", "mhz", "gigabit", "megabit", "con", "cây", "tuổi", "độ", "sao",
    "db", "mg", "µg", "ppm", "lux", "kcal", "calo", "mmhg", "gr", "cc", "ha/năm", "m/s", "km/h",
    "cấp", "bậc", "hạng", "loại", "phần", "lần", "x", "điểm",
    "của", "và", "là", "được", "trong", "tại", "vì", "theo", "cho", "đến", "tới", "từ", "với", "trên", "dưới",
    "hoặc", "thì", "sẽ", "đã", "đang", "phê", "ban", "về", "như", "gồm", "có", "không", "nay", "ở", "mỗi", "trở",
    "mục", "kể", "sau", "trước", "khi", "dự kiến", "đạt", "tăng", "giảm", "những", "các", "một", "hai", "ba", "bốn",
    "năm", "này", "đó", "nào", "khác", "nêu", "ngoài", "bằng", "do", "thuộc", "qua", "nhằm", "để", "vào", "ra",
    "hàng năm", "hằng năm", "hàng tháng", "hằng tháng", "hàng quý", "hằng quý", "hàng tuần", "hàng ngày", "hằng ngày",
))
# Nouns (folded) of money right after a share: "hỗ trợ 50% học phí", "giảm 30% lãi suất" set a
# subsidy or a price, not a goal to reach.
# ("giá", "tiền", "phí" alone fold like "gia đình", "tiến độ", "phi nông nghiệp": left out.)
MONEY_SHARE_NOUNS = ("hoc phi", "kinh phi", "chi phi", "le phi", "vien phi", "lai suat", "von", "muc dong",
                     # "tiết kiệm 10% chi thường xuyên", "tạm ứng 30% giá trị hợp đồng", "giảm 50% tiền thuê đất"
                     "chi thuong xuyen", "gia tri hop dong", "gia tri hang hoa", "gia tri giao dich",
                     "gia tri khoi luong", "tong muc dau tu", "tien thue", "tien su dung dat", "du toan", "ngan sach",
                     "tien luong", "muc luong", "luong co so", "thu nhap chiu thue")
# Words before a share that make it a price, a tax or a split of money ("lãi suất 0,66%/tháng",
# "thuế suất 8%", "Ngân sách tỉnh hỗ trợ 70%"), unless a rate word comes first ("tỷ lệ giải ngân
# vốn ngân sách đạt 95%"). With diacritics: "phí" folds like "phi" of "phi nông nghiệp".
MONEY_RATE_WORDS = ("lãi suất", "thuế suất", "lệ phí", "phí dịch vụ", "mức phí", "mức phạt", "mức hỗ trợ", "mức đóng",
                    "ngân sách", "tạm ứng", "chiết khấu", "hoa hồng", "tiền phạt")
# Rates of money whatever comes before them: the share a budget pays or a beneficiary adds.
MONEY_RATES = ("tỷ lệ hỗ trợ", "tỷ lệ đối ứng", "tỉ lệ hỗ trợ", "tỉ lệ đối ứng")
# Words (folded) before a number that make it a label or a reference, not a value.
LABEL_WORDS = (
    "so", "dieu", "khoan", "diem", "chuong", "muc", "chi tieu", "chi so", "muc tieu", "du an", "tieu du an",
    "chuong trinh", "nhiem vu", "giai phap", "noi dung", "phu luc", "bieu", "mau", "thu", "khoa", "tong dai",
    "nghi dinh", "nghi quyet", "quyet dinh", "thong tu", "chi thi", "ke hoach", "cong van", "to trinh", "luat",
    "bang", "hinh", "phan", "ma so", "quoc lo", "tinh lo", "ngay", "thang",  # "chậm nhất ngày 22 hằng tháng": a date
    # places and parts named by a number: "thôn 3", "tổ dân phố 5", "khu phố 2", "giai đoạn 1", "bước 2"
    "thon", "to", "to dan pho", "khu pho", "ap", "khoi", "xom", "lo", "tang", "giai doan", "buoc",
    # grades and named documents: "lớp 12", "cấp độ 3", "bệnh viện hạng 1", "đô thị loại 2", "Đề án 06", "tiêu chí 17"
    "lop", "cap", "cap do", "hang", "loai", "de an", "thong bao", "ket luan", "van ban", "cong dien", "tieu chi",
)
# Label words whose folded form other words share: the label only in these spellings
# ("tặng 200 suất quà", "tăng 20 doanh nghiệp" are no floor "tầng 2"; "bằng 2 lần" no table "bảng 2").
LABEL_SPELLINGS = {"tang": ("tầng",), "bang": ("bảng",), "phan": ("phần",), "thu": ("thứ",), "to": ("tổ",),
                   "lo": ("lô",), "ap": ("ấp",), "khoi": ("khối",), "mau": ("mẫu",), "hinh": ("hình",),
                   "loai": ("loại",), "hang": ("hạng",), "lop": ("lớp",), "thon": ("thôn",), "xom": ("xóm",)}
# The highest number a level word labels: "cấp 3", "bão cấp 12" name a level, "cấp 200 thẻ" issues
# cards; "lớp 12" is a school grade, "mỗi lớp 50 học viên" the size of a class.
MAX_LEVEL_LABEL = {"cap": 19, "lop": 12}
# Words (folded) that may follow a bare number standing for a value ("dưới 9 vào năm 2030");
# any other word makes it a quantity of something else ("dưới 1 tuổi", "trên 1.000 trẻ").
STANDALONE_NEXT = ("vao", "den", "toi", "nam", "trong", "doi voi", "va", "o", "tai", "khu vuc", "hang nam", "moi nam")
# Measure words that open an indicator inside a longer clause ("Chỉ đạo ... bảo đảm tỷ lệ X đạt 100%").
MEASURE_WORDS = ("tỷ lệ", "tỉ lệ", "tỷ suất", "tỉ suất", "tỷ số", "chỉ số", "mức giảm", "mức tăng", "tuổi thọ")
# Bounds that follow their indicator ("tỷ lệ X đạt 90%"); other bounds may open a
# value-first phrase ("ít nhất 30% số xã ...") whose indicator comes after the value.
AFTER_INDICATOR = ("đạt", "xuống", "lên", "còn", "là", "bằng", "duy trì", "giảm", "tăng")
# Words after a value that name its denominator ("dưới 1% tổng số trẻ em"): part of the indicator.
DENOMINATOR_WORDS = ("tổng số", "trên tổng số", "số")
# Words stripped from the ends of an indicator (lower case): they belong to the bound or the sentence.
INDICATOR_LEAD = (
    "phấn đấu", "giảm", "tăng", "nâng", "kéo giảm", "kiềm chế và kéo giảm", "bảo đảm", "đảm bảo", "duy trì",
    "tiếp tục", "trong đó", "và", "đồng thời", "mục tiêu", "chỉ tiêu", "đạt", "hàng năm", "hằng năm", "mỗi năm",
)
INDICATOR_TAIL = tuple(COMPARATOR_WORDS) + CHANGE_VERBS + CHANGE_FILLERS + (
    "và", "ở mức", "mức", "từ", "vào", "đến", "năm", "phấn đấu", "so với", "giai đoạn", "trong đó", "trong đó có",
)
# Clause openers (folded, ``models/lexicon/situation_openers.csv``, in file order) that describe the
# situation before the plan: "Hiện có 35.210 hộ nghèo, chiếm 18,4%", "Toàn huyện có 12 điểm ...",
# "Đến nay, ... đạt 80%", a forecast the plan builds on, where a figure of the present comes from
# ("Qua kiểm tra ...", "Theo số liệu ..."): results, not goals.
SITUATION_OPENERS = tuple(fold(term) for term in lexicon.terms("situation_openers"))
# Words that make the value a condition ("nếu tỷ lệ dưới 50% thì ...", "từ 88% trở lên thì ..."):
# a rule of the plan's procedure, not a level it commits to. With diacritics: "nêu", "thi đua" differ.
# "trường hợp" is a conjunction only opening a clause ("Trường hợp ...", "trong trường hợp"): "số trường
# hợp tảo hôn giảm 5%" counts cases.
CONDITION_WORDS = ("nếu", "trong trường hợp")
# Words after a value that restrict it to a part of the population or territory.
QUALIFIER_WORDS = ("đối với", "ở khu vực", "tại khu vực", "khu vực", "ở vùng", "vùng", "ở thành thị", "ở nông thôn",
                   "ở miền núi", "ở đô thị")
# Words after a change that say how often it recurs ("giảm từ 2 đến 3% hằng năm").
PERIOD_WORDS = ("hằng năm", "hàng năm", "mỗi năm", "/năm", "/ năm")
# Section kinds whose numbers are money, addresses or signatures, never goals.
EXCLUDED_KINDS = frozenset({"preamble", "budget", "appendix", "recipients", "signature"})
# Headings (folded, ``models/lexicon/retrospective_headings.csv``) of sections whose figures are no
# commitments: results and the situation
# before the plan ("Hiện trạng"), forecasts ("Dự báo" the plan builds on), and the award
# rules of an emulation plan ("Khen thưởng": a cap on the share of units honoured).
RETROSPECTIVE_HEADINGS = tuple(fold(term) for term in lexicon.terms("retrospective_headings", kind="retrospective"))
# Results the plan expects ("Kết quả cần đạt", "Kết quả đầu ra"): goals, though they open with "kết quả".
EXPECTED_RESULTS_HEADINGS = tuple(fold(term) for term in lexicon.terms("retrospective_headings", kind="expected"))
# Words a retrospective heading may open with before them ("Những kết quả đạt được", "Một số đánh giá").
RETROSPECTIVE_OPENERS = ("nhung", "mot so", "cac", "tom tat")
# Longest lead-in (characters) written inline before its targets: "Chỉ tiêu năm 2029: ...".
INLINE_LEAD_MAX = 60
# The plan's own labels for its indicators ("Chỉ tiêu 8:" gives code "8").
CODE_LABEL = re.compile(r"[\s*#>+•-]*(?:chi tieu|chi so)\s+(?:so\s+)?(\d{1,2}(?:\.\d{1,2})*)\b")
# Denominators written after the value or in the indicator: per 100 is a percentage.
PER_BASE_UNITS = {100: "%", 1000: "/1000", 10000: "count", 100000: "/100000"}

# --- patterns (on the folded text) ------------------------------------------


def _first_letters(*words: str) -> str:
    """A lookahead for the first characters of ``words``: at the head of a pattern searched over a passage,
    it rules out at once each place where none of them starts (the engine would try every word there).

    >>> _first_letters("đã", "ước đạt", "ghi nhận")
    '(?=[gđư])'
    """
    return "(?=[" + "".join(sorted({re.escape(word[0]) for word in words})) + "])"


def _whole_words(*words: str) -> str:
    r"""An alternation of ``words`` (letters and spaces), each opening a word (no word character before it: ``\b``),
    written to open with the word's first letter and look behind it then: a pattern that opens with letters is searched
    for by skipping to them, one that opens with ``\b`` or a look behind is tried at every place of the text.

    >>> _whole_words("phan dau", "muc tieu")
    '(?:p(?<!\\wp)han dau|m(?<!\\wm)uc tieu)'
    >>> [m.start() for m in re.finditer(_whole_words("phan dau"), "phan dau, xphan dau")]
    [0]
    """
    return "(?:" + "|".join(rf"{word[0]}(?<!\w{word[0]}){word[1:]}" for word in words) + ")"


# A number standing alone: no letter, figure, "." "," or "/" right before it. (The search skips from
# digit to digit: the test of the character before comes after the first digit, not at every place.
# OCR's letter O for a leading zero, "ít nhất O3 tụ điểm", is a zero again: ``ocr_zeros``.)
_NUMBERS = Figures(lambda digit: rf"{digit}(?<![\w.,/]{digit})(?:{NUMBER_AFTER_FIRST_DIGIT})(?!\d)")
_NUM = _NUMBERS.pattern


# "/100.000 trẻ em", "trên 1.000 trẻ đẻ sống", "109 bé trai/100 bé gái": the population
# noun after the base belongs to the unit.
_PER_BASE_WORDS = (
    r"(?:(?: [a-z]+){0,3}? ?/ ?| tren | ?/ ?)(?P<base>100\.000|100000|10\.000|10000|1\.000|1000|100|van)(?![\d.,])"
    r"(?: (?!(?:" + "|".join(STANDALONE_NEXT) + r")\b)[a-z]+){0,3}"
)
_PER_BASE = re.compile(_PER_BASE_WORDS)
# The rate unit after a number, one match for the three kinds: a percentage, per mille, per base
# (tried in that order at the same place).
_RATE_UNIT = re.compile(r" ?(?:(?P<percent>%|phan tram\b)|(?P<mille>‰|phan nghin\b))|" + _PER_BASE_WORDS)
# A range may wrap ("05 -\n07%", "05\n- 07%", "từ 85%\nđến 90%"); "95%\n- 100%" is two bullets.
_RATIO = re.compile(r":\d")
_YEAR_CELL = re.compile(r"(?:19|20)\d\d")
_CELL_BEFORE = re.compile(r"\|[ \t]*$")
_CELL_AFTER = re.compile(r"[ \t]*\|")
_FROM = re.compile(r"(?<![a-z])tu\s*$")
_RANGE_JOIN = re.compile(r"\s?(%)?\s?(?:-|den|toi)\s?(?=\d)")
# (a hard line break may fall inside the noun: "50% chi\nphí")
_MONEY_SHARE = re.compile(r"\s*(?:" + "|".join(r"\s+".join(n.split()) for n in MONEY_SHARE_NOUNS) + r")\b")
_COUNT = re.compile(r" ?(?:" + "|".join(sorted(map(re.escape, COUNT_NOUNS), key=len, reverse=True)) + r")\b")
# A label word, then the numbers already listed after it ("Biểu số 03, 04 và 07": all labels).
_LABEL = re.compile(r"(?:^|[^a-z])(?P<word>" + by_first_letter(list(map(re.escape, LABEL_WORDS))) + r") ?(?:so ?)?"
                    r"(?:\d+[a-z]?\s*(?:,|va|-)\s*)*$")
# Up to three words after a number, up to punctuation other than "/".
# (possessive: spaces given back could never start a word, and would cost their square)
_NOUN_AFTER = re.compile(r"[ \t]*+\n?[ \t]*+([^\W\d_][\w/]*(?:[ \t\n]+[\w/]+){0,2})")
_NAME = rf"[{UPPER}][{LOWER}]*(?:[ \t\n]+[{UPPER}][{LOWER}]*)*"
# "03 vùng nuôi Tân Lập, Tân Hòa, Tân Phú": lower-case noun words, then names at once; after a
# preposition ("02 văn phòng tại Tân Lập và Tân Hòa") the names say where, not which.
NAME_PREPOSITIONS = ("tại", "ở", "của", "cho", "thuộc", "trên", "trong", "với", "do", "từ", "đến", "về", "theo",
                     "gồm", "là", "và", "như", "bằng", "qua")
_NAMED_SET = re.compile(rf"(?P<noun>(?:[ \t\n]+[{LOWER}]+)+?)[ \t\n]+(?P<names>{_NAME}(?:\s*(?:,|\svà)\s*{_NAME})+)")
# Number words that scale a count ("3 triệu lượt khách" is 3 000 000); before đồng they are money.
SCALE_WORDS = {"nghin": 1_000, "ngan": 1_000, "trieu": 1_000_000, "van": 10_000}
SCALE_SPELLINGS = ("nghìn", "ngàn", "triệu", "vạn")
_SCALE = re.compile(r"\s+(" + "|".join(SCALE_WORDS) + r")\b")
# The plan's own parts ("thực hiện 5 nhóm giải pháp", "03 nhiệm vụ trọng tâm"): its layout, not a goal.
PLAN_PARTS = ("nhiệm vụ", "giải pháp", "nội dung", "mục tiêu", "chỉ tiêu", "bước", "giai đoạn", "phần", "chương",
              "điều", "khoản", "yêu cầu", "quan điểm", "định hướng",
              # "3 khâu đột phá", "4 trụ cột", "3 dự án thành phần": the parts of a strategy or programme
              "khâu đột phá", "đột phá", "trụ cột", "dự án thành phần", "đề án thành phần", "chương trình thành phần",
              "tiểu dự án", "hợp phần")
_PLAN_PARTS = re.compile(r"\s*(?:nhóm\s+)?(?:" + "|".join(PLAN_PARTS) + r")(?!\w)")
_AT_PLACES = re.compile(r"(?<!\w)(?:tại|ở|cho)\s*$")
_OR_LESS = re.compile(r"\s*trở xuống(?!\w)")
# "thêm" right before a value: that many more ("có thêm 40 hợp tác xã", "cấp thêm 20 mã số").
_MORE = re.compile(r"(?<!\w)thêm\s*$")
# "gấp 1,5 lần", "tăng 2 lần": a multiple (a count); "01 lần" alone is how often.
_MULTIPLE = re.compile(r"\b(?:gap|tang|giam)\s*$")
_TIMES = re.compile(r"\s*lan\b")
# "02 lần/năm", "2 buổi/ngày", "3 buổi mỗi tuần": a schedule, not how much ("180 mẫu/năm" is a yearly count).
_FREQUENCY = re.compile(r"\s*(?:lần\s*(?:/|mỗi|một|trên)\s*(?:ngày|tuần|tháng|quý|năm|kỳ)"
                        r"|[^\W\d_]+\s*(?:/|mỗi|một)\s*(?:ngày|tuần|tháng|quý)(?!\w))")
# "chia thành 02 đợt": the parts of a schedule; "gồm 5 dự án thành phần": what a body or programme
# is made of; "ưu tiên 62 huyện": who comes first. None is a quantity to reach.
# "trên cả 3 tiêu chí": all of a known set.
_SPLIT_INTO = re.compile(r"(?:chia (?:thành|làm)|(?<!\w)gồm|(?<!\w)ưu tiên(?: cho)?|trọng tâm là|(?<!\w)cả)\s*$")
# The counted things' phrase up to punctuation: "27 thôn, bản đã được công nhận", "6.500 hộ bị ngập".
_NOUN_PHRASE = re.compile(r"[^;.:()\n]{0,60}")
# ("bị" of "trang bị", "chuẩn bị", "thiết bị" is no passive)
_EXISTING = re.compile(r"(?<!\w)(?:đã|(?<!trang )(?<!chuẩn )(?<!thiết )(?<!dự )bị)(?!\w)")
# Who attends an event ("với khoảng 200 đại biểu tham dự", "mời 01 báo cáo viên"): the size of a
# meeting the plan holds, not a result it reaches (people trained or reached stay counts).
ATTENDANCE_WORDS = ("đại biểu", "khách mời", "báo cáo viên", "diễn giả", "tham dự", "dự hội nghị", "dự lễ",
                    "dự buổi")
_ATTENDANCE = re.compile(r"(?<!\w)(?:" + "|".join(ATTENDANCE_WORDS) + r")(?!\w)")
# "45 điểm." / "45 điểm trở lên" / "8,5 điểm/10": points of a score; "12 điểm vui chơi" counts sites.
_SCORE = re.compile(r"\s*diem\s*(?:$|[.,;:)(/]|tro (?:len|xuong)\b|tren thang\b|tro len\b)")
# Words before a score: an index or a mark reached ("Chỉ số PAPI đạt 45 điểm"), not sites built.
# (With diacritics: "lắp đặt 6 điểm" places sites, "đạt 45 điểm" reaches a mark.)
_SCORE_BEFORE = re.compile(r"(?<!\w)(?:chỉ số|điểm số|tổng điểm|điểm trung bình|đạt|xếp loại|xếp hạng)(?!\w)[^,;:.]*$")
# "Giảm số vụ ngộ độc trên 30 người mắc", "không để xảy ra vụ ... có trên 30 người": the count says which
# events are meant (a part of the indicator), unless a level bound gives the number to reach.
_QUALIFIED_THING = re.compile(r"(?<!\w)(?:số|không để xảy ra|không để)\s+(?P<thing>vụ|ca|trường hợp|đợt|sự cố)(?!\w)"
                              r"[^,;:]*?(?<!\w)(?:có\s+)?(?:trên|dưới|từ|hơn)\s*$")
_LEVEL_BOUND_WORDS = re.compile(r"(?<!\w)(?:xuống|còn|lên|đạt|ở mức|không quá|tối đa|ít nhất|tối thiểu)(?!\w)")
# "lễ mít tinh quy mô 500 người": the size of an event.
_SCALE_OF_EVENT = re.compile(r"(?<!\w)quy mô(?: khoảng| dự kiến| từ| trên| tối đa)?\s*$")
# "Tổ giúp việc có 07 thành viên": the make-up of a body; a bound ("tối thiểu 30 thành viên") is a goal.
_MEMBERS = re.compile(r"\s*(?:thành viên|ủy viên|uỷ viên)(?!\w)")
# "Số lượng đại biểu: 180 người": a lead-in naming who attends.
_ATTENDANCE_LEAD = re.compile(r"(?<!\w)(?:" + "|".join(ATTENDANCE_WORDS) + r")(?!\w)[^:;.\n]{0,30}:\s*$")
# What an event cost in lives and homes ("làm 12 người chết", "40 nhà bị sập"): what was hit.
# A bound ("không quá 3 người chết") or a change ("giảm 5 vụ") still makes a goal; damaged things
# ("sửa chữa 20 phòng học hư hỏng") may be what the plan repairs, so only lives and collapsed homes.
CASUALTY_WORDS = ("chết", "tử vong", "mất tích", "bị thương", "sập", "tốc mái", "cuốn trôi")
_CASUALTY = re.compile(r"(?<!\w)(?:" + "|".join(CASUALTY_WORDS) + r")(?!\w)")
# "tổ chức chiến dịch ... 2 đợt", "kiểm tra 02 lần": how many rounds an activity runs in, when
# nothing is counted after "đợt"/"lần" (a schedule, like "chia làm 02 đợt"); "05 đợt kiểm tra" counts events.
_ROUNDS = re.compile(r"\s*(?:đợt|lần)\s*(?:,|$)")
# "ở 4 huyện vùng cao", "tại 3 xã biên giới": a known set of places named by its kind (where the work
# happens), not a number of places to reach; "tại 14 xã, phường" alone may be a coverage to reach.
PLACE_NOUNS = ("huyện", "xã", "tỉnh", "thôn", "bản", "quận", "thị xã", "thành phố", "địa phương", "phường")
REGION_KINDS = ("vùng cao", "vùng sâu", "vùng xa", "miền núi", "biên giới", "ven biển", "đặc biệt khó khăn", "nghèo",
                "phía bắc", "phía nam", "phía đông", "phía tây", "trọng điểm", "đồng bào dân tộc", "bãi ngang")
_AT_REGION_BEFORE = re.compile(r"(?<!\w)(?:ở|tại|trên địa bàn)\s*$")
_REGION_SET = re.compile(r"\s*(?:" + "|".join(PLACE_NOUNS) + r")\s+(?:" + "|".join(REGION_KINDS) + r")(?!\w)")
# A table row's figure in parentheses ("| Phiên chợ hàng Việt (04 phiên) |") says how big a task
# is: the task table lists work, the goals are stated in the text.
_TABLE_ROW = re.compile(r"[ \t]*\|")
_IN_PARENS = re.compile(r"\(\s*$")
# "không quá 05 cơ sở trong một ngày": a workload norm per day or session, not a goal.
_PER_DAY_NORM = re.compile(r"[^;.:()\n]{0,40}?(?<!\w)trong (?:một|01|1) (?:ngày|buổi|ca)(?!\w)")
# Time words after "/": "180 mẫu/năm" is a yearly count, not a density.
PER_TIME_WORDS = ("năm", "tháng", "quý", "tuần", "ngày", "đợt", "lần")
_DOC_NUMBER = re.compile(r" ?(?:/ ?\d|/ ?[a-z]|-[a-z])")
_STANDALONE = re.compile(r" *(?:$|[,;.:)(]|(?:" + "|".join(STANDALONE_NEXT) + r")\b)")
# Words before a year (folded, ``models/lexicon/year_words.csv``) -> what they make of it: a year
# to ``reach`` ("đến năm 2030"), the ``baseline`` a change is measured from ("so với năm 2020"),
# or a ``span`` it belongs to ("giai đoạn", "từ năm 2026").
YEAR_WORDS: dict[str, str] = {fold(row["term"]): row["kind"] for row in lexicon.rows("year_words")}
_YEAR = re.compile(
    # (the first letter of any start below, checked first: most places of a text start no year)
    _first_letters(*YEAR_WORDS, "n", "1", "2") +
    r"(?:(?P<prep>" + "|".join(map(re.escape, sorted(YEAR_WORDS, key=lambda w: (-len(w), w)))) + r")\s+)?"
    # OCR may read a zero as the letter O ("năm 2O18"): read so after "năm"
    r"(?P<nam>nam\s+(?:hoc\s+)?)?(?P<y1>(?:19|20)\d\d|(?<=nam\s)2[0o][0-9o]{2})(?!\d|[.,]\d|\s*/)"
    r"(?:\s*(?:-|den|toi)\s*(?:nam\s+)?(?P<y2>(?:19|20)\d\d)(?!\d|[.,]\d))?"
)
# "so với bình quân giai đoạn 2021 - 2025", "so với cùng kỳ năm 2024": words between "so với" and its
# year still make the year the reference, not the target year.
_COMPARED_WITH = re.compile(r"\bso voi(?:\s+(?:binh quan|trung binh|muc|ket qua|cung ky|thuc hien|uoc thuc hien"
                            r"|uoc dat|so lieu|chi so|ty le|tong so|so|cuoi|dau|het))+\s+(?:giai doan\s+|nam\s+)?$")
_DATE_BEFORE = re.compile(r"(?:ngay\s+\d{1,2}\s+)?thang\s+\d{1,2}\s+$")
# A document number ("10/2024/QĐ-UBND", "14-KH/TU") just before a date: the date it was issued.
_CITED_BEFORE = re.compile(r"\d+\s*/\s*(?:\d{4}\s*/\s*)?[a-z]|\d+-[a-z]+\s*/\s*[a-z]|ban hanh|\bky\b")
_YEAR_JOIN = re.compile(r"\s*(?:,|va)?\s*")
# (every denominator holds "000": a sentence without is not searched)
_DENOMINATOR = re.compile(r"(?:tren|/) ?(1\.000|1000|100\.000|100000|10\.000|10000) [a-z]")
_RATE_WORDS = re.compile(r"\bty (?:suat|le|so)\b|\bti (?:suat|le)\b")
# A situation opener at the start of a part of the text, or after a mark: two patterns, so that the
# search skips from mark to mark (``_last_situation``).
_SITUATION_WORDS = r"[\s\-+*•]*" + by_first_letter(list(SITUATION_OPENERS)) + r"\b"
_SITUATION_OPENING = re.compile(_SITUATION_WORDS)
_SITUATION_MARKED = re.compile(r"[,;:(\n]" + _SITUATION_WORDS)
_CONDITION_BEFORE = re.compile(r"(?:^|" + _first_letters(*CONDITION_WORDS, "đối với", "ưu tiên", "áp dụng", *",;:(-")
                               + r")(?:(?<!\w)(?:" + "|".join(CONDITION_WORDS) + r")(?!\w)"
                               r"|(?:^|[,;:(-])\s*trường hợp(?!\w)"
                               # "Khi có bão cấp 12, sơ tán 2.000 hộ": what to do if an event comes
                               r"|(?:^|[,;:(-])\s*khi (?:có|xảy ra|xuất hiện)(?!\w)"
                               # "Đối với các xã có trên 50% hộ ...": which units a rule applies to
                               r"|(?:đối với|ưu tiên(?: cho)?|áp dụng (?:cho|với))\s[^,;:]{0,50}?(?<!\w)có(?!\w)"
                               r"[^,;:]{0,40}$)")
# Words one of which every match of ``_CONDITION_BEFORE`` holds: most passages hold none, and are not searched.
CONDITION_BEFORE_WORDS = ("nếu", "trường hợp", "khi", "đối với", "ưu tiên", "áp dụng")


def _condition_before(lowered: str, start: int, end: int) -> bool:
    """Whether the words of ``lowered[start:end]`` make the value after them a condition (``_CONDITION_BEFORE``).

    >>> s = "đối với xã có trên"
    >>> _condition_before(s, 0, len(s)), _condition_before(s, 8, len(s))
    (True, False)
    """
    if not any(lowered.find(word, start, end) >= 0 for word in CONDITION_BEFORE_WORDS):
        return False
    return bool(_CONDITION_BEFORE.search(lowered[start:end].lstrip(" \t\n-+*•")))


# "... từ 88% trở lên thì ...": the value is the condition (within its own clause)
_CONDITION_AFTER = re.compile(r"[^;.,]{0,60}?(?<!\w)thì(?!\w)")
_CONDITION_AFTER_REACH = 60 + len("thì")


def _condition_after(lowered: str, position: int) -> bool:
    """Whether the words from ``position`` on make the value before them a condition (``_CONDITION_AFTER``); most
    values have no "thì" within reach, and are not matched.

    >>> _condition_after("88% trở lên thì xét", 3), _condition_after("88% trở lên; thì", 3)
    (True, False)
    """
    return lowered.find("thì", position, position + _CONDITION_AFTER_REACH) >= 0 and bool(
        _CONDITION_AFTER.match(lowered, position))
# "đạt trên 90% (năm 2025 đạt 85%)": an aside opening with another year gives the figure to compare with.
_YEAR_ASIDE = re.compile(r"\(\s*(?:nam\s+)?(?:19|20)\d\d\b[^()]*$")
# Words of a sentence that states a goal ("phấn đấu đến năm 2020 giảm ...", "mục tiêu kim ngạch ... tăng 12%").
_GOAL_WORDS = re.compile(_whole_words("phan dau", "muc tieu", "chi tieu") + r"\b")
# (OCR may read a zero of the year as the letter O: "năm 2O25")
_WRITTEN_DATE = re.compile(r"ngay\s*[\d.…]*\s*thang\s*[\d.…]*\s*nam\s*((?:19|20)\d\d|2[0o][\do]{2})(?![\w])")
# How far into a document its own date line may come when no preamble is found (characters).
ISSUE_DATE_WINDOW = 1500
# Words that turn a sentence from the situation to the goal ("...; phấn đấu tới năm 2029 đạt 97%").
_GOAL_TURN = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|den nam|den het nam|nang|tang|giam)\b")
# Words that state a value as a fact, not as a level to reach ("là 45%", "có 35 vụ", "chiếm 28%").
_SENTENCE_STOP = re.compile(r"[.;](?=\s)|\n\s*\n")
# (an estimate only: "chiếm 40% GRDP" may be a goal item of its own)
_SHARE_OF_WHOLE = re.compile(r"\bchiem\s+(?:khoang|gan|hon|xap xi|uoc)\s+$")
_STATED_AS_FACT = re.compile(r"\b(?:la|co|chiem|khoang|gom)\s*$")
# Words before a year that make it a year to reach ("đến năm 2025", "vào năm 2025"), never a starting point.
TARGET_YEAR_PREPS = tuple(word for word, kind in YEAR_WORDS.items() if kind == "reach")
# Goal words and target years that turn a sentence from what is to what shall be.
_STRONG_TURN = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|den nam|den het nam|den cuoi nam|vao nam|duy tri"
                          r"|bao dam|dam bao|tiep tuc)\b")
# A level reached from what already is ("số xã đã đạt chuẩn tăng lên 15"): the goal, not the past.
_LEVEL_TURN = re.compile(r"\b(?:tang len|nang len|nang|len)\b")
# Words of what already happened: the past marker, an estimate of the year under way, a record.
# With diacritics: "đá" (bóng đá) folds like "đã". ("đã được" often names a group: "xã đã được công nhận".)
PAST_WORDS = ("đã", "ước đạt", "ước thực hiện", "ước tính", "ghi nhận", "xảy ra")
_PAST = re.compile(_first_letters(*PAST_WORDS) + r"(?<!\w)(?:đã(?! được(?!\w))|ước đạt|ước thực hiện|ước tính|ghi nhận"
                   r"|(?<!không để )(?<!để )xảy ra)(?!\w)")
# The marks that end a clause: the words a value is read with start after the last one before it.
CLAUSE_BREAKS = ",;:("
_PHAN_DAU = re.compile(r"\bphan dau\b")
# Words of the awards of an emulation plan: the figures of such a sentence are its criteria.
AWARD_WORDS = ("khen thưởng", "xét tặng", "đề nghị tặng", "bằng khen", "giấy khen", "danh hiệu", "cờ thi đua",
               "giải nhất", "giải nhì", "giải ba", "giải khuyến khích", "giải đặc biệt", "cơ cấu giải")
_AWARD = re.compile(_first_letters(*AWARD_WORDS) + r"(?<!\w)(?:" + "|".join(AWARD_WORDS) + r")(?!\w)")


# --- small pure readers -----------------------------------------------------


@dataclass
class _Value:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None  # None: a bare number whose unit the sentence gives
    standalone: bool = False  # bare number not followed by a noun
    noun: str = ""  # first word (folded) of the noun a count counts


@dataclass
class _YearGroup:
    start: int
    end: int
    years: list[int]
    baseline: bool  # "so với năm 2020": the reference, not the target year
    leading: bool = False
    claimed: bool = False
    prep: str = ""  # the word before the year ("den" of "đến năm 2030": a year to reach)


@dataclass
class _Reading:
    """One accepted value in its sentence, before it becomes targets."""

    value: _Value
    unit: str
    comparator: str
    comparator_start: int
    kind: str
    coordinated: bool
    indicator_base: str = ""
    qualifier: str = ""
    years: list[int] = field(default_factory=list)


def parse_comparator(before: str) -> tuple[str | None, int]:
    """Comparator of the bound word that ends ``before`` (lower-cased text), and its length.

    >>> parse_comparator("giảm tỷ lệ xuống dưới"), parse_comparator("đạt trên"), parse_comparator("sang con là")
    (('<', 4), ('>', 4), ('=', 2))
    >>> parse_comparator("tỷ lệ trẻ em"), parse_comparator("giảm xuống còn")
    ((None, 0), ('<=', 9))
    """
    tail = before[-COMPARATOR_REACH:]  # the longest bound word with its spaces fits
    m = _COMPARATOR_AT_END.search(tail)
    if not m:
        return None, 0
    return COMPARATOR_WORDS[" ".join(m.group(1).split())], len(tail) - m.start(1)


_COMPARATORS_LONGEST_FIRST = sorted(COMPARATOR_WORDS, key=len, reverse=True)
# A bound word at the end of the text; a hard line break may split it ("không\ndưới 90%").
_COMPARATOR_AT_END = re.compile(
    r"(?<!\w)(" + by_first_letter([r"\s+".join(map(re.escape, w.split())) for w in _COMPARATORS_LONGEST_FIRST])
    + r")\s*$"
)
# ("trở lên" is "and above", "dưới 5 tuổi" an age: no bounds)
_LEVEL_BOUND = re.compile(r"(?<!\w)(?<!trở )(?:" + "|".join(LEVEL_BOUNDS) + r")(?!\w)(?!\s+\d+\s+tuổi)")
_OPENING = re.compile(r"^[\s\-+•*]*(?:(?:" + "|".join(OPENING_WORDS) + r")[\s,:]+)*")


def is_change(before: str) -> bool:
    """Whether the words before a value make it an amount of change.

    >>> is_change("mỗi năm giảm"), is_change("kéo giảm từ"), is_change("giảm tỷ lệ xuống"), is_change("tăng lên")
    (True, True, False, False)
    """
    text = before.rstrip()
    stripped = text.endswith(_BETWEEN_VERB_AND_VALUE)  # (most words before a value end with none: one test)
    while stripped:
        stripped = False
        for filler in _BETWEEN_VERB_AND_VALUE:
            if _ends_with_word(text, filler):
                text = text[: -len(filler)].rstrip()
                stripped = True
    return text.endswith(CHANGE_VERBS) and any(_ends_with_word(text, verb) for verb in CHANGE_VERBS)


# What may stand between a change verb and its value: fillers and bounds ("giảm ít nhất 10%").
_BETWEEN_VERB_AND_VALUE = CHANGE_FILLERS + ("ít nhất", "tối thiểu", "tối đa", "không quá", "trên", "hơn", "dưới")


def opens_with_change(clause: str) -> bool:
    """Whether a clause opens with a change verb that no level bound follows before the value.

    ``Giảm số trẻ em tử vong do đuối nước ít nhất`` 10% reduces by 10%; ``Giảm tỷ
    lệ ... xuống`` 5% and ``Tăng tỷ lệ ... lên`` 80% name the level to reach.

    >>> opens_with_change("- giảm số ca mắc sốt xuất huyết ít nhất"), opens_with_change("giảm tỷ lệ hộ nghèo xuống")
    (True, False)
    >>> opens_with_change("tăng cường kiểm tra, bảo đảm")
    False
    >>> opens_with_change("giảm tỷ lệ sinh con thứ 3 trở lên"), opens_with_change("giảm tỷ lệ trẻ em dưới 5 tuổi thấp còi")
    (True, True)
    """
    words = _OPENING.sub("", clause)
    if words.startswith(NOT_CHANGE_VERBS):
        return False
    verb = next((v for v in CHANGE_VERBS if _starts_with_word(words, v)), None)
    return verb is not None and not _LEVEL_BOUND.search(words[len(verb):])


def _starts_with_word(text: str, words: str) -> bool:
    return text.startswith(words) and (len(text) == len(words) or not text[len(words)].isalnum())


def _ends_with_word(text: str, words: str) -> bool:
    return text.endswith(words) and (len(text) == len(words) or not text[-len(words) - 1].isalnum())


def is_baseline(lowered: str, value: _Value, following: _Value | None) -> bool:
    """Whether a value is the starting point of a change to the next one: ``từ 85% ... lên 95%``.

    >>> s = "tăng từ 85% năm 2020 lên 95%"
    >>> is_baseline(s, _Value(8, 11, 85, None, "%"), _Value(24, 27, 95, None, "%"))
    True
    """
    if following is None or not _FROM_WORD.search(lowered[max(0, value.start - 8):value.start]):
        return False
    return bool(_UP_OR_DOWN.search(lowered[value.end:following.start]))


_FROM_WORD = re.compile(r"(?:^|\s)từ\s*$")
_UP_OR_DOWN = re.compile(r"(?:^|\s)(?:lên|xuống)(?:\s|$)")


def is_situation_or_condition(folded: str, lowered: str, sentence_start: int, value: _Value,
                              paragraph: int = 0) -> bool:
    """Whether a value describes the situation before the plan, or is the condition of a rule.

    ``paragraph`` is where the sentence's paragraph starts (``Document.paragraph_start``).

    >>> def check(s, v): return is_situation_or_condition(fold(s), s, 0, v)
    >>> check("hiện có 35.210 hộ nghèo, chiếm 18,4% tổng số hộ", _Value(32, 37, 18.4, None, "%"))
    True
    >>> check("nếu tỷ lệ dưới 50% thì đơn vị báo cáo", _Value(15, 18, 50, None, "%"))
    True
    >>> check("phấn đấu 95% trạm y tế hiện có bác sĩ", _Value(9, 12, 95, None, "%"))
    False
    >>> check("100% đơn vị tham gia thi đua", _Value(0, 4, 100, None, "%"))
    False
    """
    # the situation a clause opens with holds across ";" until the text turns to a goal
    window = max(0, sentence_start - 300)
    since = max(folded.rfind(". ", window, sentence_start) + 1, folded.rfind("\n\n", window, sentence_start) + 1, window)
    since = max(since, paragraph)  # never beyond the paragraph: a heading or a list item starts afresh
    situation = _last_situation(folded, since, value.start)
    if situation is not None and not _GOAL_TURN.search(folded, situation, value.start):
        return True
    # within the sentence only a goal word or a target year turns it ("tăng", "giảm" may describe the past)
    situation = _last_situation(folded, sentence_start, value.start)
    if situation is not None and not _STRONG_TURN.search(folded, situation, value.start):
        return True
    # "trong đó chất thải nhựa chiếm khoảng 12%": an estimated share of a whole as it is, unless the sentence
    # turns to a goal or gives the value a year to reach ("chiếm dưới 30% vào năm 2030")
    if _SHARE_OF_WHOLE.search(folded, max(sentence_start, value.start - 24), value.start) and not (
            _GOAL_TURN.search(folded, sentence_start, value.start)
            or _STRONG_TURN.search(folded, value.end, _sentence_stop(folded, value.end))):
        return True
    return bool(_past_clause(folded, lowered, sentence_start, value.start)
                or _condition_before(lowered, sentence_start, value.start)
                or _condition_after(lowered, value.end))


def _last_situation(folded: str, start: int, end: int) -> int | None:
    """Where the last situation opener of ``folded[start:end]`` ends (one at ``start`` or after a mark), or None.

    >>> f = "hien nay co 5 xa, den nay 8 xa; phan dau 10 xa"
    >>> f[:_last_situation(f, 0, len(f))], _last_situation(f, 31, len(f))
    ('hien nay co 5 xa, den nay', None)
    """
    last = _SITUATION_OPENING.match(folded, start, end)
    position = last.end() if last else start
    for last in _SITUATION_MARKED.finditer(folded, position, end):
        pass
    return last.end() if last else None


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    """Where the clause holding ``position`` starts: after the last of ``CLAUSE_BREAKS`` in its sentence before it.

    >>> _clause_start("a, b (c; d", 0, 10), _clause_start("a b", 0, 3)
    (8, 0)
    """
    last_break = _UP_TO_LAST_CLAUSE_BREAK.match(text, sentence_start, position)
    return last_break.end() if last_break else sentence_start


# Everything up to the last of ``CLAUSE_BREAKS`` (greedy: the engine walks back from the end to the first mark it
# meets, one match where a search for each mark would scan the passage four times).
_UP_TO_LAST_CLAUSE_BREAK = re.compile(r".*[" + re.escape(CLAUSE_BREAKS) + "]", re.DOTALL)


def _sentence_stop(folded: str, position: int) -> int:
    """Where the sentence holding ``position`` ends (a full stop, ``;`` or a blank line), at most 160 characters on."""
    m = _SENTENCE_STOP.search(folded, position, position + 160)
    return m.start() if m else min(len(folded), position + 160)


def _past_clause(folded: str, lowered: str, sentence_start: int, position: int) -> bool:
    """Whether the clause before ``position`` tells what already happened: ``đã giảm ... xuống 3,5%``,
    ``ước đạt 92%``, ``cả nước ghi nhận 21 ca``, ``đã xảy ra 12 vụ`` (``không để xảy ra`` is a goal).

    >>> def check(s): return _past_clause(fold(s), s, 0, len(s))
    >>> check("giai đoạn trước đã giảm tỷ lệ hộ nghèo xuống"), check("năm 2017 cả nước ghi nhận")
    (True, True)
    >>> check("số xã đã đạt chuẩn tăng lên"), check("phấn đấu không để xảy ra quá")
    (False, False)
    """
    clause = _clause_start(folded, sentence_start, position)
    past = list(_PAST.finditer(lowered, clause, position))
    return bool(past) and not _STRONG_TURN.search(folded, past[-1].end(), position) and not _LEVEL_TURN.search(
        folded, past[-1].end(), position)


def counts_no_goal(text: str, lowered: str, sentence_start: int, value: _Value, paragraph: int = 0) -> bool:
    """Whether a count describes rather than commits: a frequency, a split, what exists or is hit, a named set.

    ``paragraph`` is where the value's paragraph starts (``Document.paragraph_start``).

    >>> def check(s): v = read_value(fold(s), _NUM.search(fold(s)), s); return counts_no_goal(s, s.lower(), 0, v)
    >>> check("họp giao ban 03 lần/tuần"), check("kế hoạch chia làm 04 đợt"), check("ưu tiên 12 thôn đã được công nhận")
    (True, True, True)
    >>> check("hỗ trợ 5.000 hộ bị thiệt hại"), check("cho 02 vùng nuôi Tân Lập và Tân Hòa")
    (True, True)
    >>> check("tập huấn cho 150 cán bộ cấp xã"), check("thành lập 02 văn phòng tại Tân Lập và Tân Hòa")
    (False, False)
    """
    before = lowered[max(sentence_start, value.start - 24):value.start]
    phrase = _NOUN_PHRASE.match(lowered, value.end)
    phrase = phrase.group() if phrase else ""
    own_phrase = _DIGIT.split(phrase, maxsplit=1)[0]  # up to the next number: this count's own things
    line = lowered[max(paragraph, value.start - REACH):value.start]
    clause = lowered[_clause_start(lowered, sentence_start, value.start):value.start]
    return bool(_FREQUENCY.match(lowered, value.end) or _SPLIT_INTO.search(before) or _SCALE_OF_EVENT.search(before)
                or _qualifies_a_thing(clause, value)
                or (_CASUALTY.search(own_phrase) and parse_comparator(before)[0] is None and not is_change(before))
                or (_MEMBERS.match(own_phrase) and parse_comparator(before)[0] is None)
                or _ATTENDANCE_LEAD.search(line)
                or _EXISTING.search(phrase) or _names_as_many(text, value) or _PLAN_PARTS.match(phrase)
                or _ATTENDANCE.search(own_phrase) or _PER_DAY_NORM.match(own_phrase)
                or (_ROUNDS.match(own_phrase) and not _MULTIPLE.search(fold(before)))  # "tăng gấp 2 lần": a multiple
                or (_AT_REGION_BEFORE.search(before) and _REGION_SET.match(lowered, value.end))
                or (_IN_PARENS.search(before) and _TABLE_ROW.match(text, text.rfind("\n", 0, value.start) + 1)))


def _qualifies_a_thing(clause: str, value: _Value) -> bool:
    """Whether a count in ``clause`` (lower case, up to the value) says which events are counted.

    >>> v = _Value(0, 2, 30, None, "count", noun="nguoi")
    >>> _qualifies_a_thing("giảm số vụ ngộ độc trên", v), _qualifies_a_thing("giảm số vụ cháy xuống dưới", v)
    (True, False)
    >>> _qualifies_a_thing("số ca mắc mới dưới", _Value(0, 2, 20, None, "count", noun="ca"))
    False
    """
    m = _QUALIFIED_THING.search(clause)
    return bool(m) and not _LEVEL_BOUND_WORDS.search(clause) and fold(m.group("thing")).split()[0] != value.noun


def itemises_a_total(doc: Document, folded: str, value: _Value, max_items: int = 60) -> bool:
    r"""Whether a count sits in the list that itemises a total of the same things its lead-in states.

    ``khảo sát tại 9 điểm như sau:`` then ``- Xã A: 04 điểm``, ``- Xã B: 05 điểm``:
    the 9 is the target, the items say where they lie.

    >>> t = "Khảo sát tại 15 điểm như sau:\n- Xã A: khảo sát 03 điểm;\n- Xã B: khảo sát 12 điểm.\n- In 500 cuốn."
    >>> doc, f = Document("a", "0", t), fold(t)
    >>> [itemises_a_total(doc, f, read_value(f, m, t)) for m in _NUM.finditer(f)]
    [False, True, True, False]
    """
    if not value.noun:
        return False
    text = doc.text
    paragraph = doc.paragraph_start(value.start)
    if not _LIST_ITEM.match(text, paragraph):
        return False
    for _ in range(max_items):
        end = paragraph - 1
        while end > 0 and text[end - 1] == "\n":
            end -= 1
        if end <= 0:
            return False
        paragraph = doc.paragraph_start(end)
        lead = text[max(paragraph, end - REACH):end].rstrip(" *\t")
        if lead.endswith(":"):
            counted = re.compile(rf"\d[\d.,]*\s+{re.escape(value.noun)}\b")
            return bool(counted.search(folded, max(paragraph, end - REACH), end))
        if not _LIST_ITEM.match(text, paragraph):
            return False
    return False


_LIST_ITEM = re.compile(r"[ \t*]*[-+•]\s")


def _names_as_many(text: str, value: _Value) -> bool:
    """Whether the noun is followed at once by as many proper names as the value: a named set, no goal."""
    m = _NAMED_SET.match(text, value.end)
    if not m or not value.value.is_integer() or value.value < 2 or m.group("noun").split()[-1] in NAME_PREPOSITIONS:
        return False
    names = _NAME_LIST.split(m.group("names").strip())
    return len(names) == int(value.value)


_NAME_LIST = re.compile(r"\s*,\s*|\s+và\s+")
_DIGIT = re.compile(r"\d")


def read_value(folded: str, match: re.Match, text: str | None = None) -> _Value | None:
    """The value a number starts: with its unit, range and denominator, or None when it is no value.

    With the document's ``text``, a number followed by any lower-case noun that is
    no measure, time, money or grammar word counts things (``15 hợp tác xã``).

    >>> def first(f): v = read_value(f, _NUM.search(f)); return v and (v.value, v.value_max, v.unit)
    >>> first("xuong 140/100.000 tre em"), first("tu 2 den 3% hang nam"), first("99,1 %2"), first("22/kh-ubnd")
    ((140.0, None, '/100000'), (2.0, 3.0, '%'), (99.1, None, '%'), None)
    >>> def count(t): v = read_value(fold(t), _NUM.search(fold(t)), t); return v and (v.value, v.unit, v.noun)
    >>> count("xây dựng 15 hợp tác xã"), count("top 5 cả nước"), count("500 ha rừng"), count("02 mẫu/điểm")
    ((15.0, 'count', 'hop'), (5.0, 'count', ''), (500.0, None, ''), (2.0, None, ''))
    """
    start, end = match.span()
    if start and folded[start - 1] in "%‰":  # a footnote mark glued to the previous value
        return None
    if _RATIO.match(folded, end) or (start >= 2 and folded[start - 1] == ":" and folded[start - 2].isdigit()):
        return None  # "tỷ lệ 1:1", "bản đồ 1:2.000": a ratio or a scale
    if _DOC_NUMBER.match(folded, end) and not _PER_BASE.match(folded, end):
        return None  # 22/KH-UBND, 28-CT/TW, dates such as 15/6
    value = _number(match.group())
    if text is not None and _YEAR_CELL.match(match.group()) and _CELL_BEFORE.search(text, max(0, start - 4), start) \
            and _CELL_AFTER.match(text, end):
        return None  # "| 2027 |": the time column of a task table holds a year, not a count
    value_max = None
    join = _RANGE_JOIN.match(folded, end)
    # "95%\n- 100%" is two bullets, unless "từ" opened a range that needs its end ("từ 85%\n- 90%")
    bullets = bool(join) and bool(join.group(1)) and "\n" in join.group() and "-" in join.group()
    if join and not (bullets and not _FROM.search(folded, max(0, start - 5), start)):
        second = _NUM.match(folded, join.end())
        if second:
            unit_after = _unit_after(folded, second.end())
            if unit_after[0] or join.group(1) or _COUNT.match(folded, second.end()):
                value_max = _number(second.group())
                end = second.end()
    unit, end = _unit_after(folded, end)
    labelled = unit is None and _labelled(folded, text, start, value)  # (a rate is a value whatever comes before)
    noun = ""
    named = start >= 2 and folded[start - 1] == "-" and folded[start - 2].isalpha()  # "COVID-19": a name
    scale = _SCALE.match(folded, end) if unit is None and not labelled and not named and text is not None else None
    # with its diacritics: "vạn" (ten thousand) folds like "văn" of "văn phòng"
    if scale and text[scale.start(1):scale.end(1)].lower() in SCALE_SPELLINGS and (_COUNT.match(folded, scale.end()) or (text is not None and _open_count_noun(
            text, folded, scale.end(), value))):  # "3 triệu lượt khách", "2,5 nghìn doanh nghiệp"
        value, end = value * SCALE_WORDS[scale.group(1)], scale.end()
        if value_max is not None:
            value_max *= SCALE_WORDS[scale.group(1)]
    if unit is None and not labelled and not named:
        if text is not None and _SCORE.match(folded, end) and _SCORE_BEFORE.search(text[max(0, start - 40):start].lower()):
            pass  # "Chỉ số PAPI đạt 45 điểm": a score, not a count of sites
        elif _COUNT.match(folded, end):
            unit, noun = "count", _first_word(folded, end)
        elif folded.endswith("top ", 0, start) or (_TIMES.match(folded, end)  # (rarely "lần": tested first)
                                                   and _MULTIPLE.search(folded, max(0, start - 12), start)):
            unit = "count"  # "top 5" a rank, "gấp 1,5 lần" a multiple; "01 lần" alone is how often
        elif text is not None and (noun := _open_count_noun(text, folded, end, value)):
            unit = "count"
    if unit is None:
        if value_max is not None or labelled:
            return None
        return _Value(start, end, value, None, None, standalone=bool(_STANDALONE.match(folded, end)))
    return _Value(start, end, value, value_max, unit, noun=noun)


# The figures of a plan repeat (100%, 2025, 01): each is parsed once.
_number = lru_cache(maxsize=4096)(parse_number)


def _labelled(folded: str, text: str | None, start: int, value: float) -> bool:
    """Whether a label word stands before the number at ``start`` (``Điều 5``, ``Biểu số 03, 04 và 07``).

    >>> f = "bieu so 03, 04 va 07; tong so 500 ho"
    >>> _labelled(f, None, f.index("07"), 7), _labelled(f, None, f.index("500"), 500)
    (True, False)
    """
    window = max(0, start - 60)
    if not folded[window:start].rstrip().endswith((",", "-", "va")):
        window = max(window, start - _LABEL_REACH)  # no numbers listed after the label: it is right before
    label = _LABEL.search(folded, window, start)
    # "mức" (level) folds like the label "mục": "ở mức 2,1 con/phụ nữ" is a value
    labelled = bool(label) and not (text is not None and text[label.start("word"):label.end("word")].lower() == "mức")
    # "tổng số 500 hộ": a total, not the number of a document or an item
    labelled = labelled and not (label.group("word") == "so" and folded.endswith("tong ", 0, label.start("word")))
    if labelled and text is not None:
        labelled = _label_as_written(text[label.start("word"):label.end("word")].lower(), label.group("word"), value)
    return labelled


# How far before a number a label word may start when no numbers are listed after it: the
# character before the word, the word, " số " and a line break before the number.
_LABEL_REACH = 1 + max(map(len, LABEL_WORDS)) + len(" so ") + 1


def _label_as_written(written: str, folded_word: str, value: float) -> bool:
    """Whether a label word, as written with its diacritics, labels the number after it.

    >>> _label_as_written("tầng", "tang", 3), _label_as_written("tặng", "tang", 200), _label_as_written("cấp", "cap", 200)
    (True, False, False)
    """
    if value > MAX_LEVEL_LABEL.get(folded_word, float("inf")):
        return False
    spellings = LABEL_SPELLINGS.get(folded_word)
    return spellings is None or written in spellings


def _first_word(folded: str, end: int) -> str:
    m = _FIRST_WORD.match(folded[end:end + 30])
    return m.group(1) if m else ""


_FIRST_WORD = re.compile(r"\s*([a-z0-9]+)")


def _open_count_noun(text: str, folded: str, end: int, value: float) -> str:
    """The first word (folded) of the noun a bare number counts, or "" when it counts nothing.

    The noun is written in lower case right after the number; measures, time, money
    and grammar words (``NOT_COUNT_WORDS``) are no nouns; a noun per another noun
    (``02 mẫu/điểm``, ``5 người/tổ``) is a density, per year (``180 mẫu/năm``) a count.
    """
    m = _NOUN_AFTER.match(text, end)
    if not m or (value.is_integer() and 1900 <= value <= 2100):  # a year ("Chương trình nghị sự 2030 vì ...")
        return ""
    words = m.group(1).lower().split()
    first = words[0].split("/")[0]
    if not first.isalpha() or not first[0].islower() or first in NOT_COUNT_WORDS or (
            len(words) > 1 and f"{first} {words[1].split('/')[0]}" in NOT_COUNT_WORDS):
        return ""
    for word in words:
        if "/" in word and word.split("/", 1)[1] not in PER_TIME_WORDS:
            return ""
    return fold(first)


def _unit_after(folded: str, end: int) -> tuple[str | None, int]:
    """The rate unit written right after a number, and where it ends."""
    m = _RATE_UNIT.match(folded, end)
    if m is None:
        return None, end
    if m.group("percent"):
        return "%", m.end()
    if m.group("mille"):
        return "/1000", m.end()
    base = m.group("base")
    return PER_BASE_UNITS[10000 if base == "van" else int(base.replace(".", ""))], m.end()


def _cited_date(folded: str, year_start: int) -> bool:
    """Whether the year (``năm 2024`` at ``year_start``) ends the date of a cited document, not a time bound.

    >>> f = "quyet dinh so 10/2024/qd-ubnd ngay 13 thang 6 nam 2024; truoc ngay 31 thang 12 nam 2025"
    >>> _cited_date(f, f.index("nam 2024")), _cited_date(f, f.index("nam 2025"))
    (True, False)
    """
    window = max(0, year_start - 30)
    date = _DATE_BEFORE.search(folded, window, year_start) if folded.find("thang", window, year_start) >= 0 else None
    return bool(date) and bool(_CITED_BEFORE.search(folded, max(0, date.start() - 40), date.start()))


def _compared_with(folded: str, year_start: int) -> bool:
    """Whether ``so với`` and its words lead to the year at ``year_start``: the reference of a change."""
    window = max(0, year_start - 50)
    return folded.find("so voi", window, year_start) >= 0 and bool(_COMPARED_WITH.search(folded, window, year_start))


class YearReader:
    """The year expressions of one folded text (``Document.folded``, or its copy with OCR's zeros restored): where
    its years' digits start is found once, and each part read for years takes its own from those by bisect (most
    headings, clauses and sentences hold none, and are left at once).

    >>> year_reader = YearReader("dat 77% vao nam 2025 va 91% vao nam 2030; so voi nam 2020")
    >>> year_reader.digits, [(g.years, g.baseline) for g in year_reader.groups(0, 30)]
    ([16, 36, 53], [([2025], False)])
    """

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.digits = sorted(d.start() for pattern in _YEAR_DIGITS for d in pattern.finditer(folded))

    def groups(self, start: int, end: int) -> list[_YearGroup]:
        """Year expressions in ``folded[start:end]``, joined when listed together.

        ``vào năm 2025 và năm 2030`` is one group of two years; a span
        (``giai đoạn 2021 - 2030``, ``từ năm 2025 đến năm 2030``) counts as its end.

        >>> f = "dat 77% vao nam 2025 va 91% vao nam 2030; giai doan tu nam 2025 den nam 2030; so voi nam 2020"
        >>> [(g.years, g.baseline) for g in YearReader(f).groups(0, len(f))]
        [([2025], False), ([2030], False), ([2030], False), ([2020], True)]
        """
        folded, groups = self.folded, []
        digits = self.digits_within(start, end)
        if not digits:
            return groups  # (most headings and clauses hold no year)
        for m in self.expressions(start, end, digits):
            prep, first, last = m.group("prep", "y1", "y2")
            year = int((last or first).replace("o", "0"))
            previous = groups[-1] if groups else None
            listed = not prep and _YEAR_JOIN.fullmatch(folded, previous.end, m.start()) if previous else False
            if listed and not previous.baseline:
                previous.years.append(year)
                previous.end = m.end()
            else:
                baseline = YEAR_WORDS.get(prep or "") == "baseline" or _compared_with(folded, m.start())
                groups.append(_YearGroup(m.start(), m.end(), [year], baseline=baseline, prep=prep or ""))
        return groups

    def expressions(self, start: int, end: int, digits: list[int] | None = None) -> Iterator[re.Match]:
        """The matches of ``_YEAR`` in ``folded[start:end]`` that write a year: after ``năm`` or a year word,
        or a span (a bare figure is no year); never the date of a cited document. ``digits``: ``digits_within``."""
        for m in self.matches(start, end, digits):
            prep, nam, last = m.group("prep", "nam", "y2")
            if not (prep or nam or last):
                continue
            if not prep and _cited_date(self.folded, m.start()):
                continue  # "Quyết định số 07/2023/QĐ-UBND ngày 21 tháng 4 năm 2023": a cited document's date
            yield m

    def written(self) -> set[int]:
        """Where the years of the year expressions of the whole text start (both of a span): the only places
        inside the groups of ``groups`` where a number may start (a number follows no letter, and the
        words and joins of a group hold no figure).

        >>> f = "den nam 2030, giai doan 2021-2025, ngay 5 thang 6 nam 2024 theo qd 1/2024"
        >>> [f[s:s + 4] for s in sorted(YearReader(f).written())]
        ['2030', '2021', '2025', '2024']
        """
        starts = set()
        for m in self.expressions(0, len(self.folded)):
            starts.add(m.start("y1"))
            if m.group("y2"):
                starts.add(m.start("y2"))
        return starts

    def matches(self, start: int, end: int, digits: list[int] | None = None) -> Iterator[re.Match]:
        """The matches of ``_YEAR.finditer(folded, start, end)``, looked for only where a year's digits are.

        Scanning ``_YEAR`` tries its words at every place of the text; a match always holds a year's
        digits with only ``năm``, ``học``, a year word and spaces before them, so it is tried only at
        the digits and at those words right before them, leftmost first, as a scan would.
        ``digits`` are those digits' places, when the caller has them (``digits_within``).

        >>> f = "tu nam 2025 den nam 2030, giai doan 2021-2025"
        >>> [m.group() for m in YearReader(f).matches(0, len(f))] == [m.group() for m in _YEAR.finditer(f)]
        True
        """
        folded, position = self.folded, start
        for at_digits in self.digits_within(start, end) if digits is None else digits:
            if at_digits < position:
                continue  # inside the previous match (the end of its span)
            for at in _year_starts(folded, position, at_digits):
                m = _YEAR.match(folded, at, end)
                if m:
                    yield m
                    position = m.end()
                    break

    def digits_within(self, start: int, end: int) -> list[int]:
        """Where a year's digits start in ``folded[start:end]``, sorted: those of the whole text.

        The whole text's matches are the part's: a match is its four characters, and no match may
        start inside another ("19" is no "9", "20" no "0"), so none the part finds is hidden by one
        before it.

        >>> year_reader = YearReader("tu nam 2025 den nam 2030, giai doan 1990")
        >>> year_reader.digits_within(7, 24), year_reader.digits_within(8, 23)
        ([7, 20], [])
        """
        digits = self.digits
        return digits[bisect.bisect_left(digits, start):bisect.bisect_right(digits, end - _YEAR_DIGITS_LENGTH)]


# Where the digits of a year may start, each found by a search for its first character alone (a
# search for one of two characters tests every character in Python's engine, one character skips
# ahead in C): "1990", "2030", OCR's "2O25" (a superset of what ``_YEAR`` reads).
_YEAR_DIGITS = (re.compile(r"19(?=\d\d)"), re.compile(r"2[0o](?=[\do][\do])"))
_YEAR_DIGITS_LENGTH = 4


def _year_starts(folded: str, lowest: int, digits: int) -> list[int]:
    """Where a match of ``_YEAR`` holding the year at ``digits`` may start (not before ``lowest``), leftmost first.

    >>> f = "den het nam hoc 2025"
    >>> _year_starts(f, 0, f.index("2025"))  # "đến hết", "năm học", the year ("hết" alone: as "đến hết")
    [0, 8, 16]
    """
    starts = [digits]
    space = _space_start(folded, lowest, digits)
    if space == digits:
        return starts
    heads = [space]  # where a year word may end: before the year's spaces, or before "năm"'s
    nam = _word_ending(folded, lowest, space, "nam")
    if nam is None and (hoc := _word_ending(folded, lowest, space, "hoc")) is not None:
        before_hoc = _space_start(folded, lowest, hoc)
        nam = _word_ending(folded, lowest, before_hoc, "nam") if before_hoc < hoc else None
    if nam is not None:
        starts.append(nam)
        before_nam = _space_start(folded, lowest, nam)
        if before_nam < nam:
            heads.append(before_nam)
    for head in heads:  # the longest year word ending there: where a shorter one matches, so does it
        word = _year_word_ending(folded, lowest, head)
        if word is not None:
            starts.append(word)
    return sorted(starts)


def _year_word_ending(folded: str, lowest: int, end: int) -> int | None:
    """Where the longest year word ending at ``end`` starts (not before ``lowest``), else None: only the words
    that end with the letter there are tried.

    >>> f = "tinh den nam"
    >>> _year_word_ending(f, 0, 8), _year_word_ending(f, 2, 8), _year_word_ending(f, 0, 12)
    (0, 5, None)
    """
    for word in _YEAR_WORDS_BY_LAST_LETTER.get(folded[end - 1], ()) if end > lowest else ():
        if end - len(word) >= lowest and folded.startswith(word, end - len(word)):
            return end - len(word)
    return None


# The year words by their last letter, longest first.
_YEAR_WORDS_BY_LAST_LETTER = {letter: sorted((w for w in YEAR_WORDS if w.endswith(letter)), key=len, reverse=True)
                              for letter in {word[-1] for word in YEAR_WORDS}}


def _space_start(folded: str, lowest: int, end: int) -> int:
    """Where the spaces ending at ``end`` begin (not before ``lowest``)."""
    while end > lowest and folded[end - 1].isspace():
        end -= 1
    return end


def _word_ending(folded: str, lowest: int, end: int, word: str) -> int | None:
    """Where ``word`` starts when it ends at ``end`` (not before ``lowest``), else None."""
    at = end - len(word)
    return at if at >= lowest and folded.startswith(word, at) else None


# --- the document walk ------------------------------------------------------


def extract_targets(doc: Document, period_end: int | None) -> list[Target]:
    """Every quantitative target of ``doc``; ``period_end`` is the year of targets that state none."""
    sections = doc.sections
    # OCR reads a zero as the letter O ("dưới 2O%"): values are read on a copy with the zeros
    # restored (same length, so spans stay valid); the raw quote keeps the printed text
    text, folded = repaired_text(doc), repaired_folded(doc)
    lowered = _lower(text)
    tabled = table_targets(doc)
    # the rows of a target table are read by columns, never again as prose
    rows = {doc.line_span(t.span[0]) for t in tabled}
    excluded = _merge(_excluded_spans(sections, folded) + sorted(rows) + indicator_table_spans(doc))
    opened = _preamble_goals(doc, folded)
    year_reader = YearReader(folded)
    by_sentence = _values_by_sentence(doc, text, folded, excluded, opened, year_reader.written())
    # (lead-ins and headings are read on the folded text as it is)
    providers = _context_years(doc, excluded, set(by_sentence),
                               year_reader if folded == doc.folded else YearReader(doc.folded))
    issued = issue_year(doc, sections)
    # with no issue date (an excerpt), the first year of the plan's period still bounds its past
    first_year = plan_start(year_reader, period_end)
    before_plan = issued or first_year
    targets: list[Target] = []
    for (start, end), sentence_values in sorted(by_sentence.items()):
        readings = _read_sentence(doc, text, year_reader, lowered, start, end, sentence_values)
        # a figure of a year before the plan was issued ("Năm 2017 cả nước ghi nhận 21 ca") is a result
        readings = [r for r in readings if not (before_plan and r.years and max(r.years) < before_plan)]
        # "Năm 2025, tỷ lệ ... là 45%; phấn đấu tới năm 2029 đạt 80%": the plan's own year, then a goal
        readings = [r for r in readings
                    if not _baseline_of_later_goal(doc, year_reader, start, r, issued, period_end, first_year)]
        lead = _indicator_lead(doc, text, lowered, start, by_sentence) if readings else ""  # (most sentences: none)
        for reading in readings:
            context = None if reading.years else _context_year(providers, reading.value.start)
            if before_plan and context and context < before_plan:
                continue  # "Giai đoạn 2021 - 2025, tỉnh đã đạt được:" then items: the results before the plan
            years = reading.years or [context or period_end]
            code = _code(doc, folded, reading.value.start)
            base = reading.indicator_base or lead
            indicator = " ".join(dict.fromkeys(part for part in (base, reading.qualifier) if part))
            if targets and start - targets[-1].span[1] < 120:  # the clause right after the previous target
                indicator = elliptic_indicator(indicator, targets[-1].indicator)
            national, similarity = match_national(indicator, reading.unit) if reading.unit != "count" else (None, None)
            for year in years:
                targets.append(Target(
                    **doc.origin(reading.comparator_start, reading.value.end),
                    indicator=indicator, value=reading.value.value, value_max=reading.value.value_max,
                    unit=reading.unit, comparator=reading.comparator, kind=reading.kind, year=year, code=code,
                    national_code=national, confidence=similarity,
                    raw=doc.text[reading.comparator_start:reading.value.end],
                ))
    return targets + [_dated(t, period_end) for t in tabled]


def _values_by_sentence(doc: Document, text: str, folded: str, excluded: list[tuple[int, int]],
                        opened: list[tuple[int, int]], years: set[int]) -> dict[tuple[int, int], list[_Value]]:
    """The values written outside ``excluded`` (but inside ``opened``), by sentence; none where a year
    starts (``years``: ``YearReader.written``).

    A sentence holding more than ``MAX_VALUES_PER_SENTENCE`` values is read up to that many:
    the rest of it is skipped, and the document gets a warning saying where.
    """
    by_sentence: dict[tuple[int, int], list[_Value]] = {}
    crowded: list[int] = []
    previous_end, position = 0, 0
    sentence = (0, 0)
    # (a number never starts inside another: the numbers of a region are those starting in it)
    # (a number starts at a digit with no word character, "." "," or "/" before it: then one always follows)
    numbers, starts = _NUMBERS.over(folded), figure_starts(doc, folded).standing_alone()
    for region_start, region_end in _merge(_outside(excluded, len(folded)) + opened):
        for start in starts[bisect.bisect_left(starts, region_start):bisect.bisect_left(starts, region_end)]:
            if start < position or start in years or start < previous_end:
                continue  # (``position``: past a crowded sentence)
            if not sentence[0] <= start < sentence[1]:  # (most numbers share the sentence of the one before)
                sentence = doc.sentence_at(start)
            found = by_sentence.setdefault(sentence, [])
            if len(found) >= MAX_VALUES_PER_SENTENCE:
                crowded.append(sentence[0])
                position = sentence[1]
                continue
            v = read_value(folded, numbers.match(folded, start), text)
            if v is not None:
                found.append(v)
                previous_end = v.end
    if crowded:
        warning = (f"targets: {len(crowded)} sentence(s) hold more than {MAX_VALUES_PER_SENTENCE} values (the first "
                   f"at character {crowded[0]}); only the first {MAX_VALUES_PER_SENTENCE} of each were read")
        if warning not in doc.warnings:  # the caller stores the document's warnings with it
            doc.warnings.append(warning)
    return {sentence: found for sentence, found in by_sentence.items() if found}


# Words that open the part of an indicator naming its kind ("thể thấp còi", "khu vực thành thị"): a
# clause that opens with one ("...thể thấp còi ở trẻ em dưới 5 tuổi dưới 20%; thể nhẹ cân dưới 9%")
# leaves the rest of the indicator to the clause before it.
ELLIPSIS_HEADS = ("thể", "loại", "khu vực", "nhóm", "bậc", "cấp", "hệ", "ngành")
_ELLIPSIS_HEAD = re.compile(r"^(?:ở\s+|tại\s+)?(?:" + "|".join(ELLIPSIS_HEADS) + r")(?!\w)", re.I)


def elliptic_indicator(indicator: str, previous: str) -> str:
    """The whole indicator of a clause that restates only the kind part of the one before.

    The kind part (as many words as the clause gives) takes the place of the previous
    indicator's own part opened by the same word.

    >>> elliptic_indicator("thể gầy còm", "Tỷ lệ suy dinh dưỡng thể nhẹ cân ở trẻ em dưới 5 tuổi")
    'Tỷ lệ suy dinh dưỡng thể gầy còm ở trẻ em dưới 5 tuổi'
    >>> elliptic_indicator("Tỷ lệ hộ nghèo", "Tỷ lệ suy dinh dưỡng thể nhẹ cân")
    'Tỷ lệ hộ nghèo'
    """
    m = _ELLIPSIS_HEAD.match(indicator.strip())
    if not m:
        return indicator
    own = indicator.split()
    own = own[1:] if own[0].lower() in ("ở", "tại") else own  # "ở khu vực nông thôn": the kind part
    head = [w.lower() for w in own[:len(m.group().split()) - (len(indicator.split()) - len(own))]]
    words = previous.split()
    at = next((i for i in range(1, len(words)) if [w.lower() for w in words[i:i + len(head)]] == head), None)
    if at is None or len(own) > 4:
        return indicator
    return " ".join(words[:at] + own + words[at + len(own):])


def _baseline_of_later_goal(doc: Document, year_reader: YearReader, sentence_start: int, reading: _Reading,
                            issued: int | None, period_end: int | None = None, first_year: int | None = None) -> bool:
    r"""Whether a value of the plan's own year (or before) is the level a later goal starts from.

    The value's year is its own or the one its sentence opens with (``Bình quân giai đoạn
    2021 - 2025, ... giảm 1,2%/năm``), no later than the year the plan was issued; no goal
    word comes before the value in its sentence; after it, before the paragraph (or the
    sentence closed by a full stop) ends, a goal word leads to a later year (stated, or the
    plan's period_end, whose span opens with ``first_year``: ``plan_start``). With no issue date (an excerpt), the value must also be stated as a
    fact (``là``, ``có``, ``chiếm``, ``khoảng``), not reached (``đạt``, ``giảm còn``).

    >>> doc = Document("a", "0", "Năm 2025, tỷ lệ hộ dùng nước sạch là 70%; phấn đấu tới năm 2029 đạt 90%.")
    >>> r = _Reading(_Value(37, 40, 70, None, "%"), "%", "=", 34, "level", False, years=[2025])
    >>> _baseline_of_later_goal(doc, YearReader(doc.folded), 0, r, 2025)
    True
    >>> r.years = [2029]
    >>> _baseline_of_later_goal(doc, YearReader(doc.folded), 0, r, 2025)
    False
    """
    folded = year_reader.folded
    sentence_start = max(sentence_start, reading.value.start - REACH)
    # (first what rules most values out without reading the years around them: a year of the value's
    # own after the issue year, a goal word before it)
    if issued is not None and reading.years and max(reading.years) > issued:
        return False
    if _GOAL_WORDS.search(folded, sentence_start, reading.value.start):
        return False
    end = min(doc.paragraph_end(reading.value.end), reading.value.end + REACH)
    stop = folded.find(". ", reading.value.end, end)
    end = stop if stop >= 0 else end
    own = [g for g in year_reader.groups(sentence_start, end) if not g.baseline
           and (g.years == reading.years or (not reading.years and g.end <= reading.value.start))]
    own = [g for g in own if g.end <= reading.value.start] or own[:1]
    if not own or own[-1].prep in TARGET_YEAR_PREPS:
        return False  # "đến năm 2025 đạt 90%": a year to reach, even the plan's own
    years = own[-1].years
    if issued is None:
        if not _STATED_AS_FACT.search(folded, max(sentence_start, reading.comparator_start - 12),
                                      reading.comparator_start) and reading.comparator != "=":
            return False
    elif max(years) > issued:
        return False
    goal = _STRONG_TURN.search(folded, reading.value.end, end)
    later = [y for g in year_reader.groups(reading.value.end, end) if not g.baseline for y in g.years]
    later = later or ([period_end] if period_end else [])
    if goal and any(y > max(years) for y in later):
        return True
    # "Năm 2025, tỷ lệ ... đạt 41,2%;" opening a sentence of a plan issued that year for a later
    # period: where the plan starts from, even when its goals follow in items of their own
    opens = not folded[sentence_start:own[-1].start].strip(" \t\n*-+•") and folded.startswith(",", own[-1].end)
    return bool(opens and issued is not None and period_end and max(years) < period_end
                and (first_year is None or first_year > max(years)))


def plan_start(year_reader: YearReader, period_end: int | None) -> int | None:
    """The earliest first year of a span written to end at ``period_end`` (``giai đoạn 2021 - 2030``), or None.

    >>> plan_start(YearReader("ke hoach giai doan 2026 - 2030; tu nam 2021 den nam 2030"), 2030)
    2021
    >>> plan_start(YearReader("nam 2024 co 35 vu"), 2030) is None
    True
    """
    if not period_end:
        return None
    # (a span's first year is a year's digits: tried only where the reader found those, not at every place of the
    # text; no span starts inside another's first year, which follows a figure)
    folded = year_reader.folded
    spans = (_YEAR_SPAN.match(folded, digits) for digits in year_reader.digits)
    starts = [int(m.group(1)) for m in spans if m and int(m.group(2)) == period_end]
    return min((y for y in starts if y < period_end), default=None)


# A span of years: the first, and (looked ahead, so spans written one after another all count) the last;
# no figure before the first year.
_YEAR_SPAN = re.compile(r"((?:19|20)(?<!\d..)\d\d)(?=\s*(?:-|–|den|toi)\s*(?:nam\s+)?((?:19|20)\d\d)(?!\d))")


def issue_year(doc: Document, sections: list[Section]) -> int | None:
    r"""The year of the first written date of the preamble (the date line under the header), or None.

    A date cited earlier in the preamble (``Căn cứ ... ngày 08 tháng 11 năm 2016``) can only
    give an earlier year, so no figure of the plan's own years is ever taken for a result.

    >>> from chitieu.models.document import Document
    >>> doc = Document("a", "0", "UBND TỈNH X\nX, ngày 17 tháng 9 năm 2024\nKẾ HOẠCH\nI. MỤC TIÊU\nĐạt 90%.")
    >>> issue_year(doc, doc.sections)
    2024
    """
    preamble = next((s for s in sections if s.kind == "preamble"), None)
    m = _WRITTEN_DATE.search(doc.folded, 0, preamble.end) if preamble else None
    if m is None:  # no preamble found (OCR, a header without cells): the first date no document is cited with
        m = next((d for d in _WRITTEN_DATE.finditer(doc.folded, 0, ISSUE_DATE_WINDOW)
                  if not _cited_date(doc.folded, d.start(1) - 4)), None)
    return int(m.group(1).replace("o", "0")) if m else None


def _indicator_lead(doc: Document, text: str, lowered: str, start: int,
                    by_sentence: dict[tuple[int, int], list[_Value]]) -> str:
    """The indicator a lead-in names before a colon (``Tỷ lệ hộ nghèo: năm 2025 đạt 5%, ...``), or "".

    >>> doc = Document("a", "0", "- Tỷ lệ trẻ em thấp còi: dưới 20% (năm 2025).")
    >>> _indicator_lead(doc, doc.text, doc.text.lower(), 25, {})
    'Tỷ lệ trẻ em thấp còi'
    """
    colon = start
    while colon and text[colon - 1].isspace():  # (a walk over the spaces: never a copy of the text before)
        colon -= 1
    if colon == 0 or text[colon - 1] != ":":
        return ""
    sentence = doc.sentence_at(colon - 1)
    if any(v.unit for v in by_sentence.get(sentence, ())) or not any(w in lowered[sentence[0]:colon] for w in MEASURE_WORDS):
        return ""
    return clean_indicator(text, lowered, sentence[0], colon - 1)


def _dated(target: Target, period_end: int | None) -> Target:
    target.year = target.year or period_end
    return target


def _read_sentence(doc: Document, text: str, year_reader: YearReader, lowered: str, start: int, end: int,
                   values: list[_Value]) -> list[_Reading]:
    """Unit, bound, kind, indicator and years of each value in one sentence (``years``: of the folded text)."""
    folded = year_reader.folded
    if not any(v.unit or v.standalone for v in values):
        return []  # no rate, no count, no bare number a denominator could give a unit (see below)
    denominators = [(m.start(), PER_BASE_UNITS[int(m.group(1).replace(".", ""))])
                    for m in _DENOMINATOR.finditer(folded, start, end)] if folded.find("000", start, end) >= 0 else []
    if denominators:  # a denominator counts after the sentence's first rate word
        rate = _RATE_WORDS.search(folded, start, end)
        denominators = [(d, unit) for d, unit in denominators if rate and rate.end() <= d]
    if not denominators and all(v.unit is None for v in values):
        return []  # (as below, before each value is looked at)
    # the 1.000 of "trên 1.000 trẻ đẻ sống" and numbers followed by a noun are no values
    kept = [v for v in values if (v.unit or v.standalone) and not any(d <= v.start < d + 12 for d, _ in denominators)
            and not _MONEY_SHARE.match(folded, v.end)]
    if not denominators and all(v.unit is None for v in kept):
        return []  # a bare number takes its unit from a denominator or from a value with a unit it is joined to
    kept = [v for i, v in enumerate(kept) if not is_baseline(lowered, v, kept[i + 1] if i + 1 < len(kept) else None)]
    # "thành lập 19 tổ xung kích tại 19 tổ dân phố": as many places as things, one each: the places are no target
    kept = [v for i, v in enumerate(kept) if not (
        i and v.unit == kept[i - 1].unit == "count" and v.value == kept[i - 1].value
        and _AT_PLACES.search(lowered, max(start, v.start - 8), v.start))]
    # "Tỷ lệ trường có trên 30% giáo viên đạt chuẩn giảm còn 10%": the first says which schools are meant
    kept = [v for i, v in enumerate(kept) if not _qualifies_a_later_value(lowered, v, kept[i + 1:])]
    asides = _year_asides(folded, start, end, kept)
    kept = [v for v in kept if not _inside(asides, v.start)]
    kept = [v for v in kept if not _physical_quantity(lowered, _opening(start, v), v.start)
            and not (v.unit != "count" and _money_rate(lowered, _opening(start, v), v.start))]
    # "Giải Nhất: 01 giải": the label before the colon counts
    line = max(doc.paragraph_start(start), start - REACH)
    if _AWARD.search(lowered, line, end) and not _PHAN_DAU.search(folded, line, end):
        return []  # "có từ 90% chỉ tiêu trở lên ... được xét tặng Bằng khen": the criterion of an award
    paragraph = doc.paragraph_start(start)
    kept = [v for v in kept if not is_situation_or_condition(folded, lowered, _opening(start, v), v, paragraph)
            and not (v.unit == "count" and (
                counts_no_goal(text, lowered, _opening(start, v), v, doc.paragraph_start(v.start))
                or itemises_a_total(doc, folded, v)))]
    readings: list[_Reading] = []
    previous: _Reading | None = None
    indicator_from = start
    for v in kept:
        gap = lowered[previous.value.end if previous else start:v.start]
        # values join when their units agree ("15/100.000 trẻ em và 80% trẻ em ..." are two indicators)
        coordinated = (previous is not None and previous.unit != "count" and v.unit in (None, previous.unit)
                       and _only_joins(gap))
        opening = _opening(start, v)
        comparator, length = parse_comparator(lowered[max(start, v.start - COMPARATOR_REACH):v.start])
        unit = v.unit
        if unit is None:
            context = [u for d, u in denominators if d < v.start]
            if coordinated and previous.unit != "count":
                unit = previous.unit
            elif context and comparator:
                unit = context[-1]
            else:
                continue
        before = lowered[max(start, v.start - 40):v.start]
        # "xây dựng thêm 02 xã", "có thêm ít nhất 10 sản phẩm": so many more, whatever bound stands between
        own_change = is_change(before) or bool(_MORE.search(before)) or bool(
            length and _MORE.search(before[:max(0, len(before) - length)]))
        change = (own_change or bool(_CHANGE_NOUN.search(lowered, opening, v.start))
                  or opens_with_change(lowered[opening:v.start]))
        kind = "change" if change else previous.kind if coordinated and not comparator else "level"
        if comparator is None:
            # "xuống còn 22%, bình quân mỗi năm giảm 1,5%": a change of its own takes no level's bound
            comparator = previous.comparator if coordinated and not own_change else ">="
        if _OR_LESS.match(lowered, v.end):  # "từ 2% trở xuống": at most
            comparator = "<="
        if kind == "change" and comparator not in {"<=", ">=", "<", ">"}:  # "tăng trên 3%" keeps its ">"
            comparator = ">="
        reading = _Reading(v, unit, comparator, v.start - length, kind, coordinated)
        indicator_from = _assign_indicator(text, lowered, reading, previous, indicator_from,
                                           _suffix_end(year_reader, v.end, min(end, v.end + REACH), kept))
        readings.append(reading)
        previous = reading
    distribute_years(year_reader, start, end, readings, asides)
    return readings


def _opening(sentence_start: int, value: _Value) -> int:
    """Where the words a value is read with begin: its sentence's start, at most ``REACH`` characters back."""
    return max(sentence_start, value.start - REACH)


def _qualifies_a_later_value(lowered: str, value: _Value, later: list[_Value]) -> bool:
    """Whether ``value`` sits in a relative clause (``X có trên 30% Y``) whose sentence then
    gives its own bound and value in the same clause: the first value names the units counted.

    >>> s = "tỷ lệ trường có trên 30% giáo viên đạt chuẩn giảm còn 10%"
    >>> _qualifies_a_later_value(s, _Value(21, 24, 30, None, "%"), [_Value(54, 57, 10, None, "%")])
    True
    >>> s = "100% xã có ít nhất 01 bác sĩ"
    >>> _qualifies_a_later_value(s, _Value(19, 21, 1, None, "count"), [])
    False
    """
    if not later or not _HAVING.search(lowered, max(0, value.start - 24), value.start):
        return False
    between = lowered[value.end:later[0].start]
    return ";" not in between and " và " not in between and bool(_LATER_BOUND.search(between))


# "X có trên 30% Y", "xã có dưới 5% hộ nghèo": a share that says which units are meant.
_HAVING = re.compile(r"\w\s+có\s+(?:từ|trên|dưới|hơn|không quá)\s*$")
# The bound of the sentence's own value after such a clause.
_LATER_BOUND = re.compile(r"(?<!\w)(?:đạt|giảm còn|xuống|còn|lên|là)(?!\w)[^,;]*$")


def _physical_quantity(lowered: str, sentence_start: int, position: int) -> bool:
    """Whether the value at ``position`` measures a physical quantity named before it in its clause
    (``độ mặn dưới 4‰``, ``độ ẩm 80%``), not a share of people or units: no rate word comes first.

    >>> s = "độ mặn tại cửa cống dưới 4‰"
    >>> _physical_quantity(s, 0, len(s) - 2), _physical_quantity("tỷ lệ mẫu có hàm lượng asen dưới 0,01 mg/l đạt 95%", 0, 48)
    (True, False)
    """
    clause = _clause_start(lowered, sentence_start, position)
    quantity = _PHYSICAL.search(lowered, clause, position)
    return bool(quantity) and not any(0 <= lowered.find(w, clause, quantity.start()) for w in MEASURE_WORDS)


def _money_rate(lowered: str, sentence_start: int, position: int) -> bool:
    """Whether the share at ``position`` is a price, a tax or a split of money named before it in its clause.

    >>> _money_rate("cho vay với lãi suất 0,66%", 0, 21), _money_rate("tỷ lệ giải ngân vốn ngân sách đạt 95%", 0, 34)
    (True, False)
    >>> _money_rate("tỷ lệ hỗ trợ tối đa 50%", 0, 20), _money_rate("thu ngân sách tăng bình quân 10%", 0, 29)
    (True, False)
    """
    clause = _clause_start(lowered, sentence_start, position)
    if _MONEY_RATES.search(lowered, clause, position):
        return True
    money = _MONEY_RATE.search(lowered, clause, position)
    # "Thu ngân sách tăng bình quân 10%/năm": the growth of an amount is a rate, as export growth is
    return bool(money) and not any(0 <= lowered.find(w, clause, money.start()) for w in MEASURE_WORDS) and not (
        _GROWTH.search(lowered, money.end(), position))


_GROWTH = re.compile(r"(?<!\w)(?:tăng|giảm)(?!\w)")
_MONEY_RATE = re.compile(r"(?<!\w)(?:" + "|".join(MONEY_RATE_WORDS) + r")(?!\w)")
_MONEY_RATES = re.compile(r"(?<!\w)(?:" + "|".join(MONEY_RATES) + r")(?!\w)")


# Physical quantities a plan may bound (salinity in ‰, humidity in %): outside the contract's units.
# (Not "chiều cao", "cân nặng": "suy dinh dưỡng thể cân nặng theo tuổi" is a share of children;
# not "công suất": "công suất sử dụng giường bệnh 85%" is a rate of use.)
PHYSICAL_QUANTITIES = ("độ mặn", "nồng độ", "hàm lượng", "nhiệt độ", "độ ẩm", "độ ồn", "mực nước", "lượng mưa",
                       "độ ph", "độ đục", "độ dốc", "lưu lượng", "điện áp", "tốc độ gió", "độ sâu")
_PHYSICAL = re.compile(r"(?<!\w)(?:" + "|".join(PHYSICAL_QUANTITIES) + r")(?!\w)")


def _year_asides(folded: str, start: int, end: int, values: list[_Value]) -> list[tuple[int, int]]:
    """Spans of the asides that open with a year: ``90% (năm 2025 đạt 85%)``, ``(Năm 2010, tỷ lệ ... 29,6%)``.

    >>> f = "dat tren 90% (nam 2025 dat 85%) vao nam 2030"
    >>> _year_asides(f, 0, len(f), [_Value(9, 12, 90, None, "%"), _Value(27, 30, 85, None, "%")])
    [(13, 31)]
    """
    asides = []
    for previous_end, value in zip([start] + [v.end for v in values], values):
        m = _YEAR_ASIDE.search(folded, previous_end, value.start)
        if m:
            close = folded.find(")", value.end, end)
            asides.append((m.start(), close + 1 if close >= 0 else end))
    return _merge(asides)


def _assign_indicator(text: str, lowered: str, reading: _Reading, previous: _Reading | None,
                      indicator_from: int, suffix_end: int) -> int:
    """Set the reading's indicator (and qualifier); return where the next value's indicator may start.

    The indicator is written before the value (``tỷ lệ X đạt 90%``), after it
    (``90% trẻ em được ...``, always for counts), or not at all when a value
    joins the previous one (``... và 91% vào năm 2030``); a denominator after the
    value (``1% tổng số trẻ em``) and a qualifier (``đối với nông thôn``) are added.
    """
    v = reading.value
    prefix = clean_indicator(text, lowered, indicator_from, reading.comparator_start)
    after = lowered[v.end:suffix_end].lstrip()
    join_end = _join_end(lowered, v.end, suffix_end)
    inherited = previous.indicator_base if previous else ""
    if after.startswith(PERIOD_WORDS):
        reading.qualifier = next(w for w in PERIOD_WORDS if after.startswith(w))
    # (only "(" folds to "(": the rest of the sentence is folded only when it opens with one)
    area = _AREA_IN_PARENS.match(fold(after)) if after.startswith("(") else None
    if area:  # "12% (nông thôn)": the value's part of the indicator
        reading.indicator_base = prefix or inherited
        reading.qualifier = after[1:area.end() - 1].strip()
        return max(indicator_from, v.end + (len(lowered[v.end:suffix_end]) - len(after)) + area.end())
    if after.startswith(QUALIFIER_WORDS):
        reading.indicator_base = prefix or inherited
        reading.qualifier = clean_indicator(text, lowered, v.end, join_end)
        return max(indicator_from, join_end)
    if after.startswith(DENOMINATOR_WORDS) and reading.unit != "count":
        reading.indicator_base = " ".join(filter(None, (prefix, clean_indicator(text, lowered, v.end, join_end))))
        return max(indicator_from, join_end)
    phrase_end = join_end if reading.unit == "count" else suffix_end
    indicator_first = any(w in prefix.lower() for w in MEASURE_WORDS) or bool(
        _AFTER_INDICATOR.search(lowered, max(indicator_from, v.start - 30), v.start))
    # (the words after a rate are read only when no indicator came first: "tỷ lệ X đạt 90%" has its own)
    noun_phrase = clean_indicator(text, lowered, v.end, phrase_end) if (
        reading.unit == "count" or not prefix or not indicator_first) else ""
    if noun_phrase:
        reading.indicator_base = noun_phrase
        return max(indicator_from, phrase_end)
    reading.indicator_base = prefix or inherited
    return max(indicator_from, v.end)


# "tốc độ tăng trưởng" (the growth rate of an economy) is read as a level, as "tăng trưởng" alone.
_CHANGE_NOUN = re.compile(r"(?<!\w)(?:" + "|".join(CHANGE_NOUNS) + r")(?!\w)(?! trưởng)")
_AFTER_INDICATOR = re.compile(r"(?:^|\s)(?:" + "|".join(AFTER_INDICATOR) + r")(?:\s+\S+)?\s*$")


def _join_end(lowered: str, start: int, end: int) -> int:
    """End of the phrase after a value: the first ``và``, ``hoặc``, parenthesis or semicolon.

    Commas do not end it: they list the parts of a group (``xã, phường, thị trấn``).
    """
    m = _JOIN.search(lowered, start, end)
    return m.start() if m else end


_JOIN = re.compile(r";|\(| và | hoặc ")


_AREA_IN_PARENS = re.compile(r"\(\s*[a-z]+(?: [a-z]+){0,3}\s*\)")


def _only_joins(gap: str) -> bool:
    """Whether only joining words, bounds and the previous value's years lie between two values."""
    if len(gap) > REACH or len(gap.split()) > JOIN_MAX_WORDS:
        return False
    words = _YEAR.sub(" ", fold(gap))
    # "dưới 8% (thành thị), 12% (nông thôn)": a short parenthesised area names the previous value's part
    words = _AREA_IN_PARENS.sub(" ", words)
    words = _JOIN_WORDS.sub(" ", words)
    if not set(_WORD_RUN.findall(words)) <= _TAIL_WORD_RUNS:
        return False  # a word that is part of no tail word is never taken out
    for word, tail_word in _TAIL_WORDS:  # longest first, one after another: a shorter word may be part of a longer
        if word in words:  # (most are not: no pattern tried)
            words = tail_word.sub(" ", words)
    return not words.strip(" ,.")


# The most words that may join two values ("và năm 2030 đối với khu vực nông thôn phấn đấu đạt").
JOIN_MAX_WORDS = 40
_JOIN_WORDS = re.compile(r"\b(?:va|hoac|(?:doi voi|o|tai|khu vuc)(?: \w+){1,2})\b|,")
_TAIL_WORDS = tuple((w, re.compile(rf"\b{re.escape(w)}\b"))
                    for w in sorted({fold(w) for w in INDICATOR_TAIL}, key=lambda w: (-len(w), w)))
_WORD_RUN = re.compile(r"\w+")
_TAIL_WORD_RUNS = frozenset(run for w in INDICATOR_TAIL for run in _WORD_RUN.findall(fold(w)))


def _suffix_end(year_reader: YearReader, value_end: int, sentence_end: int, values: list[_Value]) -> int:
    """Where the words after a value stop: the next value, a year or the sentence end."""
    stop = sentence_end
    for other in values:
        if other.start >= value_end:
            stop = min(stop, other.start)
            break
    year = next(year_reader.expressions(value_end, stop), None)  # (where the first year group starts)
    return min(stop, year.start()) if year else stop


# Prepositions left at the end of a count's noun phrase ("05 lớp tập huấn cho" 250 cán bộ).
INDICATOR_TAIL_WORDS = INDICATOR_TAIL + ("cho", "tại", "với", "của", "ở", "trên", "theo", "về", "đến cuối", "đến hết",
                                         "cuối", "hết")


def clean_indicator(text: str, lowered: str, start: int, end: int) -> str:
    """The indicator words of ``text[start:end]``: labels, bounds, verbs and years stripped.

    >>> s = "- Chỉ tiêu 3: Phấn đấu giảm tỷ lệ trẻ em bỏ học xuống dưới"
    >>> clean_indicator(s, s.lower(), 0, len(s))
    'tỷ lệ trẻ em bỏ học'
    >>> s = "Tỷ lệ lây truyền HIV từ mẹ sang con là"
    >>> clean_indicator(s, s.lower(), 0, len(s))
    'Tỷ lệ lây truyền HIV từ mẹ sang con'
    """
    measure = _MEASURE_WORD.search(lowered, start, end)  # the first measure word opens the indicator
    start = measure.start() if measure else start
    tokens = list(_TOKEN.finditer(lowered, start, end))  # (the same spans as the text's: only letters change case)
    words = [token.group().strip(".-+*•") for token in tokens]
    i, j = 0, len(tokens)
    while i < j:
        lead = _match_phrase(words, i, j, _LEAD_PHRASES, forward=True)
        if lead or not words[i] or (i == 0 and _LIST_LABEL.fullmatch(words[i])):
            i += lead or 1
            continue
        tail = _match_phrase(words, i, j, _TAIL_PHRASES, forward=False)
        if tail or not words[j - 1] or _year_or_baseline(words[j - 1]):
            j -= tail or 1
            continue
        break
    if i >= j:
        return ""
    return " ".join(text[tokens[i].start():tokens[j - 1].end()].split()).strip(" ,;:.-–")


_MEASURE_WORD = re.compile("|".join(map(re.escape, MEASURE_WORDS)))
_TOKEN = re.compile(r"[^\s,;:()]+")
_LIST_LABEL = re.compile(r"(?:[a-zđ]|[ivx]+|\d+(?:\.\d+)*)[.)]|\d+(?:\.\d+)*")
_YEAR_WORD = re.compile(r"(?:19|20)\d\d")
_BASELINE_WORD = re.compile(r"\d[\d.,]*(?:%|‰)?")  # "từ 85%" left at the end by a baseline


def _year_or_baseline(word: str) -> bool:
    """Whether a word left at the end is a year or a baseline figure (both open with a digit: most words are ruled out
    by their first character)."""
    return word[0].isdigit() and bool(_YEAR_WORD.fullmatch(word) or _BASELINE_WORD.fullmatch(word))


_PhraseTable = dict[str, list[tuple[int, frozenset[tuple[str, ...]]]]]


def _phrase_table(phrases: tuple[str, ...], last: bool = False) -> _PhraseTable:
    """The phrases as word tuples by their first word (their ``last``, for a table read from the end), grouped
    by length, longest first: split once, looked up in a set; a word that opens no phrase is one look-up.

    >>> _phrase_table(("mục tiêu", "mục", "đạt"))["mục"]
    [(2, frozenset({('mục', 'tiêu')})), (1, frozenset({('mục',)}))]
    """
    by_word: dict[str, dict[int, set[tuple[str, ...]]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        by_word.setdefault(words[-1 if last else 0], {}).setdefault(len(words), set()).add(words)
    return {word: [(n, frozenset(known)) for n, known in sorted(by_length.items(), reverse=True)]
            for word, by_length in by_word.items()}


_LEAD_PHRASES = _phrase_table(INDICATOR_LEAD)
_TAIL_PHRASES = _phrase_table(INDICATOR_TAIL_WORDS, last=True)


def _match_phrase(words: list[str], i: int, j: int, table: _PhraseTable, forward: bool) -> int:
    """Length in words of the longest phrase of ``table`` found at the start (or end) of ``words[i:j]``."""
    for n, known in table.get(words[i] if forward else words[j - 1], ()):
        if n <= j - i and tuple(words[i:i + n] if forward else words[j - n:j]) in known:
            return n
    return 0


# The marks after which a year may open a clause of its own ("đạt 70%, năm 2030 đạt 90%").
YEAR_CLAUSE_BREAKS = ",(:"


def distribute_years(year_reader: YearReader, start: int, end: int, readings: list[_Reading],
                     asides: list[tuple[int, int]] = ()) -> None:
    """Give each reading the years a reader gives it (see the module docstring); years in ``asides`` are none."""
    folded = year_reader.folded
    groups = [g for g in year_reader.groups(start, end) if not g.baseline and not _inside(asides, g.start)]
    value_spans = [(r.value.start, r.value.end) for r in readings]
    for g in groups:
        reach = max(start, g.start - REACH)
        clause = max(start, reach, max(folded.rfind(mark, reach, g.start) for mark in YEAR_CLAUSE_BREAKS) + 1)
        lead = _LEAD_FILLER.fullmatch(folded, clause, g.start)
        # "... đạt 70% và năm 2030 đạt 90%": after a value, a year opens the next clause once "và" joins them
        value_end = max((e for _, e in value_spans if clause <= e <= g.start), default=None)
        if value_end is not None:
            lead = _LEAD_FILLER.fullmatch(folded, value_end, g.start)
            lead = lead if lead and _AND.search(lead.group()) else None
        if clause > start and folded[clause - 1] == "(" and _CLOSE.match(folded, g.end, g.end + 3):
            lead = None  # "dưới 20% (năm 2025)": the year of the value before it
        g.leading = bool(lead) and any(s >= g.end for s, _ in value_spans)
    for i, r in enumerate(readings):
        after = [g for g in groups if g.start >= r.value.end]
        trailing = None
        for g in after:
            if g.leading:
                break
            trailing = g
            break
        # "năm 2026 giảm còn 300 ... và 250 ... vào năm 2030": a year written between the previous
        # value and this one is its own when the next year written comes after a further value
        previous_end = readings[i - 1].value.end if i else start
        own = [g for g in groups if previous_end <= g.start and g.end <= r.value.start and not g.claimed]
        if own and trailing and i + 1 < len(readings) and trailing.start > readings[i + 1].value.start:
            trailing = own[-1]
        if trailing:
            trailing.claimed = True
            r.years = list(trailing.years)
    for r in readings:
        if r.years:
            continue
        before = [g for g in groups if g.end <= r.value.start and (g.leading or not g.claimed)]
        if before:
            r.years = list(before[-1].years)


_AND = re.compile(r"\bva\b")
_CLOSE = re.compile(r"\s*\)")
_LEAD_FILLER = re.compile(r"[\s\-+*•]*(?:(?:phan dau|muc tieu|va|trong do|[a-z]\))\s*)*")


# A colon that may end a lead-in: inline ("Đến năm 2030: 90% ...") or at a line end.
_LEAD_IN = re.compile(r":[ \t*]*(?P<eol>\n|$)?")


def _context_years(doc: Document, excluded: list[tuple[int, int]], value_sentences: set[tuple[int, int]],
                   year_reader: YearReader) -> list[tuple[int, int, int]]:
    """(position, scope end, year) of lead-ins such as ``Đến năm 2025:`` and headings with a year (``years``: of
    ``doc.folded``)."""
    folded, sections = doc.folded, doc.sections
    providers = []
    heading_lines = set()
    digits = year_reader.digits
    for section in sections:
        if section.kind in EXCLUDED_KINDS:
            continue
        heading_lines.add(section.start)
        line_end = _heading_end(doc.text, section.start)
        first = bisect.bisect_left(digits, section.start)  # (most headings hold no year: ruled out at once)
        if first == len(digits) or digits[first] > line_end - _YEAR_DIGITS_LENGTH:
            continue
        groups = [g for g in year_reader.groups(section.start, line_end) if not g.baseline]
        if groups:
            providers.append((line_end, section.end, groups[-1].years[-1]))
    for m in _LEAD_IN.finditer(folded):
        sentence = doc.sentence_at(m.start())
        if sentence in value_sentences or _inside(excluded, m.start()) or sentence[0] in heading_lines:
            continue
        groups = [g for g in year_reader.groups(sentence[0], m.start()) if not g.baseline]
        if not groups:
            continue  # (most colons: no year before them)
        # an inline lead-in ("- Đến năm 2030: 90% hộ ...") is short and holds to the end of its paragraph
        if m.group("eol") is None and len(folded[max(sentence[0], m.start() - REACH):m.start()].strip(
                " \t\n-+*•")) > INLINE_LEAD_MAX:
            continue
        section = doc.section_at(m.start()) if doc.sections else None
        scope = section.end if section else len(folded)
        if m.group("eol") is None:
            scope = min(scope, doc.paragraph_end(m.end()))
        providers.append((m.end(), scope, groups[-1].years[-1]))
    return sorted(providers)


def _heading_end(text: str, start: int, max_lines: int = 3) -> int:
    r"""End of the heading line at ``start``; a bold heading wrapped over lines runs to its closing ``**``.

    >>> t = "**1. Mục\ntiêu đến hết năm 2026**\n- 100% xã"
    >>> t[:_heading_end(t, 0)]
    '**1. Mục\ntiêu đến hết năm 2026**'
    """
    end = text.find("\n", start)
    for _ in range(max_lines - 1):
        if end < 0 or text.count("**", start, end) % 2 == 0:
            break
        end = text.find("\n", end + 1)
    return len(text) if end < 0 else end


def _context_year(providers: list[tuple[int, int, int]], position: int) -> int | None:
    found = None
    for at, scope_end, year in providers:
        if at > position:
            break
        if scope_end > position:
            found = year
    return found


def _code(doc: Document, folded: str, position: int) -> str | None:
    """The plan's label of the indicator at ``position`` (``Chỉ tiêu 8``), from its paragraph or headings."""
    m = CODE_LABEL.match(folded, doc.paragraph_start(position))
    if m:
        return m.group(1)
    innermost = doc.section_at(position)
    for section in doc.ancestors(innermost) if innermost else ():  # innermost first
        m = CODE_LABEL.match(folded, section.body_start) or CODE_LABEL.match(folded, section.start)
        if m:
            return m.group(1)
    return None


def _preamble_goals(doc: Document, folded: str) -> list[tuple[int, int]]:
    r"""Sentences of the preamble that state the goals (``phấn đấu``, ``mục tiêu``): a directive or a
    letter gives its goals in its opening paragraph, before its numbered items ("Căn cứ" lines excluded).

    >>> from chitieu.models.document import Document
    >>> doc = Document("a", "0", "CHỈ THỊ\nNăm 2023 có 40 vụ. Phấn đấu giảm 10% số vụ.\n1. Sở Y tế: làm")
    >>> spans = _preamble_goals(doc, doc.folded)
    >>> [doc.text[a:b].strip() for a, b in spans]
    ['Phấn đấu giảm 10% số vụ.']
    """
    spans = []
    for section in doc.sections:
        if section.kind != "preamble" or section.end <= section.start:
            continue
        # the goal words of the sentences the section's text is in, found by one search (none spans two sentences)
        first, last = doc.sentence_at(section.start), doc.sentence_at(section.end - 1)
        for goal in _GOAL_WORDS.finditer(folded, first[0], last[1]):
            start, end = doc.sentence_at(goal.start())
            if not folded[start:end].lstrip(" \t\n*-").startswith("can cu"):
                spans.append((start, min(end, section.end)))
    return _merge(spans)


def _excluded_spans(sections: list[Section], folded: str) -> list[tuple[int, int]]:
    """Spans whose figures are no goals: money, appendices, signatures, looking back."""
    spans = []
    for s in sections:
        if s.kind in EXCLUDED_KINDS:
            spans.append((s.start, s.end))
            continue
        if _RETROSPECTIVE_HEADING.match(folded, s.body_start, s.body_start + HEADING_READ):
            spans.append((s.start, s.end))
    return _merge(spans)


def _spaced(terms: tuple[str, ...]) -> str:
    """An alternation of ``terms`` whose words may be apart by any run of spaces (a heading may wrap)."""
    return "|".join(r"\s+".join(map(re.escape, term.split())) for term in terms)


# How far into a heading its words are read for a retrospective one (characters).
HEADING_READ = 60
# A retrospective heading, not one of expected results, after an opener: one match where the heading's words are,
# as the heading's words (spaces made one) would open with one of the terms. (The opener, once matched, is kept.)
_RETROSPECTIVE_HEADING = re.compile(rf"\s*(?>(?:(?:{_spaced(RETROSPECTIVE_OPENERS)})\s+)?)"
                                    rf"(?!{_spaced(EXPECTED_RESULTS_HEADINGS)})(?:{_spaced(RETROSPECTIVE_HEADINGS)})")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans covering the same offsets as ``spans``."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _outside(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The gaps between the disjoint sorted ``spans`` in ``[0, length)``.

    >>> _outside([(2, 4), (6, 9)], 10)
    [(0, 2), (4, 6), (9, 10)]
    """
    starts = [0] + [b for _, b in spans]
    ends = [a for a, _ in spans] + [length]
    return [(a, b) for a, b in zip(starts, ends) if a < b]


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls in one of the disjoint sorted ``spans``."""
    i = bisect.bisect_right(spans, (position, float("inf")))
    return i > 0 and spans[i - 1][0] <= position < spans[i - 1][1]


def _lower(text: str) -> str:
    """Lower case with the same length as ``text`` (offsets stay valid)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
