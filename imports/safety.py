"""Refuse hostile or broken files before openpyxl parses them.

Checks run from the cheapest to the dearest: the size on disk (before any
unzipping), the first bytes (.xls and CSV renamed to .xlsx), the zip
directory (entry count, declared uncompressed sizes, compression ratios),
macros, then one streaming pass over the XML parts for DTDs and entity
declarations and for merged cells. zipfile never inflates a member past the
size its directory declares, so the declared sizes bound the memory spent.
"""

import zipfile
from pathlib import Path

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 120 * 1024 * 1024
MAX_MEMBERS = 200
MAX_PART_BYTES = 16 * 1024 * 1024  # parts read whole into memory (shared strings, styles); sheets stream
MAX_RATIO = 150  # real worksheets compress 5-20 times; bombs compress thousands of times
RATIO_FLOOR_BYTES = 1024 * 1024  # small parts may compress very well and harmlessly
MAX_ROWS = 20_000  # data rows per sheet

ACCEPTED_SUFFIXES = (".xlsx",)
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb", ".xlam")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class ImportRefused(Exception):
    """The whole file is refused; nothing was read into the database."""


def check_workbook_file(path: Path | str, file_name: str) -> None:
    path = Path(path)
    suffix = Path(file_name).suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise ImportRefused(
            "Tệp chứa macro (.xlsm, .xlsb) không được nhận vì lý do an toàn; hãy lưu lại thành .xlsx từ mẫu tải về."
        )
    if suffix == ".xls":
        raise ImportRefused("Tệp Excel 97-2003 (.xls) không được nhận; hãy dùng mẫu .xlsx tải về từ hệ thống.")
    if suffix == ".csv":
        raise ImportRefused("Tệp CSV không được nhận; hãy dùng mẫu .xlsx tải về từ hệ thống.")
    if suffix not in ACCEPTED_SUFFIXES:
        raise ImportRefused("Chỉ nhận tệp Excel .xlsx lập từ mẫu tải về.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"Tệp quá lớn ({size // (1024 * 1024)} MB); giới hạn {MAX_FILE_BYTES // (1024 * 1024)} MB. "
            "Hãy chia thành nhiều tệp."
        )
    if size == 0:
        raise ImportRefused("Tệp rỗng.")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        raise ImportRefused(
            "Tệp là Excel 97-2003 (.xls) hoặc tệp Office cũ được đổi tên thành .xlsx; "
            "hãy mở bằng Excel và lưu lại dạng .xlsx."
        )
    if not head.startswith(ZIP_MAGIC):
        raise ImportRefused(
            "Tệp không phải là Excel .xlsx (có thể là tệp CSV hoặc văn bản được đổi tên); hãy dùng mẫu tải về."
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportRefused("Tệp .xlsx bị hỏng, không mở được.") from error
    with archive:
        _check_directory(archive)
        _scan_parts(archive)


def _check_directory(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportRefused("Tệp có cấu trúc bất thường (quá nhiều thành phần); không được nhận.")
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ImportRefused("Tệp không phải là sổ tính Excel .xlsx hợp lệ.")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ImportRefused(
            "Tệp chứa macro (VBA) không được nhận vì lý do an toàn; hãy lưu lại thành .xlsx không có macro."
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise ImportRefused("Tệp nén bất thường (nghi là «bom nén» – zip bomb); không được nhận.")
        if member.file_size > MAX_PART_BYTES and not member.filename.startswith("xl/worksheets/"):
            raise ImportRefused(
                f"Phần «{member.filename}» của tệp quá lớn ({member.file_size // (1024 * 1024)} MB khi giải nén); "
                "không được nhận."
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            f"Dữ liệu trong tệp quá lớn khi giải nén (giới hạn {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB); "
            "không được nhận."
        )


def _scan_parts(archive: zipfile.ZipFile) -> None:
    """One streaming pass: DTDs and entities (XML bombs, external entities), macros, merged cells."""
    content_types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in content_types or b"vbaProject" in content_types:
        raise ImportRefused("Tệp là sổ tính có macro; không được nhận vì lý do an toàn.")
    for member in archive.infolist():
        name = member.filename
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        is_sheet = name.startswith("xl/worksheets/")
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(256 * 1024):
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise ImportRefused("Tệp chứa khai báo DTD/thực thể XML (có thể là tấn công XML); không được nhận.")
                if is_sheet and b"<mergeCell " in window:
                    raise ImportRefused(
                        "Trang tính có ô gộp (merged cells); hãy bỏ gộp ô và dùng đúng mẫu tải về, mỗi ô một giá trị."
                    )
                tail = window[-16:]
