"""BOLT 8 transport: the Noise_XK_secp256k1_ChaChaPoly_SHA256 handshake and the encrypted,
length-prefixed message stream that follows it, with key rotation every 1000 nonces.

Sans-I/O: these objects never touch a socket. The peer's I/O shell reads exactly
`ACT_ONE_SIZE` / `ACT_TWO_SIZE` / `ACT_THREE_SIZE` bytes (or whatever it got before the
connection closed) and hands them over; after the handshake it feeds every received chunk to
`Transport.receive_data` and drains `Transport.next_message()`.

    initiator = InitiatorHandshake(local_static_priv, remote_static_pub)
    send(initiator.act_one())
    act_three, transport = initiator.process_act_two(read_exactly(ACT_TWO_SIZE))
    send(act_three)

    responder = ResponderHandshake(local_static_priv)
    send(responder.process_act_one(read_exactly(ACT_ONE_SIZE)))
    transport = responder.process_act_three(read_exactly(ACT_THREE_SIZE))
    transport.remote_pubkey  # the initiator's node id, learned in act three

Every failure raises a subclass of `TransportError`; the connection must then be closed, and
the object that raised refuses further use.
"""

from __future__ import annotations

import hashlib
import hmac

from coincurve import PrivateKey, PublicKey
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from wallet.ln.wire.errors import TransportError
from wallet.sentence import Sentence, template

PROTOCOL_NAME = b"Noise_XK_secp256k1_ChaChaPoly_SHA256"
PROLOGUE = b"lightning"
HANDSHAKE_VERSION = 0
ACT_ONE_SIZE = 50
ACT_TWO_SIZE = 50
ACT_THREE_SIZE = 66
MAC_SIZE = 16
LENGTH_HEADER_SIZE = 2 + MAC_SIZE
MAX_MESSAGE_SIZE = 65535
KEY_ROTATION_INTERVAL = 1000  # nonces per key (two per message: length, then body)

__all__ = [
    "ACT_ONE_SIZE",
    "ACT_THREE_SIZE",
    "ACT_TWO_SIZE",
    "MAX_MESSAGE_SIZE",
    "HandshakeBadCiphertext",
    "HandshakeBadPubkey",
    "HandshakeBadTag",
    "HandshakeBadVersion",
    "HandshakeError",
    "HandshakeReadFailed",
    "InitiatorHandshake",
    "MessageDecryptionError",
    "MessageTooLarge",
    "ResponderHandshake",
    "Transport",
    "TransportError",
]


# -- errors ----------------------------------------------------------------------------------


class HandshakeError(TransportError):
    """A handshake act failed. `code` is the spec's name for it, e.g. "ACT1_BAD_TAG"."""

    kind = "FAILED"

    def __init__(self, act: int, detail: str) -> None:
        super().__init__(Sentence("BOLT 8 handshake, act %1: %2", act, detail))
        self.act = act
        self.code = f"ACT{act}_{self.kind}"


class HandshakeReadFailed(HandshakeError):
    """The act did not have exactly the right number of bytes (the peer hung up early)."""

    kind = "READ_FAILED"


class HandshakeBadVersion(HandshakeError):
    """The act's version byte is not 0."""

    kind = "BAD_VERSION"


class HandshakeBadPubkey(HandshakeError):
    """The public key in the act is not a valid compressed secp256k1 point."""

    kind = "BAD_PUBKEY"


class HandshakeBadTag(HandshakeError):
    """An act's authentication tag did not verify (for act one: the initiator does not know
    our static key)."""

    kind = "BAD_TAG"


class HandshakeBadCiphertext(HandshakeError):
    """Act three's encrypted static key did not authenticate."""

    kind = "BAD_CIPHERTEXT"


class MessageDecryptionError(TransportError):
    """A received length header or message body failed authentication."""


class MessageTooLarge(TransportError):
    """A message to send is longer than the 65535 bytes BOLT 8 allows."""


