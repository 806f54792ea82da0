"""Put one translated text into a content file, changing only that text's lines.

A YAML file is edited as text, not dumped again: comments, quoting and line wrapping of every other
field stay as editors wrote them. The new text is written the way the files already write text (plain
on one line when short, `>-` folded when long, `|-` when it has line breaks), and the file is parsed
again to prove the value reads back exactly; otherwise it is written in double quotes.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import yaml

WRAP = 110  # the width content files are wrapped at


class EditError(Exception):
    """The text cannot be placed: the field is not where the records say it is."""


def _node_at(root: yaml.Node, path: str) -> yaml.Node | None:
    node = root
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            if not isinstance(node, yaml.SequenceNode) or int(part[1:-1]) >= len(node.value):
                return None
            node = node.value[int(part[1:-1])]
        else:
            if not isinstance(node, yaml.MappingNode):
                return None
            found = [v for k, v in node.value if k.value == part]
            if not found:
                return None
            node = found[0]
    return node


def _scalar(text: str, indent: int) -> str:
    """The YAML for `text` after 'key: ', its continuation lines indented by `indent` spaces."""
    pad = " " * indent
    if "\n" in text:
        return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
    if len(text) + indent < WRAP:
        return text if _reads_back(f"k: {text}", text) else json.dumps(text, ensure_ascii=False)
    if text == text.strip() and "  " not in text:
        lines = textwrap.wrap(text, WRAP - indent, break_long_words=False, break_on_hyphens=False)
        return ">-\n" + "\n".join(pad + line for line in lines)
    return json.dumps(text, ensure_ascii=False)


def _reads_back(snippet: str, text: str) -> bool:
    try:
        return yaml.safe_load(snippet) == {"k": text}
    except yaml.YAMLError:
        return False


def _value_end(source: str, node: yaml.Node) -> int:
    """Where a value's text ends. A block scalar's node runs on to the next key's indentation: step back."""
    end = node.end_mark.index
    if getattr(node, "style", None) in ("|", ">"):
        while end > node.start_mark.index and source[end - 1] == " ":
            end -= 1
        while end > node.start_mark.index and source[end - 1] == "\n":
            end -= 1
    return end


def set_text(file: Path, path: str, lang: str, text: str) -> None:
    """Set the `lang` text of the translatable field at `path` (e.g. warning_signs[2]; '' = top level)."""
    source = file.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    root = yaml.compose(source)
    mapping = _node_at(root, path) if path else root
    if not isinstance(mapping, yaml.MappingNode):
        raise EditError(f"{file}: {path}: not found")
    found = [(k, v) for k, v in mapping.value if k.value == lang]
    if found:
        key, value = found[0]
        indent = key.start_mark.column + 2
        start, end_index = value.start_mark, _value_end(source, value)
        new = source[: start.index] + _scalar(text, indent) + source[end_index:]
    else:
        first_key = mapping.value[0][0]
        column = first_key.start_mark.column
        last_value = mapping.value[-1][1]
        after = _value_end(source, last_value)
        line_end = source.find("\n", after)
        line_end = len(source) if line_end < 0 else line_end
        entry = " " * column + f"{lang}: " + _scalar(text, column + 2)
        new = source[:line_end] + "\n" + entry + source[line_end:]
    check = _node_at(yaml.compose(new), f"{path}.{lang}" if path else lang)
    if check is None or yaml.safe_load(yaml.serialize(check)) != text:
        raise EditError(f"{file}: {path}.{lang}: the text would not read back as written")
    file.write_text(new, encoding="utf-8")
