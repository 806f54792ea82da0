"""The addresses this laptop has on its networks, found without sending a single packet.

The usual trick (connect a UDP socket to a public address and read the local end) asks the network;
a classroom has none, and the server must never send traffic. So on Linux we read the kernel's own
table of local addresses (/proc/net/fib_trie); on Windows the name of the machine resolves to its
interface addresses locally. Elsewhere we list nothing and the facilitator passes --host.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path

FIB_TRIE = Path("/proc/net/fib_trie")


def addresses_in_fib_trie(text: str) -> list[str]:
    """Local IPv4 addresses from /proc/net/fib_trie: each '|-- A.B.C.D' followed by '/32 host LOCAL'."""
    found: list[str] = []
    last = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|-- "):
            last = stripped[4:].strip()
        elif stripped.startswith("/32 host LOCAL") and last and last not in found:
            found.append(last)
    return found


def _windows_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return list(dict.fromkeys(info[4][0] for info in infos))


def _preference(address: str) -> tuple:
    """Phone hotspots and home routers use 192.168.x.x, bigger networks 10.x or 172.16-31.x: those first."""
    ip = ipaddress.ip_address(address)
    for rank, net in enumerate(("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12")):
        if ip in ipaddress.ip_network(net):
            return (rank, ip)
    return (4 if ip.is_link_local else 3, ip)


def _candidates() -> list[str]:
    if FIB_TRIE.is_file():
        try:
            return addresses_in_fib_trie(FIB_TRIE.read_text(encoding="ascii", errors="replace"))
        except OSError:
            return []
    return _windows_addresses() if sys.platform == "win32" else []


def lan_addresses(fib_trie: str | None = None) -> list[str]:
    """IPv4 addresses other devices could reach this machine at, most likely first; [] when unknown."""
    candidates = addresses_in_fib_trie(fib_trie) if fib_trie is not None else _candidates()
    usable = []
    for address in candidates:
        try:
            ip = ipaddress.IPv4Address(address)
        except ValueError:
            continue
        if not (ip.is_loopback or ip.is_unspecified or ip.is_multicast):
            usable.append(address)
    return sorted(set(usable), key=_preference)
