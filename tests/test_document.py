"""The document's reader of paragraphs, sentences and quotes: each rule on a small text, then on
texts big enough that a reader walking back and forth per call would take minutes (results asserted)."""
from __future__ import annotations

import random

import pytest
from chitieu.models.document import QUOTE_MAX, Document, continues
from chitieu.pipeline.readers import read_document

from tests.conftest import CORPUS, ROOT, SHARED


def doc_of(text: str) -> Document:
    return Document("t.txt", "0", text)


@pytest.mark.parametrize("text, line_start, expected", [
    ("Tỷ lệ hộ dùng nước sạch đạt\n95% vào năm 2030.", 28, True),         # a number no list label carries on
    ("Tập huấn cho cán bộ\nxã, phường và thị trấn.", 20, True),            # lower case carries on
    ("tăng bình quân 04\n- 06%/năm", 18, True),                            # a range broken at its dash
    ("Kết thúc năm học.\nnăm học mới bắt đầu", 18, False),                 # after a full stop: a new paragraph
    ("Các nhiệm vụ\n2. Tổ chức tập huấn", 13, False),                      # a numbered item
    ("Các nhiệm vụ\na) Rà soát hồ sơ", 13, False),                         # a lettered item
    ("có 12 xã\n- 80% số hộ", 9, False),                                   # a bullet
    ("", 0, False),
])
def test_a_line_continues_the_paragraph_before(text, line_start, expected):
    assert continues(text, line_start) is expected


@pytest.mark.parametrize("text", [
    # lines the search is sure of (carried on in lower case, a stop, a list's number or letter, a dash before
    # words, a digit after a border) beside those it leaves to ``continues`` (after a blank line, a quote, a
    # label glued to a word, a small letter past the first eight characters, a letter no pattern class holds)
    "xã, phường\nvà thị trấn;\nb) Rà soát\n  \n**a) Rà\n- Dự án\n-\n5 xã\n|\n1.800\n*\n**5.000**\nđạt\n“không ma túy”",
    "năm\n2030; Ng\nsố\n163/2024\n12.\n3)x\n1234. Hai\n \t**  *   tỷ lệ\n(a) ba\nđạt\nªb\nđạt\n- 06%\n0\n-  7",
    "\n\nchữ\n.\nchữ\n  \n\n-x\n••\n#a\n>b\n“\n\"a\n'1\n(- 2\nII. a\nđ) x\nĐ) x\n_a\n٣ xã",
])
def test_the_lines_a_paragraph_carries_on_are_those_continues_reads(text):
    wrapped, _, _ = doc_of(text)._paragraphs
    assert sorted(wrapped) == [at for at in doc_of(text).lines.starts[1:] if continues(text, at)]


@pytest.mark.parametrize("text, word, paragraph", [
    ("- Tỷ lệ hộ nghèo\n\ngiảm còn 3%.\n- Hộ cận nghèo", "3%", "- Tỷ lệ hộ nghèo\n\ngiảm còn 3%."),   # past a blank line
    ("I. MỤC TIÊU\n- Đạt 90% số xã.\n- Đạt 80% số hộ.", "80%", "- Đạt 80% số hộ."),
    ("Một dòng duy nhất có 5 xã", "5 xã", "Một dòng duy nhất có 5 xã"),
])
def test_the_paragraph_around_a_word(text, word, paragraph):
    doc = doc_of(text)
    at = text.index(word)
    assert text[doc.paragraph_start(at):doc.paragraph_end(at)] == paragraph


@pytest.mark.parametrize("text, word, sentence", [
    ("Mục tiêu: đạt 90%; giảm 5%.", "90%", " đạt 90%;"),                  # a colon, a semicolon end a sentence
    ("Tỷ lệ trẻ em\nđược tiêm đạt 95%. Hết", "95%", "Tỷ lệ trẻ em\nđược tiêm đạt 95%."),
    ("Đạt 1.000 hộ. Xong", "1.000", "Đạt 1.000 hộ."),                      # a full stop inside a number ends nothing
])
def test_the_sentence_around_a_word(text, word, sentence):
    doc = doc_of(text)
    assert text[slice(*doc.sentence_at(text.index(word)))] == sentence


@pytest.mark.parametrize("text, word, span", [
    ("I. MỤC TIÊU\nTỷ lệ trẻ em\nđạt 90%; giảm 5%.", "90%", "Tỷ lệ trẻ em\nđạt 90%;"),
    ("a) Rà soát hồ sơ;\nb) Cấp 300 thẻ", "300", "b) Cấp 300 thẻ"),       # a list item starts afresh
    ("   \n\n  ", " ", ""),                                                  # only spaces: an empty span
    ("Xong.\n\n\n   \n  Đạt 5%.", "5%", "Đạt 5%."),                          # many bounds in one run of spaces
    ("Một. ; .  \n \n; Hai 7%", "7%", "Hai 7%"),
])
def test_the_span_a_reader_quotes(text, word, span):
    doc = doc_of(text)
    at = text.index(word)
    assert text[slice(*doc.sentence_span(at, at + len(word)))] == span


