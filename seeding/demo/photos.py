"""Small real JPEGs for the demo's progress reports: a drawn scene with the EXIF date and GPS position a
phone would write, so that the pages show both beside each photo after re-encoding."""

import io

from PIL import Image, ImageDraw, TiffImagePlugin

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003


def _dms(value: float) -> tuple[TiffImagePlugin.IFDRational, ...]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    rational = TiffImagePlugin.IFDRational
    return rational(degrees), rational(minutes), rational(int(seconds * 100), 100)


def demo_photo(
    *, taken: str, latitude: float, longitude: float, hue: tuple[int, int, int], size: tuple[int, int] = (480, 360)
) -> bytes:
    """A JPEG of a workshop-like scene; `taken` as EXIF writes it ("2026:05:18 09:30:00")."""
    width, height = size
    image = Image.new("RGB", size, (235, 228, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(150, 120, 90))  # the floor
    draw.rectangle((width // 6, height // 3, width // 2, height * 2 // 3 + 20), fill=hue)  # a machine
    draw.rectangle((width // 6 + 20, height // 3 + 20, width // 2 - 20, height // 2), fill=(40, 40, 40))
    for x in range(width * 5 // 8, width - 20, 24):  # bundles of rattan
        draw.ellipse((x, height // 2, x + 20, height * 2 // 3 + 10), fill=(196, 160, 90))
    exif = Image.Exif()
    exif.get_ifd(_EXIF_IFD)[_DATETIME_ORIGINAL] = taken
    gps = exif.get_ifd(_GPS_IFD)
    gps[1], gps[2] = ("N" if latitude >= 0 else "S"), _dms(abs(latitude))
    gps[3], gps[4] = ("E" if longitude >= 0 else "W"), _dms(abs(longitude))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def demo_minutes_pdf(title: str) -> bytes:
    """A one-page PDF standing for a signed scan of minutes (Pillow writes it; ASCII title, default font)."""
    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    draw.text((60, 80), title, fill="black")
    for line in range(12):
        draw.line((60, 140 + line * 30, 535, 140 + line * 30), fill=(180, 180, 180))
    draw.text((380, 560), "(da ky)", fill="black")
    out = io.BytesIO()
    page.save(out, "PDF", resolution=72)
    return out.getvalue()
