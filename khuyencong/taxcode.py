"""The Vietnamese tax code (mã số thuế): 10 digits, or 13 for a dependent unit ("0123456789-001").

The 10th digit checks the first nine: weights 31, 29, 23, 19, 17, 13, 7, 5, 3; the check is
10 - (sum mod 11), and a sum divisible by 11 gives no valid code (the check would be 10).
"""

from django.utils.translation import gettext as _

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


class TaxCodeInvalid(ValueError):
    pass


def check_digit(first_nine: str) -> int:
    return 10 - sum(weight * int(digit) for weight, digit in zip(WEIGHTS, first_nine, strict=True)) % 11


def normalize_tax_code(value: str) -> str:
    """The tax code as stored ("0123456789" or "0123456789-001"), or TaxCodeInvalid saying why."""
    digits = "".join(value.split()).replace("-", "").replace(".", "")
    if not (digits.isascii() and digits.isdigit() and len(digits) in (10, 13)):
        raise TaxCodeInvalid(_("Mã số thuế gồm 10 hoặc 13 chữ số (ví dụ 0100109106 hoặc 0100109106-001)."))
    if check_digit(digits[:9]) != int(digits[9]):
        raise TaxCodeInvalid(
            _("Mã số thuế %(code)s sai chữ số kiểm tra: hãy xem lại từng chữ số.") % {"code": digits[:10]}
        )
    if len(digits) == 13:
        if digits[10:] == "000":
            raise TaxCodeInvalid(_("Ba chữ số cuối của mã số thuế đơn vị phụ thuộc từ 001 đến 999."))
        return f"{digits[:10]}-{digits[10:]}"
    return digits
