"""The check questions over HTTP: the only part of `kie serve` that accepts input from the room.

    GET  /?peserta                 a new token for this phone, then 303 to /?peserta&t=TOKEN
    GET  /?peserta&t=TOKEN         the participants' page as this phone sees it
    GET  /?projector[&hasil]       the join screen, the results screen; &kunci=KEY adds the facilitator's buttons
    GET  /_sesi/status.json        the open round and the counts (the projector and phones poll it)
    POST /_sesi/jawab              t, r (round), l (language), q.<question id>=<answer> for every question
    POST /_sesi/ronde              kunci, r, a=open|close            (facilitator only)
    POST /_sesi/laporan            kunci                             (facilitator only: writes the report)

Bodies are application/x-www-form-urlencoded (a plain form without JavaScript sends that; so does the
page script), at most 4 KB, read within 10 s. Answers: 303 to the phone's page for a form, or JSON when
the request accepts application/json. Refusals: 400 (unknown question or choice, bad token), 403 (no
facilitator key), 409 (answered twice, round not open), 411, 413, 415, 429 (too many tokens).
"""

from __future__ import annotations

import json
import os
import threading
import time
from urllib.parse import parse_qs, parse_qsl, quote

from ..model.session_tally import ROUNDS
from .room import Room
from .session_pages import Pages

PREFIX = "/_sesi/"
STATUS = PREFIX + "status.json"
ANSWER, ROUND, REPORT = PREFIX + "jawab", PREFIX + "ronde", PREFIX + "laporan"
MAX_BODY = 4096


def _form_seconds(default: float = 10.0) -> float:
    """How long a form may take to arrive. KIE_FORM_SECONDS (0.5-60) lets the tests wait 2 s, not 10, for a
    phone that stops halfway; anything else there is ignored, never a traceback."""
    try:
        seconds = float(os.environ.get("KIE_FORM_SECONDS", default))
    except ValueError:
        return default
    return seconds if 0.5 <= seconds <= 60 else default


BODY_SECONDS = _form_seconds()
FORM = "application/x-www-form-urlencoded"
MAX_FIELDS = 40  # 8 questions and 3 hidden fields fit many times over
MESSAGES = {"twice": "sesi_twice", "closed": "sesi_closed", "bad": "sesi_answer_all"}


DRAIN = 64 * 1024  # a refused body up to this size is read and dropped, so the phone gets the answer, not a reset


class Refusal(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def read_form(handler) -> dict[str, str]:
    """The posted fields, each once. Raises Refusal for anything but a small, well-formed form."""
    kind = handler.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind != FORM:
        raise Refusal(415, "send a form (application/x-www-form-urlencoded)")
    if handler.headers.get("Transfer-Encoding"):
        raise Refusal(411, "send the form's length (Content-Length), not chunks")
    length = handler.headers.get("Content-Length", "")
    if not length.isdigit():
        raise Refusal(411, "Content-Length is missing")
    if int(length) > MAX_BODY:
        if int(length) <= DRAIN:
            _read(handler, int(length))
        raise Refusal(413, f"a form is at most {MAX_BODY} bytes")
    body = _read(handler, int(length))
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body), max_num_fields=MAX_FIELDS
        )
    except (UnicodeDecodeError, ValueError):
        raise Refusal(400, "the form cannot be read") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise Refusal(400, "a field is sent twice")
    return fields


def _read(handler, length: int) -> bytes:
    """Exactly `length` bytes of the body, within BODY_SECONDS whatever pace the client sends them at."""
    body, deadline = b"", time.monotonic() + BODY_SECONDS
    try:
        while len(body) < length:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Refusal(408, "the form came too slowly")
            handler.connection.settimeout(left)
            chunk = handler.rfile.read1(length - len(body))
            if not chunk:
                raise Refusal(400, "the form ended early")
            body += chunk
    except TimeoutError:
        raise Refusal(408, "the form came too slowly") from None
    finally:
        handler.connection.settimeout(handler.timeout)
    return body


