"""A room of simulated phones, for the load test and the benchmark (tests/test_session_serve.py,
scripts/bench/serve.py). Not used by `kie serve` itself.

Each phone talks to the server on 127.0.0.1 from its own loopback address (127.0.0.2, 127.0.0.3, …: on
Linux the whole 127/8 is this machine), so the server sees one client per phone, as in a classroom.
Everything stays on this machine; the number of phones and every wait are bounded.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import select
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

MAX_PHONES = 250  # 127.0.0.2 … 127.0.0.251
TIMEOUT = 10.0


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    key: str  # the facilitator's key, read from the terminal
    out: str


def start_server(args: list[str], stderr=subprocess.DEVNULL, wait: float = 60.0) -> Server:
    """`kie <args>` (a `serve` command with --port 0), once it says it listens."""
    command = [str(Path(sys.executable).with_name("kie")), *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
    out, deadline = "", time.monotonic() + wait
    while "Ctrl+C" not in out and time.monotonic() < deadline and proc.poll() is None:
        if select.select([proc.stdout], [], [], 1)[0]:  # raw reads: a buffered reader would hide lines from select
            out += os.read(proc.stdout.fileno(), 4096).decode()
    port = re.search(r"http://127\.0\.0\.1:(\d+)/", out)
    if not port:
        proc.kill()
        raise RuntimeError(f"kie serve did not start: {out}")
    key = re.search(r"kunci=([0-9a-f]+)", out)
    return Server(proc, int(port.group(1)), key.group(1) if key else "", out)


def request(port: int, method: str, path: str, body: dict | None = None, source: str = "127.0.0.1", headers=None):
    """(status, headers, body bytes, seconds) of one request on a fresh connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT, source_address=(source, 0))
    data = urlencode(body).encode() if body is not None else None
    sent = {"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {}
    began = time.perf_counter()
    try:
        conn.request(method, path, body=data, headers={**sent, **(headers or {})})
        response = conn.getresponse()
        payload = response.read()
        return response.status, dict(response.getheaders()), payload, time.perf_counter() - began
    finally:
        conn.close()


def set_round(port: int, key: str, round_name: str, action: str = "open") -> int:
    return request(port, "POST", "/_sesi/ronde", {"kunci": key, "r": round_name, "a": action})[0]


@dataclass
class Phone:
    number: int
    port: int
    token: str = ""
    sent: dict[str, dict[str, str]] = field(default_factory=dict)  # round → answers the server accepted

    @property
    def source(self) -> str:
        return f"127.0.0.{2 + self.number}"

    def join(self) -> int:
        """Open the participants' page as a phone does: a token comes back in the address it is sent to."""
        status, headers, _, _ = request(self.port, "GET", "/?peserta", source=self.source)
        found = re.search(r"[?&]t=([^&#]+)", headers.get("Location", ""))
        if status == 303 and found:
            self.token = found.group(1)
        return status

    def answer(self, round_name: str, answers: dict[str, str]) -> tuple[int, float]:
        fields = {"t": self.token, "r": round_name, "l": "id", **{f"q.{q}": a for q, a in answers.items()}}
        status, _, _, seconds = request(self.port, "POST", "/_sesi/jawab", fields, self.source)
        if status == 303:
            self.sent[round_name] = answers
        return status, seconds


def random_answers(questions: list[tuple[str, tuple[str, ...]]], rng: random.Random) -> dict[str, str]:
    """One answer per question, chosen at random from its options."""
    return {qid: rng.choice(options) for qid, options in questions}


def check_loopback_addresses() -> bool:
    """True when this machine lets a client use 127.0.0.2 as its address (Linux does; others may not)."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.2", 0))
        except OSError:
            return False
    return True
