"""`Devnet(buried_deployments=True)`: CSV and segwit active from genesis, as in Bitcoin
Core's regtest, so a block made there with a witness commitment at height 1 (lnprototest's
block 1, which tests/conformance replays) is accepted; the default devnet refuses it."""

from __future__ import annotations

import pytest

from tests.conformance.chain_data import BLOCK_1
from wallet.devnet.stack import Devnet

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("buried, accepted", [(True, True), (False, False)])
def test_lnprototest_block_1(tmp_path, buried: bool, accepted: bool) -> None:
    with Devnet(tmp_path, initial_blocks=0, buried_deployments=buried) as devnet:
        answer = devnet.rpc("submitblock", BLOCK_1)
        if accepted:
            assert answer is None and devnet.height() == 1
        else:
            assert answer == "rejected: unexpected-witness" and devnet.height() == 0
