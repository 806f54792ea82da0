"""Thin MkDocs glue: validate content and write generated pages before MkDocs collects files.

static-i18n runs every event once per language, so each step here is idempotent.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .content import require_valid
from .glossary import link_terms
from .pages import GENERATED_DIRS, plan_pages, write_pages
from .problems import ContentError
from .project import ProjectError, load_project
from .render import mark_awaiting_review, mark_untranslated, render_hotlines

log = get_plugin_logger(__name__)
HOTLINES = "<!-- kie:hotlines -->"
GENERATED = tuple(f"{folder}/" for folder in GENERATED_DIRS)  # those pages carry their own notices


class KiePlugin(BasePlugin):
    content = None
    default_404 = None

    @event_priority(100)  # before static-i18n reads the files
    def on_config(self, config):
        try:
            project = load_project(Path(config.config_file_path).parent)
            self.content, warnings = require_valid(project)
        except ContentError as err:
            raise PluginError(str(err)) from None
        except ProjectError as err:
            raise PluginError(str(err)) from None
        for problem in warnings:
            log.info(str(problem))  # stale entries are flagged on the page; `kie check --strict` fails on them
        written, removed = write_pages(Path(config.docs_dir), plan_pages(self.content))
        if written or removed:
            log.info(f"generated pages: {written} written, {removed} removed")
        return config

    def on_page_markdown(self, markdown, page, config, files):
        lang = config.theme["language"]
        if HOTLINES in markdown:
            box = render_hotlines(self.content, lang, "../" * page.file.src_uri.count("/"))
            markdown = markdown.replace(HOTLINES, box)
        # static-i18n serves the Indonesian file when a hand-written page has no translation: say so
        locale = getattr(page.file, "locale", lang)
        if locale != lang:
            markdown = mark_untranslated(markdown, self.content, lang, locale)
        elif lang in self.content.awaiting_review and not page.file.src_uri.startswith(GENERATED):
            markdown = mark_awaiting_review(markdown, self.content, lang)
        return markdown

    def on_page_content(self, html, page, config, files):
        if self.content.glossary is None:
            return html
        lang, default = config.theme["language"], self.content.default_language
        prefix = "" if lang == default else f"{lang}/"
        return link_terms(html, self.content.glossary, lang, default, page.url, prefix)

    def on_post_template(self, output, template_name, config):
        """Every language build writes the one 404.html at the site root: keep the default language's."""
        if template_name != "404.html":
            return output
        if config.theme["language"] == self.content.default_language:
            self.default_404 = output
        return self.default_404 or output
