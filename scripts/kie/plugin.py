"""Thin MkDocs glue: validate content and write generated pages before MkDocs collects files.

static-i18n runs every event once per language, so each step here is idempotent.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .content import require_valid
from .pages import plan_pages, write_pages
from .problems import ContentError
from .project import ProjectError, load_project
from .render import render_hotlines

log = get_plugin_logger(__name__)
HOTLINES = "<!-- kie:hotlines -->"


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
        if HOTLINES in markdown:
            depth = posixpath.dirname(page.file.src_uri).count("/") + (1 if "/" in page.file.src_uri else 0)
            box = render_hotlines(self.content, config.theme["language"], "../" * depth)
            markdown = markdown.replace(HOTLINES, box)
        return markdown

    def on_post_template(self, output, template_name, config):
        """Every language build writes the one 404.html at the site root: keep the default language's."""
        if template_name != "404.html":
            return output
        if config.theme["language"] == self.content.default_language:
            self.default_404 = output
        return self.default_404 or output
