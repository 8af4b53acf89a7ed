"""Output scripts of Lightning transactions: BOLT 3 "Funding Transaction Output" and
"Commitment Transaction Outputs".

Witness scripts (the script a P2WSH output commits to) are returned as bytes; `p2wsh` and
`p2wpkh` turn them, or a key, into the scriptPubKey that goes in the output. Functions with
an `anchors` flag produce the `option_anchors` variant, which adds a 1-block CSV so that
only the anchor outputs can be spent while the commitment is unconfirmed.

Every key argument is a 33-byte compressed point; a bad one raises `ChannelKeyError`.
"""

from __future__ import annotations

from bitcoin.core.script import (
    OP_0,
    OP_CHECKLOCKTIMEVERIFY,
    OP_CHECKMULTISIG,
    OP_CHECKSEQUENCEVERIFY,
    OP_CHECKSIG,
    OP_CHECKSIGVERIFY,
    OP_DROP,
    OP_DUP,
    OP_ELSE,
    OP_ENDIF,
    OP_EQUAL,
    OP_EQUALVERIFY,
    OP_HASH160,
    OP_IF,
    OP_IFDUP,
    OP_NOTIF,
    OP_SIZE,
    OP_SWAP,
    CScript,
)

from wallet.hashes import hash160, ripemd160, sha256
from wallet.ln.tx.keys import ChannelKeyError, check_pubkey

ANCHOR_OUTPUT_SAT = 330
"""The value of each anchor output (BOLT 3 "to_local_anchor and to_remote_anchor")."""


def _check_hash(payment_hash: bytes) -> bytes:
    if not isinstance(payment_hash, bytes | bytearray) or len(payment_hash) != 32:
        raise ChannelKeyError("payment_hash must be 32 bytes")
    return bytes(payment_hash)


