"""Evidence files: type from the content, size per kind, images re-encoded, served only through the access helper.

The hostile corpus is in tests/hostile_files.py. Every refusal is asserted by its
Vietnamese message, and each test re-reads the database and the storage folder to
prove that a refused file left nothing behind.
"""

import hashlib
import io

import pghistory.models
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from attachments.models import Attachment, AttachmentKind
from attachments.services import AttachmentRefused, attachment_upload
from projects.models import Project
from tests import hostile_files as corpus


def _kind(code: str) -> AttachmentKind:
    return AttachmentKind.objects.get(code=code)


def _upload(project, kind: str, name: str, data: bytes, user=None) -> Attachment:
    return attachment_upload(project=project, kind=_kind(kind), upload=SimpleUploadedFile(name, data), user=user)


def _stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def project_a(demo):
    return Project.objects.get(code="HN2020-CM-001")


@pytest.fixture
def project_bn(demo):
    return Project.objects.get(code="BN2019-TS-001")


@pytest.fixture
def storage_root(_attachments_in_a_temporary_folder):
    return _attachments_in_a_temporary_folder


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Accepted files -------------------------------------------------------------------------------


def test_a_pdf_is_stored_with_its_size_hash_uploader_and_history(project_a, personas, storage_root):
    data = corpus.pdf()
    attachment = _upload(project_a, "decision", "quyet-dinh.pdf", data, personas.staff)
    attachment.refresh_from_db()
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.uploaded_by == personas.staff
    assert attachment.original_name == "quyet-dinh.pdf"
    # Stored under a random name, with the bytes read back as they were sent.
    assert "quyet-dinh" not in attachment.file.name
    with attachment.file.open("rb") as stored:
        assert stored.read() == data
    events = pghistory.models.Events.objects.tracks(attachment)
    assert [event.pgh_label for event in events] == ["insert"]


def test_the_default_storage_is_outside_the_web_root():
    root = settings.ATTACHMENTS_ROOT.resolve()
    for public in (settings.STATIC_ROOT, settings.MEDIA_ROOT, *settings.STATICFILES_DIRS):
        assert not root.is_relative_to(public.resolve()), public


def test_a_docx_is_accepted_as_an_office_document(project_a):
    attachment = _upload(project_a, "dossier", "ho-so.docx", corpus.docx())
    assert attachment.content_type.endswith("wordprocessingml.document")


def test_a_photo_keeps_its_exif_date_and_gps_and_loses_everything_else(project_a, personas):
    data = corpus.jpeg(
        exif_script=True, taken="2027:03:15 09:30:00", gps=((20, 55, 30.12), (105, 42, 1)), size=(800, 600)
    )
    assert corpus.SCRIPT in data
    attachment = _upload(project_a, "photo", "anh.jpg", data, personas.staff)
    attachment.refresh_from_db()
    assert attachment.taken_at is not None
    assert timezone.localtime(attachment.taken_at).strftime("%d/%m/%Y %H:%M") == "15/03/2027 09:30"
    assert str(attachment.latitude) == "20.925033"
    assert str(attachment.longitude) == "105.700278"
    with attachment.file.open("rb") as stored:
        clean = stored.read()
    assert b"<script" not in clean
    assert b"<?php" not in clean
    assert not Image.open(io.BytesIO(clean)).getexif()  # no metadata at all after re-encoding
    assert attachment.sha256 == hashlib.sha256(clean).hexdigest()
    with attachment.thumbnail.open("rb") as thumb:
        assert max(Image.open(thumb).size) <= 320
    # The project page shows the photo with its date and position beside it.
    page = _client(personas.staff).get(reverse("projects:detail", args=[project_a.pk])).content.decode()
    assert reverse("attachments:thumbnail", args=[attachment.pk]) in page
    assert "15/03/2027 09:30" in page
    assert "20,925033, 105,700278" in page


def test_a_png_carrying_an_html_page_is_neutralised_by_re_encoding(project_a):
    data = corpus.html_in_png()
    attachment = _upload(project_a, "photo", "anh.png", data)
    with attachment.file.open("rb") as stored:
        clean = stored.read()
    assert b"<html" not in clean
    assert b"<script" not in clean
    assert Image.open(io.BytesIO(clean)).size == (40, 30)


# --- Hostile corpus: refused with a clear message, nothing stored ----------------------------------

