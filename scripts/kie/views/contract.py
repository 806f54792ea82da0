"""Names the build (Python) and the browser scripts must spell the same way, written here once.

A page script finds the search index by the name of a global variable, fetches offline.json and kelas.json,
registers sw.js, opens a cache named after the offline version and talks to the service worker with two
message types. Each of those names used to be a string literal on both sides, kept equal by hand. Now:

- Python reads them from this module (the offline steps, `kie serve`, the quiz page);
- the build writes them into the served kie.js as `kie.contract` (see `page_contract`; the engine puts the
  line before the modules, kie-search.js reads the same object) and at the top of sw.js as `KIE`
  (`worker_contract`);
- tests/test_front_end.py fails when a JS source spells one of them as a literal again.

The shape of offline.json is shared too; the Python side writes it in kie.offline.packs and a browser test
feeds what that writes to the page's offline logic.
"""

from __future__ import annotations

import json

SEARCH_DIR = "search"
SEARCH_INDEX = SEARCH_DIR + "/{lang}.js"  # one per language, loaded as a script (fetch fails from file://)
SEARCH_INDEX_GLOBAL = "__kieIndex"  # what search/<lang>.js assigns on window
# On a block that is page furniture, not what the page is about: the same notice on forty pages, the
# directory's filter form. Left in, it filled result snippets ("Bagian bertanda ...", "AcehBaliBanten...").
UNSEARCHED = "data-kie-unsearched"
# Sections left out of the search index by their heading (an interface string): a page's sources are for checking
# facts; "Who to contact" repeats the services the directory pages are found for; "Related patterns" repeats other
# pages' titles, which made those sections compete with the pages themselves (and cost 4 KB of every index).
UNSEARCHED_HEADINGS = ("sources", "contacts", "related_modus")
OFFLINE_MANIFEST = "offline.json"  # what "save for offline" may download, per language, with sizes and hashes
SERVICE_WORKER = "sw.js"
CLASSROOM_FILE = "kelas.json"  # `kie serve` answers it with the session's files; the build ships an empty one
CACHE_PREFIX = "kie-"  # every cache of the site: "kie-" + the offline version
SAVED_MARKER = "__kie_saved__"  # inside the cache: which languages the reader saved
MESSAGE_KEEP = "keep"  # page -> worker: keep these addresses (the page was loaded before the worker ran)
MESSAGE_SKIP_WAITING = "skip-waiting"  # page -> worker: the reader asked for the new version
EXIT_EVENT = "kie-exit"  # quick exit fires it on the document before leaving: reading aloud stops (listen.js)

ASSETS_JS = "assets/js"
MAIN_SCRIPT = f"{ASSETS_JS}/kie.js"  # assembled by the build from docs/assets/js/kie/*.js
SEARCH_SCRIPT = f"{ASSETS_JS}/kie-search.js"  # loaded on the first search
DIRECTORY_SCRIPT = f"{ASSETS_JS}/kie-directory.js"  # loaded by pages that have the services filter
QUIZ_SCRIPT = f"{ASSETS_JS}/kie-quiz.js"  # named by the quiz page itself


def search_index_path(lang: str) -> str:
    """'search/en.js': the search index of one language."""
    return SEARCH_INDEX.format(lang=lang)


def page_contract() -> dict[str, str]:
    """What the page scripts read as `kie.contract` (JavaScript-style keys)."""
    return {
        "searchIndex": SEARCH_INDEX,
        "searchIndexGlobal": SEARCH_INDEX_GLOBAL,
        "searchScript": SEARCH_SCRIPT,
        "directoryScript": DIRECTORY_SCRIPT,
        "offlineManifest": OFFLINE_MANIFEST,
        "serviceWorker": SERVICE_WORKER,
        "classroomFile": CLASSROOM_FILE,
        "cachePrefix": CACHE_PREFIX,
        "savedMarker": SAVED_MARKER,
        "messageKeep": MESSAGE_KEEP,
        "messageSkipWaiting": MESSAGE_SKIP_WAITING,
        "exitEvent": EXIT_EVENT,
    }


def worker_contract(version: str, precache: list[str]) -> dict:
    """What sw.js reads as `KIE`: the same names, plus this build's version and the files to keep at once."""
    names = page_contract()
    keys = ("offlineManifest", "cachePrefix", "savedMarker", "messageKeep", "messageSkipWaiting")
    return {"version": version, "precache": precache, **{key: names[key] for key in keys}}


def page_contract_script() -> str:
    """The line the build puts at the top of kie.js (and tests put on a bare page before a module)."""
    payload = json.dumps(page_contract(), separators=(",", ":"))
    return f"(window.kie = window.kie || {{}}).contract = {payload};\n"


def worker_contract_script(version: str, precache: list[str]) -> str:
    """The line the build puts at the top of sw.js."""
    return f"const KIE = {json.dumps(worker_contract(version, precache), separators=(',', ':'))};\n"


def content_policy(script_hashes=(), style_hashes=(), attribute_hashes=()) -> str:
    """The content security policy of every page: the site's (kie.engine.csp adds its pages' hashes) and the
    pages `kie serve` makes (no hashes: their script and stylesheet are files). One policy, written here once."""
    styles = ["'self'", *style_hashes]
    if attribute_hashes:
        styles += ["'unsafe-hashes'", *attribute_hashes]
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *script_hashes]),
            " ".join(["style-src", *styles]),
            "img-src 'self' data:",
            "worker-src 'self'",
            "object-src 'none'",
            "form-action 'self'",
            "base-uri 'self'",
        ]
    )
