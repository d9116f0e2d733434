"""Upload, preview, confirm: each view validates the request and calls imports.services."""

import io
import uuid
from pathlib import Path
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.forms import ModelChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from imports.forms import TemplateForm, UploadForm
from imports.kinds import KINDS
from imports.models import ImportBatch, ImportStatus
from imports.safety import MAX_FILE_BYTES, ImportRefused
from imports.services import check_may_import, export_workbook, import_workbook, record_batch, upload_directory
from imports.spec import Issue
from imports.uploads import SizeLimitUploadHandler
from policy.access import visible_programmes
from programs.models import Programme


def _user(request: HttpRequest) -> User:
    """The signed-in user (every view here requires a login)."""
    return cast(User, request.user)


def _get_batch_for_user(request: HttpRequest, batch_id: int, *, lock: bool = False) -> ImportBatch:
    """A batch is seen only by the person who uploaded it; `lock` holds its row to the transaction's end."""
    # The uploader's own, and only while the programme is still theirs to see (a moved account).
    batches = ImportBatch.objects.select_related("programme").filter(
        Q(programme__isnull=True) | Q(programme__in=visible_programmes(_user(request))),
        pk=batch_id,
        user=_user(request),
    )
    if lock:
        batches = batches.select_for_update(of=("self",))
    batch = batches.first()
    if batch is None:
        raise Http404("Không tìm thấy lần nhập này.")
    return batch


def _template_form(request: HttpRequest, data: QueryDict | None) -> TemplateForm:
    form = TemplateForm(data)
    field = form.fields["programme"]
    assert isinstance(field, ModelChoiceField)  # noqa: S101  typing narrowing: the form declares it so
    field.queryset = visible_programmes(_user(request), field.queryset)
    return form


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = _template_form(request, request.GET or None)
    batches = ImportBatch.objects.filter(user=_user(request)).select_related("programme")[:20]
    return render(request, "imports/index.html", {"form": form, "upload_form": UploadForm(), "batches": batches})


@login_required
@require_GET
def template(request: HttpRequest) -> HttpResponseBase:
    form = _template_form(request, request.GET)
    if not form.is_valid():
        if "programme" in form.errors and Programme.objects.filter(code=request.GET.get("programme", "")).exists():
            raise Http404(_("Không tìm thấy."))  # another province's: as if it did not exist
        batches = ImportBatch.objects.filter(user=_user(request))[:20]
        return render(
            request, "imports/index.html", {"form": form, "upload_form": UploadForm(), "batches": batches}, status=400
        )
    programme, year, kind = form.cleaned_data["programme"], form.cleaned_data["year"], form.cleaned_data["kind"]
    try:
        check_may_import(user=_user(request), kind=KINDS[kind], programme=programme)
    except ImportRefused as error:
        return HttpResponseForbidden(str(error))
    buffer = io.BytesIO()
    export_workbook(programme=programme, year=year, kind=kind, user=_user(request), output=buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=f"mau-{kind}-{programme.code}-{year}.xlsx")


@login_required
@require_POST
@csrf_exempt  # the handler must be installed before the body is read; _upload checks the CSRF token
def upload(request: HttpRequest) -> HttpResponse:
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
    return _upload(request)


def _too_large(request: HttpRequest) -> HttpResponse:
    messages.error(
        request,
        _("Tệp quá lớn; giới hạn %(size)s MB. Hãy chia thành nhiều tệp.") % {"size": MAX_FILE_BYTES // (1024 * 1024)},
    )
    return redirect("imports:index")


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        return _too_large(request)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một tệp Excel (.xlsx) để tải lên."))
        return redirect("imports:index")
    upload = form.cleaned_data["file"]
    name = Path(upload.name).name[:200]
    if upload.size > MAX_FILE_BYTES:
        return _too_large(request)
    stored = upload_directory() / f"{uuid.uuid4().hex}.xlsx"
    with stored.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    outcome = import_workbook(path=stored, file_name=name, user=_user(request), commit=False)
    batch = record_batch(outcome=outcome, user=_user(request), size=upload.size, stored_path=str(stored))
    if batch.status == ImportStatus.REFUSED:
        stored.unlink(missing_ok=True)
    return redirect("imports:preview", batch_id=batch.pk)


@login_required
@require_GET
def preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _get_batch_for_user(request, batch_id)
    summary = batch.summary or {}
    return render(
        request,
        "imports/preview.html",
        {
            "batch": batch,
            "summary": summary,
            "issues": summary.get("issues", []),
            "changes": summary.get("changes", []),
            "unchanged": summary.get("unchanged", []),
            "counts": summary.get("counts", {}),
            "can_confirm": batch.status == ImportStatus.PREVIEWED,
        },
    )


@login_required
@require_POST
def confirm(request: HttpRequest, batch_id: int) -> HttpResponse:
    # The batch row is held while the workbook is imported: expire_imports skips it meanwhile.
    with transaction.atomic():
        batch = _get_batch_for_user(request, batch_id, lock=True)
        if batch.status != ImportStatus.PREVIEWED or not batch.stored_path:
            messages.error(request, _("Lần nhập này không còn chờ xác nhận."))
            return redirect("imports:preview", batch_id=batch.pk)
        stored = Path(batch.stored_path)
        outcome = import_workbook(path=stored, file_name=batch.file_name, user=_user(request), commit=True)
        if outcome.sha256 != batch.sha256:  # pragma: no cover - the stored file is ours alone
            outcome.saved = False
            outcome.issues.append(Issue(message="Tệp lưu tạm đã bị thay đổi; hãy tải lên lại."))
        batch.summary = outcome.summary()
        if outcome.saved:
            batch.status, batch.imported_at = ImportStatus.IMPORTED, timezone.now()
            messages.success(
                request,
                _("Đã nhập %(new)s dòng mới và %(changed)s dòng sửa từ tệp %(file)s.")
                % {"new": outcome.count("new"), "changed": outcome.count("changed"), "file": batch.file_name},
            )
        else:
            batch.status = ImportStatus.REFUSED
            messages.error(request, _("Không nhập được: số liệu đã thay đổi từ lúc xem trước. Không có gì được lưu."))
        batch.stored_path = ""
        batch.save(update_fields=["summary", "status", "imported_at", "stored_path"])
    stored.unlink(missing_ok=True)
    return redirect("imports:preview", batch_id=batch.pk)
