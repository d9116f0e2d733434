"""Reference data: the law's content types, support levels, administrative units.

Figures follow DOMAIN.md (Nghị định 45/2012/NĐ-CP; 2014 national support
levels; Nghị quyết 202/2025/QH15 and Quyết định 19/2025/QĐ-TTg for units).
"""

import datetime as dt

LAW_CONTENT_TYPES = [
    (1, "Đào tạo nghề, truyền nghề, nhân cấy nghề", "Vocational training and craft transfer"),
    (
        2,
        "Nâng cao năng lực quản lý, sản xuất sạch hơn, khởi sự doanh nghiệp, mở rộng thị trường",
        "Management capacity, cleaner production, start-ups, market expansion",
    ),
    (
        3,
        "Mô hình trình diễn kỹ thuật, chuyển giao công nghệ, ứng dụng máy móc tiên tiến",
        "Technical demonstration models, technology transfer, advanced machinery",
    ),
    (
        4,
        "Phát triển sản phẩm công nghiệp nông thôn tiêu biểu, hội chợ, thương hiệu, phòng trưng bày, xúc tiến thương mại",
        "Typical rural-industry products, fairs, brands, showrooms, trade promotion",
    ),
    (5, "Tư vấn", "Consultancy"),
    (6, "Thông tin tuyên truyền", "Information and publicity"),
    (
        7,
        "Liên doanh, liên kết, hiệp hội, cụm công nghiệp, di dời và xử lý ô nhiễm",
        "Joint ventures, associations, industrial clusters, relocation and pollution treatment",
    ),
    (8, "Hợp tác quốc tế", "International cooperation"),
    (9, "Nâng cao năng lực quản lý và tổ chức thực hiện hoạt động khuyến công", "Managing khuyến công itself"),
]
LAW_BASIS = "Nghị định 45/2012/NĐ-CP, Điều 4"
# The catalogue versions: (name, legal basis, valid from, valid to).
CATALOGUE_2012 = ("Danh mục nội dung khuyến công 2012", LAW_BASIS, dt.date(2012, 7, 15), dt.date(2025, 10, 14))
LAW_BASIS_2025 = "Nghị định 45/2012/NĐ-CP, Điều 4, sửa đổi bởi Nghị định 235/2025/NĐ-CP"
CATALOGUE_2025 = ("Danh mục nội dung khuyến công 2025", LAW_BASIS_2025, dt.date(2025, 10, 15), None)
# From 15/10/2025: the nine types kept (same codes, so the same comparison key) plus the contents
# the published summaries of Nghị định 235/2025/NĐ-CP name. The wording is as the summaries give it;
# an administrator corrects it in /admin/ against the decree's text.
LAW_CONTENT_TYPES_2025 = [
    *LAW_CONTENT_TYPES,
    (10, "Hỗ trợ sản xuất và tiêu dùng bền vững", "Sustainable production and consumption"),
    (11, "Hỗ trợ chuyển đổi số", "Digital transformation"),
]

# Who may be supported: (kind, location condition, valid from, valid to, legal basis, refusal wording).
# Read from DOMAIN.md and the published summaries; editable in /admin/ (EligibilityRule).
BASIS_2012 = "Nghị định 45/2012/NĐ-CP, Điều 2"
BASIS_2025 = "Nghị định 235/2025/NĐ-CP, Điều 1 (sửa đổi Điều 2 Nghị định 45/2012/NĐ-CP)"
RULES_FROM_2012 = dt.date(2012, 7, 15)
RULES_TO_2012 = dt.date(2025, 10, 14)
RULES_FROM_2025 = dt.date(2025, 10, 15)
_OLD_KINDS = ["enterprise", "cooperative", "household", "rural_establishment"]
_NEW_PLACE_KINDS = ["enterprise", "cooperative", "cooperative_union", "cooperative_group", "household"]
_NEW_ANYWHERE_KINDS = ["artisan", "sustainable_production", "cluster_investor"]
_PLACE_2025 = (
    "cơ sở sản xuất công nghiệp, tiểu thủ công nghiệp tại xã, phường, đặc khu thuộc tỉnh; "
    "tại xã, đặc khu thuộc thành phố trực thuộc trung ương; hoặc tại làng nghề được Ủy ban nhân dân "
    "cấp tỉnh công nhận"
)
ELIGIBILITY_RULES = [
    *[
        (
            kind,
            "anywhere",
            RULES_FROM_2012,
            RULES_TO_2012,
            BASIS_2012,
            "cơ sở công nghiệp nông thôn tại huyện, thị xã, thị trấn, xã và các phường thuộc thành phố, "
            "thị xã (theo danh mục của Bộ Công Thương)",
        )
        for kind in _OLD_KINDS
    ],
    *[(kind, "not_central_city_ward", RULES_FROM_2025, None, BASIS_2025, _PLACE_2025) for kind in _NEW_PLACE_KINDS],
    *[
        (
            kind,
            "anywhere",
            RULES_FROM_2025,
            None,
            BASIS_2025,
            "nghệ nhân, cơ sở áp dụng sản xuất sạch hơn, sản xuất bền vững và nhà đầu tư hạ tầng cụm công nghiệp",
        )
        for kind in _NEW_ANYWHERE_KINDS
    ],
]