HOSTILE = [
    ("shell script renamed .pdf", "decision", "quyet-dinh.pdf", corpus.SHELL_SCRIPT, "chương trình hoặc mã lệnh"),
    ("batch script renamed .pdf", "decision", "quyet-dinh.pdf", corpus.BATCH_SCRIPT, "chương trình hoặc mã lệnh"),
    ("Windows program renamed .jpg", "photo", "anh.jpg", corpus.WINDOWS_PROGRAM, "chương trình hoặc mã lệnh"),
    ("PDF with a ZIP appended", "decision", "qd.pdf", corpus.pdf_zip_polyglot(), "tệp đa định dạng"),
    ("PDF with JavaScript", "decision", "qd.pdf", corpus.pdf_with_javascript(), "có mã lệnh"),
    ("Word with macros", "dossier", "ho-so.docx", corpus.docm(), "có macro"),
    ("decompression bomb", "photo", "anh.png", corpus.decompression_bomb(), "Ảnh quá lớn"),
    ("HTML page renamed .png", "photo", "anh.png", b"<html><body>" + corpus.SCRIPT, "chương trình hoặc mã lệnh"),
    ("plain text", "decision", "qd.pdf", b"hello, this is not a pdf at all", "không phải PDF"),
    ("empty file", "decision", "qd.pdf", b"", "rỗng"),
    ("legacy .doc", "dossier", "hs.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "định dạng cũ"),
    ("PDF as a photo", "photo", "anh.jpg", corpus.pdf(), "tệp này là PDF"),
    ("truncated JPEG", "photo", "anh.jpg", corpus.jpeg()[:40], "bị hỏng"),
]


@pytest.mark.parametrize(("label", "kind", "name", "data", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_with_a_vietnamese_message(project_a, storage_root, label, kind, name, data, message):
    before = set(_stored_files(storage_root))
    with pytest.raises(AttachmentRefused, match=message):
        _upload(project_a, kind, name, data)
    assert not Attachment.objects.filter(project=project_a).exists()
    assert set(_stored_files(storage_root)) == before


def test_an_oversize_file_is_refused_by_the_limit_of_its_kind(project_a):
    kind = _kind("quotation")
    kind.max_bytes = 2048
    kind.save()
    with pytest.raises(AttachmentRefused, match="Tệp quá lớn: 3 KB; loại «Báo giá» nhận tối đa 2 KB"):
        _upload(project_a, "quotation", "bao-gia.pdf", corpus.pdf() + b"%" + b" " * 2800)
    assert not Attachment.objects.filter(project=project_a).exists()  # the demo holds other projects' files


def test_the_page_says_why_a_file_was_refused(project_a, personas):
    client = _client(personas.staff)
    response = client.post(
        reverse("attachments:upload", args=[project_a.pk]),
        {"kind": "decision", "file": SimpleUploadedFile("quyet-dinh.pdf", corpus.SHELL_SCRIPT)},
        follow=True,
    )
    text = response.content.decode()
    assert "Không nhận tệp «quyet-dinh.pdf»: Tệp là chương trình hoặc mã lệnh (script), không được nhận." in text
    assert not Attachment.objects.filter(project=project_a).exists()  # the demo holds other projects' files


# --- Served only through the access helper --------------------------------------------------------


def test_the_upload_form_on_the_project_page_stores_and_serves_the_file(project_a, personas):
    client = _client(personas.officer_a)
    page = client.get(reverse("projects:detail", args=[project_a.pk])).content.decode()
    assert reverse("attachments:upload", args=[project_a.pk]) in page
    data = corpus.pdf()
    client.post(
        reverse("attachments:upload", args=[project_a.pk]),
        {"kind": "minutes", "file": SimpleUploadedFile("bien-ban.pdf", data), "note": "Biên bản thẩm định"},
    )
    attachment = Attachment.objects.get(project=project_a)
    response = client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "bien-ban.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_another_provinces_file_answers_404(project_a, project_bn, personas):
    hanoi = _upload(project_a, "decision", "qd.pdf", corpus.pdf())
    bacninh = _upload(project_bn, "photo", "anh.png", corpus.png())
    for url in (reverse("attachments:download", args=[hanoi.pk]),):
        assert _client(personas.bacninh).get(url).status_code == 404
    for url in (
        reverse("attachments:download", args=[bacninh.pk]),
        reverse("attachments:thumbnail", args=[bacninh.pk]),
    ):
        assert _client(personas.staff).get(url).status_code == 404
        assert _client(personas.officer_a).get(url).status_code == 404


def test_another_units_file_answers_404_to_a_district_officer(project_a, personas):
    attachment = _upload(project_a, "decision", "qd.pdf", corpus.pdf())
    assert _client(personas.officer_b).get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
    assert _client(personas.officer_a).get(reverse("attachments:download", args=[attachment.pk])).status_code == 200


def test_an_outsider_cannot_upload_and_nothing_is_stored(project_a, project_bn, personas, storage_root):
    before = set(_stored_files(storage_root))
    file = {"kind": "decision", "file": SimpleUploadedFile("qd.pdf", corpus.pdf())}
    assert _client(personas.bacninh).post(reverse("attachments:upload", args=[project_a.pk]), file).status_code == 404
    file["file"].seek(0)
    assert _client(personas.viewer).post(reverse("attachments:upload", args=[project_a.pk]), file).status_code == 403
    assert not Attachment.objects.filter(project=project_a).exists()  # the demo holds other projects' files
    assert set(_stored_files(storage_root)) == before


def test_a_missing_attachment_answers_404(personas):
    assert _client(personas.staff).get(reverse("attachments:download", args=[999999])).status_code == 404
