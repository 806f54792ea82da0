"""The legal corrections of November 2026 (issue 12), checked on the loaded content and on the built pages.

Each test names the fact a reader relies on: who may accompany them, whether going home is promised,
which regulation replaced which, where the special rooms are, which number to tap.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

LANGS = {"id": "", "en": "en/"}
CONTACTLESS_2012_GROUPS = (
    "damar-lampung",
    "gugus-tugas-desa-kupang",
    "ppt-panjang-surakarta",
    "ppt-semanggi-surakarta",
    "ppt-sewu-surakarta",
    "ptpas-surakarta",
    "rumah-perempuan-kupang",
    "yayasan-kakak",
)


@pytest.fixture(scope="module")
def content(repo_content):
    loaded, problems = repo_content
    assert not [p for p in problems if not p.warning], problems
    return loaded


def texts(value) -> str:
    """Every string inside an entry, joined: what a reader of any part of the page could see."""
    if isinstance(value, dict):
        return " ".join(texts(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(texts(v) for v in value)
    return str(value)


def lang_text(value, lang: str) -> str:
    """The text of one language inside an entry (translatable fields are {lang: text} maps)."""
    if isinstance(value, dict):
        if lang in value and all(isinstance(v, str) for v in value.values()):
            return value[lang]
        return " ".join(lang_text(v, lang) for v in value.values())
    if isinstance(value, list):
        return " ".join(lang_text(v, lang) for v in value)
    return ""


def flat(text: str) -> str:
    return " ".join(text.split())


def page(site: Path, lang: str, path: str) -> str:
    return flat((site / (LANGS[lang] + path)).read_text(encoding="utf-8"))


def article_text(html: str) -> str:
    """The visible words of a page's article, without tags."""
    body = html[html.find("<article") : html.find("</article>")]
    return flat(re.sub(r"<[^>]+>", " ", body))


# --- the loaded content ---------------------------------------------------------------------------


def test_the_right_to_a_companion_rests_on_article_35(content):
    right = content.rights["hak-pendampingan"]
    assert {"law": "uu-21-2007", "article": "35"} in right["legal_basis"]
    assert all(b.get("article") not in ("51-54", "60") for b in right["legal_basis"])
    assert "35" in [a["number"] for a in content.laws["uu-21-2007"]["articles"]]
    assert "Pasal 35" in right["summary"]["id"] and "Article 35" in right["summary"]["en"]


def test_permen_pppa_8_2021_is_the_sop_and_replaces_nothing_on_the_site(content):
    sop = content.laws["permen-pppa-8-2021"]
    assert "Standar Operasional Prosedur" in sop["title"]["id"]
    assert not sop.get("replaces")
    for law in content.laws.values():
        assert "permen-pppa-1-2010" not in (law.get("replaces") or []), law.id
    for entry in (sop, content.laws["permen-pppa-1-2010"], content.rights["hak-layanan-terpadu"]):
        words = flat(texts(entry.data)).lower()
        assert "replaced the 2010 minimum service standard" not in words
        assert not re.search(r"(?<!tidak )menggantikan standar pelayanan minimal", words)
        assert "pengganti aturan tahun 2010" not in words and "replacing the 2010 rule" not in words
        assert "sudah diganti oleh permen pppa nomor 8" not in words


def test_repatriation_from_abroad_is_an_effort_not_a_promise(content):
    for entry in (content.rights["hak-pemulangan"], content.laws["uu-21-2007"]):
        assert "mengusahakan" in lang_text(entry.data, "id")
        assert "try to" in lang_text(entry.data, "en")
    article = next(a for a in content.laws["uu-21-2007"]["articles"] if a["number"] == "51-54")
    assert "dipulangkan atas biaya negara" not in article["summary"]["id"]
    assert "mengusahakan" in (REPO / "docs/panduan/alur-rujukan.md").read_text(encoding="utf-8")
    assert "try to" in (REPO / "docs/panduan/alur-rujukan.en.md").read_text(encoding="utf-8")


def test_task_force_chairs_are_named_as_of_2023_with_the_2024_reorganisation(content):
    law = content.laws["perpres-49-2023"]
    assert "Pembangunan Manusia dan Kebudayaan" in law["summary"]["id"]  # chair II, Menko PMK
    assert "Kapolri" in law["summary"]["id"] and "Oktober 2024" in law["summary"]["id"]
    assert "Sekarang Gugus Tugas" not in law["summary"]["id"]
    assert law["amends"] == ["perpres-69-2008"]


