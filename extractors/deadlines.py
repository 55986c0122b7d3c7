"""Explicit time bounds on tasks and reports, each with the body responsible for it.

Plans bound a task in a handful of fixed phrasings: ``(hoàn thành trong quý I năm
2021)``, ``trước ngày 20/7/2021``, ``vào cuối năm 2020``, ``(thực hiện năm 2020 và
các năm tiếp theo)`` (a start), ``Thời gian thực hiện: Từ 15/3/2027`` (a start),
``trong quý I hàng năm`` (recurring), ``Từ ngày 01/6 đến ngày 30/6`` (due at its end),
``trước ngày 20/5 và 20/11 hằng năm`` and ``vào tháng 2 và tháng 9 năm 2028`` (one
bound per date or month; months that follow each other are one window), ``trong 6 tháng
cuối năm``, or a task table's time column (``Quý IV/2025``, ``2026``,
``2027 - 2029`` and ``Quý III/2027 - Quý I/2028`` due at their end, ``Tháng 12 hằng
năm``; ``Thường xuyên`` is none), read alike from tab rows, ``|`` rows and a web page's
one cell per line. A bound written without a year recurs each year (``--MM-DD``),
except in a one-year plan, where it falls in that year; one written after ``hằng năm``,
and the dates of a periodic report's calendar (``định kỳ quý (trước ngày 20/3), 6 tháng (trước ngày
20/6)``), always recur. An event's month or days in brackets after its name,
its year written (``Hội thi ... (tháng 9/2027)``, ``(05/3 - 12/3/2027)``), are due at their end. An OCR ``O`` touching a digit is a zero (``31/12/2O16``). The plan's own
period, the dates of cited documents, seasons and reporting duties without a date are not
deadlines.

The responsible body is, in this order: the lead named by the task's own label
(``Đơn vị chủ trì: ...`` above ``Thời gian thực hiện: ...``) or by its table row's
lead column; the bodies the issuing committee asks (``UBND tỉnh yêu cầu ...``); the
body leading the narrowest passage around the bound; the addressee of the bound's
sentence or of the heading of its numbered item: the first named body that only
generic groups (``các sở, ngành``) or an adverbial precede, so a named class such as
``UBND các xã, phường`` among generic groups answers. The plan's closing words
(``Trên đây là Kế hoạch ...``) address no single item's body.

>>> from chitieu.models.document import Document
>>> from chitieu.extractors.agencies import extract_agencies
>>> doc = Document("a.txt", "0", "II. NHIỆM VỤ\\na) Sở Y tế\\nBan hành hướng dẫn (hoàn thành trong quý I năm 2021).\\n"
...     "III. TỔ CHỨC THỰC HIỆN\\nĐịnh kỳ 6 tháng (trước ngày 15/6) báo cáo kết quả.\\n")
>>> [(d.due, d.kind, d.agency) for d in extract_deadlines(doc, None, extract_agencies(doc))]
[('2021-03-31', 'due', 'Sở Y tế'), ('--06-15', 'recurring', None)]
"""
from __future__ import annotations

import bisect
import calendar
import functools
import heapq
import re
from dataclasses import dataclass
from typing import Iterator

from chitieu.extractors import anchored
from chitieu.extractors.anchored import Anchor
from chitieu.extractors.gazetteer import (GENERIC_WORDS, INTRO_WORDS, LEVEL, NAME_STOPS, Mention, canonical_agency,
                                          find_mentions)
from chitieu.models.document import Document
from chitieu.models.sections import Section
from chitieu.models.items import Agency, Deadline
from chitieu.models.text_tables import ROW_LABEL, column_kind
from chitieu.models import lexicon
from chitieu.models.normalize import fold
from chitieu.extractors.numbers import ocr_zeros, parse_date, parse_quarter, parse_years, repaired_folded

# ----------------------------------------------------------------- phrasings (folded: no diacritics, lower case)


def _phrases(kind: str) -> str:
    """The words of ``kind`` in lexicon/deadline_words.csv as one alternation over folded text, longest first.

    >>> [re.fullmatch(_phrases("before"), words) is not None for words in ("cham nhat  la", "khong qua", "sau")]
    [True, True, False]
    """
    terms = sorted((fold(term) for term in lexicon.terms("deadline_words", kind=kind)), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, term.split())) for term in terms) + ")"


