"""Write a service back as YAML, in the style editors use: quoted codes, numbers and dates.

Used by `kie services import` for rows that changed. Each value is written plain when it reads back
unchanged, as a literal block when it has line breaks, and double-quoted otherwise.
"""

from __future__ import annotations

import json
import re

import yaml

from . import yamlfile
from .service_edit import NUMBER_KEYS, flow, item_lines

TEXTS = ("name", "description", "hours")
LISTS = ("coverage", "countries", "offers", "languages")
NUMBERS = ("phones", "whatsapp")
# always "quoted", as editors write them
QUOTED = ("coverage", "number", "source", "source_url", "source_date", "source_read_on", "verified_on")


def dump_service(data: dict, order: list[str]) -> str:
    """Service data → YAML in the style of the hand-written files (quoted codes, numbers and dates)."""
    lines = []
    for key in [k for k in order if k in data]:
        value = data[key]
        if key in TEXTS:
            lines.append(f"{key}:")
            lines += [_scalar(f"  {lang}", text) for lang, text in value.items()]
        elif key in LISTS:
            quoted = key in QUOTED  # codes such as "53" are quoted; the word national is not
            lines.append(f"{key}: [" + ", ".join(_value(v, quoted and v != "national", True) for v in value) + "]")
        elif key in NUMBERS:
            lines.append(f"{key}:")
            for item in value:
                lines.append(_scalar("  - number", item["number"], quoted=True))
                if "label" in item:
                    lines.append("    label:")
                    lines += [_scalar(f"      {lang}", text) for lang, text in item["label"].items()]
                lines += [f"    {k}: {flow(item[k])}" for k in NUMBER_KEYS if k in item]  # what calls said of it
        elif key == "calls":
            lines.append("calls:")
            lines += [line for call in value for line in item_lines(call)]
        else:
            lines.append(_scalar(key, value, quoted=key in QUOTED))
    return "\n".join(lines) + "\n"


def _scalar(key: str, text: str, quoted: bool = False) -> str:
    if "\n" in text:
        indent = " " * (len(key) - len(key.lstrip()) + 2)
        block = f"{key}: |-\n" + "\n".join(indent + line if line else "" for line in text.split("\n"))
        if _reads_back(block, text):
            return block
    return f"{key}: {_value(text, quoted)}"


def _value(text: str, quoted: bool, in_flow: bool = False) -> str:
    if not quoted and not (in_flow and re.search(r"[,\[\]{}]", text)) and _reads_back(f"k: {text}", text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted string


def _reads_back(snippet: str, text: str) -> bool:
    try:
        loaded = yaml.load(snippet.strip(), Loader=yamlfile._Loader)
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and list(loaded.values()) == [text]
