"""Reporting rounds through the pages: reach (404 across provinces), the diff, the roll-up and its exports, reminders."""

import datetime as dt
import io
import subprocess
import tempfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from notifications.models import Notification
from reporting.diff import compare
from reporting.models import Decision, PeriodKind, Round, SenderStatus
from reporting.services import submission_accept, submission_return
from reporting.tasks import remind_senders, send_report_reminders
from tests.reporting_support import department, open_round, report_result, sender_of, submit

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _demo_round() -> Round:
    return Round.objects.get(period_kind__code="so-6-thang-bo", year=2026, number=1)


# ---------------------------------------------------------------- the demo


def test_the_demo_round_has_hanoi_accepted_and_bac_ninh_returned_with_a_reason(personas):
    round = _demo_round()
    page = _client(personas.bo).get(reverse("reporting:round_detail", args=[round.pk])).content.decode()
    assert "Đã chấp nhận: Vũ Thị Bộ" in page
    assert "Bắc Giang cũ" in page
    assert round.opened_by == personas.bo
    assert round.label == "6 tháng đầu năm 2026"
    hanoi, bac_ninh = sender_of(round, "Hà Nội"), sender_of(round, "Bắc Ninh")
    assert hanoi.status == SenderStatus.ACCEPTED
    assert bac_ninh.status == SenderStatus.RETURNED
    returned = bac_ninh.versions.get()
    assert returned.decision == Decision.RETURNED
    assert "Bắc Giang cũ" in returned.return_reason
    assert hanoi.versions.get().signed_off_by == personas.leader


# ---------------------------------------------------------------- reach


