"""BOLT 1 appendices A-D: BigSize, TLV streams (namespaces n1/n2), init extension, signed ints."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import load_vector
from wallet.ln.wire.bigsize import decode_bigsize, encode_bigsize
from wallet.ln.wire.errors import TlvError, WireError
from wallet.ln.wire.fieldtypes import BY_NAME
from wallet.ln.wire.messages import Init, decode_message
from wallet.ln.wire.primitives import ShortChannelId, decode_sint, encode_sint
from wallet.ln.wire.tlv import TlvNamespace, TlvRecord, decode_tlv_stream

V = load_vector("bolt01_bigsize_tlv.json")


def _namespace(name: str) -> TlvNamespace:
    """Build a typed namespace from the vector file's record tables (data, not code)."""
    records = tuple(
        TlvRecord(rec["type"], rec["name"], tuple((f["name"], BY_NAME[f["type"]]) for f in rec["fields"]))
        for rec in V["tlv_namespaces"][name]
    )
    return TlvNamespace(name, records)


NAMESPACES = {name: _namespace(name) for name in V["tlv_namespaces"]}


def _namespaces_for(label: str) -> list[TlvNamespace | None]:
    """'any' applies with or without a namespace; 'either' to each of n1/n2."""
    if label == "any":
        return [None, *NAMESPACES.values()]
    if label == "either":
        return list(NAMESPACES.values())
    return [NAMESPACES[label]]


def _decode(ns: TlvNamespace | None, data: bytes) -> dict:
    return decode_tlv_stream(data) if ns is None else ns.decode(data)


def _as_vector_form(ns: TlvNamespace, decoded: dict) -> dict:
    """Our single-field records carry the bare value; the vectors always name the field."""
    out = {}
    for name, value in decoded.items():
        rec = ns.record(name)
        if len(rec.fields) == 1:
            value = {rec.fields[0][0]: value}
        else:
            value = value._asdict()
        out[name] = {k: str(v) if isinstance(v, ShortChannelId) else v for k, v in value.items()}
    return out


# -- Appendix A: BigSize ------------------------------------------------------------------


@pytest.mark.parametrize("case", V["bigsize_decoding"], ids=lambda c: c["name"])
def test_bigsize_decoding(case):
    data = bytes.fromhex(case["bytes"])
    if "exp_error" in case:
        with pytest.raises(WireError):
            decode_bigsize(data)
    else:
        assert decode_bigsize(data) == (case["value"], len(data))


@pytest.mark.parametrize("case", V["bigsize_encoding"], ids=lambda c: c["name"])
def test_bigsize_encoding(case):
    assert encode_bigsize(case["value"]).hex() == case["bytes"]


def test_bigsize_offset_and_range():
    assert decode_bigsize(b"\x00\xfd\x01\x00", 1) == (256, 4)
    for bad in (-1, 1 << 64, True, 1.5):
        with pytest.raises(WireError):
            encode_bigsize(bad)


# -- Appendix B: TLV ------------------------------------------------------------------------


def _case_ids(case):
    return f"{case['namespace']}:{case['stream']}"


@pytest.mark.parametrize("case", V["tlv_decoding_failures"], ids=_case_ids)
def test_tlv_decoding_failures(case):
    for ns in _namespaces_for(case["namespace"]):
        with pytest.raises(TlvError):
            _decode(ns, bytes.fromhex(case["hex"]))


@pytest.mark.parametrize("case", V["tlv_decoding_successes"], ids=_case_ids)
def test_tlv_decoding_successes(case):
    data = bytes.fromhex(case["hex"])
    for ns in _namespaces_for(case["namespace"]):
        decoded = ns.decode(data)
        assert _as_vector_form(ns, decoded) == case.get("decoded", {})
        # a typed stream re-encodes to the same bytes (unknown odd records kept aside)
        known, unknown = ns.decode_all(data)
        assert ns.encode(known, unknown) == data


@pytest.mark.parametrize("case", V["tlv_stream_decoding_failures"], ids=_case_ids)
def test_tlv_stream_decoding_failures(case):
    for ns in _namespaces_for(case["namespace"]):
        with pytest.raises(TlvError):
            ns.decode(bytes.fromhex(case["hex"]))


def _applies(label: str, ns_name: str) -> bool:
    return label in ("any", "either", ns_name)


@pytest.mark.parametrize("ns_name", sorted(NAMESPACES))
def test_appending_invalid_stream_to_valid_stream_fails(ns_name):
    ns = NAMESPACES[ns_name]
    valid = [c for c in V["tlv_decoding_successes"] if _applies(c["namespace"], ns_name)]
    invalid = [
        c
        for c in V["tlv_decoding_failures"] + V["tlv_stream_decoding_failures"]
        if _applies(c["namespace"], ns_name)
    ]
    assert valid and invalid
    for good, bad in itertools.product(valid, invalid):
        with pytest.raises(TlvError):
            ns.decode(bytes.fromhex(good["hex"] + bad["hex"]))


@pytest.mark.parametrize("ns_name", sorted(NAMESPACES))
def test_appending_higher_valid_stream_to_lower_valid_stream_succeeds(ns_name):
    ns = NAMESPACES[ns_name]
    streams = [
        bytes.fromhex(c["hex"])
        for c in V["tlv_decoding_successes"]
        if _applies(c["namespace"], ns_name) and c["hex"]
    ]
    checked = 0
    for low, high in itertools.product(streams, streams):
        low_types, high_types = decode_tlv_stream(low), decode_tlv_stream(high)
        if max(low_types) < min(high_types):
            merged = decode_tlv_stream(low + high, ns.types)
            assert merged == {**low_types, **high_types}
            assert ns.decode(low + high) == {**ns.decode(low), **ns.decode(high)}
            checked += 1
    assert checked


def test_decode_tlv_stream_without_known_types_keeps_even_records():
    assert decode_tlv_stream(bytes.fromhex("1200")) == {0x12: b""}
    with pytest.raises(TlvError, match="unknown even"):
        decode_tlv_stream(bytes.fromhex("1200"), known_types={1})


# -- Appendix C: message extension ------------------------------------------------------------


def test_init_base_message():
    msg = decode_message(bytes.fromhex(V["init_base_message"]))
    assert isinstance(msg, Init)
    assert msg.features == b"" and msg.globalfeatures == b""


@pytest.mark.parametrize("case", V["init_extension_valid"], ids=lambda c: c["description"])
def test_init_extension_valid(case):
    data = bytes.fromhex(case["message"])
    msg = decode_message(data)
    assert isinstance(msg, Init)
    assert msg.encode() == data


@pytest.mark.parametrize("case", V["init_extension_invalid"], ids=lambda c: c["description"])
def test_init_extension_invalid(case):
    with pytest.raises(WireError):
        decode_message(bytes.fromhex(case["message"]))


# -- Appendix D: signed integers --------------------------------------------------------------


@pytest.mark.parametrize("case", V["signed_integers"], ids=lambda c: str(c["value"]))
def test_signed_integers(case):
    data = bytes.fromhex(case["bytes"])
    width = len(data)
    assert encode_sint(case["value"], width) == data
    assert decode_sint(data, width) == case["value"]
    # the vectors use the narrowest of s8/s16/s32/s64 that holds the value
    narrower = {1: None, 2: 1, 4: 2, 8: 4}[width]
    if narrower is not None:
        with pytest.raises(WireError):
            encode_sint(case["value"], narrower)
