"""The room during a session: which round is open, which phone tokens answered, the counts so far.

A phone gets a token when it opens the participants' page: random, signed with the journal's secret
(so the server need not remember unused tokens, and a token still works after a restart), and never
linked to anything about the phone. How many tokens each network address was given is kept in memory
only, to bound what one client can take; it is never written anywhere.

Every change goes to the journal and into memory under one lock, in the same order; a phone is told its
answers were saved only once their line is on the disk (kie.serve.journal: fsync, shared by phones that
answer at the same moment).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from collections import Counter
from dataclasses import dataclass

from ..model.session_check import Question, answer_set
from ..model.session_tally import ROUNDS, add_answer_set, answer_problem, empty_rounds, percent
from .journal import Journal

TOKEN_BYTES = 12


@dataclass(frozen=True)
class Limits:
    tokens_per_client: int = 12  # one phone: a few reloads, a second scan, the other languages
    tokens_per_session: int = 1000  # a school hall, with reloads; far more than a room holds


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Outcome:
    status: int  # HTTP status the phone gets
    reason: str  # a short code for page scripts and tests ('saved', 'twice', 'closed', 'bad')
    detail: str = ""


class Room:
    def __init__(self, questions: tuple[Question, ...], journal: Journal, limits: Limits = DEFAULT_LIMITS):
        self.questions = questions
        self.journal = journal
        self.limits = limits
        self._secret = bytes.fromhex(journal.header["secret"])
        self._lock = threading.Lock()
        self.open_round: str | None = None
        self.answers: dict[str, dict[str, dict[str, str]]] = {name: {} for name in ROUNDS}  # round → token → set
        self.counts = empty_rounds()
        self._given: Counter[str] = Counter()  # network address → tokens given (memory only)
        self._given_total = 0
        self.version = 0  # goes up with every change: the status document's ETag
        self.replayed, self.refused_in_journal = self._replay(journal.events)

    # ----- tokens and the facilitator's key, all derived from the journal's secret -----

    def _sign(self, text: str) -> str:
        return hmac.new(self._secret, text.encode(), hashlib.sha256).hexdigest()[:20]

    @property
    def facilitator_key(self) -> str:
        return self._sign("facilitator")

    @property
    def room_id(self) -> str:
        """Public: lets a phone's page script tell this session's token from one of another session."""
        return self._sign("room")[:10]

    def is_facilitator(self, key: str) -> bool:
        return hmac.compare_digest(key.encode(), self.facilitator_key.encode())

    def new_token(self, client: str) -> str | None:
        """A token for a phone's page, or None when this client or the session has had its share."""
        with self._lock:
            if self._given[client] >= self.limits.tokens_per_client:
                return None
            if self._given_total >= self.limits.tokens_per_session:
                return None
            self._given[client] += 1
            self._given_total += 1
        nonce = secrets.token_urlsafe(TOKEN_BYTES)
        return f"{nonce}.{self._sign('token:' + nonce)}"

    def token_ok(self, token: str) -> bool:
        nonce, _, signature = token.partition(".")
        if not nonce or len(token) > 80:
            return False
        return hmac.compare_digest(signature.encode(), self._sign("token:" + nonce).encode())

    # ----- answers and rounds -----

    def answer(self, token: str, round_name: str, fields: dict[str, str]) -> Outcome:
        if round_name not in ROUNDS:
            return Outcome(400, "bad", "unknown round")
        if not self.token_ok(token):
            return Outcome(400, "bad", "unknown token")
        problem = answer_problem(self.questions, fields)
        if problem:
            return Outcome(400, "bad", problem)
        with self._lock:
            if self.open_round != round_name:
                return Outcome(409, "closed", "this round is not open")
            if token in self.answers[round_name]:
                return Outcome(409, "twice", "this phone has answered this round")
            line = self.journal.write({"round": round_name, "token": token, "answers": fields})
            self._count(round_name, token, fields)
        self.journal.sync(line)  # outside the room's lock: phones answering together share an fsync
        return Outcome(200, "saved")

    def set_round(self, round_name: str | None) -> None:
        """Open a round (closing the other), or close the open one (None)."""
        with self._lock:
            if round_name == self.open_round:
                return
            if self.open_round is not None:
                self.journal.append({"close": self.open_round})
            if round_name is not None:
                self.journal.append({"open": round_name})
            self.open_round = round_name
            self.version += 1

    def _count(self, round_name: str, token: str, fields: dict[str, str]) -> None:
        self.answers[round_name][token] = dict(fields)
        add_answer_set(self.counts[round_name], self.questions, fields)
        self.version += 1

    def _replay(self, events: list[dict]) -> tuple[int, int]:
        """Rebuild the room from the journal: the same checks as when the answers came in."""
        replayed = refused = 0
        for event in events:
            if event.get("open") in ROUNDS:
                self.open_round = event["open"]
            elif event.get("close") in ROUNDS:
                self.open_round = None if self.open_round == event["close"] else self.open_round
            elif event.get("round") in ROUNDS and isinstance(event.get("answers"), dict):
                token, fields = str(event.get("token", "")), event["answers"]
                if (
                    self.token_ok(token)
                    and token not in self.answers[event["round"]]
                    and answer_problem(self.questions, fields) is None
                ):
                    self._count(event["round"], token, fields)
                    replayed += 1
                    continue
                refused += 1
        self.version += 1
        return replayed, refused

    # ----- what phones and the projector read -----

    def answered(self, token: str) -> dict[str, dict[str, str]]:
        """round → this token's answers, for the rounds it answered."""
        with self._lock:
            return {name: dict(self.answers[name][token]) for name in ROUNDS if token in self.answers[name]}

    def status(self) -> dict:
        with self._lock:
            rounds = {name: {"phones": self.counts[name].participants} for name in ROUNDS}
            questions = [
                {
                    "id": q.id,
                    **{
                        name: percent(self.counts[name].right.get(q.id, 0), self.counts[name].participants)
                        for name in ROUNDS
                    },
                }
                for q in self.questions
            ]
            return {"open": self.open_round, "room": self.room_id, "rounds": rounds, "questions": questions}

    def status_json(self) -> tuple[bytes, int]:
        version = self.version
        return json.dumps(self.status(), separators=(",", ":")).encode(), version

    def counts_copy(self):
        with self._lock:
            return {name: type(c)(c.participants, dict(c.right)) for name, c in self.counts.items()}


def journal_questions(questions: tuple[Question, ...]) -> list[list[str]]:
    """How the journal's first line names the questions: [[id, right answer], …]."""
    return [list(pair) for pair in answer_set(questions)]
