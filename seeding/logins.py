"""The demo logins, apart from the loader: production refuses them (ops/auth.py) without loading the demo."""

from accounts.models import Role

DEMO_PASSWORD = "khuyencong"  # noqa: S105  the demo logins' published password (README)
DEMO_USERS = [
    # username, full name, role, organisation key
    ("canbo", "Nguyễn Văn Cán", Role.DEPARTMENT_STAFF, "so_hn"),
    ("lanhdao", "Trần Thị Lãnh", Role.CENTRE_LEADER, "ttkc_hn"),
    ("huyen", "Lê Văn Huyện", Role.DISTRICT_OFFICER, "pkt_277"),
    ("xem", "Phạm Thị Xem", Role.VIEWER, "so_hn"),
    ("admin", "Quản trị hệ thống", Role.ADMINISTRATOR, "so_hn"),
    # The second tenant, the ministry, and a commune of today (two-level local government).
    ("bacninh", "Ngô Văn Bắc", Role.DEPARTMENT_STAFF, "so_bn"),
    ("bo", "Vũ Thị Bộ", Role.MINISTRY_OFFICER, "cuc_dmst"),
    ("xa", "Đặng Văn Xã", Role.COMMUNE_OFFICER, "ubnd_xa_phu_nghia"),
]
# The enterprise's account (role BENEFICIARY): created with its establishment by the loader.
BENEFICIARY_LOGIN = ("doanhnghiep", "Hoàng Thị Doanh (Công ty TNHH Mây tre đan Phú Vinh)", Role.BENEFICIARY)
# Bắc Ninh's centre leader, who signs off Bắc Ninh's report of the demo's reporting round.
REPORTING_LEADER_LOGIN = ("lanhdaobn", "Đỗ Thị Ninh", Role.CENTRE_LEADER, "ttkc_bn")
# Every username the demo creates with the published password.
DEMO_USERNAMES = frozenset(
    [username for username, *_ in DEMO_USERS] + [BENEFICIARY_LOGIN[0], REPORTING_LEADER_LOGIN[0]]
)
