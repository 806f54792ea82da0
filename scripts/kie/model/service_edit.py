"""Write what recorded calls changed into a service file, line by line, so its comments (the sources' own words),
its order and its layout stay as the editor left them.

Only these changes are written: `verified_on` / `verified_how`; a number's `failed`, `confidence` and `added_on`;
numbers added to `phones` / `whatsapp`; calls appended to `calls`. The result is read back and must equal the
intended data, or nothing is written (EditError): a file laid out in a way this cannot follow is named, never
half-edited.
"""

from __future__ import annotations

import json
import re

import yaml

from .calls import same_number

NUMBER_KEYS = ("failed", "confidence", "added_on")  # what a call may set on one number
SCALARS = ("verified_on", "verified_how")
TOP = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):")


class EditError(Exception):
    """A file this editor cannot change safely; the message names what to do."""


def q(value) -> str:
    """A YAML scalar: strings double-quoted (JSON's quoting is valid YAML), booleans as true/false."""
    return json.dumps(value, ensure_ascii=False)


def edit_service(text: str, old: dict, new: dict) -> str:
    lines = text.rstrip("\n").split("\n")
    for key in SCALARS:
        if new.get(key) != old.get(key):
            lines = _set_scalar(lines, key, new[key])
    for key in ("phones", "whatsapp"):
        lines = _edit_numbers(lines, key, old.get(key) or [], new.get(key) or [])
    added = (new.get("calls") or [])[len(old.get("calls") or []) :]
    if added:
        lines = _append_block(lines, "calls", [item_lines(call) for call in added])
    result = "\n".join(lines) + "\n"
    if yaml.safe_load(result) != new:
        raise EditError("this file's layout could not be followed; record the call by editing the file by hand")
    return result


def _top_level(lines: list[str], key: str) -> int | None:
    return next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)


def _block_end(lines: list[str], start: int) -> int:
    """The line after the block that starts at `start` (its indented lines and the comments among them)."""
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or lines[end].strip() == ""):
        end += 1
    while end > start + 1 and lines[end - 1].strip() == "":
        end -= 1
    return end


def _set_scalar(lines: list[str], key: str, value: str) -> list[str]:
    at = _top_level(lines, key)
    if at is not None:
        return lines[:at] + [f"{key}: {q(value)}"] + lines[at + 1 :]
    calls = _top_level(lines, "calls")  # the history stays last
    at = calls if calls is not None else len(lines)
    return lines[:at] + [f"{key}: {q(value)}"] + lines[at:]


def item_lines(mapping: dict) -> list[str]:
    """A list item in block style, two spaces in: '  - on: "…"', '    by: "…"', …"""
    return [("  - " if i == 0 else "    ") + f"{key}: {flow(value)}" for i, (key, value) in enumerate(mapping.items())]


def _append_block(lines: list[str], key: str, items: list[list[str]]) -> list[str]:
    new = [line for item in items for line in item]
    at = _top_level(lines, key)
    if at is None:
        before = _top_level(lines, "calls") if key != "calls" else None
        where = before if before is not None else len(lines)
        return lines[:where] + [f"{key}:"] + new + lines[where:]
    if lines[at].strip() != f"{key}:":
        raise EditError(f"'{key}' is written on one line; write it as a list, one '- number:' per line")
    end = _block_end(lines, at)
    return lines[:end] + new + lines[end:]


def _edit_numbers(lines: list[str], key: str, old: list[dict], new: list[dict]) -> list[str]:
    for item in new:
        before = next((o for o in old if same_number(o["number"], item["number"])), None)
        if before is None:
            lines = _append_block(lines, key, [item_lines(item)])
        elif any(before.get(k) != item.get(k) for k in NUMBER_KEYS):
            lines = _rewriteitem_lines(lines, key, item)
    return lines


def _rewriteitem_lines(lines: list[str], key: str, item: dict) -> list[str]:
    """Replace the call-set fields of one number item of `key`, keeping its other lines (label, comments)."""
    at = _top_level(lines, key)
    end = _block_end(lines, at)
    start = next(
        (
            i
            for i in range(at + 1, end)
            if lines[i].lstrip().startswith("- number:") and same_number(_number_of(lines[i]), item["number"])
        ),
        None,
    )
    if start is None:
        raise EditError(f"the number {item['number']} of '{key}' is not written as '- number: …' on a line of its own")
    indent = " " * (len(lines[start]) - len(lines[start].lstrip()) + 2)
    stop = start + 1
    while stop < end and (lines[stop].startswith(indent) or not lines[stop].strip()):
        stop += 1
    call_set = tuple(f"{indent}{k}:" for k in NUMBER_KEYS)
    kept = [line for line in lines[start + 1 : stop] if not line.startswith(call_set)]
    fields = [f"{indent}{k}: {flow(item[k])}" for k in NUMBER_KEYS if k in item]
    return lines[: start + 1] + fields + kept + lines[stop:]


def flow(value) -> str:
    """A value on one line: a scalar quoted, a mapping as {a: "b"}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {q(v)}" for k, v in value.items()) + "}"
    return q(value)


def _number_of(line: str) -> str:
    value = line.split("- number:", 1)[1].split("#", 1)[0].strip()
    return str(yaml.safe_load(value)) if value else ""
