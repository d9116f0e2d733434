"""Writes to attachments: every upload, from every way in, passes through `attachment_upload`."""

import hashlib
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from attachments.images import clean_image
from attachments.models import Attachment, AttachmentKind
from attachments.sniffing import TYPES, AttachmentRefused, detect
from khuyencong.files import is_store_full, save_whole
from khuyencong.formatting import format_size
from projects.models import Project

__all__ = ["AttachmentRefused", "attachment_upload"]


def _type_names(codes: list[str]) -> str:
    return ", ".join(TYPES[code].extension.upper() if code in TYPES else code for code in codes)


def attachment_upload(
    *, project: Project, kind: AttachmentKind, upload: UploadedFile, user: User | None, note: str = ""
) -> Attachment:
    """Check, clean and store one file; AttachmentRefused (with a Vietnamese message) when it is not taken."""
    size = upload.size or 0
    if size > kind.max_bytes:
        raise AttachmentRefused(
            _("Tệp quá lớn: %(size)s; loại «%(kind)s» nhận tối đa %(max)s.")
            % {"size": format_size(size), "kind": kind.name, "max": format_size(kind.max_bytes)}
        )
    # Read one byte more than allowed: a size that the client lied about is caught here too.
    upload.seek(0)
    data = upload.read(kind.max_bytes + 1)
    if len(data) > kind.max_bytes:
        raise AttachmentRefused(
            _("Tệp quá lớn; loại «%(kind)s» nhận tối đa %(max)s.")
            % {"kind": kind.name, "max": format_size(kind.max_bytes)}
        )
    file_type = detect(data)
    if file_type.code not in kind.accepted_types:
        raise AttachmentRefused(
            _("Loại «%(kind)s» nhận tệp %(accepted)s; tệp này là %(found)s.")
            % {"kind": kind.name, "accepted": _type_names(kind.accepted_types), "found": file_type.extension.upper()}
        )
    attachment = Attachment(
        project=project,
        kind=kind,
        original_name=(upload.name or "tep").rsplit("/", 1)[-1][:255],
        content_type=file_type.mime,
        note=note,
        uploaded_by=user,
    )
    thumbnail = b""
    if file_type.is_image:
        clean = clean_image(data, file_type)
        data, thumbnail = clean.content, clean.thumbnail
        attachment.width, attachment.height = clean.width, clean.height
        if clean.taken_at is not None:
            # A camera writes its local time without a zone: read as the installation's (Vietnam's) time.
            attachment.taken_at = clean.taken_at.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
        attachment.latitude, attachment.longitude = clean.latitude, clean.longitude
    attachment.size = len(data)
    attachment.sha256 = hashlib.sha256(data).hexdigest()
    try:
        save_whole(attachment.file, f"f.{file_type.extension}", ContentFile(data))
        if thumbnail:
            try:
                save_whole(attachment.thumbnail, "t.jpg", ContentFile(thumbnail))
            except OSError:
                attachment.file.delete(save=False)
                raise
    except OSError as error:
        if not is_store_full(error):
            raise
        raise AttachmentRefused(
            _("Kho lưu tệp đã đầy nên tệp chưa được nhận (không lưu dở dang). Hãy báo quản trị hệ thống.")
        ) from error
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        # No row, no file: the stored bytes would otherwise be orphans nobody can reach.
        attachment.file.delete(save=False)
        if thumbnail:
            attachment.thumbnail.delete(save=False)
        raise
    return attachment
