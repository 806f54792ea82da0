"""`-` as a file name means standard output, as in most command-line tools: `kie services export - | head -1`.

What the command says about it (how many rows) then goes to standard error, so the output stays clean. No
byte order mark: that is for a spreadsheet program opening a file, and would be the first "character" a pipe
reads. A reader that stops early (`head -1`) closes the pipe: that is not an error.
"""

from __future__ import annotations

import os
import sys

STDOUT = "-"


def is_stdout(name) -> bool:
    return str(name) == STDOUT


def write_stdout(text: str) -> None:
    """Write `text` (UTF-8, whatever the terminal's encoding) to standard output; quiet if the reader left."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()


def quiet_stdout() -> None:
    """The reader of standard output left (`| head -1`): Python would report the failed flush again at exit,
    so point standard output at nothing instead."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
