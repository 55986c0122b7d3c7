"""Certainty and doubts: each piece of evidence lowers an item's certainty, and says so."""
import json

import pytest

from chitieu.extractors.confidence import WEIGHTS, assess, in_gazetteer, states_comparator
from chitieu.models.document import Document, Page
from chitieu.models.items import Agency, Budget, Check, Deadline, Extraction, Metadata, Target
from chitieu.pipeline.export import document_records
from chitieu.pipeline.store import open_db


def one_target(text: str, value_text: str, raw: str, year: int | None = 2025, pages=()) -> Target:
    doc = Document("a.txt", "0", text, pages=list(pages))
    at = text.index(value_text)
    target = Target(**doc.origin(at, at + len(value_text)), value=1.0, year=year, raw=raw)
    return assess(Extraction(doc, Metadata(), targets=[target])).targets[0]


@pytest.mark.parametrize("text, value_text, raw, year, doubts", [
    ("Tỷ lệ hộ dùng nước sạch đạt 98% vào năm 2025.", "98%", "đạt 98%", 2025, []),
    ("Tỷ lệ hộ dùng nước sạch 98% vào năm 2025.", "98%", "98%", 2025, ["comparator not written beside the value"]),
    ("Tỷ lệ hộ dùng nước sạch đạt 98%.", "98%", "đạt 98%", 2025, ["year taken from the plan period"]),
    ("Tỷ lệ hộ dùng nước sạch đạt 98%.", "98%", "đạt 98%", None, []),
    ("Mục tiêu:\n1\tHộ dùng nước sạch\t98\t2025\n2\tHộ có nhà tiêu\t90\t2025", "98", "98", 2025,
     ["read from a table", "comparator not written beside the value"]),
])
def test_target_doubts(text, value_text, raw, year, doubts):
    target = one_target(text, value_text, raw, year)
    assert target.doubts == doubts
    expected = 1.0
    for doubt in doubts:
        expected *= WEIGHTS[doubt]
    assert target.certainty == round(expected, 2)


@pytest.mark.parametrize("quality, count", [(0.95, 1), (0.6, 2)])
def test_an_ocr_page_lowers_certainty_more_when_it_reads_poorly(quality, count):
    text = "Tỷ lệ hộ dùng nước sạch đạt 98% vào năm 2025."
    target = one_target(text, "98%", "đạt 98%", pages=[Page(1, 0, "ocr", quality)])
    assert len(target.doubts) == count and all(d.startswith("page read by OCR") for d in target.doubts)


@pytest.mark.parametrize("pages, count", [
    ([Page(1, 0, "text", None), Page(1, 0, "ocr", 0.6)], 0),  # two pages of one number: the first is the item's
    ([Page(2, 0, "ocr", 0.6), Page(1, 0, "ocr", 0.95)], 1),  # the page of the item's number, not the first page
])
def test_the_page_an_item_was_read_from_is_the_first_of_its_number(pages, count):
    text = "Tỷ lệ hộ dùng nước sạch đạt 98% vào năm 2025."
    assert len(one_target(text, "98%", "đạt 98%", pages=pages).doubts) == count


def test_budget_doubts_from_a_failed_check_and_words_that_disagree():
    text = "Tổng kinh phí là 500 triệu đồng (Năm tỷ đồng); tổng cộng không khớp."
    doc = Document("a.txt", "0", text)
    at = text.index("500")
    budget = Budget(**doc.origin(at, at + 15), amount_vnd=500_000_000, words_match=False)
    check = Check(**doc.origin(0, len(text)), what="total")
    (assessed,) = assess(Extraction(doc, Metadata(), budgets=[budget], checks=[check])).budgets
    assert assessed.doubts == ["budget table does not add up", "amount in words disagrees"]
    assert assessed.certainty == 0.3


@pytest.mark.parametrize("name, known", [
    ("Sở Giáo dục và Đào tạo", True), ("Công an huyện", True), ("Câu lạc bộ những người bạn nhỏ", False)])
