"""The README and the guides in handbook/ are what a newcomer follows word for word: every `kie …` command they
quote must exist in the command line (its subcommands and options; a whole command in a code block must parse),
every `make` target must be in the Makefile, and every relative link, image and #anchor must lead somewhere."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest
from conftest import REPO
from kie.cli import build_parser

README = REPO / "README.md"
HANDBOOK = REPO / "handbook"
DOCS = [README, *sorted(HANDBOOK.rglob("*.md"))]
README_BUDGET = 10 * 1024  # bytes: the README is read in five minutes; the rest lives in the guides

_FENCE = re.compile(r"^(```|~~~)[^\n]*\n(.*?)^\1[ \t]*$", re.S | re.M)
_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_ENV = re.compile(r"^[A-Z_][A-Z0-9_]*=\S*$")  # KIE_TODAY=2026-12-04 kie check
_PLACEHOLDER = re.compile(r"[\[\]…<>]|\b[A-Z]{2,}\b|\.\.\.")  # usage lines: [--dry-run], FILE.csv, <id>, ITEM…
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"<(?:img|a)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.I)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)


def name(doc: Path) -> str:
    return doc.relative_to(REPO).as_posix() if doc.is_relative_to(REPO) else str(doc)


def without_code(text: str) -> str:
    """The Markdown outside code blocks and code spans: links and headings there are not links or headings."""
    text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return _SPAN.sub("", text)


# --- commands ---------------------------------------------------------------------------------------------------


def split_outside(text: str, separators: tuple[str, ...]) -> list[str]:
    """Split a shell line at separators that stand outside quotes and brackets (a usage line's `[-d DIR | --x]`)."""
    parts, start, depth, quote, i = [], 0, 0, "", 0
    while i < len(text):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{(":
            depth += 1
        elif char in "]})":
            depth = max(0, depth - 1)
        elif depth == 0:
            found = next((s for s in separators if text.startswith(s, i)), None)
            if found:
                parts.append(text[start:i])
                start = i = i + len(found)
                continue
        i += 1
    return [*parts, text[start:]]


def _kie_command(part: str) -> str | None:
    """'kie services due …' from one simple command, or None when it does not run kie."""
    words = part.strip().removeprefix("$ ").split()
    while words and _ENV.match(words[0]):
        words = words[1:]
    if not words or not (words[0] == "kie" or words[0].endswith("/kie")):
        return None
    return " ".join(["kie", *words[1:]])


def quoted_commands(text: str) -> list[tuple[str, bool]]:
    """(command, whole) for every kie command quoted: whole ones (code blocks without placeholders) must parse as
    they are; the others (usage lines, commands named in a sentence) must name existing subcommands and options."""
    found = []
    for block in _FENCE.finditer(text):
        body = re.sub(r"\\\n\s*", " ", block.group(2))  # a command continued on the next line
        for line in body.splitlines():
            line = split_outside(line, (" #",))[0]  # a comment after the command
            for part in split_outside(line, ("&&", "||", ";", "|")):
                command = _kie_command(part)
                if command:
                    found.append((command, not _PLACEHOLDER.search(command)))
    for span in _SPAN.finditer(_FENCE.sub("", text)):
        inner = span.group(2).strip()
        for part in split_outside(inner, ("&&", "||", ";", " | ")):
            command = _kie_command(part)
            if command:
                found.append((command, False))
    return found


def _tokens(command: str) -> list[str]:
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    tokens = []
    for word in words[1:]:  # 'kie' itself
        word = word.strip("[]{}()…")
        if word and word != "|" and not word.startswith("<"):
            tokens.append(word.split("=", 1)[0] if word.startswith("--") else word)
    return tokens


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {option: action for action in parser._actions for option in action.option_strings}


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser] | None:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return actions[0].choices if actions else None


def structure_problem(command: str) -> str | None:
    """Why the subcommands or options of `command` do not exist, or None. Arguments and values are not checked."""
    root = build_parser()
    parser, path, tokens = root, ["kie"], _tokens(command)
    allowed = _options(root)  # the global options (--root, --today, --debug) come before the command
    while (choices := _commands(parser)) is not None:
        while tokens and tokens[0].startswith("-"):
            option = tokens.pop(0)
            if option not in allowed:
                return f"{' '.join(path)}: no option '{option}'"
            if allowed[option].nargs != 0 and tokens:
                tokens.pop(0)
        if not tokens:
            return None  # `kie services`, named in a sentence
        word = tokens.pop(0)
        if word not in choices:
            return f"'{word}' is not a command of '{' '.join(path)}' (it has: {', '.join(choices)})"
        parser, path = choices[word], [*path, word]
        allowed = {**_options(root), **_options(parser)}
    for token in tokens:
        if token.startswith("-") and token != "-" and not token[1:2].isdigit() and token not in allowed:
            return f"{' '.join(path)}: no option '{token}'"
    return None


def parse_problem(command: str, capsys) -> str | None:
    """Why the whole command does not parse, as argparse says it, or None."""
    try:
        build_parser().parse_args(shlex.split(command)[1:])
    except SystemExit:
        return capsys.readouterr().err.strip().splitlines()[-1]
    return None


@pytest.mark.parametrize("doc", DOCS, ids=name)
def test_every_kie_command_a_guide_quotes_exists(doc, capsys):
    for command, whole in quoted_commands(doc.read_text(encoding="utf-8")):
        why = structure_problem(command) or (parse_problem(command, capsys) if whole else None)
        assert why is None, f"{name(doc)}: `{command}`: {why}"


def make_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z][\w-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))


