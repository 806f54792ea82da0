"""`kie i18n status | mark | review | new`: the translators' commands."""

from __future__ import annotations

import sys
from pathlib import Path

from ..engine.new_language import new_language
from ..model.content import require_valid
from ..model.project import ProjectError, load_project
from ..model.translation_records import mark, records_file, write_records
from ..model.translation_style import check_language, style_file
from ..model.translations import NEEDS_WORK, STALE, UNMARKED
from ..print.review_import import apply_verdicts, read_verdicts, reviewed_items
from ..print.review_pack import pack_csv, pack_rows, write_pack
from ..views.translation_report import format_status
from .output import is_stdout, write_stdout

NEXT_STEPS = (
    "Next: translate an item, check it with `kie check`, then record it with `kie i18n mark LANG ITEM`.\n"
    "A native speaker who has checked a translation runs `kie i18n review LANG ITEM`."
)


def add_commands(sub) -> None:
    i18n = sub.add_parser("i18n", help="translations: what is missing or out of date; record, review, add a language")
    commands = "{status,mark,review,review-pack,review-import,new}"
    cmds = i18n.add_subparsers(dest="i18n_command", required=True, metavar=commands)
    status = cmds.add_parser("status", help="per language: translated, missing, stale, awaiting review")
    status.add_argument("--lang", action="append", help="only this language (may be given more than once)")
    status.add_argument("--all", action="store_true", help="list every item, not only those that need work")
    status.add_argument("--strict", action="store_true", help="exit 1 if anything is missing, stale or not marked")
    status.set_defaults(run=cmd_status)
    mark = cmds.add_parser("mark", help="record that these translations match the current Indonesian text")
    mark.add_argument("lang", help="language code, e.g. en")
    mark.add_argument("items", nargs="*", help="e.g. modus/jeratan-utang, docs/panduan/prinsip, ui (or a file path)")
    mark.add_argument("--all", action="store_true", help="record every translation not recorded yet (stale stay stale)")
    mark.set_defaults(run=cmd_mark)
    review = cmds.add_parser("review", help="record that a native speaker has checked these translations")
    review.add_argument("lang", help="language code, e.g. jv")
    review.add_argument("items", nargs="+", help="e.g. modus/jeratan-utang")
    review.set_defaults(run=cmd_review)
    pack = cmds.add_parser("review-pack", help="PDF + CSV of every translation awaiting review, for a native speaker")
    pack.add_argument("lang", help="language code, e.g. jv")
    pack.add_argument(
        "-o", "--output", required=True, help="file name: writes NAME.csv and NAME.pdf; - prints the CSV only"
    )
    pack.set_defaults(run=cmd_review_pack)
    imp = cmds.add_parser("review-import", help="record a native speaker's verdicts and corrections from a review CSV")
    imp.add_argument("file", help="the review pack's CSV, filled in")
    imp.add_argument("--reviewer", required=True, help="who reviewed, recorded in content/i18n/<lang>.yml")
    imp.set_defaults(run=cmd_review_import)
    new = cmds.add_parser("new", help="add a language to the site, ready to translate")
    new.add_argument("lang", help="two-letter ISO 639-1 code, e.g. su")
    new.add_argument("--name", help='the language\'s name in that language, e.g. "Basa Sunda"')
    new.set_defaults(run=cmd_new)


def _load(args):

    project = load_project(args.root)
    content, _ = require_valid(project)  # never record hashes of content that does not load
    return project, content.translations


def _language(translations, code: str) -> str:
    if code == translations.default:
        raise ProjectError(
            f"'{code}' is the source language; give a language to translate into, e.g. "
            + ", ".join(translations.languages)
        )
    if code not in translations.languages:
        raise ProjectError(
            f"'{code}' is not a language of this site (it publishes {', '.join(translations.names)}); "
            f"add it with `kie i18n new {code}`"
        )
    return code


def _items(translations, names: list[str]) -> list:
    found, unknown = [], []
    for name in names:
        item = translations.find(name)
        (found if item else unknown).append(item or name)
    if unknown:
        raise ProjectError(
            f"no page or entry called {', '.join(repr(n) for n in unknown)}; "
            "`kie i18n status --all` lists them (e.g. modus/jeratan-utang, docs/panduan/prinsip, ui)"
        )
    return found


def cmd_status(args) -> int:

    project, translations = _load(args)
    langs = [_language(translations, code) for code in args.lang] if args.lang else translations.languages
    if not langs:
        print("This site has one language only; add one with `kie i18n new CODE`.")
        return 0
    print(format_status(translations, langs, show_all=args.all), end="")
    style_failing = _style_warnings(project, translations, langs)
    failing = sum(translations.totals(lang)[state] for lang in langs for state in NEEDS_WORK)
    if args.strict and failing:
        print(f"{failing} item(s) are missing, partly translated, stale or not marked.", file=sys.stderr)
    if args.strict and (failing or style_failing):
        return 1
    print("\n" + NEXT_STEPS)
    return 0


