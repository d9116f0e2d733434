"""Upload and download of evidence. A file has no public URL: every byte goes out through `download`,
which fetches it through the access helper of the project it belongs to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from attachments.forms import AttachmentForm
from attachments.models import Attachment
from attachments.services import AttachmentRefused, attachment_upload
from policy.access import SignedInRequest, get_attachment_for, get_project_for


def _protect(response: HttpResponseBase) -> HttpResponseBase:
    # The browser must take the declared type (no sniffing into HTML) and run nothing from the file.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def upload(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, perm="attachments.add_attachment")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("projects:detail", pk=project.pk)
    try:
        attachment = attachment_upload(
            project=project,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
    except AttachmentRefused as error:
        messages.error(
            request,
            _("Không nhận tệp «%(name)s»: %(reason)s") % {"name": form.cleaned_data["file"].name, "reason": error},
        )
    else:
        messages.success(request, _("Đã đính kèm «%(name)s».") % {"name": attachment.original_name})
    return redirect("projects:detail", pk=project.pk)


def _open(attachment: Attachment, field: str):
    stored = getattr(attachment, field)
    if not stored:
        raise Http404(_("Không tìm thấy."))
    try:
        return stored.open("rb")
    except FileNotFoundError:
        raise Http404(_("Không tìm thấy.")) from None


@login_required
@require_safe
def download(request: SignedInRequest, pk: int) -> HttpResponseBase:
    attachment = get_attachment_for(request.user, pk)
    response = FileResponse(
        _open(attachment, "file"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    return _protect(response)


@login_required
@require_safe
def thumbnail(request: SignedInRequest, pk: int) -> HttpResponseBase:
    """The small re-encoded JPEG shown on the project page (made by us, so shown inline)."""
    attachment = get_attachment_for(request.user, pk)
    return _protect(FileResponse(_open(attachment, "thumbnail"), content_type="image/jpeg"))
