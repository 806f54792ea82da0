"""`kie serve`: a facilitator serves the built site to phones in a room with no internet.

Everything binds and connects to 127.0.0.1 only; 127.0.0.1 plays the laptop's Wi-Fi address (--host).
"""

from __future__ import annotations

import gzip
import http.client
import re
import socket
import time

import pytest
from conftest import REPO
from kie.cli import main
from kie.cli.serve import listen_address
from kie.serve.classroom import wifi_join
from kie.serve.lan import addresses_in_fib_trie, lan_addresses
from kie.serve.server import Site, accepts_gzip, view_of
from kie.views.urls import HOST_FILES

FIB_TRIE = """Main:
  +-- 0.0.0.0/0 3 0 5
     +-- 127.0.0.0/8 2 0 2
        |-- 127.0.0.1
           /32 host LOCAL
     +-- 192.168.43.0/24 2 0 2
        |-- 192.168.43.0
           /32 link BROADCAST
        |-- 192.168.43.1
           /32 host LOCAL
     |-- 10.0.0.7
        /32 host LOCAL
"""


# ---------- without a server ----------


def test_wifi_qr_text_escapes_what_the_format_reserves():
    assert wifi_join("Sekolah", "rahasia123") == "WIFI:T:WPA;S:Sekolah;P:rahasia123;;"
    assert (
        wifi_join("Kelas TPPO; lantai:2", 'rahasia,"123"\\')
        == r"WIFI:T:WPA;S:Kelas TPPO\; lantai\:2;P:rahasia\,\"123\"\\;;"
    )
    assert wifi_join("CAFE", "12345678") == 'WIFI:T:WPA;S:"CAFE";P:"12345678";;'  # would read as hex
    assert wifi_join("Terbuka", None) == "WIFI:T:nopass;S:Terbuka;;"


def test_lan_addresses_come_from_the_kernel_table_not_the_network():
    assert addresses_in_fib_trie(FIB_TRIE) == ["127.0.0.1", "192.168.43.1", "10.0.0.7"]
    assert lan_addresses(FIB_TRIE) == ["192.168.43.1", "10.0.0.7"]  # no loopback; a hotspot's range first


def test_only_lan_opens_the_server_to_other_devices():
    assert listen_address(lan=False, host=None) == "127.0.0.1"
    assert listen_address(lan=True, host=None) == "0.0.0.0"
    assert listen_address(lan=True, host="127.0.0.1") == "127.0.0.1"  # tests play the Wi-Fi on loopback


def test_projector_and_participants_addresses():
    assert view_of([""], "projector", {"en"}) == ("", "projector")
    assert view_of(["en", "index.html"], "peserta", {"en"}) == ("en", "peserta")
    assert view_of(["modus", "x.html"], "projector", {"en"}) is None
    assert view_of([""], "", {"en"}) is None


def test_gzip_only_when_the_phone_accepts_it():
    assert accepts_gzip("gzip, deflate, br") and accepts_gzip("br;q=1.0, gzip;q=0.8")
    assert not accepts_gzip("") and not accepts_gzip("gzip;q=0") and not accepts_gzip("br")


def test_a_link_inside_the_site_never_leads_outside(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "site" / "page.html").write_text("ok")
    (tmp_path / "site" / "escape.txt").symlink_to(tmp_path / "secret.txt")
    site = Site(tmp_path / "site")
    assert site.locate(["page.html"]) == (tmp_path / "site" / "page.html").resolve()
    assert site.locate(["escape.txt"]) is None
    assert site.locate(["C:", "secret.txt"]) is None and site.locate([".git", "config"]) is None


# ---------- the command, serving the real built site ----------