def test_the_spaces_beside_a_bound_are_walked_once_whatever_the_order_of_the_calls():
    # the words' ends beside a bound are found when first asked for: asked in any order, the same spans; a run of
    # spaces before the stop many items share (and after the bound before them) is walked once, not once an item
    text = "Xong.\n\n   \n" + " " * 100_000 + "Đạt " + "5%, " * 20_000 + " " * 100_000 + "\n\nHai 7%."
    starts = [m for m in range(len(text)) if text.startswith("5%", m)]
    doc, again = doc_of(text), doc_of(text)
    spans = [doc.sentence_span(at, at + 2) for at in starts]
    assert spans == [again.sentence_span(at, at + 2) for at in reversed(starts)][::-1]
    first, words_end = text.index("Đạt"), text.rindex("5%,") + 3
    assert set(spans) == {(first, words_end)}
    at = text.index("7%")
    assert text[slice(*again.sentence_span(at, at + 2))] == "Hai 7%."


def test_a_quote_is_clipped_to_the_clause_in_a_sentence_without_end():
    text = "Các chỉ tiêu " + "rất cụ thể " * 300 + "gồm tỷ lệ hộ nghèo dưới 2%, và " + "nhiều nội dung khác " * 300
    doc = doc_of(text)
    at = text.index("dưới 2%")
    quote = doc.origin(at, at + 7)["quote"]
    assert "dưới 2%" in quote and len(quote) <= QUOTE_MAX and "," not in quote


