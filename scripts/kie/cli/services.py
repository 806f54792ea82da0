"""`kie services export FILE.csv` and `kie services import FILE.csv`: the directory as a spreadsheet.

`kie services export -` prints the CSV instead (kie.cli.output). Import reads files only: its messages name the
file and the row of every problem, and a file is what a spreadsheet program saves.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.content import require_valid
from ..model.project import load_project
from ..model.services_csv import CsvError, export_services, import_services, services_csv
from .calls import add_actions as add_call_actions
from .output import is_stdout, write_stdout


def add_commands(sub) -> None:
    services = sub.add_parser(
        "services", help="the service directory: a spreadsheet (CSV), what is due a check, call sheets, calls"
    )
    actions = services.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write every service to a CSV file (UTF-8, one row per service)")
    export.add_argument("file", type=Path, help="the CSV file to write; - prints it (UTF-8, no byte order mark)")
    export.add_argument("--semicolon", action="store_true", help="separate cells with ';' (Excel in Indonesian)")
    export.set_defaults(run=_cmd_export)
    imp = actions.add_parser("import", help="check a CSV file and update content/services/ from it")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check and report, but write nothing")
    imp.set_defaults(run=_cmd_import)
    add_call_actions(actions)  # due, call-sheet, record: cli/calls.py


def _cmd_export(args) -> int:
    project = load_project(args.root)
    content, _ = require_valid(project)
    delimiter = ";" if args.semicolon else ","
    try:
        if is_stdout(args.file):
            text, count = services_csv(content, delimiter)
            write_stdout(text)
            print(f"{count} services written to standard output", file=sys.stderr)
            return 0
        count = export_services(project, content, args.file, delimiter)
    except CsvError as err:
        print("\n".join(err.lines), file=sys.stderr)
        return 1
    print(f"{count} services written to {args.file}")
    return 0


def _cmd_import(args) -> int:
    project = load_project(args.root)
    content, _ = require_valid(project)
    try:
        messages = import_services(project, content, args.file, dry_run=args.dry_run)
    except CsvError as err:
        print("\n".join(err.lines), file=sys.stderr)
        print(f"{len(err.lines)} problem(s) found; nothing was written.", file=sys.stderr)
        return 1
    print("\n".join(messages + (["(dry run: nothing was written)"] if args.dry_run else [])))
    return 0