# -- primitives ------------------------------------------------------------------------------


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def hkdf_two_keys(salt: bytes, ikm: bytes) -> tuple[bytes, bytes]:
    """HKDF-SHA256 (RFC 5869) with empty info, 64 bytes of output split in two 32-byte keys."""
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    first = hmac.new(prk, b"\x01", hashlib.sha256).digest()
    second = hmac.new(prk, first + b"\x02", hashlib.sha256).digest()
    return first, second


def _nonce(n: int) -> bytes:
    """Noise nonce: 32 zero bits then the counter as a little-endian u64."""
    return b"\x00\x00\x00\x00" + n.to_bytes(8, "little")


def _ecdh(private_key: PrivateKey, public_key: bytes) -> bytes:
    """SHA256 of the compressed shared point (coincurve's default ECDH hash)."""
    return private_key.ecdh(public_key)


def _parse_pubkey(data: bytes, act: int) -> bytes:
    if len(data) != 33 or data[0] not in (2, 3):
        raise HandshakeBadPubkey(act, "public key is not in compressed form")
    try:
        PublicKey(data)
    except Exception:  # coincurve raises ValueError for points off the curve
        raise HandshakeBadPubkey(act, "public key is not a valid point") from None
    return data


STATIC_KEY_INVALID = template("the local static key is not a valid secp256k1 private key")
EPHEMERAL_KEY_INVALID = template("the ephemeral key is not a valid secp256k1 private key")


def _private_key(secret: bytes | PrivateKey, invalid: str) -> PrivateKey:
    """`secret` as a key, else TransportError saying `invalid` (one of the *_INVALID)."""
    if isinstance(secret, PrivateKey):
        return secret
    try:
        return PrivateKey(bytes(secret))
    except Exception:
        raise TransportError(Sentence(invalid)) from None


# -- handshake -------------------------------------------------------------------------------


class _HandshakeState:
    """The symmetric state both sides keep during the three acts (h, ck, temp key)."""

    def __init__(self, responder_static_pub: bytes, ephemeral: bytes | PrivateKey | None) -> None:
        h = _sha256(PROTOCOL_NAME)
        self.ck = h
        self.h = _sha256(_sha256(h + PROLOGUE) + responder_static_pub)
        self.temp_k = b""
        self.ephemeral = _private_key(ephemeral, EPHEMERAL_KEY_INVALID) if ephemeral is not None else PrivateKey()
        self.ephemeral_pub = self.ephemeral.public_key.format(compressed=True)
        self.failed = False
        self.step = 0

    def mix_hash(self, data: bytes) -> None:
        self.h = _sha256(self.h + data)

    def mix_key(self, shared_secret: bytes) -> None:
        self.ck, self.temp_k = hkdf_two_keys(self.ck, shared_secret)

    def encrypt(self, nonce: int, plaintext: bytes) -> bytes:
        return ChaCha20Poly1305(self.temp_k).encrypt(_nonce(nonce), plaintext, self.h)

    def decrypt(self, nonce: int, ciphertext: bytes) -> bytes | None:
        try:
            return ChaCha20Poly1305(self.temp_k).decrypt(_nonce(nonce), ciphertext, self.h)
        except InvalidTag:
            return None

    def split(self) -> tuple[bytes, bytes]:
        """(key initiator->responder, key responder->initiator)."""
        return hkdf_two_keys(self.ck, b"")

    def expect_step(self, step: int, what: str) -> None:
        if self.failed:
            raise TransportError("handshake already failed; open a new connection")
        if self.step != step:
            raise TransportError(Sentence("handshake: %1 called out of order", what))


def _check_act(data: bytes, size: int, act: int) -> bytes:
    data = bytes(data)
    if len(data) != size:
        raise HandshakeReadFailed(act, f"expected {size} bytes, got {len(data)}")
    if data[0] != HANDSHAKE_VERSION:
        raise HandshakeBadVersion(act, f"unknown handshake version {data[0]}")
    return data


