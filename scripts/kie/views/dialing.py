"""How a number is shown and linked for the reader of one page: the one place that decides it.

A reader of an English page, and anyone on the page for people already abroad, may be outside Indonesia: their
numbers are shown in the international form (+62 …) that dials from anywhere, and a number that cannot be dialled
from abroad (a short code such as 129, a toll-free 0800 number) says "only from Indonesia". Indonesian and
Javanese pages read at home keep the familiar form (0811-…). The link target never depends on the page: tel:+62…
works from anywhere (kie.model.phone.tel_uri), so a page saved at home still dials when its reader travels.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import phone
from .text import Language

# Readers of these languages may be anywhere: Indonesians at home read Indonesian or a regional language.
INTERNATIONAL_LANGUAGES = ("en",)


@dataclass(frozen=True)
class Dial:
    text: str  # the number as shown
    href: str  # tel: or https://wa.me/
    note: str  # '' or "only from Indonesia" in the page's language


def is_international(lang: str, abroad: bool = False) -> bool:
    """Numbers on this page in the +62 form: an English page, or the page for people abroad."""
    return abroad or lang in INTERNATIONAL_LANGUAGES


def call(number: str, L: Language, international: bool) -> Dial:
    return Dial(_shown(number, international), phone.tel_uri(number), _note(number, L, international))


def chat(number: str, L: Language, international: bool) -> Dial:
    """WhatsApp reaches a number from anywhere: only its written form changes."""
    return Dial(_shown(number, international), phone.whatsapp_uri(number), "")


def _shown(number: str, international: bool) -> str:
    return phone.international(number) if international else number


def _note(number: str, L: Language, international: bool) -> str:
    if international and phone.domestic_only(number):
        return L.ui_text("only_from_indonesia")[0]
    return ""
