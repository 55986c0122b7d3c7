"""The section tree from the numbering of official documents."""
import pytest
from chitieu.models.sections import _LINE_MAY_OPEN, _heading, segment

PLAN = """KẾ HOẠCH
Phòng, chống dịch bệnh năm 2022

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Nâng cao trách nhiệm của các cấp
b) Bảo đảm kinh phí
II. NHIỆM VỤ VÀ GIẢI PHÁP
1.1. Tuyên truyền
1.2. Tiêm chủng
III. KINH PHÍ THỰC HIỆN
Ngân sách tỉnh.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Y tế: chủ trì thực hiện
2. Chế độ báo cáo
Nơi nhận:
- Như trên;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
PHỤ LỤC I
Bảng kinh phí
"""


def sections(text):
    return segment(text)


def test_paths_and_kinds():
    found = [(s.path, s.kind, s.heading) for s in sections(PLAN)]
    assert found == [
        ("preamble", "preamble", ""),
        ("I", "objectives", "MỤC ĐÍCH, YÊU CẦU"),
        ("I.1", "objectives", "Mục đích"),
        ("I.1.a", "objectives", "Nâng cao trách nhiệm của các cấp"),  # kind inherited: words not at the start
        ("I.1.b", "objectives", "Bảo đảm kinh phí"),
        ("II", "tasks", "NHIỆM VỤ VÀ GIẢI PHÁP"),
        ("II.1.1", "tasks", "Tuyên truyền"),
        ("II.1.2", "tasks", "Tiêm chủng"),
        ("III", "budget", "KINH PHÍ THỰC HIỆN"),
        ("IV", "organisation", "TỔ CHỨC THỰC HIỆN"),
        ("IV.1", "organisation", "Sở Y tế"),
        ("IV.2", "reporting", "Chế độ báo cáo"),
        ("recipients", "recipients", "Nơi nhận"),
        ("signature", "signature", "TM. ỦY BAN NHÂN DÂN"),
        ("appendix", "appendix", "PHỤ LỤC I"),
    ]


def test_spans_nest():
    secs = sections(PLAN)
    by_path = {s.path: s for s in secs}
    assert by_path["I"].start < by_path["I.1.a"].start < by_path["I.1.b"].end <= by_path["I"].end
    assert by_path["I"].end == by_path["II"].start
    assert PLAN[by_path["IV.1"].body_start:].startswith("Sở Y tế")


@pytest.mark.parametrize("line, path", [
    ("#### **I. MỤC TIÊU**", "I"),          # Markdown heading and bold, as legal-text sites render them
    ("##### **1. Mục tiêu tổng quát:**", "1"),
    ("Điều 2. Tổ chức thực hiện", "2"),
    ("d) Sở Y tế", "d"),
    ("đ) Sở Tư pháp", "đ"),
    ("2.3. Truyền thông", "2.3"),
])
def test_label_styles(line, path):
    assert sections(line + "\nnội dung")[0].path == path


@pytest.mark.parametrize("line", [
    "12 Hội đồng x 50 trẻ",        # a count, not a label
    "2022\t2023\t2024",            # a table row
    "Xem mục I của kế hoạch",
    "1.000 trẻ em được hỗ trợ",
])
def test_not_headings(line):
    assert sections(line) == []


def test_kind_comes_from_words_not_position():
    secs = sections("I. KINH PHÍ\nabc\nII. MỤC TIÊU\nxyz")
    assert [s.kind for s in secs] == ["budget", "objectives"]


@pytest.mark.parametrize("line, path, kind", [
    ("I.MỤC TIÊU", "I", "objectives"),        # OCR drops the space after the dot
    ("L MỤC TIÊU", "I", "objectives"),        # OCR reads I as L and drops the dot
    ("Il. NỘI DUNG", "II", "tasks"),          # ... or as l
    ("V KINH PHÍ THỰC HIỆN", "V", "budget"),
])
def test_roman_labels_as_ocr_reads_them(line, path, kind):
    found = sections(line + "\nnội dung")[0]
    assert (found.path, found.kind) == (path, kind)


@pytest.mark.parametrize("line", ["Lập kế hoạch năm 2022", "LÊ VĂN TÁM", "Vũ Văn An"])
def test_words_that_only_look_like_roman_labels(line):
    assert sections(line + "\nnội dung") == []


