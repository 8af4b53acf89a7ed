"""A window attached to the daemon falls back from a bare user@domain to a Lightning
address exactly as in-process: `NameNotPublished` and `NameUnanswered` cross the socket as
`NoInstructions` (the daemon names the error's type); a DNSSEC failure stays a plain
Bip353Error, never one to fall back on."""

from __future__ import annotations

import asyncio

import pytest

from wallet.bip353.errors import Bip353Error, NameNotPublished, NameUnanswered, NoInstructions
from wallet.daemon.rpc import DaemonInputError, RpcServer, call, socket_path


@pytest.mark.parametrize(("raised", "falls_back"), [
    (NameUnanswered("DNS did not answer about ₿dave@wallet.example in time."), True),
    (NameNotPublished("DNS says ₿carol@wallet.example does not exist (NXDOMAIN)."), True),
    (Bip353Error("The DNSSEC signature on TXT for alice.user._bitcoin-payment.shop.example. "
                 "is not valid (forged, expired or not yet valid)."), False),
])
async def test_the_fallback_decision_crosses_the_socket(tmp_path, raised, falls_back):
    async def resolve(name: str) -> dict:
        raise raised

    path = socket_path(tmp_path)
    server = RpcServer(path, {"resolve": resolve})
    await server.start()
    try:
        def client_side():
            with pytest.raises(DaemonInputError) as e:
                call(path, "resolve", name="dave@wallet.example")
            assert isinstance(e.value, NoInstructions) == falls_back
            assert isinstance(e.value, type(raised)) or not falls_back
            assert str(e.value) == str(raised)

        await asyncio.to_thread(client_side)
    finally:
        await server.close()
