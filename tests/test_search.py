"""Site search without a site: the index builder (Python) and the ranking of kie-search.js on a blank page."""

from __future__ import annotations

import json

import pytest
from conftest import REPO
from kie.offline.search_index import build_index, english_root, indonesian_root, root_table, write_index
from kie.views.contract import SEARCH_INDEX_GLOBAL

ENGINE = REPO / "docs" / "assets" / "js" / "kie-search.js"


# ---------- build time: roots ----------


@pytest.mark.parametrize(
    "words, root",
    [
        ("perdagangan berdagang diperdagangkan pedagang", "dagang"),
        ("penipuan menipu ditipu", "tipu"),  # Snowball alone gives "ipu": the dictionary puts the t back
        ("terjerat jeratan dijerat", "jerat"),
        ("menikah pernikahan nikah", "nikah"),
        ("perekrut merekrut direkrut perekrutan", "rekrut"),
    ],
)
def test_indonesian_forms_share_their_root(words, root):
    assert {indonesian_root(w) for w in words.split()} == {root}


def test_english_inflections_share_their_stem():
    assert {english_root(w) for w in ("boat", "boats")} == {"boat"}
    assert len({english_root(w) for w in ("trafficked", "trafficking", "trafficks")}) == 1


def test_phone_gets_only_the_sites_words_that_change():
    table = root_table("id", ["Perdagangan orang dan penipuan", "korban ditipu"])
    assert table == {"dagang": "perdagangan", "tipu": "ditipu penipuan"}
    assert root_table("jv", ["didol maneh"]) == {}  # no stemmer for Javanese yet: words as they are


def test_index_has_one_record_per_page_with_its_sections(tmp_path):
    docs = [
        {"location": "modus/a.html", "title": "Jeratan <b>utang</b>", "text": "<p>Pembuka.</p>"},
        {"location": "modus/a.html#tanda", "title": "Tanda", "text": "<p>Utang tidak lunas.</p>"},
        {"location": "hak/b.html", "title": "Restitusi", "text": ""},
    ]
    index = build_index("id", docs, [["ganti rugi", "Restitusi"]])
    assert index["pages"] == [
        {
            "u": "modus/a.html",
            "t": "Jeratan utang",
            "s": [["", "Jeratan utang", "Pembuka."], ["tanda", "Tanda", "Utang tidak lunas."]],
        },
        {"u": "hak/b.html", "t": "Restitusi", "s": []},
    ]
    assert index["synonyms"] == [["ganti rugi", "restitusi"]]
    write_index(tmp_path / "id.js", "id", docs)
    text = (tmp_path / "id.js").read_text()
    assignment = f"window.{SEARCH_INDEX_GLOBAL}="
    assert text.startswith(assignment) and json.loads(text[len(assignment) : -2])["lang"] == "id"


def test_a_pages_sources_stay_out_of_the_index_but_the_page_is_found():
    docs = [
        {"location": "modus/a.html", "title": "Jeratan utang", "text": "<p>Utang tidak lunas.</p>"},
        {"location": "modus/a.html#sumber", "title": "Sumber", "text": "<p>Panduan, BAB III.</p>"},
    ]
    index = build_index("id", docs, unsearched=frozenset({"Sumber"}))
    assert index["pages"] == [
        {"u": "modus/a.html", "t": "Jeratan utang", "s": [["", "Jeratan utang", "Utang tidak lunas."]]}
    ]
    assert "bab" not in " ".join(index["roots"]) and "Panduan" not in json.dumps(index)


# ---------- the engine, in a browser page without the site ----------

