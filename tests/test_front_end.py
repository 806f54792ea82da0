"""The page script's sources and the names it shares with the build (kie.views.contract), without a browser.

kie.js is put together at build time from docs/assets/js/kie/*.js (kie.engine.front_end); sw.js gets the
same names from the build. A name spelled again as a literal in a script would drift from the Python side.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from kie.engine.front_end import HEADER, PARTS, SOURCE_DIR, assemble, is_source, part_text, without_comment_lines
from kie.engine.plugin import JS_STRINGS
from kie.views import contract

DOCS = REPO / "docs"
JS_SOURCES = sorted((DOCS / "assets" / "js").rglob("*.js")) + [REPO / "scripts" / "kie" / "static" / "sw.js"]
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LINE_COMMENT = re.compile(r"(^|\s)//.*$", re.M)  # after a space: never the // inside "https://"
JS_STRINGS_READERS = sorted((DOCS / SOURCE_DIR).glob("*.js")) + [DOCS / "assets" / "js" / "kie-search.js"]
_USED_KEY = re.compile(r"\b(contract|KIE)\.(\w+)")


def code_of(path) -> str:
    """The script without its comments: comments may name a file, code must not spell a contract name."""
    return _LINE_COMMENT.sub(r"\1", _BLOCK_COMMENT.sub("", path.read_text(encoding="utf-8")))


def spellings(value: str) -> list[re.Pattern]:
    """How a script could spell a contract name again: quoted (the name, or a path's file name, or the fixed
    part of a pattern), or, for a name like __kieIndex, anywhere in the code (window.__kieIndex)."""
    pieces = {value, value.rsplit("/", 1)[-1]} | set(value.split("{lang}"))
    pieces = {p for p in pieces if len(p) > 3}  # never "" or ".js"
    found = [re.compile(rf"""["'`]{re.escape(p)}["'`]""") for p in pieces]
    if value.startswith("__"):
        found.append(re.compile(rf"(?<![\w$]){re.escape(value)}(?![\w$])"))
    return found


def test_every_source_file_is_a_part_of_kie_js_in_a_fixed_order():
    on_disk = sorted(p.stem for p in (DOCS / SOURCE_DIR).glob("*"))
    assert on_disk == sorted(PARTS), "add the new file to PARTS in kie/engine/front_end.py (or remove it)"
    assert PARTS[-1] == "start"  # starts the others: they must be defined before it runs
    script = assemble(DOCS)
    assert script.startswith(HEADER + contract.page_contract_script())
    at = [script.index(part_text(DOCS, name)) for name in PARTS]
    assert at == sorted(at)


def test_kie_js_leaves_out_comment_lines_and_no_code():
    source = """/* A part.
 * Why it is so. */
(function (kie) {
  // a note
  var a = 1; // kept: after code
  /* one line */
  /* before code */ var b = 2;
  var url = "https://x.example/"; /* kept */
})(window.kie = window.kie || {});
"""
    assert (
        without_comment_lines(source)
        == """(function (kie) {
  var a = 1; // kept: after code
  /* before code */ var b = 2;
  var url = "https://x.example/"; /* kept */
})(window.kie = window.kie || {});
"""
    )


@pytest.mark.parametrize("path", JS_SOURCES, ids=lambda p: p.name)
def test_scripts_spell_no_contract_name_themselves(path):
    code = code_of(path)
    names = {**contract.page_contract(), "SEARCH_DIR": contract.SEARCH_DIR + "/"}
    leftovers = [
        f"{key} ({value!r})" for key, value in names.items() for pattern in spellings(value) if pattern.search(code)
    ]
    assert not leftovers, f"{path.name}: read these from the contract instead: {', '.join(leftovers)}"
    assert "__KIE_" not in code  # no placeholders left for the build to replace: it writes `KIE` above instead


def test_scripts_read_only_names_the_contract_has_and_every_name_is_read():
    page_keys, worker_keys = set(contract.page_contract()), set(contract.worker_contract("v", []))
    used = {"contract": set(), "KIE": set()}
    for path in JS_SOURCES:
        for owner, key in _USED_KEY.findall(code_of(path)):
            used[owner].add(key)
    assert used["contract"] <= page_keys, used["contract"] - page_keys
    assert used["KIE"] <= worker_keys, used["KIE"] - worker_keys
    assert used["contract"] | used["KIE"] == page_keys | worker_keys  # no name kept for nothing


def test_scripts_use_exactly_the_interface_strings_the_page_config_carries():
    """`t.<key>` in a script is an interface string the plugin puts into the page config (JS_STRINGS)."""
    used = {key for path in JS_STRINGS_READERS for key in re.findall(r"\bt\.(\w+)", code_of(path))}
    assert used == set(JS_STRINGS), (used - set(JS_STRINGS), set(JS_STRINGS) - used)


def test_spellings_catch_a_name_written_back_as_a_literal():
    assert any(p.search('window["__kieIndex"]') for p in spellings("__kieIndex"))
    assert any(p.search("window.__kieIndex.pages") for p in spellings("__kieIndex"))
    assert any(p.search('"search/" + lang + ".js"') for p in spellings(contract.SEARCH_INDEX))
    assert any(p.search("'kie-search.js'") for p in spellings(contract.SEARCH_SCRIPT))
    assert not any(p.search("function keep(urls)") for p in spellings(contract.MESSAGE_KEEP))


def test_parts_are_not_shipped_as_they_are():
    assert is_source(f"{SOURCE_DIR}/offline.js")
    assert not is_source(contract.MAIN_SCRIPT) and not is_source(contract.SEARCH_SCRIPT)


def test_the_build_ships_an_empty_classroom_file_for_other_servers():
    assert (DOCS / contract.CLASSROOM_FILE).read_text(encoding="utf-8").strip() == "{}"
    for script in (contract.SEARCH_SCRIPT, contract.DIRECTORY_SCRIPT, contract.QUIZ_SCRIPT):
        assert (DOCS / script).is_file(), script


def test_built_site_serves_the_assembled_script_and_not_its_parts(built_site):
    assert (built_site / contract.MAIN_SCRIPT).read_text(encoding="utf-8") == assemble(DOCS)
    assert not (built_site / SOURCE_DIR).exists()
    worker = (built_site / contract.SERVICE_WORKER).read_text(encoding="utf-8")
    assert worker.startswith("const KIE = {") and f'"cachePrefix":"{contract.CACHE_PREFIX}"' in worker