# A task's verb before its bound (``hoàn thành trong quý II``), "each year" after a bound, "by" before a date.
_VERB = rf"(?:{_phrases('verb')}\s+)?"
_YEARLY = rf"\s*,?\s*{_phrases('yearly')}"
_NEXT_YEARS = r"\s+va\s+(?:cac|nhung)\s+nam\s+tiep\s+theo"
# "15/6/2026", "15/6", "15 tháng 6 năm 2026" and the mixed "15/01 năm 2027"
_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4}|\s+nam\s+\d{4})?|\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?"
_MONTH_YEAR = r"\s*(?:/|nam)\s*(?P<year>\d{4})"
_QUARTER = r"(?:iv|iii|ii|i|[1-4])"
# "Quý III-IV/2026", "Tháng 11-12/2025": a span of quarters or months, due at the end of the last
_FIRST_OF_SPAN = re.compile(r"(?i)((?:quý|tháng)\s+)(?:IV|III|II|I|\d{1,2})\s*-\s*(?=\w)")
# A task's time line: "Thời gian hoàn thành: Tháng 6/2022", "Thời gian thực hiện: năm 2023".
# (a bare "Thời gian:" too, on a task's own line: "- Thời gian: Tháng 5/2027")
_TIME_LABEL = r"(?:thoi gian(?:\s+(?:hoan thanh|thuc hien))?|thoi han(?:\s+hoan thanh)?)\s*:\s*"
_BEFORE = _phrases("before")
BOUNDS: dict[str, re.Pattern] = {
    "quarter": re.compile(
        rf"{_VERB}(?:(?:trong|truoc|vao|den)\s+)?(?:cuoi\s+)?quy\s+(?:{_QUARTER}\s*-\s*)?{_QUARTER}(?![a-z0-9])"
        # "trong quý I và quý II năm 2026", "quý II, III/2026": several quarters of one year
        rf"(?P<more>(?:\s*(?:,|va)\s*(?:quy\s+)?{_QUARTER}(?![a-z0-9]))*)"
        rf"(?:\s*(?:nam|/)\s*\d{{4}})?(?P<yearly>{_YEARLY})?(?P<next>{_NEXT_YEARS})?"),
    # "(thực hiện) năm 2022 / năm học 2022 - 2023 / giai đoạn 2028-2032 và các năm tiếp theo" shapes: open from the
    # first year (a "giai đoạn" only after a time label or verb: after a plan's name it is part of the name)
    "start": re.compile(
        rf"{_VERB}(?:(?:trong|tu)\s+)?nam(?:\s+hoc)?\s+(?P<year>\d{{4}})(?:\s*-\s*\d{{4}})?{_NEXT_YEARS}"
        rf"|(?:{_TIME_LABEL}|(?:thuc hien|trien khai)\s+(?:trong\s+)?)giai\s+doan\s+(?P<phase>\d{{4}})(?:\s*-\s*\d{{4}})?"
        rf"{_NEXT_YEARS}|(?:bat dau\s+)?tu\s+nam\s+(?P<from>\d{{4}})\s+tro\s+di"
        # a task kept up from a school year on: "thực hiện thường xuyên từ năm học 2023 - 2024",
        # "đưa vào giảng dạy từ năm học 2026 - 2027" (after the task's words, not opening a sentence)
        rf"|(?<=[a-z)]\s)tu\s+nam\s+hoc\s+(?P<school>\d{{4}})\s*-\s*\d{{4}}"
        rf"(?!\s*(?:den|-))"),
    # "Thời gian thực hiện: Từ 15/3/2027." with no end: the task runs from that day on
    "from_date": re.compile(rf"{_TIME_LABEL}tu\s+(?:(?:ngay\s+)?(?P<date>{_DATE})|nam\s+(?P<year>\d{{4}}))"
                            rf"(?!\s*(?:den|-)\s*(?:ngay|nam|\d))"),
    # "Thời hạn hoàn thành: 30/6/2026": a date right after a task's time label
    "label_date": re.compile(rf"{_TIME_LABEL}(?:ngay\s+)?(?P<date>{_DATE})(?!\s*(?:den|-)\s*(?:ngay|\d))"),
    # the first day may leave its month and year to the last: "từ ngày 03 đến ngày 07 tháng 9 năm 2027"
    "range": re.compile(
        rf"(?:tu\s+ngay|{_TIME_LABEL}(?:tu\s+)?(?:ngay)?)\s*(?P<first>{_DATE}|\d{{1,2}})\s*(?:den|-)\s*(?:het\s+)?"
        rf"(?:ngay\s+)?(?P<date>{_DATE})"),
    "month_range": re.compile(
        rf"tu\s+thang\s+\d{{1,2}}(?:\s*(?:/|nam)\s*\d{{4}})?\s*(?:den|-)\s*(?:het\s+)?thang\s+(?P<month>\d{{1,2}})"
        rf"(?:{_MONTH_YEAR})?(?P<yearly>{_YEARLY})?"),
    # "vào tháng 2 và tháng 9 năm 2028": one bound per month named
    "months": re.compile(
        rf"thang\s+\d{{1,2}}(?:\s*(?:,|va)\s*thang\s+\d{{1,2}})+(?:{_MONTH_YEAR})?(?P<yearly>{_YEARLY})?"),
    # "trước ngày 20/5 và 20/11 hằng năm": one bound per date named
    "date": re.compile(rf"{_BEFORE}\s+(?:ngay\s+)?(?P<date>{_DATE})"
                       rf"(?:\s*(?:,|va)\s*(?:ngay\s+)?(?P<date2>{_DATE}))?(?P<yearly>{_YEARLY})?"),
    # "đến ngày 31 tháng 8 hàng năm": a yearly cut-off; "vào ngày 22 tháng 3 hằng năm": a yearly task's day
    "until": re.compile(rf"(?:den\s+(?:het\s+)?|vao\s+)ngay\s+(?P<date>{_DATE})(?P<yearly>{_YEARLY})"),
    # "tổ chức lễ phát động vào ngày 15/5/2026", "thí điểm đến ngày 31/12/2026": a task's own day, its year written
    # (not a figure's reference date: "tính đến ngày 31/12/2025, toàn tỉnh có ...")
    "on_day": re.compile(r"(?<=[a-z0-9)]\s)(?<!tinh\s)(?:den\s+(?:het\s+)?|vao\s+)ngay\s+(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}"
                         r"\s*[/.-]\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})(?!\s*(?:den|-)\s*\d)"),
    # "vào dịp hè hằng năm (tháng 7)": the month a yearly task falls in, given in brackets
    "yearly_month": re.compile(r"(?:hang|moi)\s+nam\s*\(\s*(?:vao\s+|trong\s+)?thang\s+(?P<month>\d{1,2})\s*\)"),
    # "Tổ chức Ngày hội đọc sách (tháng 9/2027)", "Hội thi ... (05/3 - 12/3/2027)": the month or the days of an
    # event, in brackets after its name with the year written, are the task's window, due at its end (a single
    # day in brackets, "Ngày Gia đình Việt Nam (28/6)", is the day's date, not a bound)
    "bracket_month": re.compile(r"(?<=[a-z0-9]\s)\(\s*(?:trong\s+)?thang\s+(?P<month>\d{1,2})\s*(?:/|nam)\s*(?P<year>\d{4})\s*\)"),
    "bracket_range": re.compile(rf"(?<=[a-z0-9]\s)\(\s*(?:tu\s+)?(?:ngay\s+)?(?P<first>{_DATE}|\d{{1,2}})\s*(?:-|den)\s*"
                                rf"(?:ngay\s+)?(?P<date>\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{4}})\s*\)"),
    # "trong 6 tháng cuối năm (2024)": the half year, due at its end
    "half": re.compile(r"(?:trong|truoc)\s+(?:0?6|sau)\s+thang\s+(?P<half>dau|cuoi)\s+nam(?:\s+(?P<year>\d{4}))?"),
    "year_end": re.compile(r"(?:(?:vao|den|truoc|trong)\s+)?cuoi\s+nam\s+(?P<year>\d{4})"),
    "month": re.compile(rf"(?:(?:hoan thanh\s+)?(?P<prep>trong|vao|cuoi|truoc)\s+|{_TIME_LABEL})"
                        rf"thang\s+(?:\d{{1,2}}\s*-\s*)?(?P<month>\d{{1,2}})"
                        rf"(?:\s*(?:/|nam)\s*(?P<year>\d{{4}})|(?P<yearly>{_YEARLY}))"
                        rf"(?!{_NEXT_YEARS})"),
    "year_done": re.compile(rf"(?:hoan thanh\s+|{_TIME_LABEL})(?P<prep>trong\s+|truoc\s+|vao\s+|den\s+(?:het\s+)?)?"
                            rf"nam\s+(?P<year>\d{{4}})(?!\s*-)(?!{_NEXT_YEARS})"),
    # "cấp thêm 15 giấy chứng nhận trong năm 2027", "kết nối ... đến hết năm 2027": a task done within a year named
    # after it, due at the year's end
    # (not "Trong năm 2027, ..." opening a passage, nor a span or "và các năm tiếp theo")
    "in_year": re.compile(rf"(?<=[a-z0-9)]\s)(?<!tu nay\s)(?:ngay\s+trong|trong|den\s+het)\s+nam\s+(?P<year>\d{{4}})(?![\d/])(?!\s*(?:-|den)\s*\d)"
                          rf"(?!{_NEXT_YEARS})"),
}


def _leading_words(kind: str) -> tuple[re.Pattern, ...]:
    """The first two words of each term of ``kind`` (``chậm nhất`` for ``chậm nhất là``: ``hạn`` alone stands in
    every ``thành``), one pattern per first word: each is a search of the whole text.

    >>> [[words.fullmatch(term) is not None for words in _leading_words("before")] for term in ("truoc", "khong  qua")]
    [[True, False, False, False], [False, False, False, True]]
    """
    seconds: dict[str, dict[str, None]] = {}  # first word -> the second words after it ("" for a term of one word)
    for term in lexicon.terms("deadline_words", kind=kind):
        words = fold(term).split()
        seconds.setdefault(words[0], {})[" ".join(words[1:2])] = None
    patterns = []
    for first, after in seconds.items():
        if not all(after):  # a term of one word: the word alone
            patterns.append(re.compile(re.escape(first)))
        else:
            second = "|".join(map(re.escape, after))
            patterns.append(re.compile(rf"{re.escape(first)}\s+" + (f"(?:{second})" if len(after) > 1 else second)))
    return tuple(patterns)


