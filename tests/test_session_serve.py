"""`kie serve --session`: a room of phones answering the check questions, and everything a room can do wrong.

The server runs as the facilitator starts it, on 127.0.0.1, serving a one-page site with the repository's
content (the session plan `kampus`, 8 questions). Simulated phones (kie.serve.phones) each use their own
loopback address, so the server sees one client per phone. Every run is bounded in count and time.
"""

from __future__ import annotations

import json
import os
import random
import re
import select
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import REPO
from kie.model.session_check import questions_of
from kie.model.session_tally import percent
from kie.serve.phones import Phone, check_loopback_addresses, random_answers, request, set_round, start_server
from pypdf import PdfReader

pytestmark = pytest.mark.skipif(not check_loopback_addresses(), reason="needs 127.0.0.2 and up (Linux)")
HARD_STOP = 10.0  # seconds for a whole room to answer both rounds


@pytest.fixture(scope="module")
def questions(repo_content):
    content, _ = repo_content
    return [(q.id, q.options) for q in questions_of(content.sessions["kampus"])], {
        q.id: q.answer for q in questions_of(content.sessions["kampus"])
    }


def serve(tmp_path, *extra):
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("<!doctype html><title>situs</title><p>situs", encoding="utf-8")
    log = (tmp_path / "stderr.txt").open("a")
    args = ["--root", str(REPO), "serve", "-d", str(site), "--host", "127.0.0.1", "--port", "0"]
    server = start_server([*args, "--session", "kampus", "--reports", str(tmp_path / "laporan"), *extra], log)
    return server, tmp_path / "stderr.txt"


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("KIE_FORM_SECONDS", "2")  # a form that stops halfway is given up after 2 s, not 10
    started, log = serve(tmp_path)
    yield started
    started.proc.kill()
    started.proc.wait(10)
    assert "Traceback" not in log.read_text()


def status(port: int) -> dict:
    return json.loads(request(port, "GET", "/_sesi/status.json")[2])


def journal_lines(tmp_path) -> list[dict]:
    (journal,) = (tmp_path / "laporan" / "jurnal").glob("*.jsonl")
    return [json.loads(line) for line in journal.read_text().splitlines()[1:] if line.strip()]


# ---------- a room ----------


def test_sixty_phones_answer_both_rounds_each_counted_once(server, tmp_path, questions):
    options, right = questions
    rng = random.Random(26)
    phones = [Phone(n, server.port) for n in range(60)]
    stop_at = time.monotonic() + HARD_STOP
    errors: list[str] = []

    def each(job):
        with ThreadPoolExecutor(max_workers=60) as pool:
            for phone, outcome in zip(phones, pool.map(job, phones), strict=True):
                if outcome not in (200, 303) or time.monotonic() > stop_at:
                    errors.append(f"phone {phone.number}: {outcome}")

    each(lambda phone: phone.join())
    for round_name in ("before", "after"):
        assert set_round(server.port, server.key, round_name) == 303
        answers = {phone.number: random_answers(options, rng) for phone in phones}
        each(lambda phone, name=round_name, sets=answers: phone.answer(name, sets[phone.number])[0])
        assert set_round(server.port, server.key, round_name, "close") == 303
    assert errors == [] and time.monotonic() <= stop_at

    counts = status(server.port)
    assert counts["rounds"] == {"before": {"phones": 60}, "after": {"phones": 60}}
    for q in counts["questions"]:  # the server's percentages, from what the phones were told was saved
        for round_name in ("before", "after"):
            got = sum(phone.sent[round_name][q["id"]] == right[q["id"]] for phone in phones)
            assert q[round_name] == percent(got, 60)
    answered = [(e["round"], e["token"]) for e in journal_lines(tmp_path) if "round" in e]
    assert len(answered) == 120 and len(set(answered)) == 120  # one line per answer set, none twice


