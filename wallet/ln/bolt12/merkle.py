"""BOLT 12 signatures: the TLV Merkle tree and BIP 340 signatures over its root.

H(tag, msg) = SHA256(SHA256(tag) || SHA256(tag) || msg). Each non-signature TLV gives a leaf
H("LnLeaf", tlv) paired with H("LnNonce" || first-tlv, type); inner nodes are
H("LnBranch", lesser || greater); an odd node is carried up, so the lowest-order leaves sit
deepest. The signature of field `f` of message `m` signs H("lightning" || m || f, root).
"""

from __future__ import annotations

from collections.abc import Mapping

import coincurve

from wallet.hashes import sha256
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.wire.bigsize import encode_bigsize

SIGNATURE_TYPES = range(240, 1001)


def tagged_hash(tag: bytes, msg: bytes) -> bytes:
    tag_hash = sha256(tag)
    return sha256(tag_hash + tag_hash + msg)


def _branch(a: bytes, b: bytes) -> bytes:
    return tagged_hash(b"LnBranch", min(a, b) + max(a, b))


def tlv_bytes(tlv_type: int, value: bytes) -> bytes:
    return encode_bigsize(tlv_type) + encode_bigsize(len(value)) + value


def encode_first(records: Mapping[int, bytes]) -> bytes:
    """The numerically first non-signature TLV, whole: the nonce leaves' tag suffix."""
    first = min(t for t in records if t not in SIGNATURE_TYPES)
    return tlv_bytes(first, records[first])


def merkle_root(records: Mapping[int, bytes]) -> bytes:
    """Root of the tree over every record outside the signature range (240..1000)."""
    items = sorted((t, v) for t, v in records.items() if t not in SIGNATURE_TYPES)
    if not items:
        raise Bolt12Error("nothing to sign: the message has no field")
    first = tlv_bytes(*items[0])
    nonce_tag = b"LnNonce" + first
    level = [
        _branch(tagged_hash(b"LnLeaf", tlv_bytes(t, v)), tagged_hash(nonce_tag, encode_bigsize(t)))
        for t, v in items
    ]
    step = 1
    while step < len(level):
        for i in range(0, len(level), 2 * step):
            if i + step < len(level):
                level[i] = _branch(level[i], level[i + step])
        step *= 2
    return level[0]


def signature_tag(message_name: str, field_name: str = "signature") -> bytes:
    return b"lightning" + message_name.encode() + field_name.encode()


def signed_digest(records: Mapping[int, bytes], message_name: str) -> bytes:
    return tagged_hash(signature_tag(message_name), merkle_root(records))


def sign(records: Mapping[int, bytes], message_name: str, private_key: bytes,
         aux_randomness: bytes = b"") -> bytes:
    """BIP 340 signature (64 bytes) of the message's Merkle root by `private_key`."""
    digest = signed_digest(records, message_name)
    return coincurve.PrivateKey(private_key).sign_schnorr(digest, aux_randomness or bytes(32))


def verify(records: Mapping[int, bytes], message_name: str, signature: bytes,
           node_id: bytes) -> bool:
    """Whether `signature` is the BIP 340 signature of the root by the key of `node_id`
    (a 33-byte point; only its x coordinate counts)."""
    if len(signature) != 64 or len(node_id) != 33:
        return False
    try:
        key = coincurve.PublicKeyXOnly(node_id[1:])
        return key.verify(signature, signed_digest(records, message_name))
    except (ValueError, TypeError):
        return False