def get(port: int, path: str, method: str = "GET", headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def raw(port: int, data: bytes) -> bytes:
    """A request sent byte for byte, as a broken or hostile client would."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_it_says_where_phones_can_open_it(classroom):
    assert f"http://127.0.0.1:{classroom['port']}/?projector" in classroom["stdout"]
    assert f"http://127.0.0.1:{classroom['port']}/?peserta" in classroom["stdout"]


def test_every_file_of_the_built_site_is_served_as_it_is(classroom):
    site = classroom["site"]
    conn = http.client.HTTPConnection("127.0.0.1", classroom["port"], timeout=30)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert len([f for f in files if f.suffix == ".html"]) > 300
    for file in files:
        rel = file.relative_to(site).as_posix()
        if rel == "kelas.json":
            continue  # the server answers its own
        conn.request("GET", "/" + rel, headers={"Accept-Encoding": "gzip"})
        response = conn.getresponse()
        body = response.read()
        if rel in HOST_FILES:  # the web host's settings, kept to itself as a host does
            assert response.status == 404, rel
            continue
        assert response.status == 200, rel
        if response.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        assert body == file.read_bytes(), rel
    conn.close()


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/index.html", "text/html; charset=utf-8"),
        ("/assets/js/kie.js", "text/javascript; charset=utf-8"),
        ("/offline.json", "application/json; charset=utf-8"),
        ("/manifest.webmanifest", "application/manifest+json; charset=utf-8"),
        ("/handouts/id/modus-magang-palsu.pdf", "application/pdf"),
        ("/unduh/cegah-tppo-offline.zip", "application/zip"),
    ],
)
def test_types_compression_and_downloads(classroom, path, kind):
    response, body = get(classroom["port"], path, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.getheader("Content-Type") == kind
    text = kind.startswith(("text/", "application/json", "application/manifest"))
    assert (response.getheader("Content-Encoding") == "gzip") == text
    download = response.getheader("Content-Disposition") or ""
    assert download == (f'attachment; filename="{path.rsplit("/", 1)[1]}"' if path.endswith((".pdf", ".zip")) else "")


def test_pages_stay_in_the_phone_cache_for_the_session(classroom):
    page, _ = get(classroom["port"], "/modus/jeratan-utang.html")
    assert re.fullmatch(r"public, max-age=(\d+)", page.getheader("Cache-Control"))
    assert int(page.getheader("Cache-Control").rsplit("=", 1)[1]) >= 3600
    worker, _ = get(classroom["port"], "/sw.js")
    assert worker.getheader("Cache-Control") == "no-cache"  # a new build is noticed at once
    again, body = get(classroom["port"], "/modus/jeratan-utang.html", headers={"If-None-Match": page.getheader("ETag")})
    assert again.status == 304 and body == b""
    plain, body = get(classroom["port"], "/modus/jeratan-utang.html")
    assert plain.getheader("Content-Encoding") is None and body.lstrip().startswith(b"<!doctype html>")


ATTACKS = [
    b"GET /../mkdocs.yml HTTP/1.1",
    b"GET /%2e%2e/mkdocs.yml HTTP/1.1",
    b"GET /%2E%2E%2Fmkdocs.yml HTTP/1.1",
    b"GET /assets/..%2f..%2fmkdocs.yml HTTP/1.1",
    b"GET /assets/%2e%2e/%2e%2e/mkdocs.yml HTTP/1.1",
    b"GET /..\\mkdocs.yml HTTP/1.1",
    b"GET /%c0%ae%c0%ae/mkdocs.yml HTTP/1.1",
    b"GET /%00/etc/passwd HTTP/1.1",
    b"GET //etc/passwd HTTP/1.1",
    b"GET /etc/passwd HTTP/1.1",
    b"GET http://127.0.0.1/../mkdocs.yml HTTP/1.1",
    b"GET /" + b"a/" * 40 + b" HTTP/1.1",
    b"GET /" + b"x" * 5000 + b" HTTP/1.1",
    b"GET /" + b"y" * 70000 + b" HTTP/1.1",
]


@pytest.mark.parametrize("request_line", ATTACKS, ids=lambda r: r[:40].decode("latin-1"))
def test_no_file_outside_the_site_whatever_the_path(classroom, request_line):
    answer = raw(classroom["port"], request_line + b"\r\nHost: x\r\nConnection: close\r\n\r\n")
    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 404), answer[:200]
    assert b"site_name:" not in answer and b"root:" not in answer


def test_huge_headers_and_other_methods_are_refused(classroom):
    many = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"z" * 200) for i in range(90))
    long_line = b"X-Long: " + b"z" * 70000 + b"\r\n"
    for headers in (many, long_line):
        answer = raw(classroom["port"], b"GET / HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
        assert answer.startswith(b"HTTP/1.1 400 ")
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "BREW"):
        response, _ = get(classroom["port"], "/index.html", method=method)
        assert response.status == 405 and response.getheader("Allow") == "GET, HEAD"


def test_a_missing_page_gets_the_site_404_page(classroom):
    response, body = get(classroom["port"], "/modus/tidak-ada.html")
    assert response.status == 404 and body == (classroom["site"] / "404.html").read_bytes()


def test_a_phone_that_leaves_mid_download_leaves_no_traceback(classroom):
    for _ in range(5):
        with socket.create_connection(("127.0.0.1", classroom["port"]), timeout=10) as sock:
            sock.sendall(b"GET /unduh/cegah-tppo-offline.zip HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.recv(1024)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # reset
    response, _ = get(classroom["port"], "/index.html")  # and it goes on serving
    assert response.status == 200
    time.sleep(0.5)
    assert "Traceback" not in classroom["stderr"].read_text()


def test_participants_page_lists_the_session_handouts_and_the_province_card(classroom):
    first, _ = get(classroom["port"], "/?peserta")  # a phone's first visit: a token of its own, in the address
    assert first.status == 303 and re.fullmatch(r"/\?peserta&t=[\w-]+\.[0-9a-f]{20}#cek", first.getheader("Location"))
    token_page = first.getheader("Location").split("#")[0]
    response, body = get(classroom["port"], token_page)
    html = body.decode()
    assert response.status == 200 and "Untuk peserta" in html and "Pertanyaan cek" in html
    links = re.findall(r'href="(/handouts/[^"]+\.pdf)"', html)
    assert "/handouts/id/modus-magang-palsu.pdf" in links
    assert "/handouts/id/kartu-53-nusa-tenggara-timur.pdf" in links
    for link in links:
        pdf, data = get(classroom["port"], link)
        assert pdf.status == 200 and data.startswith(b"%PDF") and "attachment" in pdf.getheader("Content-Disposition")
    english, body = get(classroom["port"], "/en/" + token_page[1:])
    assert "For participants" in body.decode() and "/handouts/en/modus-magang-palsu.pdf" in body.decode()


def test_the_page_script_learns_the_card_and_participants_page(classroom):
    response, body = get(classroom["port"], "/kelas.json")
    assert response.getheader("Cache-Control") == "no-cache"
    assert b'"en":"handouts/en/kartu-53-nusa-tenggara-timur.pdf"' in body and b'"en":"en/?peserta"' in body
    assert (classroom["site"] / "kelas.json").read_text().strip() == "{}"  # what other servers answer


# ---------- what the facilitator types wrong: one line, no traceback ----------


@pytest.fixture
def tiny_site(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>")
    return tmp_path


@pytest.mark.parametrize(
    "args, says",
    [
        (["-d", "{empty}"], "has no built site (no index.html); run `kie build` first"),
        (["-d", "{site}", "--edition", "ntt"], "no built edition 'ntt' in"),
        (["-d", "{site}", "--session", "tidak-ada"], "--session: no session plan 'tidak-ada' in content/sessions/"),
        (["-d", "{site}", "--province", "99"], "--province: unknown province '99'"),
        (["-d", "{site}", "--host", "laptop.local"], "--host: 'laptop.local' is not an IP address"),
        (["-d", "{site}", "--wifi-password", "x"], "--wifi-password needs --wifi-ssid"),
        (["-d", "{site}", "--session", "kampus", "--reports", "{site}/laporan"], "--reports: "),
        (["-d", "{site}", "--session", "kampus", "--journal", "{site}/j.jsonl"], "is inside the served site"),
    ],
)
def test_mistakes_on_the_command_line_get_one_line(tiny_site, tmp_path_factory, capsys, args, says):
    empty = tmp_path_factory.mktemp("empty")
    args = [a.format(site=tiny_site, empty=empty) for a in args]
    assert main(["--root", str(REPO), "serve", "--host", "127.0.0.1", "--port", "0", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_port_in_use_is_named(tiny_site, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert (
            main(["--root", str(REPO), "serve", "-d", str(tiny_site), "--host", "127.0.0.1", "--port", str(port)]) == 2
        )
    assert f"cannot listen on 127.0.0.1:{port}: another program uses this port" in capsys.readouterr().err
