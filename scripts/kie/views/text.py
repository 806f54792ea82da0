"""Turn content text into safe Markdown, in one language, with a visible Indonesian fallback.

Content text is plain text, never markup: a `<script>` typed into a title must show as text.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Characters Python-Markdown lets us backslash-escape; '<', '>' and '&' become entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def escape_md(text: str) -> str:
    """Plain text → Markdown that renders exactly that text."""
    text = " ".join(text.split())  # one paragraph is one line: no accidental lists or headings
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    if text and not text[0].isalnum() and text[0] not in "\\&":
        text = f"&#{ord(text[0])};{text[1:]}"  # e.g. '???' or ':' would start an extension block
    return text


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


class Language:
    """Picks text in one language for one page and remembers where it had to fall back."""

    def __init__(self, code: str, default: str, ui: dict[str, dict[str, str]]):
        self.code = code
        self.default = default
        self._ui = ui
        self.fell_back = False

    def pick(self, value: dict | None) -> tuple[str, bool]:
        """(text, is_fallback) for a translatable map."""
        value = value or {}
        if self.code in value:
            return value[self.code], False
        return value.get(self.default, ""), self.code != self.default

    def inline(self, value: dict | None) -> Markup:
        text, fallback = self.pick(value)
        out = escape_md(text)
        if fallback:
            self.fell_back = True
            out = f'<span lang="{self.default}">{out}</span>'
        return Markup(out)

    def official(self, value: dict | None) -> Markup:
        """An official name (a law's title) that a translation keeps in the default language, word for word: marked
        as that language, so screen readers and print hyphenation treat it right, but it is no fallback."""
        value = value or {}
        same = self.code != self.default and value.get(self.code) and value.get(self.code) == value.get(self.default)
        return (
            Markup(f'<span lang="{self.default}">{escape_md(value[self.code])}</span>') if same else self.inline(value)
        )

    def lead(self, value: dict | None, limit: int = 110) -> Markup:
        """The first sentence only, cut at a word near `limit` characters: the one line a card leads with."""
        text, fallback = self.pick(value)
        text = " ".join(text.split())
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        if len(first) > limit:
            first = first[: first.rfind(" ", 0, limit)].rstrip(",;:") + " …"
        out = escape_md(first)
        if fallback:
            self.fell_back = True
            out = f'<span lang="{self.default}">{out}</span>'
        return Markup(out)

    def block(self, value: dict | None, css: str = "") -> Markup:
        """One or more paragraphs; wrapped in a div when it needs a class or a lang attribute."""
        text, fallback = self.pick(value)
        body = "\n\n".join(escape_md(p) for p in paragraphs(text))
        attrs = f' class="{css}"' if css else ""
        if fallback:
            self.fell_back = True
            attrs += f' lang="{self.default}"'
        if not attrs:
            return Markup(body)
        return Markup(f"<div{attrs} markdown>\n\n{body}\n\n</div>")

    def ui_text(self, key: str, **fill: object) -> tuple[str, bool]:
        """(interface string, is_fallback); a missing key falls back to the default language."""
        strings = self._ui.get(self.code, {})
        if key in strings:
            text, fallback = strings[key], False
        else:
            text, fallback = self._ui.get(self.default, {}).get(key, key), self.code != self.default
        for name, value in fill.items():
            text = text.replace("{" + name + "}", str(value))
        return text, fallback

    def ui(self, key: str, **fill: object) -> Markup:
        text, fallback = self.ui_text(key, **fill)
        out = escape_md(text)
        if fallback:
            self.fell_back = True
            out = f'<span lang="{self.default}">{out}</span>'
        return Markup(out)

    def ui_plain(self, key: str, **fill: object) -> str:
        return html.escape(self.ui_text(key, **fill)[0])

    def plain(self, value: dict | None) -> str:
        """Text for attributes and front matter: no Markdown, HTML-escaped."""
        return html.escape(" ".join(self.pick(value)[0].split()))