class Desk:
    def __init__(self, pages: Pages, room: Room, save_report, default_language: str, languages: list[str]):
        """`save_report(lang)` writes the report and returns what to tell the facilitator."""
        self.pages = pages
        self.room = room
        self.save_report = save_report
        self.default = default_language
        self.languages = languages
        self.message = ""  # the last report saved, shown on the results screen
        self._report_lock = threading.Lock()

    def _lang(self, code: str | None) -> str:
        return code if code in self.languages else self.default

    # ----- GET -----

    def get(self, h, view, path: str, query: str, send_body: bool) -> None:
        if path == STATUS:
            body, version = self.room.status_json()
            return h.send_dynamic(200, "application/json; charset=utf-8", body, send_body, etag=f'"s{version}"')
        if view is None:
            return h.send_error(404)
        folder, name = view
        lang = self._lang(folder)
        params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        if name == "projector":
            key = params.get("kunci")
            status, message = 200, self.message if key else ""
            if key is not None and not self.room.is_facilitator(key):
                status, message, key = 403, self._ui(lang, "sesi_wrong_key"), None
            screen = "results" if "hasil" in params else "join"
            return self._html(h, status, self.pages.projector(lang, screen, self.room, key, message), send_body)
        token = params.get("t", "")
        if self.room.token_ok(token):
            return self._html(h, 200, self.pages.phone(lang, token, self.room), send_body)
        if not send_body:  # a HEAD request is no phone: no token for it
            return h.send_dynamic(200, "text/html; charset=utf-8", b"", False)
        token = self.room.new_token(h.client_address[0])
        if token is None:
            page = self.pages.phone(lang, None, self.room, self._ui(lang, "sesi_too_many"))
            return self._html(h, 429, page, send_body)
        return h.redirect(self.pages.phone_url(lang, token) + "#cek", 303)

    # ----- POST -----

    def post(self, h, path: str) -> None:
        if path not in (ANSWER, ROUND, REPORT):
            return h.send_error(404)
        try:
            fields = read_form(h)
        except Refusal as refusal:
            h.close_connection = True  # the rest of a refused body is never read
            return self._refuse(h, refusal.status, "bad", refusal.reason, self.default)
        lang = self._lang(fields.pop("l", None))
        if path == ANSWER:
            return self._answer(h, fields, lang)
        if not self.room.is_facilitator(fields.get("kunci", "")):
            return self._refuse(h, 403, "key", self._ui(lang, "sesi_wrong_key"), lang)
        if path == ROUND:
            round_name, action = fields.get("r"), fields.get("a")
            if round_name not in ROUNDS or action not in ("open", "close"):
                return self._refuse(h, 400, "bad", "r must be before or after, a must be open or close", lang)
            if action == "open":
                self.room.set_round(round_name)
            elif self.room.open_round == round_name:
                self.room.set_round(None)
        else:
            with self._report_lock:  # two taps on the button write the files once after the other
                self.message = self.save_report(lang)
        return self._done(h, self._results_url(lang, fields["kunci"]), {"open": self.room.open_round})

    def _answer(self, h, fields: dict[str, str], lang: str) -> None:
        token, round_name = fields.pop("t", ""), fields.pop("r", "")
        answers, unknown = {}, []
        for name, value in fields.items():
            if name.startswith("q."):
                answers[name[2:]] = value
            else:
                unknown.append(name)
        if unknown:
            return self._refuse(h, 400, "bad", f"unknown field '{unknown[0][:40]}'", lang)
        outcome = self.room.answer(token, round_name, answers)
        if outcome.status != 200:
            return self._refuse(h, outcome.status, outcome.reason, outcome.detail, lang, token)
        return self._done(h, self.pages.phone_url(lang, token) + "#cek", {"saved": round_name})

    # ----- answers -----

    def _ui(self, lang: str, key: str) -> str:
        return self.pages.ui_for(lang)(key)

    def _results_url(self, lang: str, key: str) -> str:
        return f"{self.pages.folder_of(lang)}?projector&hasil&kunci={quote(key)}"

    @staticmethod
    def _wants_json(h) -> bool:
        return "application/json" in h.headers.get("Accept", "")

    def _done(self, h, url: str, data: dict) -> None:
        if self._wants_json(h):
            body = json.dumps({"ok": True, "page": url, **data}).encode()
            return h.send_dynamic(200, "application/json; charset=utf-8", body, True)
        return h.redirect(url, 303)

    def _refuse(self, h, status: int, reason: str, detail: str, lang: str, token: str = "") -> None:
        if self._wants_json(h):
            body = json.dumps({"ok": False, "reason": reason, "detail": detail}).encode()
            return h.send_dynamic(status, "application/json; charset=utf-8", body, True)
        known = token if self.room.token_ok(token) else None
        message = self._ui(lang, MESSAGES[reason]) if reason in MESSAGES and known else detail
        page = self.pages.phone(lang, known, self.room, message)
        return self._html(h, status, page, True)

    @staticmethod
    def _html(h, status: int, page: str, send_body: bool) -> None:
        h.send_dynamic(status, "text/html; charset=utf-8", page.encode("utf-8"), send_body)
