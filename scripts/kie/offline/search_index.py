"""The site search index of one language: pages, their sections, and the site's words -> roots.

Words are indexed under their root, so "perdagangan", "berdagang" and "pedagang" all find "dagang".
Roots are decided here, at build time, where a real stemmer and a 30,000-word root dictionary are at
hand; the phone gets only the table of the words this site uses (assets/js/kie-search.js reads it,
and guesses roots only for words the site never uses).

A language gets a stemmer by adding one line to ROOTERS; without one (Javanese today) words are
indexed as they are and the search matches them exactly or by their beginning.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

import snowballstemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from ..views.contract import SEARCH_INDEX_GLOBAL

WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")

# Where both the stemmer and the dictionary get a word of this site wrong ("meni" is in the dictionary).
ROOT_FIXES = {"menikah": "nikah", "dinikahkan": "nikah", "menikahi": "nikah", "pernikahan": "nikah"}


def fold(text: str) -> str:
    """Lower case without accents: what kie-search.js does to the words a reader types."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def plain(html: str) -> str:
    return SPACE.sub(" ", TAG.sub(" ", html)).strip()


@cache
def _dictionary() -> frozenset[str]:
    data = resources.files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in data.splitlines() if line.strip())


@cache
def _snowball(lang: str):
    return snowballstemmer.stemmer(lang)


@cache
def _sastrawi():
    return StemmerFactory().create_stemmer()


@cache
def indonesian_root(word: str) -> str:
    """Snowball's Indonesian stemmer, corrected by the root dictionary where its answer is no word.

    Snowball strips "pen-" from "penipuan" and leaves "ipu"; Sastrawi restores the "t" that the prefix
    swallowed because it checks every guess against the dictionary.
    """
    if word in ROOT_FIXES:
        return ROOT_FIXES[word]
    if len(word) < 4 or word.isdigit():
        return word
    guess = _snowball("indonesian").stemWord(word)
    if guess in _dictionary():
        return guess
    checked = _sastrawi().stem(word)
    return checked if checked in _dictionary() else guess


@cache
def english_root(word: str) -> str:
    return word if word.isdigit() else _snowball("english").stemWord(word)


ROOTERS = {"id": indonesian_root, "en": english_root}  # one line per language that has a stemmer


def root_of(lang: str, word: str) -> str:
    rooter = ROOTERS.get(lang)
    return rooter(word) if rooter else word


def group_pages(docs: list[dict], unsearched: frozenset[str] = frozenset()) -> list[dict]:
    """MkDocs' entries (a page, then its sections as page#anchor) -> one record per page with its sections.

    Sections titled as in `unsearched` stay out: a page's list of sources is for checking facts, not
    for finding the page, and left in it was the tenth of the index that pushed English past 70 KB.
    """
    pages: dict[str, dict] = {}
    for d in docs:
        url, _, anchor = d["location"].partition("#")
        page = pages.setdefault(url, {"u": url, "t": "", "s": []})
        title, text = plain(d["title"]), plain(d.get("text", ""))
        if anchor and title in unsearched:
            continue
        if anchor and not text and title == page["t"]:
            continue  # a heading whose own words were kept out (the media page's lists): the page's title again
        if not anchor:
            page["t"] = title
            if text:
                page["s"].insert(0, ["", title, text])  # the page's opening text
        else:
            page["s"].append([anchor, title, text])
    for page in pages.values():
        page["t"] = page["t"] or (page["s"][0][1] if page["s"] else page["u"])
    return list(pages.values())


def root_table(lang: str, texts: list[str]) -> dict[str, str]:
    """root -> the site's words that have it (space-separated): only words whose root differs."""
    table: dict[str, list[str]] = {}
    for word in sorted({w for text in texts for w in words(text)}):
        root = root_of(lang, word)
        if root != word:
            table.setdefault(root, []).append(word)
    return {root: " ".join(found) for root, found in sorted(table.items())}


def build_index(
    lang: str, docs: list[dict], synonyms: list[list[str]] | None = None, unsearched: frozenset[str] = frozenset()
) -> dict:
    """What search/<lang>.js holds: pages with sections, the word -> root table, the synonym groups."""
    pages = group_pages(docs, unsearched)
    groups = [[fold(p) for p in group] for group in synonyms or []]
    texts = [p["t"] for p in pages] + [t for p in pages for s in p["s"] for t in s[1:]]
    texts += [phrase for group in groups for phrase in group]
    return {"lang": lang, "pages": pages, "roots": root_table(lang, texts), "synonyms": groups}


def write_index(
    target: Path,
    lang: str,
    docs: list[dict],
    synonyms: list[list[str]] | None = None,
    unsearched: frozenset[str] = frozenset(),
) -> int:
    index = build_index(lang, docs, synonyms, unsearched)
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # a script, not JSON: it loads from file:// too, where fetch() is not allowed
    target.write_text(f"window.{SEARCH_INDEX_GLOBAL}={payload};\n", encoding="utf-8")
    return len(index["pages"])