def _check_uint(value: int, what: str, limit: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < limit:
        raise ChannelKeyError(f"{what} must be an integer in [0, {limit})")
    return value


def p2wsh(witness_script: bytes) -> bytes:
    """The version-0 P2WSH scriptPubKey `OP_0 <SHA256(witness_script)>`."""
    return bytes(CScript([OP_0, sha256(bytes(witness_script))]))


def p2wpkh(pubkey: bytes) -> bytes:
    """The version-0 P2WPKH scriptPubKey `OP_0 <HASH160(pubkey)>`."""
    return bytes(CScript([OP_0, hash160(check_pubkey(pubkey, "P2WPKH public key"))]))


def funding_script(pubkey_a: bytes, pubkey_b: bytes) -> bytes:
    """`2 <pubkey1> <pubkey2> 2 OP_CHECKMULTISIG`, keys in lexicographic order."""
    first, second = sorted(
        (check_pubkey(pubkey_a, "funding_pubkey"), check_pubkey(pubkey_b, "funding_pubkey"))
    )
    return bytes(CScript([2, first, second, 2, OP_CHECKMULTISIG]))


def funding_output_script(pubkey_a: bytes, pubkey_b: bytes) -> bytes:
    """The funding output's scriptPubKey: P2WSH of `funding_script`."""
    return p2wsh(funding_script(pubkey_a, pubkey_b))


def to_local_script(
    revocation_pubkey: bytes, to_self_delay: int, local_delayed_pubkey: bytes
) -> bytes:
    """The `to_local` witness script: revocable at once, or the owner's after a CSV delay.

    HTLC-success and HTLC-timeout outputs use the same script (see `htlc_tx_output_script`).
    """
    return bytes(
        CScript(
            [
                OP_IF,
                check_pubkey(revocation_pubkey, "revocationpubkey"),
                OP_ELSE,
                _check_uint(to_self_delay, "to_self_delay", 1 << 16),
                OP_CHECKSEQUENCEVERIFY,
                OP_DROP,
                check_pubkey(local_delayed_pubkey, "local_delayedpubkey"),
                OP_ENDIF,
                OP_CHECKSIG,
            ]
        )
    )


def htlc_tx_output_script(
    revocation_pubkey: bytes, to_self_delay: int, local_delayed_pubkey: bytes
) -> bytes:
    """The witness script of an HTLC-success/timeout output (the `to_local` shape)."""
    return to_local_script(revocation_pubkey, to_self_delay, local_delayed_pubkey)


def to_remote_anchor_script(remote_pubkey: bytes) -> bytes:
    """With `option_anchors`, `to_remote` is P2WSH of `<remotepubkey> OP_CHECKSIGVERIFY 1
    OP_CHECKSEQUENCEVERIFY` (without anchors it is `p2wpkh(remotepubkey)`)."""
    return bytes(
        CScript(
            [
                check_pubkey(remote_pubkey, "remotepubkey"),
                OP_CHECKSIGVERIFY,
                1,
                OP_CHECKSEQUENCEVERIFY,
            ]
        )
    )


def anchor_script(funding_pubkey: bytes) -> bytes:
    """An anchor: `<funding_pubkey> OP_CHECKSIG OP_IFDUP OP_NOTIF OP_16 OP_CSV OP_ENDIF`
    (spendable by its owner at once, by anyone after 16 blocks)."""
    return bytes(
        CScript(
            [
                check_pubkey(funding_pubkey, "funding_pubkey"),
                OP_CHECKSIG,
                OP_IFDUP,
                OP_NOTIF,
                16,
                OP_CHECKSEQUENCEVERIFY,
                OP_ENDIF,
            ]
        )
    )


def offered_htlc_script(
    revocation_pubkey: bytes,
    local_htlc_pubkey: bytes,
    remote_htlc_pubkey: bytes,
    payment_hash: bytes,
    *,
    anchors: bool,
) -> bytes:
    """Witness script of an HTLC offered by the commitment's owner (BOLT 3 "Offered HTLC
    Outputs"): revocation, or the remote side with the preimage, or the owner through an
    HTLC-timeout transaction signed by both."""
    ops: list = [
        OP_DUP,
        OP_HASH160,
        hash160(check_pubkey(revocation_pubkey, "revocationpubkey")),
        OP_EQUAL,
        OP_IF,
        OP_CHECKSIG,
        OP_ELSE,
        check_pubkey(remote_htlc_pubkey, "remote_htlcpubkey"),
        OP_SWAP,
        OP_SIZE,
        32,
        OP_EQUAL,
        OP_NOTIF,
        OP_DROP,
        2,
        OP_SWAP,
        check_pubkey(local_htlc_pubkey, "local_htlcpubkey"),
        2,
        OP_CHECKMULTISIG,
        OP_ELSE,
        OP_HASH160,
        ripemd160(_check_hash(payment_hash)),
        OP_EQUALVERIFY,
        OP_CHECKSIG,
        OP_ENDIF,
    ]
    if anchors:
        ops += [1, OP_CHECKSEQUENCEVERIFY, OP_DROP]
    ops.append(OP_ENDIF)
    return bytes(CScript(ops))


def received_htlc_script(
    revocation_pubkey: bytes,
    local_htlc_pubkey: bytes,
    remote_htlc_pubkey: bytes,
    payment_hash: bytes,
    cltv_expiry: int,
    *,
    anchors: bool,
) -> bytes:
    """Witness script of an HTLC received by the commitment's owner (BOLT 3 "Received HTLC
    Outputs"): revocation, or the owner with the preimage through an HTLC-success
    transaction, or the remote side after `cltv_expiry`."""
    ops: list = [
        OP_DUP,
        OP_HASH160,
        hash160(check_pubkey(revocation_pubkey, "revocationpubkey")),
        OP_EQUAL,
        OP_IF,
        OP_CHECKSIG,
        OP_ELSE,
        check_pubkey(remote_htlc_pubkey, "remote_htlcpubkey"),
        OP_SWAP,
        OP_SIZE,
        32,
        OP_EQUAL,
        OP_IF,
        OP_HASH160,
        ripemd160(_check_hash(payment_hash)),
        OP_EQUALVERIFY,
        2,
        OP_SWAP,
        check_pubkey(local_htlc_pubkey, "local_htlcpubkey"),
        2,
        OP_CHECKMULTISIG,
        OP_ELSE,
        OP_DROP,
        _check_uint(cltv_expiry, "cltv_expiry", 1 << 32),
        OP_CHECKLOCKTIMEVERIFY,
        OP_DROP,
        OP_CHECKSIG,
        OP_ENDIF,
    ]
    if anchors:
        ops += [1, OP_CHECKSEQUENCEVERIFY, OP_DROP]
    ops.append(OP_ENDIF)
    return bytes(CScript(ops))
