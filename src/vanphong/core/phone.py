"""Vietnamese mobile numbers. Pure Python, no Django."""

from __future__ import annotations

import re

# Since the 2018 renumbering, mobile numbers are 0 + 9 digits, with prefixes 03, 05, 07, 08, 09.
# ASCII digits only: \d would let through full-width or Arabic-Indic digits that look like a
# number on screen and that no SMS gateway can dial.
_MOBILE = re.compile(r"^0[35789][0-9]{8}$")


def normalise_mobile(raw: str) -> str:
    """The national form ``0912345678`` of a mobile number written any usual way.

    Accepts spaces, dots, dashes, and the +84 / 84 country prefix. Raises ValueError when the
    result is not a Vietnamese mobile number.
    """
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.fullmatch(digits):
        raise ValueError(f"not a Vietnamese mobile number: {raw!r}")
    return digits


def international(mobile: str) -> str:
    """``84912345678``: the form SMS gateways (Kannel, SMPP) expect."""
    return "84" + normalise_mobile(mobile)[1:]