class InitiatorHandshake:
    """Our side when we connect: we know the responder's node id (static public key)."""

    def __init__(
        self,
        local_static_key: bytes | PrivateKey,
        remote_static_pub: bytes,
        ephemeral_key: bytes | PrivateKey | None = None,
    ) -> None:
        """`ephemeral_key` is for test vectors only; by default a fresh random key is used."""
        self._ls = _private_key(local_static_key, STATIC_KEY_INVALID)
        try:
            self.remote_pubkey = _parse_pubkey(bytes(remote_static_pub), 0)
        except HandshakeBadPubkey:
            raise TransportError("remote node id is not a valid compressed public key") from None
        self._state = _HandshakeState(self.remote_pubkey, ephemeral_key)

    def act_one(self) -> bytes:
        """-> e, es: the 50 bytes to send first."""
        st = self._state
        st.expect_step(0, "act_one")
        st.mix_hash(st.ephemeral_pub)
        st.mix_key(_ecdh(st.ephemeral, self.remote_pubkey))
        c = st.encrypt(0, b"")
        st.mix_hash(c)
        st.step = 1
        return bytes([HANDSHAKE_VERSION]) + st.ephemeral_pub + c

    def process_act_two(self, data: bytes) -> tuple[bytes, Transport]:
        """<- e, ee then -> s, se: check act two, return (act three to send, transport)."""
        st = self._state
        st.expect_step(1, "process_act_two")
        st.failed = True  # until proven otherwise
        data = _check_act(data, ACT_TWO_SIZE, 2)
        re = _parse_pubkey(data[1:34], 2)
        c = data[34:]
        st.mix_hash(re)
        st.mix_key(_ecdh(st.ephemeral, re))
        if st.decrypt(0, c) is None:
            raise HandshakeBadTag(2, "authentication tag did not verify")
        st.mix_hash(c)
        # Act three
        c3 = st.encrypt(1, self._ls.public_key.format(compressed=True))
        st.mix_hash(c3)
        st.mix_key(_ecdh(self._ls, re))
        t = st.encrypt(0, b"")
        sk, rk = st.split()
        st.failed = False
        st.step = 2
        transport = Transport(sk, rk, st.ck, self.remote_pubkey)
        return bytes([HANDSHAKE_VERSION]) + c3 + t, transport


class ResponderHandshake:
    """Our side when someone connects to us: we learn their node id in act three."""

    def __init__(
        self,
        local_static_key: bytes | PrivateKey,
        ephemeral_key: bytes | PrivateKey | None = None,
    ) -> None:
        """`ephemeral_key` is for test vectors only; by default a fresh random key is used."""
        self._ls = _private_key(local_static_key, STATIC_KEY_INVALID)
        self._state = _HandshakeState(self._ls.public_key.format(compressed=True), ephemeral_key)
        self._re = b""

    def process_act_one(self, data: bytes) -> bytes:
        """<- e, es then -> e, ee: check act one, return act two to send."""
        st = self._state
        st.expect_step(0, "process_act_one")
        st.failed = True
        data = _check_act(data, ACT_ONE_SIZE, 1)
        re = _parse_pubkey(data[1:34], 1)
        c = data[34:]
        st.mix_hash(re)
        st.mix_key(_ecdh(self._ls, re))
        if st.decrypt(0, c) is None:
            raise HandshakeBadTag(1, "authentication tag did not verify (wrong node id?)")
        st.mix_hash(c)
        # Act two
        st.mix_hash(st.ephemeral_pub)
        st.mix_key(_ecdh(st.ephemeral, re))
        c2 = st.encrypt(0, b"")
        st.mix_hash(c2)
        self._re = re
        st.failed = False
        st.step = 1
        return bytes([HANDSHAKE_VERSION]) + st.ephemeral_pub + c2

    def process_act_three(self, data: bytes) -> Transport:
        """<- s, se: check act three; return the transport (its `remote_pubkey` is the
        initiator's static key)."""
        st = self._state
        st.expect_step(1, "process_act_three")
        st.failed = True
        data = _check_act(data, ACT_THREE_SIZE, 3)
        c, t = data[1:50], data[50:]
        rs = st.decrypt(1, c)
        if rs is None:
            raise HandshakeBadCiphertext(3, "encrypted static key did not authenticate")
        rs = _parse_pubkey(rs, 3)
        st.mix_hash(c)
        st.mix_key(_ecdh(st.ephemeral, rs))
        if st.decrypt(0, t) is None:
            raise HandshakeBadTag(3, "authentication tag did not verify")
        rk, sk = st.split()
        st.failed = False
        st.step = 2
        return Transport(sk, rk, st.ck, rs)