def test_a_phone_without_script_answers_with_a_plain_form_and_then_reads_the_right_answers(server, questions):
    options, right = questions
    phone = Phone(0, server.port)
    assert phone.join() == 303
    page = request(server.port, "GET", f"/?peserta&t={phone.token}")[2].decode()
    assert "Tunggu sebentar" in page and '<meta http-equiv="refresh" content="10">' in page  # inside <noscript>
    set_round(server.port, server.key, "before")
    page = request(server.port, "GET", f"/?peserta&t={phone.token}")[2].decode()
    assert page.count('type="radio"') == sum(len(o) for _, o in options) and 'action="/_sesi/jawab"' in page
    mine = dict(right, **{"magang-pinjam-uang": "true"})  # one wrong
    assert phone.answer("before", mine)[0] == 303
    page = request(server.port, "GET", f"/?peserta&t={phone.token}")[2].decode()
    assert "Jawaban Anda tersimpan" in page and "Tepat!" not in page  # not while others may still answer
    set_round(server.port, server.key, "before", "close")
    page = request(server.port, "GET", f"/?peserta&t={phone.token}")[2].decode()
    assert "<h3>Jawaban yang benar</h3>" in page and page.count("Tepat!") == 7 and page.count("Belum tepat.") == 1
    assert "Jawaban benar: Salah" in page and 'href="/modus/magang-palsu.html"' in page
    english = request(server.port, "GET", f"/en/?peserta&t={phone.token}")[2].decode()
    assert "Your answer: True" in english and 'href="/en/modus/magang-palsu.html"' in english


def test_the_facilitator_saves_the_report_from_the_projector(server, tmp_path, questions):
    options, right = questions
    phones = [Phone(n, server.port) for n in range(4)]
    for phone in phones:
        phone.join()
    set_round(server.port, server.key, "before")
    wrong = {qid: next(o for o in opts if o != right[qid]) for qid, opts in options}
    for phone, answers in zip(phones, (right, right, right, wrong), strict=True):
        assert phone.answer("before", answers)[0] == 303
    assert request(server.port, "POST", "/_sesi/laporan", {"kunci": "salah"})[0] == 403
    saved = request(server.port, "POST", "/_sesi/laporan", {"kunci": server.key})
    assert saved[0] == 303 and saved[1]["Location"].startswith("/?projector&hasil&kunci=")
    (report,) = (tmp_path / "laporan").glob("*.csv")
    assert len(PdfReader(report.with_suffix(".pdf")).pages) == 1  # one A4 page, with all 8 questions
    rows = report.read_text(encoding="utf-8-sig").splitlines()
    assert all(",4,3,75,0,0," in row for row in rows[1:])  # 3 of 4 phones right, nobody after yet
    screen = request(server.port, "GET", f"/?projector&hasil&kunci={server.key}")[2].decode()
    assert f"Laporan tersimpan: {report}, {report.with_suffix('.pdf')}" in screen


# ---------- what a laptop and a network do wrong ----------


def test_killing_the_server_mid_round_loses_no_answer(tmp_path, questions):
    options, _ = questions
    first, log = serve(tmp_path)
    phones = [Phone(n, first.port) for n in range(40)]
    for phone in phones:
        assert phone.join() == 303
    set_round(first.port, first.key, "before")
    rng = random.Random(7)
    answers = {phone.number: random_answers(options, rng) for phone in phones}
    outcomes: dict[int, object] = {}

    def answer(phone):
        time.sleep(phone.number * 0.01)  # the room answers over 0.4 s: the kill lands in the middle
        try:
            outcomes[phone.number] = phone.answer("before", answers[phone.number])[0]
        except OSError as err:  # the server died under this phone
            outcomes[phone.number] = err

    threads = [threading.Thread(target=answer, args=(phone,)) for phone in phones]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + HARD_STOP
    while status(first.port)["rounds"]["before"]["phones"] < 10 and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(first.proc.pid, signal.SIGKILL)  # no goodbye: a laptop whose battery ran out
    first.proc.wait(10)
    for thread in threads:
        thread.join(HARD_STOP)
    saved = {n for n, outcome in outcomes.items() if outcome == 303}
    assert saved and len(saved) < 40, "the server was not killed mid-round"

    second, _ = serve(tmp_path)  # the same journal, a new process and port
    try:
        assert "answer set(s) kept from before" in second.out and second.key == first.key
        after_restart = status(second.port)
        assert after_restart["open"] == "before" and after_restart["rounds"]["before"]["phones"] >= len(saved)
        for phone in phones:  # the phones whose answer got no reply send it again: saved now, or already kept
            phone.port = second.port
            if phone.number not in saved:
                assert phone.answer("before", answers[phone.number])[0] in (303, 409)
            else:
                assert phone.answer("before", answers[phone.number])[0] == 409  # kept: not counted twice
        assert status(second.port)["rounds"]["before"]["phones"] == 40
    finally:
        second.proc.kill()
        second.proc.wait(10)
    assert "Traceback" not in log.read_text()


