"""`kie serve [--lan] [--host H] [--port 8000] [-d DIR | --edition ID] [--wifi-ssid S --wifi-password P]
[--session ID [--place TEXT] [--reports DIR] [--journal FILE]] [--province CODE]`: serve a built site to the
phones in a room (see handbook/sesi.md). Everything is prepared before the server starts listening."""

from __future__ import annotations

import dataclasses
import errno
import ipaddress
import sys
from pathlib import Path

from ..model.content import require_valid
from ..model.project import ProjectError, load_project
from ..serve.classroom import Classroom, ClassroomError, find_province, find_session, prepare
from ..serve.lan import lan_addresses
from ..serve.server import ClassroomServer
from ..serve.session import JournalError, open_desk, plan_files

WILDCARD = "0.0.0.0"


def add_command(sub) -> None:
    serve = sub.add_parser("serve", help="serve the built site to phones on a local Wi-Fi (no internet needed)")
    serve.add_argument("--lan", action="store_true", help="let phones on the same network open it (all interfaces)")
    serve.add_argument("--host", help="address to listen on and to show phones (default 127.0.0.1, with --lan all)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("-d", "--site-dir", help="the built site (default: site/)")
    serve.add_argument("--edition", help="serve the edition built into <site>/<ID>/")
    serve.add_argument("--wifi-ssid", help="name of the room's Wi-Fi: the projector page shows a QR code to join it")
    serve.add_argument("--wifi-password", help="its password (leave out for an open network)")
    serve.add_argument("--session", help="session plan id: the participants' page lists its handouts")
    serve.add_argument("--province", help="province code or slug: offer that province's pocket card")
    serve.add_argument("--place", default="", help="where the session is held (on the report and in its file names)")
    serve.add_argument("--reports", help="folder for the session's reports and journal (default: laporan/)")
    serve.add_argument(
        "--journal", help="the journal file to continue or start (default: laporan/jurnal/DATE-ID.jsonl)"
    )
    serve.add_argument("-v", "--verbose", action="store_true", help="print every request")
    serve.set_defaults(run=cmd_serve)


def site_folder(project, site_dir: str | None, edition: str | None) -> Path:
    """The folder to serve: -d DIR or site/, or the edition built inside it. One line if it is not there."""
    base = Path(site_dir).resolve() if site_dir else project.root / "site"
    folder = base / edition if edition else base
    if edition and (not edition.replace("-", "").isalnum() or not folder.is_dir()):
        raise ProjectError(f"no built edition '{edition}' in {base}/ (editions are built with `kie build --edition`)")
    if not (folder / "index.html").is_file():
        raise ProjectError(f"{folder}/ has no built site (no index.html); run `kie build` first")
    return folder


def listen_address(lan: bool, host: str | None) -> str:
    if host is None:
        return WILDCARD if lan else "127.0.0.1"
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        raise ProjectError(f"--host: '{host}' is not an IP address such as 192.168.43.1") from None
    return host


def phone_address(host: str, port: int) -> tuple[str, list[str]]:
    """(the address the projector shows, every address phones could use)."""
    found = lan_addresses() if host == WILDCARD else [host]
    shown = found[0] if found else "127.0.0.1"
    return f"http://{shown}:{port}/", [f"http://{a}:{port}/" for a in found]


def cmd_serve(args) -> int:

    project = load_project(args.root)
    folder = site_folder(project, args.site_dir, args.edition)
    host = listen_address(args.lan, args.host)
    if args.wifi_password and not args.wifi_ssid:
        raise ProjectError("--wifi-password needs --wifi-ssid (the name of the network)")
    content, _ = require_valid(project)  # the hotlines, the session plan and the provinces come from content/
    address, reachable = phone_address(host, args.port)
    try:
        classroom = Classroom(
            address,
            args.wifi_ssid,
            args.wifi_password,
            find_session(content, args.session),
            find_province(content, args.province),
        )
    except ClassroomError as err:
        raise ProjectError(str(err)) from None
    site = prepare(project, content, folder, classroom)
    try:
        server = ClassroomServer((host, args.port), site, set(content.languages), args.verbose)
    except OSError as err:
        hint = "another program uses this port: try --port 8001" if err.errno == errno.EADDRINUSE else err.strerror
        raise ProjectError(f"cannot listen on {host}:{args.port}: {hint}") from None
    port = server.server_address[1]  # --port 0 picks a free one
    if args.port == 0:
        address, reachable = phone_address(host, port)
        classroom = dataclasses.replace(classroom, address=address)
        server.site = prepare(project, content, folder, classroom)
    room = None
    if classroom.session is not None:
        setup = plan_files(project.root, classroom.session.id, args.reports, args.journal, args.place)
        for option, path in (("--reports", setup.reports), ("--journal", setup.journal)):
            if path.resolve().is_relative_to(folder.resolve()):
                server.server_close()
                raise ProjectError(f"{option}: {path} is inside the served site, where phones could download it")
        names = {lang.code: lang.name for lang in project.languages}
        try:
            server.site.desk, room = open_desk(content, classroom, folder, names, setup)
        except (JournalError, OSError) as err:
            server.server_close()
            raise ProjectError(str(err)) from None
    announce(project.rel(folder), host, port, address, reachable, classroom)
    if room is not None:
        announce_check(project, port, room, setup)
    print("Press Ctrl+C to stop.")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        server.server_close()
        if room is not None:
            room.journal.close()
    return 0


def announce_check(project, port: int, room, setup) -> None:
    """The facilitator's address (with the key: only this terminal shows it) and where answers are kept."""
    kept = f"{room.replayed} answer set(s) kept from before" if room.replayed else "new"
    print("  facilitator (results, open/close the questions; keep this address to yourself):")
    print(f"                         http://127.0.0.1:{port}/?projector&hasil&kunci={room.facilitator_key}")
    print(f"  journal ({kept}): {project.rel(setup.journal)}")
    print(f"  reports are saved in:  {project.rel(setup.reports)}/")
    if room.journal.skipped:
        print(f"  {room.journal.skipped} damaged line(s) of the journal were skipped (a crash mid-write)")


def announce(folder: str, host: str, port: int, address: str, reachable: list[str], classroom) -> None:
    local = f"http://127.0.0.1:{port}/" if host in (WILDCARD, "127.0.0.1") else address
    print(f"Serving {folder}/ (this server only answers; it sends nothing to the internet)")
    print(f"  on this laptop:        {local}")
    if host == WILDCARD and not reachable:
        print("  phones: this laptop's Wi-Fi address was not found; start again with --host <its address>")
    for url in reachable if host != "127.0.0.1" else []:
        print(f"  phones on the Wi-Fi:   {url}")
    print(f"  projector page:        {local}?projector")
    if classroom.session is not None:
        print(f"  participants' page:    {address}?peserta")
    if host == "127.0.0.1":
        print("Only this laptop can open it. Add --lan to let phones on the same Wi-Fi open it.")
