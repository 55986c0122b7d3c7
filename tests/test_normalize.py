"""Folding a long text at once gives what folding it character by character gives."""
from chitieu.models.normalize import _FOLD_TABLE, _SHORT_TEXT, fold


def test_a_long_text_folds_as_its_characters_do():
    # every code point of the table and past its end, an emoji, a lone surrogate (a broken input's)
    text = "".join(map(chr, range(0x2600))) + "Ắ😀\U0010ffff" + chr(0xDC80) + "đĐ–*#"
    assert len(text) > _SHORT_TEXT
    folded = fold(text)
    assert folded == text.translate(_FOLD_TABLE)
    assert folded == "".join(fold(ch) for ch in text)
    assert len(folded) == len(text)


def test_an_ascii_text_and_an_empty_one():
    text = "Ke hoach so 12/KH-UBND **ngay** 5 thang 3 # " * 10
    assert fold(text) == text.lower().replace("*", " ").replace("#", " ")
    assert fold("") == ""
