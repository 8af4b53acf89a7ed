"""Anchor channels through the GUI facade on the devnet: opening one to Tram (a Kite, so an
anchors channel) keeps the on-chain reserve and says so, an open that would eat the reserve
is refused in one sentence with nothing changed, so is an on-chain send (sending everything
leaves the reserve), and after the app was closed for half of
the punishment window the facade returns the warning the GUI shows."""

from __future__ import annotations

import time

import pytest

from wallet.api import Event, WalletApi
from wallet.daemon.channel_service import ReserveShort
from wallet.ln.channel.anchor_reserve import ANCHOR_RESERVE_SAT
from wallet.ln.channel.params import PUNISHMENT_WINDOW_BLOCKS
from wallet.networks import REGTEST

pytestmark = pytest.mark.slow

FUNDS = 250_000
CHANNEL = 150_000


def wait_for(predicate, what, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
    return value


def started(tmp_path, world, events: list[Event]) -> WalletApi:
    api = WalletApi(tmp_path / "w", REGTEST, server=world.electrum_server)
    api.subscribe(events.append)
    if not api.wallet_exists():
        api.create(WalletApi.generate_mnemonic(), "", "pw").result(30)
    api.open("pw").result(30)
    height = world.chain.height()
    wait_for(lambda: any(e.kind == "sync" and e.data["connected"]
                         and e.data["height"] >= height for e in events), "sync")
    return api


def test_anchor_channel_reserve_and_offline_warning(shared_world, tmp_path, monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    world = shared_world
    events: list[Event] = []
    api = started(tmp_path, world, events)
    try:
        world.fund(api.receive_address().result(10), FUNDS)
        wait_for(lambda: api.balance().result(5)["confirmed"] == FUNDS, "funds")
        assert api.anchor_reserve().result(10)["reserve_sat"] == 0  # no anchor channel yet
        assert api.offline_warning().result(10) is None  # first run: nothing stored before

        # everything but a little into the channel: refused, nothing sent, nothing spent
        with pytest.raises(ReserveShort) as refused:
            api.open_channel(world.tram_address, FUNDS - 10_000).result(60)
        text = str(refused.value)
        assert text.startswith(f"Opening a channel of {FUNDS - 10_000} sat would leave ")
        assert f"anchor channels need {ANCHOR_RESERVE_SAT} sat kept there" in text
        assert api.channels().result(10) == []
        assert api.balance().result(5)["confirmed"] == FUNDS

        quoted = api.channel_fee_quote(CHANNEL).result(60)  # what the open screen shows
        opened = api.open_channel(world.tram_address, CHANNEL).result(60)
        assert opened["channel_type"] == "anchors"
        assert opened["punishment_window_blocks"] == PUNISHMENT_WINDOW_BLOCKS
        reserve = opened["reserve"]
        assert reserve["reserve_sat"] == ANCHOR_RESERVE_SAT and reserve["ok"]
        funding_txid = opened["funding_outpoint"].split(":")[0]
        row = wait_for(lambda: next((h for h in api.history().result(5)
                                     if h["txid"] == funding_txid), None), "the funding")
        assert reserve["onchain_sat"] == FUNDS - CHANNEL - row["fee_sat"]
        assert quoted["fee_sat"] == row["fee_sat"]  # the fee shown is the fee paid (record incl.)
        assert reserve["notice"] == (f"{ANCHOR_RESERVE_SAT} sat stay on-chain as a reserve to "
                                     "pay the fees of a force close of your anchor channels.")
        world.mine(3)
        wait_for(lambda: api.channels().result(5)[0]["phase"] == "active", "channel active")
        now = api.anchor_reserve().result(10)
        assert now["ok"] and now["onchain_sat"] == FUNDS - CHANNEL - row["fee_sat"]

        # on-chain sends keep the reserve too: an amount that would eat it is refused with
        # nothing sent; "everything" is everything but the reserve, and the quote says so
        left = now["onchain_sat"]
        away = world.shop.call("address")["address"]
        with pytest.raises(ReserveShort) as refused:
            api.send_onchain(away, left - 1_000).result(60)
        assert str(refused.value).startswith(f"Sending {left - 1_000} sat would leave ")
        assert api.balance().result(5)["confirmed"] == left
        quote = api.fee_quote(away, None).result(60)
        assert 0 <= left - quote["amount_sat"] - quote["fee_sat"] - ANCHOR_RESERVE_SAT < 1_000
        txid = api.send_onchain(away, None, quote["feerate"]).result(60)
        sent = wait_for(lambda: next((h for h in api.history().result(5)
                                      if h.get("txid") == txid), None), "the send")
        assert -sent["delta_sat"] == quote["amount_sat"] + quote["fee_sat"]
        world.mine(1)
        wait_for(lambda: api.anchor_reserve().result(10)["onchain_sat"]
                 == left - quote["amount_sat"] - quote["fee_sat"], "the change confirmed")
        assert api.anchor_reserve().result(10)["ok"]
    finally:
        api.shutdown()

    # the app is closed while half the window is mined; the next start warns
    world.mine(PUNISHMENT_WINDOW_BLOCKS // 2)
    events.clear()
    api = started(tmp_path, world, events)
    try:
        warning = wait_for(lambda: api.offline_warning().result(10), "the warning")
        [channel] = api.channels().result(10)
        assert warning["blocks_away"] >= PUNISHMENT_WINDOW_BLOCKS // 2
        assert warning["window_blocks"] == PUNISHMENT_WINDOW_BLOCKS
        assert warning["channels"] == [channel["key_index"]] and not warning["expired"]
        assert warning["message"].startswith(f"Kite was closed for {warning['blocks_away']} "
                                             "blocks (about ")
    finally:
        api.shutdown()
