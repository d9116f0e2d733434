"""Cell values as people type them in Vietnamese spreadsheets: 1.250.000 · 82,155 · 71,2% · 05/01/2026.

Each parser returns a domain value or raises `CellError` with a Vietnamese message.
"""

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_MONEY = 10**15  # a million tỷ đồng: anything larger is a typing mistake
MAX_QUANTITY = Decimal(10) ** 12

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.250.000 or 1.250,5
_PLAIN = re.compile(r"^\d+(,\d+)?$")  # 1250000 or 82,155
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class CellError(ValueError):
    """A cell whose content cannot be read as the column expects."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_decimal(value: Any) -> Decimal | None:
    """A number typed the Vietnamese way ('.' groups thousands, ',' marks decimals) or stored as a number."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("Ô này phải là số.")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise CellError("Ô này phải là số.")
        # repr() gives the shortest text that reads back as the same float: 71.2, not 71.2000000000000028
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, dt.date):
        raise CellError("Ô này phải là số, không phải ngày tháng.")
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if not (_GROUPED.match(text) or _PLAIN.match(text)):
        raise CellError(
            f"«{str(value).strip()[:40]}» không phải là số viết theo kiểu Việt Nam "
            "(dấu chấm ngăn cách hàng nghìn, dấu phẩy thập phân: 1.250.000 hoặc 82,155)."
        )
    try:
        number = Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the patterns above admit only digits
        raise CellError(f"«{value}» không phải là số.") from error
    return -number if negative else number


def parse_quantity(value: Any) -> Decimal | None:
    """A planned or delivered quantity: not negative, at most four decimals."""
    number = parse_decimal(value)
    if number is None:
        return None
    if number < 0:
        raise CellError("Số lượng không được âm.")
    if number >= MAX_QUANTITY:
        raise CellError("Số lượng quá lớn.")
    if number != number.quantize(Decimal("0.0001")):
        raise CellError("Số lượng có tối đa 4 chữ số thập phân.")
    return number


def parse_money(value: Any) -> int | None:
    """Whole đồng, not negative."""
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError("Số tiền phải là số đồng nguyên, không có phần thập phân.")
    if number < 0:
        raise CellError("Số tiền không được âm.")
    if number > MAX_MONEY:
        raise CellError("Số tiền quá lớn.")
    return int(number)


def parse_date(value: Any) -> dt.date | None:
    """A date cell, or text written dd/mm/yyyy."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(str(value).strip())
    if not match:
        raise CellError(
            f"«{str(value).strip()[:40]}» không phải là ngày; hãy ghi theo dạng dd/mm/yyyy (ví dụ 05/01/2020)."
        )
    day, month, year = (int(part) for part in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError as error:
        raise CellError(f"Ngày {value} không có thật.") from error
    if not 1990 <= date.year <= 2100:
        raise CellError("Năm của ngày phải trong khoảng 1990–2100.")
    return date


def parse_text(value: Any, *, max_length: int) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.strftime("%d/%m/%Y")
    text = str(value).strip()
    if len(text) > max_length:
        raise CellError(f"Quá dài: tối đa {max_length} ký tự.")
    return text


def parse_code(value: Any) -> str:
    """A code typed as text; Excel may have turned '3.1' into the number 3.1 and '277' into 277."""
    return parse_text(value, max_length=60)
