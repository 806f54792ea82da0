"""Check questions of a session plan (the `check` field of content/sessions/*.yml).

The room answers the same 4 to 8 questions before and after a session: on phones (`kie serve`) or on a
paper sheet. A question is multiple choice (2 to 4 choices, shown as A-D) or a statement to judge true or
false, with the right answer and the page that explains it. The schema checks the shape; this module
checks what needs more than one field, and turns an entry into plain records for counting and printing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem
from .yamlfile import YamlDoc, join

LETTERS = "abcd"
TRUE, FALSE = "true", "false"  # how a true/false answer is written in forms, journals and report files


@dataclass(frozen=True)
class Question:
    id: str
    text: dict  # {lang: text}
    choices: tuple[dict, ...]  # empty for a true/false statement
    answer: str  # 'a'-'d', or 'true' / 'false'
    page: tuple[str, str]  # (kind, id) of the page that explains it

    @property
    def options(self) -> tuple[str, ...]:
        """What a phone may send for this question."""
        return tuple(LETTERS[: len(self.choices)]) if self.choices else (TRUE, FALSE)

    @property
    def true_false(self) -> bool:
        return not self.choices


def answer_key(value: object) -> str:
    """The YAML answer as forms and files write it: True → 'true', 'b' → 'b'."""
    if isinstance(value, bool):
        return TRUE if value else FALSE
    return str(value)


def questions_of(session) -> tuple[Question, ...]:
    """The check questions of a session plan (a loaded, valid Entry)."""
    return tuple(
        Question(
            q["id"],
            q["question"],
            tuple(q.get("choices", ())),
            answer_key(q["answer"]),
            (q["page"]["kind"], q["page"]["id"]),
        )
        for q in session.get("check", ())
    )


def answer_set(questions) -> tuple[tuple[str, str], ...]:
    """(question id, right answer) in order: what two reports must share to be added up."""
    return tuple((q.id, q.answer) for q in questions)


def check_problems(doc: YamlDoc) -> list[Problem]:
    """Duplicate ids, answers that do not fit the choices, texts missing a language the plan is written in."""
    found: list[Problem] = []
    title = doc.data.get("title")
    languages = list(title) if isinstance(title, dict) else []  # in the order the plan writes them
    seen: set[str] = set()
    questions = doc.data.get("check") if isinstance(doc.data.get("check"), list) else []

    def problem(path: str, message: str) -> None:
        found.append(Problem(doc.path, doc.line(path), path, message))

    for i, q in enumerate(questions):
        if not isinstance(q, dict):
            continue
        base = join("check", i)
        if isinstance(q.get("id"), str):
            if q["id"] in seen:
                problem(join(base, "id"), f"'{q['id']}' is already used by another check question of this plan")
            seen.add(q["id"])
        choices = q.get("choices") if isinstance(q.get("choices"), list) else None
        answer = q.get("answer")
        if choices is None and isinstance(answer, str):
            problem(join(base, "answer"), f"'{answer}' needs choices; a true/false statement is answered true or false")
        elif choices is not None and isinstance(answer, bool):
            problem(join(base, "answer"), "a question with choices is answered with a letter, e.g. answer: b")
        elif choices is not None and isinstance(answer, str) and answer not in LETTERS[: len(choices)]:
            problem(
                join(base, "answer"),
                f"'{answer}' is not one of the {len(choices)} choices (a-{LETTERS[len(choices) - 1]})",
            )
        texts = [(join(base, "question"), q.get("question"))]
        texts += [(join(join(base, "choices"), j), c) for j, c in enumerate(choices or [])]
        for path, text in texts:
            missing = [code for code in languages if isinstance(text, dict) and code not in text]
            if missing:
                problem(
                    path,
                    f"the plan is written in {', '.join(languages)}; add {', '.join(missing)} "
                    "(phones and paper sheets ask it in every language of the plan)",
                )
    return found


def reference_paths(doc: YamlDoc) -> list[tuple[str, str, object]]:
    """(field path of the page id, kind, id) of every check question's page: checked like handouts."""
    refs = []
    questions = doc.data.get("check") if isinstance(doc.data.get("check"), list) else []
    for i, q in enumerate(questions):
        page = q.get("page") if isinstance(q, dict) else None
        if isinstance(page, dict) and page.get("kind") in ("modus", "rights", "laws", "services"):
            refs.append((join(join(join("check", i), "page"), "id"), page["kind"], page.get("id")))
    return refs
