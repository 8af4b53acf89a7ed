"""The channel backup file: round trip, and every way a file can be wrong (another wallet's,
altered, truncated, another network, another version, oversized, authentic yet malformed),
each refused with one sentence."""

from __future__ import annotations

import json
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from wallet.ln.recovery import backup_file as bf
from wallet.ln.recovery.backup_file import BackedUpChannel, Backup, BackupFileError
from wallet.ln.recovery.scan import FoundChannel

NODE = bytes.fromhex("02" + "aa" * 32)
KEY = bytes(range(32))
OTHER_NODE = bytes.fromhex("03" + "bb" * 32)
OTHER_KEY = bytes(range(1, 33))


def _channel(key_index: int = 4, address: str | None = "203.0.113.7:9735") -> BackedUpChannel:
    found = FoundChannel(bytes.fromhex("02" + "11" * 32), key_index, os.urandom(32), 1,
                         600_000, b"\x00\x20" + os.urandom(32))
    return BackedUpChannel(found, address, "anchors")


def _file(channels=None, node=NODE, key=KEY, network="regtest") -> bytes:
    chans = (_channel(4), _channel(9, None)) if channels is None else channels
    return bf.encode(Backup(network, 1_700_000_000, tuple(chans)), node, key)


def test_round_trip() -> None:
    chans = (_channel(4), _channel(9, None))
    back = bf.decode(_file(chans), NODE, KEY, "regtest")
    assert back.channels == chans and back.created_at == 1_700_000_000


def test_another_wallets_file_is_refused_by_name() -> None:
    with pytest.raises(BackupFileError, match="belongs to another wallet"):
        bf.decode(_file(node=OTHER_NODE, key=OTHER_KEY), NODE, KEY, "regtest")


def test_another_wallets_file_wearing_our_node_id_is_refused() -> None:
    data = bytearray(_file(node=OTHER_NODE, key=OTHER_KEY))
    start = len(bf.MAGIC) + 1
    data[start:start + 33] = NODE
    with pytest.raises(BackupFileError, match="damaged or was altered"):
        bf.decode(bytes(data), NODE, KEY, "regtest")


def test_every_altered_byte_is_refused() -> None:
    data = _file()
    for i in range(len(data)):
        changed = bytearray(data)
        changed[i] ^= 0x01
        with pytest.raises(BackupFileError):
            bf.decode(bytes(changed), NODE, KEY, "regtest")


def test_every_truncation_is_refused() -> None:
    data = _file()
    for n in range(len(data)):
        with pytest.raises(BackupFileError) as e:
            bf.decode(data[:n], NODE, KEY, "regtest")
        assert str(e.value).count(".") <= 1  # one sentence


def test_other_network_version_garbage_and_size() -> None:
    with pytest.raises(BackupFileError, match="for mainnet, not regtest"):
        bf.decode(_file(network="mainnet"), NODE, KEY, "regtest")
    data = bytearray(_file())
    data[len(bf.MAGIC)] = 2
    with pytest.raises(BackupFileError, match="version 2"):
        bf.decode(bytes(data), NODE, KEY, "regtest")
    with pytest.raises(BackupFileError, match="not a Kite channel backup"):
        bf.decode(b"PK\x03\x04" + os.urandom(100), NODE, KEY, "regtest")
    with pytest.raises(BackupFileError, match="larger than"):
        bf.decode(bf.MAGIC + os.urandom(bf.MAX_FILE_BYTES), NODE, KEY, "regtest")
    with pytest.raises(BackupFileError, match="at most"):
        _file(channels=[_channel(i) for i in range(bf.MAX_CHANNELS + 1)])


def _sealed(body: object) -> bytes:
    """A file authentic under our key whose contents Kite never writes (a buggy or hostile
    writer that had the key)."""
    nonce = os.urandom(12)
    header = bf.MAGIC + bytes([bf.VERSION]) + NODE + nonce
    plain = json.dumps(body).encode()
    return header + ChaCha20Poly1305(KEY).encrypt(nonce, plain, header)


GOOD = _channel().to_json()


@pytest.mark.parametrize("field,value", [
    ("peer", "04" + "11" * 32), ("peer", "02" + "11" * 31), ("peer", 5),
    ("funding_script", "0014" + "11" * 32), ("funding_txid", "zz" * 32),
    ("funding_output_index", -1), ("funding_output_index", True), ("funding_sat", 0),
    ("key_index", 2**31), ("channel_type", "legacy"), ("address", "x" * 300),
    ("address", 7),
])
def test_authentic_yet_malformed_contents_are_refused(field, value) -> None:
    bad = dict(GOOD, **{field: value})
    with pytest.raises(BackupFileError, match="not valid"):
        bf.decode(_sealed({"network": "regtest", "created_at": 1, "channels": [bad]}),
                  NODE, KEY, "regtest")


def test_a_channel_number_twice_or_no_list_is_refused() -> None:
    for body in ({"network": "regtest", "created_at": 1, "channels": [GOOD, GOOD]},
                 {"network": "regtest", "created_at": 1}, [1, 2], "text"):
        with pytest.raises(BackupFileError):
            bf.decode(_sealed(body), NODE, KEY, "regtest")
