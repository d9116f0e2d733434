"""Rounds, sign-off, frozen submissions, acceptance and return: each refusal with its message."""

import hashlib
import io
import re
import subprocess
import tempfile
from decimal import Decimal

import openpyxl
import pytest

from notifications.models import Notification
from reporting.models import Decision, PeriodKind, Round, SenderStatus
from reporting.services import (
    AlreadySubmitted,
    NoSenders,
    NothingToDecide,
    NotOpener,
    NotReceiver,
    NotSenderStaff,
    NotSigner,
    PeriodInvalid,
    ProgrammeNotEligible,
    ReasonRequired,
    RoundExists,
    SenderNotEligible,
    SignOffMissing,
    SignOffNeedsDraft,
    YearOutside,
    round_open,
    sender_draft,
    sender_sign_off,
    submission_accept,
    submission_create,
    submission_return,
)
from tests.reporting_support import (
    department,
    leader_of,
    national_2026,
    open_round,
    report_result,
    sender_of,
    submit,
)

pytestmark = pytest.mark.django_db


def _open(personas, **changes):
    fields = {
        "period_kind": PeriodKind.objects.get(code="so-quy-bo"),
        "year": 2026,
        "number": 2,
        "programme": national_2026(),
        "organisations": [department("Hà Nội")],
        "user": personas.bo,
    }
    fields.update(changes)
    return round_open(**fields)


# ---------------------------------------------------------------- opening a round


def test_the_ministry_opens_a_round_for_the_provinces(personas):
    round = open_round(personas.bo)
    assert round.receiver_organisation == personas.bo.organisation
    assert {s.organisation.name for s in round.senders.all()} == {"Sở Công Thương Hà Nội", "Sở Công Thương Bắc Ninh"}
    assert all(s.status == SenderStatus.NOT_STARTED for s in round.senders.all())
    assert round.label == "Quý I năm 2026"


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"number": 5}, PeriodInvalid, "có 4 kỳ trong năm"),
        ({"year": 2031}, YearOutside, "Năm 2031 nằm ngoài thời gian của chương trình (2026-2030)"),
        ({"organisations": []}, NoSenders, "Chọn ít nhất một đơn vị"),
    ],
)
def test_opening_refuses_a_bad_period_year_or_no_sender(personas, changes, error, message):
    with pytest.raises(error, match=re.escape(message)):
        _open(personas, **changes)
    assert not Round.objects.filter(number=2, period_kind__code="so-quy-bo").exists()


def test_a_province_cannot_open_a_round_of_the_ministry(personas):
    with pytest.raises(NotOpener, match="không có quyền mở kỳ báo cáo"):
        _open(personas, user=personas.staff)


def test_a_ministry_round_is_about_a_national_programme(personas, demo):
    with pytest.raises(ProgrammeNotEligible, match="Chương trình không phù hợp"):
        _open(personas, programme=demo.hn2016)


def test_a_sender_outside_the_kind_is_refused(personas):
    centre = personas.leader.organisation
    with pytest.raises(SenderNotEligible, match=f"Đơn vị «{centre.name}» không thuộc"):
        _open(personas, organisations=[centre])


def test_the_same_round_is_opened_once(personas):
    _open(personas)
    with pytest.raises(RoundExists, match="đã được mở"):
        _open(personas)


def test_the_department_opens_a_monthly_round_for_its_units_and_communes(personas):
    kind = PeriodKind.objects.get(code="don-vi-thang")
    hanoi_2026 = national_2026().__class__.objects.get(code="HN-KCDP-2026-2030")
    round = round_open(
        period_kind=kind,
        year=2026,
        number=11,
        programme=hanoi_2026,
        organisations=[personas.leader.organisation, personas.xa.organisation],
        user=personas.staff,
    )
    assert round.senders.count() == 2
    with pytest.raises(SenderNotEligible):
        round_open(
            period_kind=kind,
            year=2026,
            number=10,
            programme=hanoi_2026,
            organisations=[department("Bắc Ninh")],
            user=personas.staff,
        )


