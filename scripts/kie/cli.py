"""Command line: `kie check`, `kie build`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .i18n_cli import add_commands as add_i18n_commands
from .problems import ContentError
from .project import ProjectError, load_project
from .serve_cli import add_command as add_serve_command
from .services_csv import add_commands as add_services_commands


def cmd_check(args) -> int:
    from .content import load_content

    project = load_project(args.root)
    _, problems = load_content(project)
    for problem in problems:
        print(problem)
    failing = [p for p in problems if args.strict or not p.warning]
    if failing:
        print(f"{len(failing)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    return 0


def cmd_build(args) -> int:
    from .build import build_site

    project = load_project(args.root)
    out = Path(args.site_dir).resolve() if args.site_dir else project.root / "site"
    warnings = build_site(project, out, strict=args.strict)
    for problem in warnings:
        print(problem)
    print(f"Site built in {project.rel(out)}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2 is not for editors
    parser = argparse.ArgumentParser(prog="kie", description="Build the anti-trafficking education site.")
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: found from here)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate content/ and report every problem")
    check.add_argument("--strict", action="store_true", help="also fail on warnings (e.g. stale services)")
    check.set_defaults(run=cmd_check)
    build = sub.add_parser("build", help="validate, then build the site (and everything else) into site/")
    build.add_argument("-d", "--site-dir", help="output folder (default: site/)")
    build.add_argument("--strict", action="store_true", help="also fail on warnings")
    build.set_defaults(run=cmd_build)
    add_i18n_commands(sub)
    add_services_commands(sub)
    add_serve_command(sub)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; the site was not changed.", file=sys.stderr)
        return 1
    except ProjectError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - an editor must never see a traceback
        from .build import BuildError

        if not isinstance(err, BuildError):
            raise
        print(f"error: {err}", file=sys.stderr)
        print("The site was not changed.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
