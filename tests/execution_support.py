"""Helpers for the tests of a project under way (execution)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from attachments.models import AttachmentKind
from attachments.services import attachment_upload
from tests import hostile_files

UNDER_WAY = "HN2026-PN-DN1"  # doanhnghiep's project under way
DAY = dt.date(2026, 6, 10)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_upload(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, hostile_files.pdf(), content_type="application/pdf")


def attach(project, kind: str, user=None):
    return attachment_upload(
        project=project, kind=AttachmentKind.objects.get(code=kind), upload=pdf_upload(f"{kind}.pdf"), user=user
    )
