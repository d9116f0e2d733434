"""Two imports of the same programme's year at once: the second waits for the first, then sees its rows.

These tests need real commits seen by separate connections, so they run with
`transactional_db` (each thread has its own connection) and put the demo back
once the database has been flushed.
"""

import threading
import time

import pytest
from django.db import connection

from accounts.models import User
from imports import kinds
from imports.services import import_workbook
from programs.models import AnnualPlanTarget, Programme, Result
from tests.conftest import _ensure_demo
from tests.import_support import append_row, edit, export, find_row


@pytest.fixture
def demo_restored_afterwards(django_db_blocker):
    """Requested before transactional_db, so it is torn down after the flush and can reload the demo."""
    yield
    with django_db_blocker.unblock():
        _ensure_demo()


@pytest.fixture
def slow_compare(monkeypatch):
    """Hold each import inside its transaction a little, so the two surely overlap."""
    for spec in kinds.KINDS.values():
        original = spec.compare

        def compare(ctx, rows, original=original):
            time.sleep(0.3)
            return original(ctx, rows)

        monkeypatch.setattr(spec, "compare", compare)


def _run_together(jobs):
    """Start every (path, user) import at the same moment, each on its own thread and connection."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def work(index, path, user):
        try:
            barrier.wait()
            outcomes[index] = import_workbook(path=path, file_name=path.name, user=user, commit=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i, path, user)) for i, (path, user) in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_the_same_file_imported_twice_at_once_is_saved_once(
    demo_restored_afterwards, transactional_db, slow_compare, tmp_path
):
    _ensure_demo()
    staff = User.objects.get(username="canbo")
    programme = Programme.objects.get(code="HN-2016-2020")
    path = export(tmp_path, programme=programme, year=2020, kind="results", user=staff)
    append_row(path, "Kết quả", ["3.2-HT", None, None, "277", None, "3"])
    copy = tmp_path / "ban-sao.xlsx"
    copy.write_bytes(path.read_bytes())

    outcomes = _run_together([(path, staff), (copy, staff)])

    # The one that waited finds its row already there: nothing left to save, and it says so.
    assert all(outcome.ok for outcome in outcomes)
    assert sorted(outcome.saved for outcome in outcomes) == [False, True]
    assert sorted(outcome.count("new") for outcome in outcomes) == [0, 1]
    assert Result.objects.filter(target__code="3.2-HT", year=2020, administrative_unit__code="277").count() == 1


def test_two_files_adding_different_rows_at_once_both_land(
    demo_restored_afterwards, transactional_db, slow_compare, tmp_path
):
    _ensure_demo()
    staff = User.objects.get(username="canbo")
    programme = Programme.objects.get(code="HN-2016-2020")
    first = export(tmp_path, programme=programme, year=2020, kind="results", user=staff, name="a.xlsx")
    second = export(tmp_path, programme=programme, year=2020, kind="results", user=staff, name="b.xlsx")
    append_row(first, "Kết quả", ["3.2-HT", None, None, "277", None, "1"])
    append_row(second, "Kết quả", ["3.6-CT", None, None, "279", None, "2"])
    before = Result.objects.count()

    outcomes = _run_together([(first, staff), (second, staff)])

    assert all(outcome.saved for outcome in outcomes), [o.issues for o in outcomes]
    assert Result.objects.count() == before + 2


def test_a_stale_file_cannot_undo_a_change_saved_meanwhile(
    demo_restored_afterwards, transactional_db, slow_compare, tmp_path
):
    _ensure_demo()
    staff, leader = User.objects.get(username="canbo"), User.objects.get(username="lanhdao")
    programme = Programme.objects.get(code="HN-2016-2020")
    first = export(tmp_path, programme=programme, year=2020, kind="plan", user=staff, name="a.xlsx")
    second = export(tmp_path, programme=programme, year=2020, kind="plan", user=leader, name="b.xlsx")
    edit(first, "Chỉ tiêu", {f"F{find_row(first, 'Chỉ tiêu', 'A', '3.1-LOP')}": "111"})
    edit(second, "Chỉ tiêu", {f"F{find_row(second, 'Chỉ tiêu', 'A', '3.1-LD')}": "2.222"})
    plan = AnnualPlanTarget.objects.filter(annual_plan__programme=programme, annual_plan__year=2020)
    lop_before, ld_before = plan.get(target__code="3.1-LOP").quantity, plan.get(target__code="3.1-LD").quantity

    # Both at once: whichever goes second finds its other row changed since export and is refused whole.
    outcomes = _run_together([(first, staff), (second, leader)])

    saved = [outcome for outcome in outcomes if outcome.saved]
    refused = [outcome for outcome in outcomes if not outcome.saved]
    assert len(saved) == 1
    assert len(refused) == 1
    assert "đã được sửa trong hệ thống sau khi bạn tải mẫu" in refused[0].issues[0].message
    lop, ld = plan.get(target__code="3.1-LOP").quantity, plan.get(target__code="3.1-LD").quantity
    if saved[0] is outcomes[0]:
        assert (lop, ld) == (111, ld_before)
    else:
        assert (lop, ld) == (lop_before, 2222)


def test_the_expiry_skips_a_preview_held_by_its_confirmation(
    demo_restored_afterwards, transactional_db, tmp_path, settings
):
    """A preview whose confirmation holds its row is neither expired nor robbed of its file."""
    import datetime as dt

    settings.MEDIA_ROOT = str(tmp_path / "media")

    from django.db import transaction
    from django.utils import timezone

    from imports.models import ImportBatch, ImportStatus
    from imports.services import expire_previews

    stored = tmp_path / "waiting.xlsx"
    stored.write_bytes(b"PK")
    batch = ImportBatch.objects.create(
        file_name="ke-hoach.xlsx",
        sha256="0" * 64,
        status=ImportStatus.PREVIEWED,
        stored_path=str(stored),
        user=User.objects.create_user(username="nguoi_nhap", password="khuyencong-123"),
    )
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    held, release = threading.Event(), threading.Event()

    def confirming():
        try:
            with transaction.atomic():
                ImportBatch.objects.select_for_update().get(pk=batch.pk)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=confirming)
    thread.start()
    assert held.wait(10)
    try:
        expiry = expire_previews(older_than=dt.timedelta(hours=24))
    finally:
        release.set()
        thread.join(10)
    batch.refresh_from_db()
    assert (expiry.batches, batch.status) == (0, ImportStatus.PREVIEWED)
    assert stored.exists()
