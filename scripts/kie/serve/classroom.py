"""What `kie serve` adds to a built site for a session with no internet.

- the projector page (`/?projector`): a QR code to join the Wi-Fi, a QR code of the site's address
  (also in large type), and the national hotlines;
- the participants' page (`/?peserta`): the session's handouts and the pocket card, to save on a phone;
- `kelas.json`, which tells the page script (served over plain http, so without a service worker) which
  pocket card and participants' page to offer instead of "save for offline".

Everything here is rendered once when the server starts; serving is then sending bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model.content import Content, Entry
from ..print.numbers import localized
from ..views.contract import CLASSROOM_FILE, content_policy
from ..views.directory import national_hotlines
from ..views.text import Language
from ..views.urls import bundle_glob, bundle_path, card_file, entry_docs_path, handout_path, service_home
from .server import Memory, Site

CLASSROOM_JSON = CLASSROOM_FILE  # the build writes an empty one (docs/): the page script never meets a 404
STYLESHEET = "_kelas/kelas.css"  # served by the command only, from kie/static/classroom.css
SCRIPT = "_kelas/sesi.js"  # the check questions' script, from kie/static/kelas-sesi.js
BUNDLE = bundle_path()  # the national site's USB zip


def site_bundle(site: Path) -> str | None:
    """The USB zip of the served folder: the national one, or a regional edition's (named after it)."""
    found = sorted(site.glob(bundle_glob()))
    return BUNDLE if (site / BUNDLE).is_file() else (found[0].relative_to(site).as_posix() if found else None)


