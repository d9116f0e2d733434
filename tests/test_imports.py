"""Importing plans, results, projects and disbursements from the templates the app exports."""

from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from budgets.models import Disbursement, PlannedBudget
from imports.cells import CellError, parse_date, parse_decimal, parse_money, parse_quantity
from imports.models import ImportBatch, ImportStatus
from imports.services import file_sha256, import_workbook
from programs.models import AnnualPlanTarget, Result
from programs.services import annual_plan_set_lock
from projects.models import Project, ProjectStatus
from tests.import_support import append_row, edit, export, find_row, snapshot

KINDS = ["plan", "results", "projects", "disbursements"]


def _import(path, user, *, commit=True):
    return import_workbook(path=path, file_name=path.name, user=user, commit=commit)


def _messages(outcome) -> str:
    return "\n".join(issue.as_text() for issue in outcome.issues)


# ------------------------------------------------------------ numbers and dates as typed
@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.250.000", Decimal(1250000)),
        ("82,155", Decimal("82.155")),
        ("71,2%", Decimal("71.2")),
        ("17.800", Decimal(17800)),
        ("1.250,5", Decimal("1250.5")),
        (" 600 ", Decimal(600)),
        (17800, Decimal(17800)),
        (71.2, Decimal("71.2")),
    ],
)
def test_it_reads_numbers_as_vietnamese_write_them(typed, value):
    assert parse_decimal(typed) == value


@pytest.mark.parametrize("typed", ["1,250,000", "12.5", "abc", "1.2.3", "--5", "5 lớp"])
def test_it_refuses_numbers_written_otherwise(typed):
    with pytest.raises(CellError, match="kiểu Việt Nam"):
        parse_decimal(typed)


def test_it_refuses_fractional_or_negative_money_and_negative_quantities():
    assert parse_money("163.400.000.000") == 163_400_000_000
    with pytest.raises(CellError, match="nguyên"):
        parse_money("1.250,5")
    with pytest.raises(CellError, match="âm"):
        parse_money("-1.000")
    with pytest.raises(CellError, match="âm"):
        parse_quantity("-3")


def test_it_reads_dates_written_day_first():
    assert parse_date("05/01/2020").isoformat() == "2020-01-05"
    for typed in ("2020-01-05", "31/02/2020", "5/1/20"):
        with pytest.raises(CellError):
            parse_date(typed)


# ------------------------------------------------------------ round trip
@pytest.mark.parametrize("kind", KINDS)
def test_it_changes_nothing_when_an_exported_template_is_imported_unchanged(demo, personas, tmp_path, kind):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind=kind, user=personas.staff)
    before = snapshot()
    outcome = _import(path, personas.staff)
    assert outcome.ok, _messages(outcome)
    assert outcome.count("new") == outcome.count("changed") == 0
    assert outcome.count("unchanged") > 0
    assert snapshot() == before


def test_it_saves_exactly_the_edited_cell_and_records_the_file_in_history(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff)
    row = find_row(path, "Chỉ tiêu", "A", "3.1-LOP")
    edit(path, "Chỉ tiêu", {f"F{row}": "1.250"})
    quantities = dict(
        AnnualPlanTarget.objects.filter(annual_plan__programme=demo.hn2016, annual_plan__year=2020).values_list(
            "target__code", "quantity"
        )
    )
    budgets = list(PlannedBudget.objects.order_by("pk").values_list("pk", "amount"))

    outcome = _import(path, personas.staff)

    assert outcome.ok, _messages(outcome)
    assert outcome.saved, _messages(outcome)
    assert [(c.action, c.label.split(" ")[0]) for c in outcome.changes if c.action != "unchanged"] == [
        ("changed", "3.1-LOP")
    ]
    after = dict(
        AnnualPlanTarget.objects.filter(annual_plan__programme=demo.hn2016, annual_plan__year=2020).values_list(
            "target__code", "quantity"
        )
    )
    assert after.pop("3.1-LOP") == Decimal(1250)
    quantities.pop("3.1-LOP")
    assert after == quantities
    assert list(PlannedBudget.objects.order_by("pk").values_list("pk", "amount")) == budgets
    changed = AnnualPlanTarget.objects.get(
        annual_plan__programme=demo.hn2016, annual_plan__year=2020, target__code="3.1-LOP"
    )
    event = AnnualPlanTarget.pgh_event_model.objects.filter(pgh_obj_id=changed.pk).order_by("pgh_id").last()
    assert event.pgh_label == "update"
    assert event.quantity == Decimal(1250)
    assert event.pgh_context.metadata["import_sha256"] == file_sha256(path)
    assert event.pgh_context.metadata["import_file"] == path.name
    assert event.pgh_context.metadata["user"] == personas.staff.pk


