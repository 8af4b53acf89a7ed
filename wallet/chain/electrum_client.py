"""One connection to an Electrum server (protocol 1.4 to 1.6), with checked replies.

Every reply is validated for shape before anyone uses it: a server that answers with the
wrong types, headers of the wrong size or a transaction that does not hash to the txid we
asked for raises `ServerMisbehaved`, which the server pool treats as grounds for a ban.
Proof of work and Merkle proofs are checked by the callers against our own headers.
"""

from __future__ import annotations

import asyncio
import logging
import math
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiorpcx
from aiorpcx import NewlineFramer, RPCError, RPCSession, TaskTimeout
from aiorpcx.rawsocket import RSTransport

from wallet import __version__
from wallet.chain.tls_pins import CertPins, Pin
from wallet.deadline import within
from wallet.errors import InputError, KiteError
from wallet.hashes import sha256, sha256d
from wallet.sentence import Sentence
from wallet.untrusted_text import quote_untrusted

log = logging.getLogger(__name__)

PINS_HINT = "server_certs.json in the wallet folder"
PROTOCOL_MIN = "1.4"
PROTOCOL_MAX = "1.6"  # 1.7 drops blockchain.scripthash.*
HEADER_SIZE = 80
MAX_MESSAGE_BYTES = 8_000_000


class ServerError(KiteError):
    """Talking to an Electrum server failed."""


class ServerUnavailable(ServerError):
    """The server could not be reached, timed out, or went away."""


class ServerMisbehaved(ServerError):
    """The server sent something malformed or false; it should not be used again."""


class BroadcastRejected(ServerError):
    """The server (its node) refused a transaction; the message carries its reason."""


class BadServerAddress(InputError):
    pass


class CertificateRejected(ServerError):
    """The server's TLS certificate neither verifies nor is self-signed: not used."""


class CertificateChanged(CertificateRejected):
    """The server shows another certificate than the one trusted on first use."""


# OpenSSL's X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: the certificate signs itself
_SELF_SIGNED = 18


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    use_tls: bool = True

    @classmethod
    def parse(cls, text: str, default_port: int | None = None) -> ServerAddress:
        """Parse HOST:PORT[:s|t] (`s` TLS, `t` plain TCP; TLS when omitted)."""
        parts = text.strip().rsplit(":", 2) if text.count(":") <= 2 else None
        if not parts or not parts[0]:
            raise BadServerAddress(Sentence("server %1 is not HOST:PORT[:s|t]", repr(text)))
        host = parts[0]
        protocol = "s"
        if len(parts) == 3:
            protocol = parts[2]
        if protocol not in ("s", "t"):
            raise BadServerAddress(Sentence("server %1: protocol must be 's' (TLS) or 't' (TCP)", repr(text)))
        if len(parts) >= 2:
            try:
                port = int(parts[1])
            except ValueError:
                raise BadServerAddress(Sentence("server %1: port is not a number", repr(text))) from None
        elif default_port is not None:
            port = default_port
        else:
            raise BadServerAddress(Sentence("server %1 has no port", repr(text)))
        if not 0 < port < 65536:
            raise BadServerAddress(Sentence("server %1: port out of range", repr(text)))
        return cls(host, port, protocol == "s")

    def __str__(self) -> str:
        return f"{self.host}:{self.port}:{'s' if self.use_tls else 't'}"


