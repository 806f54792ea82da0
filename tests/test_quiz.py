"""Self-check quiz "Tawaran kerja ini aman?": content/quiz.yml → kuis/ pages, and the page in a real browser."""

from __future__ import annotations

import shutil

from conftest import REPO, guarded_context, make_project
from kie.model.content import load_content
from kie.model.project import load_project
from kie.views.quiz_page import quiz_pages
from test_render import to_html

QUIZ = """\
cards:
  - id: kartu-satu
    scenario:
      id: Ada tawaran kerja dengan gaji sangat tinggi.
      en: A job offer with very high pay.
    answer: risky
    why:
      id: Gaji terlalu tinggi adalah tanda bahaya.
    modus: [modus-contoh]
sources:
  - guideline: "BAB III.A"
"""


def test_quiz_page_works_without_javascript_and_loads_its_script_only_there(tmp_path):
    root = make_project(tmp_path)
    shutil.copytree(REPO / "content" / "ui", root / "content" / "ui", dirs_exist_ok=True)
    (root / "content" / "ui" / "jv.yml").unlink(missing_ok=True)
    (root / "content" / "quiz.yml").write_text(QUIZ, encoding="utf-8")
    content, problems = load_content(load_project(root))
    assert problems == []
    pages = quiz_pages(content)
    assert {"kuis/index.md", "kuis/index.en.md"} <= set(pages)
    html = to_html(pages["kuis/index.md"])
    assert 'data-answer="risky"' in html
    assert "<details" in html and "Jawaban: berisiko." in html  # the answer is on the page without JS
    assert '<a href="../modus/modus-contoh.md">' in html
    assert '<script src="../assets/js/kie-quiz.js" defer></script>' in html
    assert '<script src="../../assets/js/kie-quiz.js" defer></script>' in pages["kuis/index.en.md"]


def test_no_quiz_file_means_no_quiz_page(tmp_path):
    content, problems = load_content(load_project(make_project(tmp_path)))
    assert problems == [] and quiz_pages(content) == {}


def test_answering_a_card_shows_why_and_the_modus_link_and_stores_nothing(browser, served_site):
    context, outside, _ = guarded_context(browser, served_site)
    page = context.new_page()
    page.goto(served_site + "kuis/index.html", wait_until="load")
    cards = page.locator(".kie-quiz-card")
    assert cards.count() >= 4
    assert page.locator(".kie-quiz-card:visible").count() == 1  # one card at a time
    first = cards.nth(0)
    correct = first.get_attribute("data-answer")
    assert not first.locator(".kie-quiz-answer").is_visible()
    first.locator(f".kie-quiz-{correct}").click()
    assert first.locator(".kie-quiz-feedback").inner_text() == "Tepat!"
    answer = first.locator(".kie-quiz-answer")
    assert answer.is_visible() and "Jawaban:" in answer.inner_text()
    link = answer.locator("a[href*='modus/']").first
    assert link.is_visible()
    page.locator(".kie-quiz-next").click()
    assert cards.nth(1).is_visible() and not first.is_visible()
    page.keyboard.press("ArrowLeft")
    assert first.is_visible()
    link.click()
    page.wait_for_load_state("load")
    assert "/modus/" in page.url
    storage = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    context.close()
    assert storage == [0, 0, ""]
    assert outside == []


def test_without_javascript_every_card_and_answer_is_on_the_page(browser, served_site):
    context, outside, _ = guarded_context(browser, served_site, java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "en/kuis/index.html", wait_until="load")
    count = page.locator(".kie-quiz-card").count()
    assert page.locator(".kie-quiz-card:visible").count() == count
    assert page.locator("details.kie-quiz-answer").count() == count
    context.close()
