"""Javanese handouts: no word is broken with a hyphen at a line end (Pyphen has no Javanese dictionary, and
borrowed Indonesian patterns would mis-split Javanese words)."""

from __future__ import annotations

import io

import pypdf
import pyphen
import pytest
from kie.print.pdf import html_to_pdf
from kie.print.printpage import _stylesheet

HYPHENS = ("-", "\u2010", "\u00ad")  # WeasyPrint writes U+2010 at a break
WORDS = "ngrekrut panjenengan kulawargane dipanggonake nyambutgawe pangrembakane kasarasane pendampingan " * 12


def line_ends(tmp_path, lang: str) -> list[str]:
    html = (
        f'<html lang="{lang}"><head><style>{_stylesheet()}</style><style>p {{ width: 30mm; }}</style></head>'
        f"<body><p>{WORDS}</p><ul><li>{WORDS}</li></ul></body></html>"
    )
    pdf, blocked = html_to_pdf(html, tmp_path.as_uri() + "/", tmp_path)
    assert blocked == []
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return [line.rstrip() for line in text.splitlines() if line.strip()]


@pytest.fixture
def javanese_borrows_indonesian_patterns(monkeypatch):
    """As if a hyphenation dictionary were found for jv (a future Pyphen, or a fallback to Indonesian)."""
    real = pyphen.language_fallback
    monkeypatch.setattr(pyphen, "language_fallback", lambda lang: "id" if lang == "jv" else real(lang))


def test_javanese_words_are_never_hyphenated_in_print(tmp_path, javanese_borrows_indonesian_patterns):
    assert [line for line in line_ends(tmp_path, "jv") if line.endswith(HYPHENS)] == []


def test_the_same_text_in_indonesian_is_hyphenated(tmp_path):
    """The check above can see hyphens: the Indonesian handouts keep hyphenation on."""
    assert any(line.endswith(HYPHENS) for line in line_ends(tmp_path, "id"))
