"""Serialization of channel states for the database: `state_to_bytes` / `state_from_bytes`.

A state is a tree of frozen dataclasses, wire messages, bytes, ints and a few value types.
It is written as versioned JSON with type tags; wire messages are stored as their wire
bytes (so they re-encode exactly). Only the classes listed here can be rebuilt: the decoder
never imports or instantiates anything else. Dataclasses are rebuilt through their
constructors, so their own checks (e.g. a BOLT 3 `Htlc`) run again. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

from wallet.errors import InputError
from wallet.ln.channel import commitments as ledger
from wallet.ln.channel import params, states
from wallet.ln.features import Features
from wallet.ln.tx.commitment_tx import ChannelType, Htlc, HtlcDirection
from wallet.ln.wire import messages as m
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import ShortChannelId

MAGIC = b"KCS1"


class ChannelStateCodecError(InputError):
    """Stored channel state bytes are corrupt or of an unknown format."""


_DATACLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        states.Setup, states.Idle, states.WaitForAcceptChannel, states.WaitForFundingTx,
        states.WaitForFundingCreated, states.WaitForFundingSigned,
        states.WaitForFundingConfirmed, states.WaitForChannelReady, states.Normal,
        states.ShuttingDown, states.Negotiating, states.Closing, states.WaitForRemotePublish,
        states.Closed, states.Offline, states.Syncing,
        ledger.CommitView, ledger.ChannelParams, ledger.LocalCommit, ledger.RemoteCommit,
        ledger.WaitingForRevocation, ledger.LocalChanges, ledger.RemoteChanges,
        ledger.Commitments, params.SideParams, params.ChannelPolicy, Htlc,
    )
}
_ENUMS: dict[str, type[Enum]] = {"ChannelType": ChannelType, "HtlcDirection": HtlcDirection}


# Encodings of immutable parts, by identity. Successive states share most of their tree
# (`dataclasses.replace` keeps unchanged fields), so a save re-encodes only what changed.
# Each entry holds the object itself, so its id cannot be reused while it is cached.
#: entries kept at most (two generations of half as many)
_MEMO_MAX = 8_000


class _Memo:
    """Two generations: an entry used in the current one stays; the older generation, what
    was not used since the last turn, is dropped at the next one. The parts of the states
    still being saved stay encoded, while those of states long replaced (their HTLCs and
    messages, onions included) are let go: memory stays flat however many payments pass,
    instead of filling a large memo before starting over."""

    def __init__(self) -> None:
        self.new: dict[int, tuple[Any, Any]] = {}
        self.old: dict[int, tuple[Any, Any]] = {}

    def get(self, value: Any) -> Any | None:
        key = id(value)
        hit = self.new.get(key)
        if hit is None:
            hit = self.old.pop(key, None)
            if hit is None or hit[0] is not value:
                return None
            self._put(key, hit)
        return hit[1] if hit[0] is value else None

    def put(self, value: Any, encoded: Any) -> None:
        self._put(id(value), (value, encoded))

    def _put(self, key: int, entry: tuple[Any, Any]) -> None:
        if len(self.new) >= max(_MEMO_MAX // 2, 1):
            self.old, self.new = self.new, {}
        self.new[key] = entry

    def clear(self) -> None:
        self.new.clear()
        self.old.clear()

    def __len__(self) -> int:
        return len(self.new) + len(self.old)


_MEMO = _Memo()


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, bytes):
        return {"$b": value.hex()}
    hit = _MEMO.get(value)
    if hit is not None:
        return hit
    encoded = _encode_new(value)
    params = getattr(type(value), "__dataclass_params__", None)
    if params is not None and params.frozen:  # frozen dataclasses and wire messages
        _MEMO.put(value, encoded)
    return encoded


def _encode_new(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        return {"$b": bytes(value).hex()}
    if isinstance(value, m.Message):
        return {"$msg": value.encode().hex()}
    if isinstance(value, ShortChannelId):
        return {"$scid": value.to_int()}
    if isinstance(value, Features):
        return {"$f": value.to_bytes().hex()}
    if isinstance(value, Enum):
        name = type(value).__name__
        if name not in _ENUMS:
            raise ChannelStateCodecError(f"cannot store enum {name}")
        return {"$e": name, "v": value.value}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _DATACLASSES:
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": type(value).__name__, "f": fields}
    raise ChannelStateCodecError(f"cannot store a {type(value).__name__} in a channel state")


def _decode(obj: Any) -> Any:
    if obj is None or isinstance(obj, bool | int | str):
        return obj
    if not isinstance(obj, dict):
        raise ChannelStateCodecError("stored channel state: unexpected JSON value")
    if "$b" in obj:
        return bytes.fromhex(obj["$b"])
    if "$msg" in obj:
        msg = m.decode_message(bytes.fromhex(obj["$msg"]))
        if not isinstance(msg, m.Message):
            raise ChannelStateCodecError("stored channel state holds an unknown message")
        return msg
    if "$scid" in obj:
        return ShortChannelId.from_int(obj["$scid"])
    if "$f" in obj:
        return Features.from_bytes(bytes.fromhex(obj["$f"]))
    if "$e" in obj:
        enum = _ENUMS.get(obj["$e"])
        if enum is None:
            raise ChannelStateCodecError(f"stored channel state: unknown enum {obj['$e']!r}")
        return enum(obj["v"])
    if "$t" in obj:
        return tuple(_decode(v) for v in obj["$t"])
    if "$" in obj:
        cls = _DATACLASSES.get(obj["$"])
        if cls is None:
            raise ChannelStateCodecError(f"stored channel state: unknown class {obj['$']!r}")
        return cls(**{name: _decode(v) for name, v in obj["f"].items()})
    raise ChannelStateCodecError("stored channel state: untagged object")


def state_to_bytes(state: Any) -> bytes:
    """The bytes to store for `state` (any channel state)."""
    return MAGIC + json.dumps(_encode(state), separators=(",", ":"), sort_keys=True).encode()


def state_from_bytes(data: bytes) -> Any:
    """The state stored by `state_to_bytes`; raises `ChannelStateCodecError` if corrupt."""
    if not isinstance(data, bytes | bytearray) or not bytes(data).startswith(MAGIC):
        raise ChannelStateCodecError("stored channel state has an unknown format")
    try:
        return _decode(json.loads(bytes(data[len(MAGIC):]).decode()))
    except ChannelStateCodecError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, WireError,
            InputError) as exc:
        raise ChannelStateCodecError(f"stored channel state is corrupt ({exc.__class__.__name__})"
                                     ) from None
