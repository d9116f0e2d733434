"""One attachment model for every kind of evidence on a project: decisions, dossiers, minutes, quotations, photos."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khuyencong.history import tracked


def attachment_storage():
    """The storage named `attachments` in settings.STORAGES: the file system by default, S3 by setting."""
    return storages["attachments"]


def _stored_name(instance: "Attachment", filename: str) -> str:
    # Never the uploader's file name in the path: a random name, the extension of the detected type.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"projects/{instance.project_id}/{uuid.uuid4().hex}.{extension}"


class AttachmentKind(models.Model):
    """A kind of evidence, with the file types it accepts and its size limit (reference data)."""

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    max_bytes = models.PositiveIntegerField(_("dung lượng tối đa (byte)"))
    accepted_types = ArrayField(
        models.CharField(max_length=10),
        verbose_name=_("loại tệp được nhận"),
        help_text=_("pdf, jpeg, png, docx, xlsx, pptx"),
    )
    is_photo = models.BooleanField(
        _("ảnh hiện trường"), default=False, help_text=_("Hiển thị ngày chụp và vị trí GPS bên cạnh ảnh.")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại tệp đính kèm")
        verbose_name_plural = _("loại tệp đính kèm")
        ordering = ["order", "name"]
        constraints = [models.CheckConstraint(condition=Q(max_bytes__gt=0), name="attachment_kind_max_bytes_positive")]

    def __str__(self) -> str:
        return self.name


@tracked()
class Attachment(models.Model):
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("đề án"), on_delete=models.PROTECT, related_name="attachments"
    )
    kind = models.ForeignKey(AttachmentKind, verbose_name=_("loại"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("tệp"), storage=attachment_storage, upload_to=_stored_name, max_length=300)
    thumbnail = models.FileField(
        _("ảnh thu nhỏ"), storage=attachment_storage, upload_to=_stored_name, max_length=300, blank=True
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    # Photos: from EXIF before re-encoding dropped it; shown beside the photo.
    taken_at = models.DateTimeField(_("chụp lúc"), null=True, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    width = models.PositiveIntegerField(_("rộng (điểm ảnh)"), null=True, blank=True)
    height = models.PositiveIntegerField(_("cao (điểm ảnh)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["project", "-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90))
                & (Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180)),
                name="attachment_position_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"


class RequiredStep(models.TextChoices):
    PROPOSE = "propose", _("Gửi đề xuất")
    ACCEPT = "accept", _("Nghiệm thu")


class RequiredDocument(models.Model):
    """A document a project must carry before a step of its life (versioned reference data).

    `content_key` is the law content type's comparison code (`LawContentType.key`), so one row holds
    for the same kind of content in every catalogue (empty: every content); the rows in force on the
    project's start are used.
    """

    step = models.CharField(_("bước"), max_length=20, choices=RequiredStep.choices, default=RequiredStep.PROPOSE)
    content_key = models.PositiveSmallIntegerField(
        _("mã so sánh loại nội dung"), null=True, blank=True, help_text=_("Để trống: mọi nội dung.")
    )
    kind = models.ForeignKey(AttachmentKind, verbose_name=_("loại tệp"), on_delete=models.PROTECT, related_name="+")
    minimum = models.PositiveSmallIntegerField(_("số tệp tối thiểu"), default=1)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("hồ sơ bắt buộc")
        verbose_name_plural = _("hồ sơ bắt buộc")
        ordering = ["content_key", "-valid_from", "kind__order"]
        constraints = [
            models.CheckConstraint(condition=Q(minimum__gte=1), name="required_document_minimum_positive"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="required_document_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_key}: {self.minimum} × {self.kind}"
