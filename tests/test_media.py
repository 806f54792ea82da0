"""Campaign media: images for WhatsApp and A3 posters, made from the content at build time (kie.views.media,
kie.print.media), the media page, the zips, the USB bundle and the offline packs.

The site tests open what the real build wrote: the PNGs (pixel size, budget), the PDF each image was made from
(its text: title, 129, the "perlu diverifikasi" mark of every marked number; its font sizes), the posters (one A3
page, a QR code holding the page's address), the media page's links, the zips.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp
from conftest import PUBLISHED, REPO, make_project
from kie.model.content import load_content
from kie.model.evidence import needs_mark
from kie.model.project import load_project, require_site_url
from kie.offline.packs import NOT_SAVED
from kie.print import media as printing
from kie.print.handouts import HOLES
from kie.views import media, urls
from kie.views.directory import first_local_contact
from kie.views.helpbar import helpline
from PIL import Image

SITE_URL = PUBLISHED  # where conftest publishes the test copies (an example address would print no QR code)


def squeezed(text: str) -> str:
    """PDF text without white space and hyphens: line breaks fall anywhere."""
    return "".join(text.split()).replace("-", "").replace("\xad", "")


@pytest.fixture(scope="module")
def site(built_site):
    content, _ = load_content(load_project(built_site.parent))
    return built_site, content, require_site_url(load_project(built_site.parent))


def source_pdf(content, item, site_url) -> Path:
    """The PDF an image was made from, in the build's cache (kie.print.media keeps it beside the PNG)."""
    variants = tuple(media.render(content, item, site_url, fit, HOLES) for fit in range(media.FITS))
    key = printing.key_of(variants, urls.public_url(site_url, item.page))
    return Path(os.environ["KIE_CACHE_DIR"]) / "media" / f"{key}.pdf"


def marked_services(content, item) -> list:
    """The services whose numbers an image shows: SAPA 129 (modus); 110, 129 and the province's first own contact."""
    line = helpline(content)
    if item.subject == "modus":
        return [line]
    shown = [content.services["polisi-110"], line]
    own = first_local_contact(content, item.key)
    return shown + ([own] if own else [])


# --- fast: what an image says, and where it lives ---


def test_every_modus_and_province_gets_images_and_posters_in_every_language(repo_content):
    content, _ = repo_content
    items = media.plan(content)
    provinces = len(content.regions.provinces)
    assert provinces == 38
    per_lang = len(content.modus) * 3 + provinces * 2  # square, status, poster; hotline image, poster
    assert len(items) == per_lang * len(content.languages)
    assert len({item.path for item in items}) == len(items)
    assert all(item.path.startswith(f"{urls.MEDIA_DIR}/{item.lang}/") for item in items)
    assert {i.kind for i in items} == {"square", "story", "province", "poster"}


def test_an_image_says_the_pages_facts_and_nothing_typed_again(repo_content):
    content, _ = repo_content
    item = next(i for i in media.plan(content, "en") if i.kind == "square" and i.key == "jeratan-utang")
    found = media.facts(content, item, SITE_URL)
    entry = content.modus["jeratan-utang"]
    assert found["title"].text == entry["title"]["en"]
    assert [s.text for s in found["signs"]] == [s["en"] for s in entry["warning_signs"][:3]]
    assert [s.text for s in found["steps"]] == [entry["what_to_do"][0]["en"]]
    assert found["help"].numbers == ("129", "WA +62 811 1129 129")  # sapa-129.yml, as English pages write it
    alt = media.image_text(found)
    assert alt.startswith(entry["title"]["en"]) and "129" in alt and alt.endswith("cegah-tppo.test.")


def test_a_province_image_names_its_first_own_contact_with_its_mark_or_says_call_129(repo_content):
    content, _ = repo_content
    with_local = without = 0
    for province in content.regions.provinces.values():
        item = next(i for i in media.plan(content, "id") if i.kind == "province" and i.key == province.code)
        found = media.facts(content, item, SITE_URL)
        own = first_local_contact(content, province.code)  # the help bar's choice, never made again
        assert [line.numbers[0] for line in found["first"]] == ["110", "129"]
        if own is None:
            without += 1
            assert not found["local"] and "129" in found["none"] and province.name in found["none"]
        else:
            with_local += 1
            line = found["local"][0]
            assert needs_mark(own.data, own.id in content.stale_services) == line.note.startswith("perlu diverifikasi")
    assert with_local and without


