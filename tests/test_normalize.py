"""Folding a long text at once gives what folding it character by character gives."""
import subprocess
import sys

from chitieu.models.normalize import _FOLD_TABLE, _PASSAGE_TEXT, fold


def test_a_long_text_folds_as_its_characters_do():
    # every code point of the table and past its end, an emoji, a lone surrogate (a broken input's)
    text = "".join(map(chr, range(0x2600))) + "Ắ😀\U0010ffff" + chr(0xDC80) + "đĐ–*#"
    assert len(text) > _PASSAGE_TEXT
    folded = fold(text)
    assert folded == text.translate(_FOLD_TABLE)
    assert folded == "".join(fold(ch) for ch in text)
    assert len(folded) == len(text)


def test_an_ascii_text_and_an_empty_one():
    text = "Ke hoach so 12/KH-UBND **ngay** 5 thang 3 # " * 10
    assert fold(text) == text.lower().replace("*", " ").replace("#", " ")
    assert fold("") == ""


def test_folding_a_quote_does_not_load_numpy():
    """The writer folds items' quotes (600 characters at most) and nothing longer: it never pays for numpy."""
    code = ("import sys; from chitieu.models.normalize import fold; "
            "fold('Sở Y tế chủ trì. ' * 40); print('numpy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
