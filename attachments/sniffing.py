"""What a file is, read from its bytes: never from its name or the browser's content type.

Only four families are accepted: PDF, JPEG, PNG and the Office Open XML documents
(.docx, .xlsx, .pptx). Everything else, executables and scripts first, is refused
with a message that says why. Images are not trusted as they come: `images.py`
re-encodes them, which drops whatever else the file carried (a script in EXIF, an
HTML page after the image data, a ZIP archive glued behind it).
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _


class AttachmentRefused(Exception):
    """An upload that is not taken; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class FileType:
    code: str  # pdf, jpeg, png, docx, xlsx, pptx
    mime: str
    extension: str

    @property
    def is_image(self) -> bool:
        return self.code in ("jpeg", "png")


PDF = FileType("pdf", "application/pdf", "pdf")
JPEG = FileType("jpeg", "image/jpeg", "jpg")
PNG = FileType("png", "image/png", "png")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = FileType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
TYPES = {t.code: t for t in (PDF, JPEG, PNG, DOCX, XLSX, PPTX)}

# The main part that names each Office Open XML document.
_OOXML_MAIN_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX), ("ppt/presentation.xml", PPTX))

# Programs and scripts, by their first bytes: refused with their own message.
_EXECUTABLE_MAGIC = (
    b"MZ",  # Windows .exe, .dll
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O, Java class
    b"#!",  # a shell, Python or Perl script
)
_SCRIPT_MARKS = re.compile(
    rb"<script|<\?php|<html|<svg|<!doctype html|javascript:|^\s*@echo|^\s*(?:import|function|var|const|sub)\s",
    re.IGNORECASE | re.MULTILINE,
)
# Active content a PDF may carry: scripts, actions that open programs, embedded files.
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Names inside an Office document that carry code: macros, ActiveX controls, embedded programs.
_OOXML_CODE = re.compile(
    r"(?:vbaProject\.bin|vbaData\.xml|/activeX/|\.(?:exe|dll|bat|cmd|com|scr|js|vbs|ps1|jar|msi|sh)$)", re.IGNORECASE
)
# An Office document unpacks to at most this much (a ZIP bomb is refused before it is read).
OOXML_MAX_UNPACKED = 200 * 1024 * 1024
OOXML_MAX_RATIO = 200


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head)
    return printable / len(head) > 0.95


def detect(data: bytes) -> FileType:
    """The type of `data`, or AttachmentRefused with the reason."""
    head = data[:4096]
    if not data:
        raise AttachmentRefused(_("Tệp rỗng."))
    if any(head.startswith(magic) for magic in _EXECUTABLE_MAGIC):
        raise AttachmentRefused(_("Tệp là chương trình hoặc mã lệnh (script), không được nhận."))
    if head.startswith(b"%PDF-"):
        _check_pdf(data)
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _check_ooxml(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise AttachmentRefused(
            _("Tệp Office định dạng cũ (.doc, .xls) có thể chứa macro: hãy lưu lại thành .docx hoặc .xlsx rồi tải lên.")
        )
    if _looks_like_text(head) and _SCRIPT_MARKS.search(head):
        raise AttachmentRefused(_("Tệp là chương trình hoặc mã lệnh (script), không được nhận."))
    raise AttachmentRefused(
        _("Nội dung tệp không phải PDF, ảnh JPEG/PNG hay tài liệu Office (.docx, .xlsx, .pptx): không được nhận.")
    )


def _check_pdf(data: bytes) -> None:
    # Hex escapes in names (/J#61vaScript) spell the same name: undo them before looking.
    plain = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    if b"PK\x03\x04" in data or b"PK\x05\x06" in data:
        raise AttachmentRefused(_("Tệp PDF có gắn kèm một tệp nén (tệp đa định dạng), không được nhận."))
    if re.search(rb"<script|<html", data, re.IGNORECASE):
        raise AttachmentRefused(_("Tệp PDF có chứa trang HTML hoặc mã lệnh (tệp đa định dạng), không được nhận."))
    if _PDF_ACTIVE.search(plain):
        raise AttachmentRefused(
            _("Tệp PDF có mã lệnh, thao tác tự chạy hoặc tệp đính kèm bên trong: hãy in lại ra PDF thường rồi tải lên.")
        )


def _check_ooxml(data: bytes) -> FileType:
    not_office = _("Tệp nén không phải tài liệu Office (.docx, .xlsx, .pptx): không được nhận.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise AttachmentRefused(not_office) from None
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        raise AttachmentRefused(not_office)
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > OOXML_MAX_UNPACKED or unpacked / packed > OOXML_MAX_RATIO:
        raise AttachmentRefused(_("Tài liệu Office giải nén ra quá lớn (nghi là bom nén): không được nhận."))
    try:
        content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        raise AttachmentRefused(not_office) from None
    if any(_OOXML_CODE.search(name) for name in names) or b"macroEnabled" in content_types:
        raise AttachmentRefused(
            _(
                "Tài liệu Office có macro hoặc chương trình nhúng (.docm, .xlsm…): hãy lưu lại không có macro rồi tải lên."
            )
        )
    for part, file_type in _OOXML_MAIN_PARTS:
        if part in names:
            return file_type
    raise AttachmentRefused(not_office)
