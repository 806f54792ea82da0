"""Thin MkDocs glue: validate content and write generated pages before MkDocs collects files.

static-i18n runs every event once per language, so each step here is idempotent.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from ..model.content import require_valid
from ..model.kinds import GENERATED_SECTIONS
from ..model.problems import ContentError
from ..model.project import ProjectError, load_project
from ..print.handouts import print_links
from ..views import urls
from ..views.contract import UNSEARCHED
from ..views.edition_view import with_intro
from ..views.glossary_links import link_terms
from ..views.helpbar import help_bar
from ..views.media import page_media
from ..views.pages import plan_pages, write_pages
from ..views.render import mark_handwritten, render_abroad, render_hotlines
from ..views.share import public_address, whatsapp_share
from .csp import REFERRER_POLICY
from .front_end import is_source, write_main_script
from .render_cache import RenderCache

log = get_plugin_logger(__name__)
HOTLINES = "<!-- kie:hotlines -->"
ABROAD = "<!-- kie:abroad -->"  # the countries and embassies of the abroad page (views/abroad.py)
GENERATED = tuple(f"{folder}/" for folder in GENERATED_SECTIONS)  # those pages carry their own notices


# Interface strings kie.js needs (the rest of content/ui/<lang>.yml is for the page templates).
JS_STRINGS = (
    "search_loading", "search_unavailable", "search_prompt", "search_found", "search_none",
    "offline_checking", "offline_saving", "offline_saved", "offline_failed", "offline_removed",
    "present_start", "present_exit",
)  # fmt: skip


def _content_stamp(folder: Path) -> int:
    """Changes when any file under content/ is added, removed or saved."""
    files = sorted(f for f in folder.rglob("*") if f.is_file())
    return hash(tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))


class KiePlugin(BasePlugin):
    config_scheme = (
        # Where quick exit goes: a neutral page that explains nothing about this site.
        ("quick_exit_url", config_options.Type(str, default="https://www.bmkg.go.id/")),
        ("safety_page", config_options.Type(str, default="keamanan.html")),
        ("abroad_page", config_options.Type(str, default=urls.ABROAD_PAGE + ".html")),  # linked from the help bar
    )
    content = None
    default_404 = None
    loaded_for = None  # (config, state of content/) the pages were last generated for
    validated = None  # content `kie build` has just loaded and checked (kie.build.run_mkdocs): not done twice
    render_cache = None  # page bodies converted by earlier builds (kie.engine.render_cache)

    @event_priority(100)  # before static-i18n reads the files
    def on_config(self, config):
        # static-i18n runs this once per language on the same config: load content and write pages only once
        loaded_for = (id(config), _content_stamp(Path(config.config_file_path).parent / "content"))
        if loaded_for == self.loaded_for:
            return config
        try:
            project = load_project(Path(config.config_file_path).parent)
            if self.validated is not None:
                self.content, warnings, self.validated = self.validated, [], None  # kie build showed its warnings
            else:
                self.content, warnings = require_valid(project)
        except ContentError as err:
            raise PluginError(str(err)) from None
        except ProjectError as err:
            raise PluginError(str(err)) from None
        for problem in warnings:
            log.info(str(problem))  # stale entries are flagged on the page; `kie check --strict` fails on them
        self.finish()
        self.render_cache = RenderCache(project.cache_dir / "pages", self.content.glossary)
        written, removed = write_pages(Path(config.docs_dir), plan_pages(self.content))
        if written or removed:
            log.info(f"generated pages: {written} written, {removed} removed")
        self.loaded_for = loaded_for
        return config

    def finish(self) -> None:
        """After a build (kie.engine.build.run_mkdocs, or `mkdocs build`): trim the render cache."""
        if self.render_cache is not None:
            self.render_cache.close()
            self.render_cache = None

    def on_env(self, env, config, files):
        """Material's templates compiled once and kept (Jinja checks each template's source before reusing it)."""
        if self.render_cache is not None:
            folder = self.render_cache.folder.parent / "templates"
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return env  # no cache folder (read-only disk): templates are compiled as before
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_shutdown(self):
        self.finish()

    def on_files(self, files, config):
        """The parts of the page script are shipped inside kie.js (written in on_post_build), not as they are."""
        for file in [f for f in files if is_source(f.src_uri)]:
            files.remove(file)
        return files

    def on_post_build(self, config):
        # static-i18n builds each language into the same site_dir: the same kie.js is written (once) each time
        write_main_script(Path(config.docs_dir), Path(config.site_dir))

    def on_page_markdown(self, markdown, page, config, files):
        lang = config.theme["language"]
        page.meta["kie_print"] = print_links(page.url, self.content, lang)  # shown by overrides/main.html
        if page.file.src_uri.split(".")[0] == "index":  # the home page: a regional edition's introduction
            markdown = with_intro(markdown, self.content, lang)
        if HOTLINES in markdown:
            box = render_hotlines(self.content, lang, urls.to_docs_root(page.file.src_uri))
            markdown = markdown.replace(HOTLINES, box)
        if ABROAD in markdown:
            markdown = markdown.replace(ABROAD, render_abroad(self.content, lang, urls.to_docs_root(page.file.src_uri)))
        # static-i18n serves the Indonesian file when a hand-written page has no translation: say so; a translation
        # says when it awaits review or is out of date (generated pages carry their own notices)
        locale = getattr(page.file, "locale", lang)
        if locale != lang or not page.file.src_uri.startswith(GENERATED):
            docs_path = getattr(page.file, "norm_src_uri", page.file.src_uri).removesuffix(".md")
            markdown = mark_handwritten(markdown, self.content, lang, locale, docs_path)
        if self.render_cache is not None:  # static-i18n (priority 50) has changed the Markdown already
            self.render_cache.lookup(markdown, page, config, files)
        return markdown

    def template_strings(self, lang: str) -> dict:
        """What overrides/ templates need: interface strings in the page's language, with fallback."""
        default = self.content.default_language
        strings = {**self.content.ui[default], **self.content.ui.get(lang, {})}
        prefix = urls.lang_prefix(lang, default)
        return {
            "lang": lang,
            "t": strings,
            "js": {key: strings.get(key, key) for key in JS_STRINGS},
            "exit": self.config["quick_exit_url"],
            "safety_url": prefix + self.config["safety_page"],
            "abroad_url": prefix + self.config["abroad_page"],
            "bundle": urls.bundle_path(self.content.edition.id if self.content.edition else None),
            "referrer": REFERRER_POLICY,  # the hosts' Referrer-Policy header says the same (kie.engine.publish)
        }

    def on_page_context(self, context, page, config, nav):
        lang = config.theme["language"]
        context["kie"] = self.template_strings(lang)
        # the help bar (overrides/partials/kie-help.html); a province page names its own first contact
        abroad = page.file.src_uri.split(".")[0] == urls.ABROAD_PAGE  # it leads with the numbers that work abroad
        context["kie"]["help"] = help_bar(self.content, lang, page.meta.get("kie_province"), abroad=abroad)
        address = public_address(config.site_url or "", page.url)
        title = page.title or config.site_name
        context["kie"]["share"] = {"address": address, "title": title, "whatsapp": whatsapp_share(title, address)}
        items = page_media(self.content, page.url, config.site_url or "")  # overrides/partials/kie-media.html
        media_page = urls.media_page(lang, self.content.default_language)
        folded = bool(page.meta.get("kie_province"))  # a province page stays within three phone screens
        context["kie"]["media"] = {"files": items, "all": urls.relative(media_page, page.url), "open": not folded}
        return context

    def on_template_context(self, context, template_name, config):
        lang = config.theme["language"]
        context["kie"] = self.template_strings(lang)
        context["kie"]["help"] = help_bar(self.content, lang)  # 404 and other pages without content
        return context

    def on_page_content(self, html, page, config, files):
        if self.render_cache is not None and self.render_cache.was_restored(page):
            return html  # the cached body is the finished one
        html = self._finish_body(html, page, config)
        if self.render_cache is not None:
            self.render_cache.store(html, page)
        return html

    def _finish_body(self, html, page, config):
        # Checklists are for reading and printing, not a form: the disabled boxes are decoration.
        html = html.replace('<input type="checkbox" disabled/>', '<input type="checkbox" disabled aria-hidden="true"/>')
        # Blocks the views keep out of search: Material's search plugin skips what carries its own attribute.
        html = html.replace(UNSEARCHED, f"{UNSEARCHED} data-search-exclude")
        if self.content.glossary is None:
            return html
        lang, default = config.theme["language"], self.content.default_language
        prefix = urls.lang_prefix(lang, default)
        return link_terms(html, self.content.glossary, lang, default, page.url, prefix)

    def on_post_template(self, output, template_name, config):
        """Every language build writes the one 404.html at the site root: keep the default language's."""
        if template_name != "404.html":
            return output
        if config.theme["language"] == self.content.default_language:
            self.default_404 = output
        return self.default_404 or output
