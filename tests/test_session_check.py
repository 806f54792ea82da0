"""Check questions before and after a session: the content, the counting, the report files, paper and merge.

No server here (tests/test_session_serve.py has it): the numbers are plain functions, checked against
percentages worked out by hand.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from conftest import REPO
from kie.cli import main
from kie.model.session_check import Question, questions_of
from kie.model.session_files import read_report_csv, report_csv, write_report_csv
from kie.model.session_tally import (
    Report,
    ReportQuestion,
    RoundCount,
    add_answer_set,
    answer_problem,
    answer_set_problems,
    lines,
    merge,
    overall,
    percent,
)
from kie.serve.journal import Journal, JournalError, read_journal
from kie.serve.room import DEFAULT_LIMITS, Limits, Room, journal_questions
from pypdf import PdfReader

QUESTIONS = (
    Question("gaji", {"id": "Gaji tinggi?"}, ({"id": "Ya"}, {"id": "Tidak"}, {"id": "Mungkin"}), "b", ("modus", "x")),
    Question("visa", {"id": "Visa turis aman?"}, (), "true", ("modus", "x")),
    Question(
        "ktp", {"id": "Kirim KTP?"}, ({"id": "Kirim"}, {"id": "Cek dulu"}, {"id": "Lupakan"}), "a", ("modus", "x")
    ),
)
BEFORE = [  # three phones: gaji right 2 of 3, visa right 2 of 3, ktp right 1 of 3
    {"gaji": "b", "visa": "true", "ktp": "c"},
    {"gaji": "a", "visa": "true", "ktp": "a"},
    {"gaji": "b", "visa": "false", "ktp": "b"},
]
AFTER = [{"gaji": "b", "visa": "true", "ktp": "a"}] * 3 + [{"gaji": "b", "visa": "true", "ktp": "c"}]


def report_from(sets_before, sets_after, place="SMA 1", date="2026-11-29") -> Report:
    rounds = {"before": RoundCount(), "after": RoundCount()}
    for name, sets in (("before", sets_before), ("after", sets_after)):
        for answers in sets:
            add_answer_set(rounds[name], QUESTIONS, answers)
    texts = tuple(ReportQuestion(q.id, q.answer, q.text["id"]) for q in QUESTIONS)
    return Report("kampus", date, place, texts, rounds, "Sesi kampus")


# ---------- the content ----------


def test_every_session_plan_asks_4_to_8_questions_in_each_of_its_languages(repo_content):
    content, problems = repo_content
    assert [p for p in problems if "sessions/" in p.file] == []
    assert len(content.sessions) >= 4
    for session in content.sessions.values():
        questions = questions_of(session)
        assert 4 <= len(questions) <= 8, session.id
        for q in questions:
            assert set(q.text) == set(session["title"]), (session.id, q.id)  # every language of the plan
            assert q.answer in q.options
            assert q.page[1] in content.of(q.page[0])  # the page that explains it exists


# ---------- counting ----------


def test_percentages_round_halves_up_like_a_hand_calculation():
    assert [percent(2, 3), percent(1, 3), percent(1, 8), percent(7, 8), percent(0, 5)] == [67, 33, 13, 88, 0]
    assert percent(0, 0) is None  # nobody answered that round: no number, not 0 %


def test_an_answer_set_must_name_every_question_once_with_one_of_its_options():
    assert answer_problem(QUESTIONS, {"gaji": "b", "visa": "true", "ktp": "a"}) is None
    assert (
        answer_problem(QUESTIONS, {"gaji": "d", "visa": "true", "ktp": "a"}) == "'d' is not a choice of question 'gaji'"
    )
    assert (
        answer_problem(QUESTIONS, {"gaji": "b", "visa": "ya", "ktp": "a"}) == "'ya' is not a choice of question 'visa'"
    )
    assert answer_problem(QUESTIONS, {"gaji": "b", "visa": "true", "ktp": "a", "x": "a"}) == "unknown question 'x'"
    assert answer_problem(QUESTIONS, {"gaji": "b"}) == "no answer to: visa, ktp"


def test_the_report_numbers_match_a_hand_count():
    report = report_from(BEFORE, AFTER)
    assert [(line.before, line.after) for line in lines(report)] == [
        ((2, 67), (4, 100)),
        ((2, 67), (4, 100)),
        ((1, 33), (3, 75)),
    ]
    assert (report.rounds["before"].participants, report.rounds["after"].participants) == (3, 4)
    assert overall(report, "before") == 56 and overall(report, "after") == 92  # 5 of 9, 11 of 12


# ---------- the report CSV ----------


def test_the_report_csv_holds_counts_and_percentages_and_reads_back(tmp_path):
    report = report_from(BEFORE, AFTER)
    file = tmp_path / "laporan.csv"
    write_report_csv(report, file)
    assert file.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheet programs read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(file.read_text(encoding="utf-8-sig"))))
    assert [(r["question"], r["before_percent"], r["after_percent"]) for r in rows] == [
        ("gaji", "67", "100"),
        ("visa", "67", "100"),
        ("ktp", "33", "75"),
    ]
    assert {r["before_participants"] for r in rows} == {"3"} and {r["place"] for r in rows} == {"SMA 1"}
    again, problems = read_report_csv(file)
    assert problems == [] and report_csv(again) == report_csv(report)


def test_a_report_csv_edited_wrong_gets_one_line_per_problem(tmp_path):
    file = tmp_path / "rusak.csv"
    write_report_csv(report_from(BEFORE, AFTER), file)
    text = file.read_text(encoding="utf-8-sig").splitlines()
    text[1] = text[1].replace(",3,2,67,", ",3,9,67,")  # 9 right answers of 3 participants
    text[2] = text[2].replace(",3,2,67,", ",x,2,67,")
    text[3] = text[3].replace(",3,1,33,", ",5,1,33,")  # another number of participants than row 2
    file.write_text("\n".join(text) + "\n", encoding="utf-8")
    report, problems = read_report_csv(file)
    assert report is None
    assert problems == [
        "rusak.csv:row 2: before_right: 9 right answers but 3 participants; check both",
        "rusak.csv:row 3: before_participants: 'x' here but '3' in row 2; a report has one value for the whole session",
        "rusak.csv:row 3: before_participants: 'x' is not a count; write a whole number",
        "rusak.csv:row 4: before_participants: '5' here but '3' in row 2; a report has one value for the whole session",
    ]


def test_merged_reports_add_counts_and_compute_percentages_again():
    other = [{"gaji": "a", "visa": "true", "ktp": "b"}] * 4 + [{"gaji": "b", "visa": "true", "ktp": "b"}]
    other_after = [{"gaji": "b", "visa": "true", "ktp": "a"}] * 2 + [{"gaji": "b", "visa": "false", "ktp": "c"}] * 3
    second = report_from(other, other_after, place="SMA 2", date="2026-12-03")
    assert [(line.before, line.after) for line in lines(second)] == [
        ((1, 20), (5, 100)),
        ((5, 100), (2, 40)),
        ((0, 0), (2, 40)),
    ]
    merged = merge([report_from(BEFORE, AFTER), second])
    # before: 3 + 5 = 8 participants; after: 4 + 5 = 9
    assert [(line.before, line.after) for line in lines(merged)] == [
        ((3, 38), (9, 100)),  # 3/8 = 37.5 %, 9/9
        ((7, 88), (6, 67)),  # 7/8 = 87.5 %, 6/9
        ((1, 13), (5, 56)),  # 1/8 = 12.5 %, 5/9 = 55.6 %
    ]
    assert (merged.date, merged.place) == ("2026-11-29/2026-12-03", "SMA 1; SMA 2")


def test_reports_of_other_questions_are_not_added_up():
    mine = report_from(BEFORE, AFTER)
    theirs = report_from(BEFORE, AFTER)
    theirs.questions = (
        ReportQuestion("gaji", "c", "x"),
        ReportQuestion("visa", "true", "x"),
        ReportQuestion("paspor", "a", "x"),
    )
    assert answer_set_problems("b.csv", theirs, "a.csv", mine) == [
        "b.csv: question 'gaji': the right answer is 'c' here but 'b' in a.csv",
        "b.csv: question 'ktp' of a.csv is missing",
        "b.csv: question 'paspor' is not in a.csv",
    ]


# ---------- the journal and the room, without a server ----------


def new_room(tmp_path, limits: Limits = DEFAULT_LIMITS) -> Room:
    journal = Journal.open(tmp_path / "j.jsonl", "kampus", journal_questions(QUESTIONS), "2026-11-29", "")
    return Room(QUESTIONS, journal, limits)


def test_a_room_counts_each_token_once_per_open_round(tmp_path):
    room = new_room(tmp_path)
    token = room.new_token("10.0.0.2")
    answers = BEFORE[0]
    assert room.answer(token, "before", answers).reason == "closed"  # nothing is open yet
    room.set_round("before")
    assert room.answer(token, "before", answers).status == 200
    assert (room.answer(token, "before", answers).status, room.answer(token, "before", answers).reason) == (
        409,
        "twice",
    )
    assert room.answer(token, "after", answers).status == 409  # not open
    forged = token[:-1] + ("1" if token.endswith("0") else "0")
    assert room.answer(forged, "before", answers).status == 400  # a token this server never gave
    assert room.answer("x" * 20, "before", answers).status == 400
    assert room.status()["rounds"]["before"]["phones"] == 1


def test_tokens_are_bounded_per_client_and_per_session(tmp_path):
    room = new_room(tmp_path, Limits(tokens_per_client=5, tokens_per_session=12))
    mine = [room.new_token("10.0.0.2") for _ in range(1000)]
    assert sum(t is not None for t in mine) == 5
    others = [room.new_token(f"10.0.0.{n}") for n in range(3, 20)]
    assert sum(t is not None for t in others) == 7  # 12 in the whole session


def test_the_journal_brings_a_room_back_after_a_crash_mid_line(tmp_path):
    room = new_room(tmp_path)
    room.set_round("before")
    tokens = [room.new_token(f"10.0.0.{n}") for n in range(3)]
    for token, answers in zip(tokens, BEFORE, strict=True):
        assert room.answer(token, "before", answers).status == 200
    room.journal.close()
    path = tmp_path / "j.jsonl"
    with path.open("ab") as journal:
        journal.write(b'{"round":"before","token":"' + tokens[0].encode())  # the power went mid-write
    again = Journal.open(path, "kampus", journal_questions(QUESTIONS), "2026-11-30", "")
    back = Room(QUESTIONS, again)
    assert back.counts_copy()["before"].participants == 3 and back.open_round == "before"
    assert again.skipped == 1 and back.replayed == 3
    assert back.answer(tokens[1], "before", BEFORE[1]).reason == "twice"  # still once per token
    assert back.facilitator_key == room.facilitator_key  # the projector's address still works
    back.set_round(None)
    again.close()
    header, events, skipped = read_journal(path)
    assert header["date"] == "2026-11-29" and events[-1] == {"close": "before"} and skipped == 1
    assert "10.0.0" not in path.read_text()  # no address of any phone is written


def test_a_journal_of_other_questions_is_not_continued(tmp_path):
    new_room(tmp_path).journal.close()
    with pytest.raises(JournalError, match="was written for other check questions"):
        Journal.open(tmp_path / "j.jsonl", "kampus", [["gaji", "a"]], "2026-11-29", "")


# ---------- the commands ----------


def kie(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(REPO), *args])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


def served_journal(tmp_path: Path, content, sets: dict[str, list[dict]]) -> Path:
    """A journal as `kie serve --session sekolah-smp-sma` writes it, with these answer sets."""
    session = content.sessions["sekolah-smp-sma"]
    questions = questions_of(session)
    path = tmp_path / "jurnal" / "2026-11-29-sekolah-smp-sma.jsonl"
    room = Room(questions, Journal.open(path, session.id, journal_questions(questions), "2026-11-29", "SMP 3"))
    for name, answer_sets in sets.items():
        room.set_round(name)
        for n, answers in enumerate(answer_sets):
            assert room.answer(room.new_token(f"10.1.{n}.1"), name, answers).status == 200
    room.set_round(None)
    room.journal.close()
    return path


def fill_tally(text: str, date: str, counts: dict[str, tuple[int, list[int]]]) -> str:
    """The tally file as a facilitator fills it in: the day, then per round the sheets and the right answers."""
    out, round_name, number = [], None, 0
    for line in text.splitlines():
        if line.startswith("date:"):
            line = f'date: "{date}"'
        elif line.rstrip(":") in counts:
            round_name, number = line.rstrip(":"), 0
        elif line.strip() == "sheets: 0":
            line = f"  sheets: {counts[round_name][0]}"
        elif re.match(r"    [a-z0-9-]+: 0  #", line):
            line = line.replace(": 0  #", f": {counts[round_name][1][number]}  #", 1)
            number += 1
        out.append(line)
    return "\n".join(out) + "\n"


def test_paper_and_phones_give_the_same_report(tmp_path, repo_content):
    """The round trip: what phones answered, counted by hand from paper sheets instead, is the same report."""
    content, _ = repo_content
    questions = questions_of(content.sessions["sekolah-smp-sma"])
    right = {q.id: q.answer for q in questions}
    wrong = {q.id: next(o for o in q.options if o != q.answer) for q in questions}
    half = {q.id: (q.answer if i % 2 else wrong[q.id]) for i, q in enumerate(questions)}
    journal = served_journal(tmp_path, content, {"before": [wrong, half, half], "after": [right, right, half]})
    assert kie("session", "report", str(journal), "-o", str(tmp_path / "phones"))[0] == 0

    code, out, _ = kie("session", "sheet", "sekolah-smp-sma", "--place", "SMP 3", "-o", str(tmp_path / "paper"))
    assert code == 0 and "lembar-cek-sekolah-smp-sma-id.pdf" in out and "form-rekap-sekolah-smp-sma-id.pdf" in out
    tally = next((tmp_path / "paper").glob("rekap-*.yml"))
    counted = {  # the same answers, counted from six sheets: odd questions right on the two "half" sheets
        "before": (3, [2 if i % 2 else 0 for i in range(len(questions))]),
        "after": (3, [3 if i % 2 else 2 for i in range(len(questions))]),
    }
    tally.write_text(fill_tally(tally.read_text(encoding="utf-8"), "2026-11-29", counted), encoding="utf-8")
    code, out, err = kie("session", "tally", str(tally), "-o", str(tmp_path / "paper"))
    assert code == 0, err
    phones = (tmp_path / "phones" / "2026-11-29-sekolah-smp-sma.csv").read_text(encoding="utf-8-sig")
    paper = (tmp_path / "paper" / "2026-11-29-sekolah-smp-sma-smp-3.csv").read_text(encoding="utf-8-sig")
    assert paper == phones
    first, second = _numbers(paper)[:2]
    assert first[1:] == ("3", "0", "0", "3", "2", "67")  # question 1: nobody right before, 2 of 3 after
    assert second[1:] == ("3", "2", "67", "3", "3", "100")
    pdf = PdfReader(tmp_path / "paper" / "2026-11-29-sekolah-smp-sma-smp-3.pdf")
    assert len(pdf.pages) == 1 and "Gaji yang sangat tinggi" in pdf.pages[0].extract_text()
    for sheet in ("lembar-cek", "form-rekap"):  # what the facilitator prints: one page each
        assert len(PdfReader(tmp_path / "paper" / f"{sheet}-sekolah-smp-sma-id.pdf").pages) == 1


def _numbers(text: str) -> list[tuple[str, ...]]:
    columns = ("question", "before_participants", "before_right", "before_percent") + (
        "after_participants",
        "after_right",
        "after_percent",
    )
    return [tuple(row[c] for c in columns) for row in csv.DictReader(io.StringIO(text))]


def test_a_tally_with_wrong_counts_names_file_line_and_field(tmp_path):
    assert kie("session", "sheet", "kampus", "-o", str(tmp_path))[0] == 0
    tally = next(tmp_path.glob("rekap-*.yml"))
    text = tally.read_text(encoding="utf-8").replace("sheets: 0", "sheets: 2", 1)
    text = text.replace("magang-tanya-kampus: 0", "magang-tanya-kampus: 5", 1)
    tally.write_text(text.replace("visa-turis: 0", "visa-turs: 0", 1), encoding="utf-8")
    code, out, err = kie("session", "tally", str(tally), "-o", str(tmp_path))
    assert code == 1 and out == "" and not list(tmp_path.glob("*.csv"))
    shown = tally.as_posix()
    assert err.splitlines() == [
        f"{shown}:8: before.right: 'visa-turis' is missing; write 0 if nobody got it",
        f"{shown}:9: before.right.magang-tanya-kampus: 5 right answers but only 2 sheets in this round; "
        "check both counts",
        f"{shown}:12: before.right.visa-turs: 'visa-turs' is not a check question of 'kampus' (they are: "
        "magang-tanya-kampus, magang-tidak-sesuai-jurusan, magang-pinjam-uang, visa-turis, rahasiakan-dari-keluarga, "
        "uang-tebusan, akun-perekrut-baru, simpan-bukti)",
        "3 problem(s) found; nothing was written.",
    ]


def test_merge_adds_two_reports_and_refuses_other_questions(tmp_path, repo_content):
    content, _ = repo_content
    questions = questions_of(content.sessions["sekolah-smp-sma"])
    right = {q.id: q.answer for q in questions}
    wrong = {q.id: next(o for o in q.options if o != q.answer) for q in questions}
    one = served_journal(tmp_path / "a", content, {"before": [wrong, right], "after": [right, right]})
    two = served_journal(tmp_path / "b", content, {"before": [wrong, wrong, wrong], "after": [right, right, wrong]})
    for journal, out in ((one, "a"), (two, "b")):
        assert kie("session", "report", str(journal), "-o", str(tmp_path / out))[0] == 0
    a, b = (next((tmp_path / x).glob("*.csv")) for x in ("a", "b"))
    b.rename(b.with_name("kedua.csv"))
    b = b.with_name("kedua.csv")
    code, out, _ = kie("session", "report", "--merge", str(a), str(b), "--name", "gabungan", "-o", str(tmp_path))
    assert code == 0 and "gabungan.csv" in out and "gabungan.pdf" in out
    rows = _numbers((tmp_path / "gabungan.csv").read_text(encoding="utf-8-sig"))
    # before: 1 of 2 + 0 of 3 = 1 of 5 = 20 %; after: 2 of 2 + 2 of 3 = 4 of 5 = 80 %
    assert {row[1:] for row in rows} == {("5", "1", "20", "5", "4", "80")}

    other = tmp_path / "lain.csv"
    other.write_text(a.read_text(encoding="utf-8-sig").replace("sapa-129", "sapa-130"), encoding="utf-8")
    code, out, err = kie("session", "report", "--merge", str(a), str(other), "-o", str(tmp_path / "no"))
    assert code == 1 and not (tmp_path / "no").exists()
    assert err.splitlines() == [
        f"lain.csv: question 'sapa-129' of {a.name} is missing",
        f"lain.csv: question 'sapa-130' is not in {a.name}",
        "2 problem(s) found; nothing was written.",
    ]


def test_the_journal_holds_no_address_name_or_time(tmp_path, repo_content):
    content, _ = repo_content
    questions = questions_of(content.sessions["sekolah-smp-sma"])
    journal = served_journal(tmp_path, content, {"before": [{q.id: q.answer for q in questions}]})
    events = [json.loads(line) for line in journal.read_text().splitlines()]
    assert set(events[0]) == {"kie_journal", "session", "questions", "date", "place", "secret"}
    assert {frozenset(e) for e in events[1:]} == {
        frozenset({"open"}),
        frozenset({"close"}),
        frozenset({"round", "token", "answers"}),
    }


def test_a_phone_hears_saved_only_once_its_line_is_on_the_disk(tmp_path, monkeypatch):
    """fsync is what keeps an answer through a power cut (a killed process keeps what it wrote anyway, so the
    SIGKILL test cannot see it): every answer's line must be covered by an fsync before the phone is told."""
    room = new_room(tmp_path)
    room.set_round("before")
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr("kie.serve.journal.os.fsync", lambda fd: (real(fd), synced.append(os.fstat(fd).st_size)))
    for n, answers in enumerate(BEFORE):
        assert room.answer(room.new_token(f"10.0.0.{n}"), "before", answers).status == 200
        assert synced and synced[-1] == (tmp_path / "j.jsonl").stat().st_size  # its line included
    assert len(synced) == 3