def test_it_adds_a_new_budget_row_and_refuses_a_total_above_the_programme(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff)
    append_row(path, "Kinh phí", ["3.1", None, "Kinh phí khuyến công quốc gia", "1.000.000"])
    before = snapshot()
    outcome = _import(path, personas.staff)
    # The five years already use the programme's whole 163.400.000.000 đồng.
    assert not outcome.saved
    assert "vượt tổng kinh phí của chương trình (163.400.000.000 đồng), vượt 1.000.000 đồng" in _messages(outcome)
    assert snapshot() == before

    row = find_row(path, "Kinh phí", "B", "3.2")
    edit(path, "Kinh phí", {f"E{row}": "1.000.000"})  # lower another budget to make room
    path2 = tmp_path / "plan-2.xlsx"
    path.rename(path2)
    outcome = _import(path2, personas.staff)
    assert outcome.ok, _messages(outcome)
    assert (outcome.count("new"), outcome.count("changed")) == (1, 1)
    assert (
        PlannedBudget.objects.get(
            annual_plan__programme=demo.hn2016, annual_plan__year=2020, content__number="3.1", funding_source="national"
        ).amount
        == 1_000_000
    )


def test_it_reports_every_bad_cell_with_sheet_row_and_column_and_saves_nothing(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="projects", user=personas.staff)
    row = find_row(path, "Đề án", "B", "HN2020-CM-001")  # a draft: editable
    edit(path, "Đề án", {f"I{row}": "mười triệu", f"M{row}": "2020-03-01", f"D{row}": "9.9"})
    append_row(
        path,
        "Đề án",
        ["HN2020-NEW-1", "Đề án mới", "3.1", "Đề án điểm", "Không có đơn vị này", "277", None, "0", "-5", None, None],
    )
    before = snapshot()
    outcome = _import(path, personas.staff)
    text = _messages(outcome)
    assert not outcome.saved
    assert (
        f"Trang tính «Đề án», dòng {row}, cột I (KP khuyến công quốc gia (đồng)): «mười triệu» không phải là số" in text
    )
    assert f"dòng {row}, cột M (Ngày bắt đầu): «2020-03-01» không phải là ngày; hãy ghi theo dạng dd/mm/yyyy" in text
    assert "cột J (KP khuyến công địa phương (đồng)): Số tiền không được âm." in text
    assert snapshot() == before


def test_it_refuses_a_change_to_a_locked_year(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="results", user=personas.staff)
    annual_plan_set_lock(programme=demo.hn2016, year=2020, locked=True, user=personas.leader)
    append_row(path, "Kết quả", ["3.2-HT", None, None, "277", None, "1"])
    before = snapshot()
    outcome = _import(path, personas.staff)
    assert "Số liệu năm 2020 của chương trình HN-2016-2020 đã bị khóa" in _messages(outcome)
    assert not outcome.saved
    assert not outcome.unchanged
    assert snapshot() == before


@pytest.mark.parametrize("locked", [False, True])
def test_an_unchanged_file_is_answered_as_such_and_saves_nothing_whatever_the_lock(
    demo, personas, tmp_path, client, locked
):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="results", user=personas.staff)
    if locked:
        annual_plan_set_lock(programme=demo.hn2016, year=2020, locked=True, user=personas.leader)
    before = snapshot()
    outcome = _import(path, personas.staff)
    assert outcome.ok
    assert outcome.unchanged
    assert not outcome.saved
    assert outcome.count("unchanged") > 0
    assert outcome.summary()["unchanged_file"]
    assert snapshot() == before

    client.force_login(personas.staff)
    with path.open("rb") as handle:
        response = client.post(reverse("imports:upload"), {"file": handle}, follow=True)
    assert "Tệp không có thay đổi nào so với dữ liệu hiện có" in response.content.decode()
    assert "Xác nhận nhập" not in response.content.decode()
    assert snapshot() == before


