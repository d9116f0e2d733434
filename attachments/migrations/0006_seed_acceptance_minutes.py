"""Acceptance (nghiệm thu) needs its signed minutes attached, for the projects of 2026 on."""

import datetime as dt

from django.db import migrations

MB = 1024 * 1024
BASIS = "Nghiệm thu đề án khuyến công: biên bản nghiệm thu có chữ ký (áp dụng từ các đề án năm 2026)"


def seed(apps, schema_editor):
    AttachmentKind = apps.get_model("attachments", "AttachmentKind")
    RequiredDocument = apps.get_model("attachments", "RequiredDocument")
    for code, name, order in (
        ("inspection_minutes", "Biên bản kiểm tra hiện trường", 42),
        ("acceptance_minutes", "Biên bản nghiệm thu", 44),
    ):
        AttachmentKind.objects.update_or_create(
            code=code,
            defaults={"name": name, "max_bytes": 20 * MB, "accepted_types": ["pdf", "jpeg", "png"], "order": order},
        )
    RequiredDocument.objects.get_or_create(
        step="accept",
        content_key=None,
        kind=AttachmentKind.objects.get(code="acceptance_minutes"),
        valid_from=dt.date(2026, 1, 1),
        defaults={"minimum": 1, "legal_basis": BASIS},
    )


class Migration(migrations.Migration):
    dependencies = [("attachments", "0005_required_document_steps")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
