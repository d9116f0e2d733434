"""The kinds of evidence and their limits, as data (changed in the admin, not in code)."""

from django.db import migrations

MB = 1024 * 1024
KINDS = [
    # code, name, max size, accepted types, photo, order
    ("decision", "Quyết định", 20 * MB, ["pdf"], False, 10),
    ("dossier", "Hồ sơ đề án", 30 * MB, ["pdf", "docx", "xlsx", "pptx"], False, 20),
    ("quotation", "Báo giá", 10 * MB, ["pdf", "jpeg", "png", "docx", "xlsx"], False, 30),
    ("minutes", "Biên bản", 20 * MB, ["pdf", "jpeg", "png"], False, 40),
    ("contract", "Hợp đồng", 20 * MB, ["pdf"], False, 50),
    ("photo", "Ảnh hiện trường", 15 * MB, ["jpeg", "png"], True, 60),
    ("other", "Tài liệu khác", 20 * MB, ["pdf", "jpeg", "png", "docx", "xlsx", "pptx"], False, 90),
]


def seed(apps, schema_editor):
    AttachmentKind = apps.get_model("attachments", "AttachmentKind")
    for code, name, max_bytes, accepted, is_photo, order in KINDS:
        AttachmentKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "max_bytes": max_bytes,
                "accepted_types": accepted,
                "is_photo": is_photo,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("attachments", "0001_attachment_kinds_and_attachments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