_VERB_WORDS = max(len(term.split()) for term in lexicon.terms("deadline_words", kind="verb"))
_LABEL_WORDS = 5  # a time label: "thoi gian hoan thanh :"
# Words several phrasings hold: each is searched once per text (``anchored.Searched``). A scan of the text costs as
# much as trying a phrasing at hundreds of places: phrasings whose words stand at few places share one scan.
_TIME_LABEL_WORDS = re.compile("thoi (?:gian|han)")
# a month's number, or the first or last months of a year ("6 tháng đầu năm")
_MONTH_WORDS = re.compile(r"thang\s+(?:\d|dau|cuoi)")
_DAY_WORDS = re.compile(r"ngay\s+\d")
# a bracket before a month or a day: "(trong tháng 9/2027)", "(05/3 - 12/3/2027)" (no other bracket inside)
_BRACKET_WORDS = re.compile(r"\((?:\s*(?:trong\s+)?thang|\s*(?:tu\s+)?(?:ngay\s+)?\d)")
# a year's "năm": a school year or a span carried on ("năm học 2026 - 2027", "năm 2028 và các năm tiếp theo"), or a
# bracket after it ("hằng năm (tháng 7)")
_YEAR_WORDS = re.compile(rf"nam(?:\s*\(|(?:\s+hoc)?\s+\d{{4}}(?:\s*-\s*\d{{4}})?(?:{_NEXT_YEARS}|\s+tro\s+di)|\s+hoc\s+\d{{4}}\s*-)")
# The phrasings are searched from the words each match holds (``anchored``), not tried at every position:
# the words, how many words at most stand before them, the letters a match opens with.
_ANCHORS = {
    "quarter": ((re.compile(rf"quy\s+{_QUARTER}(?![a-z0-9])"),), _VERB_WORDS + 2, "cdhqtvx"),
    # a verb and "trong", "bắt đầu từ", or a time label before "giai đoạn"
    "start": ((_YEAR_WORDS, re.compile(rf"giai\s+doan\s+\d{{4}}(?:\s*-\s*\d{{4}})?{_NEXT_YEARS}")),
              max(_VERB_WORDS + 1, 3, _LABEL_WORDS), "bhntx"),
    "month": ((_MONTH_WORDS,), _LABEL_WORDS, "chtv"),
    "months": ((_MONTH_WORDS,), 0, "t"),
    "month_range": ((_MONTH_WORDS,), 1, "t"),  # "từ tháng 4 đến tháng 7"
    "half": ((_MONTH_WORDS,), 2, "t"),  # "trong 6 tháng cuối năm"
    "year_end": ((re.compile(r"cuoi\s+nam\s+\d{4}"),), 1, "cdtv"),
    # (the words a match opens with when they are rarer than the year after them: fewer places, fewer words back)
    "in_year": ((re.compile(r"trong\s+nam\s+\d{4}(?![\d/])"), re.compile(r"het\s+nam\s+\d{4}(?![\d/])")), 1, "dnt"),
    "year_done": ((re.compile("hoan thanh"), _TIME_LABEL_WORDS), 0, "ht"),
    "from_date": ((_TIME_LABEL_WORDS,), 0, "t"),
    "label_date": ((_TIME_LABEL_WORDS,), 0, "t"),
    "range": ((re.compile(r"tu\s+ngay"), _TIME_LABEL_WORDS), 0, "t"),
    "bracket_month": ((_BRACKET_WORDS,), 0, "("),
    "bracket_range": ((_BRACKET_WORDS,), 0, "("),
    "on_day": ((_DAY_WORDS,), 2, "dv"),
    "until": ((_DAY_WORDS,), 2, "dv"),
    "date": (_leading_words("before"), 0, "".join(sorted({fold(term)[0] for term in lexicon.terms("deadline_words", kind="before")}))),
    "yearly_month": ((_YEAR_WORDS,), 1, "hm"),
}
# A look at the first letter skips most positions at once when a cell is searched whole.
BOUNDS = {kind: re.compile(f"(?=[{re.escape(_ANCHORS[kind][2])}])(?:{pattern.pattern})") if kind in _ANCHORS
          else pattern for kind, pattern in BOUNDS.items()}
_FOUND_FROM = {kind: Anchor(words, before, re.compile(f"[{re.escape(letters)}]"))
               for kind, (words, before, letters) in _ANCHORS.items()}
# Clause words that make "trong năm 2027" the year of a goal (``phấn đấu trong năm 2027 đạt 90%``), not of a task.
_GOAL_WORDS = re.compile(r"%|phan\s+dau|chi\s+tieu|muc\s+tieu|\bdat\b")
# Words before "vào ngày ..." that make it a document's date or a thing done (``được ban hành vào ngày``,
# ``đã tổ chức vào ngày``), not a task's day.
_ISSUED_BEFORE = re.compile(r"(?:ban hanh|thong qua|phe duyet|\bky\b|hieu luc|\bda\b[^.;,\n]*)\s*$")
# Month phrasings that also describe seasons, and the words that make them a task's time.
_MONTHS_ONLY = {"month_range", "months"}
_TIME_WORDS = re.compile(r"thoi gian|thuc hien|trien khai|to chuc|hoan thanh|\(")
# A period phrase a parenthesised bound belongs to: ``Định kỳ 6 tháng (trước ngày 15/6)``, ``cả năm (...)``.
_PERIOD_BEFORE = re.compile(r"(?:dinh ky[\w\s]{0,15}|ca nam|nam|\d+ thang[\w\s]{0,10}|hang nam)\s*[(*\s]*$")
# ``Định kỳ hằng năm (trước ngày 05 tháng 11)``: a yearless bound after "each year" recurs, whatever the plan's years.
_YEARLY_BEFORE = re.compile(r"(?:hang|moi)\s+nam\s*[(*,:\s]*$")
# What may stand between ``định kỳ`` and a bound in brackets: the periods of a reporting calendar
# (``6 tháng (...) và năm (``, ``hằng tháng (...), 6 tháng (``, ``hằng quý, tổng kết năm (``), the brackets
# before it already removed.
_PERIODIC_CALENDAR = re.compile(
    r"(?:[\s,;*(]|\bva\b|\b(?:hang|moi|ca|mot|0?\d{1,2})\b|\b(?:thang|quy|nam)\b|\b(?:so ket|tong ket)\b)*\(\s*\**\s*")
_BRACKETED = re.compile(r"\([^()]*\)")
# The plan's own period is metadata: a ``Thời gian thực hiện: ...`` label outside the task and assignment sections.
# Only a label that names the time of the whole plan or campaign: ``Thời gian thi đua gồm ba giai đoạn``
# (its phases) or ``Thời gian kiểm tra và đánh giá ... trước ngày ...`` (a task) are bounds.
_PLAN_PERIOD = re.compile(
    r"[\W\d]*(?:[a-z]\)\s*)?thoi gian(?:\s+(?:thuc hien|trien khai|thi dua|to chuc|ap dung))?"
    r"(?:\s+(?:ke hoach|chuong trinh|de an|phong trao|cuoc van dong))?"
    r"(?=\s*(?:[:.(\n-]|$|tu\s|trong\s|nam\s|giai doan|den\s|\d))")
# Text before a bound that names only periods (``Định kỳ 6 tháng (...), cả năm``): the task follows the bound.
_PERIODS_ONLY = re.compile(r"^(?:dinh ky|ca nam|hang nam|nam|\d+\s+thang|\W)*$")
# How far before a bound its clause is read for a time word, a period phrase, or a goal (characters).
TIME_WORD_REACH = 60
PERIOD_REACH = 200
TASK_YEAR_REACH = 200
# What ends the part of a sentence a bound stands in (``20% xã, phường ... trong năm 2027``).
_PART_STOP = re.compile(r"[,;.\n]")
# A bracketed group and the two words before it, searched from its bracket (``anchored``): a search of the
# whole text tries the words at every character.
_BOUND_GROUPS = re.compile(r"(?:[^\s(,]+\s+){0,2}\([^)]*\)")
_BOUND_GROUP_FROM = Anchor((re.compile(r"\("),), 2, re.compile(r"[^\s,]"))
_TASK_SECTIONS = {"tasks", "organisation", "reporting", "appendix"}
_CELL_YEARS = re.compile(r"(\d{4})(?:\s*-\s*(\d{4}))?")
# Between two bounds of one time cell: a span (``Quý III/2027 - Quý I/2028``, due at its end) or a list.
_CELL_SPAN = re.compile(r"\s*(?:-|den(?:\s+het)?)\s*$")
_CELL_DATE = re.compile(rf"(?P<from>tu\s+(?:ngay\s+)?)?(?<![\d/.])(?P<date>{_DATE})")
_CELL_HALF = re.compile(r"(?:0?6|sau)\s+thang\s+(?P<half>dau|cuoi)\s+nam(?:\s+(?P<year>\d{4}))?")
_CELL_YEAR_LIST = re.compile(r"[\s*]*(?:nam\s+)?\d{4}(?:\s*(?:,|;|va)\s*(?:nam\s+)?\d{4})+[\s*.]*")
_CELL_MONTH = re.compile(rf"(?P<from>tu\s+)?thang\s+(?:\d{{1,2}}\s*-\s*)?(?P<month>\d{{1,2}})(?:{_MONTH_YEAR}|(?P<yearly>{_YEARLY}))")
TASK_WORDS = 14

