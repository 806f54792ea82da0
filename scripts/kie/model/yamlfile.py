"""Read one YAML file into plain data plus a map from field path to line number.

Editors save files with a BOM, CRLF line endings or in legacy encodings; the first two are fine,
the third is reported. Dates stay strings so that an impossible date becomes a clear message
rather than a crash inside the YAML library.

Content files are plain data: anchors, aliases and merge keys (`&a`, `*a`, `<<:`) are refused before the
document is built, so a file can never make the loader expand it into millions of nodes or loop on itself;
so are files over 1 MB and nesting deeper than 20 levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text (we validate them ourselves)."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same rules, parsed by libyaml when PyYAML has it: a directory of thousands of files loads ~10x faster."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


MAX_BYTES = 1_000_000  # the largest content file today is ~20 KB; a 1 MB file is a mistake or an attack
MAX_DEPTH = 20  # the deepest content nesting today is 5 levels


def _plain_data_problem(text: str) -> tuple[int, str] | None:
    """(line, why) for the first anchor, alias, merge key or too-deep nesting; None when the file is plain data.

    Reads the parser's events only: nothing is built, so a "billion laughs" file costs one pass over its text.
    Events are read one at a time and the first problem ends the reading, so too-deep nesting is refused at
    level MAX_DEPTH + 1, before the composer (which recurses once per level) ever sees it.
    """
    try:
        return _first_problem(yaml.parse(text, Loader=_FastLoader))
    except yaml.YAMLError:
        pass
    # libyaml looks up to 1,024 characters ahead for a key and gives up past 1,000 open brackets: `[[[[...` written
    # inline fails there, before its first event. The pure-Python parser has no such limit and no recursion.
    try:
        return _first_problem(yaml.parse(text, Loader=_Loader))
    except yaml.YAMLError:
        return None  # a syntax error: reported, in plain words, when the file is parsed


def _first_problem(events) -> tuple[int, str] | None:
    depth = 0
    for event in events:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return line, "anchors and aliases (&name, *name) are not allowed in content files; write the text out"
        if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
            return line, "merge keys (<<:) are not allowed in content files; write the fields out"
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                why = f"the fields are nested more than {MAX_DEPTH} levels deep; check the indentation and brackets"
                return line, why
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _parse(text: str) -> tuple[yaml.Node | None, object]:
    """Parse once: the node tree (for line numbers) and the data built from it."""
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


@dataclass
class YamlDoc:
    path: str  # as shown in messages
    data: object
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, path: str) -> int:
        """Line of a field, or of its closest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = _parent(path)
        return self.lines.get("", 1)


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def join(base: str, key: object) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else str(key)


def _walk(node: yaml.Node, path: str, lines: dict[str, int], dups: list[tuple[str, int]]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = join(path, key)
            if key in seen:
                dups.append((child, key_node.start_mark.line + 1))
            seen.add(key)
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines, dups)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, join(path, i), lines, dups)


_HINTS = {
    "expected <block end>": "the indentation of this line does not match the lines above it",
    "mapping values are not allowed": "a ':' inside text; put the whole text in double quotes",
    "found character '\\t'": "a tab character; indent with spaces only",
    "could not find expected ':'": "a line without 'field: value'; check for a missing colon or an unclosed quote",
    "found unexpected end of stream": "a quote is opened but never closed",
}


def _plain(problem: str) -> str:
    for start, hint in _HINTS.items():
        if start in problem:
            return hint
    return f"{problem}; check indentation, colons and quotes"


def read_text(file: Path, shown: str) -> tuple[str | None, list[Problem]]:
    if file.stat().st_size > MAX_BYTES:
        size = file.stat().st_size / 1_000_000
        return None, [Problem(shown, 0, "-", f"the file is {size:.1f} MB; content files must stay under 1 MB")]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(shown, line, "-", "the file is not saved as UTF-8; save it again choosing UTF-8 encoding")
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def load(file: Path, shown: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `file`; return the document, or None and the problems that stopped parsing."""
    text, problems = read_text(file, shown)
    if text is None:
        return None, problems
    try:
        unsafe = _plain_data_problem(text)
        if unsafe:
            return None, [Problem(shown, unsafe[0], "-", unsafe[1])]
        try:
            node, data = _parse(text)
        except yaml.YAMLError:  # parse again in pure Python: its messages are the ones _HINTS explains
            node, data = yaml.compose(text, Loader=_Loader), yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        what = getattr(err, "problem", None) or str(err)
        return None, [Problem(shown, line, "-", f"YAML syntax error: {_plain(what)}")]
    doc = YamlDoc(shown, data)
    dups: list[tuple[str, int]] = []
    if node is not None:
        _walk(node, "", doc.lines, dups)
    for path, line in dups:
        problems.append(Problem(shown, line, path, "this field appears twice; keep one of them"))
    return doc, problems
