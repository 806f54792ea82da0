"""Command line: `kie check`, `kie build`, and the commands of cli/i18n, services, serve and session."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..engine.build import build_all_editions, build_if_changed
from ..model import clock
from ..model.content import load_content
from ..model.problems import BuildError, ContentError, describe_os_error
from ..model.project import ProjectError, load_project
from .i18n import add_commands as add_i18n_commands
from .output import quiet_stdout
from .serve import add_command as add_serve_command
from .services import add_commands as add_services_commands
from .session import add_commands as add_session_commands


def cmd_check(args) -> int:
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
    project = load_project(args.root)
    out = Path(args.site_dir).resolve() if args.site_dir else project.root / "site"
    if args.edition and not args.site_dir:
        out = out / args.edition  # next to nothing national: site/<edition>/, where `kie serve --edition` looks
    if args.all_editions:
        warnings, built, unchanged = build_all_editions(project, out, strict=args.strict, force=args.force)
        for problem in warnings:
            print(problem)
        print(f"Built into {project.rel(out)}/: {', '.join(built) or 'nothing'}.")
        if unchanged:
            print(
                f"Unchanged since their last build: {', '.join(unchanged)} "
                "(`kie build --all-editions --force` builds them again)."
            )
        return 0
    warnings, built = build_if_changed(project, out, strict=args.strict, force=args.force, edition=args.edition)
    for problem in warnings:
        print(problem)
    if built:
        print(f"Site built in {project.rel(out)}/")
    else:
        print(
            f"Nothing changed since the last build: {project.rel(out)}/ is up to date "
            "(`kie build --force` builds it again)."
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Every command and option: `main` runs them; tests check the commands the handbook quotes against them."""
    parser = argparse.ArgumentParser(prog="kie", description="Build the anti-trafficking education site.")
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: found from here)")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="check dates (freshness, future dates) as on this day; also KIE_TODAY"
    )
    parser.add_argument("--debug", action="store_true", help="show the full error of an unexpected failure")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate content/ and report every problem")
    check.add_argument("--strict", action="store_true", help="also fail on warnings (e.g. stale services)")
    check.set_defaults(run=cmd_check)
    build = sub.add_parser("build", help="validate, then build the site (and everything else) into site/")
    build.add_argument("-d", "--site-dir", help="output folder (default: site/)")
    build.add_argument("--strict", action="store_true", help="also fail on warnings")
    build.add_argument("--force", action="store_true", help="build even if nothing changed since the last build")
    which = build.add_mutually_exclusive_group()
    which.add_argument(
        "--edition", metavar="ID", help="build the regional edition content/editions/ID.yml into site/ID/ (or -d DIR)"
    )
    which.add_argument(
        "--all-editions", action="store_true", help="build the national site, and every edition into DIR/<edition>/"
    )
    build.set_defaults(run=cmd_build)
    add_i18n_commands(sub)
    add_services_commands(sub)
    add_serve_command(sub)
    add_session_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2 is not for editors
    args = build_parser().parse_args(argv)
    if args.today:
        os.environ[clock.VARIABLE] = args.today
    try:
        clock.today()  # a wrong --today or KIE_TODAY is reported before anything runs
        return args.run(args)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; the site was not changed.", file=sys.stderr)
        return 1
    except ProjectError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        print("The site was not changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kie: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kie services due | head -3`: the reader had enough, which is no error
        quiet_stdout()
        return 0
    except OSError as err:  # the machine, not the content: a full disk, a missing permission
        print(f"kie: {describe_os_error(err)}", file=sys.stderr)
        return 2
    except Exception as err:  # an editor never sees a traceback; --debug shows it to a developer
        if args.debug:
            raise
        detail = " ".join(str(err).split())[:200] or type(err).__name__
        print(f"kie: internal error: {detail} (run with --debug for details)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