def raw(port: int, data: bytes, source: str = "127.0.0.1") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0)) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_bad_input_gets_its_status_and_the_room_goes_on(server, questions):
    options, right = questions
    port = server.port
    phone = Phone(0, port)
    phone.join()
    set_round(port, server.key, "before")
    good = {"t": phone.token, "r": "before", **{f"q.{q}": a for q, a in right.items()}}
    json_accept = {"Accept": "application/json"}

    def post(fields, headers=None, path="/_sesi/jawab"):
        status_, _, body, _ = request(port, "POST", path, fields, phone.source, {**json_accept, **(headers or {})})
        return status_, json.loads(body) if body.startswith(b"{") else body

    assert post({**good, "pad": "x" * 5000})[0] == 413
    assert post(good, {"Content-Type": "text/plain"})[0] == 415
    assert post(good, {"Content-Type": "application/json"})[0] == 415
    assert post({**good, "q.tidak-ada": "a"}) == (
        400,
        {"ok": False, "reason": "bad", "detail": "unknown question 'tidak-ada'"},
    )
    assert post({**good, "q.visa-turis": "z"})[1]["detail"] == "'z' is not a choice of question 'visa-turis'"
    forged = phone.token[:-1] + ("1" if phone.token.endswith("0") else "0")
    assert post({**good, "t": forged})[1]["detail"] == "unknown token"
    assert post({**good, "r": "tengah"})[0] == 400
    assert post({k: v for k, v in good.items() if k != "q.simpan-bukti"})[1]["detail"] == "no answer to: simpan-bukti"
    assert post(good) == (200, {"ok": True, "page": f"/?peserta&t={phone.token}#cek", "saved": "before"})
    assert post(good)[:1] == (409,) and post(good)[1]["reason"] == "twice"
    assert post({"kunci": "0" * 20, "r": "after", "a": "open"}, path="/_sesi/ronde")[0] == 403
    assert post({"kunci": server.key, "r": "after", "a": "buka"}, path="/_sesi/ronde")[0] == 400
    chunked = b"POST /_sesi/jawab HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    assert raw(port, chunked + b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").startswith(b"HTTP/1.1 411 ")
    assert raw(port, b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").startswith(b"HTTP/1.1 405 ")

    flood = Phone(99, port)
    refused = []
    for _ in range(1000):  # one client asking for a new token again and again
        refused.append(request(port, "GET", "/?peserta", source=flood.source)[0])
    assert refused.count(303) == 12 and refused.count(429) == 988
    other = Phone(1, port)  # a real phone, after the flood: still joins and answers
    assert other.join() == 303 and other.answer("before", right)[0] == 303
    assert request(port, "GET", "/index.html")[0] == 200
    assert status(port)["rounds"]["before"]["phones"] == 2


def test_a_slow_or_flooding_client_does_not_block_the_others(server, questions):
    _, right = questions
    port = server.port
    set_round(port, server.key, "before")
    slow = socket.create_connection(("127.0.0.1", port), timeout=30, source_address=("127.0.0.200", 0))
    slow.sendall(
        b"POST /_sesi/jawab HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 400\r\n\r\nt=abc"
    )  # and then nothing more
    flood = []
    for _ in range(40):  # more connections from one address than a phone ever opens
        sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=("127.0.0.201", 0))
        flood.append(sock)
    refused, waiting, deadline = 0, list(flood), time.monotonic() + HARD_STOP
    while waiting and refused < 40 - 24 and time.monotonic() < deadline:  # the server answers the excess at once
        ready, _, _ = select.select(waiting, [], [], 0.1)
        for sock in ready:
            refused += sock.recv(64).startswith(b"HTTP/1.1 503 ")
            waiting.remove(sock)
    assert refused == 40 - 24 and not select.select(waiting, [], [], 0.5)[0]  # above MAX_CONNECTIONS_PER_CLIENT
    phone = Phone(2, port)
    assert phone.join() == 303 and phone.answer("before", right)[0] == 303  # meanwhile, a phone is served
    slow.settimeout(30)
    assert re.match(rb"HTTP/1.1 408 ", slow.recv(4096))  # the slow form is given up (after 2 s here, 10 by default)
    for sock in [slow, *flood]:
        sock.close()
