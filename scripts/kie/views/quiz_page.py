"""The self-check quiz "Tawaran kerja ini aman?": one page per language under docs/kuis/.

The page is complete without JavaScript (every card, its answer in a <details>). docs/assets/js/kie-quiz.js,
loaded by a <script> tag on this page only, adds Safe/Risky buttons and one card at a time for a projector.
Nothing is stored and nothing is sent.
"""

from __future__ import annotations

from . import urls
from .contract import QUIZ_SCRIPT
from .render import page


def quiz_pages(content) -> dict[str, str]:
    """docs-relative path → Markdown: kuis/index.md, kuis/index.en.md, …"""
    if not content.quiz_cards:
        return {}
    pages = {}
    for lang in content.languages:
        built = urls.built_page(
            urls.quiz_docs_file(content.default_language, content.default_language), lang, content.default_language
        )
        script = urls.back_to_root(built) + QUIZ_SCRIPT
        pages[urls.quiz_docs_file(lang, content.default_language)] = page(
            "quiz.md.j2",
            content,
            lang,
            lambda L: L.ui_plain("quiz_title"),
            cards=content.quiz_cards,
            quiz_sources=content.quiz_sources,
            script=script,
        )
    return pages
