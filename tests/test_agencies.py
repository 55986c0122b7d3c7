"""Agencies: one case per rule, each from a sentence written the way Vietnamese plans write it."""
from __future__ import annotations

import pytest
from chitieu.extractors.agencies import extract_agencies
from chitieu.extractors.gazetteer import canonical_agency, find_mentions
from chitieu.models.document import Document
from chitieu.models.normalize import fold

HEAD = "KẾ HOẠCH\nPhòng, chống thiên tai năm 2023\n\nI. MỤC TIÊU\n1. Giảm thiệt hại do thiên tai.\n\nIII. TỔ CHỨC THỰC HIỆN\n"


def agencies(body: str) -> dict[str, tuple[str, list[str]]]:
    doc = Document("t.txt", "0", HEAD + body)
    return {a.name: (a.role, a.indicators) for a in extract_agencies(doc)}


@pytest.mark.parametrize("written, canonical", [
    ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Phòng GDĐT huyện", "Phòng Giáo dục và Đào tạo huyện"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Văn hoá - Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường"),
    ("Sở Dân tộc và Tôn giáo", "Sở Dân tộc và Tôn giáo"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("UBND các xã, phường, thị trấn", "UBND cấp xã"),
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND cấp huyện"),
    ("UBND huyện, thành phố", "UBND cấp huyện"),
    ("Uỷ ban nhân dân tỉnh Thái Bình", "Ủy ban nhân dân tỉnh Thái Bình"),
    ("Toà án nhân dân tỉnh", "Tòa án nhân dân tỉnh"),
    ("Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Hội LHPN huyện", "Hội Liên hiệp Phụ nữ huyện"),
    ("Trung tâm Bảo trợ xã hội tỉnh", "Trung tâm Bảo trợ xã hội tỉnh"),
    # 2025 regional offices of central bodies end with their region
    ("Chi cục Hải quan khu vực IV", "Chi cục Hải quan khu vực IV"),
    ("Ngân hàng Nhà nước chi nhánh khu vực 9", "Ngân hàng Nhà nước chi nhánh khu vực 9"),
    ("Kho bạc Nhà nước khu vực XII", "Kho bạc Nhà nước khu vực XII"),
    # a Party committee's board ends with the committee
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    # the merged provincial press body and the telecom groups take the place name after them
    ("Báo và Phát thanh, Truyền hình Hòa Bình", "Báo và Phát thanh, Truyền hình Hòa Bình"),
    ("VNPT Hà Giang", "VNPT Hà Giang"),
    # a management board goes on with what it manages
    ("Ban Quản lý các khu công nghiệp và khu chế xuất", "Ban Quản lý các khu công nghiệp và khu chế xuất"),
    ("Ban Quản lý Khu kinh tế Vân Phong", "Ban Quản lý Khu kinh tế Vân Phong"),
    ("Ban Quản lý các KCN tỉnh", "Ban Quản lý các Khu công nghiệp tỉnh"),
    ("Cổng Thông tin điện tử tỉnh", "Cổng Thông tin điện tử tỉnh"),
    ("Hiệp hội Doanh nghiệp tỉnh", "Hiệp hội Doanh nghiệp tỉnh"),
    # a head of several words whose last syllable ends in -uy ("Chỉ huy")
    ("Ban Chỉ huy Phòng thủ dân sự huyện", "Ban Chỉ huy Phòng thủ dân sự huyện"),
    # a place whose syllables are also common words ("Đà", "La") is still a place
    ("Báo và Phát thanh, Truyền hình Đà Lạt", "Báo và Phát thanh, Truyền hình Đà Lạt"),
    ("Trung tâm Y tế huyện Mường La", "Trung tâm Y tế huyện Mường La"),
    # one kind of body in every unit, named as written
    ("Trung tâm Y tế các huyện, thị xã", "Trung tâm Y tế các huyện, thị xã"),
    ("Phòng Giáo dục và Đào tạo các huyện", "Phòng Giáo dục và Đào tạo các huyện"),
    # Party boards found by their head word end with their committee
    ("Ban Nội chính Tỉnh ủy", "Ban Nội chính Tỉnh ủy"),
    # 2025 names of the provincial offices of central bodies
    ("Thống kê tỉnh Hà Tĩnh", "Thống kê tỉnh Hà Tĩnh"),
    ("Thi hành án dân sự tỉnh", "Thi hành án dân sự tỉnh"),
    ("Viện KSND tỉnh", "Viện Kiểm sát nhân dân tỉnh"),
    # a sector misspelt by one letter is still that sector
    ("Sở Sây dựng", "Sở Xây dựng"),
    ("Sở Giáo dục và Đào tạn", "Sở Giáo dục và Đào tạo"),
    # central bodies and units by their head word
    ("Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"),
    ("Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("Vụ Pháp chế", "Vụ Pháp chế"),
    ("Đội Kiểm tra liên ngành phường", "Đội Kiểm tra liên ngành phường"),
    # a branch of a central body
    ("Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh Lào Cai", "Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh Lào Cai"),
    # parts of a name listed with commas; syllables that fold like stop words ("tư", "cơ", "thị")
    ("Trung tâm Xúc tiến Thương mại, Đầu tư tỉnh", "Trung tâm Xúc tiến Thương mại, Đầu tư tỉnh"),
    ("Trung tâm Giáo dục nghề nghiệp, giáo dục thường xuyên huyện",
     "Trung tâm Giáo dục nghề nghiệp, giáo dục thường xuyên huyện"),
    ("Trường Trung học cơ sở Tân Phú", "Trường Trung học cơ sở Tân Phú"),
    ("Đội Quản lý trật tự đô thị", "Đội Quản lý trật tự đô thị"),
    ("Bệnh viện Chấn thương chỉnh hình tỉnh", "Bệnh viện Chấn thương chỉnh hình tỉnh"),
])
def test_canonical_name(written: str, canonical: str) -> None:
    assert canonical_agency(written) == canonical


@pytest.mark.parametrize("body, name, role", [
    # a numbered item addressed to a body makes it lead, even when its text begins "Phối hợp"
    ("1. Công an tỉnh: Phối hợp với các ngành đấu tranh phòng, chống tội phạm.\n", "Công an tỉnh", "lead"),
    ("2. Sở Y tế\nChủ trì, phối hợp với các đơn vị liên quan triển khai.\n", "Sở Y tế", "lead"),
    # "Đề nghị" addresses a body outside the issuer's command
    ("5. Đề nghị Hội Nông dân tỉnh tuyên truyền, vận động hội viên.\n", "Hội Nông dân tỉnh", "requested"),
    # bullets inside a "Đề nghị" item stay requested
    ("6. Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội\n- Hội Cựu chiến binh tỉnh vận động hội viên.\n",
     "Hội Cựu chiến binh tỉnh", "requested"),
    # partners after "phối hợp với"
    ("3. Sở Tài chính chủ trì, phối hợp với Sở Xây dựng bố trí kinh phí.\n", "Sở Xây dựng", "support"),
    ("- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp Chi cục Thống kê và các đơn vị liên quan.\n", "Chi cục Thống kê", "support"),
    ("- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp Chi cục Thống kê.\n", "Sở Nội vụ", "lead"),
    # the subject follows an adverbial clause
    ("1. Căn cứ chức năng, nhiệm vụ, các sở, ngành, UBND các huyện, thành phố chủ động xây dựng kế hoạch.\n",
     "UBND cấp huyện", "lead"),
    # a body the gazetteer lacks, found by its head word
    ("7. Trung tâm Văn hóa - Thể thao huyện\nTổ chức các hoạt động vui chơi.\n", "Trung tâm Văn hóa - Thể thao huyện", "lead"),
    ("8. Báo Quảng Nam tăng thời lượng đưa tin.\n", "Báo Quảng Nam", "lead"),
])
def test_role(body: str, name: str, role: str) -> None:
    assert agencies(body)[name][0] == role


@pytest.mark.parametrize("body, codes", [
    ("1. Sở Công Thương\nTheo dõi các mục tiêu 2, 5 và 9; báo cáo hằng quý.\n", ["2", "5", "9"]),
    ("1. Sở Công Thương\nChủ trì thực hiện các chỉ tiêu a, c; tổng hợp báo cáo.\n", ["a", "c"]),
])
def test_indicator_codes_by_goal_and_letter(body: str, codes: list[str]) -> None:
    assert agencies(body)["Sở Công Thương"] == ("lead", codes)


def test_indicator_codes() -> None:
    found = agencies("1. Sở Y tế\nHướng dẫn, triển khai thực hiện các chỉ tiêu 3, 4 và 6 của Kế hoạch.\n")
    assert found["Sở Y tế"] == ("lead", ["3", "4", "6"])


def test_shared_level_word_is_distributed() -> None:
    found = agencies("9. Viện Kiểm sát nhân dân, Toà án nhân dân tỉnh phối hợp xét xử.\n")
    assert {"Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh"} <= found.keys()


@pytest.mark.parametrize("body, absent", [
    # generic groups name no body
    ("4. Các sở, ban, ngành, đoàn thể liên quan căn cứ chức năng tổ chức thực hiện.\n", "đoàn thể"),
    # objects of "chỉ đạo", "báo cáo", "tham mưu" are not assigned work
    ("1. Sở Giáo dục và Đào tạo\nChỉ đạo Phòng Giáo dục và Đào tạo các huyện tuyên truyền.\n", "Phòng Giáo dục và Đào tạo"),
    ("2. Sở Tư pháp: định kỳ báo cáo Ủy ban nhân dân tỉnh, Bộ Tư pháp.\n", "Ủy ban nhân dân tỉnh"),
    ("2. Sở Tư pháp: định kỳ báo cáo Ủy ban nhân dân tỉnh, Bộ Tư pháp.\n", "Bộ Tư pháp"),
])
def test_not_an_agency(body: str, absent: str) -> None:
    assert not any(name.startswith(absent) for name in agencies(body))


def test_goals_and_recipients_assign_nothing() -> None:
    doc = Document("t.txt", "0", "I. MỤC TIÊU\n1. Sở Y tế phấn đấu 95% trẻ em được tiêm chủng.\n"
                   "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n")
    assert extract_agencies(doc) == []


def test_task_table_columns() -> None:
    table = ("PHỤ LỤC\nSTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
             "1\tTập huấn cán bộ\tSở Nội vụ\tSở Tài chính\tQuý II/2025\n")
    found = agencies(table)
    assert found["Sở Nội vụ"][0] == "lead" and found["Sở Tài chính"][0] == "support"


# A web page's table printed as text: each cell on its own lines, a lone "|" after each cell and before each row;
# a merged heading row ("II | TUYÊN TRUYỀN") and an empty last cell sit among the data rows.
CELL_LINE_TABLE = ("**PHỤ LỤC**\nNHIỆM VỤ CỤ THỂ\n|\n**STT**\n|\n**Nhiệm vụ**\n|\n**Cơ quan chủ\ntrì**\n|\n"
                   "**Cơ quan phối hợp**\n|\n**Thời gian hoàn\nthành**\n|\n**Ghi chú**\n|\n|\n**II**\n|\n"
                   "**TUYÊN TRUYỀN**\n|\n|\n1\n|\nIn tờ rơi phát cho\nngười dân\n|\nSở Văn hóa, Thể thao\nvà Du lịch\n|\n"
                   "Ban Chỉ huy Quân sự huyện; các cơ quan liên quan\n|\nQuý II/2026\n|\n|\n|\n2\n|\nHọp tổng kết\n|\n"
                   "Sở Nội vụ\n|\nHội Phụ nữ tỉnh\n|\n2027\n|\nBáo cáo\n|\n")


def test_cell_line_table_rows() -> None:
    from chitieu.extractors.agencies import table_rows

    doc = Document("t.md", "0", HEAD + CELL_LINE_TABLE)
    rows = [{k: " ".join(doc.text[a:b].split()) for k, (a, b) in row.cells.items()} for row in table_rows(doc)]
    assert rows[1]["lead"] == "Sở Văn hóa, Thể thao và Du lịch" and rows[1]["time"] == "Quý II/2026"
    assert rows[2] == {"task": "Họp tổng kết", "lead": "Sở Nội vụ", "support": "Hội Phụ nữ tỉnh", "time": "2027"}


def test_cell_line_table_columns_give_roles() -> None:
    found = agencies(CELL_LINE_TABLE)
    assert found["Sở Văn hóa, Thể thao và Du lịch"][0] == "lead" and found["Sở Nội vụ"][0] == "lead"
    assert found["Ban Chỉ huy Quân sự huyện"][0] == "support" and found["Hội Phụ nữ tỉnh"][0] == "support"


def test_a_bold_appendix_heading_closes_the_signature() -> None:
    doc = Document("t.md", "0", HEAD + "1. Sở Y tế chủ trì.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n" + CELL_LINE_TABLE)
    assert doc.section_at(doc.text.index("In tờ rơi")).kind == "appendix"


@pytest.mark.parametrize("text, joined", [
    # a bold heading wrapped after its number or mid-name
    ("**3. Ban\nQuản lý Khu kinh tế Hòn La**\n\n- Chủ trì.", True),
    # the next line goes on in lower case
    ("- Phối hợp với Sở Khoa học\nvà Công nghệ.", True),
    # a line cannot end on a preposition
    ("- Phối hợp chặt chẽ với\nCông an tỉnh.", True),
    # a closed bold heading, then its text
    ("**3. Sở Y tế**\nChủ trì, phối hợp.", False),
    # a lettered item starts a new line although it is in lower case
    ("1. Sở Y tế:\na) Chủ trì.", False),
])
def test_wrapped_line_breaks(text: str, joined: bool) -> None:
    from chitieu.extractors.agencies import flatten

    flat = flatten(Document("t.md", "0", text))
    assert (flat.text[text.index("\n")] == " ") == joined


@pytest.mark.parametrize("text, joined", [
    # a bold run stays open over a line without marks, and closes where its marks close it
    ("**3. Ban Quản lý\nKhu kinh tế\nDung Quất**\nChủ trì.", [0, 1]),
    # a line without marks that opens an item closes a run left open
    ("**3. Ban Quản lý\n4. Khu kinh tế\nDung Quất", [0]),
    # a border line and a row of cells are never joined
    ("Phối hợp với\n | \nCông an tỉnh", []),
    ("Phối hợp với\nCông an tỉnh | Sở Y tế\nCông an tỉnh", [0]),
    # a bold run left open closes after a few lines, at a border line, and never joins a row of cells
    ("**3. Ban\nKhu\nKinh\nTế\nDung\nQuất", [0, 1, 2, 3]),
    ("**3. Ban Quản lý\n | \nKhu kinh tế\nDung Quất", []),
    ("**3. Ban Quản lý\na | b | c\nKhu kinh tế", []),
])
def test_wrapped_breaks_by_line(text: str, joined: list[int]) -> None:
    from chitieu.extractors.agencies import flatten

    flat = flatten(Document("t.md", "0", text))
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    assert [n for n, i in enumerate(breaks) if flat.text[i] == " "] == joined


def test_the_flat_copy_of_every_plan_is_the_flat_text_read_again() -> None:
    """The flat copy's lines and sections, derived from the plan's (``Document.joined``), are those its text gives
    read from scratch."""
    from chitieu.extractors.agencies import flatten

    from tests.test_document import assert_as_read_again, corpus_documents

    flattened = 0
    for doc in corpus_documents():
        flat = flatten(doc)
        assert_as_read_again(flat)
        flattened += flat is not doc
    assert flattened > 20


def test_table_lines_as_read_one_by_one() -> None:
    """The lines of a table and its borders, found in one pass, are those a line read alone gives: a border holds
    its one bar alone (spaces and tabs around it), a tab or two bars make a row."""
    from chitieu.extractors.agencies import _table_lines
    from chitieu.models.text_tables import BORDER_LINE

    lines = ["|", " | ", "\t|\t", "\t", "a\tb", "||", "a|", "|a", "a | b | c", " |  | ", "| x", "plain", "", "\t\t|"]
    tabled, borders = _table_lines(lines)
    assert borders == {i for i, line in enumerate(lines) if BORDER_LINE.fullmatch(line)} == {0, 1, 2, 13}
    assert tabled == {i for i, line in enumerate(lines)
                      if "\t" in line or line.count("|") >= 2 or BORDER_LINE.fullmatch(line)} == {0, 1, 2, 3, 4, 5, 8, 9, 13}


@pytest.mark.parametrize("last_line, joined", [
    ("KẾ HOẠCH TRIỂN KHAI THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM CỦA NĂM 2025 TRÊN ĐỊA BÀN TOÀN TỈNH", False),
    ("Kế hoạch triển khai thực hiện các nhiệm vụ trọng tâm của năm 2025 trên địa bàn toàn tỉnh", True),
])
def test_a_full_line_in_capitals_does_not_go_on(last_line: str, joined: bool) -> None:
    from chitieu.extractors.agencies import flatten

    text = "\n".join(["Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai thực hiện các nhiệm vụ trọng tâm năm 2025"] * 8
                     + [last_line, "Sở Y tế chủ trì."])
    flat = flatten(Document("t.md", "0", text))
    assert (flat.text[text.rindex("\n")] == " ") == joined


def test_wrapped_request_heading() -> None:
    found = agencies("**4. Đề\nnghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh**\n\na) Phối hợp chặt chẽ với\n"
                     "Công an tỉnh trong điều tra.\n")
    assert found["Viện Kiểm sát nhân dân tỉnh"][0] == "requested" and found["Tòa án nhân dân tỉnh"][0] == "requested"
    assert "Công an tỉnh" not in found or found["Công an tỉnh"][0] == "support"


@pytest.mark.parametrize("body, name, role", [
    # an organisation item addressed to a class of bodies makes the class a lead agency, named as written
    ("**5. Các hợp tác xã nuôi ong\ntrên địa bàn huyện**\n- Tham gia chuỗi liên kết.\n",
     "Các hợp tác xã nuôi ong trên địa bàn huyện", "lead"),
    ("**6. Các Sở, ban, ngành cấp tỉnh**\n- Lồng ghép nhiệm vụ.\n", "Các Sở, ban, ngành cấp tỉnh", "lead"),
    # words of generic groups inside a class's own words ("thành viên" / "viễn thông") leave it a class
    ("**3. Các doanh nghiệp bưu chính**\n- Chuyển phát hồ sơ.\n", "Các doanh nghiệp bưu chính", "lead"),
    ("**7. Đề nghị các tổ chức tín dụng trên địa bàn**\n- Cho vay ưu đãi.\n", "Các tổ chức tín dụng trên địa bàn",
     "requested"),
    # the bare nouns before "có liên quan" are generic; the named class stays
    ("**9. Các doanh nghiệp vận tải, tổ chức, cá nhân có liên quan**\n- Chấp hành.\n", "Các doanh nghiệp vận tải", "lead"),
    # a body listed after the group is its own agency; a body that qualifies the group is part of its name
    ("**11. Các Sở, ban, ngành của tỉnh, UBND các xã, phường**\n- Phối hợp.\n", "Các Sở, ban, ngành của tỉnh", "lead"),
    ("**11. Các Sở, ban, ngành của tỉnh, UBND các xã, phường**\n- Phối hợp.\n", "UBND cấp xã", "lead"),
    ("12. Các trường trực thuộc Phòng Giáo dục và Đào tạo\n- Dạy kỹ năng sống.\n",
     "Các trường trực thuộc Phòng Giáo dục và Đào tạo", "lead"),
    # a lead slot
    ("1. Tập huấn\n- Đơn vị chủ trì: Các sở, ngành, UBND cấp huyện.\n", "Các sở, ngành", "lead"),
])
def test_group_addressed_by_an_item(body: str, name: str, role: str) -> None:
    assert agencies(body)[name][0] == role


@pytest.mark.parametrize("body", [
    "**8. Các Sở, ngành, đơn vị liên quan**\n- Phối hợp.\n",  # "liên quan": any body
    "10. Các sở, ngành, địa phương căn cứ chức năng, nhiệm vụ tổ chức thực hiện.\n",  # a sentence about them
    "1. Tập huấn\n- Đơn vị chủ trì: Các cơ quan, đơn vị theo quy định.\n",  # any body
    "**7. Các cơ quan thông tin đại chúng**\n- Đưa tin.\n",  # any outlet
])
def test_generic_group_is_no_agency(body: str) -> None:
    assert not any(name.startswith("Các") for name in agencies(body))


def test_level_not_given_to_a_name_with_its_place() -> None:
    found = agencies("**6. Báo và Phát thanh, Truyền hình Kon Tum, Cổng Thông tin điện tử tỉnh**\n- Phổ biến.\n")
    assert {"Báo và Phát thanh, Truyền hình Kon Tum", "Cổng Thông tin điện tử tỉnh"} <= found.keys()


def test_issuing_committee_is_no_agency() -> None:
    found = agencies("2. Sở Xây dựng chủ trì theo dõi.\nỦy ban nhân dân tỉnh đề nghị các sở, ngành khẩn trương thực hiện.\n")
    assert "Sở Xây dựng" in found and not any(name.startswith("Ủy ban nhân dân") for name in found)
    doc = Document("t.txt", "0", "ỦY BAN NHÂN DÂN\nHUYỆN TÂN LẬP\n" + HEAD + "1. UBND huyện Tân Lập giao Phòng Y tế chủ trì."
                   "\n2. Phòng Y tế huyện chủ trì tổng hợp; báo cáo UBND huyện.\n")
    names = [a.name for a in extract_agencies(doc)]
    assert names and all(name.startswith("Phòng Y tế") for name in names)


def test_partner_of_the_committee_is_no_agency() -> None:
    found = agencies("2. Sở Tư pháp\nc) Chủ trì tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Tư pháp tổ chức hội nghị.\n")
    assert "Sở Tư pháp" in found and "Bộ Tư pháp" not in found


@pytest.mark.parametrize("body, names, role", [
    # the named members of a group in brackets take its place: asked with it, or partners with it
    ("**8. Đề nghị các doanh nghiệp viễn thông (VNPT, Viettel và doanh nghiệp khác):**\n- Bảo đảm thông tin.\n",
     ["VNPT", "Viettel"], "requested"),
    ("3. Sở Thông tin và Truyền thông\n- Phối hợp với các nhà mạng (Viettel Kon Tum, VNPT Kon Tum) lắp trạm.\n",
     ["Viettel Kon Tum", "VNPT Kon Tum"], "support"),
])
def test_members_in_brackets(body: str, names: list[str], role: str) -> None:
    found = agencies(body)
    assert [found[name][0] for name in names] == [role] * len(names)


def test_count_per_body_is_no_assignment() -> None:
    found = agencies("2. Sở Thông tin và Truyền thông\n- Lắp thêm 32 trạm (Trong đó: Viettel: 20 trạm, VNPT: 12 trạm).\n")
    assert "Viettel" not in found and "VNPT" not in found


def test_emphasised_heading_is_the_whole_name() -> None:
    found = agencies("**5. Trung tâm Khuyến nông, khuyến ngư và giống cây trồng**\n- Mở lớp tập huấn.\n")
    assert found["Trung tâm Khuyến nông, khuyến ngư và giống cây trồng"][0] == "lead"


def test_table_without_lead_column_assigns_nothing() -> None:
    found = agencies("Bảng sản phẩm\n| TT | Sản phẩm | Sản lượng |\n| 1 | Hạt giống Mộc Châu | 20 |\n| 2 | Chè | 30 |\n")
    assert not found


def test_short_reference_takes_the_full_name() -> None:
    found = agencies("3. Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh theo dõi, tổng hợp.\n"
                     "PHỤ LỤC\nSTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
                     "1\tDiễn tập\tSở Nội vụ\tVăn phòng Ban Chỉ huy\tQuý II/2026\n")
    assert "Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh" in found and "Văn phòng Ban Chỉ huy" not in found


def test_departments_listed_after_one_head() -> None:
    found = agencies("3. Giao Giám đốc các Sở: Tài chính, Kế hoạch và Đầu tư, Xây dựng chủ trì thẩm định dự án.\n")
    assert {"Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng"} <= found.keys()


@pytest.mark.parametrize("body", [
    "1. Thành lập Tổ công tác liên ngành:\n- Tổ trưởng: Phó Chủ tịch UBND tỉnh;\n- Thành viên: Sở Tư pháp, Sở Nội vụ, Công an tỉnh.\n",
    "2. Ban Chỉ đạo gồm các thành viên: Sở Tư pháp, Sở Nội vụ, Công an tỉnh.\n",
])
def test_committee_members_are_not_assigned(body: str) -> None:
    assert not agencies(body)


def test_two_line_table_header() -> None:
    table = ("PHỤ LỤC\n| TT | Nhiệm vụ | Cơ quan thực hiện | | Thời gian |\n| | | Chủ trì | Phối hợp | |\n"
             "|---|---|---|---|---|\n| 1 | Tập huấn | Sở Nội vụ | Sở Tài chính | Quý II/2025 |\n")
    found = agencies(table)
    assert found["Sở Nội vụ"][0] == "lead" and found["Sở Tài chính"][0] == "support"
    from chitieu.extractors.agencies import table_rows

    doc = Document("t.md", "0", HEAD + table)
    cells = [{k: doc.text[a:b].strip() for k, (a, b) in row.cells.items()} for row in table_rows(doc)][-1]
    assert cells == {"task": "Tập huấn", "lead": "Sở Nội vụ", "support": "Sở Tài chính", "time": "Quý II/2025"}


@pytest.mark.parametrize("cell", ["Cơ quan chủ\ntrì", "**Chủ**trì", "Đơn vị thực  hiện", "Đầu mối", "Phối\thợp",
                                  "Thời gian hoàn thành", "**Thời\nhạn**", "Tiến độ", "Mốc thời gian"])
def test_header_words_are_found_in_every_header_cell(cell: str) -> None:
    # a row is read for headers only when it holds these words: every lead, partner or time header holds them
    from chitieu.extractors.agencies import _HEADER_WORDS
    from chitieu.models.text_tables import column_kind

    assert column_kind(fold(cell)) in {"lead", "support", "time"} and _HEADER_WORDS.search(fold(cell))


@pytest.mark.parametrize("body", [
    "5. Các tổ chức đoàn thể\nĐề nghị: Ủy ban MTTQ Việt Nam tỉnh, Hội Nông dân tỉnh phối hợp vận động.\n",
    "5. Các tổ chức đoàn thể\nĐề nghị:\n- Ủy ban MTTQ Việt Nam tỉnh vận động Nhân dân.\n- Hội Nông dân tỉnh phối hợp vận động.\n",
])
def test_request_list(body: str) -> None:
    found = agencies(body)
    assert found["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"][0] == "requested" and found["Hội Nông dân tỉnh"][0] == "requested"


def test_bodies_under_a_partners_heading_are_partners() -> None:
    found = agencies("2. Công an tỉnh\na) Chủ trì xây dựng kế hoạch.\nb) Chủ trì, phối hợp\n"
                     "- Sở Xây dựng, Sở Công Thương rà soát cơ sở vật chất.\n")
    assert found["Công an tỉnh"][0] == "lead" and found["Sở Xây dựng"][0] == "support"


@pytest.mark.parametrize("text, names", [
    # a ministry takes no level word: "Bộ Công an tỉnh" is the province's police
    ("Bộ Công an tỉnh phối hợp", ["Công an tỉnh"]),
    # the provincial command takes the level written after its partner
    ("Bộ Chỉ huy Quân sự, Công an tỉnh phối hợp", ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"]),
    # OCR misreads the head's marks; a capitalised sector name still makes it a department
    ("Sờ Tài chính bố trí", ["Sở Tài chính"]),
    # one body at several units, named as written; a capitalised unit word opens another body
    ("Công an xã, phường phối hợp", ["Công an xã, phường"]),
    ("Ủy ban MTTQ Việt Nam huyện và Huyện đoàn phối hợp", ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "Huyện đoàn"]),
    # "thường xuyên" (regularly) ends a name, "thương" (Chấn thương) does not
    ("Ban Điều hành khu phố thường xuyên kiểm tra", ["Ban Điều hành khu phố"]),
    # a kind of body "khu vực" without its region is every such body
    ("Các Viện Sốt rét, Trung tâm Kiểm dịch khu vực", []),
])
def test_mentions(text: str, names: list[str]) -> None:
    from chitieu.extractors.gazetteer import find_mentions
    from chitieu.models.normalize import fold

    assert [m.name for m in find_mentions(text, fold(text))] == names


@pytest.mark.parametrize("body, roles", [
    ("- Sở Y tế chủ trì, Sở Tài chính phối hợp thẩm định dự toán.\n", {"Sở Y tế": "lead", "Sở Tài chính": "support"}),
])
def test_role_from_the_verb_after_the_body(body: str, roles: dict[str, str]) -> None:
    found = agencies("2. Nhiệm vụ cụ thể\n" + body)
    assert {name: found[name][0] for name in roles} == roles


def test_head_of_a_body_stands_for_it() -> None:
    found = agencies("2. Giám đốc Sở Y tế\nChỉ đạo các cơ sở khám bệnh.\n3. Giám đốc Đài Phát thanh và Truyền hình tỉnh, "
                     "Tổng Biên tập Báo Lai Châu: tăng thời lượng tuyên truyền.\n")
    assert {name: found[name][0] for name in ("Sở Y tế", "Đài Phát thanh và Truyền hình tỉnh", "Báo Lai Châu")} == {
        "Sở Y tế": "lead", "Đài Phát thanh và Truyền hình tỉnh": "lead", "Báo Lai Châu": "lead"}


def test_execution_formula_assigns_nothing() -> None:
    doc = Document("t.txt", "0", "QUYẾT ĐỊNH\nĐiều 1. Ban hành Kế hoạch.\nĐiều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế, "
                   "Thủ trưởng các sở, ngành chịu trách nhiệm thi hành Quyết định này.\n")
    assert extract_agencies(doc) == []


def test_assignment_by_giao_after_an_adverb() -> None:
    found = agencies("2. Tổ chức tập huấn cho cán bộ cơ sở; đồng thời giao Sở Nội vụ theo dõi, tổng hợp.\n")
    assert found["Sở Nội vụ"][0] == "lead"


def test_unit_handed_work_by_the_addressee_is_no_agency() -> None:
    found = agencies("1. Sở Y tế: Chủ trì, giao Trung tâm Kiểm soát bệnh tật tỉnh làm đầu mối triển khai.\n")
    assert "Sở Y tế" in found and "Trung tâm Kiểm soát bệnh tật tỉnh" not in found


def test_short_last_line_ends_a_wrapped_heading() -> None:
    wrapped = ("2. Sở Tư pháp chủ trì theo dõi việc thực hiện Kế hoạch này và gửi kết quả kiểm tra\n"
               "về Ủy ban nhân dân tỉnh trước ngày 10 của tháng cuối mỗi quý trong giai đoạn tới.\n"
               "4. Giám đốc Đài Phát thanh và Truyền hình tỉnh, Giám đốc Trung tâm Văn hóa\n"
               "tỉnh, Tổng Biên tập Báo Điện Biên\n"
               "Tăng cường thời lượng tuyên truyền trên sóng phát thanh và báo in về nội dung\n"
               "của Kế hoạch, bảo đảm đúng định hướng và kịp thời trong các đợt cao điểm.\n")
    found = agencies(wrapped * 2)
    assert "Báo Điện Biên" in found and not any(name.startswith("Báo Điện Biên ") for name in found)


def test_group_in_an_excerpt_without_headings() -> None:
    doc = Document("t.txt", "0", "3. Các hợp tác xã nông nghiệp trên địa bàn:\n- Tham gia liên kết chuỗi giá trị.\n"
                   "5. Sở Xây dựng chủ trì theo dõi tiến độ.\n")
    assert "Các hợp tác xã nông nghiệp trên địa bàn" in {a.name for a in extract_agencies(doc)}


def test_short_reference_is_not_a_level() -> None:
    found = agencies("1. Sở Giáo dục và Đào tạo chủ trì tổ chức.\n2. Sở Y tế phối hợp với Sở Giáo dục và Đào tạo tỉnh.\n")
    assert "Sở Giáo dục và Đào tạo" in found


@pytest.mark.parametrize("body, role", [
    # a partner's clause after the lead's in the same sentence: the body is named only as a partner
    ("2. Sở Xây dựng chủ trì; Sở Giao thông vận tải phối hợp.\n", "support"),
    ("Sở Công Thương chủ trì kiểm tra thị trường; Sở Giao thông vận tải phối hợp kiểm soát vận tải hàng hóa.\n",
     "support"),
    # a clause of its own with no lead before it: the body's own work
    ("3. Sở Giao thông vận tải phối hợp kiểm soát vận tải hàng hóa.\n", "lead"),
])
def test_partner_clause_after_the_lead(body: str, role: str) -> None:
    assert agencies(body)["Sở Giao thông vận tải"][0] == role


def test_codes_end_where_another_body_takes_over() -> None:
    found = agencies("- Sở Tư pháp chủ trì thực hiện các chỉ tiêu 2, 3; Sở Nội vụ thực hiện chỉ tiêu 6.\n")
    assert found["Sở Tư pháp"] == ("lead", ["2", "3"]) and found["Sở Nội vụ"] == ("lead", ["6"])


def test_known_body_after_a_comma_opens_another_name() -> None:
    found = agencies("4. Sở Thông tin và Truyền thông phối hợp với Viễn thông Phú Yên, Viettel Phú Yên lắp trạm.\n")
    assert found["Viễn thông Phú Yên"][0] == found["Viettel Phú Yên"][0] == "support"


@pytest.mark.parametrize("written, canonical", [
    # "BCH Quân sự": a province's command is the Bộ Chỉ huy, a district's the Ban Chỉ huy
    ("BCH Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("BCH Quân sự huyện", "Ban Chỉ huy Quân sự huyện"),
    ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
])
def test_military_command_abbreviations(written: str, canonical: str) -> None:
    assert canonical_agency(written) == canonical


@pytest.mark.parametrize("body, name", [
    # village heads addressed by an item, as a class of bodies
    ("5. Trưởng các thôn: Vận động người dân đăng ký tài khoản.\n", "Trưởng các thôn"),
    ("**4. Trưởng thôn, tổ dân phố**\n- Nắm danh sách hộ gia đình.\n", "Trưởng thôn, tổ dân phố"),
])
def test_village_heads_addressed_by_an_item(body: str, name: str) -> None:
    assert agencies(body)[name][0] == "lead"


def test_head_of_a_committee_is_no_village_head() -> None:
    assert not any(name.startswith("Trưởng") for name in agencies("6. Trưởng ban Chỉ đạo xã: Điều hành chung.\n"))


@pytest.mark.parametrize("text, name", [
    # an excerpt with no header: the committees in its lines are addressees, not the issuer
    ("Ủy ban nhân dân cấp huyện căn cứ Kế hoạch này xây dựng kế hoạch của địa phương.\n", "UBND cấp huyện"),
    ("Sở Y tế chủ trì tổng hợp.\nỦy ban nhân dân huyện Kim Bôi chỉ đạo các xã thực hiện.\n",
     "Ủy ban nhân dân huyện Kim Bôi"),
])
def test_committee_in_an_excerpt_without_header(text: str, name: str) -> None:
    doc = Document("t.txt", "0", text)
    assert name in {a.name for a in extract_agencies(doc)}


def test_header_in_title_case_names_the_issuer() -> None:
    doc = Document("t.txt", "0", "Ủy ban nhân dân huyện Kim Bôi\n" + HEAD + "1. Ủy ban nhân dân huyện Kim Bôi giao "
                   "Phòng Y tế chủ trì.\n")
    assert [a.name for a in extract_agencies(doc)] == ["Phòng Y tế"]


def test_honorific_before_a_head() -> None:
    found = agencies("Đồng chí Chủ tịch UBND các huyện, thị xã chịu trách nhiệm chỉ đạo thực hiện tại địa phương.\n")
    assert found["UBND cấp huyện"][0] == "lead"


@pytest.mark.parametrize("sentence, name", [
    # "giao" after an opening adverbial still assigns
    ("Để bảo đảm tiến độ, UBND tỉnh giao Sở Xây dựng làm đầu mối theo dõi.\n", "Sở Xây dựng"),
    ("Trên cơ sở kết quả rà soát, giao Sở Nội vụ tổng hợp danh sách.\n", "Sở Nội vụ"),
])
def test_assignment_after_an_adverbial(sentence: str, name: str) -> None:
    assert agencies(sentence)[name][0] == "lead"


def test_village_heads_end_with_their_units() -> None:
    assert agencies("3. Trưởng các ấp, khu phố vận động các hộ dân tham gia.\n")["Trưởng các ấp, khu phố"][0] == "lead"


def test_power_company_at_a_level() -> None:
    assert agencies("Điện lực huyện bảo đảm cấp điện cho các điểm bầu cử.\n")["Điện lực huyện"][0] == "lead"


def test_request_after_the_committee() -> None:
    found = agencies("Ủy ban nhân dân tỉnh đề nghị Hội Nông dân tỉnh vận động hội viên tham gia.\n")
    assert found["Hội Nông dân tỉnh"][0] == "requested"


def test_codes_each_with_its_number_word() -> None:
    assert agencies("- Sở Nội vụ chịu trách nhiệm chỉ tiêu số 3, số 5.\n")["Sở Nội vụ"] == ("lead", ["3", "5"])


@pytest.mark.parametrize("text, names", [
    # an excerpt cut from inside a plan: its first lines are no preamble
    ("Sở Nội vụ chủ trì theo dõi việc thực hiện.\n\nNơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\n", {"Sở Nội vụ"}),
    ("Sở Xây dựng chủ trì kiểm tra.\nV. KINH PHÍ\nSở Tài chính bố trí kinh phí.\n", {"Sở Xây dựng", "Sở Tài chính"}),
    # a document's opening is: its header in capitals, its legal basis
    ("ỦY BAN NHÂN DÂN TỈNH\nKẾ HOẠCH\nSở Nội vụ chủ trì theo dõi.\nI. MỤC TIÊU\n- Đạt chuẩn.\n", set()),
    ("Căn cứ Quyết định số 7/QĐ-UBND;\nXét đề nghị của Sở Nội vụ,\nSở Nội vụ chủ trì theo dõi.\nI. MỤC TIÊU\n- Đạt.\n",
     set()),
])
def test_excerpt_opening_lines(text: str, names: set[str]) -> None:
    doc = Document("t.txt", "0", text)
    assert {a.name for a in extract_agencies(doc)} == names


@pytest.mark.parametrize("body, expected", [
    # a note in brackets naming who does a task
    ("- Mở lớp bồi dưỡng cho hòa giải viên (Sở Tư pháp chủ trì, Sở Nội vụ phối hợp).\n",
     {"Sở Tư pháp": "lead", "Sở Nội vụ": "support"}),
    # a bracket that only lists bodies explains the words before it
    ("- Chỉ đạo mạng lưới loa (Đài Truyền thanh xã và các cụm loa thôn) phát tin mỗi tối.\n", {}),
])
def test_bracketed_note(body: str, expected: dict[str, str]) -> None:
    assert {name: role for name, (role, _) in agencies(body).items()} == expected


def test_lead_and_partner_labels_on_one_line() -> None:
    found = agencies("1. Tập huấn.\nCơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: Sở Nội vụ.\n")
    assert found["Sở Tư pháp"][0] == "lead" and found["Sở Nội vụ"][0] == "support"


def test_a_name_goes_on_over_a_noun_that_opens_like_a_verb() -> None:
    found = agencies("- Đơn vị thực hiện: Chi cục An toàn vệ sinh thực phẩm tỉnh.\n")
    assert "Chi cục An toàn vệ sinh thực phẩm tỉnh" in found


@pytest.mark.parametrize("sentence, name", [
    # words that are verbs elsewhere, inside a name a level word closes
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì thi công.\n", "Ban Quản lý dự án đầu tư xây dựng tỉnh"),
    ("Trung tâm Phát triển quỹ đất huyện thực hiện đo đạc.\n", "Trung tâm Phát triển quỹ đất huyện"),
    # syllables that fold like a stop word: "lâm" (làm), "môi" (mọi), "hộ" (hỗ)
    ("Chi cục Kiểm lâm tỉnh chủ trì tuần tra.\n", "Chi cục Kiểm lâm tỉnh"),
    ("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn tỉnh chủ trì.\n",
     "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn tỉnh"),
    ("Ban Quản lý rừng phòng hộ huyện chủ trì tuần tra.\n", "Ban Quản lý rừng phòng hộ huyện"),
    ("Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh chủ trì khám định kỳ.\n", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh"),
])
def test_names_over_words_that_read_as_verbs(sentence: str, name: str) -> None:
    assert agencies(sentence)[name][0] == "lead"


def test_partners_after_a_colon() -> None:
    found = agencies("Sở Công Thương chủ trì, phối hợp với: Sở Tài chính, Sở Xây dựng.\n")
    assert found["Sở Tài chính"][0] == found["Sở Xây dựng"][0] == "support"


def test_role_named_as_a_kind_of_body() -> None:
    found = agencies("Sở Xây dựng là cơ quan chủ trì, Sở Giao thông vận tải là cơ quan phối hợp.\n")
    assert found["Sở Xây dựng"][0] == "lead" and found["Sở Giao thông vận tải"][0] == "support"


def test_code_words_broken_over_lines() -> None:
    found = agencies("2. Sở Nội vụ\nTổ chức khảo sát mức độ hài lòng theo chỉ\ntiêu d.\n")
    assert found["Sở Nội vụ"] == ("lead", ["d"])


def test_head_titled_trưởng_stands_for_the_body() -> None:
    assert agencies("4. Trưởng Công an xã chỉ đạo lực lượng tuần tra ban đêm.\n")["Công an xã"][0] == "lead"
    # "môi trường" before an adverbial's comma is no head
    assert agencies("Để bảo vệ môi trường, Sở Xây dựng chủ trì thu gom phế thải.\n")["Sở Xây dựng"][0] == "lead"


@pytest.mark.parametrize("written, canonical", [
    # the youth union of a unit takes its place name after it
    ("Huyện đoàn Đông Sơn", "Huyện đoàn Đông Sơn"),
    ("Tỉnh Đoàn Phú Thọ", "Tỉnh Đoàn Phú Thọ"),
    ("Thành đoàn Vĩnh Yên", "Thành đoàn Vĩnh Yên"),
    # a head word that is only a syllable of the place ("Phòng") does not open another body
    ("Thành đoàn Tân Phòng", "Thành đoàn Tân Phòng"),
    # a school's level written by its initials
    ("Trường THCS Hòa Lợi", "Trường Trung học cơ sở Hòa Lợi"),
    ("Trường THPT Nguyễn Du", "Trường Trung học phổ thông Nguyễn Du"),
    ("Trường TH Bình Minh", "Trường Tiểu học Bình Minh"),
    ("Trường MN Hoa Sen", "Trường Mầm non Hoa Sen"),
    ("Trường PTDTNT huyện", "Trường Phổ thông Dân tộc nội trú huyện"),
    # a commune's civil servant posts stand for the commune's sections
    ("Công chức Tư pháp - Hộ tịch xã", "Công chức Tư pháp - Hộ tịch xã"),
    ("Công chức Văn hoá - Xã hội phường", "Công chức Văn hóa - Xã hội phường"),
    # the board of a hamlet names its hamlets
    ("Ban nhân dân các thôn", "Ban nhân dân các thôn"),
    ("Ban nhân dân ấp Long Thạnh", "Ban nhân dân ấp Long Thạnh"),
    ("Ban nhân dân các khu phố", "Ban nhân dân các khu phố"),
])
def test_names_of_local_bodies(written: str, canonical: str) -> None:
    assert canonical_agency(written) == canonical


@pytest.mark.parametrize("body, name, role", [
    ("2. Công chức Địa chính - Xây dựng xã: hướng dẫn hộ dân lập hồ sơ đất đai.\n",
     "Công chức Địa chính - Xây dựng xã", "lead"),
    ("5. Ban nhân dân các thôn: rà soát danh sách hộ gia đình, gửi Ủy ban nhân dân xã.\n", "Ban nhân dân các thôn", "lead"),
    ("4. Trường THCS Phú Lộc và Trường MN Phú Lộc: lồng ghép nội dung vào giờ sinh hoạt.\n",
     "Trường Trung học cơ sở Phú Lộc", "lead"),
])
def test_local_bodies_addressed_by_an_item(body: str, name: str, role: str) -> None:
    assert agencies(body)[name][0] == role


def test_name_cut_back_to_its_proper_part_when_no_word_ends_it() -> None:
    found = agencies("3. Sở Nội vụ phối hợp với Trung tâm Lưu trữ Lịch sử Quảng Bình chỉnh lý hồ sơ địa chính cũ.\n")
    assert "Trung tâm Lưu trữ Lịch sử Quảng Bình" in found


@pytest.mark.parametrize("text", [
    "tổ chức Hội chợ Thương mại Kon Tum vào quý III hằng năm",
    "tổ chức Hội sách Ninh Thuận vào dịp khai giảng",
])
def test_a_fair_is_no_body(text: str) -> None:
    assert find_mentions(text, fold(text)) == []


def test_a_name_ends_before_vào() -> None:
    text = "Trung tâm Văn hóa Lạng Giang vào cuộc từ đầu năm"
    assert [m.name for m in find_mentions(text, fold(text))] == ["Trung tâm Văn hóa Lạng Giang"]


def test_a_clause_of_a_request_is_asked() -> None:
    found = agencies("7. Đề nghị Hội Nông dân huyện vận động hội viên; Huyện đoàn Yên Lập mở lớp kỹ năng.\n")
    assert found["Huyện đoàn Yên Lập"][0] == "requested"


def test_a_short_form_is_the_body_named_in_full() -> None:
    found = agencies("8. Đề nghị Hội Liên hiệp Phụ nữ phường, Đoàn Thanh niên phường vận động hội viên; "
                     "Hội Phụ nữ phường duy trì câu lạc bộ gia đình.\n")
    assert "Hội Phụ nữ phường" not in found and found["Hội Liên hiệp Phụ nữ phường"][0] == "requested"


def test_codes_cited_by_their_letter_points() -> None:
    found = agencies("1. Sở Y tế chịu trách nhiệm các chỉ tiêu tại điểm a, c, đ.\n"
                     "2. Sở Giáo dục và Đào tạo thực hiện chỉ tiêu tại điểm d.\n")
    assert found["Sở Y tế"][1] == ["a", "c", "đ"] and found["Sở Giáo dục và Đào tạo"][1] == ["d"]


def test_a_numbered_point_is_a_part_of_the_plan_not_a_code() -> None:
    found = agencies("3. Trên cơ sở kết quả các chỉ tiêu tại điểm 2 Mục II, Sở Nội vụ tổ chức xếp loại thi đua.\n")
    assert found["Sở Nội vụ"][1] == []


def test_a_page_on_one_line_reads_every_sentence():
    """A page whose line breaks were lost: thousands of sentences on one line (each mention used to scan the
    line from its start). The results, not the time, are asserted; bench/adversarial.py measures the time."""
    from chitieu.extractors.deadlines import extract_deadlines

    sentence = "Sở Y tế chủ trì, phối hợp với Ủy ban nhân dân các huyện tổ chức tập huấn, hoàn thành trong quý II năm 2026. "
    doc = Document("a.txt", "0", "KẾ HOẠCH " + sentence * 1000)
    agencies = extract_agencies(doc)
    assert [(a.name, a.role) for a in agencies] == [("UBND cấp huyện", "support"), ("Sở Y tế", "lead")]
    deadlines = extract_deadlines(doc, None, agencies)
    assert len(deadlines) == 1000 and {d.due for d in deadlines} == {"2026-06-30"}
    # the first sentence follows the page's title on its line: it is no subject's; every other is the department's
    assert [d.agency for d in deadlines[1:]] == ["Sở Y tế"] * 999


@pytest.mark.parametrize("lead_in", [
    "giao cho cac so, nganh, ",      # a generic tail after the verb
    "giao thanh, cac so ",           # "thành" is a word of generic groups, not a group by itself
    "so 1, cac so, ",                # a figure is no word of a generic group
    "cac so, ban, nganh",            # nothing but the tail
    "",
])
def test_generic_tail_is_the_lead_ins_search(lead_in: str) -> None:
    from chitieu.extractors.agencies import _TRAILING_GENERIC, _generic_tail

    # walked back from the end, the tail is what a search of the whole lead-in finds (after a clause's mark)
    text = "; " + lead_in
    expected = _TRAILING_GENERIC.search(lead_in)
    found = _generic_tail(text, 2, len(text))
    assert (found.start() - 2, found.end() - 2, found.group()) == (expected.start(), expected.end(), expected.group())


@pytest.mark.parametrize("mark", ["clause end", "sentence stop"])
def test_marks_read_line_by_line_as_over_the_whole_text(mark: str) -> None:
    from chitieu.extractors.agencies import _CLAUSE_END, _SENTENCE_STOP, _Landmarks

    pattern = {"clause end": _CLAUSE_END, "sentence stop": _SENTENCE_STOP}[mark]
    doc = Document("a.txt", "0", "a; b. c:\td!\ne;f ?g. h; \n; x. y:\u00a0z.\n.;")
    marks, whole = _Landmarks(doc), list(pattern.finditer(doc.folded))
    for line in sorted({doc.line_span(i) for i in range(len(doc.text))}):
        for lo in range(line[0], line[1]):
            for hi in range(lo, line[1]):  # a mention's start is on the line: hi before its end
                inside = [m.start() for m in whole if lo <= m.start() and m.end() <= hi]
                assert marks.last_before(pattern, line, lo, hi) == (inside[-1] if inside else None), (lo, hi)


def test_membership_read_after_the_lines_first_colon_as_over_the_whole_text() -> None:
    """A committee's make-up before a mention is looked for only after the line's first colon, kept per line: the
    same answer as the text's colons and make-ups found once over the whole text."""
    from chitieu.extractors.agencies import _MEMBERSHIP, _Landmarks

    doc = Document("a.txt", "0", "Thành viên: Sở Y tế: x\n: Thành phần Tổ: Sở\nSở Y tế, Tổ trưởng:\nx:y Ủy viên gồm:\n:\n"
                   "Phó Trưởng ban Tổ trưởng: a; bao gồm có các đại diện: b\nThành viên " + "x" * 45 + ": c, gồm: d\n"
                   "thành viên; Sở: e. Ủy viên. gồm có: f\nCơ cấu tổ chức, Phó Tổ trưởng: g")
    marks = _Landmarks(doc)
    for line in sorted({doc.line_span(i) for i in range(len(doc.text))}):
        for offset in range(line[0], line[1] + 1):
            expected = _MEMBERSHIP.search(doc.folded, line[0], offset) is not None  # a make-up ends on its colon
            assert marks.membership_before(line, offset) == expected, (line, offset)


def test_open_ending_found_from_the_line_end_as_by_a_search_of_the_line() -> None:
    """A line's open ending (a preposition before its end), searched only in the last word before the trailing
    spaces and marks, is what a search of the whole line finds, over random lines of words, marks and spaces."""
    import random

    from chitieu.extractors.agencies import _OPEN_ENDING, _OPEN_ENDING_REACH, _ends_with

    rng = random.Random(16)
    pieces = ["voi", "va", "thuoc", "cua", "nhung", "ava", "1va", "x", "so", " ", "  ", "\t", "*", "**", "_", "\u00a0",
              ".", ":", "-"]
    for _ in range(5000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        text = "ab\n" + line + "\ncd"
        lo, hi = 3, 3 + len(line)
        expected = _OPEN_ENDING.search(text, lo, hi)
        found = _ends_with(_OPEN_ENDING, text, lo, hi, "*_", _OPEN_ENDING_REACH)
        assert (found and found.span()) == (expected and expected.span()), line


def test_citations_searched_from_their_word_as_over_the_whole_scope() -> None:
    """Codes' citations, tried only at the openings before the plan's ``tieu``, are those a search of the scope finds,
    over random mixtures of citations, words glued to them, spaces and scopes cut anywhere."""
    import random

    from chitieu.extractors.agencies import _CODES, _citation_openings, _citations

    rng = random.Random(16)
    pieces = ["chi", "muc", "tieu", "chi tieu ", "muc  tieu\n", "chi\ntieu ", " ", "\n", "1", "2.3", ", ", " va ", "a",
              "so ", "tai diem ", "cac ", "x", "%"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        openings = _citation_openings(text)
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        expected = [m.span() for m in _CODES.finditer(text, lo, hi)]
        assert [m.span() for m in _citations(text, (lo, hi), openings)] == expected, (text, lo, hi)