def test_a_district_officer_imports_only_their_own_units_rows(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="results", user=personas.officer_a)
    append_row(path, "Kết quả", ["3.2-HT", None, None, "279", None, "2"])  # Thường Tín: not theirs
    before = snapshot()
    outcome = _import(path, personas.officer_a)
    assert "Bạn chỉ được nhập kết quả của địa bàn mình; «Huyện Thường Tín» ngoài phạm vi." in _messages(outcome)
    assert snapshot() == before

    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="results", user=personas.officer_a, name="own.xlsx")
    append_row(path, "Kết quả", ["3.2-HT", None, None, "277", None, "2"])
    outcome = _import(path, personas.officer_a)
    assert outcome.ok, _messages(outcome)
    created = Result.objects.get(target__code="3.2-HT", year=2020, administrative_unit__code="277")
    assert created.quantity == 2
    assert created.entered_by == personas.officer_a


def test_a_district_officer_may_not_import_the_plan_nor_a_viewer_anything(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff)
    assert "Cán bộ cấp huyện không được nhập" in _messages(_import(path, personas.officer_a))
    assert "không có quyền nhập" in _messages(_import(path, personas.viewer))


def test_a_new_project_is_a_draft_and_an_approved_one_cannot_be_edited_by_file(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="projects", user=personas.staff)
    approved = Project.objects.filter(programme=demo.hn2016, year=2020, status=ProjectStatus.APPROVED).first()
    row = find_row(path, "Đề án", "B", approved.code)
    edit(path, "Đề án", {f"C{row}": "Tên mới"})
    outcome = _import(path, personas.staff)
    assert "Đề án đang ở trạng thái «Đã phê duyệt»: không sửa qua tệp" in _messages(outcome)

    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="projects", user=personas.staff, name="new.xlsx")
    append_row(
        path,
        "Đề án",
        [
            "HN2020-NEW-001",
            "Truyền nghề gốm cho lao động xã Bát Tràng",
            "3.1",
            "Đề án điểm",
            "Phòng Kinh tế huyện Gia Lâm",
            "018",
            None,
            "0",
            "120.000.000",
            "120.000.000",
            "240.000.000",
            "01/03/2020",
            "30/11/2020",
        ],
    )
    outcome = _import(path, personas.staff)
    assert outcome.ok, _messages(outcome)
    project = Project.objects.get(code="HN2020-NEW-001")
    assert project.status == ProjectStatus.DRAFT
    assert project.support_local == 120_000_000
    assert project.start_date.isoformat() == "2020-03-01"
    assert project.created_by == personas.staff


def test_new_disbursements_pass_the_money_services_checks(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="disbursements", user=personas.staff)
    append_row(
        path,
        "Giải ngân",
        ["PC-NHAP-1", "15/12/2020", None, "3.8", "Kinh phí khuyến công địa phương", "900.000.000.000"],
    )
    before = snapshot()
    outcome = _import(path, personas.staff)
    assert "Vượt dự toán được giao năm 2020" in _messages(outcome)
    assert snapshot() == before

    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="disbursements", user=personas.staff, name="ok.xlsx")
    append_row(
        path,
        "Giải ngân",
        [
            "PC-NHAP-2",
            "15/12/2020",
            None,
            "3.8",
            "Kinh phí khuyến công địa phương",
            "25.000.000",
            "Không",
            "Chi hội nghị tổng kết",
        ],
    )
    outcome = _import(path, personas.staff)
    assert outcome.ok, _messages(outcome)
    payment = Disbursement.objects.get(voucher_number="PC-NHAP-2")
    assert payment.amount == 25_000_000
    assert payment.created_by == personas.staff
    event = Disbursement.pgh_event_model.objects.get(pgh_obj_id=payment.pk, pgh_label="insert")
    assert event.pgh_context.metadata["import_sha256"] == file_sha256(path)


def test_the_same_file_imported_twice_adds_nothing_the_second_time(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="results", user=personas.staff)
    append_row(path, "Kết quả", ["3.2-HT", None, None, "277", None, "1"])
    assert _import(path, personas.staff).ok
    before = snapshot()
    outcome = _import(path, personas.staff)
    assert outcome.ok
    assert outcome.count("new") == 0
    assert snapshot() == before


