"""The documents a machinery proposal carries from the 2027 plans on (when proposals are made online)."""

import datetime as dt

from django.db import migrations

BASIS = "Hồ sơ đề án khuyến công trực tuyến của Sở Công Thương (áp dụng từ kế hoạch năm 2027)"
# content key (LawContentType.key), attachment kind, minimum
ROWS = [
    (3, "dossier", 1),  # demonstration models, technology transfer, advanced machinery
    (3, "quotation", 3),  # at least three price quotations for the machine
]


def seed(apps, schema_editor):
    AttachmentKind = apps.get_model("attachments", "AttachmentKind")
    RequiredDocument = apps.get_model("attachments", "RequiredDocument")
    for key, kind, minimum in ROWS:
        RequiredDocument.objects.get_or_create(
            content_key=key,
            kind=AttachmentKind.objects.get(code=kind),
            valid_from=dt.date(2027, 1, 1),
            defaults={"minimum": minimum, "legal_basis": BASIS},
        )


class Migration(migrations.Migration):
    dependencies = [("attachments", "0003_required_documents")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
