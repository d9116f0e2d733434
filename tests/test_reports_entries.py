"""The entries report: every payment with its voucher, as the ledger holds it."""

from django.db.models import Q

from budgets.models import Disbursement, FundingSource
from reports.selectors import build_report


def _expected(payments) -> list[dict]:
    return [
        {
            "date": f"{d.date:%d/%m/%Y}",
            "voucher": d.voucher_number,
            "year": d.year,
            "content": d.content.number,
            "source": str(FundingSource(d.funding_source).label),
            "project": d.project.code if d.project else "",
            "advance": "Tạm ứng" if d.is_advance else "",
            "amount": d.amount,
            "note": d.note,
        }
        for d in payments.select_related("content", "project").order_by("date", "voucher_number")
    ]


def test_each_payment_is_listed_with_its_voucher(demo, personas):
    report = build_report("entries", programme=demo.hn2011, user=personas.staff)
    payments = Disbursement.objects.filter(programme=demo.hn2011)
    assert [row.cells for row in report.rows] == _expected(payments)
    assert any(row.cells["project"] for row in report.rows)
    assert all(type(row.cells["amount"]) is int for row in report.rows)
    total = report.totals[0].cells
    assert total["amount"] == sum(payments.values_list("amount", flat=True))
    assert total["voucher"] == f"{payments.count()} chứng từ"


def test_an_officers_entries_hold_only_their_units_payments(demo, personas):
    officer = personas.officer_a
    unit = officer.organisation.administrative_unit
    report = build_report("entries", programme=demo.hn2011, user=officer, filters={"content": "1.1"})
    content = Q(content__number="1.1") | Q(content__number__startswith="1.1.")
    payments = Disbursement.objects.filter(content, programme=demo.hn2011, project__administrative_unit=unit)
    assert [row.cells for row in report.rows] == _expected(payments)
    assert report.rows
