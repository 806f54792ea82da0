"""Checks that need more than one field or file: references, phones, dates, freshness."""

from __future__ import annotations

from datetime import date

from . import phone
from .kinds import BY_NAME
from .problems import Problem
from .yamlfile import YamlDoc, join

STALE_AFTER_DAYS = 365
SOURCE_KINDS = ("guideline", "law", "facts", "other")


def parse_date(text: str) -> date | None:
    """YYYY-MM-DD, or YYYY-MM (taken as the 1st). None when the date does not exist."""
    parts = text.split("-")
    try:
        year, month = int(parts[0]), int(parts[1])
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def cross_checks(content, docs: dict[str, list[YamlDoc]], today: date) -> list[Problem]:
    problems: list[Problem] = []
    for kind, kind_docs in docs.items():
        for doc in kind_docs:
            problems += _check_doc(content, kind, doc, today)
    return problems


def _check_doc(content, kind: str, doc: YamlDoc, today: date) -> list[Problem]:
    data = doc.data
    found: list[Problem] = []

    def ref(path: str, target_kind: str, value: object) -> None:
        if isinstance(value, str) and value not in content.of(target_kind):
            label = {"rights": "right", "laws": "law", "services": "service", "modus": "modus"}[target_kind]
            found.append(
                Problem(
                    doc.path,
                    doc.line(path),
                    path,
                    f"no {label} has the id '{value}'; check the spelling or add content/{target_kind}/{value}.yml",
                )
            )

    def article(path: str, law_id: object, number: object) -> None:
        law = content.laws.get(law_id) if isinstance(law_id, str) else None
        if law is None or not isinstance(number, str):
            return
        numbers = [a.get("number") for a in law.get("articles") or [] if isinstance(a, dict)]
        if number not in numbers:
            listed = ", ".join(str(n) for n in numbers) or "none"
            found.append(
                Problem(
                    doc.path,
                    doc.line(path),
                    path,
                    f"{law.file} has no article '{number}' (it lists: {listed}); add the article there first",
                )
            )

    for field, target in BY_NAME[kind].references:  # the kinds table says which fields hold ids of what
        for i, value in enumerate(_list(data.get(field))):
            ref(join(field, i), target, value)
    for i, basis in enumerate(_list(data.get("legal_basis"))):
        if isinstance(basis, dict):
            ref(join(join("legal_basis", i), "law"), "laws", basis.get("law"))
            article(join(join("legal_basis", i), "article"), basis.get("law"), basis.get("article"))
    for i, source in enumerate(_list(data.get("sources"))):
        path = join("sources", i)
        if not isinstance(source, dict):
            continue
        given = [k for k in SOURCE_KINDS if k in source]
        if len(given) != 1:
            found.append(
                Problem(
                    doc.path,
                    doc.line(path),
                    path,
                    "name exactly one of guideline, law, facts or other"
                    + (f" (this source has {', '.join(given)})" if given else ""),
                )
            )
        if "article" in source and "law" not in source:
            found.append(
                Problem(
                    doc.path,
                    doc.line(join(path, "article")),
                    join(path, "article"),
                    "an article needs the law it belongs to: add 'law: <law id>'",
                )
            )
        ref(join(path, "law"), "laws", source.get("law"))
        article(join(path, "article"), source.get("law"), source.get("article"))
    if kind == "laws":
        found += _relations_to_self(doc)
        numbers = [a.get("number") for a in _list(data.get("articles")) if isinstance(a, dict)]
        for i, number in enumerate(numbers):
            if number in numbers[:i]:
                path = join(join("articles", i), "number")
                found.append(Problem(doc.path, doc.line(path), path, f"article '{number}' is listed twice"))
    if kind == "services":
        found += check_service(doc, today)
    if kind == "sessions":
        for i, item in enumerate(_list(data.get("handouts"))):
            if isinstance(item, dict) and item.get("kind") in ("modus", "rights", "laws", "services"):
                ref(join(join("handouts", i), "id"), item["kind"], item.get("id"))
        found += _session_minutes(doc)
    return found


def _relations_to_self(doc: YamlDoc) -> list[Problem]:
    """A law cannot amend, replace or implement itself: that is always a copied id left unchanged."""
    found = []
    for field in ("amends", "replaces", "implements"):
        for i, value in enumerate(_list(doc.data.get(field))):
            if value == doc.data.get("id"):
                path = join(field, i)
                found.append(Problem(doc.path, doc.line(path), path, f"a law cannot name itself in '{field}'"))
    return found


def _session_minutes(doc: YamlDoc) -> list[Problem]:
    """A session plan's steps must fill exactly its length, or the facilitator runs over or stops early."""
    total = doc.data.get("duration_minutes")
    minutes = [step.get("minutes") if isinstance(step, dict) else None for step in _list(doc.data.get("steps"))]
    if not isinstance(total, int) or not all(isinstance(m, int) for m in minutes) or sum(minutes) == total:
        return []
    return [
        Problem(
            doc.path,
            doc.line("duration_minutes"),
            "duration_minutes",
            f"the steps add up to {sum(minutes)} minutes but the session lasts {total}; make them match",
        )
    ]


def is_stale(verified: object, today: date) -> bool:
    """True when a service was last verified more than 12 months before `today`."""
    when = parse_date(verified) if isinstance(verified, str) else None
    return when is not None and (today - when).days > STALE_AFTER_DAYS


def check_service(doc: YamlDoc, today: date) -> list[Problem]:
    """Phones, WhatsApp numbers and the verification date of one service (also used by the CSV import)."""
    found: list[Problem] = []
    for field in ("phones", "whatsapp"):
        for i, item in enumerate(_list(doc.data.get(field))):
            number = item.get("number") if isinstance(item, dict) else None
            why = phone.problem(number) if isinstance(number, str) else None
            if not why and field == "whatsapp" and isinstance(number, str) and phone.is_short_code(number):
                why = "a short code such as 129 cannot receive WhatsApp; give a mobile number such as 0811-…"
            if why:
                path = join(join(field, i), "number")
                found.append(Problem(doc.path, doc.line(path), path, f"'{number}' is not a valid phone number: {why}"))
    verified = doc.data.get("verified_on")
    if isinstance(verified, str) and verified[:4].isdigit():
        when = parse_date(verified)
        line = doc.line("verified_on")
        if when is None:
            found.append(
                Problem(doc.path, line, "verified_on", f"'{verified}' is not a real date; check day and month")
            )
        elif when > today:
            found.append(
                Problem(doc.path, line, "verified_on", f"'{verified}' is in the future; use the day it was checked")
            )
        elif is_stale(verified, today):
            found.append(
                Problem(
                    doc.path,
                    line,
                    "verified_on",
                    f"last verified {verified}, over 12 months ago; call the service, "
                    "check the details and update the date",
                    warning=True,
                )
            )
    return found


def _list(value: object) -> list:
    return value if isinstance(value, list) else []
