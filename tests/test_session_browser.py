"""The check questions in chromium, against `kie serve --session kampus` (the `classroom` fixture).

A phone at 360x640 answers with its script and another without; the projector's results screen shows a
new count without being reloaded; the projector's two screens each fit 1024x768, 1280x720 and 1920x1080.
Screenshots of what was tested land in the test's folder (look at them; handbook/sesi.md shows some).
"""

from __future__ import annotations

import pytest
from kie.model.session_check import questions_of
from kie.serve.phones import Phone, set_round
from playwright.sync_api import expect
from test_classroom_browser import open_phone

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
POLLS = 20000  # ms: the pages poll every 2 s (projector) or 4 s (phones)
WRONG = "Meminjam uang dari penyelenggara"  # question 3: true/false, the right answer is "Salah"


def answer_on_screen(page) -> None:
    """Tap the right answer of every question but one, as a participant does (labels, not the code)."""
    rights = {
        1: "B. Ke bagian akademik",
        2: "Benar",
        3: "Benar",  # wrong on purpose: the right answer is Salah
        4: "B. Itu tanda bahaya",
        5: "Salah",
        6: "B. Bicara dulu",
        7: "Benar",
        8: "A. Tangkapan layar",
    }
    for number, label in rights.items():
        question = page.locator("fieldset").nth(number - 1)
        question.get_by_text(label, exact=label in ("Benar", "Salah")).click()


def expect_right_answers(page) -> None:
    # the page asks the server every 4 s, then reloads: give it a few rounds on a busy machine
    expect(page.get_by_role("heading", name="Jawaban yang benar")).to_be_visible(timeout=POLLS)
    answers = page.locator(".answers > li")
    expect(answers).to_have_count(8)
    expect(page.locator(".answers .wrong")).to_have_count(1)
    expect(page.locator(".answers .wrong")).to_contain_text("Jawaban benar: Salah")
    link = page.locator(".answers .wrong a")
    expect(link).to_have_attribute("href", "/modus/magang-palsu.html")
    expect(link).to_contain_text("Magang palsu ke luar negeri untuk mahasiswa")


def test_a_phone_with_its_script_answers_then_sees_the_right_answers_by_itself(browser, classroom, tmp_path):
    port, key = classroom["port"], classroom["key"]
    assert set_round(port, key, "before") == 303
    context, page, problems = open_phone(browser, f"http://127.0.0.1:{port}/?peserta")
    expect(page.get_by_role("heading", name="Pertanyaan cek: Sebelum sesi")).to_be_visible()
    token_url = page.url
    answer_on_screen(page)
    page.screenshot(path=tmp_path / "phone-answering.png", full_page=True)
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Jawaban Anda tersimpan")).to_be_visible()
    assert page.url == token_url  # the same token: the script sent the form and came back
    page.evaluate("window.__still = 1")
    assert set_round(port, key, "before", "close") == 303
    expect_right_answers(page)  # the page noticed the closed round and reloaded itself
    assert page.evaluate("window.__still") is None
    page.screenshot(path=tmp_path / "phone-answers.png", full_page=True)
    second = context.new_page()  # the same phone scans the QR code again: the server offers a new token...
    second.goto(f"http://127.0.0.1:{port}/?peserta")
    expect(second.get_by_role("heading", name="Jawaban yang benar")).to_be_visible(timeout=POLLS)
    assert second.url == token_url  # ...and the page goes back to the phone's own: one phone, one answer set
    assert problems == []
    context.close()


def test_a_phone_without_script_answers_with_the_plain_form(browser, classroom):
    port, key = classroom["port"], classroom["key"]
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{port}/en/?peserta")
    expect(page.get_by_text("Please wait. The facilitator will open the check questions")).to_be_visible()
    assert set_round(port, key, "after") == 303
    page.get_by_role("link", name="Reload the page").click()
    expect(page.get_by_role("heading", name="Check questions: After the session")).to_be_visible()
    page.locator("fieldset").nth(0).get_by_text("B. Your university's academic office").click()
    page.get_by_role("button", name="Send my answers").click()  # nothing happens: one question is unanswered
    expect(page.get_by_role("button", name="Send my answers")).to_be_visible()
    for n in range(1, 8):
        page.locator("fieldset").nth(n).locator("input").first.check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    assert set_round(port, key, "after", "close") == 303
    page.reload()
    expect(page.get_by_role("heading", name="The right answers")).to_be_visible()
    expect(page.locator(".answers > li").first).to_contain_text("Right!")
    context.close()


def test_the_projector_shows_a_new_count_without_a_reload(browser, classroom, repo_content, tmp_path):
    port, key = classroom["port"], classroom["key"]
    content, _ = repo_content
    right = {q.id: q.answer for q in questions_of(content.sessions["kampus"])}
    assert set_round(port, key, "before") == 303
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.goto(f"http://127.0.0.1:{port}/?projector&hasil&kunci={key}")
    expect(page.get_by_role("button", name="Tutup: Sebelum sesi")).to_be_visible()
    assert "kunci" not in page.url  # the room sees the address bar: the key leaves it
    shown = page.locator(".screens [data-kie-phones='before']")
    before = int(shown.inner_text().split()[0])
    page.evaluate("window.__still = 1")
    phone = Phone(77, port)
    assert phone.join() == 303 and phone.answer("before", right)[0] == 303
    expect(shown).to_have_text(f"{before + 1} ponsel", timeout=POLLS)
    expect(page.locator(".bars-head [data-kie-round='before']")).to_have_class("open")
    assert page.evaluate("window.__still") == 1  # the same page: it was not reloaded
    assert page.evaluate("document.querySelector(\"[data-kie-bar='simpan-bukti before']\").value") > 0
    page.screenshot(path=tmp_path / "projector-results-live.png")
    assert set_round(port, key, "before", "close") == 303
    assert problems == []
    context.close()


@pytest.mark.parametrize("width, height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", ["join", "results"])
def test_each_projector_screen_fits_without_scrolling(browser, classroom, tmp_path, width, height, screen):
    port, key = classroom["port"], classroom["key"]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{port}/?projector" + ("&hasil" if screen == "results" else "") + f"&kunci={key}")
    page.screenshot(path=tmp_path / f"projector-{screen}-{width}x{height}.png")
    size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert size == [width, height]
    outside = page.evaluate(
        """([w, h]) => Array.from(document.querySelectorAll('main *')).filter(e => {
             const r = e.getBoundingClientRect();
             return r.width > 0 && (r.bottom > h + 0.5 || r.right > w + 0.5);
           }).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40))""",
        [width, height],
    )
    assert outside == []  # nothing cut off by the one-screen layout either
    spilling = page.evaluate(
        """() => [document.querySelector('main'), ...document.querySelectorAll('main *')].filter(e => {
             const s = getComputedStyle(e);
             const skip = s.display.startsWith('inline') || s.webkitLineClamp !== 'none' || s.position === 'absolute';
             if (skip) return false;
             return e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
           }).map(e => [e.tagName + '.' + e.className, e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight])
        """
    )
    assert spilling == []  # no block spills over the next (a question's text may end in '…': phones show it whole)
    if screen == "join":
        expect(page.locator(".address")).to_be_in_viewport()
        expect(page.get_by_text("Kata sandi:")).to_be_in_viewport()
    context.close()