def test_an_agency_outside_the_gazetteer_is_doubted(name, known):
    assert in_gazetteer(name) is known
    doc = Document("a.txt", "0", name + " chủ trì.")
    (agency,) = assess(Extraction(doc, Metadata(), agencies=[Agency(**doc.origin(0, len(name)), name=name)])).agencies
    assert (agency.doubts == []) is known


@pytest.mark.parametrize("due, due_text, doubted", [
    ("2025-12-31", "trước ngày 31/12/2025", False), ("2025-12-31", "cuối năm", True), ("--06-15", "trước ngày 15/6", False)])
def test_a_deadline_whose_year_is_not_written_is_doubted(due, due_text, doubted):
    text = f"Báo cáo kết quả {due_text}."
    doc = Document("a.txt", "0", text)
    deadline = Deadline(**doc.origin(16, 16 + len(due_text)), due=due, due_text=due_text)
    (assessed,) = assess(Extraction(doc, Metadata(), deadlines=[deadline])).deadlines
    assert bool(assessed.doubts) is doubted


@pytest.mark.parametrize("raw, stated", [("không quá 5%", True), ("xuống còn 12,5", True), ("5% đến 7%", False),
                                          ("95", False), ("ĐẠT 90%", True)])
def test_comparator_words(raw, stated):
    assert states_comparator(raw) is stated


def test_every_seed_item_carries_its_certainty_and_doubts(seed_db):
    for record in document_records(open_db(seed_db)):
        for kind in ("targets", "budgets", "agencies", "deadlines"):
            for item in record[kind]:
                assert 0 < item["certainty"] <= 1 and isinstance(item["doubts"], list)
                assert (item["certainty"] < 1) == bool(item["doubts"]), item
    assert json.dumps(record, ensure_ascii=False)  # still one JSON line


def test_an_assessed_item_is_a_copy_with_its_certainty_and_doubts_as_replace_gives():
    from dataclasses import replace
    from chitieu.extractors.confidence import _with_doubts
    where = {"span": (3, 9), "quote": "Đạt 95%", "page": 2, "section": "II.1"}
    for item in (Target(**where, value=95.0, year=2025, raw="95%"), Budget(**where, amount_vnd=5),
                 Agency(**where, name="Sở Y tế"), Deadline(**where, due="2027-12-31")):
        assessed = _with_doubts(item, 0.56, ["no year in its words"])
        assert assessed == replace(item, certainty=0.56, doubts=["no year in its words"])
        assert type(assessed) is type(item) and (item.certainty, item.doubts) == (None, [])  # the item is left as it was


def test_a_kind_whose_copy_is_not_its_fields_is_replaced():
    from dataclasses import dataclass, replace
    from chitieu.extractors.confidence import _with_doubts

    @dataclass
    class Derived(Target):  # a field made from the others: a copy of the fields would keep the old one
        label: str = ""

        def __post_init__(self) -> None:
            self.label = f"{self.value:g}{self.unit}, certainty {self.certainty}"

    @dataclass(slots=True)
    class Slotted(Deadline):  # no __dict__ to copy
        pass

    where = {"span": (3, 9), "quote": "Đạt 95%", "page": 2, "section": "II.1"}
    for item in (Derived(**where, value=95.0), Slotted(**where, due="2027-12-31")):
        assessed = _with_doubts(item, 0.56, ["no year in its words"])
        assert assessed == replace(item, certainty=0.56, doubts=["no year in its words"]) and type(assessed) is type(item)
        assert (item.certainty, item.doubts) == (None, [])


def test_a_year_is_stated_where_a_search_of_the_text_s_years_finds_it():
    # the oracle: every year the text writes alone, then the one asked for among them
    import random
    import re
    from chitieu.extractors.confidence import _states_year
    from chitieu.extractors.numbers import YEAR
    years_written = re.compile(rf"(?<!\d){YEAR}(?!\d)")
    rng = random.Random(7)
    pieces = ["2025", "2026", "1999", "12025", "20255", "202", "5", " ", "năm", "/", "-", "٢", "2O25", "19", "20"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8)))
        for year in (2025, 2026, 1999, 1025, 2100, 12025, 202):
            assert _states_year(text, year) == (str(year) in years_written.findall(text)), (text, year)
