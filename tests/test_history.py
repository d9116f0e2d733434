"""Every change to plans and money is recorded by triggers: save, update() and bulk writes alike."""

import datetime as dt

import pghistory
from django.db import connection

from budgets.models import Allocation, Disbursement
from programs.models import Target


def _events(model, pk=None):
    events = model.pgh_event_model.objects.all()
    return events.filter(pgh_obj_id=pk) if pk else events


def test_save_records_old_and_new_values_with_the_user(demo, personas):
    target = demo.hn2016.targets.get(code="3.1-LOP")
    with pghistory.context(user=personas.staff.pk, url="/test"):
        target.value = 650
        target.save()
    event = _events(Target, target.pk).order_by("pgh_id").last()
    assert event.pgh_label == "update"
    assert event.value == 650
    assert event.pgh_context.metadata["user"] == personas.staff.pk


def test_queryset_update_is_recorded(demo):
    allocations = Allocation.objects.filter(programme=demo.hn2011, year=2013)
    before = _events(Allocation).filter(pgh_label="update").count()
    allocations.update(note="Điều chỉnh ghi chú")
    assert _events(Allocation).filter(pgh_label="update").count() == before + allocations.count()


def test_bulk_create_and_raw_sql_are_recorded(demo):
    content = demo.hn2016.contents.get(number="3.8")
    before = _events(Disbursement).filter(pgh_label="insert").count()
    Disbursement.objects.bulk_create(
        [
            Disbursement(
                programme=demo.hn2016,
                year=2020,
                content=content,
                funding_source="local",
                date=dt.date(2020, 12, i + 1),
                voucher_number=f"BULK-{i}",
                amount=1_000_000,
            )
            for i in range(4)
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE budgets_disbursement SET note = 'raw' WHERE voucher_number LIKE 'BULK-%%'")
    assert _events(Disbursement).filter(pgh_label="insert").count() == before + 4
    assert _events(Disbursement).filter(pgh_label="update", note="raw").count() == 4
