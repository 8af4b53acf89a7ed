"""BOLT 12 vectors of ../shared/vectors/bolt12_offers.json, every case of every list."""

from __future__ import annotations

import pytest

from tests.conftest import load_vector
from wallet.ln.bolt12 import merkle
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.invoice_request import decode_invoice_request
from wallet.ln.bolt12.offer import Offer, decode_offer
from wallet.ln.bolt12.string_format import split_bolt12
from wallet.ln.wire.bigsize import encode_bigsize
from wallet.ln.wire.tlv import decode_tlv_stream

DATA = load_vector("bolt12_offers.json")


def _text(case: dict) -> str:
    return case.get("bolt12") or case["string"]


@pytest.mark.parametrize("case", DATA["offers"], ids=lambda c: c["description"])
def test_offer_cases(case):
    if case["valid"]:
        offer = decode_offer(_text(case))
        if "fields" in case:
            want = {f["type"]: bytes.fromhex(f["hex"]) for f in case["fields"]}
            assert dict(offer.records) == want
            assert all(f["length"] == len(want[f["type"]]) for f in case["fields"])
        # written back, byte for byte, and read again to the same offer
        assert offer.to_string() == _text(case).lower()
        assert Offer.from_bytes(offer.to_bytes()) == offer
    else:
        with pytest.raises(Bolt12Error) as err:
            decode_offer(_text(case))
        assert str(err.value)


@pytest.mark.parametrize("case", DATA["format_strings"], ids=lambda c: c["comment"])
def test_format_strings(case):
    if case["valid"]:
        prefix, payload = split_bolt12(case["string"])
        assert prefix == "lno"
        assert decode_offer(case["string"]).to_bytes() == payload
    else:
        with pytest.raises(Bolt12Error):
            split_bolt12(case["string"])


def _hash_of(entry: dict, prefix: str) -> str:
    return next(v for k, v in entry.items() if k.startswith(prefix))


@pytest.mark.parametrize("case", DATA["signatures"], ids=lambda c: c["comment"])
def test_merkle_and_signatures(case):
    if "bolt12" in case:
        _, payload = split_bolt12(case["bolt12"])
        records = decode_tlv_stream(payload)
    else:
        records = _records_from_leaves(case)
    first = merkle.encode_first(records)
    assert first.hex() == case["first-tlv"]
    for (tlv_type, value), leaf in zip(
        sorted((t, v) for t, v in records.items() if t not in merkle.SIGNATURE_TYPES),
        case["leaves"], strict=True,
    ):
        tlv = merkle.tlv_bytes(tlv_type, value)
        leaf_hash = merkle.tagged_hash(b"LnLeaf", tlv)
        nonce = merkle.tagged_hash(b"LnNonce" + first, encode_bigsize(tlv_type))
        assert leaf_hash.hex() == _hash_of(leaf, "H(`LnLeaf`")
        assert nonce.hex() == _hash_of(leaf, "H(`LnNonce`")
        pair = merkle.tagged_hash(b"LnBranch", min(leaf_hash, nonce) + max(leaf_hash, nonce))
        assert pair.hex() == _hash_of(leaf, "H(`LnBranch`")
    assert merkle.merkle_root(records).hex() == case["merkle"]
    if "signature" in case:
        tag = case["signature_tag"].encode()
        assert merkle.signature_tag(case["tlv"]) == tag
        digest = merkle.tagged_hash(tag, bytes.fromhex(case["merkle"]))
        assert digest.hex() == case["H(signature_tag,merkle)"]
        request = decode_invoice_request(case["bolt12"])
        assert request.values["signature"].hex() == case["signature"]
        assert merkle.verify(request.records, "invoice_request", request.values["signature"],
                             request.payer_id)


def _records_from_leaves(case: dict) -> dict[int, bytes]:
    """The stream of an `n1` case, rebuilt from the TLVs its leaf labels spell out."""
    stream = b""
    for leaf in case["leaves"]:
        label = next(k for k in leaf if k.startswith("H(`LnLeaf`"))
        stream += bytes.fromhex(label[len("H(`LnLeaf`,"):-1])
    return decode_tlv_stream(stream)