def test_bac_ninh_never_reaches_hanois_submission_its_files_or_its_diff(personas):
    round = _demo_round()
    hanoi = sender_of(round, "Hà Nội")
    submission = hanoi.versions.get()
    client = _client(personas.bacninh)
    for url in (
        reverse("reporting:sender_detail", args=[hanoi.pk]),
        reverse("reporting:submission_detail", args=[submission.pk]),
        reverse("reporting:submission_file", args=[submission.pk, "pdf"]),
        reverse("reporting:submission_file", args=[submission.pk, "xlsx"]),
        reverse("reporting:diff", args=[hanoi.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("reporting:sender_action", args=[hanoi.pk, "draft"])).status_code == 404
    for page in (reverse("reporting:index"), reverse("reporting:round_detail", args=[round.pk])):
        text = client.get(page).content.decode()
        assert "Sở Công Thương Bắc Ninh" in text
        assert "Sở Công Thương Hà Nội" not in text
    assert client.get(reverse("reporting:rollup", args=[round.pk])).status_code == 403
    hanoi.refresh_from_db()
    assert hanoi.status == SenderStatus.ACCEPTED


def test_a_province_cannot_accept_its_own_report_through_the_page(personas):
    round = open_round(personas.bo)
    submission = submit(sender_of(round, "Hà Nội"), personas.staff)
    for user in (personas.staff, personas.leader):
        response = _client(user).post(reverse("reporting:submission_decide", args=[submission.pk, "accept"]))
        assert response.status_code == 403  # the service's NotReceiver, its message in tests/test_reporting_services.py
    submission.refresh_from_db()
    assert submission.decision == Decision.PENDING


def test_a_return_without_a_reason_is_refused_with_its_message(personas):
    submission = submit(sender_of(open_round(personas.bo), "Bắc Ninh"), personas.bacninh)
    url = reverse("reporting:submission_decide", args=[submission.pk, "return"])
    response = _client(personas.bo).post(url, {"reason": ""}, follow=True)
    assert "Ghi lý do trả lại báo cáo." in response.content.decode()
    submission.refresh_from_db()
    assert submission.decision == Decision.PENDING


def test_the_whole_way_through_the_pages(personas):
    """Open, draft, sign off, submit, accept: each button of the pages."""
    kind = PeriodKind.objects.get(code="so-quy-bo")
    response = _client(personas.bo).post(
        reverse("reporting:round_create"),
        {
            "period_kind": kind.pk,
            "year": 2026,
            "number": 3,
            "programme": Round._meta.get_field("programme").related_model.objects.get(code="KCQG-2026-2030").pk,
            "organisations": [department("Hà Nội").pk],
        },
    )
    round = Round.objects.get(period_kind=kind, year=2026, number=3)
    assert response.status_code == 302
    sender = round.senders.get()
    for user, action in ((personas.staff, "draft"), (personas.leader, "signoff"), (personas.staff, "submit")):
        assert _client(user).post(reverse("reporting:sender_action", args=[sender.pk, action])).status_code == 302
    submission = sender.versions.get()
    assert (
        _client(personas.bo).post(reverse("reporting:submission_decide", args=[submission.pk, "accept"])).status_code
        == 302
    )
    sender.refresh_from_db()
    assert sender.status == SenderStatus.ACCEPTED
    page = _client(personas.staff).get(reverse("reporting:sender_detail", args=[sender.pk])).content.decode()
    assert "Đã chấp nhận" in page
    assert submission.pdf_sha256 not in page
    assert (
        submission.pdf_sha256
        in _client(personas.staff).get(reverse("reporting:submission_detail", args=[submission.pk])).content.decode()
    )


# ---------------------------------------------------------------- diff


def test_the_resubmission_shows_its_differences_figure_by_figure(personas):
    bac_ninh = department("Bắc Ninh")
    report_result(bac_ninh, 12)
    sender = sender_of(open_round(personas.bo), "Bắc Ninh")
    first = submit(sender, personas.bacninh)
    submission_return(submission=first, user=personas.bo, reason="Thiếu kết quả tháng 3.")
    report_result(bac_ninh, 3)
    second = submit(sender, personas.bacninh)

    tables = compare(first.rows, second.rows)
    changed = [
        (row.key, cell.old, cell.new) for table in tables for row in table.rows for cell in row.cells if cell.changed
    ]
    assert ("target:QG26-LOP", "12", "15") in changed
    assert all(key == "target:QG26-LOP" for key, _old, _new in changed)  # nothing else moved

    page = _client(personas.bo).get(reverse("reporting:diff", args=[sender.pk])).content.decode()
    assert "So sánh lần gửi 1 với lần gửi 2" in page
    assert '<td class="table-warning diff-changed"><del><span class="visually-hidden">cũ: </span>12</del>' in page
    assert "mới: </span>15</ins>" in page
    assert "Số liệu thay đổi: 1." in page


# ---------------------------------------------------------------- roll-up


def _pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True, text=True
        ).stdout


def test_the_rollup_sums_only_accepted_reports_and_marks_the_missing_province(personas):
    kind = PeriodKind.objects.get(code="so-quy-bo")
    kind.report_kind = "summary"  # plan against the programme's target (data: the kind names its report)
    kind.save()
    report_result(department("Hà Nội"), 40)
    report_result(department("Bắc Ninh"), 12)
    round = open_round(personas.bo)
    hanoi = submit(sender_of(round, "Hà Nội"), personas.staff)
    submission_accept(submission=hanoi, user=personas.bo)
    submit(sender_of(round, "Bắc Ninh"), personas.bacninh)  # submitted, not accepted: not added

    client = _client(personas.bo)
    page = client.get(reverse("reporting:rollup", args=[round.pk]))
    assert page.status_code == 200
    report = page.context["report"]
    row = next(r for r in report.tables[0].rows if r.cells.get("target") == "QG26-LOP")
    columns = {rs.sender.organisation.name: rs.column for rs in page.context["senders"]}
    assert row.cells[columns["Sở Công Thương Hà Nội"]] == Decimal(40)
    assert row.cells[columns["Sở Công Thương Bắc Ninh"]] == "Chờ tiếp nhận"
    assert row.cells["total"] == Decimal(40)  # 12 of Bắc Ninh not counted, not counted as 0 either
    assert row.cells["percent"].value == Decimal(40)
    money = report.tables[1]
    assert [r.cells["number"] for r in money.rows] == [str(n) for n in range(1, 10)]  # every budget line, money or not
    text = page.content.decode()
    assert "Cộng số liệu của 1/2 đơn vị" in text
    drill = reverse("reporting:submission_detail", args=[hanoi.pk]) + "#target:QG26-LOP"
    assert f'href="{drill}"' in text
    assert 'id="target:QG26-LOP"' in client.get(drill.split("#")[0]).content.decode()

    xlsx = client.get(reverse("reporting:rollup_export", args=[round.pk, "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content))
    values = [c for ws in workbook for r in ws.iter_rows(values_only=True) for c in r if c is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in values
    assert any("CỤC ĐỔI MỚI SÁNG TẠO" in str(v) for v in values)
    assert "Chờ tiếp nhận" in values
    assert 40 in values
    pdf = client.get(reverse("reporting:rollup_export", args=[round.pk, "pdf"]))
    text = _pdf_text(pdf.content)
    assert "CỤC ĐỔI MỚI SÁNG TẠO" in text
    assert "BỘ CÔNG THƯƠNG" in text
    assert "Chờ tiếp nhận" in text
    assert "TỔNG HỢP BÁO CÁO QUÝ I NĂM 2026" in text.upper()


# ---------------------------------------------------------------- reminders


def _told() -> set[tuple[str, str]]:
    return set(
        Notification.objects.filter(kind__in=["report_due", "report_late"]).values_list("recipient__username", "kind")
    )


def test_reminders_go_to_exactly_the_due_and_late_senders_once_a_day(personas):
    Notification.objects.all().delete()
    round = open_round(personas.bo)  # quarter I 2026: due 15/04/2026
    submit(sender_of(round, "Hà Nội"), personas.staff)

    remind_senders(dt.date(2026, 4, 7))  # 8 days before: nobody yet
    assert _told() == set()
    counts = remind_senders(dt.date(2026, 4, 8))  # 7 days before: Bắc Ninh owes it; Hà Nội has sent it
    assert _told() == {("bacninh", "report_due"), ("lanhdaobn", "report_due")}
    assert counts == {"due": 2, "late": 0}
    assert remind_senders(dt.date(2026, 4, 8)) == {"due": 0, "late": 0}  # the same day again: nothing more
    assert Notification.objects.count() == 2

    counts = remind_senders(dt.date(2026, 4, 16))
    assert counts == {"due": 0, "late": 2}
    assert _told() == {
        ("bacninh", "report_due"),
        ("lanhdaobn", "report_due"),
        ("bacninh", "report_late"),
        ("lanhdaobn", "report_late"),
    }
    late = Notification.objects.get(kind="report_late", recipient=personas.bacninh)
    assert "đã quá hạn 15/04/2026" in late.subject
    assert late.url == reverse("reporting:sender_detail", args=[sender_of(round, "Bắc Ninh").pk])


def test_a_changed_rule_changes_the_reminders(personas):
    Notification.objects.all().delete()
    open_round(personas.bo)
    kind = PeriodKind.objects.get(code="so-quy-bo")
    with transaction.atomic():
        assert remind_senders(dt.date(2026, 4, 18)) == {"due": 0, "late": 4}  # due 15/04: late
        transaction.set_rollback(True)
    kind.deadline_day = 25  # an administrator moves the deadline to 25/04
    kind.save()
    assert remind_senders(dt.date(2026, 4, 18)) == {"due": 4, "late": 0}
    assert Notification.objects.filter(kind="report_late").count() == 0


def test_the_command_and_the_task_run_the_reminders(personas, capsys):
    Notification.objects.all().delete()
    open_round(personas.bo)
    call_command("send_report_reminders", "--date", "2026-04-20")
    assert "4 thông báo quá hạn" in capsys.readouterr().out
    assert send_report_reminders.name == "send_report_reminders"
    assert send_report_reminders.func is not None


def test_one_action_reminds_every_late_sender(personas):
    Notification.objects.all().delete()
    response = _client(personas.bo).post(reverse("reporting:remind_late"), follow=True)
    # The demo's six-month round is past its deadline (15/07/2026): Bắc Ninh's returned report is late.
    assert _told() == {("bacninh", "report_late"), ("lanhdaobn", "report_late")}
    assert "Đã gửi 2 thông báo" in response.content.decode()
    _client(personas.bo).post(reverse("reporting:remind_late"))
    assert Notification.objects.count() == 2  # once a day
    matrix = _client(personas.bo).get(reverse("reporting:index")).content.decode()
    assert 'data-state="late"' in matrix
    assert "Chậm nộp (bị trả lại)" in matrix
    assert "Đã chấp nhận" in matrix


def test_the_departments_rollup_adds_its_communes_and_units_accepted_reports(personas):
    """A local programme: the Department's monthly round for its centre and a commune; each its own leader signs."""
    from programs.models import Programme, Result
    from reporting.services import round_open

    programme = Programme.objects.get(code="HN-KCDP-2026-2030")
    centre, commune = personas.leader.organisation, personas.xa.organisation
    round = round_open(
        period_kind=PeriodKind.objects.get(code="don-vi-thang"),
        year=2026,
        number=11,
        programme=programme,
        organisations=[centre, commune],
        user=personas.staff,
    )
    Result.objects.create(
        target=programme.targets.get(code="2630-LOP"),
        year=2026,
        quantity=5,
        administrative_unit=commune.administrative_unit,
    )
    centre_sender, commune_sender = round.senders.get(organisation=centre), round.senders.get(organisation=commune)
    from reporting.services import sender_draft, sender_sign_off, submission_create

    sender_draft(sender=commune_sender, user=personas.xa)
    sender_sign_off(sender=commune_sender, user=personas.xa)  # the commune's officer in charge signs for it
    by_commune = submission_create(sender=commune_sender, user=personas.xa)
    sender_draft(sender=centre_sender, user=personas.leader)
    sender_sign_off(sender=centre_sender, user=personas.leader)
    submission_create(sender=centre_sender, user=personas.leader)
    submission_accept(submission=by_commune, user=personas.staff)  # the Department receives

    page = _client(personas.staff).get(reverse("reporting:rollup", args=[round.pk]))
    assert page.status_code == 200
    columns = {rs.sender.organisation.pk: rs.column for rs in page.context["senders"]}
    row = next(r for r in page.context["report"].tables[0].rows if r.cells.get("target") == "2630-LOP")
    assert row.cells[columns[commune.pk]] == Decimal(5)
    assert row.cells[columns[centre.pk]] == "Chờ tiếp nhận"
    assert row.cells["total"] == Decimal(5)
    # The roll-up is the Department's: Bắc Ninh and the commune officer never see it.
    assert _client(personas.bacninh).get(reverse("reporting:rollup", args=[round.pk])).status_code == 404
    assert _client(personas.xa).get(reverse("reporting:rollup", args=[round.pk])).status_code == 403
    assert _client(personas.staff).get(reverse("reporting:rollup_export", args=[round.pk, "pdf"])).status_code == 200


def test_a_late_sender_gets_the_reminder_in_the_application_and_by_email(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    """notify() stores the reminder and mails it after the commit (the notifications core's SMTP is tested there)."""
    Notification.objects.all().delete()
    for user, address in ((personas.bacninh, "bacninh@example.com"), (personas.staff, "canbo@example.com")):
        user.email = address
        user.save(update_fields=["email"])
    round = open_round(personas.bo)
    with django_capture_on_commit_callbacks(execute=True):
        remind_senders(dt.date(2026, 4, 20))
    subject = "Báo cáo quý của Sở Công Thương gửi Bộ Công Thương — Quý I năm 2026: đã quá hạn 15/04/2026"
    assert Notification.objects.filter(kind="report_late", subject=subject).count() == 4  # two senders, two people each
    mailed = {message.to[0]: message for message in mailoutbox}
    assert set(mailed) == {"bacninh@example.com", "canbo@example.com"}
    letter = mailed["bacninh@example.com"]
    assert letter.subject == f"[Khuyến công] {subject}"
    assert reverse("reporting:sender_detail", args=[sender_of(round, "Bắc Ninh").pk]) in letter.body
