"""The Excel file, opened and read back: numbers stay numbers, formats and print setup as an official table."""

import io

from openpyxl import load_workbook

from projects.models import Project
from reports.renderers import neutralise, render_xlsx
from reports.selectors import build_report


def _workbook(report):
    buffer = io.BytesIO()
    render_xlsx(report, buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def _row_of(ws, text):
    for row in ws.iter_rows():
        if any(cell.value == text for cell in row):
            return row
    raise AssertionError(text)


def test_it_keeps_the_seed_figures_as_numbers_with_their_formats(demo, personas):
    wb = _workbook(build_report("summary", programme=demo.hn2011, user=personas.staff))
    ws = wb.worksheets[0]
    workers = _row_of(ws, "Lao động nông thôn được truyền nghề, nhân cấy nghề")
    plan, actual, percent = workers[3], workers[4], workers[5]
    assert (plan.value, plan.number_format) == (25000, "#,##0")
    assert (actual.value, actual.data_type) == (17800, "n")
    assert percent.value == 0.712
    assert percent.number_format == "0.0%"
    machinery = _row_of(ws, "Dự án đầu tư đổi mới thiết bị, ứng dụng máy móc tiên tiến")
    assert (machinery[5].value, machinery[5].number_format) == (0.3167, "0.00%")
    fairs = _row_of(ws, "Hội chợ xuất khẩu chuyên ngành thủ công mỹ nghệ")
    assert (fairs[5].value, fairs[5].number_format) == (1.0, "0%")

    money = wb.worksheets[1]
    total = _row_of(money, "Tổng cộng")
    assert [c.value for c in total[2:]] == [86_000_000_000, 82_155_000_000, 0.9553, 77_630_000_000, 0.945]
    assert [c.number_format for c in total[2:]] == ["#,##0", "#,##0", "0.00%", "#,##0", "0.0%"]
    assert total[1].font.b
    words = [c.value for c in money["A"] if isinstance(c.value, str) and c.value.startswith("Bằng chữ")]
    assert "Bằng chữ: Tám mươi hai tỷ, một trăm năm mươi lăm triệu đồng." in words


def test_it_sets_up_the_sheet_for_printing(demo, personas):
    ws = _workbook(build_report("summary", programme=demo.hn2011, user=personas.staff)).worksheets[0]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:B1", "C1:F1", "A2:B2", "C2:F2", "A4:F4", "A5:F5", "A6:F6"} <= merged
    assert (ws["A1"].value, ws["C1"].value) == ("UBND THÀNH PHỐ HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert (ws["A2"].value, ws["C2"].value) == ("SỞ CÔNG THƯƠNG HÀ NỘI", "Độc lập - Tự do - Hạnh phúc")
    assert ws["A4"].value.startswith("TỔNG HỢP KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH")
    assert ws["A4"].font.b
    assert ws["A4"].font.name == "Times New Roman"
    assert ws.freeze_panes == "A9"
    assert ws.print_title_rows == "$8:$8"
    assert ws["B8"].value == "Nội dung, chỉ tiêu"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.column_dimensions["B"].width == 52


def test_it_neutralises_text_that_a_spreadsheet_would_run(demo, personas):
    project = Project.objects.filter(programme=demo.hn2011).first()
    project.title = '=HYPERLINK("http://evil.example","bấm")'
    project.save(update_fields=["title"])
    other = Project.objects.filter(programme=demo.hn2011).exclude(pk=project.pk).first()
    other.title = "@SUM(1+1)"
    other.save(update_fields=["title"])
    ws = _workbook(build_report("projects", programme=demo.hn2011, user=personas.staff)).worksheets[0]
    titles = {cell.value: cell for cell in ws["B"] if isinstance(cell.value, str)}
    evil = titles["'" + project.title]
    assert evil.data_type == "s"
    assert "'@SUM(1+1)" in titles
    assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)


def test_neutralise_prefixes_formula_starters_only():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+84 912") == "'+84 912"
    assert neutralise("-5") == "'-5"
    assert neutralise("@cmd") == "'@cmd"
    assert neutralise("Truyền nghề") == "Truyền nghề"
