"""Pages of reporting rounds: thin, each fetching its object through the scoped selectors (404 outside)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from policy.access import SignedInRequest, is_beneficiary
from reporting import services
from reporting.diff import compare
from reporting.forms import ReturnForm, RoundOpenForm
from reporting.models import Decision, PeriodKind, Round, Sender, SenderStatus, Submission
from reporting.rollup import build_rollup
from reporting.selectors import (
    is_member,
    openable_kinds,
    oversees,
    receives,
    state_of,
    tracking_matrix,
    visible_rounds,
    visible_senders,
    visible_submissions,
)
from reporting.tasks import remind_late_senders
from reports.export import CONTENT_TYPES, render_report
from reports.renderers import display_rows


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404("Không tìm thấy.") from None


def _round(request: SignedInRequest, pk: int) -> Round:
    return _get(
        visible_rounds(request.user, Round.objects.select_related("period_kind", "programme", "receiver_organisation")),
        pk,
    )


def _sender(request: SignedInRequest, pk: int) -> Sender:
    queryset = Sender.objects.select_related(
        "round__period_kind", "round__programme", "round__receiver_organisation", "organisation", "signed_off_by"
    )
    return _get(visible_senders(request.user, queryset), pk)


def _submission(request: SignedInRequest, pk: int) -> Submission:
    queryset = Submission.objects.select_related(
        "sender__round__period_kind",
        "sender__round__programme",
        "sender__organisation",
        "submitted_by",
        "signed_off_by",
        "decided_by",
    )
    return _get(visible_submissions(request.user, queryset), pk)


def _officials_only(request: SignedInRequest) -> None:
    if is_beneficiary(request.user):
        raise PermissionDenied


@login_required
@require_safe
def matrix(request: SignedInRequest) -> HttpResponse:
    """Senders × rounds, each state in words and colour; the receiver's one action: remind the late."""
    _officials_only(request)
    kind = None
    if request.GET.get("kind"):
        kind = PeriodKind.objects.filter(code=request.GET["kind"]).first()
    today = timezone.localdate()
    rounds, rows = tracking_matrix(request.user, today, kind)
    context = {
        "rounds": rounds,
        "rows": rows,
        "kinds": PeriodKind.objects.filter(is_active=True),
        "kind": kind,
        "may_open": openable_kinds(request.user).exists(),
        "today": today,
    }
    return render(request, "reporting/matrix.html", context)


@login_required
@require_POST
def remind_late(request: SignedInRequest) -> HttpResponse:
    if not openable_kinds(request.user).exists():
        raise PermissionDenied(services.NoProvinceToRemind.message)
    told = remind_late_senders(user=request.user)
    messages.success(
        request,
        _("Đã gửi %(count)s thông báo nhắc các đơn vị chậm nộp.") % {"count": told}
        if told
        else _("Không có đơn vị chậm nộp cần nhắc hôm nay (hoặc đã nhắc rồi)."),
    )
    return redirect("reporting:index")


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: SignedInRequest) -> HttpResponse:
    if not openable_kinds(request.user).exists():
        raise PermissionDenied(services.NotOpener.message)
    form = RoundOpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_open(user=request.user, **form.cleaned_data)
        except services.NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        except services.ReportingRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã mở kỳ báo cáo %(period)s.") % {"period": round.label_in_sentence})
            return redirect("reporting:round_detail", pk=round.pk)
    return render(request, "reporting/round_form.html", {"form": form})


@login_required
@require_safe
def round_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    today = timezone.localdate()
    senders = visible_senders(request.user, round.senders.select_related("organisation", "round__period_kind"))
    latest: dict[int, Submission] = {}
    for version in Submission.objects.filter(sender__in=senders).select_related("submitted_by", "decided_by"):
        if version.version > getattr(latest.get(version.sender_id), "version", 0):
            latest[version.sender_id] = version
    rows = [(sender, state_of(sender, today), latest.get(sender.pk)) for sender in senders]
    context = {"round": round, "rows": rows, "oversees": oversees(request.user, round)}
    return render(request, "reporting/round_detail.html", context)


def _rollup_for(request: SignedInRequest, pk: int):
    round = _round(request, pk)
    if not oversees(request.user, round):
        raise PermissionDenied(_("Chỉ cơ quan nhận báo cáo xem được bảng tổng hợp của các đơn vị."))
    return round, *build_rollup(round, user=request.user)


@login_required
@require_safe
def rollup(request: SignedInRequest, pk: int) -> HttpResponse:
    round, report, senders = _rollup_for(request, pk)
    by_column = {rs.column: rs for rs in senders}
    tables = []
    for table in report.tables:
        rows = []
        for row, shown in zip([*table.rows, *table.totals], display_rows(table), strict=True):
            cells = []
            for column, (css, text) in zip(table.columns, shown["cells"], strict=True):
                rs = by_column.get(column.key)
                link = ""
                if rs is not None and rs.accepted is not None and row.style != "section":
                    # Targets are anchored on the frozen report's page (their codes are the row ids there).
                    anchor = f"#target:{row.cells['target']}" if row.cells.get("target") else ""
                    link = reverse("reporting:submission_detail", args=[rs.accepted.pk]) + anchor
                missing = rs is not None and rs.accepted is None and row.style != "section"
                cells.append({"css": css, "text": text, "link": link, "missing": missing})
            rows.append({"style": row.style, "cells": cells})
        tables.append({"title": table.title, "note": table.note, "columns": table.columns, "rows": rows})
    context = {"round": round, "report": report, "tables": tables, "senders": senders, "by_column": by_column}
    return render(request, "reporting/rollup.html", context)


