"""`manage.py export_report`: files for scheduling, clear errors and a non-zero exit."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from reports.management.commands.export_report import Command
from tests.reports_helpers import pdf_text


def test_it_writes_an_excel_file(demo, tmp_path):
    out = tmp_path / "summary.xlsx"
    call_command("export_report", programme="HN-2011-2015", format="xlsx", output=str(out), stdout=io.StringIO())
    ws = load_workbook(out).worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert 17800 in values
    assert 0.712 in values


def test_it_writes_the_six_month_pdf(demo, tmp_path):
    out = tmp_path / "six-months.pdf"
    call_command(
        "export_report",
        programme="HN-2016-2020",
        kind="annual",
        until="2020-06-30",
        format="pdf",
        output=str(out),
        stdout=io.StringIO(),
    )
    text = pdf_text(out)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "30/06/2020" in text


def test_it_scopes_to_the_named_user(demo, personas, tmp_path):
    out = tmp_path / "projects.json"
    call_command(
        "export_report",
        programme="HN-2011-2015",
        kind="projects",
        format="json",
        output=str(out),
        user="huyen",
        stdout=io.StringIO(),
    )
    assert "Chương Mỹ" in out.read_text()
    assert "Thanh Oai" not in out.read_text()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--programme", "NOPE"], "Không có chương trình mã «NOPE»"),
        (["--programme", "HN-2011-2015", "--year", "1999"], "Năm 1999 nằm ngoài giai đoạn"),
        (["--programme", "HN-2011-2015", "--kind", "bogus"], "Loại báo cáo không hợp lệ"),
        (["--programme", "HN-2011-2015", "--until", "30/06/2015"], "Ngày không hợp lệ"),
        (["--programme", "HN-2011-2015", "--format", "docx"], "Định dạng không hợp lệ"),
        (["--programme", "HN-2011-2015", "--user", "nobody"], "Không có người dùng"),
    ],
)
def test_it_fails_clearly_with_a_non_zero_exit(demo, tmp_path, capsys, arguments, message):
    argv = ["manage.py", "export_report", "--format", "pdf", "--output", str(tmp_path / "x"), *arguments]
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(argv)
    assert exit_info.value.code != 0
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_call_command_raises_command_error(demo, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_report", programme="NOPE", format="pdf", output=str(tmp_path / "x"))