def _style_warnings(project, translations, langs: list[str]) -> int:
    """Print what breaks each language's style sheet (content/i18n/<lang>-style.yml); returns how many."""

    total = 0
    for lang in langs:
        if not style_file(project, lang).is_file():
            continue
        found = check_language(project, lang, translations.default)
        print(f"\nStyle ({project.rel(style_file(project, lang))}): {len(found)} warning(s)")
        for problem in found:
            print(problem)
        total += len(found)
    return total


def cmd_mark(args) -> int:

    project, translations = _load(args)
    lang = _language(translations, args.lang)
    if bool(args.items) == bool(args.all):
        raise ProjectError(f"name what you translated, e.g. `kie i18n mark {lang} modus/jeratan-utang`, or give --all")
    items = translations.items if args.all else _items(translations, args.items)
    changed = mark(translations, lang, items, keep_recorded=args.all)
    if changed or records_file(project, lang).is_file():
        write_records(project, translations, lang)
    for item in changed:
        status = translations.status(lang, item)
        missing = len(status.fields_in("missing"))
        rest = f"; {missing} of {len(status.fields)} still to translate" if missing else ""
        print(f"recorded {item.key} ({lang}){rest}")
    for item in items:
        if args.all:
            continue
        if not item.translated_into(lang):
            print(f"{item.key}: not published in {lang} (its languages: {', '.join(item.languages)})")
        elif not item.present.get(lang):
            print(f"{item.key}: nothing is translated into {lang} yet ({item.translation_file(lang)})")
    if not changed:
        print(f"Nothing new to record for {lang}.")
    return 0


def cmd_review(args) -> int:

    project, translations = _load(args)
    lang = _language(translations, args.lang)
    items = _items(translations, args.items)
    refused = []
    for item in items:
        status = translations.status(lang, item)
        if not item.present.get(lang):
            refused.append(f"{item.key}: nothing is translated into {lang} yet")
        elif status.fields_in(STALE) or status.fields_in(UNMARKED):
            refused.append(
                f"{item.key}: the translation is stale or not recorded; update it, run "
                f"`kie i18n mark {lang} {item.key}`, then review it"
            )
    if refused:
        print("\n".join(refused), file=sys.stderr)
        print("Nothing was recorded.", file=sys.stderr)
        return 1
    for item in items:
        translations.records[lang][item.key].reviewed = True
        print(f"reviewed {item.key} ({lang})")
    write_records(project, translations, lang)
    return 0


def cmd_review_pack(args) -> int:

    project, translations = _load(args)
    lang = _language(translations, args.lang)
    if is_stdout(args.output):  # a PDF is no text for a pipe or a terminal: only the CSV
        rows = pack_rows(project, translations, lang)
        write_stdout(pack_csv(rows, lang))
        print(
            f"{len(rows)} text(s) awaiting review written to standard output as CSV; "
            "for the PDF too, give a file name: -o NAME writes NAME.csv and NAME.pdf",
            file=sys.stderr,
        )
        return 0
    csv_file, pdf_file, count = write_pack(project, translations, lang, Path(args.output))
    print(f"{count} text(s) awaiting review: {csv_file} (fill in 'verdict': ok or corrected) and {pdf_file}")
    print(f"Then: kie i18n review-import {csv_file} --reviewer NAME")
    return 0


def cmd_review_import(args) -> int:

    project, translations = _load(args)
    file = Path(args.file)
    lang, verdicts, problems = read_verdicts(project, translations, file)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing was written.", file=sys.stderr)
        return 1
    apply_verdicts(project, translations, lang, verdicts)
    done = reviewed_items(translations, lang, verdicts)
    for key in done:
        record = translations.records[lang][key]
        record.reviewed, record.reviewer = True, args.reviewer.strip()
    if done:
        write_records(project, translations, lang)
    fixed = sum(len(paths) for paths in verdicts.corrections.values())
    print(f"{fixed} correction(s) written; {len(done)} item(s) recorded as reviewed by {args.reviewer.strip()}")
    for key in done:
        print(f"  reviewed {key} ({lang})")
    return 0


def cmd_new(args) -> int:

    project = load_project(args.root)
    done = new_language(project, args.lang, args.name)
    print(f"Added language '{args.lang}':")
    for file, what in done:
        print(f"  {file:<42} {what}")
    print(
        f"The site now has /{args.lang}/ pages, in Indonesian (with a notice) until they are translated.\n"
        f"`kie i18n status --lang {args.lang}` lists what to translate; handbook/terjemahan.md explains how."
    )
    return 0
