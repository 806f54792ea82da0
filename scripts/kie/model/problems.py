"""A problem found in the content, reported as one line an editor can act on."""

from __future__ import annotations

import errno
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path relative to the project root, e.g. content/modus/x.yml
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    field: str  # dotted path such as warning_signs[2].en, or "-" for the whole file
    message: str  # what is wrong and how to fix it
    warning: bool = False  # warnings do not fail `kie check` unless --strict

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.warning else ""
        return f"{where}: {self.field}: {prefix}{self.message}"


class ContentError(Exception):
    """Raised when content has problems that must stop a build."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the content:\n{lines}")


class BuildError(Exception):
    """The site could not be built for a reason other than the content (MkDocs refused, printing failed, …)."""


def describe_os_error(err: OSError) -> str:
    """A failure of the machine in one plain line: what could not be done, to which path, and why."""
    path = f" {err.filename}" if err.filename else ""
    reasons = {
        errno.ENOSPC: "the disk is full; free some space and run the command again",
        errno.EACCES: "permission denied; check who owns the folder, or choose another with -d",
        errno.EPERM: "permission denied; check who owns the folder, or choose another with -d",
        errno.EROFS: "the disk is read-only; choose another folder with -d",
        errno.ENOENT: "it does not exist",
    }
    return f"cannot write or read{path}: {reasons.get(err.errno, err.strerror or str(err))}"