# ----------------------------------------------------------------- who answers for a bound
# A task's lead label: ``Đơn vị chủ trì (tham mưu thực hiện):``, ``Cơ quan thực hiện:`` (not ``... phối hợp ...:``).
# A bare ``Chủ trì:`` opening its line counts too.
_LEAD_LABEL = re.compile(r"(?:co quan|don vi|(?<![a-z]\s)(?<![a-z])(?=chu tri\b))(?P<words>[^:\n]{0,40}(?:\n[^:\n]{0,30})?):")
_LEAD_WORDS = re.compile(r"chu tri|thuc hien|dau moi")
# A line that opens a task (bullet, number, letter): the label search stops there.
_TASK_OPENER = re.compile(r"[ \t]*(?:[-+•]|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s")
_OPENER_MARKS = re.compile(r"[\s\-+•*]*")
# A task's partner line (``- Phối hợp: ...``, ``- Đơn vị phối hợp: ...``): a label of the task, not a new task.
_PARTNER_LABEL = re.compile(r"(?:(?:co quan|don vi)\s+)?phoi hop[^:\n]{0,30}:")
_TIME_LINE = re.compile(r"[\s\-+•*]*(?:thoi gian\s+(?:hoan thanh|thuc hien|trien khai)|thoi han|thoi gian\s*:)")
# A group of the province's departments is one addressee (``Các sở, ban, ngành, tổ chức chính trị - xã hội``).
_DEPARTMENTS = re.compile(r"(?:cac\s+)?so\s*,\s*(?:ban|nganh)\b")
# Groups that name no body: ``Các cơ quan, đơn vị theo quy định``, ``Cơ quan, địa phương liên quan``.
_GENERIC_LEAD = re.compile(r"(?:cac\s+|nhung\s+)?(?:co quan|don vi|dia phuong|to chuc|ca nhan)\b")
# Words right before a body that make it an object, not the subject: ``báo cáo về Sở X``, ``phối hợp với Sở Y``.
_OBJECT_BEFORE = re.compile(
    r"(?:\bve|\bqua|\bvoi|\bcua|\bcho|\btai|(?<!chuong )\btrinh|\bbao cao|\bgui|\btham muu|\bhuong dan|\bdoi voi|\bthuoc|\btruoc"
    r"|\bphoi hop|\bgiup|\bden)\s*\(?\s*$")
# Words that carry a body's name on past what the gazetteer knows (``Ban Quản lý các khu công nghiệp``).
_DETERMINERS = ("cac", "nhung")
# An item line numbered 1., 2) (its number maybe alone in bold), and a part numbered I., II.
_NUMBERED_ITEM = re.compile(r"[ \t*]*\d{1,2}[ \t*]*[.)][ \t*]*(?=\S)")
_ROMAN_ITEM = re.compile(r"[ \t*]*[ivx]{1,5}[ \t*]*\.\s")
# The start of a line that is either (after a line break: the engine finds those at once).
_ITEM_LINE = re.compile(rf"(?=(?:{_ROMAN_ITEM.pattern})|(?:{_NUMBERED_ITEM.pattern}))")
_ITEM_LINE_AFTER_BREAK = re.compile(rf"\n{_ITEM_LINE.pattern}")
# A body followed by these is the one who asks or assigns (``UBND tỉnh yêu cầu ...``): the addressees follow it.
_REQUEST_VERBS = ("yeu cau", "de nghi", "giao", "chi dao")
_REQUESTER_AFTER = re.compile(rf"\s*(?:{'|'.join(_REQUEST_VERBS)})\b")
# Its words anywhere in a passage, whose spaces are not yet single: a passage without them asks no one.
_REQUEST_WORDS = re.compile("|".join(verb.replace(" ", r"\s+") for verb in _REQUEST_VERBS))
# What may stand before an addressee in its clause: generic groups (``các sở, ban, ngành thành phố và``),
# levels, ``đề nghị`` / ``giao``; an adverbial (``Căn cứ Kế hoạch này, ...,``) ends at its last comma.
_ADDRESS_FILLER = re.compile(
    r"(?:[\W\d_]|[a-zđ]\)|\b(?:" + "|".join(sorted(GENERIC_WORDS, key=len, reverse=True))
    + rf"|va|cung|de nghi|giao(?:\s+cho)?|{LEVEL})\b)*")
_INTRO = re.compile(rf"[\W\d_]*(?:[a-zđ]\)\s*)?{INTRO_WORDS}\b")
# A group of bodies the agencies name as one (``Các sở, ngành``, ``Các doanh nghiệp viễn thông``).
_GROUP_NAME = re.compile(r"(?:cac|nhung)\s")
# The closing paragraph of a plan, which the outline leaves inside its last item: its words, with only spaces
# and marks between them and the line break before them (or the text's start).
_CLOSING_WORDS = re.compile(r"tren day la\b")
_SPACES_AND_MARKS = re.compile(r"[\s*]*")
_CLOSING_AT_START = re.compile(r"[\s*]*tren day la\b")
# Only the people's committee issuing the plan asks that way (a department "đề nghị Bộ ..." still does the task).
_ISSUER_NAME = re.compile(r"(?:uy ban nhan dan|ubnd)\s+(?!cap\b)")


@dataclass(frozen=True)
class Bound:
    """A time bound found in the text: its words' span, due date and kind."""

    start: int
    end: int
    due: str
    kind: str




_DATE_WORDS = re.compile(r"\s*(?:thang|nam)\s*")
_WRITTEN_YEAR = re.compile(r"(?:/|nam)\s*(\d{4})")
_MONTH_NUMBER = re.compile(r"thang\s+(\d{1,2})")
_QUARTER_NUMBER = re.compile(r"(?<![a-z])(iv|iii|ii|i|[1-4])(?![a-z0-9])")


def _date(folded_date: str) -> str | None:
    """``15 thang 6 nam 2021`` or ``15/6/2021`` as ISO, ``15/6`` as ``--06-15``."""
    return parse_date(_DATE_WORDS.sub("/", folded_date))


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _resolve(due: str | None, yearly: bool, year: int | None, after_yearly: bool = False) -> tuple[str, str] | None:
    """Due date and kind: a yearless bound recurs, unless the plan covers one year and no ``hằng năm`` leads it."""
    if due is None:
        return None
    if yearly:
        return ("--" + due[5:] if not due.startswith("--") else due), "recurring"
    if due.startswith("--"):
        return (f"{year:04d}{due[1:]}", "due") if year and not after_yearly else (due, "recurring")
    return due, "due"


def _months(folded: str, year: int | None, yearly: bool, after_yearly: bool) -> list[tuple[str, str]]:
    """The last day of each month named in ``folded``, in the year written there (else the plan's).

    Months that follow each other make one window (``tháng 5 và tháng 6``); others are each a bound
    (``vào tháng 2 và tháng 9``: inspected in February and again in September).
    """
    written = _WRITTEN_YEAR.search(folded)
    months = [int(x) for x in _MONTH_NUMBER.findall(folded)]
    if len(months) > 1 and all(b == a + 1 for a, b in zip(months, months[1:])):
        months = months[-1:]  # "trong tháng 5 và tháng 6": one window, due at its end
    out = []
    for month in months:
        if 1 <= month <= 12:
            due = _month_end(int(written.group(1)), month) if written else f"--{month:02d}-{_month_end(2021, month)[8:]}"
            resolved = _resolve(due, yearly, year, after_yearly)
            if resolved:
                out.append(resolved)
    return out