# ---------------------------------------------------------------- sign-off and submission


def test_submitting_needs_the_leaders_sign_off(personas):
    sender = sender_of(open_round(personas.bo), "Hà Nội")
    with pytest.raises(SignOffMissing, match="chưa được Lãnh đạo Sở Công Thương ký duyệt"):
        submission_create(sender=sender, user=personas.staff)
    with pytest.raises(SignOffNeedsDraft, match="Chỉ ký duyệt được bản nháp"):
        sender_sign_off(sender=sender, user=personas.leader)
    sender_draft(sender=sender, user=personas.staff)
    with pytest.raises(SignOffMissing):
        submission_create(sender=sender, user=personas.staff)
    with pytest.raises(NotSigner, match="Chỉ Lãnh đạo Sở Công Thương của đơn vị gửi"):
        sender_sign_off(sender=sender, user=personas.staff)
    sender_sign_off(sender=sender, user=personas.leader)
    submission = submission_create(sender=sender, user=personas.staff)
    assert submission.version == 1
    assert submission.signed_off_by == personas.leader
    sender.refresh_from_db()
    assert sender.status == SenderStatus.SUBMITTED
    assert sender.signed_off_by is None


def test_only_the_senders_staff_draft_and_submit(personas):
    round = open_round(personas.bo)
    hanoi = sender_of(round, "Hà Nội")
    for outsider in (personas.bacninh, personas.bo, personas.viewer, personas.xa):
        with pytest.raises(NotSenderStaff, match="Chỉ cán bộ của đơn vị gửi"):
            sender_draft(sender=hanoi, user=outsider)
    with pytest.raises(NotSigner):
        sender_sign_off(sender=sender_of(round, "Bắc Ninh"), user=personas.leader)


def test_a_submitted_report_is_not_drafted_or_submitted_again(personas):
    sender = sender_of(open_round(personas.bo), "Hà Nội")
    submit(sender, personas.staff)
    with pytest.raises(AlreadySubmitted, match="đã nộp hoặc đã được chấp nhận"):
        sender_draft(sender=sender, user=personas.staff)
    with pytest.raises(AlreadySubmitted):
        submission_create(sender=sender, user=personas.staff)


def _pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True, text=True
        ).stdout


def _xlsx_values(content: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]


def test_a_submitted_report_never_changes_when_the_data_changes(personas):
    hanoi = department("Hà Nội")
    report_result(hanoi, 40)
    sender = sender_of(open_round(personas.bo), "Hà Nội")
    submission = submit(sender, personas.staff)
    row = next(r for r in submission.rows["tables"][0]["rows"] if r["key"] == "target:QG26-LOP")
    assert Decimal(row["values"]["actual"]) == 40
    pdf, xlsx = submission.pdf.read(), submission.xlsx.read()
    assert hashlib.sha256(pdf).hexdigest() == submission.pdf_sha256
    assert hashlib.sha256(xlsx).hexdigest() == submission.xlsx_sha256
    text = _pdf_text(pdf)
    assert "SỞ CÔNG THƯƠNG HÀ NỘI" in text
    assert "Chỉ tiêu kiểm thử QG26-LOP" in text
    assert "LÃNH ĐẠO SỞ CÔNG THƯƠNG" in text
    assert "Trần Thị Lãnh" in text
    assert 40 in _xlsx_values(xlsx) or Decimal(40) in _xlsx_values(xlsx)

    report_result(hanoi, 25)  # a later result of the province

    submission.refresh_from_db()
    row = next(r for r in submission.rows["tables"][0]["rows"] if r["key"] == "target:QG26-LOP")
    assert Decimal(row["values"]["actual"]) == 40
    with submission.pdf.open("rb") as handle:
        again = handle.read()
    with submission.xlsx.open("rb") as handle:
        again_xlsx = handle.read()
    assert hashlib.sha256(again).hexdigest() == submission.pdf_sha256
    assert hashlib.sha256(again_xlsx).hexdigest() == submission.xlsx_sha256
    assert "Chỉ tiêu kiểm thử QG26-LOP" in _pdf_text(again)
    values = _xlsx_values(again_xlsx)
    assert 40 in values or Decimal(40) in values
    assert 65 not in values


