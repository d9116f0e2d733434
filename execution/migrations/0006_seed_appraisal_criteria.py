"""The appraisal checklist in force for the projects of 2026 on (dated data; the admin edits it)."""

import datetime as dt

from django.db import migrations

BASIS = "Thẩm định đề án khuyến công (Thông tư 20/2017/TT-BCT; Nghị định 45/2012, sửa đổi bởi Nghị định 235/2025)"
CRITERIA = [
    ("doi-tuong", "Đúng đối tượng và ngành nghề được hỗ trợ", "Cơ sở, ngành nghề thuộc đối tượng của Nghị định.", 20, 10),
    ("kha-thi", "Tính khả thi của đề án", "Mục tiêu, nội dung, tiến độ, năng lực thực hiện.", 20, 20),
    ("doi-ung", "Vốn đối ứng của cơ sở", "Có cam kết và nguồn vốn đối ứng.", 15, 30),
    ("dinh-muc", "Phù hợp định mức chi", "Dự toán theo định mức, mức hỗ trợ trong giới hạn.", 15, 40),
    ("bao-gia", "Báo giá máy móc, thiết bị", "Đủ báo giá, giá hợp lý.", 15, 50),
    ("moi-truong", "Bảo vệ môi trường", "Không gây ô nhiễm; có cam kết bảo vệ môi trường.", 15, 60),
]


def seed(apps, schema_editor):
    Criterion = apps.get_model("execution", "AppraisalCriterion")
    for code, name, guidance, points, order in CRITERIA:
        Criterion.objects.get_or_create(
            code=code,
            valid_from=dt.date(2026, 1, 1),
            defaults={"name": name, "guidance": guidance, "max_points": points, "order": order, "legal_basis": BASIS},
        )


class Migration(migrations.Migration):
    dependencies = [("execution", "0005_appraisals_with_criteria_checklist")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
