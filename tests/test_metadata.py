"""Metadata from the layout Nghị định 30/2020/NĐ-CP gives every administrative document."""
import pytest
from chitieu.extractors.metadata import extract_metadata
from chitieu.models.document import Document


def meta_of(text):
    doc = Document("x.txt", "0", text)
    return extract_metadata(doc)


WEBSITE = """Thư viện văn bản pháp luật
Văn bản liên quan: Quyết định 23/QĐ-TTg năm 2021
| ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
| Số: 45/KH-UBND | Bình Định, ngày 12 tháng 5 năm 2021 |

**KẾ HOẠCH**

**Thực hiện Chương trình hành động vì trẻ em giai đoạn 2021 - 2025**

Thực hiện Quyết định số 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng; Căn cứ Luật Trẻ em năm 2016;

I. MỤC TIÊU
Đạt 90% vào năm 2025.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

NGUYỄN VĂN AN
"""


def test_website_rendering_with_pipes_and_banner():
    meta = meta_of(WEBSITE)
    assert (meta.doc_type, meta.number, meta.issue_date) == ("KH", "45/KH-UBND", "2021-05-12")
    assert (meta.issuer, meta.level, meta.province, meta.district) == ("UBND tỉnh Bình Định", "province", "Bình Định", None)
    assert meta.title == "Thực hiện Chương trình hành động vì trẻ em giai đoạn 2021 - 2025"
    assert (meta.period_start, meta.period_end) == (2021, 2025)
    assert meta.implements == ["23/QĐ-TTg"]
    assert meta.signer == "Nguyễn Văn An"  # printed in capitals, stored as a name
    assert meta.is_draft is False


DECISION = """QUYẾT ĐỊNH
Về việc ban hành Kế hoạch phòng, chống thiên tai tỉnh Gia Lai năm 2023

ỦY BAN NHÂN DÂN TỈNH GIA LAI
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 47/2022/NĐ-CP ngày 09/8/2022 của Chính phủ quy định về phòng chống lũ quét;
Căn cứ Quyết định số 318/QĐ-TTg ngày 21/2/2022 do Thủ tướng ký, phê duyệt Chiến lược vùng;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Thị Bình
KẾ HOẠCH
(Ban hành kèm theo Quyết định số 512 /QĐ-UBND ngày 3 tháng 4 năm 2023 của UBND tỉnh)
I. MỤC TIÊU
"""


def test_decision_issuing_a_plan_takes_number_and_date_from_its_annex_line():
    meta = meta_of(DECISION)
    assert (meta.doc_type, meta.number, meta.issue_date) == ("QD", "512/QĐ-UBND", "2023-04-03")
    assert meta.issuer == "UBND tỉnh Gia Lai"
    assert meta.title == "Về việc ban hành Kế hoạch phòng, chống thiên tai tỉnh Gia Lai năm 2023"
    assert (meta.period_start, meta.period_end) == (2023, 2023)
    # laws and decrees cited as authority are not carried out; an approved strategy is
    assert meta.implements == ["318/QĐ-TTg"]
    assert "47/2022/NĐ-CP" in meta.references and "512/QĐ-UBND" not in meta.references
    assert meta.signer == "Trần Thị Bình"


DISTRICT_DRAFT = """UBND HUYỆN KRÔNG PA
Số:     /KH-UBND
Krông Pa, ngày    tháng    năm 2024
DỰ THẢO
KẾ HOẠCH
Triển khai công tác dân số năm 2024
Thực hiện Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND tỉnh về công tác dân số trên địa bàn tỉnh Gia Lai;
I. MỤC ĐÍCH
"""


def test_district_draft_with_blank_number_and_date():
    meta = meta_of(DISTRICT_DRAFT)
    assert (meta.number, meta.issue_date, meta.is_draft) == (None, "2024", True)
    assert (meta.issuer, meta.level, meta.district, meta.province) == (
        "UBND huyện Krông Pa", "district", "Krông Pa", "Gia Lai")
    assert meta.implements == ["12/KH-UBND"]
    assert (meta.period_start, meta.period_end) == (2024, 2024)


