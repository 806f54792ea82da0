"""Indonesian phone numbers: check them, link them (+62, or 0800… for toll-free), show them the familiar way or,
for a reader who may be abroad, in the international form that dials from anywhere."""

from __future__ import annotations

import re

_ALLOWED = re.compile(r"^(\+|\()?[0-9][0-9 ()\-.]*[0-9]$")
SHORT_CODES = re.compile(r"^1[0-9]{2,4}$")  # 110, 112, 129, 148, 1500-xxx style service numbers


def digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def problem(number: str) -> str | None:
    """Why `number` is not a usable Indonesian phone number, or None when it is."""
    if not _ALLOWED.match(number.strip()):
        return "use only digits, spaces, hyphens, brackets and a leading +, e.g. 0811-1129-129"
    d = digits(number)
    if number.strip().startswith("+"):
        if not d.startswith("62"):
            return None if 8 <= len(d) <= 15 else "an international number has 8 to 15 digits"
        d = "0" + d[2:]
    if SHORT_CODES.match(d):
        return None
    if not d.startswith("0"):
        return "a number must start with 0 (e.g. 0811…, 021…), +62, or be a short code such as 110 or 129"
    if d.startswith("0800") or d.startswith("0807"):
        return None if 7 <= len(d) <= 11 else "a toll-free number (0800…) has 7 to 11 digits"
    if not 9 <= len(d) <= 13:
        return f"has {len(d)} digits; Indonesian numbers have 9 to 13 digits counting the leading 0"
    return None


def is_short_code(number: str) -> bool:
    return not number.strip().startswith("+") and bool(SHORT_CODES.match(digits(number)))


def is_toll_free(number: str) -> bool:
    """0800/0807 numbers (also if someone wrote them as +62 800…): free only when dialled inside Indonesia."""
    d = digits(number)
    if number.strip().startswith("+") and d.startswith("62"):
        d = "0" + d[2:]
    return d.startswith(("0800", "0807"))


def domestic_only(number: str) -> bool:
    """Short codes (110, 129, 148) and toll-free 0800 numbers: they cannot be dialled from outside Indonesia."""
    return is_short_code(number) or is_toll_free(number)


def international(number: str) -> str:
    """The number as a phone abroad dials it, keeping the content's own grouping: '0811-1129-129' → '+62 811 1129
    129', '(021) 2968 1560' → '+62 21 2968 1560'. Numbers already written with + stay as written; short codes and
    toll-free numbers (domestic_only) stay as they are, since no international form reaches them."""
    text = " ".join(number.split())
    if text.startswith("+") or domestic_only(number):
        return text
    groups = [g for g in re.split(r"[\s\-.()]+", text) if g]
    groups[0] = groups[0][1:]  # the trunk 0 is not dialled after +62
    return " ".join(["+62", *groups])


def _international(number: str) -> str:
    """Digits in international form without the +, e.g. 628111129129."""
    d = digits(number)
    if number.strip().startswith("+"):
        return d
    return "62" + d[1:]


def tel_uri(number: str) -> str:
    """Link target for tap-to-call: +62 form, the short code as it is, or 0800… for a toll-free number.

    Toll-free numbers are reached only from inside Indonesia and only in their domestic form:
    tel:+628001000 fails on many networks, so they are linked as tel:08001000.
    """
    d = digits(number)
    if is_toll_free(number):
        return "tel:0" + _international(number)[2:]
    if number.strip().startswith("+"):
        return f"tel:+{d}"
    if SHORT_CODES.match(d):
        return f"tel:{d}"
    return f"tel:+62{d[1:]}"


def whatsapp_uri(number: str) -> str:
    return "https://wa.me/" + _international(number)