@login_required
@require_safe
def rollup_export(request: SignedInRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "pdf"):
        raise Http404("Định dạng không hỗ trợ.")
    round, report, _senders = _rollup_for(request, pk)
    response = HttpResponse(render_report(report, fmt), content_type=CONTENT_TYPES[fmt])
    name = f"tong-hop-{round.programme.code}-{round.year}-{round.period_kind.code}-{round.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_safe
def sender_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    sender = _sender(request, pk)
    user = request.user
    kind = sender.round.period_kind
    versions = list(sender.versions.select_related("submitted_by", "signed_off_by", "decided_by").order_by("-version"))
    latest = versions[0] if versions else None
    staff = is_member(user, sender.organisation)
    context = {
        "sender": sender,
        "round": sender.round,
        "kind": kind,
        "state": state_of(sender, timezone.localdate()),
        "versions": versions,
        "latest": latest,
        "may_draft": staff and sender.status in (SenderStatus.NOT_STARTED, SenderStatus.RETURNED),
        "may_sign": staff
        and user.role in kind.signoff_roles
        and sender.status == SenderStatus.DRAFT
        and not sender.signed_off_by_id,
        "may_submit": staff and sender.status == SenderStatus.DRAFT and bool(sender.signed_off_by_id),
        "may_decide": latest is not None
        and latest.decision == Decision.PENDING
        and receives(user, sender.round)
        and not staff,
        "return_form": ReturnForm(),
        "oversees": oversees(user, sender.round),
    }
    return render(request, "reporting/sender_detail.html", context)


ACTIONS = {
    "draft": (services.sender_draft, gettext_noop("Đã lập bản nháp báo cáo; trình lãnh đạo ký duyệt trước khi nộp.")),
    "signoff": (services.sender_sign_off, gettext_noop("Đã ký duyệt báo cáo.")),
    "submit": (
        services.submission_create,
        gettext_noop("Đã nộp báo cáo; số liệu, tệp PDF và Excel đã được lưu cố định."),
    ),
}


@login_required
@require_POST
def sender_action(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("Không có thao tác này.")
    sender = _sender(request, pk)
    service, done = ACTIONS[action]
    try:
        service(sender=sender, user=request.user)
    except services.NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    except services.ReportingRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _(done))
    return redirect("reporting:sender_detail", pk=sender.pk)


@login_required
@require_POST
def submission_decide(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    if action not in ("accept", "return"):
        raise Http404("Không có thao tác này.")
    submission = _submission(request, pk)
    try:
        if action == "accept":
            services.submission_accept(submission=submission, user=request.user)
            messages.success(request, _("Đã chấp nhận báo cáo."))
        else:
            form = ReturnForm(request.POST)
            form.is_valid()
            services.submission_return(
                submission=submission, user=request.user, reason=form.cleaned_data.get("reason", "")
            )
            messages.success(request, _("Đã trả lại báo cáo; đơn vị gửi đã được thông báo."))
    except services.NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    except services.ReportingRefused as error:
        messages.error(request, str(error))
    return redirect("reporting:sender_detail", pk=submission.sender_id)


@login_required
@require_safe
def submission_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    return render(request, "reporting/submission_detail.html", {"submission": submission, "frozen": submission.rows})


@login_required
@require_safe
def submission_file(request: SignedInRequest, pk: int, fmt: str) -> FileResponse:
    if fmt not in ("pdf", "xlsx"):
        raise Http404("Định dạng không hỗ trợ.")
    submission = _submission(request, pk)
    field = submission.pdf if fmt == "pdf" else submission.xlsx
    name = f"bao-cao-{submission.sender.round.programme.code}-{submission.sender.round.year}-lan-{submission.version}.{fmt}"
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt])
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def diff(request: SignedInRequest, pk: int) -> HttpResponse:
    sender = _sender(request, pk)
    versions = {v.version: v for v in sender.versions.all()}
    if len(versions) < 2:
        messages.info(request, _("Báo cáo mới có một lần gửi: chưa có gì để so sánh."))
        return redirect("reporting:sender_detail", pk=sender.pk)
    numbers = sorted(versions)
    try:
        old = versions[int(request.GET.get("from", numbers[-2]))]
        new = versions[int(request.GET.get("to", numbers[-1]))]
    except (KeyError, ValueError):
        raise Http404("Không có lần gửi này.") from None
    tables = compare(old.rows, new.rows)
    context = {
        "sender": sender,
        "old": old,
        "new": new,
        "tables": tables,
        "changed": sum(t.changed_cells for t in tables),
        "numbers": numbers,
    }
    return render(request, "reporting/diff.html", context)