# ---------------------------------------------------------------- the receiver


def test_a_province_cannot_accept_its_own_report(personas):
    submission = submit(sender_of(open_round(personas.bo), "Hà Nội"), personas.staff)
    for user in (personas.staff, personas.leader, personas.bacninh, personas.admin):
        with pytest.raises(NotReceiver, match="Chỉ cơ quan nhận báo cáo"):
            submission_accept(submission=submission, user=user)
    submission.refresh_from_db()
    assert submission.decision == Decision.PENDING


def test_the_ministry_accepts_and_the_senders_staff_are_told(personas):
    submission = submit(sender_of(open_round(personas.bo), "Hà Nội"), personas.staff)
    submission_accept(submission=submission, user=personas.bo)
    submission.refresh_from_db()
    assert submission.decision == Decision.ACCEPTED
    assert submission.decided_by == personas.bo
    assert submission.sender.status == SenderStatus.ACCEPTED
    told = Notification.objects.filter(kind="report_accepted")
    assert {n.recipient.username for n in told} == {"canbo", "lanhdao"}
    with pytest.raises(NothingToDecide, match="không ở trạng thái chờ tiếp nhận"):
        submission_return(submission=submission, user=personas.bo, reason="Muộn")


def test_a_return_needs_a_reason_and_the_resubmission_is_a_new_version(personas):
    bac_ninh = department("Bắc Ninh")
    report_result(bac_ninh, 12)
    sender = sender_of(open_round(personas.bo), "Bắc Ninh")
    first = submit(sender, personas.bacninh)
    with pytest.raises(ReasonRequired, match="Ghi lý do trả lại"):
        submission_return(submission=first, user=personas.bo, reason="   ")
    submission_return(submission=first, user=personas.bo, reason="Thiếu số liệu quý I của Bắc Giang cũ.")
    sender.refresh_from_db()
    assert sender.status == SenderStatus.RETURNED
    told = Notification.objects.get(kind="report_returned", recipient=personas.bacninh, subject__contains="Quý I")
    assert told.subject == "Báo cáo quý của Sở Công Thương gửi Bộ Công Thương — Quý I năm 2026: bị trả lại"
    assert "Thiếu số liệu quý I" in told.body
    assert told.url.endswith(f"/reporting/senders/{sender.pk}/")
    report_result(bac_ninh, 3)
    second = submit(sender, personas.bacninh)
    assert second.version == 2
    assert sender.versions.count() == 2
    first.refresh_from_db()
    assert first.decision == Decision.RETURNED
    assert first.return_reason.startswith("Thiếu số liệu")
    with pytest.raises(NothingToDecide):
        submission_accept(submission=first, user=personas.bo)
    assert leader_of(bac_ninh).organisation.parent == bac_ninh


def test_a_refusal_speaks_the_language_of_the_person_refused(personas):
    from django.utils import translation

    submission = submit(sender_of(open_round(personas.bo), "Bắc Ninh"), personas.bacninh)
    with translation.override("en"), pytest.raises(ReasonRequired, match="Write the reason for returning the report."):
        submission_return(submission=submission, user=personas.bo, reason="")
    with translation.override("en"), pytest.raises(NotReceiver, match="a sender never accepts its own report"):
        submission_accept(submission=submission, user=personas.bacninh)


def test_the_report_reminders_run_every_day_as_a_periodic_task(db):
    from django.utils.module_loading import import_string

    from scheduling.models import PeriodicTask

    periodic = PeriodicTask.objects.get(task_path="reporting.tasks.send_report_reminders")
    assert periodic.enabled
    assert periodic.time_of_day is not None
    assert import_string(periodic.task_path).name == "send_report_reminders"
