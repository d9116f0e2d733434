"""A target's actual is computed once: the programme page and the summary report agree, per user."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.selectors import build_report


def _page_actuals(client, user, programme) -> dict[str, Decimal]:
    client.force_login(user)
    response = client.get(reverse("programs:detail", args=[programme.pk]))
    assert response.status_code == 200
    progress = [t for node in response.context["nodes"] for t in node.targets] + response.context["objectives"]
    return {item.target.code: item.actual for item in progress}


def _report_actuals(user, programme) -> dict[str, Decimal]:
    report = build_report("summary", programme=programme, user=user)
    return {row.cells["target"]: row.cells["actual"] for row in report.rows if row.style == "item"}


@pytest.mark.parametrize("who", ["staff", "officer_a"])
def test_the_programme_page_and_the_summary_give_the_same_actual_for_every_target(client, demo, personas, who):
    user = getattr(personas, who)
    page = _page_actuals(client, user, demo.hn2011)
    report = _report_actuals(user, demo.hn2011)
    assert page
    assert set(page) == set(report)
    assert page == report
    assert any(page.values())


def test_a_district_officers_actuals_are_their_own_units(client, demo, personas):
    staff = _page_actuals(client, personas.staff, demo.hn2011)
    officer = _page_actuals(client, personas.officer_a, demo.hn2011)
    assert all(officer[code] <= staff[code] for code in staff)
    assert any(0 < officer[code] < staff[code] for code in staff)
