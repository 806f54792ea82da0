"""MkDocs settings of a regional edition: the national mkdocs.yml with only the edition's languages built,
its own title and its own address. The edition itself is content (kie.model.editions); this is the one place
that turns it into MkDocs configuration.
"""

from __future__ import annotations

import copy

from ..model.project import Project, read_mkdocs


def mkdocs_overrides(project: Project, content) -> dict:
    """Settings that replace mkdocs.yml's for this build ({} for the national site)."""
    edition = content.edition
    if edition is None:
        return {}
    config = read_mkdocs(project.root)
    plugins = copy.deepcopy(config.get("plugins") or [])
    for plugin in plugins:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in (plugin["i18n"] or {}).get("languages") or []:
                locale = language.get("locale")
                language["build"] = bool(language.get("build", True)) and locale in edition.languages
                if locale in edition.title:
                    language["site_name"] = edition.title[locale]
    return {
        "plugins": plugins,
        "site_url": project.site_url,  # already the edition's address (kie.model.editions.for_edition)
        "site_name": edition.title[content.default_language],
    }