def test_special_rooms_are_at_provincial_and_district_police_offices(content):
    right = content.rights["hak-ruang-pelayanan-khusus"]
    assert "provinsi dan kabupaten/kota" in flat(right["summary"]["id"])
    assert "province and regency/city" in flat(right["summary"]["en"])
    assert "Kantor polisi menyediakan" not in right["summary"]["id"]


def test_child_protection_law_knows_its_two_amendments(content):
    amending = sorted(law.id for law in content.laws.values() if "uu-23-2002" in (law.get("amends") or []))
    assert amending == ["uu-17-2016", "uu-35-2014"]


def test_halo_tki_was_started_by_bnp2tki_in_2011(content):
    text = flat(content.services["kp2mi"]["description"]["id"])
    assert "BNP2TKI" in text and "2011" in text


def test_contactless_2012_groups_are_in_the_guideline_not_in_who_to_call(content):
    lembaga = {
        lang: (REPO / f"docs/panduan/lembaga{suffix}.md").read_text(encoding="utf-8")
        for lang, suffix in (("id", ""), ("en", ".en"))
    }
    for group in CONTACTLESS_2012_GROUPS:
        assert group not in content.services
    for name in ("DAMAR", "PTPAS", "PPT Panjang", "PPT Semanggi", "PPT Sewu", "Yayasan KAKAK", "Gugus Tugas Desa"):
        assert name in lembaga["id"] and name in lembaga["en"]
    assert "BAB IV.D" in lembaga["id"]  # their source stays with them
    for service in content.services.values():  # no directory entry left that is unconfirmed and unreachable
        if service.get("confidence") == "L":
            assert service.get("phones") or service.get("whatsapp"), service.id


def test_the_sanggar_suara_perempuan_alias_is_not_given_as_fact(content):
    text = (REPO / "docs/panduan/lembaga.md").read_text(encoding="utf-8")
    assert "Rumah Perempuan, disebut juga Sanggar Suara Perempuan" not in text
    assert "mungkin tertukar" in text


def test_no_unsourced_claim_that_calls_to_129_are_free(content):
    for lang in ("id", "en", "jv"):
        ui = (REPO / f"content/ui/{lang}.yml").read_text(encoding="utf-8")
        assert not re.search(r"129[^\n]*(gratis|free)", ui), lang


def test_new_regulations_are_entries_with_sources(content):
    for law_id in ("permen-pppa-2-2024", "perpres-19-2023", "uu-12-2017", "uu-12-2022", "uu-1-2023"):
        law = content.laws[law_id]
        assert law["sources"] and law["summary"]["en"], law_id
    assert content.laws["perpres-19-2023"]["implements"] == ["perpres-22-2021"]
    assert "ACTIP" in content.laws["uu-12-2017"]["ratifies"]["id"]
    assert "2 Januari 2026" in content.laws["uu-1-2023"]["summary"]["id"]


def test_penalties_are_stated_under_uu_21_2007_with_a_dated_kuhp_note(content):
    article = next(a for a in content.laws["uu-21-2007"]["articles"] if a["number"] == "2")
    assert flat(article["summary"]["id"]).startswith("Menurut UU 21/2007")
    assert "2 Januari 2026" in article["summary"]["id"] and "2 January 2026" in article["summary"]["en"]


def test_single_source_articles_are_marked(content):
    confidence = {a["number"]: a.get("confidence") for a in content.laws["uu-21-2007"]["articles"]}
    assert confidence["34"] == "M" and confidence["36"] == "M" and confidence["35"] is None
    assert content.services["lpsk"]["confidence"] == "M"


# --- the built pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("id", "Pasal 35"), ("en", "Article 35")])
def test_companion_page_cites_article_35(built_site, lang, words):
    html = page(built_site, lang, "hak/hak-pendampingan.html")
    assert words in article_text(html)
    assert "hukum/uu-21-2007.html#pasal-35" in html


@pytest.mark.parametrize(("lang", "words"), [("id", "mengusahakan"), ("en", "try to")])
def test_repatriation_pages_say_it_is_an_effort(built_site, lang, words):
    for path in ("hak/hak-pemulangan.html", "panduan/alur-rujukan.html", "hukum/uu-21-2007.html"):
        assert words in article_text(page(built_site, lang, path)), path


def test_no_page_sends_people_to_p2tp2a_without_naming_uptd_ppa(built_site):
    for file in built_site.rglob("*.html"):
        text = article_text(flat(file.read_text(encoding="utf-8")))
        for hit in re.finditer("P2TP2A", text):
            around = text[max(0, hit.start() - 80) : hit.end() + 80]
            assert "UPTD PPA" in around, f"{file.relative_to(built_site)}: …{around}…"


