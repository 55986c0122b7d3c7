"""Budgets: the money a plan states for its own funding, in prose and in its budget tables.

Prose amounts (``Tổng kinh phí … là 6,970 tỷ đồng (Sáu tỷ chín trăm bảy mươi
triệu đồng)``) become one ``Budget`` each, with the source named by the words of
their clause, the years of their sentence (else the plan's period) and a kind
(total / source / annual). The lines of a cost estimate (``In tài liệu:
20.000.000 đồng/năm``, a task's ``Kinh phí: …``) are ``item``s beside its own
total; money the plan reports rather than plans (the situation before it, past
years, footnotes, other documents' amounts, revenue, debt, fees, prices, norms)
is no budget. A level of government that sets money aside as its clause's subject (``xã sẽ bố
trí trung bình 200 triệu đồng mỗi năm``) funds from its own budget. A bare figure restated in words
(``Tổng cộng 1.720 (Bằng chữ: Một tỷ bảy trăm hai mươi triệu đồng)``) is an amount when the words
equal it in the unit of the ``ĐVT:`` line above (a table rendered without cells). Attached tables
are read by ``chitieu.extractors.budget_tables`` (once per document, with the checks of their sums);
their lines and totals follow the prose amounts.

>>> from chitieu.models.document import Document
>>> doc = Document("a.txt", "0", "V. KINH PHÍ\\nTổng kinh phí thực hiện giai đoạn 2021 - 2025 là "
...     "3 tỷ đồng (Ba tỷ đồng), bao gồm:\\n- Ngân sách tỉnh: 2 tỷ đồng;\\n- Xã hội hóa: 1 tỷ đồng.")
>>> [(b.amount_vnd, b.kind, b.source, b.year_from, b.year_to, b.words_match)
...  for b in extract_budgets(doc, (2021, 2025))]  # doctest: +NORMALIZE_WHITESPACE
[(3000000000, 'total', 'mixed', 2021, 2025, True), (2000000000, 'source', 'province', 2021, 2025, None),
 (1000000000, 'source', 'social', 2021, 2025, None)]
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from chitieu.extractors.budget_tables import (
    BudgetTable,
    classify_source,
    named_sources,
    not_funding_words,
    read_budget_tables,
    table_budgets,
    unit_above,
)
from chitieu.extractors.numbers import (
    CURRENCY_WORD,
    NOT_A_SCALE,
    NUMBER_AFTER_FIRST_DIGIT,
    SCALE_WORD,
    YEAR,
    Figures,
    FigureStarts,
    figure_starts,
    parse_amount,
    parse_money_words,
    parse_number,
    parse_years,
    year_words,
)
from chitieu.models.document import Document
from chitieu.models.items import Budget

# --- rule vocabulary (folded: lower case, no diacritics) -------------------------------------

# "Ngân sách địa phương" is the issuer's own budget: the province's in a provincial plan,
# the district's in a district or commune plan.
LOCAL_SOURCE = {"district": "district", "commune": "district"}

# Words that make an amount the whole of a funding, one year's share, or not the plan's funding at all.
TOTAL_WORDS = ("tong kinh phi", "tong von", "tong muc", "tong cong", "tong du toan", "tong nhu cau",
               "tong so", "tong nguon", "tong chi phi")
# A clause that opens with "Mỗi năm," or "Hằng năm" (after a bullet or item number) states a yearly sum.
YEARLY_OPENING = re.compile(r"[\s\-+*•–]*(?:(?:\d{1,2}|[a-zđ])[.)]\s*)?(?:moi nam|hang nam)\b")
# "từ năm 2027 trở đi", "từ năm 2027 trở về sau": a span open to the plan's end.
FROM_YEAR_ON = re.compile(rf"\btu nam ({YEAR}) (?:{year_words('onward', ' ')})\b")
# A percentage of the total ("khoảng 60% tổng nhu cầu", "30% tổng kinh phí"): the amount after it is a part.
_PART_OF_TOTAL = re.compile(r"\d[\d.,]*\s*%\s*(?:cua\s+)?tong\b")
AVERAGE_WORDS = ("binh quan", "trung binh")
YEARLY_WORDS = ("moi nam", "hang nam", "hàng nam", "nam mot")
# A share named by a kind of money the contract has no source word for ("Nguồn sự nghiệp giáo dục:",
# "Vốn đầu tư phát triển:", "Chi thường xuyên:"): one part of the funding, not a cost line.
SHARE_LABEL = re.compile(
    r"\bnguon (?:von|kinh phi|ngan sach|su nghiep|chuong trinh|thu|tai tro|ho tro|dau tu|khac|hop phap|vien tro|vay)"
    r"|\bvon (?:dau tu|su nghiep|chi thuong xuyen|ngan sach|doi ung|khac|vay|oda|trong nuoc|nuoc ngoai|ngoai nuoc)"
    r"|\bkinh phi (?:su nghiep|dau tu|chi thuong xuyen|thuong xuyen|khong thuong xuyen|tu chu|khong tu chu)"
    r"|chi dau tu phat trien|chi thuong xuyen|chuong trinh muc tieu")
# Words naming the plan itself: "Kinh phí thực hiện Kế hoạch" is the plan's funding even under a task.
PLAN_WORDS = re.compile(r"ke hoach|chuong trinh|de an|toan bo")
# A label that is the plan's own funding ("Kinh phí thực hiện Kế hoạch là", "Kinh phí dự kiến:"), not a cost line.
PLAN_FUNDING = re.compile(
    r"(?:kinh phi|ngan sach|nguon von|von|nguon kinh phi)(?:\s+(?:du kien|de|thuc hien|trien khai|bo tri|cap|giao"
    r"|ke hoach|chuong trinh|de an|du an|nay|cua|giai doan|hoat dong))*[\s:,]*(?:la|khoang|du kien|:)?[\s:]*$")
FUNDING_WORDS = re.compile(r"kinh phi|ngan sach|\bvon\b|du toan|nguon luc|tai chinh|tai tro|dau tu|nguon chi"
                           r"|\bnsdp\b|\bnsnn\b|tong chi\b")  # a budget plan's spending: "tổng chi ngân sách xã"
# Money that is not the plan's funding (fees, fines, losses, statistics, revenue, debt, pay, norms, prices,
# money already spent, taxes forgone: lexicon/not_funding.csv), and a table's unit line ("Đơn vị tính: 1.000 đồng").
EXCLUSION_WORDS = re.compile(not_funding_words("prose") + r"|\bdvt\b|don vi tinh|don vi\s*:")
# A document number ("số 1234/QĐ-UBND", "12/2023/NQ-HĐND"): an amount after it is quoted from that document.
CITED_DOCUMENT = re.compile(r"\b\d{1,5}(?:/\d{4})?/[a-z]{1,6}(?:-[a-z]{1,8})+\b")
# Limits and thresholds ("dự án dưới 45 tỷ đồng") are not amounts the plan spends.
THRESHOLD_BEFORE = re.compile(r"(?:duoi|tren|khong qua|toi da|toi thieu|it nhat|vuot|hon)\s*$")
# ... except a floor word after the plan's own total (``Tổng kinh phí dự kiến trên 2 tỷ đồng``): an estimate.
ESTIMATE_FLOOR = re.compile(r"(?:tong (?:kinh phi|von|nhu cau|du toan|chi phi)|kinh phi thuc hien)(?:\s+[a-z]+){0,4}?"
                            r"(?:\s+(?:du kien|khoang|uoc tinh|la))?\s*:?\s*(?:tren|hon|it nhat|toi thieu)\s*$")
# After an amount: a rate per unit ("đồng/người/tháng", "cho mỗi xã") is not a budget, "/năm" is a yearly one.
PER_UNIT_AFTER = re.compile(r"\s*(?:/\s*(?!nam\b)|(?:cho\s+)?moi\s+(?!nam\b)\w)")
PER_YEAR_AFTER = re.compile(r"\s*(?:/\s*nam\b|moi nam|hang nam|mot nam)")
# After an amount: "= 30.000.000 đồng" makes it a factor of a costing formula ("2 hội nghị x 15.000.000
# đồng = 30.000.000 đồng"), a price; the formula's result is the line's cost.
FORMULA_OPERAND_AFTER = re.compile(r"\s*=\s*\d")
# Before an amount: "mỗi hộ", "mỗi giải:", "hỗ trợ mỗi lớp" make it a rate per unit (a norm), not a budget.
# So does a unit that receives it: "bình quân mỗi xã được hỗ trợ", "mỗi mô hình được cấp".
PER_UNIT_BEFORE = re.compile(r"\bmoi\s+(?!nam\b)[a-z]+(?:\s+[a-z]+)?(?:\s+(?:se\s+)?duoc(?:\s+(?:ho tro|cap|nhan|huong"
                             r"|thuong|phan bo|giao|chi))?)?\s*[:,]?\s*(?:toi da|khoang|tu)?\s*$")
# Local budgets that set money aside: "mỗi quận trích ít nhất", "Hằng năm, mỗi xã bố trí không dưới".
# Each unit funds the plan's work from its own budget; with a yearly word the sum is a yearly one
# (a floor word before it sets the least each unit spends, not a threshold of something else).
ALLOCATING_UNIT = {"tinh": "province", "huyen": "district", "quan": "district", "thi xa": "district",
                   "xa": "district", "phuong": "district", "thi tran": "district", "dac khu": "district"}
ALLOCATION_BEFORE = re.compile(
    r"\bmoi\s+(tinh|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)\b(?:\s+(?:phai|can|se|chu dong|hang nam|moi nam))*"
    r"\s+(?:danh|bo tri|trich|can doi|phan bo|dau tu|chi)(?:\s+(?:ngan sach|kinh phi|von))?"
    r"\s*(?:toi thieu|it nhat|khong duoi|khong it hon)?\s*:?\s*$")
# A level of government opening its clause as the subject that sets money aside: "Từ năm 2027 đến năm 2029, tỉnh
# sẽ bố trí trung bình 3 tỷ đồng mỗi năm", "xã trích khoảng 50 triệu đồng": that level's own budget. Only
# right after a clause break, so "ngân sách tỉnh bố trí" (a source's name) is not read as one.
LEVEL_ALLOCATION = re.compile(
    r"(?:^|[,;:.]\s*|\n\s*)(tinh|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)"
    r"(?:\s+(?:du kien|se|chu dong|hang nam|moi nam|phai|can|tiep tuc))*"
    r"\s+(?:bo tri|trich|can doi|phan bo|danh)(?:\s+(?:ngan sach|kinh phi|von))?"
    r"\s*(?:binh quan|trung binh|khoang|toi thieu|it nhat|khong duoi)?\s*:?\s*$")
# Words after "đồng" that make it another word (đồng bào, đồng chí, đồng thời ...), not the currency.
NOT_CURRENCY_AFTER = re.compile(r"\s*(?:bao|chi|bang|bo|deu|doi|hanh|ho|hoa|loat|lua|nghiep|thoi|tinh|y|tam|vong|dang)\b")


# A figure not inside another (after a digit, '.', ',' or '/'), its unit words.
_UNIT_WORDS = rf"\s*(?:({SCALE_WORD}){NOT_A_SCALE}\s*)?({CURRENCY_WORD})?(?![a-z0-9])"
_AMOUNT = re.compile(rf"(\d(?<![\d.,/]\d)(?:{NUMBER_AFTER_FIRST_DIGIT})){_UNIT_WORDS}")

# The amount restated in words: "(Năm tỷ đồng)", "(Bằng chữ: …)" (maybe wrapped over two lines),
# ", bằng chữ: …", ". Bằng chữ: …" on the next line.
_WORDS_AFTER = re.compile(r"\s*(?:\(\s*(?:bang chu\s*:?\s*)?([^()]{3,160})\)|[.,;]?\s*bang chu\s*:?\s*([^.;()\n]{3,160}))")
# The figures a plan's money may be: ``_AMOUNT``'s matches with a unit word or restated in words (a hundred of
# seeds+dev's ~4,200 figures; the rest, years, counts, rates, are dropped by the engine, with no match made for
# each). After its first digit, a figure's number and unit words are one atomic group: each figure is read as
# ``_AMOUNT`` reads it (the first way that matches), then kept or not, never read again another way. The number
# after the first digit is group 1. (``_money_figures`` tries it where a figure may start.)
_MONEY_FIGURES = Figures(lambda digit: rf"{digit}(?<![\d.,/]{digit})(?>({NUMBER_AFTER_FIRST_DIGIT}){_UNIT_WORDS})"
                                       rf"(?(2)|(?(3)|(?={_WORDS_AFTER.pattern})))")
# A clause of figures and operators only ("x 3 năm =", " (", "2 lớp x"): the amount continues its sentence's line.
_FORMULA_CLAUSE = re.compile(r"[\s\d.,:;()\[\]x×*=+/|-]*(?:(?:nam|thang|lop|nguoi|dong)\b[\s\d.,:;()x×*=+/|-]*)*")
# The figures, units and operators that end the words before a formula's result.
_FORMULA_TAIL = re.compile(rf"(?:[\s\d.,:;()x×*=+/-]|\b(?:{SCALE_WORD}|{CURRENCY_WORD}|nam|thang|lop|nguoi)\b)*$")
_FOOTNOTE = re.compile(r"\s*\[\d{1,3}\]")  # a footnote's paragraph opens with its number in brackets
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)]|$)")  # after a bare "triệu"/"tỷ": the clause ends, no noun follows
_CLAUSE_BREAK = re.compile(r"[,;:]\s")
_SOURCE_END = re.compile(r"[,;.:()\n]|\d")  # a source's name after an amount ends at punctuation or a figure


# --- prose ---------------------------------------------------------------------------------


@dataclass
class _Mention:
    """A money amount in prose with what its own words say about it."""

    start: int
    tail: int  # end of the amount, its unit and the words that restate it
    amount: int
    raw: str
    words_match: bool | None
    clause: str  # folded words from the previous amount (or the sentence start) to this one
    sentence: str  # folded sentence (one string shared by the amounts of a sentence)
    rest: str  # folded sentence from the amount on, at most _REST_REACH characters of it
    at: int | None  # where the amount starts in its sentence; None when it runs past the sentence's end
    passage: str | None  # the budget section it belongs to, for relating amounts to each other
    aside: bool = False  # in an account of the situation before the plan, or in a footnote
    task: str | None = None  # path of the task section it belongs to, outside budget sections
    group: str | None = None  # the passage its amounts are read with: budget sections side by side, an appendix


def extract_budgets(doc: Document, period: tuple[int | None, int | None], level: str | None = None,
                    tables: list[BudgetTable] | None = None) -> list[Budget]:
    """Every funding amount of the plan: prose amounts, then table lines and table totals.

    ``period`` (period_start, period_end) dates amounts that fund the whole plan
    without years of their own; ``level`` (the issuer's) says whose budget
    ``ngân sách địa phương`` is; ``tables`` are the document's budget tables
    (``read_budget_tables``, read here when not given).
    """
    local = LOCAL_SOURCE.get(level or "", "province")
    tables = read_budget_tables(doc) if tables is None else tables
    read = [t for t in tables if t.multiplier is not None]
    # an amount written with its unit in a table not read as figures (cells "20.000.000 đồng/năm") is read as prose
    mentions = [m for m in find_money_mentions(doc) if not any(t.start <= m.start < t.end for t in read)]
    budgets = [b for b in classify_mentions(doc, [m for m in mentions if is_funding(m)], period, local)
               if not _before_period(b, period)]
    return budgets + table_budgets(doc, tables, budgets, period, local)


def find_money_mentions(doc: Document) -> list[_Mention]:
    """Amounts with a money unit (``5.000.000.000đ``, ``6,970 tỷ đồng``, ``200 triệu (hai trăm triệu)``)."""
    folded = doc.folded
    mentions: list[_Mention] = []
    last_end, last_sentence, sentence_words = 0, (-1, -1), ""
    for m in _money_figures(figure_starts(doc, folded), folded):
        number, scale, currency = folded[m.start():m.end(1)], m.group(2), m.group(3)
        words = _WORDS_AFTER.match(folded, m.end())
        written = parse_money_words(words.group(1) or words.group(2)) if words else None
        confirmed = None if scale or currency else _unit_confirmed_by_words(doc, m.start(), number, written)
        if not scale and not currency and confirmed is None:
            continue
        if currency and NOT_CURRENCY_AFTER.match(folded, m.end()):
            continue
        value = parse_number(number)
        if not scale and value < 1000:  # "15 đồng chí", "điểm đ": bare đồng amounts are never this small
            continue
        if not currency and written is None and not _CLAUSE_END.match(folded[m.end():m.end() + 2]):
            continue  # a bare "triệu"/"tỷ" followed by a noun counts people or things
        amount = confirmed or parse_amount(number, f"{scale} dong" if scale else "dong")
        sentence = doc.sentence_span(m.start(), m.end())
        if sentence != last_sentence:  # the amounts of one sentence share its words: no copy per amount
            sentence_words = folded[sentence[0]:sentence[1]]
        clause_start = last_end if sentence == last_sentence else sentence[0]
        if confirmed is not None:  # a figure cell of a table read as text: its row's label is its clause
            clause_start = max(clause_start, doc.line_span(m.start())[0])
        tail = words.end() if written is not None else m.end()
        mentions.append(_Mention(
            start=m.start(), tail=tail, amount=amount, raw=doc.text[m.start():m.end()].strip(),
            words_match=None if written is None else written == amount,
            clause=folded[clause_start:m.start()], sentence=sentence_words,
            rest=folded[m.start():min(max(sentence[1], m.end()), m.start() + _REST_REACH)],
            at=m.start() - sentence[0] if m.end() <= sentence[1] else None,
            passage=_passage(doc, m.start()), aside=is_aside(doc, m.start()), task=_task(doc, m.start()),
            group=_group(doc, m.start()),
        ))
        last_end, last_sentence = tail, sentence
    return mentions


def _money_figures(starts: FigureStarts, folded: str) -> Iterator[re.Match]:
    """``_MONEY_FIGURES.finditer(folded)``: the figures with a unit word or restated in words, each matched where a
    figure may start (``starts``, of ``folded``: no match holds another's start), not searched for by the engine,
    which tries the first digit at every character of the text.

    >>> f = "2025: 1.000 ho, 5 ty dong, 3/4 trieu, 3.050 (ba ty), x7d"
    >>> [m.group(0).strip() for m in _money_figures(FigureStarts(f), f)]
    ['5 ty dong', '3.050', '7d']
    """
    figures = _MONEY_FIGURES.over(folded)
    for start in starts.after_no_figure():
        m = figures.match(folded, start)
        if m is not None:
            yield m


# What is read after an amount: its unit, its words (160 characters at most), a rate or a source named
# after it. A sentence of thousands of amounts is not copied from each of them to its end.
_REST_REACH = 400


def _unit_confirmed_by_words(doc: Document, start: int, number: str, written: int | None) -> int | None:
    """The amount of a bare figure (``number``, at ``start``) restated in words (``Cộng 3.050 (Bằng chữ: Ba tỷ không
    trăm năm mươi triệu đồng)`` under ``ĐVT: triệu đồng``) when the words equal it in the unit of the nearest ``ĐVT:``
    line above: a table's sum in a text rendering that lost its cells. The words (``written``, their amount) confirm
    the unit; else None."""
    if written is None:
        return None
    multiplier = unit_above(doc, start)
    return written if multiplier and round(parse_number(number) * multiplier) == written else None


def is_funding(mention: _Mention) -> bool:
    """Whether an amount is money the plan spends, not a fee, a rate, a statistic or a threshold.

    >>> from chitieu.models.document import Document
    >>> doc = Document("a.txt", "0", "Kinh phí: mức thu lệ phí 50.000 đồng/hồ sơ; hỗ trợ 500.000 đồng/người/tháng. "
    ...     "Kinh phí thực hiện là 2 tỷ đồng.")
    >>> [(m.amount, is_funding(m)) for m in find_money_mentions(doc)]
    [(50000, False), (500000, False), (2000000000, True)]
    """
    if mention.aside:
        return False
    if _allocating_unit(mention) is not None:  # "mỗi xã bố trí …": the verb says it funds the plan's work
        return _yearly_anywhere(mention)  # a unit's own yearly share; a one-off sum per unit is a norm
    if mention.passage is None and not _names_funding(mention.sentence):
        return False
    if _level_allocation(mention) is not None:  # "tỉnh trích …": its own words say it funds; a table above
        return not PER_UNIT_AFTER.match(mention.rest, _after_amount(mention.rest))  # in its clause says nothing
    if EXCLUSION_WORDS.search(mention.clause) or (
            THRESHOLD_BEFORE.search(mention.clause) and not ESTIMATE_FLOOR.search(mention.clause)):
        return False
    if PER_UNIT_BEFORE.search(mention.clause):
        return False  # "hỗ trợ mỗi hộ 10 triệu đồng", "mỗi giải 5.000.000 đồng": a norm per unit
    if CITED_DOCUMENT.search(_CLAUSE_BREAK.split(mention.clause)[-1]):
        return False  # "Đề án phê duyệt tại Quyết định số 12/QĐ-UBND có tổng kinh phí 5 tỷ đồng": that document's money
    after = _after_amount(mention.rest)
    return not (PER_UNIT_AFTER.match(mention.rest, after) or FORMULA_OPERAND_AFTER.match(mention.rest, after))


def is_aside(doc: Document, offset: int) -> bool:
    r"""Whether ``offset`` lies where a plan reports rather than decides: a section on the situation
    before the plan (results, the current year's budget and its execution), or a footnote.

    A footnote (``[4] Gồm: hỗ trợ lãi suất ... khoảng 37 tỷ đồng``) details a figure of the
    text; the money in it is an example or a breakdown, never the plan's own funding.

    >>> doc = Document("a.txt", "0", "I. TÌNH HÌNH THỰC HIỆN NĂM 2024\nĐã chi 5 tỷ đồng.\n"
    ...     "II. KINH PHÍ\nTổng kinh phí là 3 tỷ đồng.\n\n[1] Gồm 2 tỷ đồng nợ cũ.")
    >>> [is_aside(doc, doc.text.index(w)) for w in ("5 tỷ", "3 tỷ", "2 tỷ")]
    [True, False, True]
    """
    section = doc.section_at(offset)
    if section is not None and section.looks_back:
        return True
    start = doc.line_span(offset)[0]
    for _ in range(3):  # the note's number opens its paragraph, on the amount's line or a line or two above
        if _FOOTNOTE.match(doc.text, start):
            return True
        if start == 0 or not doc.text[doc.line_span(start - 1)[0]:start].strip():
            return False  # a blank line above: the paragraph starts here
        start = doc.line_span(start - 1)[0]
    return False


def classify_mentions(doc: Document, mentions: list[_Mention], period: tuple[int | None, int | None],
                      local: str = "province") -> list[Budget]:
    """Budgets for funding amounts, read in order so that each can lean on the ones before it.

    An amount names its source in its own clause, or shares the one named just
    before it in its sentence ("Ngân sách tỉnh: 5 tỷ, bình quân mỗi năm 1 tỷ").
    Its years are its sentence's, else those of the amount before it in its
    budget section, else the plan's period.
    """
    budgets: list[Budget] = []
    for i, mention in enumerate(mentions):
        previous = mentions[i - 1] if i else None
        same_sentence = previous is not None and previous.sentence == mention.sentence
        source = _allocating_unit(mention) or _level_allocation(mention) or classify_source(mention.clause, local)
        if source is None:
            source = budgets[-1].source if same_sentence else classify_source(mention.sentence, local)
        years = _from_year_on(mention.clause, period) or parse_years(mention.clause) or parse_years(mention.sentence)
        if years is None and previous is not None and mention.passage is not None and previous.passage == mention.passage:
            years = (budgets[-1].year_from, budgets[-1].year_to)
        years = years or period
        budgets.append(Budget(
            **doc.origin(mention.start, mention.tail), amount_vnd=mention.amount, source=source,
            year_from=years[0], year_to=years[1], words_match=mention.words_match, raw=mention.raw,
        ))
    for group in _related(mentions):
        assign_kinds([mentions[i] for i in group], [budgets[i] for i in group])
    passage_sources: dict[str, str | None] = {}
    for mention, budget in zip(mentions, budgets):
        if budget.source is None and budget.kind != "item" and mention.passage is not None and not named_sources(
                mention.sentence, local):  # "Các nguồn hợp pháp khác: 1 tỷ" names a source the contract has no word for
            if mention.passage not in passage_sources:
                passage_sources[mention.passage] = _passage_source(doc, mention.passage, local)
            budget.source = passage_sources[mention.passage]
    return budgets


def _passage_source(doc: Document, path: str, local: str) -> str | None:
    """The source a budget section names anywhere (``Nguồn kinh phí: ngân sách tỉnh``), for amounts that name none."""
    section = next((s for s in doc.sections if s.path == path), None)
    return classify_source(doc.folded[section.start:section.end], local) if section else None


def assign_kinds(mentions: list[_Mention], budgets: list[Budget]) -> None:
    """Kinds of related amounts (one budget section, or one sentence elsewhere).

    Average or yearly words, or one year among several, make an ``annual``
    amount; ``Tổng …`` a ``total``. An amount that names a source is one source's
    share when the passage also states a total or other sources' shares; a
    total that names no source is funded by the shares listed after it.
    """
    spans = {(b.year_from, b.year_to) for b in budgets}
    kinds: list[str | None] = []
    lines: list[bool] = []  # amounts labelled by what they pay for, not by a source, a total or a year
    for mention in mentions:
        label = _label(mention)
        own_years = parse_years(mention.clause)
        one_of_many_years = own_years is not None and own_years[0] == own_years[1] and len(spans) > 1
        yearly_words = any(w in mention.clause[-40:] for w in AVERAGE_WORDS + YEARLY_WORDS)
        # under a task's heading a bare "Kinh phí:" is that task's cost; elsewhere it is the plan's funding
        plan_funding = PLAN_FUNDING.search(label) and (mention.task is None or PLAN_WORDS.search(label))
        share = bool(named_sources(label) or SHARE_LABEL.search(label) or _source_after(mention))
        allocation = _allocating_unit(mention) is not None  # already known to be yearly
        line = not (one_of_many_years or yearly_words or own_years or share or allocation
                    or _names_total(label) or plan_funding)
        lines.append(line)
        if one_of_many_years or allocation or _says_yearly(mention):
            kinds.append("annual")
        elif _names_total(label):
            kinds.append("total")
        else:
            kinds.append("source" if share else None)
    # Beside a total, a share or another such line, a line that says what the money pays for
    # ("In tài liệu: 20.000.000 đồng/năm", "Chi phí thuê chuyên gia: ...") is a line of the estimate.
    funding = [not line for line in lines]
    if lines.count(True) >= 2 or any(funding):
        kinds = ["item" if line else kind for line, kind in zip(lines, kinds)]
    shares = kinds.count("source")
    for budget, kind in zip(budgets, kinds):
        if kind == "source" and "total" not in kinds and shares == 1:
            kind = "total"  # the only amount that names a source funds the whole plan
        budget.kind = kind or "total"
    shares_after: set[str | None] = set()  # the sources of the shares listed after a total, up to the next total
    for i in range(len(budgets) - 1, -1, -1):
        budget = budgets[i]
        if budget.kind == "total":
            if shares_after and not named_sources(mentions[i].clause):
                budget.source = next(iter(shares_after)) if len(shares_after) == 1 else "mixed"
            shares_after = set()
        elif budget.kind == "source" and budget.source:
            shares_after.add(budget.source)


@lru_cache(maxsize=1024)
def _names_funding(sentence: str) -> bool:
    """Whether a sentence speaks of funding at all (cached per shared sentence, as ``named_sources``)."""
    return FUNDING_WORDS.search(sentence) is not None


@lru_cache(maxsize=1024)
def _names_yearly(sentence: str) -> bool:
    return any(w in sentence for w in YEARLY_WORDS)


def _from_year_on(clause: str, period: tuple[int | None, int | None]) -> tuple[int, int] | None:
    """``Từ năm 2027 trở đi, mỗi năm …``: from that year to the plan's last year (that year alone when unknown)."""
    found = FROM_YEAR_ON.search(clause)
    if not found:
        return None
    year = int(found.group(1))
    return year, period[1] if period[1] and period[1] >= year else year


def _names_total(label: str) -> bool:
    """Whether an amount's words call it the whole funding; a share of it (``60% tổng nhu cầu, tương đương``)
    is a part."""
    return any(w in _PART_OF_TOTAL.sub(" ", label) for w in TOTAL_WORDS)


def _source_after(mention: _Mention) -> set[str]:
    """Sources named right after an amount, up to the next punctuation: ``3.000 tỷ đồng vốn xã hội hóa``,
    ``150 triệu đồng từ ngân sách tỉnh`` (the amount is that source's share)."""
    after = mention.rest[_after_amount(mention.rest):]
    return named_sources(_SOURCE_END.split(after, maxsplit=1)[0][:80])


def _allocating_unit(mention: _Mention) -> str | None:
    """The source of an amount each local unit sets aside (``mỗi quận trích ít nhất 60 triệu đồng``):
    that unit's own budget, else None."""
    found = ALLOCATION_BEFORE.search(mention.clause)
    return ALLOCATING_UNIT[found.group(1)] if found else None


def _level_allocation(mention: _Mention) -> str | None:
    """The source of an amount a level of government sets aside as its clause's subject (``tỉnh sẽ trích
    trung bình 3 tỷ đồng mỗi năm``): that level's budget, else None."""
    found = LEVEL_ALLOCATION.search(mention.clause)
    return ALLOCATING_UNIT[found.group(1)] if found else None


def _yearly_anywhere(mention: _Mention) -> bool:
    """A yearly word anywhere in the amount's sentence: ``Hằng năm, mỗi xã bố trí …``, ``… 50 triệu đồng mỗi năm``."""
    return _names_yearly(mention.sentence) or bool(
        PER_YEAR_AFTER.match(mention.rest, _after_amount(mention.rest)))


def _says_yearly(mention: _Mention) -> bool:
    """``bình quân mỗi năm 200 triệu``, ``hằng năm: 50 triệu``, ``100 triệu đồng/năm``, and a clause opening
    with ``Mỗi năm,`` / ``Hằng năm,`` that names no total (``Mỗi năm, ngân sách tỉnh bố trí khoảng 5 tỷ đồng``)."""
    clause = mention.clause
    return (any(w in clause[-40:] for w in AVERAGE_WORDS) or any(w in clause[-30:] for w in YEARLY_WORDS)
            or bool(PER_YEAR_AFTER.match(mention.rest, _after_amount(mention.rest)))
            or bool(YEARLY_OPENING.match(clause) and not any(w in clause for w in TOTAL_WORDS)))


def _before_period(budget: Budget, period: tuple[int | None, int | None]) -> bool:
    """An amount for years that end before the plan begins: a past year's budget quoted for comparison."""
    return budget.year_to is not None and period[0] is not None and budget.year_to < period[0]


def _label(mention: _Mention) -> str:
    """The words an amount is stated for: its clause, or for the result of a formula
    (``120.000.000 đồng/năm x 3 năm = 360.000.000 đồng``) its sentence up to it."""
    if not _FORMULA_CLAUSE.fullmatch(mention.clause):
        return mention.clause
    before = mention.at
    if not before:
        return mention.clause
    head = mention.sentence[:before]
    # a formula's figures and units run a few dozen characters: its tail is sought near the amount
    return head[:_FORMULA_TAIL.search(head, max(0, before - _REST_REACH)).start()]  # "Kinh phí: 1,5 tỷ đồng/năm x 5 năm = ": "Kinh phí"


def _related(mentions: list[_Mention]) -> list[list[int]]:
    """Indices of amounts read together: one budget section, or one sentence outside such sections."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, mention in enumerate(mentions):
        if mention.group is not None:
            key = ("section", mention.group)
        elif mention.task is not None and not _related_words(mention):
            key = ("tasks", "")  # the costs of the plan's tasks, read together
        else:
            key = ("sentence", mention.sentence)
        groups.setdefault(key, []).append(i)
    return list(groups.values())


def _after_amount(after: str) -> int:
    """Offset in ``after`` (folded text from an amount on) just past the amount, its unit and its words."""
    m = _AMOUNT.match(after)
    if not m:
        return 0
    words = _WORDS_AFTER.match(after, m.end())
    return words.end() if words and parse_money_words(words.group(1) or words.group(2)) is not None else m.end()


def _related_words(mention: _Mention) -> bool:
    """Whether an amount's clause relates it to others of its sentence (a total, a source, a year, an average)."""
    clause = mention.clause
    return bool(any(w in clause for w in TOTAL_WORDS + AVERAGE_WORDS + YEARLY_WORDS) or named_sources(clause)
                or parse_years(clause))


def _task(doc: Document, offset: int) -> str | None:
    """Path of the task section (a numbered task or activity) holding ``offset``, outside budget sections."""
    section = doc.section_at(offset)
    if section is None:
        return None
    chain = doc.ancestors(section)
    if any(s.kind == "budget" for s in chain) or section.kind != "tasks" or section.parent is None:
        return None
    return section.path


def _group(doc: Document, offset: int) -> str | None:
    """The passage whose amounts are read together: the budget sections under one heading (numbered
    lines ``1. Kinh phí hội nghị: …``, ``2. Kinh phí in tài liệu: …`` are sections of their own), or
    the appendix an amount is in."""
    section = doc.section_at(offset)
    if section is None:
        return None
    chain = doc.ancestors(section)
    budget = [s for s in chain if s.kind == "budget"]
    if budget:
        outer = budget[-1]
        return doc.sections[outer.parent].path if outer.parent is not None else outer.path
    appendix = [s for s in chain if s.kind == "appendix"]
    return appendix[-1].path if appendix else None


def _passage(doc: Document, offset: int) -> str | None:
    """Path of the outermost budget section holding ``offset``, if any."""
    section = doc.section_at(offset)
    if section is None:
        return None
    budget = [s for s in doc.ancestors(section) if s.kind == "budget"]
    return budget[-1].path if budget else None
