"""The guides in handbook/ quote commands a facilitator types: each must be one the command line accepts."""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO
from kie.cli import build_parser

GUIDES = sorted((REPO / "handbook").glob("*.md"))
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
_INLINE = re.compile(r"`(kie [^`]+)`")


def quoted(text: str) -> tuple[list[str], list[str]]:
    """(`kie …` lines of code blocks: whole commands, `kie …` named inline: commands, maybe without arguments).
    Usage lines with [options] or placeholders are left out."""
    blocks = [line.strip() for block in _FENCE.findall(text) for line in block.splitlines()]
    inline = [c for c in _INLINE.findall(text) if not re.search(r"[\[\]|…<>]|\b[A-Z]{2,}\b", c)]
    return [c for c in blocks if c.startswith("kie ")], inline


def refusal(command: str, capsys) -> str | None:
    try:
        build_parser().parse_args(shlex.split(command)[1:])
    except SystemExit:
        return capsys.readouterr().err.strip().splitlines()[-1]
    return None


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_every_command_a_guide_quotes_is_accepted(guide, capsys):
    blocks, inline = quoted(guide.read_text(encoding="utf-8"))
    assert blocks or inline, f"{guide.name} quotes no command"
    for command in blocks:
        assert refusal(command, capsys) is None, f"{guide.name}: `{command}`: {refusal(command, capsys)}"
    for command in inline:  # named in a sentence: the command and its options must exist; arguments may be left out
        why = refusal(command, capsys)
        assert why is None or "the following arguments are required" in why, f"{guide.name}: `{command}`: {why}"