# ------------------------------------------------------------ the pages
@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_the_upload_page_previews_then_saves_only_on_confirmation(client, demo, personas, tmp_path, media_root):
    client.force_login(personas.staff)
    response = client.get(reverse("imports:template"), {"programme": "HN-2016-2020", "year": 2020, "kind": "plan"})
    assert response.status_code == 200
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    row = find_row(path, "Chỉ tiêu", "A", "3.1-LD")
    edit(path, "Chỉ tiêu", {f"F{row}": "4.321"})
    before = snapshot()

    with path.open("rb") as handle:
        response = client.post(reverse("imports:upload"), {"file": handle})
    batch = ImportBatch.objects.get(user=personas.staff)
    assert response.status_code == 302
    assert batch.status == ImportStatus.PREVIEWED
    page = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Dòng sửa: 1" in page
    assert "3.1-LD" in page
    assert "4.321" in page
    assert "Dòng không đổi (18)" in page
    assert "3.1-LOP — " in page  # the unchanged rows are listed too
    assert snapshot() == before  # nothing saved by the preview

    client.force_login(personas.leader)  # another person cannot see or confirm it
    assert client.get(reverse("imports:preview", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404

    client.force_login(personas.staff)
    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert not list((media_root / "imports").iterdir())  # the held file is removed once saved
    assert (
        AnnualPlanTarget.objects.get(
            annual_plan__year=2020, target__code="3.1-LD", annual_plan__programme=demo.hn2016
        ).quantity
        == 4321
    )


def test_the_upload_page_lists_every_error(client, demo, personas, tmp_path, media_root):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff)
    row = find_row(path, "Chỉ tiêu", "A", "3.1-LD")
    edit(path, "Chỉ tiêu", {f"F{row}": "nhiều"})
    client.force_login(personas.staff)
    with path.open("rb") as handle:
        client.post(reverse("imports:upload"), {"file": handle})
    batch = ImportBatch.objects.get(user=personas.staff)
    page = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert batch.status == ImportStatus.REFUSED
    assert not list((media_root / "imports").iterdir())  # a refused file is not kept
    assert f"<td>Chỉ tiêu</td><td>{row}</td><td>F (Kế hoạch năm)</td>" in page
    assert "Xác nhận nhập" not in page


# ------------------------------------------------------------ the commands
def test_the_commands_export_and_import_with_exit_codes(demo, personas, tmp_path, capsys):
    path = tmp_path / "results.xlsx"
    call_command("export_workbook", programme="HN-2016-2020", year=2020, kind="results", output=str(path))
    append_row(path, "Kết quả", ["3.2-HT", None, None, "277", None, "1"])
    before = snapshot()

    call_command("import_workbook", str(path), user="canbo", dry_run=True)  # exit 0, nothing written
    assert "1 dòng mới" in capsys.readouterr().out
    assert snapshot() == before

    call_command("import_workbook", str(path), user="canbo")
    assert Result.objects.filter(target__code="3.2-HT", year=2020, administrative_unit__code="277").count() == 1

    with pytest.raises(CommandError) as refused:
        call_command("import_workbook", str(path), user="huyen_b")  # Chương Mỹ is not Thường Tín's
    assert refused.value.returncode == 1
    assert "ngoài phạm vi" in capsys.readouterr().err
    with pytest.raises(CommandError) as unknown:
        call_command("import_workbook", str(path), user="khong-co")
    assert unknown.value.returncode == 2
    with pytest.raises(CommandError) as missing:
        call_command("import_workbook", str(tmp_path / "khong-co.xlsx"), user="canbo")
    assert missing.value.returncode == 2


def test_a_row_changed_since_the_template_was_exported_is_refused(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff)
    row = find_row(path, "Chỉ tiêu", "A", "3.1-LOP")
    edit(path, "Chỉ tiêu", {f"F{row}": "999"})
    meanwhile = AnnualPlanTarget.objects.get(
        annual_plan__programme=demo.hn2016, annual_plan__year=2020, target__code="3.1-LOP"
    )
    meanwhile.quantity, meanwhile.lock_version = 130, meanwhile.lock_version + 1
    meanwhile.save()
    before = snapshot()
    outcome = _import(path, personas.staff)
    assert f"dòng {row}, cột A (Mã dòng (không sửa)): Số liệu của dòng này đã được sửa" in _messages(outcome)
    assert snapshot() == before


def test_the_preview_page_reads_a_fixed_number_of_queries(
    client, demo, personas, tmp_path, media_root, django_assert_num_queries
):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="projects", user=personas.staff)
    client.force_login(personas.staff)
    with path.open("rb") as handle:
        client.post(reverse("imports:upload"), {"file": handle})
    batch = ImportBatch.objects.get(user=personas.staff)
    # session, user, the user's province units (the batch's scope), the batch with its programme, the
    # unread notifications of the menu's bell: the rows are read from the stored summary, never recounted
    with django_assert_num_queries(5):
        assert client.get(reverse("imports:preview", args=[batch.pk])).status_code == 200


