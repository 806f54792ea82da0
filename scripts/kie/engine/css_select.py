"""Which CSS selectors can match the built pages (for kie.css_purge).

A selector is first widened so that states no build-time page is in still count (see STATE_ATTRIBUTES,
SAFELIST_CLASSES and script_names), then tested against the vocabulary of all pages (a selector naming a
class, id, tag or attribute that no page has is dropped at once) and then, with cssselect2, against every
element of every page until it matches once.
"""

from __future__ import annotations

import re

import cssselect2
import tinycss2
from tinycss2.serializer import serialize_identifier

from .page_html import parse_html

_JS_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`]*)`""")
_IDENT = re.compile(r"-?[A-Za-z_][\w-]*")
_CREATED = re.compile(r"""createElement\(\s*["'](\w+)["']""")

# Attributes that change while a page is open, so a rule about them may apply later.
STATE_ATTRIBUTES = {
    "hidden",  # offline panel, update notice, quiz cards, directory filter
    "open",  # <details> opened by the reader
    "disabled",
    "checked",
    "value",
    "aria-pressed",  # quiz answers
    "aria-expanded",
    "aria-current",
    "aria-selected",
    "data-md-state",
}
# Classes scripts add that do not appear in a string of their own (none today: kie.js, kie-quiz.js and
# kie-directory.js write theirs as strings, which are found automatically). Add a name here with the reason.
SAFELIST_CLASSES: set[str] = set()
# Pseudo-classes evaluated at build time; every other one (:hover, :focus, :checked, :first-child,
# :not(), :is()...) is left out of the match, which only ever keeps more.
STATIC_PSEUDO = {"root", "lang"}


def script_names(scripts: list[str]) -> tuple[set[str], tuple[str, ...], set[str]]:
    """Names written in strings of the site's JavaScript: classes, ids and attributes scripts may set,
    and the tags they create (search results are <li><a><article><h2>...: no built page has them there).

    A string ending in '-' ("kie-quiz-" + kind) is a prefix."""
    names, prefixes = set(), set()
    tags = {t.lower() for source in scripts for t in _CREATED.findall(source)}
    for source in scripts:
        for match in _JS_STRING.finditer(source):
            for word in _IDENT.findall(next(g for g in match.groups() if g is not None)):
                (prefixes if word.endswith(("-", "_")) and len(word) > 3 else names).add(word)
    return names, tuple(sorted(prefixes)), tags


class Widen:
    """Rewrites a selector into the one matched at build time (see the module's docstring)."""

    def __init__(self, dynamic: set[str], prefixes: tuple[str, ...], created: set[str] = frozenset()):
        self.dynamic, self.prefixes, self.created = dynamic | SAFELIST_CLASSES, prefixes, created

    def is_dynamic(self, name: str) -> bool:
        return name in self.dynamic or name.startswith(self.prefixes)

    def __call__(self, tokens: list) -> str:
        compounds, current, had, combinator = [], [], False, ""
        tokens = list(tokens)

        def close():
            nonlocal current, had
            if had:
                compounds.append((combinator, "".join(current) or "*"))
            current, had = [], False

        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "whitespace":
                if had:
                    close()
                    combinator = " "
            elif kind == "literal" and tok.value in (">", "+", "~"):
                if had:
                    close()
                combinator = tok.value
            elif kind == "literal" and tok.value == ":":
                had = True
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if nxt is not None and nxt.type == "literal" and nxt.value == ":":  # pseudo-element
                    i += 2
                elif nxt is not None and nxt.type == "ident" and nxt.lower_value in STATIC_PSEUDO:
                    current.append(":" + nxt.value)
                    i += 1
                elif nxt is not None and nxt.type == "function" and nxt.lower_name in STATIC_PSEUDO:
                    current.append(":" + tinycss2.serialize([nxt]))
                    i += 1
                else:
                    i += 1
            elif kind == "literal" and tok.value == ".":
                had = True
                nxt = tokens[i + 1]
                if not self.is_dynamic(nxt.value):
                    current.append("." + tinycss2.serialize([nxt]))
                i += 1
            elif kind == "hash":
                had = True
                if not self.is_dynamic(tok.value):
                    current.append(tinycss2.serialize([tok]))
            elif kind == "[] block":
                had = True
                name = next((t.value for t in tok.content if t.type == "ident"), "")
                if name.lower() not in STATE_ATTRIBUTES and not self.is_dynamic(name):
                    current.append(tinycss2.serialize([tok]))
            elif kind == "ident" and tok.lower_value in self.created:
                had = True  # a tag scripts create: any element may be one
            else:
                had = True
                current.append(tinycss2.serialize([tok]))
            i += 1
        close()
        text = "".join(comb + part for comb, part in compounds).strip()
        return text or "*"


def split_selectors(prelude: list) -> list[list]:
    parts, current = [], []
    for tok in prelude:
        if tok.type == "literal" and tok.value == ",":
            parts.append(current)
            current = []
        elif tok.type != "comment":
            current.append(tok)
    parts.append(current)
    return [p for p in parts if any(t.type != "whitespace" for t in p)]


_TIGHT = (",", ">")  # no space is needed next to these (inside calc(), '+' and '-' need theirs: left alone)


def compact(tokens: list) -> str:
    """Serialize without comments, with runs of whitespace as one space and none next to ',' or '>', also inside
    functions (`translate3d(0, 1rem, 0)` → `translate3d(0,1rem,0)`): the site's stylesheet needs no minifier."""
    out: list[str] = []
    for tok in tokens:
        if tok.type == "comment":
            continue
        if tok.type == "whitespace":
            if out and out[-1] != " " and out[-1] not in _TIGHT:
                out.append(" ")
            continue
        if tok.type == "literal" and tok.value in _TIGHT and out and out[-1] == " ":
            out.pop()
        if tok.type == "function":
            out.append(f"{serialize_identifier(tok.name)}({compact(tok.arguments)})")
        else:
            out.append(tinycss2.serialize([tok]))
    return "".join(out).strip()


class Vocabulary:
    """Every tag, class, id and attribute (name and name=value) used on some page."""

    def __init__(self, roots: list):
        self.tags, self.classes, self.ids, self.attrs, self.pairs = set(), set(), set(), set(), set()
        for root in roots:
            for el in root.iter():
                self.tags.add(el.tag.lower())
                for name, value in el.attrib.items():
                    self.attrs.add(name)
                    self.pairs.add((name, value))
                    if name == "class":
                        self.classes.update(value.split())
                    elif name == "id":
                        self.ids.add(value)

    def possible(self, node) -> bool:
        """False when some part of the (widened) selector names something no page has."""
        if isinstance(node, cssselect2.parser.CombinedSelector):
            return self.possible(node.left) and self.possible(node.right)
        for simple in getattr(node, "simple_selectors", ()):
            if isinstance(simple, cssselect2.parser.ClassSelector) and simple.class_name not in self.classes:
                return False
            if isinstance(simple, cssselect2.parser.IDSelector) and simple.ident not in self.ids:
                return False
            if isinstance(simple, cssselect2.parser.LocalNameSelector) and simple.lower_local_name not in self.tags:
                return False
            if isinstance(simple, cssselect2.parser.AttributeSelector):
                if simple.lower_name not in self.attrs:
                    return False
                if simple.operator == "=" and (simple.lower_name, simple.value) not in self.pairs:
                    return False
        return True


def _rules_with_selectors(rules):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            yield from _rules_with_selectors(tinycss2.parse_rule_list(rule.content, True, True))


def matching_selectors(rules_sets: list, pages: dict[str, str], widen: Widen, memo: dict | None = None) -> set[str]:
    """The selectors (compact text) that match an element of some page, once widened. `pages`: {id: html},
    where the id changes whenever the page's tags or attributes do.

    `memo` makes a rebuild cheap and changes nothing in the result: it holds, from the last run with the same
    stylesheets and scripts, the pages' ids and for every kept selector the page it matched first (its
    witness). A selector whose witness is still there is kept without a test; a selector that matched no
    page then can match only a new or changed page; only a selector whose witness is gone is tested on
    every page. The memo is updated in place for the next run."""
    entries, keep = _candidates(rules_sets, widen)  # keep: selectors we cannot evaluate
    memo = memo if memo is not None else {}
    before, last = set(memo.get("pages", ())), memo.get("witness", {})
    witness = {text: page for text, page in last.items() if page in pages}  # still there: still matches
    lost = last.keys() - witness.keys()
    new = [page for page in pages if page not in before]
    if memo:
        groups = [
            ([e for e in entries if e[1] not in witness and e[1] not in lost], new),  # matched no old page
            ([e for e in entries if e[1] in lost], list(pages)),  # its page changed or went: every page
        ]
    else:
        groups = [(entries, list(pages))]
    for group, ids in groups:
        if group and ids:
            witness.update(_first_matches(group, {i: pages[i] for i in ids}))
    memo.clear()
    memo.update(pages=sorted(pages), witness=witness)
    return keep | set(witness)


def _candidates(rules_sets: list, widen: Widen) -> tuple[list[tuple], set[str]]:
    """(entries, kept): an entry is (index key, compact text, compiled selector, parsed tree) for each selector
    we can evaluate; `kept` holds those we cannot (they are kept as they are)."""
    raw: dict[str, list] = {}
    for rules in rules_sets:
        for rule in _rules_with_selectors(rules):
            for sel in split_selectors(rule.prelude):
                raw.setdefault(compact(sel), sel)
    entries, kept = [], set()
    for text, tokens in raw.items():
        try:
            parsed = list(cssselect2.parser.parse(widen(tokens)))
            compiled = [cssselect2.compiler.CompiledSelector(sel) for sel in parsed]
        except cssselect2.SelectorError:
            kept.add(text)
            continue
        for sel, tree in zip(compiled, parsed, strict=True):
            if not sel.never_matches:
                entries.append((_index_key(sel), text, sel, tree))
    return entries, kept


def _index_key(sel) -> tuple[str, str]:
    """The rightmost id, class or tag of a selector (as cssselect2.Matcher indexes them)."""
    if sel.id is not None:
        return ("id", sel.id)
    if sel.class_name is not None:
        return ("class", sel.class_name)
    if sel.lower_local_name is not None:
        return ("tag", sel.lower_local_name)
    return ("any", "")


def _first_matches(entries: list[tuple], pages: dict[str, str]) -> dict[str, str]:
    """{selector text: id of the first page where it matches} for the selectors that match somewhere."""
    roots = {page: parse_html(text) for page, text in pages.items()}
    vocabulary = Vocabulary(list(roots.values()))
    # A selector leaves the index once it has matched, so later pages only test the ones not found yet.
    index: dict[tuple[str, str], list] = {}
    for key, text, sel, tree in entries:
        if vocabulary.possible(tree.parsed_tree):
            index.setdefault(key, []).append((sel.test, text))
    found: dict[str, str] = {}
    for page, root in roots.items():
        index = {k: [e for e in v if e[1] not in found] for k, v in index.items()}
        index = {k: v for k, v in index.items() if v}
        if not index:
            break
        anything = index.get(("any", ""), [])
        for element in cssselect2.ElementWrapper.from_html_root(root).iter_subtree():
            keys = [("tag", element.local_name.lower())]
            keys += [("class", c) for c in element.classes]
            if element.id is not None:
                keys.append(("id", element.id))
            for candidates in [anything, *(index.get(k, ()) for k in keys)]:
                for test, text in candidates:
                    if text not in found and test(element):
                        found[text] = page
    return found
