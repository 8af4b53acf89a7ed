"""LSPS0 codec (bLIP-50): every malformed payload is a BadMessage, caps hold, the router
answers every request exactly once with the right JSON-RPC error."""

from __future__ import annotations

import json

import pytest

from wallet.lsp import jsonrpc as rpc


def obj(payload: bytes) -> dict:
    return json.loads(payload)


def test_request_round_trip() -> None:
    rid = rpc.new_request_id()
    assert len(rid) == 32 and rid != rpc.new_request_id()
    data = rpc.encode_request(rid, "lsps0.list_protocols", {})
    assert rpc.decode_request(data) == rpc.Request(rid, "lsps0.list_protocols", {})


@pytest.mark.parametrize("payload", [
    b"{", b" [ ] ", b"{} {}", b"{} {", b"\"x\"", b"", b"{\"a\":1}\x00", b"\xff\xfe{}",
    b"{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"m\",\"params\":NaN}",
    b"{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"id\":\"2\",\"method\":\"m\"}",
    b"{\"jsonrpc\":\"1.0\",\"id\":\"1\",\"method\":\"m\"}",
    b"{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"m\",\"params\":[1]}",
    b"{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"m\"}",
    b"{\"jsonrpc\":\"2.0\",\"id\":[],\"method\":\"m\"}",
    b"{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":7}",
    b"{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"m\",\"extra\":1}",
])
def test_bad_requests_are_bad_messages(payload: bytes) -> None:
    with pytest.raises(rpc.BadMessage):
        rpc.decode_request(payload)


def test_caps_are_checked_before_parsing() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(rpc.BadMessage, match="exceeds"):
        rpc.parse_object(deep)
    nested = b"{\"a\":" + b"[" * 40 + b"]" * 40 + b"}"
    with pytest.raises(rpc.BadMessage, match="nested"):
        rpc.parse_object(nested)
    # brackets inside strings do not count
    assert rpc.parse_object(b"{\"a\":\"" + b"[" * 100 + b"\\\"\"}")["a"].startswith("[")
    long_id = json.dumps({"jsonrpc": "2.0", "id": "x" * 200, "method": "m"}).encode()
    with pytest.raises(rpc.BadMessage, match="id longer"):
        rpc.decode_request(long_id)
    huge_int = b"{\"a\":" + b"9" * 5000 + b"}"
    with pytest.raises(rpc.BadMessage):
        rpc.parse_object(huge_int)


def test_whitespace_around_the_object_is_allowed() -> None:
    assert rpc.parse_object(b" \t\r\n{ } \n") == {}


def test_responses() -> None:
    r = rpc.decode_response(rpc.encode_result("ab", {"protocols": [2]}))
    assert r == rpc.Response("ab", {"protocols": [2]})
    e = rpc.decode_response(rpc.encode_error("ab", rpc.RpcError(201, "bad")))
    assert isinstance(e, rpc.Response) and e.error.code == 201 and e.result is None
    n = rpc.decode_response(b'{"jsonrpc":"2.0","method":"lsps2.x","params":{}}')
    assert n == rpc.Notification("lsps2.x", {})


@pytest.mark.parametrize("payload", [
    b'{"jsonrpc":"2.0","id":"a"}',
    b'{"jsonrpc":"2.0","id":"a","result":{},"error":{"code":1,"message":"x"}}',
    b'{"jsonrpc":"2.0","id":"a","result":[1]}',
    b'{"jsonrpc":"2.0","id":null,"result":{}}',
    b'{"jsonrpc":"2.0","id":"a","error":{"code":"1","message":"x"}}',
    b'{"jsonrpc":"2.0","id":"a","error":{"code":1.5,"message":"x"}}',
    b'{"jsonrpc":"2.0","id":"a","error":{"code":1,"message":5}}',
    b'{"jsonrpc":"2.0","id":"a","error":{"code":1,"message":"x","data":[1]}}',
    b'{"jsonrpc":"2.0","id":"a","error":{"code":99999999999,"message":"x"}}',
    b'{"jsonrpc":"2.0","method":"n","params":3}',
])
def test_lying_lsp_responses(payload: bytes) -> None:
    with pytest.raises(rpc.BadMessage):
        rpc.decode_response(payload)


def test_error_text_is_cut() -> None:
    data = rpc.encode_error("a", rpc.RpcError(1, "x" * 10_000))
    assert len(rpc.decode_response(data).error.rpc_message) == rpc.MAX_ERROR_TEXT


def test_encoding_refuses_oversized_messages() -> None:
    with pytest.raises(rpc.KiteError, match="exceeds"):
        rpc.encode_result("a", {"x": "y" * 70_000})


def router() -> rpc.Router:
    r = rpc.Router()

    def echo(params: dict, ctx: object) -> dict:
        if params.get("fail"):
            raise rpc.RpcError(201, "nope")
        return {"ctx": ctx, "params": params}
    r.add("t.echo", {"a", "fail"}, echo)
    return r


def test_router_answers() -> None:
    r = router()
    ok = obj(r.handle(rpc.encode_request("1", "t.echo", {"a": 1}), "me"))
    assert ok == {"jsonrpc": "2.0", "id": "1", "result": {"ctx": "me", "params": {"a": 1}}}
    err = obj(r.handle(rpc.encode_request(7, "t.echo", {"fail": True}), None))
    assert err["id"] == 7 and err["error"]["code"] == 201
    nf = obj(r.handle(rpc.encode_request("2", "t.nope", {}), None))
    assert nf["error"]["code"] == rpc.METHOD_NOT_FOUND and nf["id"] == "2"
    bad = obj(r.handle(rpc.encode_request("3", "t.echo", {"b": 1, "a": 2}), None))
    assert bad["error"] == {"code": -32602, "message": "Invalid params",
                            "data": {"unrecognized": ["b"]}}
    parse = obj(r.handle(b"{", None))
    assert parse["error"]["code"] == rpc.PARSE_ERROR and parse["id"] is None
    assert r.handle(b'{"jsonrpc":"2.0","method":"t.echo","params":{}}', None) is None