# -- encrypted message stream ------------------------------------------------------------------


class _CipherState:
    """One direction's key, nonce and chaining key; the key rotates every 1000 nonces."""

    __slots__ = ("_aead", "ck", "key", "nonce")

    def __init__(self, key: bytes, ck: bytes) -> None:
        self.key = key
        self.ck = ck
        self.nonce = 0
        self._aead = ChaCha20Poly1305(key)

    def _advance(self) -> None:
        self.nonce += 1
        if self.nonce == KEY_ROTATION_INTERVAL:
            self.ck, self.key = hkdf_two_keys(self.ck, self.key)
            self._aead = ChaCha20Poly1305(self.key)
            self.nonce = 0

    def encrypt(self, plaintext: bytes) -> bytes:
        out = self._aead.encrypt(_nonce(self.nonce), plaintext, None)
        self._advance()
        return out

    def decrypt(self, ciphertext: bytes) -> bytes | None:
        try:
            out = self._aead.decrypt(_nonce(self.nonce), ciphertext, None)
        except InvalidTag:
            return None
        self._advance()
        return out


class Transport:
    """The encrypted link after a successful handshake.

    `encrypt_message(m)` returns the bytes to send for one Lightning message.
    `receive_data(chunk)` buffers received bytes (any split: a header may arrive one byte
    at a time); `next_message()` returns the next complete decrypted message, or None if more
    bytes are needed. A failed authentication raises `MessageDecryptionError` and the
    transport refuses further use: the connection must be closed.
    """

    def __init__(self, sending_key: bytes, receiving_key: bytes, chaining_key: bytes,
                 remote_pubkey: bytes) -> None:
        self.remote_pubkey = remote_pubkey
        self._send = _CipherState(sending_key, chaining_key)
        self._recv = _CipherState(receiving_key, chaining_key)
        self._buffer = bytearray()
        self._body_length: int | None = None  # set once a length header is decrypted
        self._failed = False

    @property
    def buffered(self) -> int:
        """Received bytes not yet turned into messages."""
        return len(self._buffer)

    def encrypt_message(self, message: bytes) -> bytes:
        """Length header (2 bytes + MAC) then body (+ MAC), each with the next nonce."""
        if self._failed:
            raise TransportError("transport has failed; open a new connection")
        if len(message) > MAX_MESSAGE_SIZE:
            raise MessageTooLarge(
                Sentence("message of %1 bytes exceeds the %2-byte limit", len(message), MAX_MESSAGE_SIZE)
            )
        header = self._send.encrypt(len(message).to_bytes(2, "big"))
        return header + self._send.encrypt(bytes(message))

    def receive_data(self, data: bytes) -> None:
        if self._failed:
            raise TransportError("transport has failed; open a new connection")
        self._buffer += data

    def next_message(self) -> bytes | None:
        if self._failed:
            raise TransportError("transport has failed; open a new connection")
        if self._body_length is None:
            if len(self._buffer) < LENGTH_HEADER_SIZE:
                return None
            header = self._recv.decrypt(bytes(self._buffer[:LENGTH_HEADER_SIZE]))
            if header is None:
                self._fail()
                raise MessageDecryptionError("message length header failed authentication")
            del self._buffer[:LENGTH_HEADER_SIZE]
            self._body_length = int.from_bytes(header, "big")
        needed = self._body_length + MAC_SIZE
        if len(self._buffer) < needed:
            return None
        body = self._recv.decrypt(bytes(self._buffer[:needed]))
        if body is None:
            self._fail()
            raise MessageDecryptionError("message body failed authentication")
        del self._buffer[:needed]
        self._body_length = None
        return body

    def messages(self) -> list[bytes]:
        """All complete messages buffered so far."""
        out = []
        while (msg := self.next_message()) is not None:
            out.append(msg)
        return out

    def _fail(self) -> None:
        self._failed = True
        self._buffer.clear()