def _quarters(words: str) -> list[str]:
    """Each quarter a phrase lists, with the year written after the last (``quý I và quý III năm 2026``); quarters
    that follow each other are one window, due at the end of the last (``quý I và quý II``).

    >>> _quarters("trong quý I và quý III năm 2026"), _quarters("quý II, III/2026"), _quarters("Quý IV/2025")
    (['quý i năm 2026', 'quý iii năm 2026'], ['quý iii năm 2026'], ['Quý IV/2025'])
    """
    folded = fold(words)
    written = _WRITTEN_YEAR.search(folded)
    listed = _QUARTER_NUMBER.findall(folded[:written.start()] if written else folded)
    if len(listed) < 2:
        return [words]
    numbers = [{"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(q, 0) or int(q) for q in listed]
    if all(b == a + 1 for a, b in zip(numbers, numbers[1:])):
        listed = listed[-1:]
    return [f"quý {q}" + (f" năm {written.group(1)}" if written else "") for q in listed]


def _bound(kind: str, m: re.Match, text: str, year: int | None, after_yearly: bool = False) -> list[tuple[str, str]]:
    """The (due, kind) pairs a matched phrasing gives: none, one, or one per date or month it lists."""
    yearly = bool(m.groupdict().get("yearly"))
    if kind == "quarter":
        words = _FIRST_OF_SPAN.sub(r"\1", ocr_zeros(text[m.start():m.end()]))
        out = []
        for one in _quarters(words):
            resolved = _resolve(parse_quarter(one), yearly, year, after_yearly)
            if resolved:
                out.append((resolved[0], "start") if m.group("next") else resolved)
        return out
    if kind == "start":
        return [(m.group("year") or m.group("phase") or m.group("from") or m.group("school"), "start")]
    if kind == "from_date":
        if m.group("year"):
            return [(m.group("year"), "start")]
        due = _date(m.group("date"))
        return [(due, "start")] if due and not due.startswith("--") else []
    if kind == "bracket_month":
        month = int(m.group("month"))
        return [(_month_end(int(m.group("year")), month), "due")] if 1 <= month <= 12 else []
    if kind in ("range", "bracket_range"):
        end = _date(m.group("date"))
        first = _date(m.group("first")) if not m.group("first").isdigit() else None
        if end and end.startswith("--") and first and not first.startswith("--"):
            end = first[:4] + end[1:]
        resolved = _resolve(end, False, year, after_yearly)
        return [resolved] if resolved else []
    if kind in ("month_range", "months"):
        folded = ocr_zeros(fold(text[m.start():m.end()]))
        if kind == "month_range":  # due at the end of its last month
            folded = folded[folded.rfind("thang"):]
        return _months(folded, year, yearly, after_yearly)
    if kind in ("date", "until", "label_date", "on_day"):
        dates = [m.group("date")] + ([m.group("date2")] if m.groupdict().get("date2") else [])
        parsed = [_date(d) for d in dates]
        written_year = next((p[:4] for p in reversed(parsed) if p and not p.startswith("--")), None)
        out = []
        for due in parsed:  # "trước ngày 20/5 và 20/11/2027": the year written last holds for both
            if due and due.startswith("--") and written_year and len(parsed) > 1:
                due = written_year + due[1:]
            resolved = _resolve(due, yearly, year, after_yearly)
            if resolved:
                out.append(resolved)
        return out
    if kind == "yearly_month":
        month = int(m.group("month"))
        return [(f"--{_month_end(2021, month)[5:]}", "recurring")] if 1 <= month <= 12 else []
    if kind == "half":
        month_day = "06-30" if m.group("half") == "dau" else "12-31"
        due = f"{m.group('year')}-{month_day}" if m.group("year") else f"--{month_day}"
        resolved = _resolve(due, False, year, after_yearly)
        return [resolved] if resolved else []
    if kind == "year_end":
        return [(f"{m.group('year')}-12-31", "due")]
    if kind == "month":  # "trong tháng 11/2025", "trong tháng 12 hằng năm"
        y, month = int(m.group("year") or 2021), int(m.group("month"))
        if not 1 <= month <= 12:
            return []
        if m.group("prep") == "truoc":  # before a month: by the end of the one before it
            y, month = (y, month - 1) if month > 1 else (y - 1, 12)
        return [(_month_end(y, month), "due") if m.group("year") else ("--" + _month_end(y, month)[5:], "recurring")]
    if kind == "in_year":
        return [(f"{m.group('year')}-12-31", "due")]
    y = int(m.group("year")) - (1 if (m.group("prep") or "").strip() == "truoc" else 0)
    return [(f"{y}-12-31", "due")]


def _after_yearly(folded: str, start: int) -> bool:
    """Whether ``hằng năm`` stands right before ``start`` (``Định kỳ hằng năm (trước ngày 05/11)``), or the
    bound is the date of a periodic report's period (``định kỳ quý (trước ngày 20/3) và cả năm (trước
    ngày 20/11)``): a reporting calendar recurs each half-year and year, whatever the plan's length."""
    if _YEARLY_BEFORE.search(folded, max(0, start - 30), start) is not None:
        return True
    periodic = folded.rfind("dinh ky", max(0, start - 120), start)
    return periodic >= 0 and _PERIODIC_CALENDAR.fullmatch(_BRACKETED.sub(" ", folded[periodic + 7:start])) is not None


def _dated_months(doc: Document, m: re.Match) -> bool:
    """Months in prose bound a task when they carry a year or ``hằng năm``, or follow a time word in their clause:
    ``thời gian kiểm tra từ tháng 4 đến tháng 7`` does, ``mùa khô từ tháng 11 đến tháng 4`` does not."""
    if m.group("year") or m.group("yearly"):
        return True
    # a time word counts within 60 characters of the months, in their clause (the one mark before it included)
    reach = max(doc.lines.start(m.start()), m.start() - TIME_WORD_REACH)
    clause_start = max(doc.folded.rfind(p, reach, m.start()) + 1 for p in ",;.:")
    return _TIME_WORDS.search(doc.folded, max(reach, clause_start - 1), m.start()) is not None


def _task_year(doc: Document, m: re.Match) -> bool:
    """``trong năm 2027`` or ``vào ngày 15/5/2026`` after a task in its clause bounds it, unless the clause
    states a goal or the passage reports the situation before the plan."""
    section = doc.section_at(m.start())
    if section is not None and section.looks_back:  # what was done in a year before the plan is no bound
        return False
    # the sentence part around it: lines wrap and commas list places inside one goal ("20% xã, phường ... ngay trong năm")
    reach = max(0, m.start() - TASK_YEAR_REACH - 2)  # a two-character stop may end where the reach begins
    left = max(m.start() - TASK_YEAR_REACH, *(doc.folded.rfind(p, reach, m.start()) + 1 for p in (";", ". ", "\n\n")))
    # its part of the sentence ends at the next mark (``_PART_STOP``), at the latest where its line ends
    line_end = doc.lines.span(m.end())[1]
    stop = _PART_STOP.search(doc.folded, m.end(), line_end)
    right = stop.start() if stop else line_end
    return not _GOAL_WORDS.search(doc.folded, left, right)


def find_bounds(doc: Document, year: int | None) -> list[Bound]:
    """Every time bound written in the plan's prose, in order; overlapping phrasings keep the first, longest one."""
    matches: list[tuple[int, int, list[tuple[str, str]]]] = []
    folded = repaired_folded(doc)
    searched = anchored.Searched(folded)
    for kind, pattern in BOUNDS.items():
        for m in _matches(kind, searched):
            resolved = _bound(kind, m, doc.text, year, _after_yearly(folded, m.start()))
            if resolved and _counts(doc, m.start()) and (kind not in _MONTHS_ONLY or _dated_months(doc, m)) \
                    and (kind not in ("in_year", "on_day", "bracket_month", "bracket_range") or _task_year(doc, m)) \
                    and (kind != "on_day" or not _ISSUED_BEFORE.search(folded, max(0, m.start() - 60), m.start())):
                matches.append((m.start(), m.end(), resolved))
    matches.sort(key=lambda x: (x[0], x[0] - x[1]))
    kept: list[Bound] = []
    end = -1
    for start, stop, resolved in matches:
        if start >= end:
            kept += [Bound(start, stop, due, kind) for due, kind in dict.fromkeys(resolved)]
            end = stop
    return kept


def _matches(kind: str, searched: anchored.Searched) -> Iterator[re.Match]:
    """``BOUNDS[kind].finditer(searched.text)``; a phrasing with an anchor is searched from its words.

    >>> folded = fold("x hoàn  thành\\n trong quý II; xtrong quý III/2026, quý định")
    >>> [m.span() for m in _matches("quarter", anchored.Searched(folded))]
    [(2, 27), (30, 48)]
    >>> [m.span() for m in BOUNDS["quarter"].finditer(folded)]
    [(2, 27), (30, 48)]
    """
    if kind in _FOUND_FROM:
        return searched.finditer(BOUNDS[kind], _FOUND_FROM[kind])
    return BOUNDS[kind].finditer(searched.text)


def _counts(doc: Document, offset: int) -> bool:
    """Bounds in the goals, the legal basis or a statement of the plan's own period are not deadlines."""
    section = doc.section_at(offset)
    if section is not None and not section.assigns_work:
        return False
    in_period = _PLAN_PERIOD.match(doc.folded, doc.lines.start(offset)) or (section is not None and _PLAN_PERIOD.match(
        doc.folded, section.body_start))
    return not (in_period and (section is None or section.kind not in _TASK_SECTIONS))


def _due_span(doc: Document, bound: Bound) -> tuple[int, int]:
    """The bound's words, with the period phrase it qualifies (``Định kỳ 6 tháng (trước ngày 15/6)``)."""
    start, end = bound.start, bound.end
    reach = max(doc.lines.start(start), start - PERIOD_REACH)
    clause_start = max(doc.folded.rfind(p, reach, start) + 1 for p in ",;.:")
    before = _PERIOD_BEFORE.search(doc.folded, max(clause_start, reach), start)
    if before and "(" in doc.folded[before.start():start]:
        start = before.start()
        close = doc.text.find(")", end, end + 3)
        end = close + 1 if close >= 0 else end
    return start, end


_OPEN_SPACE, _SPACE_CLOSE = re.compile(r"\(\s+"), re.compile(r"\s+\)")
_ITEM_MARK = re.compile(r"^[\s\-+•*]*(?:[a-zđ\d]{1,2}[.)]\s*)?")


def _words(text: str) -> str:
    return _OPEN_SPACE.sub("(", _SPACE_CLOSE.sub(")", " ".join(text.replace("*", " ").split())))


def _short(words: str) -> str:
    """The first ``TASK_WORDS`` words, ``…`` after them when more follow (the rest is not split into words).

    >>> _short("a **b** c"), _short(" ".join(map(str, range(20))) + " "), _short(" ".join(map(str, range(14))) + " ")
    ('a b c', '0 1 2 3 4 5 6 7 8 9 10 11 12 13 …', '0 1 2 3 4 5 6 7 8 9 10 11 12 13')
    """
    tokens = words.replace("*", " ").split(maxsplit=TASK_WORDS)  # the words, and the rest when more follow
    return " ".join(tokens[:TASK_WORDS]).strip(" ,;:.-(") + (" …" if len(tokens) > TASK_WORDS else "")


def _task(doc: Document, start: int, end: int) -> str:
    """The task bounded by ``[start, end)``: the clause before it, or after it when only periods precede it."""
    left, right = doc.sentence_span(start, end)
    before = _without_bound_groups(doc.text[left:start])
    if not _PERIODS_ONLY.match(fold(before)):
        return _short(_ITEM_MARK.sub("", before).strip(" (*,"))
    return _short(_without_bound_groups(doc.text[end:right]).strip(" ),*"))


def _without_bound_groups(words: str) -> str:
    """``words`` without their bracketed groups and the two words before each (``hoàn thành (trong quý I)``):
    ``_BOUND_GROUPS.sub(" ", words)``.

    >>> _without_bound_groups("Ban hành (trong quý I) kế hoạch"), _without_bound_groups("Ban hành kế hoạch")
    ('  kế hoạch', 'Ban hành kế hoạch')
    """
    return anchored.sub(_BOUND_GROUPS, _BOUND_GROUP_FROM, lambda m: " ", words)


# ----------------------------------------------------------------- responsible body
def _responsible(doc: Document, where: _Passages, offset: int,
                 within: tuple[int, int] | None = None) -> str | None:
    """The body leading the narrowest passage (item, line, table row) around ``offset``, inside ``within`` if given.

    A passage that opens with the object of a verb wrapped onto a new line (``báo cáo\nUBND tỉnh trước ngày ...``)
    is no body's own. A group (``Các sở, ngành``) addressed together with a named class (``Các sở, ngành, UBND
    các xã, phường``) leaves the bound to the class.
    """
    best = where.narrowest_within(offset, within) if within else where.narrowest(offset)
    if best is None:
        return None
    if best[0][1] and not within:  # the group's own address: up to its colon or the end of its paragraph
        limit = min(offset, best[2] + GROUP_ADDRESS_CHARS)
        colon = doc.text.find(":", best[2], limit)
        blank = doc.text.find("\n\n", best[2], min(offset, limit + 1))  # a blank line that starts before the limit
        ends = [p for p in (colon, blank) if p >= 0]
        return _subject(doc, best[2], min([limit, *ends])) or best[1]
    return best[1]


# A group's own address runs at most this far from where its passage starts (characters).
GROUP_ADDRESS_CHARS = 300


def _object_opens(doc: Document, start: int) -> bool:
    """Whether the passage at ``start`` opens mid-sentence with the object of the verb before it."""
    section = doc.section_at(start)
    if section is not None and section.start == start:  # an item of its own
        return False
    before = doc.folded[max(0, start - 20):start].replace("\n", " ")
    return _OBJECT_BEFORE.search(before) is not None


_LIST_BREAK = re.compile(r"\s*;\s*")
_GROUP_WORD = re.compile(r"^(?:các|Các)\s+")


@functools.lru_cache(maxsize=64)  # a table's lead cells repeat its few bodies row after row
def lead_name(text: str) -> str | None:
    """The body a lead cell or a ``Cơ quan chủ trì:`` label names first; None for a group that names no body.

    >>> lead_name("Bộ CHQS tỉnh; UBND cấp xã"), lead_name("Sở, ban, ngành, tổ chức chính trị - xã hội")
    ('Bộ Chỉ huy Quân sự tỉnh', 'Các sở, ban, ngành, tổ chức chính trị - xã hội')
    >>> lead_name("Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã"), lead_name("Các cơ quan, đơn vị theo quy định.")
    ('Ban Chỉ huy Phòng thủ dân sự cấp tỉnh', None)
    """
    first = _LIST_BREAK.split(" ".join(text.replace("*", " ").split()).strip(" .;:,"))[0]
    folded = fold(first)
    if _DEPARTMENTS.match(folded):
        group = _GROUP_WORD.sub("", first)
        return "Các " + group[:1].lower() + group[1:]
    if _GENERIC_LEAD.match(folded):
        return None
    part = first.split(",")[0].strip()
    mentions = find_mentions(part, fold(part))
    if mentions and mentions[0].start == 0:
        rest = fold(part[mentions[0].end:]).split()
        # "Ban Quản lý các khu công nghiệp": lower-case words carry the name on past what the gazetteer knows,
        # up to a verb ("Sở Nội vụ chủ trì tham mưu ...")
        goes_on = rest and part[mentions[0].end:].strip()[:1].islower() and (
            rest[0] in _DETERMINERS or rest[0] not in NAME_STOPS)
        return canonical_agency(part) if goes_on else mentions[0].name
    if _GENERIC_LEAD.match(folded) or not part[:1].isupper():
        return None
    return canonical_agency(part)  # a body the gazetteer lacks, or a named group (``Các doanh nghiệp viễn thông``)


def _labelled_lead(doc: Document, offset: int) -> tuple[bool, str | None]:
    """For a bound on a task's ``Thời gian thực hiện:`` line, the lead its ``Đơn vị chủ trì:`` label names.

    Returns (whether the task has a lead label, the body it names or None for a generic group).
    """
    folded = doc.folded
    line_start = doc.lines.start(offset)
    if not _TIME_LINE.match(folded, line_start):
        return False, None
    section = doc.section_at(offset)
    floor = section.body_start if section is not None else 0
    # the task opens at the last bullet or item line above that is not itself a label
    block_start = floor
    pos = line_start
    while pos > floor:
        prev = folded.rfind("\n", 0, pos - 1) + 1
        if _TASK_OPENER.match(folded, prev) and not _LEAD_LABEL.match(folded, _opener_end(folded, prev)) \
                and not _PARTNER_LABEL.match(folded, _opener_end(folded, prev)) and not _TIME_LINE.match(folded, prev):
            block_start = prev
            break
        pos = prev
    found = None
    for m in _LEAD_LABEL.finditer(folded, block_start, line_start):
        words = m.group("words")
        if _LEAD_WORDS.search(words) and "phoi hop" not in words and "\n\n" not in words:
            found = m
    if found is None:
        return False, None
    value_end = min(p for p in (folded.find("\n\n", found.end(), line_start), folded.find("\n-", found.end(), line_start),
                                line_start) if p >= 0)
    return True, lead_name(doc.text[found.end():value_end])


def _opener_end(folded: str, start: int) -> int:
    return _OPENER_MARKS.match(folded, start).end()


_MARKDOWN = re.compile(r"[*#]")


@functools.lru_cache(maxsize=16)  # a few passages: a long one (a page with its line breaks lost) is not kept long
def _passage_mentions(text: str, folded: str) -> tuple[str, tuple[Mention, ...]]:
    """A passage's folded words on one line and the bodies it names: a bound's sentence is read both ways, and the
    headings of an item for each of its bounds."""
    # names wrap over lines ("Ủy \nban nhân dân"): read the passage as one line with single spaces
    # (Markdown marks blank in both copies first: the folded copy reads them as spaces)
    text, folded = _single_spaced(_MARKDOWN.sub(" ", text)), _single_spaced(folded)
    return folded, tuple(find_mentions(text, folded))


def _single_spaced(text: str) -> str:
    r"""``text`` with each run of spaces (``\s+``) one space: its words joined, a space kept at either end.

    >>> _single_spaced(" Ủy \nban\t nhân dân\n"), _single_spaced("\n\n"), _single_spaced("")
    (' Ủy ban nhân dân ', ' ', '')
    """
    words = text.split()  # the same spaces as \s: a replacement per space of a passage cost twice as much
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + " ".join(words) + (" " if text[-1].isspace() else "")


def _subject(doc: Document, start: int, end: int, after_request: bool = False) -> str | None:
    """The first body in ``[start, end)`` its clause is addressed to: only generic groups or an adverbial precede it.

    With ``after_request``, only the bodies after one who asks (``UBND tỉnh yêu cầu các sở, UBND các xã ...``):
    a passage without the words of a request is not read for its bodies.
    """
    if after_request and not _REQUEST_WORDS.search(doc.folded, start, end):
        return None
    folded, mentions = _passage_mentions(doc.text[start:end], doc.folded[start:end])
    asked = not after_request
    request_end = 0
    for mention in mentions:
        if _REQUESTER_AFTER.match(folded, mention.end) and _ISSUER_NAME.match(fold(mention.name)):
            asked = True
            request_end = _REQUESTER_AFTER.match(folded, mention.end).end()
            continue
        clause = max(folded.rfind(p, 0, mention.start) for p in ".;:") + 1
        if asked and _addresses(folded[max(clause, request_end):mention.start]):
            return mention.name
    return None


def _addresses(prefix: str) -> bool:
    """Whether a clause's words before a body leave it the subject: only generic groups, or an adverbial first."""
    if _INTRO.match(prefix):
        prefix = prefix[prefix.rfind(",") + 1:] if "," in prefix else ""
    return _ADDRESS_FILLER.fullmatch(prefix) is not None


def _sentence_start(doc: Document, offset: int) -> int:
    """Start of the sentence around ``offset``; clauses joined by ``;`` share their subject, so they count as one."""
    left, _ = doc.sentence_span(offset, offset)
    for _ in range(3):
        before = left  # the end of the text before the sentence, its spaces aside
        while before > 0 and doc.text[before - 1].isspace():
            before -= 1
        if before == 0 or doc.text[before - 1] != ";":
            break
        left, _ = doc.sentence_span(before - 1, before - 1)
    return left


def _item_addressee(doc: Document, offset: int, where: _Passages) -> str | None:
    """The body the headings of the items around ``offset`` are addressed to, innermost first."""
    section = doc.section_at(offset)
    for item in doc.ancestors(section) if section is not None else []:
        if not item.assigns_work or item.parent is None:
            break
        heading_end = min(offset, doc.sentence_span(item.body_start, item.body_start)[1])  # headings wrap too
        name = _subject(doc, item.body_start, heading_end)
        if name:
            return name
    return _numbered_item_addressee(doc, offset, section, where)


def _numbered_item_addressee(doc: Document, offset: int, section: Section | None, where: _Passages) -> str | None:
    """The subject of the nearest numbered item line above ``offset`` (``**1**. Các sở, ... và UBND các xã:``).

    Renderings that bold only an item's number hide it from the section outline; its letter items
    (``a)``, ``b)``) and bullets still answer to it. The lines read go up to the one holding the start of the
    outermost section around the bound; a part numbered ``II.`` on the way ends the search.
    """
    floor = section.start if section is not None else 0
    for section_item in doc.ancestors(section) if section is not None else []:
        floor = section_item.start  # the outermost section holding the bound
    i = bisect.bisect_left(where.item_lines, doc.lines.start(offset)) - 1
    if i < 0 or doc.line_span(where.item_lines[i])[1] < floor:
        return None
    pos = where.item_lines[i]
    m = _NUMBERED_ITEM.match(doc.folded, pos)
    if m is None:  # a part: its items are others
        return None
    return _subject(doc, m.end(), min(offset, doc.sentence_span(m.end(), m.end())[1]))


class _Passages:
    """What the search for a bound's body looks up, found once per document: numbered item lines, the closing
    words (both when a bound first asks), and the passages the agencies lead, narrowest first."""

    def __init__(self, doc: Document, agencies: list[Agency]) -> None:
        self._folded = doc.folded
        # (start, end, rank, order, name): a narrower passage first, a named body before a group, then the first listed
        scopes = []
        for agency in agencies:
            group = bool(_GROUP_NAME.match(fold(agency.name)))
            for start, end in agency.scopes:
                if end > start and not _object_opens(doc, start):
                    scopes.append((start, end, (end - start, group), len(scopes), agency.name))
        self.scopes = sorted(scopes)
        self.scope_starts = [scope[0] for scope in self.scopes]
        self._open: list[tuple[tuple[int, bool], int, int, str, int]] = []  # heap of the passages begun so far
        self._taken = 0  # passages pushed
        self._offset = -1  # the last offset asked: asked in order, each passage is pushed and popped once

    # (the bounds of most plans never ask for an item's line, some for no closing words)
    @functools.cached_property
    def item_lines(self) -> list[int]:
        """Where each numbered item line (``1.``, ``II.``) starts."""
        return [0] * bool(_ITEM_LINE.match(self._folded)) + [m.end() for m in _ITEM_LINE_AFTER_BREAK.finditer(self._folded)]

    @functools.cached_property
    def closings(self) -> list[tuple[int, int]]:
        """(the line break, the words' end) of each of the plan's closing words after a line break, in order. The
        words are searched first (a literal the engine skips to), then the marks back to the break before them.

        >>> _Passages(Document("t", "0", "a\\n * Trên đây là\\nx trên đây là\\n\\ntrên đây là"), []).closings
        [(1, 16), (32, 44)]
        """
        folded = self._folded
        found = []
        for words in _CLOSING_WORDS.finditer(folded):
            line_break = folded.rfind("\n", 0, words.start())
            if line_break >= 0 and _SPACES_AND_MARKS.fullmatch(folded, line_break + 1, words.start()):
                found.append((line_break, words.end()))
        return found

    def closed_within(self, lo: int, hi: int) -> bool:
        """Whether closing words after a line break start at ``lo`` or later and end by ``hi`` (one a line: each
        ends after the one before)."""
        i = bisect.bisect_left(self.closings, (lo,))
        return i < len(self.closings) and self.closings[i][1] <= hi

    @functools.cached_property
    def closing_at_start(self) -> re.Match | None:
        """The plan's closing words opening the text."""
        return _CLOSING_AT_START.match(self._folded)

    def narrowest(self, offset: int) -> tuple[tuple[int, bool], str, int] | None:
        """(rank, name, start) of the narrowest passage holding ``offset``."""
        if offset < self._offset:
            self._open, self._taken = [], 0
        self._offset = offset
        while self._taken < len(self.scopes) and self.scopes[self._taken][0] <= offset:
            start, end, rank, order, name = self.scopes[self._taken]
            heapq.heappush(self._open, (rank, order, end, name, start))
            self._taken += 1
        while self._open and self._open[0][2] <= offset:
            heapq.heappop(self._open)  # ended before this offset, so before every later one
        return (self._open[0][0], self._open[0][3], self._open[0][4]) if self._open else None

    def narrowest_within(self, offset: int, within: tuple[int, int]) -> tuple[tuple[int, bool], str, int] | None:
        """(rank, name, start) of the narrowest passage inside ``within`` holding ``offset``."""
        lo = bisect.bisect_left(self.scope_starts, within[0])
        hi = bisect.bisect_right(self.scope_starts, offset)
        inside = [s for s in self.scopes[lo:hi] if offset < s[1] <= within[1]]
        best = min(inside, key=lambda s: (s[2], s[3]), default=None)
        return (best[2], best[4], best[0]) if best else None


def _agency(doc: Document, where: _Passages, offset: int) -> str | None:
    labelled, name = _labelled_lead(doc, offset)
    if labelled:
        return name
    left = _sentence_start(doc, offset)
    own = _own_clause_subject(doc, left, offset)
    if own:
        return own
    asked = _subject(doc, left, offset, after_request=True)
    if asked or _in_closing(doc, offset, where):  # the closing words address everyone, not the last item's body
        return asked or _subject(doc, left, offset)
    return _responsible(doc, where, offset) or _subject(doc, left, offset) or _item_addressee(doc, offset, where)


def _own_clause_subject(doc: Document, left: int, offset: int) -> str | None:
    """The body opening the bound's own clause when a ``;`` sets it apart from its sentence's first clause:
    ``Đề nghị Hội Nông dân tỉnh ...; Tỉnh đoàn tổ chức Ngày hội (tháng 3/2027)`` is the Tỉnh đoàn's."""
    semicolon = doc.folded.rfind(";", left, offset)
    return _subject(doc, semicolon + 1, offset) if semicolon >= 0 else None


def _in_closing(doc: Document, offset: int, where: _Passages) -> bool:
    """Whether ``offset`` follows the plan's closing words (``Trên đây là Kế hoạch ...``) inside the last item."""
    section = doc.section_at(offset)
    start = section.start if section is not None else 0
    at_start = where.closing_at_start
    return where.closed_within(start, offset) or (start == 0 and at_start is not None and at_start.end() <= offset)


# ----------------------------------------------------------------- task tables
@dataclass(frozen=True)
class TimeRow:
    """A data row of a table with a time column: the spans of its time, lead and task cells."""

    start: int
    end: int
    time: tuple[int, int]
    lead: tuple[int, int] | None
    task: tuple[int, int] | None


_DIGIT = re.compile(r"\d")


def _may_name_time(folded: str, start: int, end: int) -> bool:
    """Whether a row may head a time column: ``column_kind`` reads one from "thời gian", "thời hạn", "mốc thời
    gian" or "tiến độ" (most rows are data rows, whose cells need not be read as labels)."""
    return folded.find("thoi", start, end) >= 0 or folded.find("tien", start, end) >= 0


def time_rows(doc: Document) -> Iterator[TimeRow]:
    """Rows of the tables whose header names a time column (tabs, ``|`` rows or a web page's one cell per line).

    A row narrower than its header lost its first cells to cells merged down from the row above (it is
    read from the right, and those cells repeat the row above's: its lead answers for it too), unless it
    opens with a row label (``II``: a heading merged across). A row wider
    than its header reads the last column from its last filled cell.
    """
    header: dict[str, int] | None = None
    width = 0
    above: list[tuple[int, int] | None] = []  # the row above, whose cells a merged-down cell repeats
    for found in doc.cell_rows:
        if found is None:
            header = None
            continue
        start, end, cells = found
        if _may_name_time(doc.folded, start, end):
            # column labels are short and no "label: value" lines of prose indented with tabs
            kinds = {column_kind(doc.folded[a:b]): i for i, (a, b) in enumerate(cells) if b - a <= 60
                     and ":" not in doc.folded[a:b]}
            kinds.pop(None, None)
            # a header names a time column and another known one, or holds no figure (a data row has its number)
            if "time" in kinds and (len(kinds) >= 2 or not _DIGIT.search(doc.text, start, end)):
                header, width = kinds, len(cells)
                continue
        if header is None or not cells:
            continue
        if len(cells) < width and not ROW_LABEL.fullmatch(doc.folded, *cells[0]):
            missing = width - len(cells)
            cells = (above[:missing] if len(above) >= missing else [None] * missing) + cells  # type: ignore[operator]
        elif len(cells) > width:
            filled = [c for c in cells if doc.text[c[0]:c[1]].strip()]
            cells = cells[:width - 1] + filled[-1:]
        above = list(cells) if len(cells) == width else []
        picked = {kind: cells[i] if i < len(cells) else None for kind, i in header.items()}
        if picked.get("time") is not None:
            yield TimeRow(start, end, picked["time"], picked.get("lead"), picked.get("task"))


_YEARS_ON = re.compile(rf"(\d{{4}})(?:\s*-\s*\d{{4}})?{_NEXT_YEARS}")  # "2028 - 2032 và các năm tiếp theo"
_FOUR_DIGITS = re.compile(r"\d{4}")


def _cell_bounds(doc: Document, start: int, end: int, year: int | None) -> list[tuple[str, str]]:
    """The bounds in a table's time cell: its prose phrasings, else ``Quý III/2026``, ``Tháng 12 hằng năm``,
    ``2026`` or ``2025 - 2030``; bounds joined by a dash or ``đến`` are one span, due at its end."""
    folded = repaired_folded(doc)
    found: list[tuple[int, int, list[tuple[str, str]]]] = []
    for kind, pattern in BOUNDS.items():
        for m in pattern.finditer(folded, start, end):
            if not any(a <= m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), _bound(kind, m, doc.text, year, _after_yearly(folded, m.start()))))
    if not found:  # "6 tháng đầu năm 2027" alone in the cell: the half year, due at its end
        for m in _CELL_HALF.finditer(folded, start, end):
            month_day = "06-30" if m.group("half") == "dau" else "12-31"
            resolved = _resolve(f"{m.group('year')}-{month_day}" if m.group("year") else f"--{month_day}", False, year)
            found.append((m.start(), m.end(), [resolved] if resolved else []))
    if not found:
        for m in _CELL_MONTH.finditer(folded, start, end):
            month = int(m.group("month"))
            if 1 <= month <= 12 and m.group("from") and m.group("year"):  # "Từ tháng 4/2027": the task opens then
                found.append((m.start(), m.end(), [(f"{int(m.group('year')):04d}-{month:02d}-01", "start")]))
            elif 1 <= month <= 12:
                due = _month_end(int(m.group("year")), month) if m.group("year") else f"--{_month_end(2021, month)[5:]}"
                resolved = _resolve(due, bool(m.group("yearly")), year)
                found.append((m.start(), m.end(), [resolved] if resolved else []))
    if not found:  # a date alone in the cell ("Đến 31/12/2025", "30/11/2025"); "Từ 01/12/2025" opens the task
        for m in _CELL_DATE.finditer(folded, start, end):
            due = _date(m.group("date"))
            if due and not due.startswith("--"):
                found.append((m.start(), m.end(), [(due, "start" if m.group("from") else "due")]))
    after = _YEARS_ON.search(folded[start:end])
    if not found and after:  # "2028 - 2032 và các năm tiếp theo": open from its first year
        return [(after.group(1), "start")]
    listed = _CELL_YEAR_LIST.fullmatch(folded, start, end)
    if not found and listed:  # "2027, 2028", "Năm 2027 và năm 2029": each year is a bound
        return [(f"{y}-12-31", "due") for y in _FOUR_DIGITS.findall(listed.group(0))]
    if not found:  # "2026", "Năm 2027", "2026-2028", "Từ năm 2026 đến năm 2030": due at the end of the last year
        years = parse_years(folded[start:end])
        bare = _CELL_YEARS.search(folded, start, end)
        last = years[1] if years else int(bare.group(2) or bare.group(1)) if bare else None
        return [(f"{last}-12-31", "due")] if last else []
    found.sort()
    out: list[tuple[str, str]] = []
    for i, (_, _, resolved) in enumerate(found):
        if i and _CELL_SPAN.match(folded, found[i - 1][1], found[i][0]) and out:
            out = out[:-len(found[i - 1][2])] if found[i - 1][2] else out
        out += resolved
    return out


