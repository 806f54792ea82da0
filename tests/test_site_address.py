"""No dead addresses (issue 24): while mkdocs.yml still holds the example address, `kie build` says so in one line,
--strict stops, handouts and cards print no QR code (and say why), and share links carry no address; a real
address is printed as a QR code that decodes to the page (tests/test_handouts.py reads those)."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
import zxingcpp
from conftest import PUBLISHED, REPO, copy_repo
from kie.cli import main
from kie.engine import build
from kie.model.project import Project, address_problems, is_placeholder_address, load_project
from kie.print.pdf import html_to_pdf
from kie.print.printpage import PrintPage, render_handout
from kie.views.share import public_address, whatsapp_share

EXAMPLE = "https://cegah-tppo.example/"  # what mkdocs.yml ships


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        (EXAMPLE, True),
        ("https://contoh.example/ntt/", True),
        ("http://example.org/", True),
        ("https://www.example.com/situs/", True),
        (PUBLISHED, False),
        ("https://cegahtppo.id/", False),
        ("https://examples.org/", False),  # only the reserved names
    ],
)
def test_the_reserved_example_addresses_are_recognised(url, placeholder):
    assert is_placeholder_address(url) is placeholder


def test_the_shipped_address_gives_one_warning_naming_the_line_of_mkdocs_yml():
    (problem,) = address_problems(load_project(REPO))
    line = next(i for i, t in enumerate((REPO / "mkdocs.yml").read_text().splitlines(), 1) if t.startswith("site_url"))
    assert problem.warning and str(problem).startswith(f"mkdocs.yml:{line}: site_url: warning: '{EXAMPLE}'")
    assert "no QR code" in problem.message and "https://" in problem.message
    assert address_problems(Project(REPO, (), PUBLISHED)) == []


def test_kie_build_says_it_in_one_line_and_strict_stops_before_building(tmp_path, monkeypatch, capsys):
    root = copy_repo(tmp_path / "repo", site_url=EXAMPLE)
    built = []
    monkeypatch.setattr(build, "build_validated", lambda project, content, out, warnings: built.append(out) or warnings)
    assert main(["--root", str(root), "build", "-d", str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    assert built and [line for line in out.splitlines() if "site_url" in line] == [
        str(address_problems(load_project(root))[0])
    ]
    built.clear()
    assert main(["--root", str(root), "build", "--strict", "--force", "-d", str(tmp_path / "site")]) == 1
    assert not built and "mkdocs.yml:" in capsys.readouterr().err  # nothing was built
    published = copy_repo(tmp_path / "published")  # a real address: nothing to say
    assert main(["--root", str(published), "build", "-d", str(tmp_path / "site2")]) == 0
    assert "site_url" not in capsys.readouterr().out


def _handout(content, url: str) -> bytes:
    page = PrintPage("id", "Jeratan utang", "Cegah Perdagangan Orang", "", "<p>Isi.</p>", "")
    html = render_handout(page, content, url, "abcd1234", "2026-12-04")
    pdf, blocked = html_to_pdf(html, url, REPO / "docs")
    assert not blocked
    return pdf


def _codes(pdf: bytes) -> set[str]:
    import io

    images = [image.image for page in pypdf.PdfReader(io.BytesIO(pdf)).pages for image in page.images]
    return {code.text for image in images for code in zxingcpp.read_barcodes(image)}


def test_a_handout_prints_no_qr_code_of_the_example_address_and_says_why(repo_content):
    content = repo_content[0]
    example = _handout(content, EXAMPLE + "modus/jeratan-utang.html")
    text = " ".join(pypdf.PdfReader(__import__("io").BytesIO(example)).pages[0].extract_text().split())
    assert _codes(example) == set() and ".example" not in text
    assert "Alamat situs belum ditetapkan" in text
    real = _handout(content, PUBLISHED + "modus/jeratan-utang.html")
    assert _codes(real) == {PUBLISHED + "modus/jeratan-utang.html"}


def test_a_share_link_carries_no_example_address():
    assert public_address(EXAMPLE, "en/modus/x.html") == ""
    assert whatsapp_share("Debt bondage", "") == "https://wa.me/?text=Debt%20bondage"
    assert public_address(PUBLISHED, "en/modus/x.html") == PUBLISHED + "en/modus/x.html"


def test_the_built_handouts_hold_no_example_address(built_site: Path):
    """The whole test site is published at a real address: every printed QR code decodes to it."""
    for pdf in sorted((built_site / "handouts").rglob("modus-*.pdf"))[:6]:
        codes = _codes(pdf.read_bytes())
        assert codes and all(code.startswith(PUBLISHED) and ".example" not in code for code in codes), pdf


def test_images_and_posters_carry_no_example_address(repo_content):
    from kie.views import media

    content = repo_content[0]
    poster = next(i for i in media.plan(content, "id") if i.kind == "poster")
    square = next(i for i in media.plan(content, "id") if i.kind == "square")
    assert media.facts(content, square, EXAMPLE)["address"] == ""
    assert ".example" not in media.image_text(media.facts(content, square, EXAMPLE))
    html = media.render(content, poster, EXAMPLE, holes=("v", "d", "@@qr@@"))
    assert "@@qr@@" not in html and ".example" not in html and "Alamat situs belum ditetapkan" in html
    assert "@@qr@@" in media.render(content, poster, PUBLISHED, holes=("v", "d", "@@qr@@"))


def test_a_province_image_without_an_address_prints_no_empty_band(repo_content):
    """Its footer holds only the address: with the example address there is no red band holding nothing."""
    from kie.views import media

    content = repo_content[0]
    province = next(i for i in media.plan(content, "id") if i.kind == "province")
    assert 'class="foot"' not in media.render(content, province, EXAMPLE)
    assert 'class="foot"' in media.render(content, province, PUBLISHED)
