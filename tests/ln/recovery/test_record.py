"""The recovery record in funding transactions: round trip, and everything that is not our
record (another wallet's, a wrong key, truncated, forged, garbage) read as None."""

from __future__ import annotations

import os

import pytest
from bitcoin.core import COutPoint, CScript, CTransaction, CTxIn, CTxOut
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from wallet.keys.lightning import LightningKeys
from wallet.ln.recovery.record import (
    DATA_SIZE,
    RecordError,
    RecoveryRecord,
    decode_data,
    decode_script,
    encode_data,
    record_script,
)
from wallet.ln.recovery.scan import channel_of, find_channels
from wallet.networks import REGTEST

PEER = bytes.fromhex("02" + "11" * 32)
KEY = bytes(range(32))


def test_round_trip_and_size() -> None:
    rec = RecoveryRecord(PEER, 7)
    script = record_script(rec, KEY)
    assert script[0] == 0x6A and len(script) == 2 + DATA_SIZE <= 83  # standard OP_RETURN
    assert decode_script(script, KEY) == rec
    assert record_script(rec, KEY) != script  # a fresh nonce each time


def test_the_key_comes_from_the_seed_and_differs_per_seed() -> None:
    seed = os.urandom(32)
    a, again = LightningKeys.from_seed(seed, REGTEST), LightningKeys.from_seed(seed, REGTEST)
    other = LightningKeys.from_seed(os.urandom(32), REGTEST)
    assert a.record_key == again.record_key and len(a.record_key) == 32
    assert a.record_key != other.record_key
    assert a.record_key != a.backup_key
    script = record_script(RecoveryRecord(PEER, 3), a.record_key)
    assert decode_script(script, again.record_key) == RecoveryRecord(PEER, 3)
    assert decode_script(script, other.record_key) is None  # another wallet's record


@pytest.mark.parametrize("cut", [0, 1, 3, 15, DATA_SIZE - 1])
def test_truncated_records_are_not_ours(cut: int) -> None:
    data = encode_data(RecoveryRecord(PEER, 1), KEY)
    assert decode_data(data[:cut], KEY) is None
    script = record_script(RecoveryRecord(PEER, 1), KEY)
    assert decode_script(script[:2 + cut], KEY) is None


def test_every_flipped_byte_is_refused() -> None:
    data = encode_data(RecoveryRecord(PEER, 1), KEY)
    for i in range(len(data)):
        forged = bytearray(data)
        forged[i] ^= 0x01
        assert decode_data(bytes(forged), KEY) is None, i


def test_garbage_and_other_op_returns() -> None:
    assert decode_script(b"", KEY) is None
    assert decode_script(b"\x6a", KEY) is None
    assert decode_script(b"\x6a\x04abcd", KEY) is None
    assert decode_script(b"\x6a\x46" + os.urandom(DATA_SIZE), KEY) is None
    assert decode_script(b"\x6a\x46KR\x01" + os.urandom(DATA_SIZE - 3), KEY) is None
    assert decode_script(b"\x00\x14" + os.urandom(20), KEY) is None


def test_authentic_but_malformed_content_is_refused() -> None:
    # encrypted with our key but never written by us: not a public key, channel number too big
    nonce = bytes(12)
    for plain in (bytes(33) + bytes(4), PEER + (1 << 31).to_bytes(4, "big")):
        data = b"KR\x01" + nonce + ChaCha20Poly1305(KEY).encrypt(nonce, plain, b"KR\x01")
        assert decode_data(data, KEY) is None


def test_values_a_record_cannot_hold() -> None:
    with pytest.raises(RecordError):
        RecoveryRecord(PEER[:32], 1)
    with pytest.raises(RecordError):
        RecoveryRecord(b"\x04" + PEER[1:], 1)
    with pytest.raises(RecordError):
        RecoveryRecord(PEER, -1)
    with pytest.raises(RecordError):
        RecoveryRecord(PEER, 1 << 31)
    with pytest.raises(RecordError):
        RecoveryRecord(PEER, True)
    with pytest.raises(RecordError):
        record_script(RecoveryRecord(PEER, 1), KEY[:31])


def _funding_tx(*outputs: tuple[int, bytes]) -> bytes:
    return CTransaction([CTxIn(COutPoint(os.urandom(32), 0))],
                        [CTxOut(v, CScript(s)) for v, s in outputs], 0, 2).serialize()


WSH = b"\x00\x20" + bytes(32)
WPKH = b"\x00\x14" + bytes(20)


def test_the_scan_finds_the_funding_output_whatever_its_position() -> None:
    rec = record_script(RecoveryRecord(PEER, 5), KEY)
    raw = _funding_tx((30_000, WPKH), (0, rec), (600_000, WSH))
    found = channel_of(raw, KEY)
    assert found is not None
    assert (found.peer_node_id, found.key_index, found.funding_output_index,
            found.funding_sat) == (PEER, 5, 2, 600_000)
    assert found.funding_txid == CTransaction.deserialize(raw).GetTxid()


def test_the_scan_skips_what_it_cannot_trust() -> None:
    rec = record_script(RecoveryRecord(PEER, 5), KEY)
    other = record_script(RecoveryRecord(PEER, 6), KEY)
    assert channel_of(b"\x00garbage", KEY) is None
    assert channel_of(_funding_tx((600_000, WSH), (1000, WPKH)), KEY) is None  # no record
    assert channel_of(_funding_tx((600_000, WSH), (0, rec)), os.urandom(32)) is None
    assert channel_of(_funding_tx((0, rec), (1000, WPKH)), KEY) is None  # no P2WSH output
    assert channel_of(_funding_tx((0, rec), (1, WSH), (2, WSH)), KEY) is None  # ambiguous
    assert channel_of(_funding_tx((0, rec), (0, other), (2, WSH)), KEY) is None  # two records
    txs = [_funding_tx((600_000, WSH), (0, rec)), b"", _funding_tx((9, WSH), (0, rec)),
           _funding_tx((700_000, WSH), (0, other))]
    assert [(f.key_index, f.funding_sat) for f in find_channels(txs, KEY)] == \
        [(5, 600_000), (6, 700_000)]
