"""The punishment-window warning: the default delay we ask of peers, the pure decision
(`punishment_window.offline_warning`) and the stored last-seen height (`LastSeenHeight`)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from wallet.daemon.last_seen import KEY, LastSeenHeight
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.channel.params import PUNISHMENT_WINDOW_BLOCKS, ChannelPolicy
from wallet.ln.channel.punishment_window import ChannelAtStake, offline_warning
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet, open_wallet

WINDOW = 1008


def test_we_ask_peers_for_a_week():
    assert PUNISHMENT_WINDOW_BLOCKS == ChannelPolicy().to_self_delay == 1008
    assert ChannelPolicy().to_self_delay < ChannelPolicy().max_to_self_delay  # others' cap


def funded(key_index=1, window=WINDOW, local_sat=100_000):
    return ChannelAtStake(key_index, window, local_sat)


def test_no_warning_without_cause():
    assert offline_warning(None, 900_000, [funded()]) is None  # never stored (first run)
    assert offline_warning(800_000, 800_000, [funded()]) is None  # nothing mined
    assert offline_warning(800_000, 799_000, [funded()]) is None  # a stale tip
    assert offline_warning(800_000, 800_503, [funded()]) is None  # just under half
    assert offline_warning(800_000, 801_000, []) is None  # no channel
    assert offline_warning(800_000, 801_000, [funded(local_sat=0)]) is None  # nothing of ours


def test_half_the_window_warns():
    w = offline_warning(800_000, 800_504, [funded(3), funded(4, local_sat=0)])
    assert w is not None and not w.expired
    assert (w.blocks_away, w.window_blocks, w.channels) == (504, WINDOW, (3,))
    assert w.message == (
        "Kite was closed for 504 blocks (about 4 days), more than half of the 1008 blocks "
        "(about 7 days) in which a channel peer that publishes an old channel state can be "
        "punished. Keep Kite open until it has checked your channels, and open it at least "
        "every 4 days.")
    assert w.to_dict()["channels"] == [3]


def test_the_smallest_window_counts_and_a_whole_window_is_expired():
    short = funded(2, window=144)
    w = offline_warning(800_000, 800_100, [funded(1), short])
    assert w.window_blocks == 144 and w.channels == (1, 2) and not w.expired
    gone = offline_warning(800_000, 801_008, [funded(1)])
    assert gone.expired and "may have kept money it owed you" in gone.message
    assert "every 4 days" in gone.message


def test_the_fraction_is_a_parameter():
    assert offline_warning(0, 101, [funded()], Fraction(1, 10)) is not None
    assert offline_warning(0, 101, [funded()], Fraction(1, 5)) is None


@pytest.fixture
def wallet_path(tmp_path, monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    path = tmp_path / "w"
    create_wallet(path, REGTEST, generate_mnemonic(), "", "pw")
    return path


def test_last_seen_height_is_stored_raised_and_read_at_the_next_start(wallet_path):
    wallet = open_wallet(wallet_path, "pw")
    try:
        seen = LastSeenHeight(wallet.db)
        assert seen.gap() == (None, None)
        seen.record(500)
        seen.synced(510)  # caught up this run at 510
        seen.record(400)  # a reorg or a stale server: never lowered
        seen.synced(520)  # only the first catch-up counts
        for bad in (-1, True, "600", None, 1.5):
            seen.record(bad)
        assert seen.gap() == (None, 510)
    finally:
        wallet.close()
    wallet = open_wallet(wallet_path, "pw")
    try:
        again = LastSeenHeight(wallet.db)
        assert again.gap() == (520, None)  # the last height of the previous run
    finally:
        wallet.close()


def test_an_unreadable_stored_height_counts_as_none(wallet_path):
    wallet = open_wallet(wallet_path, "pw")
    try:
        with wallet.db.transaction():
            wallet.db.execute("INSERT INTO wallet_meta (key, value) VALUES (?, ?)",
                              (KEY, "not a number"))
        seen = LastSeenHeight(wallet.db)
        assert seen.at_start is None
        seen.record(7)
        assert LastSeenHeight(wallet.db).at_start == 7
    finally:
        wallet.close()