PAGES = {
    "id": [
        ("modus/jeratan-utang.html", "Jeratan utang", [["", "Jeratan utang", "Utang yang tidak pernah lunas."]]),
        ("modus/lain.html", "Kerja di kapal", [["gaji", "Gaji", "Korban terjerat utang kepada agen."]]),
        ("hak/hak-restitusi.html", "Hak atas restitusi", [["", "Hak atas restitusi", "Korban berhak restitusi."]]),
        ("modus/penipuan.html", "Penipuan daring", [["", "Penipuan daring", "Dipaksa menipu orang."]]),
        (
            "modus/kawin.html",
            "Kawin kontrak",
            [
                ["", "Kawin kontrak", "Perkawinan singkat."],
                ["tanda", "Tanda bahaya", "Kawin kontrak dengan pria asing."],
            ],
        ),
        ("modus/kapal.html", "Anak buah kapal", [["", "Anak buah kapal", "ABK di kapal ikan."]]),
        ("cerita/1.html", "Cerita satu", [["", "Cerita satu", "Kontrak kerja lalu kawin di kota."]]),
        ("cerita/2.html", "Cerita dua", [["", "Cerita dua", "Kawin kontrak di kota lain."]]),
        ("cerita/3.html", "Cerita tiga", [["", "Cerita tiga", "Orang itu tertipu di kota."]]),
        ("cerita/4.html", "Cerita empat", [["", "Cerita empat", "Orang itu ditipu di kota."]]),
    ],
    "en": [
        ("en/a.html", "Fishing boats", [["", "Fishing boats", "Crew on a fishing boat."]]),
        ("en/b.html", "Debt", [["", "Debt", "A debt that is never paid."]]),
    ],
    "jv": [("jv/a.html", "Nyulik bocah", [["", "Nyulik bocah", "Bocah diculik."]])],
}
SYNONYMS = {"id": [["ganti rugi", "restitusi"], ["kawin", "nikah"]], "en": [], "jv": []}


@pytest.fixture(scope="module")
def engine(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(ENGINE))
    for lang, pages in PAGES.items():
        docs = []
        for url, title, sections in pages:
            for anchor, heading, text in sections:
                docs.append({"location": url + (f"#{anchor}" if anchor else ""), "title": heading, "text": text})
            if not any(not s[0] for s in sections):
                docs.append({"location": url, "title": title, "text": ""})
        page.evaluate(
            "([lang, data]) => { window.idx = window.idx || {}; window.idx[lang] = kieSearch.prepare(data); }",
            [lang, build_index(lang, docs, SYNONYMS[lang])],
        )
    yield page
    page.close()


def top(engine, lang, query, typing=False):
    return engine.evaluate(
        "([lang, q, typing]) => kieSearch.search(idx[lang], q, typing).map(r => r.page.u)", [lang, query, typing]
    )


def test_affixed_query_finds_the_page_about_its_root(engine):
    assert top(engine, "id", "jeratan")[0] == "modus/jeratan-utang.html"
    assert "modus/penipuan.html" in top(engine, "id", "penipunya")  # a form the site never uses: affix rules


def test_synonyms_find_pages_that_use_the_other_word(engine):
    assert top(engine, "id", "ganti rugi") == ["hak/hak-restitusi.html"]
    assert top(engine, "id", "nikah")[0] == "modus/kawin.html"


def test_one_typo_is_forgiven_in_long_words_only(engine):
    assert top(engine, "id", "restitsui") == ["hak/hak-restitusi.html"]
    assert top(engine, "id", "utnag")[0] == "modus/jeratan-utang.html"  # two letters swapped
    assert top(engine, "en", "debx") == []  # 4 letters: too short to guess


def test_last_word_matches_its_beginning_while_typing(engine):
    assert top(engine, "id", "resti", typing=True) == ["hak/hak-restitusi.html"]
    assert top(engine, "jv", "nyul", typing=True) == ["jv/a.html"]


def test_english_plural_finds_singular(engine):
    assert top(engine, "en", "boats")[0] == "en/a.html"
    assert top(engine, "en", "debts") == ["en/b.html"]


def test_exact_phrase_then_exact_word_then_root(engine):
    found = top(engine, "id", "kawin kontrak")
    assert found[0] == "modus/kawin.html"  # the page about it, by its title
    assert found.index("cerita/2.html") < found.index("cerita/1.html")  # the phrase as typed, then the words apart
    found = top(engine, "id", "ditipu")
    assert found.index("cerita/4.html") < found.index("cerita/3.html")  # the word as typed, then its other forms
    assert top(engine, "id", "terjerat utang")[0] == "modus/jeratan-utang.html"  # about it beats one mention


def test_one_result_per_page_with_its_best_section(engine):
    results = engine.evaluate("kieSearch.search(idx.id, 'pria asing', false).map(r => [r.page.u, r.section.anchor])")
    assert results == [["modus/kawin.html", "tanda"]]
