"""The kinds of periodic report of the khuyến công rules, as editable data.

Sources: Nghị định 45/2012/NĐ-CP (amended by Nghị định 235/2025/NĐ-CP) and Thông tư
36/2013/TT-BCT on reporting; the days are the practice the issue names (monthly progress
before the 25th) and the usual days of the Department's reports. An administrator corrects
them in /admin/ when a province's rules differ.
"""

from django.db import migrations

LEGAL = (
    "Nghị định 45/2012/NĐ-CP về khuyến công (sửa đổi bởi Nghị định 235/2025/NĐ-CP); "
    "Thông tư 36/2013/TT-BCT, chế độ báo cáo định kỳ hoạt động khuyến công"
)

KINDS = [
    # code, name, frequency, months after, day, sender level, receiver, receiver role, signoff role, title
    (
        "don-vi-thang",
        "Báo cáo tiến độ hằng tháng của đơn vị thực hiện và UBND cấp xã",
        "monthly",
        0,
        24,
        "unit",
        "Sở Công Thương",
        "department_staff",
        ["centre_leader", "commune_officer"],
        "Giám đốc Trung tâm Khuyến công; Chủ tịch UBND xã",
        "Báo cáo tiến độ trước ngày 25 hằng tháng. " + LEGAL,
    ),
    (
        "so-quy-ubnd",
        "Báo cáo quý của Sở Công Thương gửi UBND tỉnh",
        "quarterly",
        1,
        10,
        "department",
        "Ủy ban nhân dân tỉnh, thành phố",
        "department_staff",
        ["centre_leader"],
        "Lãnh đạo Sở Công Thương",
        LEGAL,
    ),
    (
        "so-6-thang-ubnd",
        "Báo cáo 6 tháng của Sở Công Thương gửi UBND tỉnh",
        "half_year",
        1,
        10,
        "department",
        "Ủy ban nhân dân tỉnh, thành phố",
        "department_staff",
        ["centre_leader"],
        "Lãnh đạo Sở Công Thương",
        LEGAL,
    ),
    (
        "so-nam-ubnd",
        "Báo cáo năm của Sở Công Thương gửi UBND tỉnh",
        "annual",
        1,
        15,
        "department",
        "Ủy ban nhân dân tỉnh, thành phố",
        "department_staff",
        ["centre_leader"],
        "Lãnh đạo Sở Công Thương",
        LEGAL,
    ),
    (
        "so-quy-bo",
        "Báo cáo quý của Sở Công Thương gửi Bộ Công Thương",
        "quarterly",
        1,
        15,
        "department",
        "Bộ Công Thương (Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công)",
        "ministry_officer",
        ["centre_leader"],
        "Lãnh đạo Sở Công Thương",
        LEGAL,
    ),
    (
        "so-6-thang-bo",
        "Báo cáo 6 tháng của Sở Công Thương gửi Bộ Công Thương",
        "half_year",
        1,
        15,
        "department",
        "Bộ Công Thương (Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công)",
        "ministry_officer",
        ["centre_leader"],
        "Lãnh đạo Sở Công Thương",
        LEGAL,
    ),
    (
        "so-nam-bo",
        "Báo cáo năm của Sở Công Thương gửi Bộ Công Thương",
        "annual",
        1,
        20,
        "department",
        "Bộ Công Thương (Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công)",
        "ministry_officer",
        ["centre_leader"],
        "Lãnh đạo Sở Công Thương",
        LEGAL,
    ),
]


def seed(apps, schema_editor):
    PeriodKind = apps.get_model("reporting", "PeriodKind")
    for order, (code, name, frequency, months, day, level, receiver, receiver_role, signoff, title, basis) in enumerate(
        KINDS, start=1
    ):
        PeriodKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "frequency": frequency,
                "deadline_months_after": months,
                "deadline_day": day,
                "remind_days_before": 7,
                "legal_basis": basis,
                "sender_level": level,
                "receiver": receiver,
                "receiver_role": receiver_role,
                "report_kind": "annual",
                "signoff_roles": signoff,
                "signoff_title": title,
                "order": order,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("reporting", "PeriodKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_period_kinds_rounds_submissions")]

    operations = [migrations.RunPython(seed, unseed)]
