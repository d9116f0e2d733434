"""Numbers as Vietnamese write them: 17.800 · 82,155 tỷ đồng · 71,2%."""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words


def format_number(value: Decimal | int | float | None, decimals: int = 0, *, strip_zeros: bool = True) -> str:
    """Thousands with '.', decimals with ','; rounded half up; '—' for no value."""
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    negative = rounded < 0
    text = f"{abs(rounded):,.{decimals}f}"  # 17,800.50
    integer, _, fraction = text.partition(".")
    integer = integer.replace(",", ".")
    if strip_zeros:
        fraction = fraction.rstrip("0")
    result = f"{integer},{fraction}" if fraction else integer
    return f"-{result}" if negative and result.strip("0.,") else result


def format_percent(value: Decimal | None, decimals: int = 1) -> str:
    """71,2% · 31,67% · 100% (trailing zeros dropped, as the source documents print)."""
    if value is None:
        return "—"
    return f"{format_number(value, decimals)}%"


def format_money(amount: int | None) -> str:
    """Whole đồng with thousands separators: 163.400.000.000."""
    return format_number(amount, 0)


def format_money_scaled(amount: int | None, unit: str = "ty", decimals: int = 3) -> str:
    """82.155.000.000 → '82,155 tỷ đồng'; unit 'trieu' for triệu đồng."""
    if amount is None:
        return "—"
    divisor, label = (Decimal(10) ** 9, "tỷ đồng") if unit == "ty" else (Decimal(10) ** 6, "triệu đồng")
    return f"{format_number(Decimal(amount) / divisor, decimals)} {label}"


def amount_in_words(amount: int) -> str:
    """163.400.000.000 → 'Một trăm sáu mươi ba tỷ, bốn trăm triệu đồng'.

    num2words reads whole numbers correctly in Vietnamese but has no currency
    mode; the comma after 'tỷ' follows how official documents write it.
    """
    if amount == 0:
        return "Không đồng"
    words = num2words(int(amount), lang="vi")
    words = words.replace(" tỷ ", " tỷ, ")
    return words[0].upper() + words[1:] + " đồng"


def format_size(size: int | None) -> str:
    """A file size as people read it: 12,5 MB; 340 KB."""
    if size is None:
        return ""
    if size >= 1024 * 1024:
        return f"{format_number(round(Decimal(size) / (1024 * 1024), 1), 1)} MB"
    return f"{format_number(max(1, round(size / 1024)))} KB"
