"""Photos and scans, re-encoded: only the pixels, the date and the GPS position survive.

Re-encoding with Pillow keeps nothing of the uploaded file but its pixels, so a
script in an EXIF comment, an HTML page or a ZIP archive behind the image data,
and every other metadata field are gone. The date taken and the GPS position are
read from EXIF first and kept as fields of the attachment, shown beside the photo.
"""

import datetime as dt
import io
import warnings
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from attachments.sniffing import JPEG, AttachmentRefused, FileType

# A decompression bomb: a small file that unpacks to billions of pixels. 50 megapixels is
# more than any phone camera of today; Pillow's own guard is set to the same figure.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
THUMBNAIL_SIZE = (320, 320)

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003
_DATETIME = 0x0132


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    thumbnail: bytes
    width: int
    height: int
    taken_at: dt.datetime | None
    latitude: Decimal | None
    longitude: Decimal | None


def _taken_at(exif: Image.Exif) -> dt.datetime | None:
    raw = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if not isinstance(raw, str):
        return None
    try:
        # A camera writes local time without a zone; kept as it was written.
        return dt.datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _coordinate(values: object, ref: object, limit: int) -> Decimal | None:
    try:
        degrees, minutes, seconds = (float(v) for v in values)  # type: ignore[attr-defined]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if ref in ("S", "W"):
        value = -value
    if not -limit <= value <= limit:
        return None
    return Decimal(f"{value:.6f}")


def _position(exif: Image.Exif) -> tuple[Decimal | None, Decimal | None]:
    gps = exif.get_ifd(_GPS_IFD)
    if not gps:
        return None, None
    latitude = _coordinate(gps.get(2), gps.get(1), 90)
    longitude = _coordinate(gps.get(4), gps.get(3), 180)
    if latitude is None or longitude is None:
        return None, None
    return latitude, longitude


def clean_image(data: bytes, file_type: FileType) -> CleanImage:
    """Re-encode a JPEG or PNG; refuse a bomb or a broken image with a clear message."""
    broken = _("Ảnh bị hỏng hoặc không đọc được: không được nhận.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise AttachmentRefused(
                    _("Ảnh quá lớn: %(width)s × %(height)s điểm ảnh (tối đa %(max)s triệu điểm ảnh).")
                    % {"width": width, "height": height, "max": MAX_PIXELS // 1_000_000}
                )
            exif = image.getexif()
            taken_at = _taken_at(exif)
            latitude, longitude = _position(exif)
            image.load()
            image = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentRefused(_("Ảnh quá lớn khi giải nén (nghi là bom giải nén): không được nhận.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise AttachmentRefused(broken) from None
    out = io.BytesIO()
    if file_type == JPEG:
        image.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    else:
        mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
        image.convert(mode).save(out, "PNG", optimize=True)
    thumb = image.convert("RGB")
    thumb.thumbnail(THUMBNAIL_SIZE)
    thumb_out = io.BytesIO()
    thumb.save(thumb_out, "JPEG", quality=80)
    return CleanImage(
        content=out.getvalue(),
        thumbnail=thumb_out.getvalue(),
        width=image.width,
        height=image.height,
        taken_at=taken_at,
        latitude=latitude,
        longitude=longitude,
    )
