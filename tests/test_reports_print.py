"""The Excel reports as they print: LibreOffice turns each workbook into a PDF, read back in order.

Neither Excel nor LibreOffice grows a row to fit wrapped text when a file is opened, so a
long content title would run over the rows below it on paper unless the file carries the
row's height. LibreOffice (Debian's libreoffice-calc-nogui, scripts/system_packages.sh)
prints every kind; pdftotext reads the text back and every long title must come out whole
and in the sheet's order.
"""

import io
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from reports.renderers import TITLE_ROWS, render_xlsx, row_height
from reports.selectors import build_report

KINDS = ("summary", "annual", "units", "sources", "projects", "trend", "entries")
SOFFICE = shutil.which("soffice")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_a_long_title_gets_the_lines_it_wraps_to():
    assert row_height([("ngắn", 30)]) is None
    # 120 characters in a column of 30: five lines of 11 pt.
    assert row_height([("x" * 120, 30)]) == round(5 * 11 * 1.3 + 4, 1)
    assert row_height([("a\nb\nc", 30)]) == round(3 * 11 * 1.3 + 4, 1)


def test_every_body_row_with_wrapped_text_carries_its_height(demo, personas):
    buffer = io.BytesIO()
    render_xlsx(build_report("summary", programme=demo.hn2011, user=personas.staff), buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    widths = {letter: dim.width for letter, dim in ws.column_dimensions.items()}
    assert ws.print_title_rows == f"${TITLE_ROWS + 1}:${TITLE_ROWS + 1}"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    checked = 0
    for row in ws.iter_rows(min_row=TITLE_ROWS + 2):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > widths.get(cell.column_letter, 10):
                height = ws.row_dimensions[cell.row].height
                assert height, (cell.coordinate, cell.value)
                assert height >= 2 * 11 * 1.3, (cell.coordinate, cell.value, height)
                checked += 1
    assert checked > 0


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (scripts/system_packages.sh installs it)")
def test_each_report_workbook_prints_its_long_titles_whole_and_in_order(demo, personas, tmp_path):
    files = {}
    for kind in KINDS:
        path = tmp_path / f"{kind}.xlsx"
        with path.open("wb") as handle:
            render_xlsx(build_report(kind, programme=demo.hn2016, user=personas.staff), handle)
        files[kind] = path
    profile = tmp_path / "profile"  # its own profile: never shares a running LibreOffice's lock
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir"]
        + [str(tmp_path), *map(str, files.values())],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for kind, path in files.items():
        pdf = path.with_suffix(".pdf")
        assert pdf.exists(), kind
        printed = _words(
            subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        )
        workbook = load_workbook(path)
        long_texts = []
        for ws in workbook.worksheets:
            widths = {letter: dim.width for letter, dim in ws.column_dimensions.items()}
            for row in ws.iter_rows(min_row=TITLE_ROWS + 2, max_col=2):
                for cell in row:
                    if isinstance(cell.value, str) and len(cell.value) > widths.get(cell.column_letter, 10):
                        long_texts.append(_words(cell.value))
        missing = [text for text in long_texts if text not in printed]
        assert not missing, f"{kind}: not printed whole: {missing[:5]}"
        position = 0
        # A title that repeats (two projects of one name) could match further on: order the unique ones.
        for text in [t for t in long_texts if long_texts.count(t) == 1 and printed.count(t) == 1]:
            found = printed.find(text, position)
            assert found >= 0, f"{kind}: «{text}» is not printed whole after position {position}"
            position = found + len(text)
