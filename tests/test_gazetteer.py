"""The gazetteer's readers of names: abbreviations written out, mentions found in one pass over the text."""
import pytest

from chitieu.extractors.gazetteer import canonical_agency, expand, find_mentions
from chitieu.models.normalize import fold


@pytest.mark.parametrize("written, expanded", [
    # dashes and ampersands spaced freely: the letters before them are what the text must hold
    ("Đài PT - TH huyện", "Đài Phát thanh và Truyền hình huyện"),
    ("Chi cục DS -KHHGĐ", "Chi cục Dân số - Kế hoạch hóa gia đình"),
    ("Trường TH & THCS Tân An", "Trường Tiểu học và Trung học cơ sở Tân An"),
    # the longest abbreviation first: THCS&THPT is one school, MTTQVN one front
    ("Trường THCS&THPT Lê Lợi", "Trường Trung học cơ sở và Trung học phổ thông Lê Lợi"),
    ("Ủy ban MTTQVN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    # the same letters as a command of the province and of a district
    ("BCH Quân sự tỉnh và BCH Quân sự huyện", "Bộ Chỉ huy Quân sự tỉnh và Ban Chỉ huy Quân sự huyện"),
    # never inside a longer word
    ("UBNDtỉnh", "UBNDtỉnh"),
    ("Trường MN Hoa Sen", "Trường Mầm non Hoa Sen"),
])
def test_expand(written: str, expanded: str) -> None:
    assert expand(written) == expanded


@pytest.mark.parametrize("text, names", [
    # a number ("số"), a report ("báo cáo") and a verb ("ban hành") fold like heads and are no bodies
    ("Số 12, báo cáo Sở Y tế; ban hành và giao Phòng Nội vụ huyện", ["Sở Y tế", "Phòng Nội vụ huyện"]),
    # a department written in lower case is one; "các sở" is a generic plural
    ("giao sở Tài chính và các sở, ngành", ["Sở Tài chính"]),
    # a committee in lower case (named as written), and one level word after a pair given to both
    ("ủy ban nhân dân huyện; Viện Kiểm sát nhân dân, Tòa án nhân dân tỉnh",
     ["ủy ban nhân dân huyện", "Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh"]),
    # a head misread by OCR before a capitalised sector is still the department; "số" before one is a number
    ("số Tài chính và Sỡ Tài chính, SỞ Y TẾ", ["Sở Tài chính", "Sở Y tế"]),
    ("bộ Công an, bố trí Sở Nội vụ", ["Bộ Công an", "Sở Nội vụ"]),
    # bodies written in lower case: committees, departments and the gazetteer's forms (named as written)
    ("phối hợp với công an xã, hội nông dân huyện và viettel tỉnh; ubnd huyện Tân Phú",
     ["công an xã", "hội nông dân huyện", "viettel tỉnh", "ubnd huyện Tân Phú"]),
    ("giao phòng Y tế, trung tâm y tế huyện và ban chỉ huy quân sự huyện",
     ["Phòng Y tế", "trung tâm y tế huyện", "ban chỉ huy quân sự huyện"]),
    # one head for several departments
    ("Giám đốc các Sở: Tài chính, Kế hoạch và Đầu tư; Chủ tịch", ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
])
def test_mentions(text: str, names: list[str]) -> None:
    assert [m.name for m in find_mentions(text, fold(text))] == names


def test_an_empty_name_is_empty() -> None:
    assert canonical_agency("") == ""


@pytest.mark.parametrize("text", ["so y te", "so ld - tb va so ld-tb", "so lao  dong", "uy ban nhan dan",
                                  "uy  ban mat tran", "uy ban", "soy te, so\ny te"])
def test_prefix_tree_matches_what_the_alternation_matches(text: str) -> None:
    import re

    from chitieu.extractors.gazetteer import prefix_tree

    # the order decides: "so" comes before "so y te" here, so "so y te" is read as "so"; a literal space and "\s+"
    alternatives = ["uy ban nhan dan", r"uy\s+ban\s+mat\s+tran", r"uy\s+ban", r"so\s+ld\s*\-\s*tb",
                    r"so\s+lao\s+dong", "so", r"so\s+y\s+te"]
    plain = re.compile("(?:" + "|".join(alternatives) + r")(?![a-z0-9])")
    tree = re.compile(prefix_tree(alternatives) + r"(?![a-z0-9])")
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_word_tries_only_the_readers_its_names_open_with() -> None:
    import re

    from chitieu.extractors import gazetteer as g

    # words that fold like heads, in lower case and capitalised; names of each reader; plurals
    text = ("Số 12, sở Y tế, số Tài chính, phòng, chống; Phòng Y tế; ủy ban nhân dân xã, uỷ ban MTTQ tỉnh; UBND tỉnh; "
            "các Sở Nội vụ, Bộ Công an tỉnh, bộ Tư pháp, Ban Quản lý dự án tỉnh; ban hành; hội nông dân huyện; "
            "Hội Phụ nữ; Trung tâm Y tế huyện; trung tâm; Báo Lào Cai; báo cáo; Đài PT-TH; viettel; Viettel Nghệ An; "
            "Sở Sây dựng; Chi cục Thuế khu vực II; chi cục; Tỉnh Đoàn; tỉnh đoàn; 115; Ủy ban; ủy ban; "
            "phòng chống, cán bộ, cơ sở, bộ phận; sở Tư pháp; phòng giáo dục và đào tạo huyện; ban chỉ huy quân sự huyện; "
            "bộ chỉ huy quân sự tỉnh; ban quản lý; phòng Văn hóa")
    folded = fold(text)

    def may_open_in_lower_case(pos: int) -> bool:  # a lower-case form, or a department's head as written
        opening = g._LETTERS.match(folded, pos)
        head = g._SECTOR_HEADS.get(opening.group()) if opening else None
        return bool(g._LOWER_CASE_OPENING.match(folded, pos)) or head is not None and g._is_head(
            text, pos, opening.end(), head)

    def every_reader(pos: int) -> g.Mention | None:  # every reader in turn, whatever the word
        if not text[pos].isupper() and not may_open_in_lower_case(pos):
            return None
        if g._PLURAL_BEFORE.search(folded, max(0, pos - 8), pos):
            return None
        return (g._match_ubnd(text, folded, pos) or g._match_sector(text, folded, pos)
                or g._match_named(text, folded, pos) or g._match_fallback(text, folded, pos))

    starts = [m.start() for m in re.finditer(r"\b\w", text)]
    assert [g._match_body(text, folded, pos) for pos in starts] == [every_reader(pos) for pos in starts]
    assert len(list(filter(None, map(every_reader, starts)))) >= 20


def test_candidates_found_from_the_character_before_as_by_a_look_behind() -> None:
    """Where a name may open, found from the character before each opening (and at the text's start), is where the
    openings after a look-behind are found, none inside another, over random mixtures of openings glued to letters,
    digits, marks, other scripts' letters and breaks, from the text's first character on."""
    import random
    import re

    from chitieu.extractors.gazetteer import _OPENINGS, _candidates

    behind = re.compile(r"(?<![a-z0-9])" + _OPENINGS)
    rng = random.Random(16)
    pieces = ["so", "so y te", "uy ban nhan dan", "ubnd", "uy  ban", "phong", "ban", "trung tam y te", "cong an",
              "van phong", "vien", "x", "a", "1", "_", "é", "ß", " ", "  ", "\n", ",", "-", "(", "*", "."]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _candidates(text) == [m.start() for m in behind.finditer(text)], text
