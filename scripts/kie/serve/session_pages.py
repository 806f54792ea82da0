"""The pages of the check questions: a participant's phone (one per token) and the projector's two screens.

What does not change during a session (the questions in each language, their links, the handouts) is
prepared once; per request only the room's state is put in. A phone sees, in turn: "wait", the form,
"saved" (the right answers appear once the facilitator closes the questions, so a neighbour who has
not answered yet cannot read them off this phone), then its answers beside the right ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from ..model.content import Content
from ..model.session_check import questions_of
from ..model.session_tally import ROUNDS
from ..print.printpage import localized
from ..views.check_labels import option_labels
from ..views.text import Language
from .classroom import Classroom, in_language, page_of, render_page, render_participants, render_projector
from .room import Room

ROUND_KEYS = {"before": "sesi_round_before", "after": "sesi_round_after"}


@dataclass(frozen=True)
class PhoneQuestion:
    id: str
    text: Markup
    options: tuple[tuple[str, str], ...]  # (value sent, label shown)
    href: str  # the page that explains the answer, in this language
    page_title: Markup

    def label(self, value: str) -> str:
        return dict(self.options).get(value, value)


class Pages:
    def __init__(self, content: Content, classroom: Classroom, folder: Path, names: dict[str, str]):
        self.content = content
        self.classroom = classroom
        self.folder = folder
        self.names = names
        self.default = content.default_language
        self.questions = questions_of(classroom.session)
        self.phone_questions = {lang: self._phone_questions(lang) for lang in content.languages}

    def _phone_questions(self, lang: str) -> tuple[PhoneQuestion, ...]:
        L = Language(lang, self.default, self.content.ui)
        out = []
        for q in self.questions:
            kind, entry_id = q.page
            entry = self.content.of(kind)[entry_id]
            href = "/" + in_language(page_of(self.content, kind, entry_id), lang, self.default)
            title = localized(L, entry["name"] if kind == "services" else entry["title"])
            out.append(PhoneQuestion(q.id, localized(L, q.text), option_labels(q, L), href, title))
        return tuple(out)

    def folder_of(self, lang: str) -> str:
        return "/" if lang == self.default else f"/{lang}/"

    def site_name(self, lang: str) -> str:
        ui = self.content.ui
        return ui.get(lang, {}).get("site_name") or ui[self.default]["site_name"]

    def ui_for(self, lang: str):
        """key, **fill → the interface text in `lang` (Indonesian where it has none)."""
        L = Language(lang, self.default, self.content.ui)
        return lambda key, **fill: L.ui_text(key, **fill)[0]

    def phone_url(self, lang: str, token: str) -> str:
        return f"{self.folder_of(lang)}?peserta&t={quote(token)}"

    def phone(self, lang: str, token: str | None, room: Room, message: str = "") -> str:
        """The participants' page for one token; with no token (too many pages opened), without the questions'
        form, saying why in `message`."""
        ui = self.ui_for(lang)
        status_open = room.open_round
        answered = room.answered(token) if token else {}
        check = {
            "room": room.room_id,
            "open": status_open,
            "token": token or "",
            "message": message,
            "round": None,
            "round_name": "",
            "questions": self.phone_questions[lang],
            # no #fragment: a link to the page's own address with one would only scroll, never load it again
            "self": self.phone_url(lang, token) if token else f"{self.folder_of(lang)}?peserta",
            "languages": [
                (
                    code,
                    self.names.get(code, code),
                    self.phone_url(code, token) if token else f"{self.folder_of(code)}?peserta",
                )
                for code in self.content.languages
                if code != lang
            ],
            "results": [],
        }
        if token is None:
            check["state"] = "refused"
        elif status_open and status_open not in answered:
            check.update(state="form", round=status_open, round_name=ui(ROUND_KEYS[status_open]))
        elif status_open:
            check.update(state="saved", round=status_open, round_name=ui(ROUND_KEYS[status_open]))
        elif answered:
            last = [name for name in ROUNDS if name in answered][-1]
            check.update(state="done", round=last, round_name=ui(ROUND_KEYS[last]))
            check["results"] = self._results(lang, answered[last])
        else:
            check["state"] = "waiting"
        return render_participants(
            self.content, self.classroom, lang, self.folder, self.site_name(lang), self.names, check
        )

    def _results(self, lang: str, answers: dict[str, str]) -> list[dict]:
        out = []
        for q, shown in zip(self.questions, self.phone_questions[lang], strict=True):
            mine = answers.get(q.id, "")
            out.append(
                {
                    "text": shown.text,
                    "mine": shown.label(mine),
                    "answer": shown.label(q.answer),
                    "right": mine == q.answer,
                    "href": shown.href,
                    "page_title": shown.page_title,
                }
            )
        return out

    def projector(self, lang: str, screen: str, room: Room, key: str | None, message: str = "") -> str:
        """The join screen or the results screen; the facilitator's buttons only with the right key."""
        ui = self.ui_for(lang)
        status = room.status()
        suffix = f"&kunci={quote(key)}" if key else ""
        check = {
            "key": key,
            "open": status["open"],
            "open_name": ui(ROUND_KEYS[status["open"]]) if status["open"] else "",
            "rounds": [
                {
                    "id": name,
                    "name": ui(ROUND_KEYS[name]),
                    "phones": status["rounds"][name]["phones"],
                    "open": status["open"] == name,
                }
                for name in ROUNDS
            ],
            "join_href": f"{self.folder_of(lang)}?projector{suffix}",
            "results_href": f"{self.folder_of(lang)}?projector&hasil{suffix}",
            "message": message,
        }
        if screen == "join":
            return render_projector(self.content, self.classroom, lang, self.site_name(lang), check)
        L = Language(lang, self.default, self.content.ui)
        percents = {q["id"]: q for q in status["questions"]}
        check["questions"] = [
            {"id": q.id, "text": q.text, "percent": {name: percents[q.id][name] for name in ROUNDS}}
            for q in self.phone_questions[lang]
        ]
        return render_page(
            "projector_results.html.j2",
            True,
            lang=lang,
            ui=ui,
            site_name=self.site_name(lang),
            session_title=localized(L, self.classroom.session["title"]),
            check=check,
            screen="results",
        )
