"""The programme summary reproduces seed 004 section I.1, whatever the rendering."""

import csv
import datetime as dt
import io
import json

from khuyencong.formatting import format_percent
from reports.renderers import render_csv, render_json
from reports.selectors import build_report

SEED_I1 = {
    # target code: (actual, plan, completion as the seed prints it)
    "1.1-LD": ("17.800", "25.000", "71,2%"),
    "1.2-QL": ("3.000", "7.300", "41,1%"),
    "1.2-CB": ("1.800", "1.900", "94,7%"),
    "1.2-HT": ("4", "10", "40%"),
    "1.3-MH": ("2", "10", "20%"),
    "1.3-DA": ("38", "120", "31,67%"),
    "1.4-HC": ("5", "5", "100%"),
    "1.4-DN": ("187", "100", "187%"),
    "1.5-TK": ("39", "30", "130%"),
    "1.5-CT": ("5", "5", "100%"),
}


def _summary(demo, user):
    return build_report("summary", programme=demo.hn2011, user=user)


def test_it_prints_every_target_as_the_seed_does(demo, personas):
    report = _summary(demo, personas.staff)
    by_code = {row.cells["target"]: row for row in report.rows if row.style == "item"}
    payload = render_json(report)
    texts = {
        row["cells"]["name"]["text"]: row["cells"] for row in payload["tables"][0]["rows"] if row["style"] == "item"
    }
    for code, (actual, plan, printed) in SEED_I1.items():
        row = by_code[code]
        assert row.cells["percent"].text == printed, code
        cells = texts[row.cells["name"]]
        assert (cells["actual"]["text"], cells["plan"]["text"], cells["percent"]["text"]) == (actual, plan, printed)
    assert by_code["1.1-LOP"].cells["actual"] == 473
    assert by_code["1.4-GH"].cells["actual"] == 2642


def test_it_prints_the_budget_as_the_seed_does(demo, personas):
    report = _summary(demo, personas.staff)
    total = report.tables[1].totals[0].cells
    assert (total["planned"], total["allocated"], total["disbursed"]) == (
        86_000_000_000,
        82_155_000_000,
        77_630_000_000,
    )
    assert total["allocated_percent"].text == "95,53%"
    assert total["disbursed_percent"].text == "94,5%"
    assert format_percent(total["allocated_percent"].value, 2) == "95,53%"
    assert report.metadata["version"].startswith("Ban đầu: Quyết định 1697/QĐ-UBND")


def test_it_writes_the_narrative_as_the_seeds_do(demo, personas):
    report = _summary(demo, personas.staff)
    assert (
        "Tổ chức 473 lớp truyền nghề, nhân cấy nghề cho 17.800 lao động nông thôn (đạt 71,2% kế hoạch)."
        in report.narrative
    )
    assert any("(đạt 31,67% kế hoạch)" in sentence for sentence in report.narrative)
    assert report.narrative[-1] == (
        "Kinh phí được giao 82,155 tỷ đồng (đạt 95,53% kế hoạch), đã giải ngân 77,63 tỷ đồng (đạt 94,5% dự toán giao)."
    )


def test_csv_and_json_carry_raw_numbers(demo, personas):
    report = _summary(demo, personas.staff)
    buffer = io.StringIO()
    render_csv(report, buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    workers = next(r for r in rows if len(r) > 1 and r[1].startswith("Lao động nông thôn"))
    assert workers[3:] == ["25000", "17800", "71.2"]
    total = next(r for r in rows if len(r) > 1 and r[1] == "Tổng cộng")
    assert total[2:] == ["86000000000", "82155000000", "95.53", "77630000000", "94.5"]
    payload = json.loads(json.dumps(render_json(report), default=str))
    assert payload["amounts_in_words"][0] == {"label": "Tổng kinh phí kế hoạch", "amount": 86_000_000_000}


def test_annual_and_six_month_reports_cut_at_the_date(demo, personas):
    whole = build_report("annual", programme=demo.hn2016, user=personas.staff, year=2019)
    half = build_report("annual", programme=demo.hn2016, user=personas.staff, year=2019, until=dt.date(2019, 6, 30))
    assert whole.tables[1].totals[0].cells["disbursed"] > half.tables[1].totals[0].cells["disbursed"]
    assert half.metadata["until"] == "2019-06-30"
    assert whole.title.endswith("2019")


def test_the_narrative_pairs_classes_only_with_the_people_they_trained(demo, personas):
    report = build_report("summary", programme=demo.hn2016, user=personas.staff)
    assert not any("lớp tập huấn văn bản, chính sách khuyến công cho" in s for s in report.narrative)
    national = build_report("summary", programme=demo.national, user=personas.staff)
    assert not any("—" in sentence for sentence in national.narrative)
    assert (
        "Tổ chức 12 lớp cấy nghề cho 420 lao động các tỉnh miền núi phía Bắc."
        in build_report("summary", programme=demo.hn2011, user=personas.staff).narrative
    )
