"""Broken and hostile files: each is refused with a clear Vietnamese message and nothing is saved.

Every file is generated here, from a real exported template where the attack needs one.
"""

import io
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from imports import safety
from imports.safety import ImportRefused
from imports.services import import_workbook
from imports.workbook import open_workbook
from programs.models import AnnualPlanTarget
from tests.import_support import edit, export, find_row, snapshot

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol9;</workbook>'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>'
)


@pytest.fixture
def template(demo, personas, tmp_path) -> Path:
    return export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff, name="mau.xlsx")


def _refused(path: Path, user, expected: str, *, file_name: str | None = None) -> None:
    before = snapshot()
    outcome = import_workbook(path=path, file_name=file_name or path.name, user=user, commit=True)
    text = "\n".join(issue.as_text() for issue in outcome.issues)
    assert not outcome.saved
    assert expected in text, text
    assert snapshot() == before


def _rewrite(source: Path, target: Path, *, replace: dict | None = None, add: dict | None = None) -> Path:
    """Copy an .xlsx member by member, replacing or adding parts."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename in replace:
                data = replace[item.filename](data) if callable(replace[item.filename]) else replace[item.filename]
            new.writestr(item.filename, data)
        for name, data in add.items():
            new.writestr(name, data)
    return target


def _sheet_part(path: Path, title: str) -> str:
    """The zip member holding the worksheet called `title`."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    index = workbook.sheetnames.index(title) + 1
    workbook.close()
    return f"xl/worksheets/sheet{index}.xml"


def test_it_refuses_a_file_over_the_size_limit_before_unzipping(personas, tmp_path):
    path = tmp_path / "lon.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(safety.MAX_FILE_BYTES + 1)
    _refused(path, personas.staff, "Tệp quá lớn")


def test_it_refuses_a_zip_bomb(template, personas, tmp_path):
    bomb = _rewrite(template, tmp_path / "bom.xlsx", add={"xl/media/image1.bin": b"\0" * (60 * 1024 * 1024)})
    assert bomb.stat().st_size < 1024 * 1024
    _refused(bomb, personas.staff, "bom nén")


def test_it_refuses_more_uncompressed_data_than_the_limit(template, personas, monkeypatch):
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 20_000)
    _refused(template, personas.staff, "quá lớn khi giải nén")


def test_it_refuses_an_xml_entity_expansion(template, personas, tmp_path):
    path = _rewrite(template, tmp_path / "laughs.xlsx", replace={"xl/workbook.xml": BILLION_LAUGHS})
    _refused(path, personas.staff, "khai báo DTD/thực thể XML")
    # Even past the scan, openpyxl parses through defusedxml and refuses.
    with pytest.raises(ImportRefused, match="DTD"):
        open_workbook(str(path))


def test_it_refuses_an_external_entity(template, personas, tmp_path):
    path = _rewrite(template, tmp_path / "xxe.xlsx", add={"xl/sharedStrings.xml": EXTERNAL_ENTITY})
    _refused(path, personas.staff, "khai báo DTD/thực thể XML")


def test_it_refuses_an_xls_renamed_to_xlsx(personas, tmp_path):
    path = tmp_path / "cu.xlsx"
    path.write_bytes(safety.OLE_MAGIC + b"\0" * 4000)
    _refused(path, personas.staff, "Excel 97-2003 (.xls)")
    _refused(path, personas.staff, "Excel 97-2003 (.xls) không được nhận", file_name="cu.xls")


def test_it_refuses_a_csv_renamed_to_xlsx(personas, tmp_path):
    path = tmp_path / "bang.xlsx"
    path.write_text("Mã chỉ tiêu;Kế hoạch năm\n3.1-LOP;1.250\n", encoding="utf-8")
    _refused(path, personas.staff, "có thể là tệp CSV")
    _refused(path, personas.staff, "Tệp CSV không được nhận", file_name="bang.csv")