def test_the_upload_page_refuses_a_file_over_the_limit_without_keeping_it(client, personas, media_root, monkeypatch):
    from imports import uploads, views

    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(views, "SizeLimitUploadHandler", lambda request: uploads.SizeLimitUploadHandler(request, 1000))
    client.force_login(personas.staff)
    big = SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"x" * 200_000)
    response = client.post(reverse("imports:upload"), {"file": big}, follow=True)
    assert "Tệp quá lớn" in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not (media_root / "imports").exists() or not list((media_root / "imports").iterdir())


def test_the_template_hides_row_keys_offers_lists_and_explains_itself(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="results", user=personas.staff)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Hướng dẫn", "Kết quả", "Danh mục"]
    sheet = workbook["Kết quả"]
    assert sheet.column_dimensions["A"].hidden
    assert str(sheet["A5"].value).startswith("id:")
    assert "#v" in str(sheet["A5"].value)
    assert [sheet.cell(row=2, column=c).value for c in (3, 5, 7)] == ["HN-2016-2020", 2020, "results"]
    formulas = {validation.formula1 for validation in sheet.data_validations.dataValidation}
    assert "'Danh mục'!$A$2:$A$22" in formulas  # the programme's 21 target codes
    guide = "\n".join(str(row[0]) for row in workbook["Hướng dẫn"].iter_rows(values_only=True))
    assert "dd/mm/yyyy" in guide
    assert "1.250.000" in guide
    assert "Cột A (ẩn)" in guide
    assert all(state == "visible" for state in (ws.sheet_state for ws in workbook.worksheets))


# ---------------------------------------------------------------- unconfirmed previews expire


def _batch(user, status, stored_path, age_hours):
    from datetime import timedelta

    from django.utils import timezone

    from imports.models import ImportBatch

    batch = ImportBatch.objects.create(
        file_name="ke-hoach.xlsx", sha256="0" * 64, status=status, stored_path=str(stored_path), user=user
    )
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(hours=age_hours))
    return batch


def test_a_preview_nobody_confirmed_expires_and_its_file_goes(personas, settings, tmp_path):
    import io
    import os
    import time
    from datetime import timedelta

    from django.core.management import call_command

    from imports.models import ImportStatus
    from imports.services import expire_previews, upload_directory

    settings.MEDIA_ROOT = str(tmp_path)
    folder = upload_directory()
    old_file, fresh_file, orphan, fresh_orphan = (folder / f"{n}.xlsx" for n in ("old", "fresh", "orphan", "new"))
    for path in (old_file, fresh_file, orphan, fresh_orphan):
        path.write_bytes(b"PK")
    day_ago = time.time() - 30 * 3600
    os.utime(orphan, (day_ago, day_ago))
    os.utime(old_file, (day_ago, day_ago))
    stale = _batch(personas.staff, ImportStatus.PREVIEWED, old_file, 30)
    waiting = _batch(personas.staff, ImportStatus.PREVIEWED, fresh_file, 2)
    done = _batch(personas.staff, ImportStatus.IMPORTED, "", 300)

    expiry = expire_previews(older_than=timedelta(hours=24))

    assert (expiry.batches, expiry.files) == (1, 2)
    stale.refresh_from_db()
    assert (stale.status, stale.stored_path, stale.file_name) == (ImportStatus.EXPIRED, "", "ke-hoach.xlsx")
    assert stale.summary == {}
    assert stale.user == personas.staff
    assert not old_file.exists()
    assert not orphan.exists()
    assert fresh_file.exists()
    assert fresh_orphan.exists()
    waiting.refresh_from_db()
    done.refresh_from_db()
    assert waiting.status == ImportStatus.PREVIEWED
    assert done.status == ImportStatus.IMPORTED

    out = io.StringIO()
    call_command("expire_imports", "--hours", "1", stdout=out)
    # The two-hour-old preview now expires too; the orphan written a moment ago stays.
    assert "Đã hủy 1 lần nhập chờ xác nhận quá 1 giờ; đã xóa 1 tệp lưu tạm." in out.getvalue()
    assert not fresh_file.exists()
    assert fresh_orphan.exists()


def test_an_expired_preview_cannot_be_confirmed(client, personas, settings, tmp_path):
    from imports.models import ImportStatus

    settings.MEDIA_ROOT = str(tmp_path)
    batch = _batch(personas.staff, ImportStatus.EXPIRED, "", 30)
    client.force_login(personas.staff)
    response = client.post(f"/imports/{batch.pk}/confirm/", follow=True)
    assert "Lần nhập này không còn chờ xác nhận." in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.EXPIRED


def test_the_expiry_command_refuses_a_zero_wait():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Số giờ phải từ 1 trở lên"):
        call_command("expire_imports", "--hours", "0")
