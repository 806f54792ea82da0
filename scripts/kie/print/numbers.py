"""Text on printed sheets in the sheet's language, and the numbers a printed sheet offers (handout hotline box,
pocket card, booklet): the ones the page offers, in the page's order and written as the page writes them
(views/dialing.py), with the same marks.

A number that failed on a call is not printed; one given on a call and not yet confirmed carries "perlu
diverifikasi" of its own; a service whose details a call confirmed says so ("dicek lewat telepon 2026-12").
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model.content import Entry
from ..model.evidence import is_unconfirmed, offered_numbers
from ..views import dialing
from ..views.evidence_text import checked_note
from ..views.text import Language


def localized(L: Language, value: dict | None) -> Markup:
    """Text in the page's language; Indonesian fallback marked with lang, as on the site."""
    text, fallback = L.pick(value)
    if fallback:
        return Markup('<span lang="{}">{}</span>').format(L.default, text)
    return Markup.escape(text)


@dataclass(frozen=True)
class Printed:
    whatsapp: bool
    text: str  # the number as printed
    label: Markup  # '' or the number's label in the sheet's language
    unconfirmed: bool  # a number given on a call, not yet confirmed: marked on its own
    note: str  # '' or "only from Indonesia" (an English sheet)


def printed_numbers(entry: Entry, L: Language) -> list[Printed]:
    international = dialing.is_international(L.code)
    found = []
    for key, make in (("phones", dialing.call), ("whatsapp", dialing.chat)):
        for item in offered_numbers(entry.data, key):
            shown = make(item["number"], L, international)
            label = localized(L, item["label"]) if item.get("label") else Markup("")
            found.append(Printed(key == "whatsapp", shown.text, label, is_unconfirmed(item), shown.note))
    return found


def print_helpers(L: Language) -> dict:
    """What the print templates call: the numbers to print and the line a call's confirmation adds."""
    return {"numbers": lambda entry: printed_numbers(entry, L), "checked": lambda entry: checked_note(L, entry.data)}
