"""Post-build step: the campaign images (PNG) and A3 posters (PDF) of every modus and province, per language.

kie.views.media writes each as HTML; WeasyPrint prints it to PDF (kie.print.pdf, the handouts' engine); an
image's one-page PDF is rasterised by PDFium (pypdfium2: a wheel with the library inside, no browser, no root;
handbook/dev/media.md says why) at 1 CSS px = 1 pixel, and saved as a 64-colour PNG (Pillow), with a
360 px wide copy for the pages. Like handouts, everything is cached outside site/ under the hash of its
HTML and of the engines, so a rebuild makes only what changed. The PDF an image was made from stays in the
cache beside it (tests read its text). Then one zip per language holds that language's images and posters.
"""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import time
import zipfile
from importlib.metadata import version
from pathlib import Path

import pypdfium2
from PIL import Image

from ..model.content import Content
from ..model.project import Project, require_site_url, write_cache_file
from ..views import media, urls
from .handouts import HOLES, finish, print_all, prune_cache, tell
from .pdf import PrintError, engine_version, first_on_one_page

COLOURS = 64  # a palette PNG: text on flat colours needs no more, and a square card stays far under 200 KB
THUMB_WIDTH = 360  # the pages show images at about 170 CSS px: sharp on a 2x phone screen
BUDGET = {"square": 200 * 1024, "story": 300 * 1024, "province": 250 * 1024}  # bytes; tests check them
DATE = (2000, 1, 1, 0, 0, 0)  # inside the zips: the same files give the same zip


@functools.cache
def engines() -> str:
    """Part of every key: a new print engine, rasteriser or PNG writer makes everything anew, and so does a change
    to this file or to print/pdf.py (how a type size is chosen, how a PNG is written: not seen in the HTML)."""
    code = hashlib.sha256(b"".join((Path(__file__).parent / name).read_bytes() for name in ("media.py", "pdf.py")))
    return f"{engine_version()} pypdfium2 {version('pypdfium2')} pillow {version('pillow')} {code.hexdigest()[:12]}"


def key_of(variants: tuple[str, ...], url: str) -> str:
    """The cache key of an image or poster: its HTML at every type size, its address and the engines."""
    return hashlib.sha256("\n".join([engines(), url, *variants]).encode()).hexdigest()[:20]


def rasterise(pdf: bytes, width: int):
    """The first page of `pdf` as a Pillow image `width` pixels wide (PDFium, on the CPU)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        return page.render(scale=width / page.get_width()).to_pil().convert("RGB")
    finally:
        document.close()


def png(image, colours: int = COLOURS) -> bytes:
    """A palette PNG. Octree quantizing and zlib level 6, not median cut and `optimize`: 20 instead of 170 ms for a
    square card, and smaller (46 instead of 57 KB); no dithering, so text stays crisp."""
    out = io.BytesIO()
    image.quantize(colors=colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        out, "PNG", compress_level=6
    )
    return out.getvalue()


def thumbnail_of(image) -> bytes:
    small = image.resize(
        (THUMB_WIDTH, round(image.height * THUMB_WIDTH / image.width)), resample=Image.Resampling.LANCZOS
    )
    return png(small)


def files_of(target: Path) -> dict[str, Path]:
    """The cache files of one image or poster: its PDF, and for an image its PNG and small copy."""
    return {"pdf": target, "png": target.with_suffix(".png"), "small": target.with_suffix(".small.png")}


def make_media(task: tuple, base_url: str, site_dir: str, target: str) -> list[str]:
    """Worker: print one image or poster into the cache (kie.print.handouts.print_all runs it)."""
    label, kind, variants = task
    pdf, _, blocked = first_on_one_page(variants, base_url, Path(site_dir))
    if blocked:
        return blocked
    if pdf is None:
        raise PrintError(f"media: the text of {label} does not fit on one page even at its smallest type size")
    files = files_of(Path(target))
    if kind in media.SIZES:
        image = rasterise(pdf, media.SIZES[kind][0])
        data = png(image)
        if len(data) > BUDGET[kind]:
            data = png(image, COLOURS // 2)
        write_cache_file(files["small"], thumbnail_of(image))
        write_cache_file(files["png"], data)
    write_cache_file(files["pdf"], pdf)
    return []


def cached_file(item: media.Item, target: Path) -> Path:
    return files_of(target)["pdf" if item.kind == "poster" else "png"]


def write_zip(site_dir: Path, target: str, paths: list[str]) -> None:
    """The files, stored (PNG and PDF are compressed already), under one folder named like the zip."""
    folder = Path(target).stem
    (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(site_dir / target, "w", compression=zipfile.ZIP_STORED) as zf:
        for path in sorted(paths):
            info = zipfile.ZipInfo(f"{folder}/{path.rpartition('/')[2]}", date_time=DATE)
            info.external_attr = 0o644 << 16
            zf.writestr(info, (site_dir / path).read_bytes())


def export_media(project: Project, content: Content, site_dir: Path, workers: int | None = None) -> dict:
    """Make what changed, copy every image, small copy and poster into the site, and a zip per language."""
    started = time.perf_counter()
    site_url = require_site_url(project)
    cache_dir = project.cache_dir / "media"
    cache_dir.mkdir(parents=True, exist_ok=True)
    tasks, placed = {}, {}
    for item in media.plan(content):
        url = urls.public_url(site_url, item.page)  # what a poster's QR code holds: the handouts' address
        variants = tuple(media.render(content, item, site_url, fit, HOLES) for fit in range(media.FITS))
        key = key_of(variants, url)
        target = cache_dir / f"{key}.pdf"
        placed[item] = target
        if not cached_file(item, target).is_file() and target not in tasks:
            finished = tuple(finish(html, key, url) for html in variants)
            tasks[target] = ((item.path, item.kind, finished), site_dir.as_uri())
    print_all(tasks, site_dir, workers, label="media", make=make_media)
    used = set()
    for item, target in placed.items():
        files = files_of(target)
        copies = {item.path: cached_file(item, target)}
        if item.image:
            copies[urls.thumbnail(item.path)] = files["small"]
        used |= set(files.values())
        for rel, cached in copies.items():
            (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, site_dir / rel)
    edition = content.edition.id if content.edition else None
    for lang in content.languages:
        write_zip(site_dir, urls.media_zip(lang, edition), [item.path for item in placed if item.lang == lang])
    prune_cache(cache_dir, used)
    report = {"files": len(placed), "made": len(tasks), "seconds": time.perf_counter() - started}
    tell("media", f"{report['files']} images and posters", report["made"], "made", report["files"], report["seconds"])
    return report