def test_the_images_section_of_a_page_lists_its_images_then_its_poster(repo_content):
    content, _ = repo_content
    shown = media.page_media(content, "en/modus/jeratan-utang.html", SITE_URL)
    assert [m["href"] for m in shown] == [
        "../../kampanye/en/modus-jeratan-utang-persegi.png",
        "../../kampanye/en/modus-jeratan-utang-status.png",
        "../../kampanye/en/poster-modus-jeratan-utang.pdf",
    ]
    assert shown[0]["thumb"] == "../../kampanye/en/kecil/modus-jeratan-utang-persegi.png"
    assert shown[0]["alt"].startswith("Debt bondage")
    assert media.page_media(content, "hak/hak-restitusi.html", SITE_URL) == []
    province = media.page_media(content, "jv/layanan/provinsi/53-nusa-tenggara-timur.html", SITE_URL)
    assert [m["href"].rpartition("/")[2] for m in province] == [
        "provinsi-53-nusa-tenggara-timur.png",
        "poster-provinsi-53-nusa-tenggara-timur.pdf",
    ]


def test_images_are_not_saved_with_the_offline_copy():
    assert f"{urls.MEDIA_DIR}/" in NOT_SAVED


def test_only_what_changed_is_made_again(tmp_path, monkeypatch):
    """The cache: a second build makes nothing; a changed modus makes only its own images and poster."""
    project_dir = make_project(tmp_path / "p")
    config = project_dir / "mkdocs.yml"
    config.write_text(f"site_url: {SITE_URL}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("KIE_CACHE_DIR", str(tmp_path / "cache"))
    project = load_project(project_dir)
    one = media.provinces_first
    monkeypatch.setattr(media, "provinces_first", lambda content: one(content)[:1])  # one province is enough

    def build():
        content, _ = load_content(project)
        site = tmp_path / "site"
        site.mkdir(exist_ok=True)
        return printing.export_media(project, content, site, workers=1), content

    first, content = build()
    assert first["made"] == first["files"] > 0
    assert build()[0]["made"] == 0
    entry = next(iter(content.modus.values()))
    file = next(project.content_dir.glob(f"modus/{entry.id}.yml"))
    file.write_text(file.read_text(encoding="utf-8").replace(entry["title"]["id"], "Judul baru"), encoding="utf-8")
    again, _ = build()
    # the square card, the status image and the poster, in Indonesian and where the title falls back to it
    showing = [lang for lang in content.languages if lang == "id" or lang not in entry["title"]]
    assert again["made"] == 3 * len(showing)


# --- the real site: the files themselves ---


def test_every_image_has_its_size_and_stays_under_budget(site):
    built, content, _ = site
    for item in media.plan(content):
        if not item.image:
            continue
        path = built / item.path
        with Image.open(path) as image:
            assert image.size == media.SIZES[item.kind], item.path
        assert path.stat().st_size <= printing.BUDGET[item.kind], (item.path, path.stat().st_size)
        with Image.open(built / urls.thumbnail(item.path)) as small:
            assert small.width == printing.THUMB_WIDTH


def test_each_image_pdf_holds_the_title_129_and_every_mark(site):
    built, content, site_url = site
    checked_marks = 0
    for item in media.plan(content):
        if not item.image:
            continue
        pdf = source_pdf(content, item, site_url)
        text = squeezed(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))
        found = media.facts(content, item, site_url)
        assert squeezed(found["title"].text) in text, item.path
        assert "129" in text, item.path
        mark = content.ui[item.lang].get("to_be_verified", content.ui["id"]["to_be_verified"])
        marked = [e for e in marked_services(content, item) if needs_mark(e.data, e.id in content.stale_services)]
        assert text.count(squeezed(mark)) == len(marked), item.path
        checked_marks += len(marked)
    assert checked_marks  # the real directory has stale local numbers: the test saw marks