def test_every_make_target_the_guides_quote_exists():
    targets, seen = make_targets(), set()
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        code = [b.group(2) for b in _FENCE.finditer(text)] + [s.group(2) for s in _SPAN.finditer(_FENCE.sub("", text))]
        for target in re.findall(r"(?:^|[\s$&;])make ([a-z][\w-]*)", "\n".join(code), re.M):
            seen.add(target)
            assert target in targets, f"{name(doc)}: `make {target}`: the Makefile has {sorted(targets)}"
    assert {"build", "test"} <= seen  # the README's two commands


def test_the_readme_quotes_the_two_commands_and_is_short():
    text = README.read_text(encoding="utf-8")
    assert "make build" in text and "make test" in text
    size = len(README.read_bytes())
    assert size <= README_BUDGET, f"README.md is {size} bytes; keep it under {README_BUDGET}: move detail to handbook/"


# --- links ------------------------------------------------------------------------------------------------------


def slug(heading: str) -> str:
    """The anchor a code host gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
    text = re.sub(r"<[^>]+>|[`*]", "", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(doc: Path) -> set[str]:
    found, seen = set(), {}
    text = _FENCE.sub("", doc.read_text(encoding="utf-8"))  # a code span in a heading is part of its anchor
    for _, heading in _HEADING.findall(text):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def link_problems(doc: Path) -> list[str]:
    text = without_code(doc.read_text(encoding="utf-8"))
    problems = []
    for target in [*_LINK.findall(text), *_HTML_LINK.findall(text)]:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto:, tel:
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            problems.append(f"{name(doc)}: ({target}): no file {path}")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            problems.append(f"{name(doc)}: ({target}): no heading with the anchor #{anchor} in {file.name}")
    return problems


@pytest.mark.parametrize("doc", DOCS, ids=name)
def test_every_relative_link_and_image_resolves(doc):
    assert link_problems(doc) == []


def test_every_guide_can_be_reached_from_the_handbook_index():
    index = HANDBOOK / "README.md"
    linked = {(index.parent / t.partition("#")[0]).resolve() for t in _LINK.findall(without_code(index.read_text()))}
    missing = [name(d) for d in DOCS if d not in (README, index) and d.resolve() not in linked]
    assert missing == []


# --- the checks themselves --------------------------------------------------------------------------------------


def test_the_checks_see_a_renamed_command_a_wrong_option_and_a_broken_link(tmp_path, capsys):
    guide = "Run `kie services callsheet --province 53 -o x` or\n\n```sh\nkie build --edtion ntt\n```\n"
    problems = [structure_problem(c) for c, _ in quoted_commands(guide)]
    assert problems == [
        "kie build: no option '--edtion'",
        "'callsheet' is not a command of 'kie services' (it has: export, import, due, call-sheet, record)",
    ]
    missing = parse_problem("kie i18n review-pack jv", capsys)  # a whole command in a code block must parse
    assert missing.endswith("the following arguments are required: -o/--output")
    assert structure_problem("kie serve [--lan] [-d DIR | --edition ID]") is None  # a usage line
    assert structure_problem("kie --today 2026-12-04 services due --within 60") is None
    doc = tmp_path / "guide.md"
    (tmp_path / "there.md").write_text("# Mengecek nomor: lewat telepon\n", encoding="utf-8")
    doc.write_text("[a](there.md#mengecek-nomor-lewat-telepon) [b](there.md#lain) ![c](img/none.png)\n")
    assert link_problems(doc) == [
        f"{doc}: (there.md#lain): no heading with the anchor #lain in there.md",
        f"{doc}: (img/none.png): no file img/none.png",
    ]
