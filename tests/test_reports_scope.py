"""A district officer's reports and exports contain only their own unit's data."""

import io
import json

from openpyxl import load_workbook

from budgets.models import Disbursement
from projects.models import Project
from reports.renderers import render_json, render_xlsx
from reports.selectors import build_report


def test_an_officers_project_list_holds_only_their_unit(demo, personas):
    officer = personas.officer_a
    unit = officer.organisation.administrative_unit
    report = build_report("projects", programme=demo.hn2011, user=officer)
    codes = {row.cells["code"] for row in report.rows}
    expected = set(
        Project.objects.filter(programme=demo.hn2011, administrative_unit=unit).values_list("code", flat=True)
    )
    assert codes == expected
    assert codes
    assert {row.cells["unit"] for row in report.rows} == {unit.name}


def test_an_officer_cannot_widen_the_scope_with_a_filter(demo, personas):
    other_unit = personas.officer_b.organisation.administrative_unit
    report = build_report("units", programme=demo.hn2011, user=personas.officer_a, filters={"unit": str(other_unit.pk)})
    # The other unit has projects (staff see them) and so has the officer's own, unfiltered: the
    # filter narrows the officer's own unit to nothing instead of widening it to the other one.
    staff = build_report("units", programme=demo.hn2011, user=personas.staff, filters={"unit": str(other_unit.pk)})
    assert [row.cells["unit"] for row in staff.rows] == [other_unit.name]
    own = build_report("units", programme=demo.hn2011, user=personas.officer_a)
    assert [row.cells["unit"] for row in own.rows] == [personas.officer_a.organisation.administrative_unit.name]
    assert list(report.rows) == []


def test_an_officers_excel_export_holds_only_their_unit(demo, personas):
    officer = personas.officer_a
    unit = officer.organisation.administrative_unit
    buffer = io.BytesIO()
    render_xlsx(build_report("units", programme=demo.hn2011, user=officer), buffer)
    buffer.seek(0)
    ws = load_workbook(buffer).worksheets[0]
    names = [row[0].value for row in ws.iter_rows(min_row=9) if row[0].value]
    assert names[: names.index("Tổng cộng") + 1] == [unit.name, "Tổng cộng"]
    paid = Disbursement.objects.filter(programme=demo.hn2011, project__administrative_unit=unit)
    total = sum(paid.values_list("amount", flat=True))
    last = [c.value for c in list(ws.iter_rows(min_row=9))[1]]
    assert last[-1] == total


def test_an_officers_summary_shows_their_unit_and_no_province_money(demo, personas):
    officer, staff = personas.officer_a, personas.staff
    mine = build_report("summary", programme=demo.hn2011, user=officer)
    everyone = build_report("summary", programme=demo.hn2011, user=staff)
    workers = lambda r: next(x for x in r.rows if x.cells.get("target") == "1.1-LD").cells["actual"]  # noqa: E731
    assert 0 < workers(mine) < workers(everyone)
    total = mine.tables[1].totals[0].cells
    assert total["planned"] is None
    assert total["allocated"] is None
    payload = json.dumps(render_json(mine), default=str)
    assert "86000000000" not in payload
    assert "82155000000" not in payload
    assert mine.metadata["scope"] == officer.organisation.administrative_unit.name
    assert mine.metadata["issuer"] == officer.organisation.name


def test_another_officer_sees_none_of_it(demo, personas):
    a = build_report("projects", programme=demo.hn2011, user=personas.officer_a)
    b = build_report("projects", programme=demo.hn2011, user=personas.officer_b)
    codes_a, codes_b = {r.cells["code"] for r in a.rows}, {r.cells["code"] for r in b.rows}
    # Both officers have projects in the programme, so disjoint lists mean something.
    assert codes_a
    assert codes_b
    assert not codes_a & codes_b


def test_an_officers_sources_report_shows_only_their_units_payments(demo, personas):
    officer = personas.officer_a
    unit = officer.organisation.administrative_unit
    report = build_report("sources", programme=demo.hn2011, user=officer)
    total = report.totals[0].cells
    assert total["planned"] is None
    assert total["allocated"] is None
    paid = Disbursement.objects.filter(programme=demo.hn2011, project__administrative_unit=unit)
    assert total["disbursed"] == sum(paid.values_list("amount", flat=True)) > 0
