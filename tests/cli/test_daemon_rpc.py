import asyncio
import stat

import pytest

from wallet.daemon.rpc import (
    DaemonError,
    DaemonInputError,
    DaemonNotRunning,
    RpcServer,
    call,
    socket_path,
)
from wallet.errors import InputError, KiteError


async def test_round_trip_errors_and_permissions(tmp_path):
    async def echo(text: str) -> str:
        return text.upper()

    async def bad() -> None:
        raise InputError("unknown word 'foo'")

    async def broken() -> None:
        raise KiteError("server unavailable")

    async def crash() -> None:
        raise RuntimeError("secret-ish internals")

    path = socket_path(tmp_path)
    server = RpcServer(path, {"echo": echo, "bad": bad, "broken": broken, "crash": crash})
    await server.start()
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

        def client_side():
            assert call(path, "echo", text="hi") == "HI"
            with pytest.raises(DaemonInputError, match="unknown word"):
                call(path, "bad")
            with pytest.raises(DaemonError, match="server unavailable"):
                call(path, "broken")
            with pytest.raises(DaemonError, match="see the log") as e:
                call(path, "crash")
            assert "internals" not in str(e.value)
            with pytest.raises(DaemonError, match="unknown method"):
                call(path, "nope")
            with pytest.raises(DaemonInputError, match="bad parameters"):
                call(path, "echo", wrong=1)

        await asyncio.to_thread(client_side)
        second = RpcServer(path, {})
        with pytest.raises(KiteError, match="already running"):
            await second.start()
    finally:
        await server.close()
    assert not path.exists()
    with pytest.raises(DaemonNotRunning):
        call(path, "echo", text="x")


async def test_stale_socket_is_replaced(tmp_path):
    import socket as socketmod

    path = socket_path(tmp_path)
    s = socketmod.socket(socketmod.AF_UNIX)
    s.bind(str(path))  # bound but never listening: what a killed daemon leaves
    s.close()
    server = RpcServer(path, {})
    await server.start()
    await server.close()