@pytest.mark.parametrize(("lang", "replaced"), [("id", "Digantikan oleh"), ("en", "Replaced by")])
def test_the_2010_minimum_service_standard_is_not_shown_as_replaced(built_site, lang, replaced):
    assert replaced not in article_text(page(built_site, lang, "hukum/permen-pppa-1-2010.html"))
    sop = article_text(page(built_site, lang, "hukum/permen-pppa-8-2021.html"))
    assert "Menggantikan:" not in sop and "Replaces:" not in sop


def test_no_link_dials_a_toll_free_number_in_international_form(built_site):
    dialled = []
    for file in built_site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert not re.search(r"tel:\+?62[ -]?80[07]", html), file.relative_to(built_site)
        dialled += re.findall(r'href="tel:0800\d+"', html)
    assert 'href="tel:08001000"' in dialled  # KP2MI's line is there, in its domestic form


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        (
            "id",
            {
                "amends": "Mengubah",
                "amended_by": "Diubah oleh",
                "implements": "Melaksanakan",
                "implemented_by": "Dilaksanakan oleh",
            },
        ),
        (
            "en",
            {
                "amends": "Amends",
                "amended_by": "Amended by",
                "implements": "Implements",
                "implemented_by": "Implemented by",
            },
        ),
    ],
)
def test_every_law_relation_shows_on_both_law_pages(built_site, content, lang, labels):
    """A relation is typed once (on the newer law); both pages show it, each from its own side."""
    shown = 0
    for law in content.laws.values():
        for field, back in (("amends", "amended_by"), ("implements", "implemented_by")):
            for target in law.get(field) or []:
                newer = page(built_site, lang, f"hukum/{law.id}.html")
                older = page(built_site, lang, f"hukum/{target}.html")
                assert re.search(rf'{labels[field]}: <a href="{target}.html"', newer), (law.id, field, target)
                line = re.search(rf"{labels[back]}: (.*?)</li>", older)
                assert line and f'href="{law.id}.html"' in line.group(1), (target, back, law.id)
                shown += 1
    assert shown >= 7  # 22/2021, 49/2023 → 69/2008; 31/2014 → 13/2006; 35/2014, 17/2016 → 23/2002; …


@pytest.mark.parametrize(("lang", "label"), [("id", "Mengesahkan perjanjian internasional"), ("en", "Ratifies")])
def test_ratification_is_shown(built_site, lang, label):
    text = article_text(page(built_site, lang, "hukum/uu-12-2017.html"))
    assert label in text and "ACTIP" in text


@pytest.mark.parametrize(
    ("lang", "mediation", "caution"),
    [
        ("id", "(mediasi) antara korban dan pelaku", "Hati-hati dengan mediasi"),
        ("en", "(mediation) between", "Be careful with mediation"),
    ],
)
def test_every_page_describing_mediation_with_the_trafficker_carries_a_caution(built_site, lang, mediation, caution):
    pages = [f for f in (built_site / LANGS[lang]).rglob("*.html") if mediation in flat(f.read_text(encoding="utf-8"))]
    assert pages  # the guideline's institutions page describes it
    for file in pages:
        text = article_text(flat(file.read_text(encoding="utf-8")))
        if mediation in text:
            # one caution for each place that describes it, so no description stands without one
            assert text.count(caution) >= text.count(mediation), file.relative_to(built_site)


@pytest.mark.parametrize(("lang", "title"), [("id", "Cek perekrut resmi"), ("en", "Check a recruiter")])
def test_check_a_recruiter_page_is_in_the_menu_and_linked_from_recruitment_modus(built_site, content, lang, title):
    home = page(built_site, lang, "index.html")
    assert 'href="cek-perekrut.html"' in home and title in home
    text = article_text(page(built_site, lang, "cek-perekrut.html"))
    assert "siskop2mi.bp2mi.go.id" in text and ("visa turis" in text or "tourist visa" in text)
    for modus in content.modus.values():
        html = page(built_site, lang, f"modus/{modus.id}.html")
        article = html[html.find("<article") : html.find("</article>")]  # the menu links it on every page
        assert ('href="../cek-perekrut.html"' in article) == bool(modus.get("check_recruiter")), modus.id
    assert content.modus["lowongan-kerja-media-sosial"].get("check_recruiter")


@pytest.mark.parametrize(
    ("lang", "words"), [("id", "Permen PPPA No. 2 Tahun 2024"), ("en", "Permen PPPA No. 2 of 2024")]
)
def test_guideline_index_explains_the_2024_community_based_regulation(built_site, lang, words):
    html = page(built_site, lang, "panduan/index.html")
    assert words in article_text(html) and "hukum/permen-pppa-2-2024.html" in html
