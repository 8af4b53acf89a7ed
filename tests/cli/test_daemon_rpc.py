import asyncio
import contextlib
import json
import stat

import pytest

from wallet.daemon.rpc import (
    MAX_LINE,
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


# -- a hostile or buggy client: every request gets a JSON-RPC error reply -------------------


async def _serve(tmp_path, handlers):
    server = RpcServer(socket_path(tmp_path), handlers)
    await server.start()
    return server


async def _exchange(path, *lines: bytes) -> list[dict]:
    """Send raw lines on one connection; the replies, in order (until the daemon closes)."""
    reader, writer = await asyncio.open_unix_connection(str(path), limit=1 << 22)
    replies = []
    try:
        for line in lines:
            with contextlib.suppress(ConnectionError):  # the daemon may close mid-line
                writer.write(line)
                await writer.drain()
            try:
                answer = await asyncio.wait_for(reader.readline(), 10)
            except ConnectionError:
                break
            if not answer:
                break
            replies.append(json.loads(answer))
    finally:
        writer.close()
    return replies


async def test_malformed_requests_each_get_an_error_reply(tmp_path):
    async def echo(text: str = "") -> str:
        return text

    server = await _serve(tmp_path, {"echo": echo})
    try:
        lines = [
            b'{"id": 1, "method": ["echo"]}\n',  # unhashable method
            b'{"id": 2, "method": {"a": 1}}\n',
            b'{"id": 3, "method": 7}\n',
            b"[" * 200_000 + b"]" * 200_000 + b"\n",  # nested too deeply for the parser
            b'{"id": 4, "method": "echo", "params": [1]}\n',
            b'["not", "an", "object"]\n',
            b"not json at all\n",
            b'{"id": {"x": 1}, "method": "nope"}\n',  # an id that is not a JSON-RPC id
            b'{"id": 5, "method": "echo", "params": {"text": "still alive"}}\n',
        ]
        replies = await _exchange(server.path, *lines)
        assert len(replies) == len(lines)
        assert [r.get("id") for r in replies] == [1, 2, 3, None, 4, None, None, None, 5]
        assert all("error" in r for r in replies[:-1])
        assert [r["error"]["code"] for r in replies[:-1]] == [
            -32600, -32600, -32600, -32700, -32600, -32600, -32700, -32601]
        assert replies[-1] == {"id": 5, "result": "still alive"}
    finally:
        await server.close()


@pytest.mark.parametrize("result", [object(), b"bytes", float("nan"), {1: {2: [set()]}}])
async def test_an_unserialisable_result_gets_an_error_reply(tmp_path, result):
    async def bad() -> object:
        return result

    async def echo(text: str = "") -> str:
        return text

    server = await _serve(tmp_path, {"bad": bad, "echo": echo})
    try:
        replies = await _exchange(server.path, b'{"id": 9, "method": "bad"}\n',
                                  b'{"id": 10, "method": "echo", "params": {"text": "ok"}}\n')
        assert replies[0] == {"id": 9, "error": {
            "code": -32603, "message": "the result could not be encoded (see the log)"}}
        assert replies[1] == {"id": 10, "result": "ok"}
    finally:
        await server.close()


async def test_a_deeply_nested_result_gets_an_error_reply(tmp_path):
    async def deep() -> list:
        value: list = []
        for _ in range(100_000):
            value = [value]
        return value

    server = await _serve(tmp_path, {"deep": deep})
    try:
        replies = await _exchange(server.path, b'{"id": 1, "method": "deep"}\n')
        assert replies[0]["error"]["code"] == -32603
    finally:
        await server.close()


async def test_an_oversized_request_gets_an_error_then_the_end(tmp_path):
    async def echo(text: str = "") -> str:
        return text

    server = await _serve(tmp_path, {"echo": echo})
    try:
        big = b'{"id": 1, "method": "echo", "params": {"text": "' + b"x" * MAX_LINE + b'"}}\n'
        replies = await _exchange(server.path, big, b'{"id": 2, "method": "echo"}\n')
        assert len(replies) == 1
        assert replies[0]["error"] == {"code": -32600,
                                       "message": f"request larger than {MAX_LINE:,} bytes"}
        # a new connection is served as usual
        assert await _exchange(server.path, b'{"id": 3, "method": "echo", "params": {"text": "a"}}\n'
                               ) == [{"id": 3, "result": "a"}]
    finally:
        await server.close()


async def test_a_hostile_method_name_is_escaped_and_cut_in_the_reply(tmp_path):
    server = await _serve(tmp_path, {})
    try:
        name = "\x1b[31m\n" + "m" * 10_000
        replies = await _exchange(server.path, json.dumps({"id": 1, "method": name}).encode() + b"\n")
        message = replies[0]["error"]["message"]
        assert message.startswith("unknown method \\x1b[31m\\n")
        assert len(message) < 100 and "\n" not in message
    finally:
        await server.close()


# -- the error's type crosses the socket: an attached window tells failures apart ----------


async def test_error_type_crosses_the_socket(tmp_path):
    from wallet.onchain.coin_selection import InsufficientFunds

    async def poor() -> None:
        raise InsufficientFunds("not enough coins: 1,000 sat short")

    path = socket_path(tmp_path)
    server = RpcServer(path, {"poor": poor})
    await server.start()
    try:
        def client_side():
            with pytest.raises(InsufficientFunds, match="1,000 sat short") as e:
                call(path, "poor")
            assert isinstance(e.value, DaemonInputError)  # callers catching that still do
            assert e.value.exit_code == 2

        await asyncio.to_thread(client_side)
    finally:
        await server.close()


@pytest.mark.parametrize("data, code, expected", [
    ({"type": "InsufficientFunds"}, 2, "InsufficientFunds"),
    ({"type": "InsufficientFunds"}, 1, None),  # exit code disagrees with the class
    ({"type": "RuntimeError"}, 1, None),  # not one of our errors
    ({"type": "DaemonNotRunning"}, 1, "DaemonNotRunning"),
    ({"type": "PaymentRequestError"}, 2, None),  # its constructor takes more than a sentence
    ({"type": "KiteError"}, 1, None),
    ({"type": ["InsufficientFunds"]}, 2, None),
    ({"type": "X" * 10_000}, 1, None),
    ("InsufficientFunds", 2, None),  # data not an object
    (None, 2, None),
])
def test_a_lying_daemon_can_only_name_our_own_errors(data, code, expected):
    from wallet.daemon.rpc import _result

    error = {"code": code, "message": "no"}
    if data is not None:
        error["data"] = data
    line = json.dumps({"id": 1, "error": error}).encode()
    with pytest.raises(KiteError) as e:
        _result(line)
    base = DaemonInputError if code == 2 else DaemonError
    assert isinstance(e.value, base)
    assert str(e.value) == "no"
    if expected is None:
        assert type(e.value) is base
    else:
        assert type(e.value).__name__ == expected