def test_a_million_characters_of_wrapped_lines_and_blank_lines():
    text = "I. MỤC TIÊU:\n" + "a\n" * 300_000 + "\n" * 300_000 + "- Đạt 90% số xã.\n"
    doc = doc_of(text)
    at = text.index("90%")
    assert doc.paragraph_start(len(text) // 3) == 13            # the wrapped lines are one paragraph
    assert text[doc.paragraph_start(at):doc.paragraph_end(at)] == "- Đạt 90% số xã."
    assert text[slice(*doc.sentence_at(at))] == "- Đạt 90% số xã."
    assert text[slice(*doc.sentence_span(at, at + 3))] == "- Đạt 90% số xã."
    assert len(doc.origin(20, 21)["quote"]) <= QUOTE_MAX


def test_a_million_characters_on_one_line():
    text = "Đạt 5%, " * 125_000
    doc = doc_of(text)
    spans = {doc.quote_span(i, i + 2) for i in range(4, len(text), 8 * 997)}
    assert all(b - a <= QUOTE_MAX for a, b in spans)
    assert doc.sentence_at(len(text) // 2) == (0, len(text))


@pytest.mark.parametrize("text", ["Mục tiêu\n" + "Ê" * 1_000_000, "Ê" * 1_000_000 + "\na"])
def test_a_million_capitals_on_a_line_that_does_not_stand_alone(text):
    # a line that may stand alone (a capital, no small ASCII letter) with no break after it, or a small letter
    # after its break: read once, not again from each of its letters
    doc = doc_of(text)
    assert doc.sentence_span(len(text) - 1, len(text)) == (0, len(text))


def test_breaks_around_blank_lines_and_wrapped_lines():
    # a wrapped line carries on its sentence over the blank lines before it (spaces on a blank line too);
    # every other line break ends one, each blank line its own
    text = "Tỷ lệ trẻ em\n\n\nđược tiêm đạt 95%;\n  \n\nxã, phường.\n- Hết\n\n"
    doc = doc_of(text)
    assert doc.sentence_breaks == [33, 34, 37, 38, 49, 50, 56, 57]
    assert doc._paragraphs[1:] == ([0, 38, 50], [13, 14, 34, 37, 38, 50, 56, 57])
    assert doc.paragraph_start(text.index("xã")) == 38


def test_where_sentences_and_quotes_stop():
    # a line in capitals before a small letter past six spaces carries on; a colon's line ends its sentence, an
    # item (after spaces, lettered) opens one; each stop mark ends a sentence, a "?" no quote
    text = "MỤC TIÊU\n      xã đạt 5%.\nNội dung:\n   - Hết 2%;\na) Rà soát 3%!\n- 4% xã? Đạt\n\n 6% hộ; 7%.\n"
    doc = doc_of(text)
    assert doc.sentence_breaks == [25, 26, 35, 36, 48, 49, 63, 64, 72, 85, 89, 90]
    lefts, _, rights, _ = doc._span_bounds
    assert (lefts, rights) == ([0, 25, 36, 48, 64, 77, 78, 85, 89, 90], [24, 35, 47, 63, 76, 77, 84, 88, 89, 90])
    quotes = ["MỤC TIÊU\n      xã đạt 5%.", "- Hết 2%;", "a) Rà soát 3%!", "- 4% xã? Đạt", "6% hộ;", "7%."]
    for word, quote in zip(["5%", "2%", "3%", "4%", "6%", "7%"], quotes):
        at = text.index(word)
        assert text[slice(*doc.sentence_span(at, at + 2))] == quote


@pytest.mark.parametrize("line, alone", [
    ("DÂN TỘC", True),          # capitals: a heading
    ("VIỆT NAM ⅰ", True),       # a small Roman numeral is no letter: still all capitals
    ("NGƯỜI HʼMÔNG", False),    # a modifier letter is a letter, and no capital
    ("AB C", False),            # three letters are too few
])
def test_a_line_in_capitals_stands_alone(line, alone):
    text = line + "\nĐạt 5%."
    doc = doc_of(text)
    at = text.index("5%")
    assert (text[slice(*doc.sentence_span(at, at + 2))] == "Đạt 5%.") is alone


@pytest.mark.parametrize("line, alone", [
    ("** **", True),                        # marks only
    ("Nhiệm vụ cụ thể:**", True),           # a colon last, marks aside
    ("**1. Mục tiêu**", True),              # an item's label after marks
    ("a) Rà soát", True),
    ("1. Các chỉ tiêu,", False),            # an item's line ending in a comma goes on
    ("- " + "x" * 120, False),              # so does a long one
    ("- MỤC TIÊU " + "X" * 120, True),      # unless in capitals
    ("* các chỉ tiêu", False),              # a mark is no bullet once the marks are stripped
    ("123 456", False),                     # figures: no letters, no capitals
    ("285.000", False),                     # a figure is no item's label: no space after "285."
    ("1.MỤC TIÊU", True),                   # capitals after a label without a space: read as capitals
    ("1.Mục tiêu", False),
    ("2)", False),                          # a label alone, its line break right after it
])
def test_a_line_that_stands_alone_ends_a_sentence(line, alone):
    # the lines are picked by patterns before they are read: the first line has no break before it
    for text in (line + "\nĐạt 5%.", "Mở đầu\n" + line + "\nĐạt 5%."):
        doc = doc_of(text)
        at = text.index("5%")
        assert (text[slice(*doc.sentence_span(at, at + 2))] == "Đạt 5%.") is alone


def corpus_documents() -> list[Document]:
    """Every plan of the corpora and the held-out tests, as the readers give it."""
    folders = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev", CORPUS,
               ROOT / "tests" / "heldout" / "docs", ROOT / "tests" / "heldout2" / "docs"]
    return [read_document(path) for folder in folders for path in sorted(folder.glob("*")) if path.suffix in {".txt", ".md"}]


def assert_as_read_again(joined: Document) -> None:
    """The structure a joined copy derives (``Document.joined``) is what its text gives read from scratch."""
    again = Document(joined.source, joined.sha256, joined.text)
    assert joined.folded == again.folded
    assert (joined.lines.starts, joined.lines.length) == (again.lines.starts, again.lines.length)
    assert joined._headings == again._headings
    assert joined.sections == again.sections


def test_a_joined_copy_is_the_copy_read_again_on_every_plan_and_mixture_of_breaks():
    # the joined copy's lines and headings come from the original's; only the joined lines are read again
    rng = random.Random(16)
    documents = corpus_documents()
    assert len(documents) > 30
    for doc in documents:
        newlines = [i for i, c in enumerate(doc.text) if c == "\n"]
        for share in (0.0, 0.05, 0.3, 0.8, 1.0):
            assert_as_read_again(doc.joined([i for i in newlines if rng.random() < share]))


@pytest.mark.parametrize("seed", range(200))
def test_a_joined_copy_is_the_copy_read_again_around_headings(seed):
    # headings and their parts at the first and last line, before and after a joined break, a label alone on its
    # line, a heading whose words follow on the next line, closers, OCR's Roman labels, blank lines
    rng = random.Random(seed)
    pieces = ["I. MỤC", "TIÊU", "II.", "NHIỆM VỤ", "1. Sở Y", "tế: làm", "1.", "Không", "a) rà", "soát", "b)", "",
              "PHỤ LỤC", "kèm theo", "Nơi nhận:", "TM. ỦY BAN", "L MỤC TIÊU", "**2. Ban**", "Điều 3.", "Hiệu lực",
              "Phần II", "2.1", "Chung", "căn cứ luật", "  ", "IV"]
    text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) + rng.choice(["", "\n"])
    doc = doc_of(text)
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    assert_as_read_again(doc.joined(sorted(rng.sample(newlines, rng.randint(0, len(newlines))))))