def test_it_refuses_macro_workbooks(template, personas, tmp_path):
    _refused(template, personas.staff, "Tệp chứa macro", file_name="mau.xlsm")
    with_vba = _rewrite(template, tmp_path / "vba.xlsx", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    _refused(with_vba, personas.staff, "Tệp chứa macro (VBA)")
    macro_type = _rewrite(
        template,
        tmp_path / "kieu.xlsx",
        replace={
            "[Content_Types].xml": lambda data: data.replace(
                b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
            )
        },
    )
    _refused(macro_type, personas.staff, "sổ tính có macro")


def test_it_reads_a_formulas_stored_value_and_never_runs_it(demo, template, personas, tmp_path):
    row = find_row(template, "Chỉ tiêu", "A", "3.1-LOP")
    edit(template, "Chỉ tiêu", {f"F{row}": "=1+1"})
    part = _sheet_part(template, "Chỉ tiêu")
    # Excel stores the last computed value beside the formula; openpyxl writes none, so put one in.
    path = _rewrite(
        template,
        tmp_path / "congthuc.xlsx",
        replace={part: lambda data: data.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>1250</v>")},
    )
    outcome = import_workbook(path=path, file_name=path.name, user=personas.staff, commit=True)
    assert outcome.ok
    quantity = AnnualPlanTarget.objects.get(
        annual_plan__programme=demo.hn2016, annual_plan__year=2020, target__code="3.1-LOP"
    ).quantity
    assert quantity == 1250  # the stored value, not 2


def test_it_refuses_merged_cells(template, personas, tmp_path):
    workbook = openpyxl.load_workbook(template)
    workbook["Chỉ tiêu"].merge_cells("B5:C5")
    workbook.save(tmp_path / "gop.xlsx")
    _refused(tmp_path / "gop.xlsx", personas.staff, "ô gộp (merged cells)")


def test_it_refuses_hidden_sheets(template, personas, tmp_path):
    workbook = openpyxl.load_workbook(template)
    workbook.create_sheet("Số liệu ẩn").sheet_state = "hidden"
    workbook.save(tmp_path / "an.xlsx")
    _refused(tmp_path / "an.xlsx", personas.staff, "trang tính bị ẩn (Số liệu ẩn)")


def test_it_refuses_wrong_sheet_names_and_moved_columns(template, personas, tmp_path):
    workbook = openpyxl.load_workbook(template)
    workbook["Chỉ tiêu"].title = "Sheet1"
    workbook.save(tmp_path / "ten.xlsx")
    _refused(tmp_path / "ten.xlsx", personas.staff, "Không nhận ra mẫu")

    edit(template, "Kinh phí", {"E4": "Số tiền"}, save_as=tmp_path / "cot.xlsx")
    _refused(tmp_path / "cot.xlsx", personas.staff, "ô E4: tiêu đề cột phải là «Kinh phí kế hoạch (đồng)»")

    edit(template, "Chỉ tiêu", {"C2": "KHONG-CO"}, save_as=tmp_path / "ma.xlsx")
    _refused(tmp_path / "ma.xlsx", personas.staff, "Dòng 2 của các trang tính ghi chương trình hoặc năm khác nhau")


def test_it_refuses_broken_empty_and_foreign_files(template, personas, tmp_path):
    (tmp_path / "rong.xlsx").write_bytes(b"")
    _refused(tmp_path / "rong.xlsx", personas.staff, "Tệp rỗng")
    (tmp_path / "cut.xlsx").write_bytes(template.read_bytes()[:3000])
    _refused(tmp_path / "cut.xlsx", personas.staff, "bị hỏng")
    (tmp_path / "anh.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    _refused(tmp_path / "anh.xlsx", personas.staff, "không phải là Excel .xlsx")
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    (tmp_path / "word.xlsx").write_bytes(other_zip.getvalue())
    _refused(tmp_path / "word.xlsx", personas.staff, "không phải là sổ tính Excel .xlsx hợp lệ")


def test_it_refuses_a_million_rows_in_bounded_memory(demo, personas, tmp_path):
    template = export(tmp_path, programme=demo.hn2016, year=2020, kind="results", user=personas.staff)
    part = _sheet_part(template, "Kết quả")

    def million_rows(data: bytes) -> bytes:
        rows = b"".join(b'<row r="%d"><c r="G%d"><v>%d</v></c></row>' % (n, n, n % 977) for n in range(1000, 1_000_000))
        head, tail = data.split(b"</sheetData>")
        # The dimension still claims the template's size: the reader must not trust it.
        return head + rows + b"</sheetData>" + tail

    path = _rewrite(template, tmp_path / "trieu.xlsx", replace={part: million_rows})
    assert path.stat().st_size <= safety.MAX_FILE_BYTES
    tracemalloc.start()
    try:
        _refused(path, personas.staff, "quá nhiều dòng (tối đa 20.000 dòng dữ liệu một lần nhập)")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_it_refuses_a_sheet_whose_xml_is_broken_further_in(template, personas, tmp_path):
    part = _sheet_part(template, "Chỉ tiêu")
    path = _rewrite(
        template, tmp_path / "hong.xlsx", replace={part: lambda data: data.replace(b"</sheetData>", b"<row r=")}
    )
    _refused(path, personas.staff, "nội dung trang tính bị hỏng")


def test_it_refuses_an_oversized_part_read_whole_into_memory(template, personas, tmp_path):
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b"".join(
        b"<si><t>%d</t></si>" % (n * 7919) for n in range(900_000)
    )
    path = _rewrite(template, tmp_path / "chuoi.xlsx", add={"xl/sharedStrings.xml": strings + b"</sst>"})
    _refused(path, personas.staff, "Phần «xl/sharedStrings.xml» của tệp quá lớn")