@pytest.mark.parametrize("header, issuer, level, province", [
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "UBND thành phố Hà Nội", "province", "Hà Nội"),   # centrally-run city
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ PLEIKU", "UBND thành phố Pleiku", "district", "Gia Lai"),   # a provincial city
    ("UBND XÃ ĐĂK ĐOA", "UBND xã Đăk Đoa", "commune", None),
    ("ỦY BAN NHÂN DÂN\nĐẶC KHU CỒN CỎ", "UBND đặc khu Cồn Cỏ", "commune", None),   # a 2025 special zone
    ("HỘI ĐỒNG NHÂN DÂN\nTỈNH BÀ RỊA - VŨNG TÀU", "HĐND tỉnh Bà Rịa - Vũng Tàu", "province", "Bà Rịa - Vũng Tàu"),
])
def test_issuer_and_level_from_the_header(header, issuer, level, province):
    meta = meta_of(f"{header}\nSố: 7/KH-UBND\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.level, meta.province) == (issuer, level, province)


def test_number_placeholder_is_null():
    assert meta_of("Số: 0X /KH-UBND\nKẾ HOẠCH\nabc\n").number is None


@pytest.mark.parametrize("title, period", [
    ("Thực hiện Chương trình giai đoạn 2016-2020", (2016, 2020)),
    ("Thực hiện Nghị quyết 121/2020/QH14 ngày 19 tháng 6 năm 2020 của Quốc hội", (None, None)),
    ("Công tác trẻ em năm 2024", (2024, 2024)),
    ("Phát triển du lịch từ năm 2021 đến năm 2025", (2021, 2025)),
])
def test_period_from_the_title_ignores_citations(title, period):
    meta = meta_of(f"KẾ HOẠCH\n{title}\n\nI. MỤC TIÊU\n")
    assert (meta.period_start, meta.period_end) == period


def test_period_from_the_implementation_time_line():
    meta = meta_of("KẾ HOẠCH\nBảo vệ trẻ em\n\nI. PHẠM VI\n3. Thời gian thực hiện: Từ năm 2016 đến năm 2020.\n")
    assert (meta.period_start, meta.period_end) == (2016, 2020)


@pytest.mark.parametrize("text, numbers", [
    ("theo Chỉ thị số 28-CT/TW và Chỉ thị số 28 CT/TW", ["28-CT/TW"]),
    ("Nghị định số 71/2011/NĐ-CP, ngày 22/8/2011", ["71/2011/NĐ-CP"]),
    ("Công văn số 1192/SLĐTBXH-BVCSTE&BĐG", ["1192/SLĐTBXH-BVCSTE&BĐG"]),
    ("Quyết định số 2361 /QĐ-TTg ngày 22/12/2015; tỷ suất 140/100.000 trẻ em", ["2361/QĐ-TTg"]),
])
def test_references(text, numbers):
    assert meta_of(f"KẾ HOẠCH\nabc\n\n{text}\n").references == numbers


def test_a_department_under_the_peoples_committee_is_the_issuer():
    meta = meta_of("UBND TỈNH QUẢNG NAM\nSỞ Y TẾ\nSố: 45/KH-SYT\nQuảng Nam, ngày 02/3/2022\nKẾ HOẠCH\n"
                   "Phòng, chống dịch sốt xuất huyết năm 2022\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.level, meta.province) == ("Sở Y tế tỉnh Quảng Nam", "province", "Quảng Nam")
    assert (meta.number, meta.issue_date) == ("45/KH-SYT", "2022-03-02")


def test_title_on_the_heading_line_of_a_flattened_rendering():
    meta = meta_of("Số: 9/KH-UBND\nKẾ HOẠCH Triển khai công tác dân số năm 2023\nThực hiện Kế hoạch số 3/KH-UBND;\n")
    assert (meta.doc_type, meta.title) == ("KH", "Triển khai công tác dân số năm 2023")


@pytest.mark.parametrize("header, doc_type, title", [
    ("Số: 1234/UBND-VX\nV/v triển khai Tháng hành động vì trẻ em năm 2022", "CV",
     "triển khai Tháng hành động vì trẻ em năm 2022"),      # a letter: no type heading, issuer-first code
    ("Số: 56/KH-UBND\nQuảng Trị, ngày 2 tháng 3 năm 2022", "KH", None),   # the heading lost: the code says it
    ("Số: 7/TB-UBND", "other", None),                                    # a notice
])
def test_documents_without_a_type_heading(header, doc_type, title):
    meta = meta_of(f"{header}\n\nKính gửi: Các sở, ngành\n")
    assert (meta.doc_type, meta.title) == (doc_type, title)


def test_signer_in_the_same_cell_as_the_role():
    meta = meta_of("KẾ HOẠCH\nabc\n\n| Nơi nhận: - Như trên. | **TM. ỦY BAN NHÂN DÂN CHỦ TỊCH** **Phạm Văn Hòa** |\n")
    assert meta.signer == "Phạm Văn Hòa"


def test_a_district_plan_that_never_names_its_province():
    meta = meta_of("UBND HUYỆN SƠN HÀ\nSố: 3/KH-UBND\nKẾ HOẠCH\nPhòng chống lụt bão năm 2023\n\nI. MỤC TIÊU\n")
    assert (meta.district, meta.province) == ("Sơn Hà", "Quảng Ngãi")  # from the list of districts


def test_province_spelling_is_the_listed_one():
    meta = meta_of("ỦY BAN NHÂN DÂN\nTỈNH ĐĂK LĂK\nSố: 3/KH-UBND\nKẾ HOẠCH\nabc\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.province) == ("UBND tỉnh Đăk Lăk", "Đắk Lắk")


@pytest.mark.parametrize("text", [
    "KẾ HOẠCH\nPhòng, chống dịch bệnh\nnăm 2022\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n",
    "KẾ HOẠCH\nPhòng, chống dịch bệnh\nnăm 2022\n(Ban hành kèm theo Quyết định số 5/QĐ-UBND)\nI. MỤC ĐÍCH\n",
    "QUYẾT ĐỊNH\nPhòng, chống dịch bệnh\nnăm 2022\nỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH\nCăn cứ Luật\n",
])
def test_a_title_followed_without_a_blank_line(text):
    assert meta_of(text).title == "Phòng, chống dịch bệnh năm 2022"


def test_two_column_header_lined_up_with_spaces():
    meta = meta_of("ỦY BAN NHÂN DÂN             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                   "TỈNH BÌNH ĐỊNH                   Độc lập - Tự do - Hạnh phúc\n"
                   "-------                         ----------------\n"
                   "Số: 45/KH-UBND                     Bình Định, ngày 12 tháng 5 năm 2021\n\n"
                   "KẾ HOẠCH\nPhát triển du lịch năm 2021\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.number, meta.issue_date) == ("UBND tỉnh Bình Định", "45/KH-UBND", "2021-05-12")


def test_signer_after_the_signed_mark_in_a_word_table_cell():
    meta = meta_of("KẾ HOẠCH\nabc\n\nNơi nhận: - Như trên.\tTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Đã ký) Nguyễn Văn An\n")
    assert meta.signer == "Nguyễn Văn An"


@pytest.mark.parametrize("header", [
    "| UBND TỈNH LAI CHÂU | |\n| Số: 8/KH-UBND | *Lai Châu, ngày 14\ntháng 3 năm 2023* |",        # wrapped in a cell, italics
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSố: 8/KH-UBND\n*Lai\nChâu, ngày 14 tháng 3 năm 2023*",          # wrapped in the place name
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSố: 8/KH-UBND\nLai Châu, ngày\n14 tháng 3 năm\n2023",             # no cells, three lines
])
def test_a_place_and_date_line_wrapped_over_several_lines(header):
    assert meta_of(f"{header}\n\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n").issue_date == "2023-03-14"


@pytest.mark.parametrize("preamble, implements", [
    # a purpose clause that carries out ('Để triển khai ...')
    ("Để triển khai thực hiện Quyết định số 321/QĐ-TTg ngày 2/3/2023 của Thủ tướng Chính phủ, UBND tỉnh ban hành", ["321/QĐ-TTg"]),
    # the number wraps onto the next line
    ("Triển khai Quyết định số\n1234/QĐ-TTg ngày 2/3/2023 của Thủ tướng Chính phủ,", ["1234/QĐ-TTg"]),
    # one clause lists several documents; what a listed plan itself carries out is not this plan's
    ("Thực hiện Kế hoạch số 9-KH/TU ngày 1/2/2024 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 31/KH-UBND\n"
     "ngày 5/3/2024 của UBND tỉnh thực hiện Nghị quyết số 12-NQ/TW ngày 8/1/2019 của Ban Chấp hành, UBND tỉnh ban hành",
     ["9-KH/TU", "31/KH-UBND"]),
    # items after ';' that open with a document type belong to the same list
    ("Triển khai thực hiện Nghị quyết số 40-NQ/TW ngày 3/3/2023 của Bộ Chính trị; Quyết định số\n"
     "77/QĐ-TTg ngày 4/4/2023 của Thủ tướng Chính phủ về việc phê duyệt Đề án; Kế hoạch số 06-KH/BCĐ ngày 5/5/2023\n"
     "của Ban Chỉ đạo tỉnh về triển khai thực hiện Kế hoạch số 09-KH/BCĐTW; Xét đề nghị của Sở Y tế tại Tờ trình\n"
     "số 5/TTr-SYT, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai Quyết định số 77/QĐ-TTg như sau:",
     ["40-NQ/TW", "77/QĐ-TTg", "06-KH/BCĐ"]),
    # several clauses: an approving 'Căn cứ' and a 'Thực hiện'; a plain 'Căn cứ' is authority only
    ("Căn cứ Luật Thủy lợi ngày 19/6/2017;\nCăn cứ Nghị định số 47/2022/NĐ-CP ngày 9/8/2022;\n"
     "Căn cứ Quyết định số\n501/QĐ-TTg ngày 1/4/2022 do Thủ tướng ký, phê duyệt Chiến lược và Kế hoạch\n"
     "số 12/KH-UBND ngày 3/5/2022 của UBND tỉnh về phòng chống lụt bão;\nThực hiện Thông báo số 88/TB-VPCP ngày 2/2/2023;",
     ["501/QĐ-TTg", "88/TB-VPCP"]),
    # a document the listed plan follows ('theo', 'tại') is that plan's basis, not this one's
    ("Thực hiện Kế hoạch số 5/KH-UBND ngày 2/2/2022 của UBND tỉnh về tổ chức Tháng hành động theo Quyết định số\n"
     "9/QĐ-TTg và các nhiệm vụ được giao tại Chỉ thị số 3/CT-TTg;", ["5/KH-UBND"]),
    # one 'Căn cứ' listing two approving decisions
    ("Căn cứ Quyết định số 11/QĐ-TTg ngày 1/1/2019 do Thủ tướng ký, phê duyệt Chiến lược; Quyết định số 12/QĐ-TTg\n"
     "ngày 2/2/2019 do Thủ tướng ký về việc phê duyệt Đề án; Nghị định số 13/2020/NĐ-CP ngày 3/3/2020;",
     ["11/QĐ-TTg", "12/QĐ-TTg"]),
    # an approving decision as amended by another is one instrument
    ("Căn cứ Quyết định số 40/QĐ-BYT ngày 1/1/2022 của Bộ Y tế (được sửa đổi bởi Quyết định số 41/QĐ-BYT ngày\n"
     "2/2/2023, phê duyệt Kế hoạch truyền thông);", ["40/QĐ-BYT", "41/QĐ-BYT"]),
])
def test_implements_reads_whole_basis_clauses(preamble, implements):
    meta = meta_of(f"KẾ HOẠCH\nPhòng chống dịch\n\n{preamble}\n\nI. MỤC TIÊU\nabc\n")
    assert meta.implements == implements


@pytest.mark.parametrize("header, issuer, level, province", [
    ("ỦY\nBAN NHÂN DÂN\nTỈNH LAI CHÂU", "UBND tỉnh Lai Châu", "province", "Lai Châu"),          # body words wrapped
    ("UBND THÀNH PHỐ HẢI\nPHÒNG", "UBND thành phố Hải Phòng", "province", "Hải Phòng"),      # name wrapped, central city
    ("ỦY BAN NHÂN DÂN\nTỈNH BÀ RỊA -\nVŨNG TÀU", "UBND tỉnh Bà Rịa - Vũng Tàu", "province", "Bà Rịa - Vũng Tàu"),
    ("| **ỦY BAN NHÂN\nDÂN**\n**THÀNH PHỐ ĐÀ NẴNG** | **CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM** |",
     "UBND thành phố Đà Nẵng", "province", "Đà Nẵng"),                                         # cells, bold, motto wrapped
    ("UBND TP. HỒ CHÍ MINH", "UBND thành phố Hồ Chí Minh", "province", "Hồ Chí Minh"),         # TP. is thành phố
    ("ỦY BAN NHÂN DÂN TỈNH\nQUẢNG TRỊ", "UBND tỉnh Quảng Trị", "province", "Quảng Trị"),        # name on the next line
    ("UBND HUYỆN KRÔNG\nPA", "UBND huyện Krông Pa", "district", "Gia Lai"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ", "UBND thành phố Cần Thơ", "province", "Cần Thơ"),            # name only in the date line
])
def test_issuer_from_a_wrapped_header(header, issuer, level, province):
    meta = meta_of(f"{header}\nSố: 7/KH-UBND\nCần Thơ, ngày 3 tháng 4 năm 2022\n\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.level, meta.province) == (issuer, level, province)


@pytest.mark.parametrize("year, level", [(2019, "district"), (2025, "province")])
def test_hue_is_run_by_the_centre_from_2025(year, level):
    meta = meta_of(f"UBND THÀNH PHỐ HUẾ\nSố: 7/KH-UBND\nHuế, ngày 3 tháng 4 năm {year}\n\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert meta.level == level


@pytest.mark.parametrize("header, issuer", [
    ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 88/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("THỦ TƯỚNG\nCHÍNH PHỦ\nSố: 88/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\nSố: 88/KH-LĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
    ("BỘ GIÁO DỤC\nVÀ ĐÀO TẠO\nSố: 88/KH-BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("Số: 88/QĐBXD", "Bộ Xây dựng"),   # header lost and the number's hyphen dropped: its code still names the ministry
])
def test_national_issuers(header, issuer):
    meta = meta_of(f"{header}\nHà Nội, ngày 3 tháng 4 năm 2022\n\nKẾ HOẠCH\nVề việc\n\nỦy ban nhân dân các tỉnh thực hiện.\n")
    assert (meta.issuer, meta.level, meta.province, meta.district) == (issuer, "national", None, None)


def test_a_damaged_number_still_gives_its_type():
    meta = meta_of("Số: 123/QĐBXD\nHà Nội, ngày 3 tháng 4 năm 2022\n\nVề việc ban hành quy chế\n")
    assert (meta.doc_type, meta.level) == ("QD", "national")


@pytest.mark.parametrize("preamble", [
    # the council is the author of a cited resolution
    "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 1/2/2023 của Hội đồng nhân dân tỉnh Lai Châu;\nỦy ban nhân dân tỉnh ban hành",
    # the council is the addressee of the committee's report
    "Kính gửi: Hội đồng nhân dân tỉnh Lai Châu\nThực hiện Kế hoạch số 3/KH-UBND, Ủy ban nhân dân tỉnh Lai Châu ban hành",
])
def test_the_committee_not_the_council_it_cites_or_addresses(preamble):
    meta = meta_of(f"Số: 9/KH-UBND\nLai Châu, ngày 3 tháng 4 năm 2023\n\nKẾ HOẠCH\nVề việc\n\n{preamble} Kế hoạch như sau:\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.level, meta.province) == ("UBND tỉnh Lai Châu", "province", "Lai Châu")


@pytest.mark.parametrize("title, body, period", [
    # the range wrapped over two title lines
    ("KẾ HOẠCH\nPhát triển du lịch cộng đồng giai đoạn 2026 -\n2030", "", (2026, 2030)),
    # only an end year: no start is stated
    ("KẾ HOẠCH\nPHÁT TRIỂN NÔNG NGHIỆP XANH ĐẾN NĂM 2035", "", (None, 2035)),
    ("KẾ HOẠCH\nPhát triển nông nghiệp xanh đến hết năm 2035", "", (None, 2035)),
    # ... which the plan's own time item completes when it ends the same year
    ("KẾ HOẠCH\nPhát triển nông nghiệp xanh đến năm 2035",
     "II. PHẠM VI\n2. Thời gian thực hiện\nKế hoạch: Từ năm 2027 đến hết năm 2035.\n", (2027, 2035)),
    # 'từ nay' is the year of issue
    ("KẾ HOẠCH\nTriển khai Đề án “Cộng đồng an toàn, đến năm 2032”",
     "II. THỜI GIAN VÀ PHẠM VI\n1. Thời gian: từ nay đến năm\n2032.\n2. Phạm vi: toàn tỉnh\n", (2024, 2032)),
    # one year in the title gives both ends
    ("KẾ HOẠCH\nQuan trắc môi trường nuôi tôm năm 2027", "", (2027, 2027)),
    # a drive whose time item holds dates of one year only
    ("KẾ HOẠCH\nPhát động phong trào thi đua tiết kiệm điện",
     "II. ĐỐI TƯỢNG VÀ THỜI GIAN\n1. Đối tượng: các hộ\n2. Thời gian thi đua\na) Đợt 1: từ ngày 2 tháng 6 năm 2024 đến ngày 15/7/2024;\n"
     "b) Tổng kết trước ngày 30 tháng 9 năm 2024.\nIII. NỘI DUNG\n", (2024, 2024)),
    # the time item inside a part that also organises the work; a task's own time is not the plan's
    ("KẾ HOẠCH\nTuyên truyền pháp luật",
     "II. NHIỆM VỤ\n1. Tuyên truyền\nb) Thời gian thực hiện: Quý II/2027\nIII. THỜI GIAN VÀ TỔ CHỨC THỰC HIỆN\n"
     "1. Thời gian: từ tháng 3/2024 đến tháng 12/2025.\n2. Sở Tư pháp chủ trì\n", (2024, 2025)),
    # a task's own time line, open-ended, is not the plan's period
    ("KẾ HOẠCH\nTriển khai thi hành Luật Hợp tác xã",
     "II. NHIỆM VỤ\n1. Tuyên truyền\n- Thời gian thực hiện: Năm 2024\nvà các năm tiếp theo.\n", (None, None)),
])
def test_period_classes(title, body, period):
    meta = meta_of(f"UBND TỈNH LAI CHÂU\nSố: 7/KH-UBND\nLai Châu, ngày 3 tháng 4 năm 2024\n{title}\n\nI. MỤC ĐÍCH\nabc\n{body}")
    assert (meta.period_start, meta.period_end) == period


@pytest.mark.parametrize("header, issuer, level, district, province", [
    # PDF text runs the two header columns into single lines
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LAI CHÂU Độc lập - Tự do - Hạnh phúc\n"
     "Số: 8/KH-UBND Lai Châu, ngày 2 tháng 8 năm 2024", "UBND tỉnh Lai Châu", "province", None, "Lai Châu"),
    # a numbered district of a centrally-run city: the city is its province
    ("UBND QUẬN 5\nSố: 8/KH-UBND\nQuận 5, ngày 2 tháng 8 năm 2024", "UBND quận 5", "district", "5", "Hồ Chí Minh"),
])
def test_more_header_renderings(header, issuer, level, district, province):
    meta = meta_of(f"{header}\n\nKẾ HOẠCH\nVề việc\n\nThực hiện chỉ đạo của Ủy ban nhân dân Thành phố Hồ Chí Minh;\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.level, meta.district, meta.province) == (issuer, level, district, province)
    assert meta.issue_date == "2024-08-02"


@pytest.mark.parametrize("text, number, date", [
    # the number wrapped after its hyphen
    ("UBND TỈNH LAI CHÂU\nSố: 15/KH-\nUBND\nLai Châu, ngày 2 tháng 8 năm 2024\n\nKẾ HOẠCH\nabc\n", "15/KH-UBND", "2024-08-02"),
    # the place-and-date line after a long site banner, no type heading found
    ("\n".join(["Trang chủ | Văn bản"] * 40) + "\nSố: 15/KH-UBND\n*Lai Châu, ngày 2\ntháng 8 năm 2024*\n\nVề việc\n",
     "15/KH-UBND", "2024-08-02"),
])
def test_number_and_date_outside_the_usual_places(text, number, date):
    meta = meta_of(text)
    assert (meta.number, meta.issue_date) == (number, date)


@pytest.mark.parametrize("header, number, issuer, level, province", [
    # OCR garbles the accents of the body words: they are matched without accents
    ("UỶ BAN NHẦN DẦN\nTĨNH LAI CHÂU\nSố: 8/KH-UBND", "8/KH-UBND", "UBND tỉnh Lai Châu", "province", "Lai Châu"),
    # a Party committee's own plan, its number in the Party form
    ("TỈNH ỦY LAI CHÂU\n*\nSố 21-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM", "21-KH/TU", "Tỉnh ủy Lai Châu", "province", "Lai Châu"),
    ("THÀNH ỦY CẦN THƠ\nSố 21-KH/TU", "21-KH/TU", "Thành ủy Cần Thơ", "province", "Cần Thơ"),
    ("HUYỆN ỦY MƯỜNG TÈ\nSố 21-KH/HU", "21-KH/HU", "Huyện ủy Mường Tè", "district", "Lai Châu"),
])
def test_ocr_and_party_headers(header, number, issuer, level, province):
    meta = meta_of(f"{header}\nLai Châu, ngày 2 tháng 8 năm 2024\n\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert (meta.number, meta.issuer, meta.level, meta.province) == (number, issuer, level, province)


def test_type_heading_wrapped_and_date_words_garbled_by_ocr():
    meta = meta_of("UBND TỈNH LAI CHÂU\nSố: 8/KH-UBND\nLai Châu, ngảy 14 thảng 3 nằm 2023\n\n**KẾ\nHOẠCH**\n"
                   "Phòng, chống thiên tai năm 2023\n\nI. MỤC TIÊU\n")
    assert (meta.doc_type, meta.title, meta.issue_date) == ("KH", "Phòng, chống thiên tai năm 2023", "2023-03-14")


def test_heading_and_title_in_capitals_on_one_line():
    meta = meta_of("Số: 3/QĐ-UBND\nLai Châu, ngày 2 tháng 8 năm 2024\n"
                   "QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI GIAI ĐOẠN 2024 - 2028\n\nCăn cứ Luật\n")
    assert (meta.doc_type, meta.title) == ("QD", "BAN HÀNH KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI GIAI ĐOẠN 2024 - 2028")
    assert (meta.period_start, meta.period_end) == (2024, 2028)


def test_a_cited_decrees_date_is_not_the_date_line():
    # no place-and-date line: "NĐ-CP, ngày ..." ends a citation, not a place name
    meta = meta_of("UBND TỈNH LAI CHÂU\nCăn cứ Nghị định số 5/2011/NĐ-CP, ngày 22 tháng 8 năm 2011;\nKẾ HOẠCH\nabc\n")
    assert meta.issue_date is None


def test_the_header_in_capitals_before_a_banner_mention():
    meta = meta_of("Văn bản liên quan: Kế hoạch của Ủy ban nhân dân tỉnh Điện Biên\n| ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU | |\n"
                   "| Số: 8/KH-UBND | Lai Châu, ngày 2 tháng 8 năm 2024 |\n\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.province) == ("UBND tỉnh Lai Châu", "Lai Châu")


@pytest.mark.parametrize("text, title, period", [
    # PDF text: the title is centred, its continuation lines indented with spaces
    ("            KẾ HOẠCH\n      Hỗ trợ đồng bào dân tộc thiểu số phát triển sinh kế\n"
     "                 trên địa bàn huyện năm 2018\n\n    Để thực hiện tốt nhiệm vụ năm 2018,\n",
     "Hỗ trợ đồng bào dân tộc thiểu số phát triển sinh kế trên địa bàn huyện năm 2018", (2018, 2018)),
    # a range on the indented third line; a tab indents the second
    ("KẾ HOẠCH\n   Nâng cao chất lượng nguồn nhân lực\n\ty tế cơ sở của tỉnh\n          giai đoạn 2016 - 2020\n"
     "    Thực hiện Nghị quyết số 4/NQ-HĐND;\n",
     "Nâng cao chất lượng nguồn nhân lực y tế cơ sở của tỉnh giai đoạn 2016 - 2020", (2016, 2020)),
])
def test_an_indented_title_runs_over_its_wrapped_lines(text, title, period):
    meta = meta_of(text)
    assert (meta.title, meta.period_start, meta.period_end) == (title, *period)


@pytest.mark.parametrize("number_line, number", [
    ("Số: 58 /KH–UBND", "58/KH-UBND"),      # en dash, space before the slash
    ("Số: 58/KH—UBND", "58/KH-UBND"),       # em dash
    ("Số: 58/KH\u2011UBND", "58/KH-UBND"),  # non-breaking hyphen
    ("Số: 58/QĐ − UBND", "58/QĐ-UBND"),     # minus sign with spaces
])
def test_every_dash_in_a_number_is_a_hyphen(number_line, number):
    meta = meta_of(f"UBND TỈNH SƠN LA\n{number_line}\nSơn La, ngày 2 tháng 3 năm 2020\n\nKẾ HOẠCH\n"
                   "Về việc\n\nTriển khai Kế hoạch số 6/KH–UBND ngày 2/1/2020 của UBND tỉnh;\n\nI. MỤC TIÊU\n")
    assert meta.number == number
    assert meta.implements == ["6/KH-UBND"] and meta.references == ["6/KH-UBND"]


@pytest.mark.parametrize("block, signer", [
    # the role of a deputy on its own line, in capitals like a name
    ("**KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nĐinh Quang Hải**", "Đinh Quang Hải"),
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n\nLê Minh Khôi", "Lê Minh Khôi"),
    ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n(Đã ký)\nHOÀNG THỊ MAI", "Hoàng Thị Mai"),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrương Văn Bảy", "Trương Văn Bảy"),
])
def test_the_signer_is_the_name_under_the_role_lines(block, signer):
    meta = meta_of(f"KẾ HOẠCH\nabc\n\nI. MỤC TIÊU\nabc\n\n|\n**Nơi nhận:**\n- Lưu: VT.\n|\n{block}\n|\n")
    assert meta.signer == signer


@pytest.mark.parametrize("header, title, number, date, period", [
    ("Số: 1O5/KH-UBND\nSơn La, ngày 9 tháng 1O năm 2O17", "Phòng chống cháy rừng năm 2O17",
     "105/KH-UBND", "2017-10-09", (2017, 2017)),
    ("Số: 8/KH-UBND\nSơn La, ngày 3O/6/2O18", "PHÒNG CHỐNG CHÁY RỪNG GIAI ĐOẠN 2O18 - 2O2O",
     "8/KH-UBND", "2018-06-30", (2018, 2020)),
])
def test_ocr_letter_o_for_zero_in_the_header_and_the_title(header, title, number, date, period):
    meta = meta_of(f"UBND TỈNH SƠN LA\n{header}\n\nKẾ HOẠCH\n{title}\n\nI. MỤC TIÊU\n")
    assert (meta.number, meta.issue_date, meta.period_start, meta.period_end) == (number, date, *period)


@pytest.mark.parametrize("preamble, implements", [
    # the goal a council set, named in the purpose after the list, is not carried out by this plan
    ("Thực hiện Quyết định số 15/QĐ-TTg ngày 3/1/2023 của Thủ tướng và Chỉ thị số 4/CT-TTg ngày 9/2/2023, nhằm đạt\n"
     "mục tiêu tăng trưởng năm 2023 mà Nghị quyết số 20/NQ-HĐND ngày 8/12/2022 của HĐND tỉnh đã đề ra, UBND tỉnh ban hành",
     ["15/QĐ-TTg", "4/CT-TTg"]),
    # 'nhằm' inside one item's own title ends nothing after ';'
    ("Thực hiện Quyết định số 15/QĐ-TTg phê duyệt Đề án, nhằm nâng cao năng lực; Kế hoạch số 2/KH-BNV;", ["15/QĐ-TTg", "2/KH-BNV"]),
])
def test_implements_stops_at_a_purpose_clause(preamble, implements):
    meta = meta_of(f"KẾ HOẠCH\nThúc đẩy tăng trưởng\n\n{preamble}\n\nI. MỤC TIÊU\nabc\n")
    assert meta.implements == implements


@pytest.mark.parametrize("raw, read", [
    ("năm 2O19", "năm 2019"), ("ngày 1O/11", "ngày 10/11"), ("ít nhất O5 điểm", "ít nhất 05 điểm"),
    ("1.5OO hộ", "1.500 hộ"), ("khí CO2 và H2O", "khí CO2 và H2O"), ("Ông Tư, tổ O", "Ông Tư, tổ O"),
])
def test_ocr_zeros_reads_the_letter_o_only_inside_numbers(raw, read):
    from chitieu.extractors.numbers import ocr_zeros

    assert ocr_zeros(raw) == read and len(ocr_zeros(raw)) == len(raw)


@pytest.mark.parametrize("text, title", [
    # a decision's enacting authority in capitals right under a title in running case
    ("QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\nphòng chống sốt rét năm 2021\nBỘ TRƯỞNG BỘ Y TẾ\nCăn cứ Luật\n",
     "Về việc ban hành Kế hoạch phòng chống sốt rét năm 2021"),
    ("NGHỊ QUYẾT\nVề dự toán ngân sách\nnăm 2021\nHỘI ĐỒNG NHÂN DÂN TỈNH ĐIỆN BIÊN\nKHÓA XIV, KỲ HỌP THỨ 12\n",
     "Về dự toán ngân sách năm 2021"),
    # ... and under a title in capitals, a bare office; a title line naming an office in a phrase stays
    ("QUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ PHỐI HỢP\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật\n", "BAN HÀNH QUY CHẾ PHỐI HỢP"),
    ("KẾ HOẠCH\nTHỰC HIỆN CHỈ THỊ CỦA\nTHỦ TƯỚNG CHÍNH PHỦ VỀ PHÒNG CHỐNG SỐT RÉT\n\nI. MỤC TIÊU\n",
     "THỰC HIỆN CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ PHÒNG CHỐNG SỐT RÉT"),
])
def test_a_title_ends_at_the_enacting_authority_line(text, title):
    assert meta_of(text).title == title


def test_a_normative_documents_number_holds_its_year():
    meta = meta_of("UBND TỈNH ĐIỆN BIÊN\nSố: 17/2021/QĐ-UBND\nĐiện Biên, ngày 2 tháng 3 năm 2021\n\nQUYẾT ĐỊNH\nBan hành quy định\n")
    assert (meta.number, meta.doc_type) == ("17/2021/QĐ-UBND", "QD")


@pytest.mark.parametrize("number_line, date_line, number, date", [
    ("SỐ: 31/KH-UBND", "Điện Biên, ngày 5 tháng 6 năm 2016", "31/KH-UBND", "2016-06-05"),       # in capitals
    ("Sô: 31/KH-UBND", "Điện Biên, ngày 5 tháng 6 năm 2016", "31/KH-UBND", "2016-06-05"),       # OCR lost the accent
    ("Số hiệu: 31/KH-UBND", "Điện Biên, ngày 5 tháng 6 năm 2016", "31/KH-UBND", "2016-06-05"),  # a site's label
    ("Số: 31/KH-UBND", "Điện Biên ngày 5 tháng 6 năm 2016", "31/KH-UBND", "2016-06-05"),        # the comma dropped
])
def test_number_and_date_lines_as_ocr_and_sites_print_them(number_line, date_line, number, date):
    meta = meta_of(f"UBND TỈNH ĐIỆN BIÊN\n{number_line}\n{date_line}\n\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert (meta.number, meta.issue_date) == (number, date)


def test_a_cited_documents_date_without_a_comma_is_not_the_date_line():
    meta = meta_of("Văn bản liên quan: Kế hoạch của UBND tỉnh Điện Biên ngày 2 tháng 8 năm 2014\nSố: 31/KH-UBND\n\n"
                   "KẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert meta.issue_date is None


@pytest.mark.parametrize("header, issuer, level, province, district", [
    # a department printed without its parent committee, its place on the same or the next line
    ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH ĐIỆN BIÊN", "Sở Tài nguyên và Môi trường tỉnh Điện Biên", "province", "Điện Biên", None),
    ("SỞ Y TẾ\nTỈNH ĐIỆN BIÊN", "Sở Y tế tỉnh Điện Biên", "province", "Điện Biên", None),
    ("PHÒNG TÀI CHÍNH - KẾ HOẠCH\nHUYỆN TUẦN GIÁO", "Phòng Tài chính - Kế hoạch huyện Tuần Giáo", "district", "Điện Biên", "Tuần Giáo"),
    # a Sở alone: the province of its date line
    ("SỞ Y TẾ", "Sở Y tế tỉnh Điện Biên", "province", "Điện Biên", None),
])
def test_a_department_heading_the_header_alone(header, issuer, level, province, district):
    meta = meta_of(f"{header}\nSố: 4/KH-SYT\nĐiện Biên, ngày 2 tháng 3 năm 2020\n\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert (meta.issuer, meta.level, meta.province, meta.district) == (issuer, level, province, district)


@pytest.mark.parametrize("header, district, province", [
    ("UBND QUẬN NGŨ HÀNH SƠN", "Ngũ Hành Sơn", "Đà Nẵng"),   # a quận is no huyện to the gazetteer
    ("UBND THỊ XÃ BUÔN HỒ", "Buôn Hồ", "Đắk Lắk"),
])
def test_the_province_of_a_district_of_any_kind(header, district, province):
    meta = meta_of(f"{header}\nSố: 4/KH-UBND\n\nKẾ HOẠCH\nVề việc\n\nI. MỤC TIÊU\n")
    assert (meta.level, meta.district, meta.province) == ("district", district, province)


@pytest.mark.parametrize("closing, signer", [
    # PDF text: the recipients list and the signature column share their lines
    ("Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Sở Tài chính; KT. CHỦ TỊCH\n- Công an huyện; PHÓ CHỦ TỊCH\n"
     "- Như mục III;\n- Lưu: VT. Lò Thị Hạnh\n", "Lò Thị Hạnh"),
    ("Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Bộ Nội vụ; CHỦ TỊCH\n- Lưu: VT, TH. (Đã ký)\n- Các sở, ngành;\n"
     "A Sơ Mlô\n", "A Sơ Mlô"),
])
def test_the_signer_beside_the_recipients_list(closing, signer):
    meta = meta_of(f"KẾ HOẠCH\nabc\n\nI. MỤC TIÊU\nabc\n{closing}")
    assert meta.signer == signer


@pytest.mark.parametrize("gap", [" " * 100_000, "\t" * 3 + " " * 100_000])
def test_header_lines_ending_in_long_gaps_are_read(gap):
    # Each line ends in a gap that opens no cell; read from every space of it, such a line took minutes.
    doc = Document("t.txt", "0", f"ỦY BAN NHÂN DÂN TỈNH AN GIANG{gap}\nSố: 12/KH-UBND{gap}\n"
                   "An Giang, ngày 5 tháng 3 năm 2026\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2026\n")
    meta = extract_metadata(doc)
    assert (meta.number, meta.issuer, meta.issue_date, meta.title) == (
        "12/KH-UBND", "UBND tỉnh An Giang", "2026-03-05", "Phòng, chống thiên tai năm 2026")


@pytest.mark.parametrize("text", [
    "Số 12 - CT/TW, 3  –  NQ /TW, 1/2020/QĐ-UBND, a12/KH, 5 KH/TU, 7\n/\nKH-UBND, 15/6/2026, 2/3/KH",
    "1 " * 2000 + "/KH-UBND " + "/" * 500 + " 4 /" + " " * 3000 + "QĐ-TTg",
    # the year between slashes, spaced out: the code's slash three words after the serial
    "12 / 2019 / QĐ-UBND, 28 - CT / TW, 5 /  2021  /\nNĐ-CP, ngày 15 / 6 / 2026, 7/2020/ /QĐ, 3 /2020 / 2021/KH",
])
def test_document_numbers_searched_from_their_slash_are_those_of_a_whole_text_search(text):
    # the oracle: the number pattern tried at every position of the text
    from chitieu.extractors import anchored
    from chitieu.extractors.metadata import _NUMBER_FROM_SLASH, DOC_NUMBER_RE

    found = [m.span() for m in anchored.finditer(DOC_NUMBER_RE, _NUMBER_FROM_SLASH, text)]
    assert found == [m.span() for m in DOC_NUMBER_RE.finditer(text)] and found


def test_document_numbers_read_from_their_serial_s_first_digit_are_those_of_the_two_forms_searched_apart():
    # the oracle: the serial's left edge tested first, then each form with a serial of its own
    import random
    import re
    from chitieu.extractors.metadata import _CODE, _DASH, _PARTY_BODIES, _PARTY_TYPES, DOC_NUMBER_RE, format_number
    from chitieu.models.normalize import UPPER
    two_forms = re.compile(
        rf"(?<![\w/])(?:(\d{{1,5}})\s*(?:/\s*(\d{{4}})\s*)?/\s*({_CODE}(?:\s*[{_DASH}]\s*{_CODE})*)|(\d{{1,5}})\s*"
        rf"(?:[{_DASH}]\s*({_PARTY_TYPES})\s*/\s*([{UPPER}]{{2,9}})|\s({_PARTY_TYPES})\s*/\s*({_PARTY_BODIES}))(?![\w{_DASH}]))")

    def formatted(m: re.Match) -> str:
        if m.group(4):
            return f"{m.group(4)}-{m.group(5) or m.group(7)}/{m.group(6) or m.group(8)}"
        return f"{m.group(1)}{'/' + m.group(2) if m.group(2) else ''}/" + re.sub(f"[{_DASH}]", "-", "".join(m.group(3).split()))

    rng = random.Random(30)
    pieces = ["1", "12", "123456", "2020", "/", " / ", "-", "–", " ", "\n", "KH", "UBND", "QĐ", "CT", "TW", "TU", "BCĐ",
              "NQ", "a", "x1", "&", "ngày", "QĐ-TTg", "28 CT/TW", "14-KH/TU", "Đ"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        assert [(m.span(), format_number(m)) for m in DOC_NUMBER_RE.finditer(text)] == [
            (m.span(), formatted(m)) for m in two_forms.finditer(text)], text


def test_time_lines_found_from_their_folded_words_are_those_of_a_case_blind_search():
    # the oracle: the case-blind pattern tried at every position of the text
    from chitieu.extractors.metadata import _TIME_LINE, _time_lines

    doc = Document("t.txt", "0", "THỜI GIAN THỰC HIỆN: 2026\n- a\nThời  gian\ntriển khai năm 2027\ntiếp tục\n"
                   "thôi gian thực hiện; thời gian thực hiện thời gian triển khai\n" * 3)
    found = [m.span() for m in _time_lines(doc)]
    assert found == [m.span() for m in _TIME_LINE.finditer(doc.text)] and len(found) == 7


ANNEX_ROWS = "".join(f"| {i} | Tập huấn cán bộ y tế | Sở Y tế | Quý {i % 4 + 1}/2027 |\n" for i in range(1, 200))


@pytest.mark.parametrize("closing, signer", [
    # annex tables after the signature: the last role is read however far above the text's end it stands
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Tâm\n\nPhụ lục\n" + ANNEX_ROWS, "Lê Văn Tâm"),
    # the last role line names no one: the one above it does, in the cell after a wide gap
    ("Nơi nhận:        KT. CHỦ TỊCH\n- Như trên;      PHÓ CHỦ TỊCH\n\nTrần Văn Bình\n" + ANNEX_ROWS
     + "TRƯỞNG BAN CHỈ ĐẠO\n", "Trần Văn Bình"),
    # no name under any role: the column beside the recipients list, its label in bold
    ("**Nơi nhận**: TM. ỦY BAN NHÂN DÂN\n- Sở Tài chính; KT. CHỦ TỊCH\n- Lưu: VT. Lò Thị Hạnh\n" + ANNEX_ROWS,
     "Lò Thị Hạnh"),
])
def test_the_signer_above_annexes(closing, signer):
    meta = meta_of(f"KẾ HOẠCH\nabc\n\nI. MỤC TIÊU\nabc\n{closing}")
    assert meta.signer == signer


@pytest.mark.parametrize("banner_lines", [52, 58, 100])
def test_a_type_heading_under_a_long_banner(banner_lines):
    # the first lines are read for the heading first: one whose title runs past them is read from every line
    banner = "".join(f"Văn bản liên quan {i}\n" for i in range(banner_lines))
    meta = meta_of(f"{banner}UBND TỈNH AN GIANG\nSố: 12/KH-UBND\nAn Giang, ngày 5 tháng 3 năm 2026\nKẾ HOẠCH\n"
                   "Phòng, chống thiên tai\nnăm 2026\n\nI. MỤC TIÊU\n")
    assert (meta.doc_type, meta.title, meta.number, meta.issue_date) == (
        "KH", "Phòng, chống thiên tai năm 2026", "12/KH-UBND", "2026-03-05")


def test_role_lines_searched_from_the_end_are_those_of_a_whole_search():
    # windows of whole lines from the end, each twice the one after it: a role word at a window's edge, on the
    # first or last line, glued to other words, on empty lines and in a text without line breaks
    import random
    from chitieu.extractors.metadata import _ROLE_WORDS, _lines_holding, _lines_holding_from_the_end
    pieces = ["KT.", "CHỦ", "TM.", "Q.", "x", " ", "\n", "\n\n", "abc", "TỊCH", "THỦ", "Q", "KT"]
    rng = random.Random(5)
    texts = ["", "\n", "CHỦ", "CHỦ\n", "\nCHỦ", "xCHỦx\nKT.KT.\n\nTM."]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 80))) for _ in range(3000)]
    for text in texts:
        whole = _lines_holding(text, _ROLE_WORDS.finditer(text))
        for window in (1, 2, 3, 7, 30, 4096):
            assert list(_lines_holding_from_the_end(text, _ROLE_WORDS, window)) == whole, (text, window)


def test_issuer_bodies_found_from_their_first_letter_are_those_at_a_word_start():
    # the body's first letter searched first, the word's start tested behind it: the same mentions as a word
    # boundary before the body (at the text's start, after letters, digits, marks and line breaks)
    import random
    import re
    from chitieu.extractors.metadata import _FOLDED_ISSUER
    levels = _FOLDED_ISSUER.pattern[_FOLDED_ISSUER.pattern.index(r"\s*\b(tinh"):]
    bounded = re.compile(r"\b(uy\s+ban\s+nhan\s+dan|ubnd|hoi\s+dong\s+nhan\s+dan|hdnd)" + levels)
    pieces = ["uy ban nhan dan", "ubnd", "hdnd", "hoi dong nhan dan", " tinh", " tp.", "huyen", " ", "\n", "x", "u",
              "h", "1", ".", "-", "đ", "*", "xa", "quan"]
    rng = random.Random(7)
    texts = ["ubnd tinh", "xubnd tinh", "1hdnd xa", "đuy ban nhan dan tinh", "-ubnd\ntp."]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(5000)]
    for text in texts:
        assert [(m.span(), m.groups()) for m in _FOLDED_ISSUER.finditer(text)] == [
            (m.span(), m.groups()) for m in bounded.finditer(text)], text


@pytest.mark.parametrize("banner_lines", [50, 51, 52, 62, 63, 64, 240, 243, 244, 255, 256, 1100])
@pytest.mark.parametrize("heading", ["KẾ HOẠCH", "KẾ\nHOẠCH", "**KẾ HOẠCH**", "CÁC NHIỆM VỤ:\nKẾ HOẠCH"])
def test_the_heading_read_from_the_first_lines_is_the_one_every_line_gives(banner_lines, heading):
    # the first lines read, then four times as many ...: the heading and the lines down to its title are
    # those read from every line, a heading wrapped across where a round's lines end included
    from chitieu.extractors.metadata import _TITLE_LINES, _head, _lines, _type_heading
    text = "".join(f"Dòng {i}\n" for i in range(banner_lines)) + heading + "\nPhòng, chống thiên tai\n\nI. MỤC TIÊU\n" \
        + "".join(f"nội dung {i}\n" for i in range(300))
    lines, found = _head(text)
    every_line = _lines(text.split("\n"))
    assert found == _type_heading(every_line) and found is not None
    assert lines[:found[0] + _TITLE_LINES] == every_line[:found[0] + _TITLE_LINES]


def test_a_headers_zeros_repaired_at_once_are_those_of_each_line():
    # the header's lines joined by line breaks and repaired in one call: numbers at a line's ends, lines of O
    # and digits only, empty lines
    import random
    from chitieu.extractors.numbers import ocr_zeros
    rng = random.Random(17)
    pieces = ["O", "o", "1", "2O", " ", "/", "-", "KH", "Số:", "năm", "x", "Ô"]
    for _ in range(3000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 6))) for _ in range(rng.randrange(1, 5))]
        assert ocr_zeros("\n".join(lines)).split("\n") == [ocr_zeros(line) for line in lines], lines


def test_the_legal_basis_ends_where_one_search_of_both_endings_ends_it():
    # the enacting sentence (any case) and a decision's "QUYẾT ĐỊNH:" line searched apart: the first of either is
    # where the one case-blind search of both ends the preamble
    import random
    import re
    from chitieu.extractors.metadata import _ENACTING_END
    both = re.compile(r"ban\s+hành[^:;]{0,300}?(?:như\s+sau|sau\s+đây)\s*:|^\W*QUYẾT\s+ĐỊNH\W*:", re.I | re.M)
    pieces = ["BAN HÀNH", "ban hành", "Ban  Hành", "như sau", "NHƯ SAU", "sau đây", ":", ";", "\n", " ", "**",
              "QUYẾT ĐỊNH", "quyết định", "x", "ban", "bản hành"]
    rng = random.Random(19)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        found = [m for m in (end.search(text) for end in _ENACTING_END) if m]
        first = min(found, key=lambda m: m.start(), default=None)
        expected = both.search(text)
        assert (first and first.span()) == (expected and expected.span()), text
