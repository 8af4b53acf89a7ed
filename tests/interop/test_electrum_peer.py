"""Kite's BOLT 8 transport and BOLT 1 `init`/`ping` against Electrum 4.3.4, an independent
implementation, on the devnet: Kite connects to Electrum, and Electrum connects to Kite.

Needs the devnet (scripts/setup_devnet.sh) and Electrum (scripts/setup_electrum.sh).
"""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.interop.electrum_node import (
    WANTED_VERSION,
    ElectrumError,
    ElectrumNode,
    interop_marks,
)
from wallet.devnet.processes import pid_alive
from wallet.ln.features import Features
from wallet.ln.shell.peer import (
    DEFAULT_FEATURES,
    PeerConfig,
    PeerHandler,
    chain_hash,
    connect,
    random_node_key,
)
from wallet.ln.shell.peer_manager import PeerManager
from wallet.ln.wire.messages import ErrorMessage, OpenChannel
from wallet.networks import REGTEST

pytestmark = interop_marks()

CONFIG = PeerConfig(chain_hash=chain_hash(REGTEST), handshake_timeout=10, init_timeout=10)


FUNDS_SAT = 1_000_000


@pytest.fixture(scope="module")
def electrum(shared_devnet):
    """An Electrum daemon on the devnet, synced to its tip, with FUNDS_SAT confirmed."""
    began = time.monotonic()
    with ElectrumNode(shared_devnet.electrum_address) as node:
        node.timings = {"start": time.monotonic() - began}
        pid = node.pid
        node.wait_synced(shared_devnet.height(), timeout=60)
        node.timings["sync"] = time.monotonic() - began
        shared_devnet.fund(node.address(), FUNDS_SAT)
        shared_devnet.mine(1)
        node.wait_balance(FUNDS_SAT, timeout=60)
        node.timings["funded"] = time.monotonic() - began
        yield node
    assert not pid_alive(pid), "the Electrum daemon outlived its test"


def test_electrum_is_synced_to_the_devnet_tip_and_funded(electrum, shared_devnet):
    info = electrum.wait_synced(shared_devnet.height(), timeout=30)
    assert info["network"] == "regtest" and info["version"] == WANTED_VERSION
    assert info["connected"] and info["server_height"] == shared_devnet.height()
    # the same answer through the real command line
    assert electrum.cli("getinfo")["blockchain_height"] == info["blockchain_height"]
    assert electrum.balance()["confirmed"] >= FUNDS_SAT
    print("\nElectrum: " + ", ".join(f"{k} after {v:.2f} s" for k, v in electrum.timings.items()))


async def test_kite_connects_to_electrum(electrum):
    began = time.monotonic()
    host, port = electrum.lightning_address
    local_key = random_node_key()
    peer = await connect(host, port, electrum.node_id, local_key, CONFIG)
    try:
        handshake_and_init = time.monotonic() - began
        theirs = peer.remote_features
        print(f"\nElectrum {WANTED_VERSION} init features: {theirs.names()} "
              f"(bits {sorted(theirs.bits)})")
        print(f"Kite init features: {DEFAULT_FEATURES.names()} (bits {sorted(DEFAULT_FEATURES.bits)})")
        # Electrum marks its trampoline support with bit 151, and uses static_remotekey
        assert theirs.supports("option_trampoline_routing_electrum")
        for name in ("option_static_remotekey", "var_onion_optin", "payment_secret",
                     "option_data_loss_protect", "option_channel_type"):
            assert peer.supports(name), name
        assert peer.remote_init.networks == (CONFIG.chain_hash,)
        rtts = [await peer.ping(10) for _ in range(5)]
        print(f"handshake + init {handshake_and_init * 1000:.0f} ms; ping RTT "
              f"{min(rtts) * 1000:.1f}-{max(rtts) * 1000:.1f} ms")
        # Electrum sees us, initialized ("features" there is Electrum's own vector after
        # negotiation, not ours)
        listed = await asyncio.to_thread(electrum.peer, peer_node_id(local_key))
        assert listed is not None and listed["initialized"]
        print(f"Electrum's negotiated features with Kite: "
              f"{Features.from_int(int(listed['features'])).names()}")
        await asyncio.sleep(0.5)
        assert not peer.is_closed
    finally:
        peer.close()
        await peer.wait_closed()


async def test_electrum_connects_to_kite(electrum):
    local_key = random_node_key()
    manager = PeerManager(local_key, CONFIG)
    port = await manager.listen("127.0.0.1")
    try:
        began = time.monotonic()
        assert await asyncio.to_thread(electrum.add_peer, manager.node_id, "127.0.0.1", port)
        peer = await manager.wait_for_peer(electrum.node_id, 10)
        print(f"\nElectrum add_peer -> Kite: handshake + init in "
              f"{(time.monotonic() - began) * 1000:.0f} ms")
        assert not peer.outbound
        assert peer.node_id == electrum.node_id  # learned in act three
        assert peer.remote_features.supports("option_trampoline_routing_electrum")
        assert await peer.ping(10) >= 0
        listed = await asyncio.to_thread(electrum.peer, manager.node_id)
        assert listed is not None and listed["initialized"]
    finally:
        await manager.close()


def peer_node_id(key) -> bytes:
    return key.public_key.format(compressed=True)


async def test_electrum_open_channel_reaches_kite_and_an_error_refuses_it(electrum, shared_devnet):
    """Electrum's real `open_channel` decodes with our codec, lands in the connection-level
    handler, and our `error` for its temporary channel id makes Electrum give up."""
    got: asyncio.Queue = asyncio.Queue()

    class Refuse(PeerHandler):
        async def peer_message(self, peer, message):
            await got.put(message)
            if isinstance(message, OpenChannel):
                await peer.send(ErrorMessage(channel_id=message.temporary_channel_id,
                                             data=b"kite: not accepting channels in this test"))

    manager = PeerManager(random_node_key(), CONFIG, Refuse())
    port = await manager.listen("127.0.0.1")
    try:
        electrum.wait_synced(shared_devnet.height(), timeout=60)
        opening = asyncio.ensure_future(asyncio.to_thread(
            electrum.open_channel, manager.node_id, "127.0.0.1", port, 300_000))
        message = await asyncio.wait_for(got.get(), 30)
        assert isinstance(message, OpenChannel)
        assert message.chain_hash == CONFIG.chain_hash
        assert message.funding_satoshis == 300_000 and message.push_msat == 0
        assert message.channel_type is not None
        channel_type = Features.from_bytes(message.channel_type)
        print(f"its channel_type: {channel_type.names()}, feerate {message.feerate_per_kw} "
              f"sat/kw, to_self_delay {message.to_self_delay}")
        assert channel_type.supports("option_static_remotekey")
        with pytest.raises(ElectrumError):
            await asyncio.wait_for(opening, 30)
        assert not electrum.list_channels()
    finally:
        await manager.close()