# (law type, name, max percent, max amount in đồng)
SUPPORT_LEVELS_2014 = [
    (3, "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ", 50, 200_000_000),
    (3, "Xây dựng mô hình trình diễn kỹ thuật", 30, 500_000_000),
    (4, "Xây dựng, đăng ký thương hiệu", 50, 35_000_000),
    (5, "Tư vấn", 50, 35_000_000),
    (2, "Hỗ trợ thành lập doanh nghiệp", None, 10_000_000),
    (4, "Hội chợ triển lãm trong nước (thuê gian hàng)", 80, None),
    (7, "Xử lý ô nhiễm môi trường", 30, 300_000_000),
]
SUPPORT_BASIS_2014 = "Thông tư liên tịch 26/2014/TTLT-BTC-BCT"

HANOI = ("01", "Thành phố Hà Nội", dt.date(2008, 8, 1))
DISTRICTS_VALID_TO = dt.date(2025, 6, 30)
# Hà Nội's district-level units of 2008-2025 (code, name, valid from, valid to).
HANOI_DISTRICTS = [
    ("001", "Quận Ba Đình"),
    ("002", "Quận Hoàn Kiếm"),
    ("003", "Quận Tây Hồ"),
    ("004", "Quận Long Biên"),
    ("005", "Quận Cầu Giấy"),
    ("006", "Quận Đống Đa"),
    ("007", "Quận Hai Bà Trưng"),
    ("008", "Quận Hoàng Mai"),
    ("009", "Quận Thanh Xuân"),
    ("016", "Huyện Sóc Sơn"),
    ("017", "Huyện Đông Anh"),
    ("018", "Huyện Gia Lâm"),
    ("020", "Huyện Thanh Trì"),
    ("250", "Huyện Mê Linh"),
    ("268", "Quận Hà Đông"),
    ("269", "Thị xã Sơn Tây"),
    ("271", "Huyện Ba Vì"),
    ("272", "Huyện Phúc Thọ"),
    ("273", "Huyện Đan Phượng"),
    ("274", "Huyện Hoài Đức"),
    ("275", "Huyện Quốc Oai"),
    ("276", "Huyện Thạch Thất"),
    ("277", "Huyện Chương Mỹ"),
    ("278", "Huyện Thanh Oai"),
    ("279", "Huyện Thường Tín"),
    ("280", "Huyện Phú Xuyên"),
    ("281", "Huyện Ứng Hòa"),
    ("282", "Huyện Mỹ Đức"),
]
TU_LIEM_SPLIT = dt.date(2014, 4, 1)  # Nghị quyết 132/NQ-CP: huyện Từ Liêm split into two quận
TU_LIEM = ("019", "Huyện Từ Liêm", dt.date(2008, 8, 1), dt.date(2014, 3, 31))
TU_LIEM_SUCCESSORS = [("019", "Quận Nam Từ Liêm"), ("021", "Quận Bắc Từ Liêm")]