_env = Environment(
    loader=PackageLoader("kie", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
)
# Characters the Wi-Fi QR format (ZXing's "WIFI:" convention, used by Android and iOS cameras) reserves.
_WIFI_SPECIAL = re.compile(r'([\\;,:"])')


class ClassroomError(Exception):
    """A --session or --province that does not exist: one line for the facilitator."""


def wifi_escape(text: str) -> str:
    """Backslash before \\ ; , : " and quotes around a value that would otherwise read as hex digits."""
    escaped = _WIFI_SPECIAL.sub(r"\\\1", text)
    if re.fullmatch(r"(?:[0-9A-Fa-f]{2})+", text):
        escaped = f'"{escaped}"'
    return escaped


def wifi_join(ssid: str, password: str | None) -> str:
    """The text of a QR code that joins a Wi-Fi network when a phone's camera scans it."""
    if not password:
        return f"WIFI:T:nopass;S:{wifi_escape(ssid)};;"
    return f"WIFI:T:WPA;S:{wifi_escape(ssid)};P:{wifi_escape(password)};;"


def qr_svg(data: str, label: str) -> Markup:
    """An inline SVG QR code, made here (no service); sized by CSS, so no width or height of its own."""
    svg = segno.make(data, error="m").svg_inline(scale=1, border=4, omitsize=True, svgclass="kie-qr", title=label)
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


@dataclass(frozen=True)
class Classroom:
    address: str  # what phones open, e.g. http://192.168.43.1:8000/
    ssid: str | None = None
    password: str | None = None
    session: Entry | None = None
    province: object = None  # a kie.regions.Province

    @property
    def wifi(self) -> str | None:
        return wifi_join(self.ssid, self.password) if self.ssid else None


def find_session(content: Content, session_id: str | None) -> Entry | None:
    if not session_id:
        return None
    if session_id not in content.sessions:
        known = ", ".join(sorted(content.sessions)) or "none"
        raise ClassroomError(f"--session: no session plan '{session_id}' in content/sessions/ (there are: {known})")
    return content.sessions[session_id]


def find_province(content: Content, code: str | None):
    """A province by its code ('53') or its slug ('53-nusa-tenggara-timur')."""
    if not code:
        return None
    regions = getattr(content, "regions", None)
    for province in regions.provinces.values() if regions and regions.provinces else []:
        if code in (province.code, province.slug):
            return province
    raise ClassroomError(f"--province: unknown province '{code}'; use a code from content/regions/provinces.yml")


def page_of(content: Content, kind: str, entry_id: str) -> str:
    """The built page (default language, site-relative) of a session handout entry."""
    if kind == "services":
        home = service_home(content, content.services[entry_id])  # a local service lives on its province's page
        return home.split("#")[0].removesuffix(".md") + ".html"
    return entry_docs_path(kind, entry_id).removesuffix(".md") + ".html"


def in_language(page: str, lang: str, default: str) -> str:
    return page if lang == default else f"{lang}/{page}"


@dataclass(frozen=True)
class Download:
    title: Markup
    href: str  # site-relative
    others: tuple[tuple[str, str, str], ...] = ()  # (code, name, href): the same file in other languages


def participant_downloads(content: Content, classroom: Classroom, lang: str, site: Path, names: dict) -> list:
    """The session's handouts, then the pocket card, each only if the built site has the file."""
    L = Language(lang, content.default_language, content.ui)
    found = []
    entries = []
    if classroom.session is not None:
        entries = [(h["kind"], h["id"]) for h in classroom.session.get("handouts", [])]
    for kind, entry_id in entries:
        entry = content.of(kind).get(entry_id)
        if entry is None:
            continue
        page = page_of(content, kind, entry_id)
        pdfs = {
            code: handout_path(
                in_language(page, code, content.default_language), content.languages, content.default_language
            )
            for code in content.languages
        }
        mine = pdfs.get(lang)
        if not mine or not (site / mine).is_file():
            continue
        title = localized(L, entry["name"] if kind == "services" else entry["title"])
        others = tuple((c, names.get(c, c), p) for c, p in pdfs.items() if c != lang and p and (site / p).is_file())
        found.append(Download(title, mine, others))
    card = card_file(lang, classroom.province)
    if (site / card).is_file():
        area = classroom.province.label if classroom.province else L.ui_text("cards_national")[0]
        found.append(Download(Markup.escape(L.ui_text("class_card", area=area)[0]), card))
    return found


def _ui(L: Language):
    return lambda key, **fill: L.ui_text(key, **fill)[0]


def render_page(template: str, script: bool, **values) -> str:
    """A page of `kie serve`: its policy, its stylesheet, and its script when it has live parts."""
    return _env.get_template(template).render(
        policy=content_policy(), stylesheet="/" + STYLESHEET, script="/" + SCRIPT if script else None, **values
    )


def render_projector(content: Content, classroom: Classroom, lang: str, site_name: str, check=None) -> str:
    """The join screen. `check` (kie.serve.session_pages) adds the screens' menu and the live state of the
    check questions, and the script that keeps it current."""
    L = Language(lang, content.default_language, content.ui)
    ui = _ui(L)
    return render_page(
        "projector.html.j2",
        check is not None,
        lang=lang,
        ui=ui,
        site_name=site_name,
        classroom=classroom,
        wifi_qr=qr_svg(classroom.wifi, ui("class_step_wifi")) if classroom.wifi else None,
        address_qr=qr_svg(classroom.address, classroom.address),
        hotlines=national_hotlines(content),  # the one list the site, handouts and cards use
        text=lambda value: localized(L, value),
        participants=classroom.session is not None,
        check=check,
        screen="join",
    )


def render_participants(
    content: Content,
    classroom: Classroom,
    lang: str,
    site: Path,
    site_name: str,
    names: dict[str, str],
    check=None,
) -> str:
    """`names`: language code → its name as the language menu shows it (from mkdocs.yml). `check`: the check
    questions as this phone sees them (kie.serve.session_pages), or None."""
    L = Language(lang, content.default_language, content.ui)
    return render_page(
        "participants.html.j2",
        check is not None,
        lang=lang,
        ui=_ui(L),
        site_name=site_name,
        session_title=localized(L, classroom.session["title"]) if classroom.session is not None else None,
        downloads=participant_downloads(content, classroom, lang, site, names),
        bundle=site_bundle(site),
        home="/" if lang == content.default_language else f"/{lang}/",
        check=check,
    )


def classroom_json(content: Content, classroom: Classroom, site: Path) -> bytes:
    """For the page script, per language: the pocket card to offer, and the participants' page (with --session)."""
    cards, participants = {}, {}
    for lang in content.languages:
        folder = "" if lang == content.default_language else f"{lang}/"
        card = card_file(lang, classroom.province)
        if (site / card).is_file():
            cards[lang] = card
        if classroom.session is not None:
            participants[lang] = f"{folder}?peserta"
    return json.dumps({"cards": cards, "participants": participants}, separators=(",", ":")).encode()


def _etag(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:16] + '"'


def _page(html: str) -> Memory:
    raw = html.encode("utf-8")
    return Memory.of("text/html; charset=utf-8", raw, _etag(raw))


def prepare(project, content, folder: Path, classroom: Classroom) -> Site:
    """The site with the projector and participants' pages in every language, their stylesheet and kelas.json."""
    site = Site(folder)
    names = {lang.code: lang.name for lang in project.languages}
    for lang in content.languages:
        key = "" if lang == content.default_language else lang
        site_name = content.ui.get(lang, {}).get("site_name") or content.ui[content.default_language]["site_name"]
        site.views[(key, "projector")] = _page(render_projector(content, classroom, lang, site_name))
        site.views[(key, "peserta")] = _page(render_participants(content, classroom, lang, folder, site_name, names))
    for path, source, kind in ((STYLESHEET, "classroom.css", "text/css"), (SCRIPT, "kelas-sesi.js", "text/javascript")):
        data = resources.files("kie").joinpath(f"static/{source}").read_bytes()
        site.extra["/" + path] = Memory.of(f"{kind}; charset=utf-8", data, _etag(data))
    data = classroom_json(content, classroom, folder)
    site.extra["/" + CLASSROOM_JSON] = Memory.of("application/json; charset=utf-8", data, _etag(data))
    return site
