"""Checks that need more than one field or file: references, phones, dates, freshness."""

from __future__ import annotations

from datetime import date

from . import calls, evidence, phone, session_check
from .evidence import parse_date
from .kinds import BY_NAME
from .problems import Problem
from .yamlfile import YamlDoc, join

SOURCE_KINDS = ("guideline", "law", "facts", "other")


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
        for path, target, value in session_check.reference_paths(doc):
            ref(path, target, value)
        found += _session_minutes(doc) + session_check.check_problems(doc)
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


def check_service(doc: YamlDoc, today: date) -> list[Problem]:
    """Phones, WhatsApp numbers and the evidence dates of one service (also used by the CSV import)."""
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
    return found + _evidence_problems(doc, today) + calls.history_problems(doc, today)


def _evidence_problems(doc: YamlDoc, today: date) -> list[Problem]:
    """Each date real and not in the future; verified_on only with verified_how; the 12-month rule as a warning."""
    data = doc.data
    found: list[Problem] = []
    valid = True
    for field in evidence.DATE_FIELDS:
        text = data.get(field)
        why = evidence.date_problem(text, today)
        if why:
            hint = f"; {_FUTURE_HINT[field]}" if why == evidence.IN_THE_FUTURE else ""
            found.append(Problem(doc.path, doc.line(field), field, f"'{text}' {why}{hint}"))
            valid = False
    if "verified_on" in data and "verified_how" not in data:
        found.append(
            Problem(
                doc.path,
                doc.line("verified_on"),
                "verified_on",
                "say how the details were confirmed: add 'verified_how: phone-call' or 'verified_how: official-page'; "
                "if you only read a source, write the day as source_read_on instead",
            )
        )
    if "verified_how" in data and "verified_on" not in data:
        found.append(
            Problem(doc.path, doc.line("verified_how"), "verified_how", "add verified_on: the day it was confirmed")
        )
    published, read = parse_date(data.get("source_date")), parse_date(data.get("source_read_on"))
    if published and read and read < published.replace(day=1):
        found.append(
            Problem(
                doc.path,
                doc.line("source_read_on"),
                "source_read_on",
                f"'{data['source_read_on']}' is before the source was published ({data['source_date']}); check both",
            )
        )
    if valid and evidence.is_stale(data, today):
        found.append(_stale_warning(doc))
    return found


_FUTURE_HINT = {
    "source_date": "use the date the source gives",
    "source_read_on": "use the day you read the source",
    "verified_on": "use the day it was checked",
}


def _stale_warning(doc: YamlDoc) -> Problem:
    newest = evidence.newest_evidence(doc.data)
    if newest is None:
        field = "source_date"
        line = doc.line("source_read_on") if "source_read_on" in doc.data else doc.line("source")
        message = (
            "nothing dated backs these details; add source_date (the date the source gives), "
            "or call the service and record verified_on with verified_how"
        )
    else:
        field, when = newest
        line = doc.line(field)
        what = "last confirmed" if field == "verified_on" else "the source is dated"
        message = (
            f"{what} {when}, over 12 months ago; call the service or find a newer source, "
            "then record verified_on + verified_how, or the new source_date"
        )
    return Problem(doc.path, line, field, message, warning=True)


def _list(value: object) -> list:
    return value if isinstance(value, list) else []
