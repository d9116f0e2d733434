"""The user guide's chapters as data: one chapter per role, each step a page the browser can photograph.

A step names the page it happens on (`target`, resolved against the demo data
by guide/targets.py) and the screen element it is about (`focus`, a CSS
selector outlined in the screenshot). Its text names menus and buttons exactly
as the pages print them in Vietnamese. The body is official documentation and
stays Vietnamese; the page chrome around it is translated.

To add a chapter: append a `Chapter` to CHAPTERS; `make guide` photographs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    text: str
    target: str  # a key of guide.targets.TARGETS: the page the step is done on
    focus: str = ""  # CSS selector of the element the step is about, outlined in the screenshot
    pages: tuple[str, ...] = ()  # further URL names whose help link lands on this step

    @property
    def anchor(self) -> str:
        return f"buoc-{self.slug}"


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    role: str  # accounts.models.Role value, or "" for a chapter that no account has (yet)
    login: str  # the demo login the screenshots are taken as; "" for none
    intro: str
    steps: tuple[Step, ...] = field(default_factory=tuple)
    note: str = ""


def _sign_in(login: str, who: str) -> Step:
    return Step(
        "dang-nhap",
        "Đăng nhập",
        f"Mở địa chỉ của hệ thống, nhập Tên đăng nhập và Mật khẩu do quản trị cấp cho {who} "
        f"(tài khoản minh họa: {login}, mật khẩu khuyencong), rồi bấm nút “Đăng nhập”. Sau năm lần nhập sai, "
        "tài khoản bị tạm khóa: hãy liên hệ quản trị.",
        "login",
        "button[type=submit]",
        pages=("login",),
    )


HOME = Step(
    "trang-chu",
    "Trang chủ: việc chờ bạn xử lý",
    "Sau khi đăng nhập, trang chủ chào bạn bằng tên, liệt kê các “Chương trình khuyến công” và ô “Đề án chờ bạn "
    "xử lý”: mỗi dòng là một đề án đang chờ bước tiếp theo của bạn, bấm vào mã đề án để mở. Thanh menu màu xanh "
    "ở trên cùng dẫn tới mọi trang; nút VI/EN đổi ngôn ngữ giao diện; nút mang tên bạn mở “Đổi mật khẩu” và "
    "“Đăng xuất”; liên kết “Hướng dẫn” mở chương này.",
    "home",
    ".navbar",
    pages=("home", "password_change", "password_change_done"),
)

API_TOKENS = Step(
    "ma-truy-cap-api",
    "Đọc số liệu từ chương trình khác: mã truy cập API",
    "Bảng tính hay hệ thống tổng hợp đọc được số liệu qua API /api/v1/ (chương trình, nội dung, chỉ tiêu với kế "
    "hoạch và thực hiện, đề án, dự toán giao, giải ngân), đúng phạm vi bạn được xem trên các trang, và cùng số liệu "
    "với trang chương trình và báo cáo tổng hợp. Bấm nút mang tên bạn, chọn “Mã truy cập API”, nhập “Tên gợi nhớ” "
    "rồi bấm “Tạo mã truy cập”: sao chép mã ngay, mã chỉ hiện một lần. Chương trình kia gửi mã trong tiêu đề "
    "Authorization: Bearer …; “Tài liệu API” mô tả mọi địa chỉ và tham số. Mã không còn dùng: bấm “Thu hồi”.",
    "api_tokens",
    "main",
    pages=("api_tokens", "api_token_revoke"),
)

FIND_PROGRAMME = Step(
    "tim-chuong-trinh",
    "Tìm một chương trình",
    "Bấm “Chương trình” trên thanh menu. Trang “Chương trình khuyến công” liệt kê các chương trình (quốc gia và "
    "địa phương) với giai đoạn và quyết định phê duyệt. Bấm vào mã chương trình (ví dụ HN-2016-2020) để xem "
    "nội dung, chỉ tiêu, kế hoạch các năm và tiến độ.",
    "programme_list",
    "main table",
    pages=("programs:list",),
)

PROGRAMME = Step(
    "xem-chuong-trinh",
    "Xem nội dung, chỉ tiêu và kế hoạch năm",
    "Trang chương trình có phần “Nội dung và chỉ tiêu” (mỗi chỉ tiêu với thanh tiến độ “Kế hoạch” – “Thực hiện”) "
    "và bảng “Kế hoạch năm”. Hai nút “Kết quả thực hiện” và “Đề án” mở các kết quả và các đề án của chương trình.",
    "programme",
    "main",
    pages=("programs:detail",),
)

PROJECT_LIST = Step(
    "danh-sach-de-an",
    "Tìm một đề án",
    "Bấm “Đề án” trên thanh menu. Trang “Đề án khuyến công” có ô “Tìm kiếm” (gõ tên hoặc mã, có dấu hay không "
    "dấu đều được) và các bộ lọc Chương trình, năm, trạng thái, địa bàn; chọn rồi bấm “Lọc”, hoặc “Bỏ lọc” để "
    "xem lại tất cả. Bấm tiêu đề cột để sắp xếp; bấm mã đề án để mở.",
    "project_list",
    "main form",
    pages=("projects:list",),
)

REPORTS = Step(
    "bao-cao",
    "Xem báo cáo kế hoạch – thực hiện",
    "Bấm “Báo cáo” trên thanh menu. Mỗi chương trình có nút “Tổng quan cho lãnh đạo” và sáu báo cáo: "
    "“Tổng hợp kết quả thực hiện chương trình”, “Kết quả thực hiện kế hoạch khuyến công năm”, “Kết quả thực "
    "hiện theo đơn vị hành chính”, “Kinh phí theo nguồn”, “Danh sách đề án khuyến công”, “Diễn biến qua các năm "
    "và các chương trình”, cùng “Chứng từ giải ngân”. Mỗi con số dẫn tới các đề án hoặc chứng từ tạo nên nó.",
    "report_index",
    ".report-index",
    pages=("reports:index", "reports:overview"),
)

EXPORT = Step(
    "xuat-bao-cao",
    "Xuất báo cáo ra Excel hoặc PDF",
    "Mở một báo cáo, chọn năm hoặc kỳ ở phần lọc phía trên. Dòng “Tải về:” có các liên kết “Excel (.xlsx)”, "
    "“PDF”, “CSV”, “JSON”. Muốn sửa phần nhận xét, số văn bản, người ký, nơi nhận trước khi xuất: điền ở phần "
    "“Biên tập và xuất văn bản” rồi bấm “Xuất báo cáo”. Báo cáo lớn được làm ở chế độ nền: trang tiến độ hiện ra, "
    "khi xong có liên kết tải tệp.",
    "report_summary",
    ".downloads",
    pages=("reports:report", "reports:job_list", "reports:job_detail"),
)

IMPORT_RESULTS = Step(
    "nhap-excel",
    "Nhập số liệu từ Excel",
    "Bấm “Nhập Excel” trên thanh menu. Ở “1. Tải mẫu”: chọn Chương trình, Năm và Loại mẫu rồi bấm “Tải mẫu "
    "Excel”; mẫu đã điền sẵn số liệu bạn được xem. Điền vào tệp, rồi ở “2. Tải lên tệp đã điền” chọn tệp và bấm "
    "“Tải lên và kiểm tra”. Trang xem trước cho biết dòng mới, dòng sửa, dòng không đổi và mọi lỗi (trang tính, "
    "dòng, cột); khi không còn lỗi, bấm “Xác nhận nhập … dòng”. Cả tệp được lưu một lần, hoặc không lưu gì.",
    "imports",
    "main form",
    pages=("imports:index", "imports:preview"),
)


def _create_project(where: str) -> Step:
    return Step(
        "tao-de-an",
        "Tạo đề án",
        f"Trên trang “Đề án khuyến công”, bấm “Tạo đề án”. Điền mã, tên đề án, chương trình, năm, nội dung, "
        f"đơn vị thực hiện, {where}, kinh phí khuyến công (địa phương, quốc gia), vốn đối ứng, tổng chi phí đề án "
        "và thời gian thực hiện (ngày dạng dd/mm/yyyy, số tiền dạng 90.000.000). Bấm “Lưu”. Nếu có lỗi, lời nhắc "
        "hiện ngay dưới ô cần sửa (ví dụ: tổng chi phí nhỏ hơn kinh phí hỗ trợ cộng vốn đối ứng). Đề án mới ở "
        "trạng thái “Bản nháp”.",
        "project_create",
        "main form",
        pages=("projects:create", "projects:edit"),
    )


PROPOSE = Step(
    "de-xuat",
    "Đề xuất đề án",
    "Mở đề án ở trạng thái “Bản nháp”. Ở phần “Xử lý đề án”, ghi ý kiến nếu cần rồi bấm “Đề xuất”. Trạng thái "
    "đổi thành “Đã đề xuất”; đề án hiện trong ô “Đề án chờ bạn xử lý” của người thẩm định. Đề án bị “Yêu cầu bổ "
    "sung” sẽ quay về bạn: sửa bằng nút “Sửa đề án” rồi đề xuất lại.",
    "project_draft",
    "#project-status",
    pages=("projects:detail", "projects:action"),
)

OUTPUTS = Step(
    "san-pham-dau-ra",
    "Nhập sản phẩm đầu ra của đề án",
    "Trên trang đề án, bấm “Nhập sản phẩm đầu ra”. Ghi số lượng đã thực hiện cho từng chỉ tiêu (người được đào "
    "tạo, mô hình trình diễn, sản phẩm được hỗ trợ…) rồi bấm “Lưu sản phẩm đầu ra”. Số liệu này được cộng vào "
    "phần “Thực hiện” của chỉ tiêu chương trình khi đề án đã được phê duyệt.",
    "project_outputs",
    "main form",
    pages=("projects:outputs",),
)

RESULTS = Step(
    "ket-qua",
    "Ghi kết quả thực hiện ngoài đề án",
    "Mở chương trình, bấm “Kết quả thực hiện”, rồi “Thêm kết quả”. Chọn chỉ tiêu, năm, địa bàn, ghi số lượng và "
    "nguồn số liệu, bấm “Lưu”. Dùng cho những việc đã làm mà không thuộc một đề án (ví dụ hội chợ do Sở tổ chức).",
    "result_list",
    "main",
    pages=("programs:results", "programs:result_create", "programs:result_edit"),
)

BENEFICIARIES = Step(
    "doi-tuong",
    "Ghi đối tượng thụ hưởng",
    "Bấm “Đối tượng thụ hưởng” trên thanh menu. Tìm theo tên, mã số thuế hoặc ngành nghề; nếu chưa có, bấm "
    "“Thêm đối tượng”, điền tên, loại hình (doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh…), mã số thuế, "
    "địa bàn, ngành nghề rồi bấm “Lưu”. Khi tạo đề án, chọn các đối tượng được hỗ trợ.",
    "beneficiary_list",
    "main form",
    pages=("projects:beneficiary_list", "projects:beneficiary_create", "projects:beneficiary_edit"),
)

PLAN = Step(
    "ke-hoach-nam",
    "Nhập kế hoạch năm",
    "Mở chương trình; ở bảng “Kế hoạch năm”, bấm “Nhập kế hoạch” ở dòng của năm cần nhập. Ở bảng “Chỉ tiêu năm …”, "
    "ghi số lượng kế hoạch năm của từng chỉ tiêu (cột “Kế hoạch năm”); ở bảng “Kinh phí kế hoạch năm … theo nguồn "
    "(đồng)”, ghi kinh phí của từng nội dung theo nguồn (khuyến công quốc gia, địa phương, vốn đối ứng). Bấm “Lưu "
    "kế hoạch năm”. "
    "Năm đã khóa chỉ hiện nút “Xem kế hoạch”.",
    "plan",
    "main form",
    pages=("programs:plan",),
)

APPRAISE = Step(
    "tham-dinh",
    "Thẩm định đề án",
    "Mở đề án “Đã đề xuất” (từ ô “Đề án chờ bạn xử lý” ở trang chủ). Đọc “Thông tin chung”, kinh phí và đối "
    "tượng; ở phần “Xử lý đề án”, ghi ý kiến rồi bấm “Thẩm định” (trạng thái thành “Sở đã thẩm định”). Hồ sơ "
    "thiếu: bấm “Yêu cầu bổ sung”; không đạt: bấm “Từ chối” — hai nút này bắt buộc ghi ý kiến. Mỗi bước được "
    "ghi ngày và người làm ở “Các bước xử lý”.",
    "project_proposed",
    "main form",
    pages=("projects:detail", "projects:action"),
)

ALLOCATE = Step(
    "du-toan",
    "Ghi dự toán giao",
    "Bấm “Dự toán” trên thanh menu, rồi “Thêm dự toán”. Chọn chương trình, năm, nội dung, nguồn kinh phí, ghi số "
    "tiền (đồng) và số, ngày quyết định giao dự toán, bấm “Lưu”. Hệ thống nhắc khi dự toán vượt kế hoạch.",
    "allocation_list",
    "main table",
    pages=("budgets:allocation_list", "budgets:allocation_create", "budgets:allocation_edit"),
)

DISBURSE = Step(
    "giai-ngan",
    "Ghi giải ngân",
    "Trên trang đề án đã phê duyệt, bấm “Ghi giải ngân” (hoặc bấm “Giải ngân” trên thanh menu rồi “Ghi giải "
    "ngân”). Ghi ngày, số chứng từ, nguồn kinh phí, số tiền và đánh dấu “Tạm ứng” nếu là tạm ứng (tối đa 70% "
    "trước nghiệm thu), bấm “Ghi nhận”. Thông báo “Đã ghi nhận giải ngân” hiện ra; số tiền vượt dự toán bị từ chối.",
    "disbursement_list",
    "main table",
    pages=("budgets:disbursement_list", "budgets:disbursement_create", "budgets:disbursement_detail"),
)

LIFECYCLE = Step(
    "thuc-hien-nghiem-thu",
    "Theo dõi thực hiện, nghiệm thu và quyết toán",
    "Đề án đã phê duyệt đi tiếp bằng các nút ở phần “Xử lý đề án”: “Bắt đầu thực hiện”, “Điều chỉnh” (ghi lý do), "
    "“Nghiệm thu”, “Thanh quyết toán”, hoặc “Hủy”. Chỉ những nút hợp lệ với trạng thái hiện tại mới hiện ra.",
    "project_approved",
    "main form",
)

APPROVE = Step(
    "phe-duyet",
    "Phê duyệt đề án",
    "Mở đề án “Sở đã thẩm định” (với đề án quốc gia: “Bộ đã thẩm định”). Ở phần “Xử lý đề án”, ghi ý kiến rồi bấm "
    "“Phê duyệt”; trạng thái thành “Đã phê duyệt” và đề án được tính vào kết quả của chương trình. Chỉ lãnh đạo "
    "Trung tâm có nút này.",
    "project_appraised",
    "main form",
    pages=("projects:detail", "projects:action"),
)

LOCK = Step(
    "khoa-nam",
    "Khóa số liệu một năm",
    "Bấm “Khóa năm” trên thanh menu. Trang “Khóa số liệu năm” liệt kê kế hoạch từng năm của từng chương trình với "
    "trạng thái “Đang mở” hoặc “Đã khóa”. Bấm “Khóa năm 2020” (ví dụ) khi số liệu năm đã được chốt: kế hoạch, kết "
    "quả và kinh phí của năm đó không sửa được nữa. Bấm “Mở khóa” khi cần điều chỉnh.",
    "locks",
    "main table",
    pages=("programs:locks", "programs:lock"),
)

READ_PROJECT = Step(
    "xem-de-an",
    "Xem một đề án",
    "Mở một đề án để xem “Thông tin chung”, kinh phí, đối tượng thụ hưởng, sản phẩm đầu ra, các khoản giải ngân và "
    "“Các bước xử lý” (ai làm gì, ngày nào). Tài khoản chỉ xem không có nút sửa hay xử lý.",
    "project_approved",
    "main",
    pages=("projects:detail",),
)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        "can-bo-so",
        "Cán bộ Sở Công Thương",
        "department_staff",
        "canbo",
        "Cán bộ Sở lập kế hoạch năm, nhận và thẩm định đề án, ghi dự toán, giải ngân và kết quả của cả tỉnh, "
        "rồi xuất báo cáo gửi UBND tỉnh. Cán bộ Sở không phê duyệt đề án và không khóa năm.",
        (
            _sign_in("canbo", "cán bộ Sở"),
            HOME,
            FIND_PROGRAMME,
            PLAN,
            PROJECT_LIST,
            _create_project("địa bàn (huyện/xã)"),
            PROPOSE,
            APPRAISE,
            BENEFICIARIES,
            ALLOCATE,
            DISBURSE,
            OUTPUTS,
            RESULTS,
            LIFECYCLE,
            REPORTS,
            EXPORT,
            IMPORT_RESULTS,
            API_TOKENS,
        ),
    ),
    Chapter(
        "lanh-dao-trung-tam",
        "Lãnh đạo Trung tâm Khuyến công",
        "centre_leader",
        "lanhdao",
        "Lãnh đạo Trung tâm làm mọi việc của cán bộ Sở, và thêm hai việc: phê duyệt đề án đã thẩm định và khóa "
        "hoặc mở khóa số liệu một năm.",
        (
            _sign_in("lanhdao", "lãnh đạo Trung tâm"),
            HOME,
            APPRAISE,
            APPROVE,
            PROGRAMME,
            LOCK,
            REPORTS,
            EXPORT,
        ),
    ),
    Chapter(
        "can-bo-huyen",
        "Cán bộ Phòng Kinh tế cấp huyện",
        "district_officer",
        "huyen",
        "Cán bộ huyện chỉ thấy và làm việc với đề án, kết quả và đối tượng thụ hưởng của huyện mình: tạo và đề xuất "
        "đề án, báo cáo sản phẩm đầu ra và kết quả. Đề án của huyện khác không hiện ra.",
        (
            _sign_in("huyen", "cán bộ huyện"),
            HOME,
            PROJECT_LIST,
            _create_project("địa bàn là huyện của bạn"),
            PROPOSE,
            BENEFICIARIES,
            OUTPUTS,
            RESULTS,
            REPORTS,
            IMPORT_RESULTS,
        ),
    ),
    Chapter(
        "can-bo-xa",
        "Cán bộ cấp xã",
        "commune_officer",
        "xa",
        "Từ 1/7/2025 không còn cấp huyện. Cán bộ xã làm như cán bộ huyện, nhưng cho xã (phường, đặc khu) của mình "
        "và các xã cũ đã sáp nhập vào đó: đề án và kết quả ghi trước ngày sáp nhập vẫn giữ đơn vị cũ và vẫn hiện "
        "trong phạm vi của bạn.",
        (
            _sign_in("xa", "cán bộ xã"),
            HOME,
            PROJECT_LIST,
            _create_project("địa bàn là xã của bạn"),
            PROPOSE,
            BENEFICIARIES,
            OUTPUTS,
            RESULTS,
            REPORTS,
            IMPORT_RESULTS,
        ),
    ),
    Chapter(
        "can-bo-bo",
        "Cán bộ Bộ Công Thương",
        "ministry_officer",
        "bo",
        "Cán bộ Bộ (Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công) quản lý chương trình khuyến công quốc gia, "
        "thẩm định cấp Bộ các đề án khuyến công quốc gia mà Sở đã thẩm định, và xem số liệu của mọi tỉnh.",
        (
            _sign_in("bo", "cán bộ Bộ"),
            HOME,
            FIND_PROGRAMME,
            Step(
                "chuong-trinh-quoc-gia",
                "Quản lý chương trình quốc gia",
                "Mở chương trình khuyến công quốc gia (ví dụ KCQG-2014-2018) để xem nội dung, chỉ tiêu và kế hoạch "
                "các năm; số liệu thực hiện được cộng từ đề án quốc gia của mọi tỉnh.",
                "national_programme",
                "main",
            ),
            Step(
                "tham-dinh-bo",
                "Thẩm định cấp Bộ đề án quốc gia",
                "Đề án khuyến công quốc gia được thẩm định hai lần: Sở, rồi Bộ. Mở đề án quốc gia ở trạng thái “Sở "
                "đã thẩm định”, ghi ý kiến ở phần “Xử lý đề án” rồi bấm “Thẩm định”: trạng thái thành “Bộ đã thẩm "
                "định” và đề án chờ phê duyệt. Hồ sơ chưa đạt: “Yêu cầu bổ sung” hoặc “Từ chối” (bắt buộc ý kiến).",
                "national_project",
                "main",
            ),
            REPORTS,
            EXPORT,
            API_TOKENS,
        ),
    ),
    Chapter(
        "nguoi-xem",
        "Người xem",
        "viewer",
        "xem",
        "Tài khoản người xem đọc được mọi số liệu của tỉnh và tải báo cáo, nhưng không sửa được gì.",
        (
            _sign_in("xem", "người xem"),
            HOME,
            FIND_PROGRAMME,
            PROJECT_LIST,
            READ_PROJECT,
            REPORTS,
            EXPORT,
        ),
    ),
    Chapter(
        "quan-tri",
        "Quản trị hệ thống",
        "administrator",
        "admin",
        "Quản trị tạo tài khoản, gán vai trò và tổ chức, quản lý danh mục (đơn vị hành chính, tổ chức). Trong các "
        "trang nghiệp vụ, quản trị chỉ xem; đề án, kết quả và kinh phí chỉ được sửa qua các trang nghiệp vụ để mọi "
        "kiểm tra (năm đã khóa, dự toán, mức hỗ trợ) đều được áp dụng.",
        (
            _sign_in("admin", "quản trị"),
            Step(
                "trang-quan-tri",
                "Tạo tài khoản và gán vai trò",
                "Bấm “Quản trị” trên thanh menu. Trong mục người dùng, thêm người dùng mới, đặt mật khẩu (ít nhất 12 "
                "ký tự khi vận hành), chọn vai trò và tổ chức (cán bộ huyện/xã bắt buộc có tổ chức), rồi lưu.",
                "admin",
                "#content",
            ),
            LOCK,
            REPORTS,
        ),
    ),
    Chapter(
        "doanh-nghiep",
        "Doanh nghiệp, hợp tác xã, hộ kinh doanh",
        "beneficiary",
        "doanhnghiep",
        "Các cơ sở được hỗ trợ (doanh nghiệp nhỏ và vừa, hợp tác xã, tổ hợp tác, hộ kinh doanh, nghệ nhân) đăng ký tài "
        "khoản bằng mã số thuế, được Sở Công Thương kích hoạt, rồi tự viết đề xuất, đính kèm hồ sơ, theo dõi tình "
        "trạng đề án và kinh phí đã nhận. Tài khoản của cơ sở chỉ thấy hồ sơ của chính cơ sở mình.",
        (
            Step(
                "dang-ky",
                "Đăng ký tài khoản bằng mã số thuế",
                "Trên trang đăng nhập, bấm “Doanh nghiệp, hợp tác xã, hộ kinh doanh: đăng ký tài khoản”. Nhập mã số thuế (10 hoặc 13 chữ số; "
                "hệ thống kiểm tra chữ số kiểm tra), tên cơ sở, loại hình, địa chỉ và xã/phường đang có hiệu lực, "
                "người đại diện, điện thoại, thư điện tử và mật khẩu, rồi gửi. Cán bộ Sở đối chiếu với danh sách đối "
                "tượng thụ hưởng (một mã số thuế là một cơ sở) và kích hoạt tài khoản.",
                "register",
                "form",
                pages=("portal:register",),
            ),
            _sign_in("doanhnghiep", "cơ sở"),
            Step(
                "ho-so-cua-toi",
                "Hồ sơ của tôi: tình trạng từng đề án",
                "Sau khi đăng nhập, trang “Hồ sơ của tôi” liệt kê các đề xuất và đề án của cơ sở với tình trạng bằng lời "
                "thường (ví dụ “Đang chờ Sở thẩm định”, “Cần bổ sung hồ sơ: …”), và các khoản kinh phí đã nhận.",
                "portal_home",
                "main",
                pages=("portal:home",),
            ),
            Step(
                "viet-de-xuat",
                "Viết đề xuất hỗ trợ",
                "Bấm “Viết đề xuất mới”, chọn chương trình và nội dung, ghi tên đề án, địa điểm, năm, kinh phí đề nghị "
                "hỗ trợ theo nguồn và vốn đối ứng. Khi bấm “Lưu đề xuất”, hệ thống kiểm tra mức hỗ trợ và đối tượng được "
                "hỗ trợ đang áp dụng (Nghị định 235/2025/NĐ-CP) và chỉ rõ từng ô chưa đúng.",
                "proposal_create",
                "form",
                pages=("portal:proposal_create", "portal:proposal_edit"),
            ),
            Step(
                "dinh-kem-va-gui",
                "Đính kèm hồ sơ và gửi Sở",
                "Mở đề xuất, đính kèm các tài liệu bắt buộc (với máy móc thiết bị: hồ sơ đề án và ít nhất ba báo giá), "
                "rồi bấm gửi. Hệ thống không cho gửi khi còn thiếu tài liệu. Nếu Sở trả lại để bổ sung, lý do hiện ở "
                "trang “Hồ sơ của tôi”; bổ sung rồi gửi lại, đề xuất về đúng cấp đã trả lại.",
                "project_draft",
                "main",
                pages=("projects:detail",),
            ),
        ),
    ),
)

BY_SLUG = {chapter.slug: chapter for chapter in CHAPTERS}
BY_ROLE = {chapter.role: chapter for chapter in CHAPTERS if chapter.role}


def chapter_for_role(role: str) -> Chapter | None:
    return BY_ROLE.get(role)


def anchor_for(chapter: Chapter, url_name: str) -> str:
    """The step of `chapter` about the page `url_name`, as '#anchor', or '' when the chapter has none."""
    for step in chapter.steps:
        if url_name in step.pages:
            return f"#{step.anchor}"
    return ""
