"""The backup file end to end over loopback: a channel opened with "recoverable channels"
off (no record on chain: only the file knows it) is exported, the wallet is lost, the
restored one imports the file and gets its funds back like the record does; another
wallet's file, or an altered one, is refused and changes nothing."""

from __future__ import annotations

import base64
import os

import pytest
from bitcoin.core import CTransaction

from tests.daemon.test_restore_recovery import WalletHistory, _channel_with_payment, _lose_wallet
from tests.support.nodes import make_node, stop_all
from tests.support.recovery_chain import OwnBroadcasts, SpendingChain, until
from wallet.daemon.backup_service import BackupService
from wallet.daemon.restore_recovery import AutoRecovery
from wallet.errors import InputError
from wallet.ln.recovery.backup_file import BackupFileError
from wallet.ln.store.recovery_store import SWEPT


def _service(node, chain) -> tuple[BackupService, AutoRecovery]:
    auto = AutoRecovery(node.recovery, WalletHistory(chain), lambda n: None)
    return BackupService(node.lightning, "regtest", node.recovery, auto), auto


async def test_export_lose_import_recovers_a_channel_the_chain_does_not_name(
        tmp_path) -> None:
    chain = SpendingChain()
    seed, a, b, ch = await _channel_with_payment(tmp_path, chain, recoverable=False)
    a2 = stranger = None
    try:
        assert not any(bytes(o.scriptPubKey)[:1] == b"\x6a" for _, raw in chain.broadcasts
                       for o in CTransaction.deserialize(raw).vout)
        exported = await _service(a, chain)[0].backup_export()
        assert exported["channels"] == 1
        await _lose_wallet(tmp_path, a)
        a = None

        view = OwnBroadcasts(chain)
        a2 = make_node(tmp_path, "a2", view, seed)
        await a2.start()
        backups, auto = _service(a2, chain)
        await auto.step()
        assert a2.recovery.list() == []  # the seed alone finds nothing: no record

        stranger = make_node(tmp_path, "s", chain, os.urandom(32))
        theirs = await _service(stranger, chain)[0].backup_export()
        with pytest.raises(BackupFileError, match="another wallet"):
            await backups.backup_import(theirs["file"])
        altered = bytearray(base64.b64decode(exported["file"]))
        altered[-1] ^= 1
        with pytest.raises(BackupFileError, match="damaged or was altered"):
            await backups.backup_import(base64.b64encode(bytes(altered)).decode())
        for bad in ("not base64!", 7, "A" * (2 * 1024 * 1024)):
            with pytest.raises(InputError):
                await backups.backup_import(bad)
        assert a2.recovery.list() == [] and chain.broadcasts[-1][0] != "commitment"

        answer = await backups.backup_import(exported["file"])
        assert answer["added"] == [ch.key_index]
        await until(lambda: any(w == "commitment" for w, _ in chain.broadcasts),
                     "B's commitment, asked at the file's address")
        chain.mine(1)
        await until(lambda: view.sent, "our sweep")
        assert [w for w, _ in view.sent] == ["to_remote sweep"]
        chain.mine(1)
        await auto.step()
        await until(lambda: a2.recovery.list()[0].status == SWEPT, "the sweep confirmed")
        again = await backups.backup_import(exported["file"])
        assert again["added"] == []  # known already: nothing twice
    finally:
        await stop_all(a, b, a2, stranger)
