"""Fixtures of the interop tests: `pair`, a funded Kite wallet and a funded Electrum daemon on
the shared devnet, for the Electrum build `electrum_build` names (4.3.4 unless a module or a
test parametrises it: `pytest.mark.parametrize("electrum_build", [ELECTRUM_4_8],
indirect=True)`)."""

from __future__ import annotations

import asyncio
import contextlib
import shutil

import pytest

from tests.interop.electrum_node import ELECTRUM_4_3, ElectrumBuild, ElectrumNode
from tests.interop.electrum_pair import ELECTRUM_FUNDS, KITE_FUNDS, Pair
from tests.support.wallet_under_test import WalletUnderTest
from wallet.devnet.processes import free_port
from wallet.keys.bip39 import generate_mnemonic


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


@pytest.fixture
def electrum_build(request) -> ElectrumBuild:
    """The Electrum the `pair` fixture runs (the parameter when parametrised)."""
    return getattr(request, "param", ELECTRUM_4_3)


@pytest.fixture
async def pair(shared_devnet, tmp_path, monkeypatch, electrum_build):
    devnet = shared_devnet
    port = free_port()  # fixed, so that Electrum finds Kite again after a Kite restart
    # the server answers fee estimates when the build needs them (ElectrumBuild)
    await asyncio.to_thread(devnet.set_fee_estimate, electrum_build.server_fee_estimate)
    electrum = await asyncio.to_thread(
        ElectrumNode(devnet.electrum_address, build=electrum_build).start,
        sync_height=devnet.height())
    kite = p = None
    try:
        kite = WalletUnderTest(devnet, tmp_path / "kite", generate_mnemonic(),
                               ln_listen=f"127.0.0.1:{port}")
        await kite.__aenter__()
        p = Pair(devnet, kite, electrum, port, tmp_path / "kite")
        await p.kite_started()
        kite_address = (await kite.svc.address())["address"]
        await asyncio.to_thread(devnet.fund, kite_address, KITE_FUNDS)
        await asyncio.to_thread(devnet.fund, await p.e("address"), ELECTRUM_FUNDS)
        await p.mine()
        await kite.balance_is(KITE_FUNDS)
        await p.electrum_confirmed(ELECTRUM_FUNDS)
        yield p
    finally:
        if kite is not None:  # (the Pair's wallet, which a Kite restart replaces)
            await (p.kite if p is not None else kite).__aexit__(None, None, None)
        with contextlib.suppress(OSError):  # kept with the test's files, for post-mortems
            shutil.copy(electrum.directory / "electrum.log", tmp_path / "electrum.log")
        await asyncio.to_thread(electrum.stop)
        await asyncio.to_thread(devnet.set_fee_estimate, None)