@pytest.mark.parametrize("text, expected", [
    # a background part and its items look back; the next part does not
    ("I. KẾT QUẢ THỰC HIỆN NĂM TRƯỚC\n1. Tiêm chủng\nII. NHIỆM VỤ\n1. Tuyên truyền",
     [("I", True), ("I.1", True), ("II", False), ("II.1", False)]),
    # an item under a background part keeps the flag even when its own heading names another kind
    ("I. THỰC TRẠNG\n1. Mục tiêu đã đạt\nII. MỤC TIÊU", [("I", True), ("I.1", True), ("II", False)]),
    ("Phần mở đầu\nI. MỤC TIÊU", [("preamble", False), ("I", False)]),
])
def test_looks_back_flags_the_situation_before_the_plan(text, expected):
    assert [(s.path, s.looks_back) for s in sections(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Nghị quyết\nI. MỤC ĐÍCH, YÊU CẦU\nII. NHIỆM VỤ\nIII. TỔ CHỨC THỰC HIỆN\nNơi nhận:\n- Như trên;",
     [("preamble", False), ("I", False), ("II", True), ("III", True), ("recipients", False)]),
    ("I. KINH PHÍ\nTM. ỦY BAN NHÂN DÂN", [("I", True), ("signature", False)]),
])
def test_assigns_work_leaves_out_basis_goals_recipients_and_signature(text, expected):
    assert [(s.path, s.assigns_work) for s in sections(text)] == expected


def test_only_lines_that_may_open_a_heading_are_read_but_none_is_missed():
    # Headings are looked for in the whole text at once: a heading at the end of its line ("PHỤ LỤC" before a
    # line in lower case), after marks, or as OCR reads it is still found; a label whose words would only
    # follow on a later line ("1" ... ". Không") and a line opening with a control character are not headings.
    text = ("**PHỤ LỤC**\n\nkèm theo\n  ## 1. Mục tiêu chung\n1\n\n\n. Không\n\x0c2. Tiếp\n"
            "nơi nhận:\n| L MỤC TIÊU\n")
    assert [(s.path, s.kind, s.start, s.end) for s in segment(text)] == [
        ("appendix", "appendix", 0, 66), ("appendix.1", "objectives", 22, 66),
        ("recipients", "recipients", 66, 76), ("I", "objectives", 76, 89)]


@pytest.mark.parametrize("line, found", [
    # closers before labels (an appendix numbered in Roman is no part), then the labels in their order
    ("PHỤ LỤC I", ("appendix", 1, "PHỤ", "appendix", 0)),
    ("NƠI NHẬN:", ("recipients", 1, "NƠI", "recipients", 0)),
    ("KT. CHỦ TỊCH", ("signature", 1, "KT.", "signature", 0)),
    ("Phần II. Nội dung", ("part", 0, "Phần II.", "II", 9)),
    ("**IV. GIẢI PHÁP**", ("roman", 1, "IV.", "IV", 6)),
    ("Il. NỘI DUNG", ("roman", 1, "II.", "II", 4)),
    ("L MỤC TIÊU", ("roman", 1, "I", "I", 2)),
    ("Điều 3. Hiệu lực", ("article", 2, "Điều 3.", "3", 8)),
    ("2.1. Chung", ("dotted", 3, "2.1.", "2.1", 5)),
    ("3) Ba", ("arabic", 2, "3)", "3", 3)),
    ("ø) Bảy", ("letter", 4, "ø)", "ø", 3)),
    # a Roman label's pattern never reads an empty numeral (". ABC"), nor a numeral that is none
    (". ABC", None), (") Nội dung", None), ("IIX. Sai", None), ("12345. Số", None),
])
def test_a_heading_line_read_by_its_first_opener(line, found):
    assert _heading(line) == found
    # and the scan for lines that may open a heading, which rules lines out by their first character, finds it
    assert (_LINE_MAY_OPEN.search("\n" + line) is not None) >= (found is not None)


def test_lines_ruled_out_by_their_first_character_are_those_no_opener_reads():
    """A line is tried for a heading only when it opens, past its marks, with a character an opener opens with: the
    lines found are those every opener tried at every line finds, over random mixtures of openers, marks, letters of
    both cases, digits, brackets, spaces and breaks."""
    import random
    import re

    from chitieu.models.sections import _LINE_MAY_OPEN, _MARKS, _OPENERS

    every = re.compile(rf"\n(?=(?>{_MARKS.pattern})(?=\S)(?:{_OPENERS}))", re.M)
    rng = random.Random(16)
    pieces = ["Nơi nhận", "NƠI NHẬN", "nơi nhận", "TM. ỦY", "KT. CHỦ", "Q. X", "TUQ. A", "PHỤ LỤC", "Phụ lục II",
              "PHẦN I", "Chương 2", "I. MỤC", "IV.", "V. ", "XI ", "Điều 1. ", "1. Sở", "2.1. ", "12) ", "a) ",
              "đ) ", "ø) ", "L MỤC", "Il. NỘI", "l MỤC", "|", "**", "#", "> ", "_", " ", "\t", "\n", "\n",
              "\n\n", "Sở", "tăng", "x", ")", "7", ".", "K", "n", "\u00a0", "\x0c"]
    for _ in range(5000):
        text = "\n" + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [m.end() for m in _LINE_MAY_OPEN.finditer(text)] == [m.end() for m in every.finditer(text)], text