def _table_deadlines(doc: Document, year: int | None, where: _Passages) -> list[Deadline]:
    out = []
    for row in time_rows(doc):
        start, end = row.time
        if not _counts(doc, start):
            continue
        agency = lead_name(doc.text[slice(*row.lead)]) if row.lead is not None else None
        agency = agency or _responsible(doc, where, start, within=(row.start, row.end))
        task_span = row.task or (row.start, row.end)
        for due, kind in dict.fromkeys(_cell_bounds(doc, start, end, year)):
            out.append(Deadline(**doc.origin(start, end), due=due, kind=kind, due_text=_words(doc.text[start:end]),
                                agency=agency, task=_short(doc.text[task_span[0]:task_span[1]])))
    return out


def extract_deadlines(doc: Document, year: int | None, agencies: list[Agency]) -> list[Deadline]:
    """Every explicit time bound of the plan, with its due date, kind, task and responsible body.

    ``year`` is the plan's year when it covers a single year (bounds written without a year fall in
    it), else None; ``agencies`` is ``extract_agencies(doc)``, whose scopes name the responsible body.
    """
    where = _Passages(doc, agencies)
    tabled = _table_deadlines(doc, year, where)
    in_tables = {d.span for d in tabled}
    deadlines = []
    for b in find_bounds(doc, year):
        if any(start <= b.start < end for start, end in in_tables):
            continue
        start, end = _due_span(doc, b)
        deadlines.append(Deadline(**doc.origin(b.start, b.end), due=b.due, kind=b.kind, due_text=_words(
            doc.text[start:end]).strip(" ,;("), agency=_agency(doc, where, b.start), task=_task(doc, start, end)))
    return sorted(deadlines + tabled, key=lambda d: d.span[0])
