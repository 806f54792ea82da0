"""Calls volunteers made to the services: the words of the call sheet, the checks on a service's call history, and
what one recorded call changes in a service's data (kie services record; the sheet itself: model/call_sheet.py).

A call is kept in the service's `calls:` history, oldest first. What it changes:
- confirmed: the service's `verified_on` + `verified_how: phone-call` (the newest evidence), and the number that
  answered (on the line it was reached on: a call, or WhatsApp) loses a `confidence: M` or a `failed:` it had;
- no-answer (three tries on different hours), wrong-service, disconnected: the number gets `failed: {date, why}`. It
  stays in the file with its history but is no longer offered as a button (model/evidence.offered_numbers);
- a WhatsApp number or another number given by whoever answered enters with `confidence: M` and `added_on`,
  until a second source or call confirms it.
Nothing here writes files: it returns new data, which model/service_edit.py writes without losing comments.
"""

from __future__ import annotations

import copy
import re
from datetime import date

from . import phone
from .evidence import date_problem, parse_date
from .problems import Problem
from .yamlfile import YamlDoc, join

# The word a volunteer writes on the call sheet (Indonesian) → the value kept in the service file.
RESULTS = {
    "dikonfirmasi": "confirmed",
    "tidak-diangkat": "no-answer",  # no answer after three tries on different hours
    "bukan-layanan-ini": "wrong-service",  # someone answered, but not this service
    "tidak-aktif": "disconnected",  # the number is not in service
}
FAILED = ("no-answer", "wrong-service", "disconnected")
# A caller is written as a role, never as a person: the text must name one of these (case does not matter).
ROLE_WORDS = (
    "relawan", "petugas", "staf", "staff", "anggota", "pendamping", "gugus", "gt", "satgas", "kader", "fasilitator",
    "pengurus", "tim", "lsm", "ngo", "uptd", "dinas", "volunteer", "officer", "koordinator", "sekretariat", "pokja",
)  # fmt: skip
ROLE_HINT = "write the caller's role, e.g. 'relawan GT PP-TPPO Kupang', never a person's name"


def role_problem(text: str) -> str | None:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return None if words & set(ROLE_WORDS) else f"'{text}' names no role; {ROLE_HINT}"


def history_problems(doc: YamlDoc, today: date) -> list[Problem]:
    """Dates of calls, failed and added numbers real and not in the future; every caller a role."""
    found = []
    data = doc.data
    dated = [(join(join("calls", i), "date"), c.get("date")) for i, c in enumerate(_dicts(data.get("calls")))]
    for key in ("phones", "whatsapp"):
        for i, item in enumerate(_dicts(data.get(key))):
            dated.append((join(join(key, i), "added_on"), item.get("added_on")))
            failed = item.get("failed")
            if isinstance(failed, dict):
                dated.append((join(join(join(key, i), "failed"), "date"), failed.get("date")))
    for path, text in dated:
        why = date_problem(text, today)
        if why:
            found.append(Problem(doc.path, doc.line(path), path, f"'{text}' {why}"))
    for i, call in enumerate(_dicts(data.get("calls"))):
        why = role_problem(call["by"]) if isinstance(call.get("by"), str) else None
        if why:
            path = join(join("calls", i), "by")
            found.append(Problem(doc.path, doc.line(path), path, why))
    return found


def _dicts(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def same_number(a: str, b: str) -> bool:
    """'0811-1129-129' and '+62 811 1129 129' are one number."""
    return phone.tel_uri(a) == phone.tel_uri(b)


def apply_call(data: dict, call: dict) -> dict:
    """The service's data after one recorded call (`call` as kept in the history). Returns a new dict."""
    data = copy.deepcopy(data)
    on, result = call["date"], call["result"]
    key = "whatsapp" if call.get("channel") == "whatsapp" else "phones"  # the line it was reached on
    for item in data.get(key) or []:
        if not same_number(item["number"], call["number"]):
            continue
        if result == "confirmed":
            item.pop("failed", None)
            item.pop("confidence", None)
        else:
            item["failed"] = {"date": on, "why": result}
    if result == "confirmed" and _newer(on, data.get("verified_on")):
        data["verified_on"], data["verified_how"] = on, "phone-call"
    if result in ("confirmed", "wrong-service"):  # someone answered and gave a number
        _add_number(data, "whatsapp", call.get("whatsapp"), on)
        _add_number(data, "phones", call.get("new_number"), on)
    data.setdefault("calls", []).append(call)
    return data


def _newer(on: str, than: str | None) -> bool:
    return than is None or (parse_date(on) or date.min) >= (parse_date(than) or date.min)


def _add_number(data: dict, key: str, number: str | None, on: str) -> None:
    """A number given on the call: confidence M until a second source or call confirms it."""
    if not number:
        return
    items = data.setdefault(key, [])
    if not any(same_number(item["number"], number) for item in items):
        items.append({"number": number, "confidence": "M", "added_on": on})


def last_call(data: dict) -> dict | None:
    calls = _dicts(data.get("calls"))
    return calls[-1] if calls else None
