"""LSPS0 (bLIP-50): JSON-RPC 2.0 carried in BOLT 8 custom message 37913. Pure codec.

One message is one UTF-8 JSON object: a request (client to LSP) or a response or
notification (LSP to client); no batches, by-name params only, every request has an id.
Everything is checked before it is believed, and capped before it is read:

- the payload is at most `MAX_PAYLOAD` bytes (the BOLT 8 limit, 65,533), has no NUL byte,
  is UTF-8, nests at most `MAX_DEPTH` levels (checked by a linear scan before parsing, so a
  deeply nested payload costs nothing), is exactly one object, with no repeated key and no
  NaN/Infinity;
- ids are text or integers; ours are 128 random bits in hex (bLIP-50: high-entropy ids), an
  id longer than `MAX_ID_LENGTH` characters is refused;
- an error object's code is an integer, its message text (cut to `MAX_ERROR_TEXT`
  characters when kept: see `wallet.untrusted_text` before showing it), its data an object.

`Router` is the LSP side without I/O: method table, param-name checks (-32602 with the
`unrecognized` names), one reply per request.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wallet.errors import InputError, KiteError
from wallet.sentence import Sentence

LSPS0_MESSAGE_TYPE = 37913
#: BOLT 8 messages carry at most 65,535 bytes, two of which are the type
MAX_PAYLOAD = 65533
MAX_DEPTH = 32
MAX_ID_LENGTH = 128
MAX_METHOD_LENGTH = 64
MAX_ERROR_TEXT = 300

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
#: LSPS0.client_rejected_error
CLIENT_REJECTED = 1


class BadMessage(InputError):
    """bLIP-50's "bad message format": the payload is not one acceptable JSON-RPC object."""


class RpcError(KiteError):
    """A JSON-RPC error object: one an LSP answered with, or one we answer with."""

    def __init__(self, code: int, message: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(Sentence("%1 (code %2)", message, code))
        self.code = code
        self.rpc_message = message
        self.data = data

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.rpc_message}
        if self.data is not None:
            out["data"] = self.data
        return out


RequestId = str | int


@dataclass(frozen=True)
class Request:
    id: RequestId
    method: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Response:
    """`result` (an object) or `error`, never both."""

    id: RequestId | None
    result: dict[str, Any] | None = None
    error: RpcError | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Notification:
    method: str
    params: dict[str, Any]


def new_request_id() -> str:
    """128 random bits in hex: bLIP-50 forbids guessable (counter) ids."""
    return secrets.token_hex(16)


# -- parsing --------------------------------------------------------------------------------


