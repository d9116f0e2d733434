"""Kinds of periodic report are data: seeded by a migration, their deadline rule edited by an administrator."""

import datetime as dt

import pytest
from django.urls import reverse

from reporting.models import PeriodKind

pytestmark = pytest.mark.django_db


def test_the_rules_of_the_khuyen_cong_reports_are_seeded():
    kinds = {kind.code: kind for kind in PeriodKind.objects.all()}
    assert set(kinds) >= {"don-vi-thang", "so-quy-bo", "so-6-thang-bo", "so-nam-bo", "so-6-thang-ubnd"}
    monthly = kinds["don-vi-thang"]
    assert monthly.frequency == "monthly"
    assert monthly.sender_level == "unit"
    assert "trước ngày 25" in monthly.legal_basis
    assert "45/2012/NĐ-CP" in monthly.legal_basis
    assert kinds["so-6-thang-bo"].receiver_role == "ministry_officer"
    assert kinds["so-6-thang-bo"].signoff_roles == ["centre_leader"]
    # A monthly report is signed by the sender's own leader: the centre's, or the commune's officer in charge.
    assert monthly.signoff_roles == ["centre_leader", "commune_officer"]
    assert kinds["so-6-thang-bo"].report_kind == "annual"


def test_deadlines_follow_the_rule_of_each_kind():
    kinds = {kind.code: kind for kind in PeriodKind.objects.all()}
    # Monthly progress of units: before the 25th of the month itself.
    assert kinds["don-vi-thang"].deadline(2026, 2) == dt.date(2026, 2, 24)
    assert kinds["don-vi-thang"].period_bounds(2026, 2) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    # The Department's six-month report to the ministry: 15 July.
    assert kinds["so-6-thang-bo"].period_bounds(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert kinds["so-6-thang-bo"].deadline(2026, 1) == dt.date(2026, 7, 15)
    # The annual report falls due in January of the next year; a quarter's in the month after it.
    assert kinds["so-nam-bo"].deadline(2026, 1) == dt.date(2027, 1, 20)
    assert kinds["so-quy-bo"].deadline(2026, 4) == dt.date(2027, 1, 15)
    assert kinds["so-quy-bo"].period_label(2026, 3) == "Quý III năm 2026"


def test_a_day_past_the_months_end_means_its_last_day():
    kind = PeriodKind.objects.get(code="don-vi-thang")
    kind.deadline_day = 31
    assert kind.deadline(2026, 2) == dt.date(2026, 2, 28)
    assert kind.deadline(2028, 2) == dt.date(2028, 2, 29)


def test_the_administrator_edits_a_rule_in_the_admin(client, personas):
    kind = PeriodKind.objects.get(code="so-6-thang-bo")
    client.force_login(personas.admin)
    url = reverse("admin:reporting_periodkind_change", args=[kind.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    data.update({"deadline_day": 20, "is_active": "on"})
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    kind.refresh_from_db()
    assert kind.deadline(2026, 1) == dt.date(2026, 7, 20)
    assert client.get(reverse("admin:reporting_round_changelist"), {"q": "Hà Nội"}).status_code == 200
    assert client.get(reverse("admin:reporting_submission_changelist"), {"q": "Hà Nội"}).status_code == 200
