"""How a check question's answers are shown: the same words on phones, the projector, paper sheets and reports."""

from __future__ import annotations

from ..model.session_check import LETTERS, TRUE, Question
from .text import Language


def answer_label(answer: str, L: Language) -> str:
    """'b' → 'B'; 'true' → the word for true in L's language ('Benar')."""
    if answer in LETTERS:
        return answer.upper()
    return L.ui_text("sesi_true" if answer == TRUE else "sesi_false")[0]


def option_labels(q: Question, L: Language) -> tuple[tuple[str, str], ...]:
    """(value sent, label shown): 'B. <choice text>', or the words for true and false."""
    if q.true_false:
        return tuple((value, answer_label(value, L)) for value in q.options)
    return tuple((LETTERS[i], f"{LETTERS[i].upper()}. {L.pick(c)[0]}") for i, c in enumerate(q.choices))