NEW_PROVINCES_FROM = dt.date(2025, 7, 1)
# The 34 provinces from 1 July 2025 (Quyết định 19/2025/QĐ-TTg codes); Hà Nội kept its boundary.
PROVINCES_2025 = [
    ("04", "Tỉnh Cao Bằng"),
    ("08", "Tỉnh Tuyên Quang"),
    ("11", "Tỉnh Điện Biên"),
    ("12", "Tỉnh Lai Châu"),
    ("14", "Tỉnh Sơn La"),
    ("15", "Tỉnh Lào Cai"),
    ("19", "Tỉnh Thái Nguyên"),
    ("20", "Tỉnh Lạng Sơn"),
    ("22", "Tỉnh Quảng Ninh"),
    ("24", "Tỉnh Bắc Ninh"),
    ("25", "Tỉnh Phú Thọ"),
    ("31", "Thành phố Hải Phòng"),
    ("33", "Tỉnh Hưng Yên"),
    ("37", "Tỉnh Ninh Bình"),
    ("38", "Tỉnh Thanh Hóa"),
    ("40", "Tỉnh Nghệ An"),
    ("42", "Tỉnh Hà Tĩnh"),
    ("44", "Tỉnh Quảng Trị"),
    ("46", "Thành phố Huế"),
    ("48", "Thành phố Đà Nẵng"),
    ("51", "Tỉnh Quảng Ngãi"),
    ("52", "Tỉnh Gia Lai"),
    ("56", "Tỉnh Khánh Hòa"),
    ("66", "Tỉnh Đắk Lắk"),
    ("68", "Tỉnh Lâm Đồng"),
    ("75", "Tỉnh Đồng Nai"),
    ("79", "Thành phố Hồ Chí Minh"),
    ("80", "Tỉnh Tây Ninh"),
    ("82", "Tỉnh Đồng Tháp"),
    ("86", "Tỉnh Vĩnh Long"),
    ("91", "Tỉnh An Giang"),
    ("92", "Thành phố Cần Thơ"),
    ("96", "Tỉnh Cà Mau"),
]
# Provinces merged on 1 July 2025 that the demo data refers to: (code, name, successor code).
OLD_PROVINCES = [("27", "Tỉnh Bắc Ninh", "24"), ("24", "Tỉnh Bắc Giang", "24")]
PROVINCE_LEGAL_BASIS = "Nghị quyết 202/2025/QH15; Quyết định 19/2025/QĐ-TTg"

# Rural districts whose projects fill the demo, with a craft village and craft of each.
CRAFT_DISTRICTS = [
    ("277", "Phú Vinh", "mây tre đan"),
    ("279", "Hạ Thái", "sơn mài"),
    ("280", "Chuyên Mỹ", "khảm trai"),
    ("281", "Quảng Phú Cầu", "làm tăm hương"),
    ("282", "Hợp Tiến", "dệt thổ cẩm"),
    ("276", "Canh Nậu", "mộc dân dụng"),
    ("275", "Sài Sơn", "mộc mỹ nghệ"),
    ("271", "Cổ Đô", "mây tre giang đan"),
    ("272", "Tam Hiệp", "chế biến nông sản"),
    ("273", "Hạ Mỗ", "may mặc"),
    ("274", "Dương Liễu", "chế biến nông sản thực phẩm"),
    ("278", "Cự Đà", "làm miến dong"),
    ("016", "Xuân Thu", "mây tre đan"),
    ("017", "Liên Hà", "đồ gỗ mỹ nghệ"),
    ("018", "Bát Tràng", "gốm sứ"),
    ("268", "Vạn Phúc", "dệt lụa"),
]

# National programmes since 2021: the decisions only; their targets are not in our sources.
NATIONAL_2021_2025 = (
    "KCQG-2021-2025",
    "Chương trình khuyến công quốc gia giai đoạn 2021-2025",
    2021,
    2025,
    "1881/QĐ-TTg",
    dt.date(2020, 11, 20),
    "Thủ tướng Chính phủ",
)
# Approved by the Minister on the proposal of the Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công.
NATIONAL_2026_2030 = (
    "KCQG-2026-2030",
    "Chương trình khuyến công quốc gia giai đoạn 2026-2030",
    2026,
    2030,
    "2646/QĐ-BCT",
    dt.date(2025, 9, 23),
    "Bộ trưởng Bộ Công Thương",
)
# Proposals for Hà Nội's 2027 plan from communes of today (official codes); illustrative figures.
HANOI_2027_PROPOSALS = [
    ("HN2027-PN-001", "Truyền nghề mây tre đan cho lao động xã Phú Nghĩa", "10030", "1", 180_000_000, "xa", "proposed"),
    ("HN2027-PN-002", "Hỗ trợ máy chẻ nan, vót nan mây tre Phú Nghĩa", "10030", "3", 250_000_000, "xa", "draft"),
    (
        "HN2027-BT-001",
        "Hỗ trợ lò nung gốm tiết kiệm năng lượng tại Bát Tràng",
        "00577",
        "3",
        300_000_000,
        "canbo",
        "proposed",
    ),
    (
        "HN2027-CM-001",
        "Đào tạo nghề khảm trai tại xã Chuyên Mỹ",
        "10330",
        "1",
        150_000_000,
        "canbo",
        "appraised_department",
    ),
    (
        "HN2027-VD-001",
        "Tham gia hội chợ sản phẩm CNNT tiêu biểu, xã Vân Đình",
        "10354",
        "4",
        120_000_000,
        "canbo",
        "proposed",
    ),
]
