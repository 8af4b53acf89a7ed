"""The user's Electrum servers: the ones added by hand and the one picked, per wallet.

Kept in `<wallet>/servers.json` (written atomically): `added` servers join the network's
shipped ones; `chosen` (None = automatic) makes the node use that one server only. Text a
person typed is checked here, and each mistake gets one sentence saying how to write it.
A certificate fingerprint typed with a TLS server is pinned (`tls_pins`) before the first
connection, so even that one must show this certificate.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from wallet.chain.electrum_client import BadServerAddress, ServerAddress
from wallet.errors import InputError
from wallet.sentence import Sentence

log = logging.getLogger(__name__)

CHOICE_NAME = "servers.json"
MAX_ADDED = 20
MAX_TEXT = 300  # characters read from a typed server or fingerprint
MAX_FILE_BYTES = 64 * 1024
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_HEX = re.compile(r"^[0-9a-f]{64}$")


class BadServerEntry(InputError):
    """What the user typed as a server (or its fingerprint) cannot be used."""


@dataclass(frozen=True)
class ServerChoice:
    added: tuple[str, ...] = ()  # "HOST:PORT:s|t", in the order added
    chosen: str | None = None  # None: automatic (any server of the list)


def _host_ok(host: str) -> bool:
    if len(host) > 253 or host.endswith("."):
        return False
    return all(_LABEL.match(label) for label in host.split("."))


def parse_server_text(text: str) -> ServerAddress:
    """HOST:PORT, HOST:PORT:s (TLS, the default) or HOST:PORT:t (plain TCP), as typed."""
    text = (text or "").strip()
    if not text:
        raise BadServerEntry("Type a server as HOST:PORT, for example electrum.example.org:50002.")
    if len(text) > MAX_TEXT:
        raise BadServerEntry(Sentence("A server address is at most %1 characters.", MAX_TEXT))
    parts = text.split(":")
    if len(parts) < 2 or len(parts) > 3:
        raise BadServerEntry(
            "Write the server as HOST:PORT (add :t for a server without TLS), "
            "for example electrum.example.org:50002.")
    host, port_text = parts[0], parts[1]
    if not _host_ok(host):
        raise BadServerEntry(
            Sentence("“%1” is not a host name: use letters, digits, dots and dashes, like electrum.example.org or 192.0.2.7.", host[:60]))
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise BadServerEntry("The port must be a number from 1 to 65535, like 50002.")
    if len(parts) == 3 and parts[2] not in ("s", "t"):
        raise BadServerEntry("After the port, add :s for TLS or :t for plain TCP (or nothing: TLS).")
    try:
        return ServerAddress.parse(text)
    except BadServerAddress as e:  # the checks above should have said it already
        raise BadServerEntry(str(e)) from None


def parse_fingerprint(text: str, server: ServerAddress) -> str | None:
    """A certificate's SHA-256 (64 hex digits, colons and spaces allowed) or None if empty."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_TEXT:
        raise BadServerEntry(Sentence("A certificate fingerprint is at most %1 characters.", MAX_TEXT))
    if not server.use_tls:
        raise BadServerEntry("A certificate fingerprint only applies to a TLS server (:s), "
                             "not to plain TCP (:t).")
    digits = re.sub(r"[\s:]", "", text).lower()
    if not _HEX.match(digits):
        raise BadServerEntry("A certificate fingerprint is the SHA-256 of the server's "
                             "certificate: 64 hexadecimal characters (colons allowed).")
    return digits


def load_choice(wallet_dir: Path) -> ServerChoice:
    """The stored choice; an unreadable or odd file is logged and read as no choice."""
    path = Path(wallet_dir) / CHOICE_NAME
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError("too large")
        data = json.loads(path.read_text("utf-8"))
        added = []
        for text in data.get("added", [])[:MAX_ADDED]:
            added.append(str(parse_server_text(str(text))))
        chosen = data.get("chosen")
        chosen = None if chosen is None else str(parse_server_text(str(chosen)))
        return ServerChoice(tuple(dict.fromkeys(added)), chosen)
    except FileNotFoundError:
        return ServerChoice()
    except (OSError, ValueError, AttributeError, TypeError, InputError) as e:
        log.warning("ignoring unreadable %s: %s", path, e)
        return ServerChoice()


def save_choice(wallet_dir: Path, choice: ServerChoice) -> None:
    path = Path(wallet_dir) / CHOICE_NAME
    data = {"added": list(choice.added), "chosen": choice.chosen}
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(data, indent=1).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def with_added(choice: ServerChoice, known: list[ServerAddress], text: str,
               fingerprint: str = "") -> tuple[ServerChoice, ServerAddress, str | None]:
    """The choice with one more server (checked against the `known` list), the server,
    and the certificate fingerprint typed with it (None: trust on first use)."""
    server = parse_server_text(text)
    pin = parse_fingerprint(fingerprint, server)
    if any(s.host == server.host and s.port == server.port for s in known):
        raise BadServerEntry(Sentence("%1:%2 is already in the list.", server.host, server.port))
    if len(choice.added) >= MAX_ADDED:
        raise BadServerEntry(Sentence("At most %1 servers can be added; remove one first.", MAX_ADDED))
    return ServerChoice(choice.added + (str(server),), choice.chosen), server, pin


def with_removed(choice: ServerChoice, text: str) -> ServerChoice:
    server = str(parse_server_text(text))
    if server not in choice.added:
        raise BadServerEntry("Only servers you added can be removed; pick another server "
                             "to stop using this one.")
    chosen = None if choice.chosen == server else choice.chosen
    return ServerChoice(tuple(s for s in choice.added if s != server), chosen)


def with_chosen(choice: ServerChoice, known: list[ServerAddress], text: str) -> ServerChoice:
    """Use one server only (`text` one of `known`), or automatic when `text` is empty."""
    if not (text or "").strip():
        return ServerChoice(choice.added, None)
    server = parse_server_text(text)
    if server not in known:
        raise BadServerEntry(Sentence("%1 is not in the list; add it first.", server))
    return ServerChoice(choice.added, str(server))
