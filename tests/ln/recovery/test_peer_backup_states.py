"""The full channel states in our peer-storage blob: only the keeping peer's channels carry
one, exactly the stored bytes come back, a state too large for MAX_BLOB falls back to the
find-and-close entry, and a state field that does not unpack is dropped, not trusted."""

from __future__ import annotations

import base64
import json
import os
import zlib
from dataclasses import replace

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from tests.ln.recovery.test_backup_file import _channel
from wallet.keys.lightning import LightningKeys
from wallet.ln.recovery import peer_backup
from wallet.ln.recovery.peer_backup import HEADER, MAX_BLOB, PeerBackup
from wallet.networks import REGTEST

KEY = LightningKeys.from_seed(b"\x07" * 32, REGTEST).peer_storage_key


def _two_peers():
    mine, other = _channel(0), _channel(1)
    other = replace(other, channel=replace(other.channel,
                                           peer_node_id=bytes.fromhex("03" + "22" * 32)))
    return mine, other


def test_the_keeping_peers_states_come_back_byte_for_byte_and_no_other() -> None:
    mine, other = _two_peers()
    states = {0: b"KCS1" + os.urandom(2000), 1: b"KCS1" + os.urandom(2000)}
    blob = peer_backup.encode(PeerBackup("regtest", 4, (mine, other), states), KEY,
                              for_peer=mine.channel.peer_node_id)
    back = peer_backup.decode(blob, KEY, "regtest")
    assert back.channels == (mine, other)
    assert dict(back.states) == {0: states[0]}  # the other peer's is not in this blob
    assert len(blob) <= MAX_BLOB


def test_a_state_too_large_falls_back_to_the_find_and_close_entry() -> None:
    mine, other = _two_peers()
    huge = os.urandom(MAX_BLOB)  # incompressible: cannot fit
    blob = peer_backup.encode(PeerBackup("regtest", 1, (mine, other), {0: huge}), KEY,
                              for_peer=mine.channel.peer_node_id)
    back = peer_backup.decode(blob, KEY, "regtest")
    assert back.channels == (mine, other) and dict(back.states) == {}
    assert len(blob) <= MAX_BLOB


def _sealed(entries: list) -> bytes:
    nonce = os.urandom(12)
    body = json.dumps({"network": "regtest", "seq": 2, "channels": entries}).encode()
    return HEADER + nonce + ChaCha20Poly1305(KEY).encrypt(nonce, body, HEADER)


def test_a_state_field_that_does_not_unpack_is_dropped_and_the_channel_kept() -> None:
    mine, _ = _two_peers()
    bomb = base64.b64encode(zlib.compress(b"\0" * (peer_backup.MAX_STATE + 1))).decode()
    truncated = base64.b64encode(zlib.compress(b"KCS1{}")[:-3]).decode()
    for bad in ("not base64!", 12, None, bomb, truncated, "", ["x"]):
        back = peer_backup.decode(_sealed([{**mine.to_json(), "state": bad}]), KEY, "regtest")
        assert back is not None and back.channels == (mine,), bad
        assert dict(back.states) == {}, bad
    good = base64.b64encode(zlib.compress(b"KCS1{}")).decode()
    back = peer_backup.decode(_sealed([{**mine.to_json(), "state": good}]), KEY, "regtest")
    assert dict(back.states) == {0: b"KCS1{}"}


def test_a_blob_of_the_old_format_still_decodes_without_states() -> None:
    mine, _ = _two_peers()
    back = peer_backup.decode(_sealed([mine.to_json()]), KEY, "regtest")
    assert back == replace(back, states={}) and back.channels == (mine,)
