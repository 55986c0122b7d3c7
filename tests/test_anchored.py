"""Patterns searched from the words their matches hold give the matches of a search of the whole text."""
import random
import re

from chitieu.extractors.anchored import Anchor, by_first_letter, finditer
from hypothesis import given, settings
from hypothesis import strategies as st

NUMBER = re.compile(r"(?<![\w/])\d+(?:/\d{4})?/[A-Z]+(?:-[A-Z]+)*")
FROM_SLASH = Anchor((re.compile(r"/\s*(?:\d{4}|[A-Z])"),), 1, re.compile(r"\d"))


def test_the_same_matches_as_a_whole_search():
    # several places in one match (12/2019/NĐ-CP), matches side by side, places with no match, text edges
    rng = random.Random(3)
    pieces = ["12", "/", "2019", "/QD", "-UBND", "-", " ", "\n", "x", "7/", "KH", "A", "1/2/2020", "//"]
    texts = ["12/2019/QD-UBND 3/KH", "1/A2/B", "/A", "12/", "5/KH/6/QD"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25))) for _ in range(5000)]
    for text in texts:
        assert [m.span() for m in finditer(NUMBER, FROM_SLASH, text)] == [
            m.span() for m in NUMBER.finditer(text)], text


def test_an_empty_match_moves_the_search_on():
    # a pattern that may match nothing (no anchored pattern should) still ends, with the matches a whole search
    # gives when it prefers the longer match: here an empty one right before each slash that no digit precedes
    empty_or_digits = re.compile(r"\d*(?=/)")
    before_slash = Anchor((re.compile("/"),), 1, re.compile(r"[\d/]"))
    for text in ["12/3 /4", "/", "//", "1//2/", "a / b"]:
        assert [m.span() for m in finditer(empty_or_digits, before_slash, text)] == [
            m.span() for m in empty_or_digits.finditer(text)], text


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text("abc ", min_size=1, max_size=4).filter(lambda w: w[0] != " "), min_size=1, max_size=8),
       st.text("abc ,1", max_size=16))
def test_an_alternation_grouped_by_first_letter_matches_as_the_plain_one(words, text):
    # alternatives that share a first letter, or one another's start, keep their order: the same matches
    words = [re.escape(w) for w in words]
    for shape in (r"(?P<w>{})\b", r"(?:^|[^a-z])(?P<w>{}) ?(?:a ?)?$", r"(?<!\w)(?P<w>{})\s*$"):
        grouped, plain = re.compile(shape.format(by_first_letter(words))), re.compile(shape.format("|".join(words)))
        for end in range(len(text) + 1):
            found = [(m.span(), m.span("w")) for m in grouped.finditer(text, 0, end)]
            assert found == [(m.span(), m.span("w")) for m in plain.finditer(text, 0, end)]


def test_words_matched_where_their_head_is_found_start_where_a_scan_finds_them():
    # words with a plain head are matched only where str.find finds it: the same starts as a scan, over random texts of
    # heads, pieces of them, spaces and line breaks; words whose head cannot be read (an alternative outside their
    # groups, a quantifier after a letter, case ignored) are scanned as before
    from chitieu.extractors.anchored import _plain_head, _starts
    words = [re.compile(p) for p in (r"truoc\s+ngay", "truoc", r"thang\s+(?:\d|dau|cuoi)", "hoan thanh", "thoi (?:gian|han)",
                                     "truocc?x", "truoc|sau", r"khong\s+(?:muon|qua)", "tru(?:oc)+", "tructr")]
    words.append(re.compile("truoc", re.I))
    assert [_plain_head(w) for w in words] == ["truoc", "truoc", "thang", "hoan thanh", "thoi ", "truoc", "",
                                              "khong", "tru", "tructr", ""]
    rng = random.Random(11)
    pieces = ["truoc", "tru", "oc", "ctr", " ", "  ", "\n", "ngay", "thang", "5", "dau", "hoan", " thanh", "thoi",
              "gian", "han", "sau", "x", "c", "khong", "qua", "TRUOC"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14)))
        for w in words:
            assert _starts(w, text) == [m.start() for m in w.finditer(text)], (w.pattern, text)