def _nesting_depth(text: str, limit: int) -> int:
    """The deepest nesting of arrays/objects outside strings; stops counting past `limit`."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise BadMessage(Sentence("the key %1 appears twice", repr(key[:40])))
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise BadMessage(Sentence("%1 is not JSON", name))


def parse_object(payload: bytes) -> dict[str, Any]:
    """The one JSON object a payload holds; BadMessage for anything else (see module doc)."""
    if len(payload) > MAX_PAYLOAD:
        raise BadMessage(Sentence("payload of %1 bytes exceeds %2", len(payload), MAX_PAYLOAD))
    if b"\x00" in payload:
        raise BadMessage("payload contains a NUL byte")
    try:
        text = bytes(payload).decode("utf-8")
    except UnicodeDecodeError:
        raise BadMessage("payload is not UTF-8") from None
    if _nesting_depth(text, MAX_DEPTH) > MAX_DEPTH:
        raise BadMessage(Sentence("JSON nested deeper than %1 levels", MAX_DEPTH))
    try:
        value = json.loads(text, object_pairs_hook=_no_repeats, parse_constant=_no_constants)
    except BadMessage:
        raise
    except (ValueError, RecursionError) as e:  # JSONDecodeError, digits limit
        raise BadMessage(Sentence("payload is not one JSON value: %1", str(e)[:80])) from None
    if not isinstance(value, dict):
        raise BadMessage("payload is not a JSON object")
    return value


def _check_id(value: Any) -> RequestId:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise BadMessage("id must be text or an integer")
    if len(str(value)) > MAX_ID_LENGTH:
        raise BadMessage(Sentence("id longer than %1 characters", MAX_ID_LENGTH))
    return value


def _check_version(obj: dict[str, Any]) -> None:
    if obj.get("jsonrpc") != "2.0":
        raise BadMessage('"jsonrpc" must be "2.0"')


def decode_request(payload: bytes) -> Request | Notification:
    """The LSP side: one request. BadMessage (answer: parse error, id null) when the
    payload is not a request; a notification from a client is returned for the caller to
    ignore (JSON-RPC never answers one; bLIP-50 forbids clients to send them)."""
    obj = parse_object(payload)
    _check_version(obj)
    method = obj.get("method")
    if not isinstance(method, str) or not 0 < len(method) <= MAX_METHOD_LENGTH:
        raise BadMessage("method must be a short text")
    params = obj.get("params", {})
    if not isinstance(params, dict):
        raise BadMessage("params must be an object (by-name parameters)")
    extra = set(obj) - {"jsonrpc", "method", "params", "id"}
    if extra:
        raise BadMessage(Sentence("unexpected member %1 in a request", repr(sorted(extra)[0][:40])))
    if "id" not in obj:
        return Notification(method, params)
    return Request(_check_id(obj["id"]), method, params)


def _error_from(value: Any) -> RpcError:
    if not isinstance(value, dict):
        raise BadMessage("error must be an object")
    code, message, data = value.get("code"), value.get("message"), value.get("data")
    if isinstance(code, bool) or not isinstance(code, int) or not -(2**31) <= code < 2**31:
        raise BadMessage("error code must be a 32-bit integer")
    if not isinstance(message, str):
        raise BadMessage("error message must be text")
    if data is not None and not isinstance(data, dict):
        raise BadMessage("error data must be an object")
    return RpcError(code, message[:MAX_ERROR_TEXT], data)


def decode_response(payload: bytes) -> Response | Notification:
    """The client side: a response (to match by id) or a notification."""
    obj = parse_object(payload)
    _check_version(obj)
    if "id" not in obj:
        method, params = obj.get("method"), obj.get("params", {})
        if not isinstance(method, str) or not 0 < len(method) <= MAX_METHOD_LENGTH:
            raise BadMessage("a message without id must be a notification with a method")
        if not isinstance(params, dict):
            raise BadMessage("notification params must be an object")
        return Notification(method, params)
    rid = None if obj["id"] is None else _check_id(obj["id"])
    has_result, has_error = "result" in obj, "error" in obj
    if has_result == has_error:
        raise BadMessage("a response has exactly one of result and error")
    if has_error:
        return Response(rid, error=_error_from(obj["error"]))
    if rid is None:
        raise BadMessage("a result must carry the request's id")
    if not isinstance(obj["result"], dict):
        raise BadMessage("result must be an object")
    return Response(rid, result=obj["result"])


# -- encoding -------------------------------------------------------------------------------


def _dump(obj: dict[str, Any]) -> bytes:
    data = json.dumps(obj, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")
    if len(data) > MAX_PAYLOAD:
        raise KiteError(Sentence("LSPS0 message of %1 bytes exceeds %2", len(data), MAX_PAYLOAD))
    return data


def encode_request(rid: RequestId, method: str, params: dict[str, Any]) -> bytes:
    return _dump({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})


def encode_result(rid: RequestId, result: dict[str, Any]) -> bytes:
    return _dump({"jsonrpc": "2.0", "id": rid, "result": result})


def encode_error(rid: RequestId | None, error: RpcError) -> bytes:
    return _dump({"jsonrpc": "2.0", "id": rid, "error": error.to_json()})


# -- the LSP side ---------------------------------------------------------------------------


Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


@dataclass(frozen=True)
class Method:
    """One client-callable method: the names its params may have, and what answers it
    (raises RpcError to answer with an error)."""

    params: frozenset[str]
    handler: Handler


class Router:
    """Requests in, replies out: method lookup, param names, errors as JSON-RPC errors."""

    def __init__(self) -> None:
        self.methods: dict[str, Method] = {}

    def add(self, name: str, params: frozenset[str] | set[str], handler: Handler) -> None:
        self.methods[name] = Method(frozenset(params), handler)

    def handle(self, payload: bytes, context: Any) -> bytes | None:
        """The reply to one payload (None for a notification, which gets none).
        `context` goes to the handler (who is asking, the time)."""
        try:
            request = decode_request(payload)
        except BadMessage:
            return encode_error(None, RpcError(PARSE_ERROR, "Parse error"))
        if isinstance(request, Notification):
            return None
        method = self.methods.get(request.method)
        if method is None:
            return encode_error(request.id, RpcError(METHOD_NOT_FOUND, "Method not found"))
        unknown = sorted(set(request.params) - method.params)
        if unknown:
            return encode_error(request.id, RpcError(
                INVALID_PARAMS, "Invalid params", {"unrecognized": [u[:64] for u in unknown[:20]]}))
        try:
            result = method.handler(request.params, context)
        except RpcError as e:
            return encode_error(request.id, e)
        return encode_result(request.id, result)