def _version_tuple(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


class _Transport(RSTransport):
    """aiorpcx's transport, keeping the certificate the server showed on this connection."""

    peer_certificate: bytes | None = None

    def connection_made(self, transport: Any) -> None:
        ssl_object = transport.get_extra_info("ssl_object")
        if ssl_object is not None:
            self.peer_certificate = ssl_object.getpeercert(binary_form=True)
        super().connection_made(transport)


class _Session(RPCSession):
    """aiorpcx session that hands server notifications to the client."""

    on_notification: Callable[[str, list[Any]], Awaitable[None] | None] | None = None

    def default_framer(self) -> NewlineFramer:
        return NewlineFramer(max_size=MAX_MESSAGE_BYTES)

    async def handle_request(self, request: Any) -> None:
        if isinstance(request, aiorpcx.Notification) and self.on_notification:
            result = self.on_notification(request.method, list(request.args))
            if asyncio.iscoroutine(result):
                await result


def _expect(cond: bool, what: str) -> None:
    if not cond:
        raise ServerMisbehaved(Sentence("malformed reply: %1", what))


def _is_hex(s: Any, nbytes: int | None = None) -> bool:
    if not isinstance(s, str) or len(s) % 2:
        return False
    if nbytes is not None and len(s) != 2 * nbytes:
        return False
    try:
        bytes.fromhex(s)
    except ValueError:
        return False
    return True


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_finite_number(x: Any) -> bool:
    """An int or float that is not a bool, NaN or infinite (JSON from Python servers may
    carry `Infinity`/`NaN`; integers too large for a float count as infinite)."""
    if isinstance(x, bool) or not isinstance(x, int | float):
        return False
    try:
        return math.isfinite(x)
    except OverflowError:
        return False


def txid_of(raw_tx: bytes) -> str:
    """Display-order txid of a serialized transaction (witness data excluded)."""
    from bitcoin.core import CTransaction

    try:
        tx = CTransaction.deserialize(raw_tx)
    except Exception as e:  # python-bitcoinlib raises several types on garbage
        raise ServerMisbehaved(Sentence("transaction does not parse: %1", type(e).__name__)) from None
    return tx.GetTxid()[::-1].hex()


class ElectrumClient:
    """A checked client for one server. Use `async with ElectrumClient(addr) as c:`."""

    def __init__(
        self,
        server: ServerAddress,
        *,
        timeout: float = 30.0,
        on_notification: Callable[[str, list[Any]], Awaitable[None] | None] | None = None,
        pins: CertPins | None = None,
        cafile: str | None = None,
    ) -> None:
        """`pins`: the wallet's TLS pins (in memory when None); `cafile`: certificate
        authorities instead of the system's (tests)."""
        self.server = server
        self.timeout = timeout
        self.pins = pins if pins is not None else CertPins()
        self.cafile = cafile
        self.on_notification = on_notification
        self.protocol_version: str | None = None
        self.server_software: str | None = None
        self._cm: Any = None
        self._session: _Session | None = None

    async def __aenter__(self) -> ElectrumClient:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        if self.server.use_tls:
            await self._open_tls()
        else:
            await self._open(None)
        try:
            await self._negotiate()
        except BaseException:
            await self.close()
            raise

    async def _open(self, ssl_ctx: ssl.SSLContext | None) -> None:
        self._cm = aiorpcx.connect_rs(
            self.server.host, self.server.port, session_factory=_Session, ssl=ssl_ctx,
            transport=_Transport,
        )
        try:
            self._session = await within(self.timeout, self._cm.__aenter__())
        except ssl.SSLCertVerificationError:
            self._cm = None
            raise
        except (TimeoutError, OSError, TaskTimeout) as e:
            self._cm = None
            if not str(e):
                raise ServerUnavailable(Sentence("%1 did not answer in time", self.server)) from None
            raise ServerUnavailable(Sentence("cannot connect to %1: %2", self.server, e)) from None
        self._session.sent_request_timeout = self.timeout
        self._session.on_notification = self.on_notification

    def _ca_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.cafile)

    @staticmethod
    def _unverified_context() -> ssl.SSLContext:
        """For a self-signed certificate: checked against its pin, not a CA."""
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx

    def _fingerprint(self) -> str:
        transport = self._session.transport if self._session is not None else None
        der = getattr(transport, "peer_certificate", None)
        if not der:
            raise CertificateRejected(Sentence("%1 showed no TLS certificate", self.server))
        return sha256(der).hex()

    async def _open_tls(self) -> None:
        """CA-verified, or self-signed and pinned on first use (see tls_pins.py)."""
        key = f"{self.server.host}:{self.server.port}"
        pin = self.pins.get(key)
        if pin is not None and pin.kind == "pinned":
            await self._open(self._unverified_context())
            fingerprint = self._fingerprint()
            if fingerprint == pin.sha256:
                return
            await self.close()
            try:  # the operator may have moved to a CA-signed certificate
                await self._open(self._ca_context())
            except ssl.SSLCertVerificationError:
                raise CertificateChanged(
                    Sentence("%1 shows a different TLS certificate than the one Kite trusted on first use (SHA-256 %2…, trusted %3…): refused, the connection may be intercepted. If its operator changed it, remove %4 from %5.", self.server, fingerprint[:16], str(pin.sha256)[:16], key, PINS_HINT)
                ) from None
            self.pins.set(key, Pin("ca"))
            return
        try:
            await self._open(self._ca_context())
        except ssl.SSLCertVerificationError as e:
            if pin is not None:  # it used to verify against the CAs
                raise CertificateChanged(
                    Sentence("%1 used to show a certificate signed by a certificate authority; now its certificate fails (%2): refused, the connection may be intercepted.", self.server, e.verify_message)
                ) from None
            if e.verify_code != _SELF_SIGNED:
                raise CertificateRejected(
                    Sentence("%1's TLS certificate is refused: %2", self.server, e.verify_message)
                ) from None
            await self._open(self._unverified_context())
            fingerprint = self._fingerprint()
            self.pins.set(key, Pin("pinned", fingerprint))
            log.info("pinned the self-signed certificate of %s (SHA-256 %s)", key, fingerprint)
            return
        if pin is None:
            self.pins.set(key, Pin("ca"))

    async def _negotiate(self) -> None:
        reply = await self.request(
            "server.version", f"kite/{__version__}", [PROTOCOL_MIN, PROTOCOL_MAX]
        )
        _expect(isinstance(reply, list) and len(reply) == 2, "server.version")
        software, version = reply
        _expect(isinstance(software, str) and isinstance(version, str), "server.version types")
        try:
            vt = _version_tuple(version)
        except ValueError:
            raise ServerMisbehaved(Sentence("server.version: bad protocol version %1", repr(version))) from None
        if not _version_tuple(PROTOCOL_MIN) <= vt <= _version_tuple(PROTOCOL_MAX):
            raise ServerMisbehaved(Sentence("server chose protocol %1, outside what we asked", version))
        self.protocol_version = version
        self.server_software = software

    async def close(self) -> None:
        cm, self._cm, self._session = self._cm, None, None
        if cm is not None:
            try:
                await cm.__aexit__(None, None, None)
            except Exception:  # closing a dead connection
                log.debug("error while closing %s", self.server, exc_info=True)

    @property
    def is_connected(self) -> bool:
        return self._session is not None and not self._session.is_closing()

    async def request(self, method: str, *args: Any) -> Any:
        """Send one request; map transport problems and server errors to our types."""
        if self._session is None:
            raise ServerUnavailable(Sentence("not connected to %1", self.server))
        try:
            return await self._session.send_request(method, args)
        except RPCError as e:
            raise ServerError(
                Sentence("%1 refused %2: %3", self.server, method, quote_untrusted(e.message))
            ) from None
        except (TimeoutError, TaskTimeout):
            raise ServerUnavailable(Sentence("%1 timed out on %2", self.server, method)) from None
        except (OSError, aiorpcx.ProtocolError, ConnectionError) as e:
            raise ServerUnavailable(Sentence("%1 failed on %2: %3", self.server, method, e)) from None

    # --- typed, checked calls ---------------------------------------------------------

    async def ping(self) -> None:
        await self.request("server.ping")

    async def headers_subscribe(self) -> tuple[int, bytes]:
        """(tip height, tip header) and subscribe to new tips."""
        reply = await self.request("blockchain.headers.subscribe")
        return parse_header_notification(reply)

    async def block_headers(self, start_height: int, count: int) -> bytes:
        """Up to `count` raw headers from `start_height` (concatenated 80-byte headers)."""
        reply = await self.request("blockchain.block.headers", start_height, count)
        _expect(isinstance(reply, dict), "block.headers is not an object")
        n, mx = reply.get("count"), reply.get("max")
        _expect(_is_int(n) and _is_int(mx), "block.headers count/max")
        # Each header is decoded from hex once, in one call (a cold sync decodes thousands).
        if "headers" in reply:  # protocol 1.6: a list of hex headers
            items = reply["headers"]
            _expect(isinstance(items, list), "block.headers list")
            try:
                text = "".join(items)
            except TypeError:
                raise ServerMisbehaved("malformed reply: block.headers list") from None
            _expect(set(map(len, items)) <= {2 * HEADER_SIZE}, "block.headers list")
        else:  # protocol 1.4: one concatenated hex string
            text = reply.get("hex")
            _expect(isinstance(text, str), "block.headers hex")
        try:
            raw = bytes.fromhex(text)
        except ValueError:
            raise ServerMisbehaved("malformed reply: block.headers hex") from None
        _expect(2 * len(raw) == len(text), "block.headers hex")  # fromhex skips spaces
        _expect(len(raw) == n * HEADER_SIZE, "block.headers count does not match the headers")
        _expect(0 <= n <= count, "block.headers returned more headers than asked")
        return raw

    async def block_header(self, height: int) -> bytes:
        reply = await self.request("blockchain.block.header", height)
        _expect(_is_hex(reply, HEADER_SIZE), "block.header is not an 80-byte hex header")
        return bytes.fromhex(reply)

    async def scripthash_subscribe(self, scripthash: str) -> str | None:
        reply = await self.request("blockchain.scripthash.subscribe", scripthash)
        _expect(reply is None or _is_hex(reply, 32), "scripthash status")
        return reply

    async def scripthash_unsubscribe(self, scripthash: str) -> None:
        await self.request("blockchain.scripthash.unsubscribe", scripthash)

    async def get_history(self, scripthash: str) -> list[tuple[str, int]]:
        """[(txid, height)] with height 0 / -1 for mempool transactions."""
        reply = await self.request("blockchain.scripthash.get_history", scripthash)
        _expect(isinstance(reply, list), "get_history is not a list")
        out = []
        for item in reply:
            _expect(isinstance(item, dict), "get_history item")
            txid, height = item.get("tx_hash"), item.get("height")
            _expect(_is_hex(txid, 32) and _is_int(height) and height >= -1, "history entry")
            out.append((txid, height))
        return out

    async def listunspent(self, scripthash: str) -> list[dict[str, Any]]:
        reply = await self.request("blockchain.scripthash.listunspent", scripthash)
        _expect(isinstance(reply, list), "listunspent is not a list")
        for u in reply:
            _expect(
                isinstance(u, dict)
                and _is_hex(u.get("tx_hash"), 32)
                and _is_int(u.get("tx_pos"))
                and _is_int(u.get("value"))
                and _is_int(u.get("height")),
                "listunspent entry",
            )
        return reply

    async def get_transaction(self, txid: str) -> bytes:
        """The raw transaction, checked to hash to the txid we asked for."""
        reply = await self.request("blockchain.transaction.get", txid)
        _expect(_is_hex(reply), "transaction.get is not hex")
        raw = bytes.fromhex(reply)
        if txid_of(raw) != txid:
            raise ServerMisbehaved(Sentence("server sent a transaction that is not %1", txid))
        return raw

    async def get_merkle(self, txid: str, height: int) -> tuple[list[str], int, int]:
        """(branch, position, block height) proving `txid` in the block at `height`."""
        reply = await self.request("blockchain.transaction.get_merkle", txid, height)
        _expect(isinstance(reply, dict), "get_merkle is not an object")
        branch, pos, h = reply.get("merkle"), reply.get("pos"), reply.get("block_height")
        _expect(
            isinstance(branch, list) and all(_is_hex(b, 32) for b in branch), "merkle branch"
        )
        _expect(_is_int(pos) and pos >= 0 and _is_int(h), "merkle position/height")
        _expect(h == height, "merkle proof for another block height")
        return branch, pos, h

    async def broadcast(self, raw_tx: bytes) -> str:
        """Broadcast; raise BroadcastRejected with the node's reason on refusal."""
        expected = txid_of(raw_tx)
        try:
            reply = await self.request("blockchain.transaction.broadcast", raw_tx.hex())
        except ServerError as e:
            if isinstance(e, ServerUnavailable):
                raise
            raise BroadcastRejected(str(e).split(": ", 1)[-1]) from None
        if reply != expected:
            raise BroadcastRejected(
                Sentence("server answered %1 instead of the txid", repr(quote_untrusted(reply)))
            )
        return expected

    async def estimate_fee(self, blocks: int) -> float | None:
        """Fee rate in BTC/kvB for confirmation within `blocks`, or None if unknown."""
        reply = await self.request("blockchain.estimatefee", blocks)
        _expect(_is_finite_number(reply), "estimatefee is not a finite number")
        return None if reply < 0 else float(reply)

    async def relay_fee(self) -> float:
        """Minimum relay fee rate in BTC/kvB."""
        if self.protocol_version and _version_tuple(self.protocol_version) >= (1, 6):
            info = await self.request("mempool.get_info")
            _expect(isinstance(info, dict), "mempool.get_info is not an object")
            reply = info.get("minrelaytxfee")
        else:
            reply = await self.request("blockchain.relayfee")
        _expect(_is_finite_number(reply) and reply >= 0, "relay fee is not a finite number")
        return float(reply)


def parse_header_notification(reply: Any) -> tuple[int, bytes]:
    """Check a headers.subscribe reply or notification: {height, hex}."""
    if isinstance(reply, list) and len(reply) == 1:  # notifications carry [header]
        reply = reply[0]
    _expect(isinstance(reply, dict), "header notification is not an object")
    height, hexstr = reply.get("height"), reply.get("hex")
    _expect(_is_int(height) and height >= 0, "header height")
    _expect(_is_hex(hexstr, HEADER_SIZE), "header is not 80 bytes of hex")
    return height, bytes.fromhex(hexstr)


def header_hash(raw_header: bytes) -> str:
    """Display-order block hash."""
    return sha256d(raw_header)[::-1].hex()