def test_no_text_on_an_image_is_smaller_than_36_pixels(site):
    built, content, site_url = site
    smallest = 1000.0
    for item in media.plan(content, "jv") + media.plan(content, "id"):
        if not item.image:
            continue
        document = pypdfium2.PdfDocument(source_pdf(content, item, site_url))
        page = document[0]
        pixels_per_point = media.SIZES[item.kind][0] / page.get_width()
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            if textpage.get_text_range(index, 1).strip():
                size = pypdfium2.raw.FPDFText_GetFontSize(textpage.raw, index) * pixels_per_point
                smallest = min(smallest, size)
        document.close()
    assert smallest >= 35.9, smallest


def test_posters_are_one_a3_page_with_a_qr_code_to_the_page(site):
    built, content, site_url = site
    for item in media.plan(content, "id") + media.plan(content, "jv")[:6]:
        if item.image:
            continue
        reader = pypdf.PdfReader(built / item.path)
        assert len(reader.pages) == 1, item.path
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 420)
        codes = {code.text for image in reader.pages[0].images for code in zxingcpp.read_barcodes(image.image)}
        assert codes == {urls.public_url(site_url, item.page)}, item.path
        assert "129" in squeezed(reader.pages[0].extract_text())


def test_the_media_page_lists_every_image_and_poster_and_its_zip_holds_them(site):
    built, content, _ = site
    for lang in content.languages:
        page_path = urls.media_page(lang, content.default_language)
        html = (built / page_path).read_text(encoding="utf-8")
        items = media.plan(content, lang)
        for item in items:
            assert f'href="{urls.relative(item.path, page_path)}"' in html, item.path
        zip_link = urls.relative(urls.media_zip(lang), page_path)
        assert f'href="{zip_link}"' in html
        with zipfile.ZipFile(built / urls.media_zip(lang)) as zf:
            names = sorted(name.rpartition("/")[2] for name in zf.namelist())
        assert names == sorted(item.path.rpartition("/")[2] for item in items)


def test_the_usb_bundle_holds_the_images_and_the_offline_packs_do_not(site):
    built, content, _ = site
    with zipfile.ZipFile(built / urls.bundle_path()) as zf:
        names = set(zf.namelist())
    folder = urls.bundle_folder()
    for item in media.plan(content):
        assert f"{folder}/{item.path}" in names, item.path
    assert not any(f"{folder}/{urls.media_zip(lang)}" in names for lang in content.languages)  # no second copy
    offline = json.loads((built / "offline.json").read_text(encoding="utf-8"))
    saved = [f["path"] for part in [offline["shared"], *offline["languages"].values()] for f in part["files"]]
    assert saved and not any(path.startswith(urls.MEDIA_DIR + "/") for path in saved)
    assert any(path.startswith("media/") or "/media/" in path for path in saved)  # the media page itself is saved


def test_the_readme_image_is_in_the_handbook():
    assert (REPO / "handbook" / "img" / "media-example.png").is_file()  # README.md and handbook/media.md show it


def test_an_editions_media_page_leads_with_its_province_and_its_modus_and_its_zips_carry_its_name(ntt_edition):
    html = (ntt_edition / urls.media_page("id", "id")).read_text(encoding="utf-8")
    provinces = [html.index(f"provinsi-{slug}.png") for slug in ("53-nusa-tenggara-timur", "11-aceh", "33-jawa-tengah")]
    assert provinces == sorted(provinces)  # NTT first, then the others in the national order
    featured, other = html.index("modus-pekerja-migran-persegi.png"), html.index("modus-adopsi-ilegal-persegi.png")
    assert featured < other
    assert (ntt_edition / urls.media_zip("id", "ntt")).is_file() and (
        ntt_edition / urls.media_zip("en", "ntt")
    ).is_file()
    assert not (ntt_edition / urls.media_zip("jv", "ntt")).exists()  # the edition publishes id and en only
    poster = ntt_edition / urls.modus_poster("id", "pekerja-migran")
    codes = {c.text for image in pypdf.PdfReader(poster).pages[0].images for c in zxingcpp.read_barcodes(image.image)}
    assert codes == {f"{PUBLISHED}ntt/modus/pekerja-migran.html"}  # the edition's own address
