"""BOLT 3 Appendix C (static_remotekey) and Appendix F (anchors) commitment vectors.

Every case is rebuilt from the App. C parameters: the commitment transaction must match
byte for byte once signed with the given signatures, both signatures must verify (and our
own deterministic signatures must equal them), and so must every HTLC transaction.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from bitcoin.core import CTransaction
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.hashes import sha256
from wallet.ln.tx.commitment_tx import (
    ChannelType,
    CommitmentError,
    CommitmentKeys,
    CommitmentSpec,
    Htlc,
    HtlcDirection,
    OutputKind,
    balances_after_fees_sat,
    build_commitment,
    commitment_fee_sat,
    commitment_locktime_sequence,
    decode_commitment_number,
    is_trimmed,
    obscuring_factor,
)
from wallet.ln.tx.htlc_tx import HtlcTxKind, htlc_txs, make_htlc_tx
from wallet.ln.tx.keys import derive_privkey, derive_pubkey, derive_revocation_pubkey
from wallet.ln.tx.scripts import funding_script, p2wpkh, p2wsh
from wallet.ln.tx.signing import SIGHASH_ALL, SIGHASH_SINGLE_ANYONECANPAY

VECTORS = load_vector("bolt03_commitment.json")
APP_C = VECTORS["commitment"]
APP_F = VECTORS["anchors_commitment"]
PARAMS = APP_C["params"]
INTERNAL = APP_C["internal_derivation_values"]


def h(value: str) -> bytes:
    return bytes.fromhex(value.removeprefix("0x"))


def secret(value: str) -> bytes:
    """App. C private keys carry Bitcoin's trailing 01 'compressed' marker."""
    raw = h(value)
    assert len(raw) == 33 and raw[-1] == 1
    return raw[:32]


def htlc_of(entry: dict) -> Htlc:
    direction = (
        HtlcDirection.OFFERED if entry["direction"] == "local->remote" else HtlcDirection.RECEIVED
    )
    return Htlc(
        direction=direction,
        htlc_id=entry["id"],
        amount_msat=entry["amount_msat"],
        payment_hash=sha256(h(entry["payment_preimage"])),
        cltv_expiry=entry["expiry"],
    )


ALL_HTLCS = {entry["id"]: htlc_of(entry) for entry in APP_C["htlcs"]}
KIND_NAMES = {
    "to_local": OutputKind.TO_LOCAL,
    "to_remote": OutputKind.TO_REMOTE,
    "htlc_offered": OutputKind.OFFERED_HTLC,
    "htlc_received": OutputKind.RECEIVED_HTLC,
}
PREIMAGES = {entry["id"]: h(entry["payment_preimage"]) for entry in APP_C["htlcs"]}


def htlc_ids_in(case: dict) -> set[int]:
    ids = {o["htlc_id"] for o in case["expected_outputs"] if "htlc_id" in o}
    return ids | {t["htlc_id"] for t in case["htlc_txs"]}


def htlcs_for(to_local_msat: int, to_remote_msat: int) -> tuple[Htlc, ...]:
    """Which App. C HTLCs a case commits to. The vectors do not list trimmed HTLCs, so pick
    the set that makes balances + HTLCs equal the capacity: the first five HTLCs (the
    spec's 'all five HTLCs'), else the set a vector case names explicitly."""
    missing = PARAMS["funding_amount_satoshi"] * 1000 - to_local_msat - to_remote_msat
    if missing == 0:
        return ()
    candidates = [set(range(5))] + [htlc_ids_in(c) for c in APP_C["cases"]]
    for ids in candidates:
        if ids and sum(ALL_HTLCS[i].amount_msat for i in ids) == missing:
            return tuple(ALL_HTLCS[i] for i in sorted(ids))
    raise AssertionError(f"no App. C HTLC set adds up to {missing} msat")


def keys() -> CommitmentKeys:
    return CommitmentKeys(
        revocation_pubkey=h(PARAMS["local_revocation_pubkey"]),
        local_delayed_pubkey=h(PARAMS["local_delayedpubkey"]),
        local_htlc_pubkey=h(PARAMS["local_htlcpubkey"]),
        remote_htlc_pubkey=h(PARAMS["remote_htlcpubkey"]),
        remote_payment_pubkey=h(PARAMS["remote_payment_basepoint"]),
    )


def spec_for(
    channel_type: ChannelType,
    to_local_msat: int,
    to_remote_msat: int,
    feerate: int,
    dust_limit: int,
    htlcs: tuple[Htlc, ...],
) -> CommitmentSpec:
    return CommitmentSpec(
        channel_type=channel_type,
        funding_txid=h(PARAMS["funding_tx_id"])[::-1],
        funding_output_index=PARAMS["funding_output_index"],
        funding_sat=PARAMS["funding_amount_satoshi"],
        local_funding_pubkey=h(PARAMS["local_funding_pubkey"]),
        remote_funding_pubkey=h(PARAMS["remote_funding_pubkey"]),
        local_is_opener=True,
        obscuring_factor=obscuring_factor(
            h(PARAMS["local_payment_basepoint"]), h(PARAMS["remote_payment_basepoint"])
        ),
        commitment_number=PARAMS["commitment_number"],
        to_self_delay=PARAMS["local_delay"],
        dust_limit_sat=dust_limit,
        feerate_per_kw=feerate,
        to_local_msat=to_local_msat,
        to_remote_msat=to_remote_msat,
        keys=keys(),
        htlcs=htlcs,
    )


LOCAL_FUNDING_PRIV = secret(PARAMS["local_funding_privkey"])
REMOTE_FUNDING_PRIV = secret(INTERNAL["remote_funding_privkey"])
LOCAL_HTLC_PRIV = secret(PARAMS["local_privkey"])
REMOTE_HTLC_PRIV = secret(INTERNAL["remote_privkey"])


def c_spec(case: dict) -> CommitmentSpec:
    htlcs = htlcs_for(case["to_local_msat"], case["to_remote_msat"])
    return spec_for(
        ChannelType.STATIC_REMOTEKEY,
        case["to_local_msat"],
        case["to_remote_msat"],
        case["local_feerate_per_kw"],
        PARAMS["local_dust_limit_satoshi"],
        htlcs,
    )


# -- parameters and derivations --------------------------------------------------------------


def test_app_c_keys_derive_from_internal_values():
    point = h(INTERNAL["local_per_commitment_point"])
    assert derive_pubkey(h(PARAMS["local_htlc_basepoint"]), point) == h(PARAMS["local_htlcpubkey"])
    assert derive_pubkey(h(PARAMS["remote_htlc_basepoint"]), point) == h(
        PARAMS["remote_htlcpubkey"]
    )
    assert derive_pubkey(h(INTERNAL["local_delayed_payment_basepoint"]), point) == h(
        PARAMS["local_delayedpubkey"]
    )
    assert derive_revocation_pubkey(h(INTERNAL["remote_revocation_basepoint"]), point) == h(
        PARAMS["local_revocation_pubkey"]
    )
    assert derive_privkey(secret(INTERNAL["local_payment_basepoint_secret"]), point) == (
        LOCAL_HTLC_PRIV
    )
    assert derive_privkey(secret(INTERNAL["remote_payment_basepoint_secret"]), point) == (
        REMOTE_HTLC_PRIV
    )
    assert derive_privkey(secret(INTERNAL["local_delayed_payment_basepoint_secret"]), point) == (
        secret(INTERNAL["local_delayed_privkey"])
    )
    derived = CommitmentKeys.derive(
        per_commitment_point=point,
        local_delayed_payment_basepoint=h(INTERNAL["local_delayed_payment_basepoint"]),
        local_htlc_basepoint=h(PARAMS["local_htlc_basepoint"]),
        remote_revocation_basepoint=h(INTERNAL["remote_revocation_basepoint"]),
        remote_htlc_basepoint=h(PARAMS["remote_htlc_basepoint"]),
        remote_payment_basepoint=h(PARAMS["remote_payment_basepoint"]),
    )
    assert derived == keys()


def test_app_c_obscured_commitment_number():
    annotated = APP_C["param_annotations"]["obscured commitment number"]
    factor_hex, _, number = annotated.partition(" ^ ")
    factor = obscuring_factor(
        h(PARAMS["local_payment_basepoint"]), h(PARAMS["remote_payment_basepoint"])
    )
    assert factor == int(factor_hex, 16)
    assert int(number) == PARAMS["commitment_number"]
    locktime, sequence = commitment_locktime_sequence(PARAMS["commitment_number"], factor)
    assert decode_commitment_number(locktime, sequence, factor) == PARAMS["commitment_number"]
    assert decode_commitment_number(0, sequence, factor) is None


def test_app_c_funding_script():
    script = funding_script(h(PARAMS["remote_funding_pubkey"]), h(PARAMS["local_funding_pubkey"]))
    assert script.hex() == APP_C["param_annotations"]["funding wscript"]


# -- Appendix C ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", APP_C["cases"], ids=lambda c: c["name"])
def test_app_c_commitment(case):
    commitment = build_commitment(c_spec(case))

    # outputs: each one the vector lists exists once, with its script and HTLC (some cases
    # list only the HTLC outputs; the byte comparison below covers the rest)
    expected = case["expected_outputs"]
    assert len(commitment.htlc_outputs) == sum("htlc_id" in item for item in expected)
    for item in expected:
        matches = [
            o
            for o in commitment.outputs
            if o.kind is KIND_NAMES[item["output"]]
            and o.amount_sat == item["amount_sat"]
            and (o.htlc.htlc_id if o.htlc else None) == item.get("htlc_id")
        ]
        assert len(matches) == 1, item
        if "wscript" in item:
            assert matches[0].witness_script == h(item["wscript"])
            assert matches[0].script_pubkey == p2wsh(h(item["wscript"]))
        else:
            assert matches[0].script_pubkey == p2wpkh(h(item["p2wpkh_pubkey"]))
    assert case["num_htlcs"] == len(commitment.htlc_outputs)
    if "base_commitment_tx_fee" in case:
        assert commitment.base_fee_sat == case["base_commitment_tx_fee"]
    if "actual_commitment_tx_fee" in case:
        assert commitment.fee_sat == case["actual_commitment_tx_fee"]

    # signatures: both verify, ours are the deterministic ones in the vector
    remote_sig = h(case["remote_signature"])
    local_sig = h(case["local_signature"])
    assert commitment.verify(h(PARAMS["remote_funding_pubkey"]), remote_sig)
    assert commitment.verify(h(PARAMS["local_funding_pubkey"]), local_sig)
    assert commitment.sign(LOCAL_FUNDING_PRIV) == local_sig
    assert commitment.sign(REMOTE_FUNDING_PRIV) == remote_sig
    signed = commitment.signed(local_sig, remote_sig)
    assert signed.serialize().hex() == case["commit_tx"]

    # HTLC transactions, in output order
    txs = htlc_txs(commitment)
    assert len(txs) == len(case["htlc_txs"])
    for htlc_tx, item in zip(txs, case["htlc_txs"], strict=True):
        assert htlc_tx.commitment_output.index == item["output_index"]
        assert htlc_tx.htlc.htlc_id == item["htlc_id"]
        assert htlc_tx.kind.value == item["type"]
        remote = h(item["remote_htlc_signature"])
        local = h(item["local_htlc_signature"])
        assert htlc_tx.remote_sighash_type == SIGHASH_ALL
        assert htlc_tx.verify_remote(remote)
        assert htlc_tx.verify_local(local)
        assert htlc_tx.sign_as_remote(REMOTE_HTLC_PRIV) == remote
        assert htlc_tx.sign_as_local(LOCAL_HTLC_PRIV) == local
        preimage = PREIMAGES[item["htlc_id"]] if htlc_tx.kind is HtlcTxKind.SUCCESS else None
        assert htlc_tx.signed(remote, local, preimage).serialize().hex() == item["tx"]


# -- Appendix F (anchors) --------------------------------------------------------------------


def f_spec(case: dict) -> CommitmentSpec:
    htlcs = htlcs_for(case["LocalBalance"], case["RemoteBalance"])
    assert bool(htlcs) == case["UseTestHtlcs"]
    return spec_for(
        ChannelType.ANCHORS_ZERO_FEE_HTLC_TX,
        case["LocalBalance"],
        case["RemoteBalance"],
        case["FeePerKw"],
        case["DustLimitSatoshis"],
        htlcs,
    )


@pytest.mark.parametrize("case", APP_F["cases"], ids=lambda c: c["Name"])
def test_app_f_anchors_commitment(case):
    commitment = build_commitment(f_spec(case))
    expected = CTransaction.deserialize(h(case["ExpectedCommitmentTxHex"]))
    stack = list(expected.wit.vtxinwit[0].scriptWitness.stack)
    assert stack[0] == b"" and stack[3] == commitment.funding_witness_script
    # the vector's witness holds the local and remote signatures in funding-pubkey order
    remote_sig = h(case["RemoteSigHex"])
    local_sig = commitment.sign(LOCAL_FUNDING_PRIV)
    assert {stack[1], stack[2]} == {local_sig + b"\x01", remote_sig + b"\x01"}
    assert commitment.verify(h(PARAMS["remote_funding_pubkey"]), remote_sig)
    assert commitment.sign(REMOTE_FUNDING_PRIV) == remote_sig
    assert (
        commitment.signed(local_sig, remote_sig).serialize().hex()
        == (case["ExpectedCommitmentTxHex"])
    )

    # anchors exist exactly when BOLT 3 says
    kinds = [o.kind for o in commitment.outputs]
    has_htlcs = bool(commitment.htlc_outputs)
    assert (OutputKind.LOCAL_ANCHOR in kinds) == (OutputKind.TO_LOCAL in kinds or has_htlcs)
    assert (OutputKind.REMOTE_ANCHOR in kinds) == (OutputKind.TO_REMOTE in kinds or has_htlcs)

    txs = htlc_txs(commitment)
    assert len(txs) == len(case["HtlcDescs"])
    for htlc_tx, desc in zip(txs, case["HtlcDescs"], strict=True):
        remote = h(desc["RemoteSigHex"])
        assert htlc_tx.remote_sighash_type == SIGHASH_SINGLE_ANYONECANPAY
        assert htlc_tx.tx.vin[0].nSequence == 1
        assert htlc_tx.tx.vout[0].nValue == htlc_tx.commitment_output.amount_sat  # zero fee
        assert htlc_tx.verify_remote(remote)
        assert htlc_tx.sign_as_remote(REMOTE_HTLC_PRIV) == remote
        local = htlc_tx.sign_as_local(LOCAL_HTLC_PRIV)
        assert htlc_tx.verify_local(local)
        preimage = PREIMAGES[htlc_tx.htlc.htlc_id] if htlc_tx.kind is HtlcTxKind.SUCCESS else None
        assert htlc_tx.signed(remote, local, preimage).serialize().hex() == desc["ResolutionTxHex"]


# -- bad inputs and invariants -----------------------------------------------------------------

FIRST_C = APP_C["cases"][0]


def test_wrong_signatures_do_not_verify():
    case = next(c for c in APP_C["cases"] if c["htlc_txs"])
    commitment = build_commitment(c_spec(case))
    remote_sig = h(case["remote_signature"])
    local_sig = h(case["local_signature"])
    # right signature, wrong key; garbage; a signature of another commitment
    assert commitment.verify_remote(remote_sig) and commitment.verify_local(local_sig)
    assert not commitment.verify_local(remote_sig)
    assert not commitment.verify_remote(b"\x30\x00")
    other = build_commitment(replace(c_spec(case), commitment_number=43))
    assert not other.verify_remote(remote_sig)
    with pytest.raises(CommitmentError, match="remote commitment signature"):
        commitment.signed(local_sig, local_sig)
    with pytest.raises(CommitmentError, match="local commitment signature"):
        commitment.signed(remote_sig, remote_sig)
    htlc_tx = htlc_txs(commitment)[0]
    item = case["htlc_txs"][0]
    remote, local = h(item["remote_htlc_signature"]), h(item["local_htlc_signature"])
    assert not htlc_tx.verify_remote(local)
    assert not htlc_tx.verify_local(remote)
    # a signature for another HTLC transaction of the same commitment
    assert not htlc_txs(commitment)[1].verify_remote(remote)
    preimage = PREIMAGES[item["htlc_id"]] if htlc_tx.kind is HtlcTxKind.SUCCESS else None
    with pytest.raises(CommitmentError, match="remote HTLC signature"):
        htlc_tx.signed(local, local, preimage)
    with pytest.raises(CommitmentError, match="local HTLC signature"):
        htlc_tx.signed(remote, remote, preimage)


def test_htlc_success_needs_the_right_preimage():
    case = next(
        c for c in APP_C["cases"] if any(t["type"] == "htlc-success" for t in c["htlc_txs"])
    )
    commitment = build_commitment(c_spec(case))
    pairs = zip(htlc_txs(commitment), case["htlc_txs"], strict=True)
    success, item = next((t, i) for t, i in pairs if t.kind is HtlcTxKind.SUCCESS)
    remote, local = h(item["remote_htlc_signature"]), h(item["local_htlc_signature"])
    for wrong in (b"\x99" * 32, None, PREIMAGES[item["htlc_id"]][:31]):
        with pytest.raises(CommitmentError, match="preimage"):
            success.signed(remote, local, wrong)
    timeout_pairs = zip(htlc_txs(commitment), case["htlc_txs"], strict=True)
    timeout, item = next((t, i) for t, i in timeout_pairs if t.kind is HtlcTxKind.TIMEOUT)
    remote, local = h(item["remote_htlc_signature"]), h(item["local_htlc_signature"])
    with pytest.raises(CommitmentError, match="no preimage"):
        timeout.signed(remote, local, bytes(32))


def test_output_of_another_commitment_is_rejected():
    case = next(c for c in APP_C["cases"] if c["htlc_txs"])
    commitment = build_commitment(c_spec(case))
    other = build_commitment(replace(c_spec(case), commitment_number=43))
    with pytest.raises(CommitmentError):
        make_htlc_tx(other, commitment.output_of(OutputKind.TO_LOCAL))
    non_htlc = commitment.output_of(OutputKind.TO_REMOTE)
    with pytest.raises(CommitmentError):
        make_htlc_tx(commitment, non_htlc)


def test_spec_must_balance_and_be_well_formed():
    base = c_spec(FIRST_C)
    with pytest.raises(CommitmentError, match="capacity"):
        replace(base, to_local_msat=base.to_local_msat + 1)
    with pytest.raises(CommitmentError):
        replace(base, funding_txid=b"\x00" * 31)
    with pytest.raises(CommitmentError):
        replace(base, feerate_per_kw=-1)
    with pytest.raises(CommitmentError):
        replace(base, local_funding_pubkey=b"\x02" + b"\x00" * 32)
    htlc = ALL_HTLCS[0]
    with pytest.raises(CommitmentError):
        replace(htlc, payment_hash=b"\x00")
    with pytest.raises(CommitmentError, match="same direction and id"):
        replace(base, to_local_msat=base.to_local_msat - 2 * htlc.amount_msat, htlcs=(htlc, htlc))


def test_opener_that_cannot_pay_the_fee_has_no_output():
    """BOLT 3 App. C "fee greater than funder amount": the opener's output disappears and
    the fee is all that is left; `balances_after_fees_sat` tells the caller beforehand."""
    base = c_spec(FIRST_C)
    total = base.funding_sat * 1000
    poor = replace(base, to_local_msat=1_000_000, to_remote_msat=total - 1_000_000)
    to_local, to_remote = balances_after_fees_sat(poor)
    assert to_local < 0 and to_remote == total // 1000 - 1000
    commitment = build_commitment(poor)
    assert [o.kind for o in commitment.outputs] == [OutputKind.TO_REMOTE]
    assert commitment.fee_sat == 1000
    # the same balances are fine when the rich side opened: it pays
    fine = build_commitment(replace(poor, local_is_opener=False))
    assert fine.output_of(OutputKind.TO_LOCAL).amount_sat == 1000
    assert fine.output_of(OutputKind.TO_REMOTE).amount_sat == (
        total // 1000 - 1000 - fine.base_fee_sat
    )


def test_single_anchor_when_only_one_side_has_funds():
    total = PARAMS["funding_amount_satoshi"] * 1000
    spec = spec_for(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX, total, 0, 15000, 546, ())
    commitment = build_commitment(spec)
    kinds = sorted(o.kind.value for o in commitment.outputs)
    assert kinds == ["to_local", "to_local_anchor"]
    assert commitment.output_of(OutputKind.TO_LOCAL).amount_sat == (
        total // 1000 - 660 - commitment.base_fee_sat
    )


def test_identical_htlcs_are_ordered_by_cltv_expiry():
    """Two offered HTLCs with the same amount and hash differ only by cltv_expiry."""
    h1 = ALL_HTLCS[5]
    twins = [replace(h1, htlc_id=10, cltv_expiry=700), replace(h1, htlc_id=11, cltv_expiry=600)]
    total = PARAMS["funding_amount_satoshi"] * 1000
    for htlcs in (tuple(twins), tuple(reversed(twins))):
        spec = spec_for(
            ChannelType.STATIC_REMOTEKEY, total - 2 * h1.amount_msat, 0, 253, 546, htlcs
        )
        outputs = build_commitment(spec).htlc_outputs
        assert [o.htlc.cltv_expiry for o in outputs] == [600, 700]
        assert outputs[0].script_pubkey == outputs[1].script_pubkey


def test_funding_output_p2wsh_matches_appendix_b():
    values = VECTORS["funding_tx"]["values"]
    tx = CTransaction.deserialize(h(values["funding tx"]))
    script = funding_script(h(values["local_funding_pubkey"]), h(values["remote_funding_pubkey"]))
    assert script.hex() == VECTORS["funding_tx"]["annotations"]["funding witness script"]
    out = tx.vout[values["funding output"]]
    assert bytes(out.scriptPubKey) == p2wsh(script)
    assert out.nValue == values["funding satoshis"]


def test_anchors_add_anchor_outputs_and_a_csv_to_remote():
    """Sanity across channel types: same spec, anchors add exactly the anchor outputs and
    move to_remote to the CSV-locked P2WSH."""
    case = APP_C["cases"][0]
    static = build_commitment(c_spec(case))
    anchored = build_commitment(
        replace(c_spec(case), channel_type=ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    )
    assert len(anchored.outputs) == len(static.outputs) + 2
    assert static.output_of(OutputKind.TO_REMOTE).witness_script is None
    assert anchored.output_of(OutputKind.TO_REMOTE).witness_script is not None


# -- properties ------------------------------------------------------------------------------

random_htlcs = st.lists(
    st.tuples(
        st.sampled_from(list(HtlcDirection)),
        st.integers(0, 30_000_000),  # amount_msat
        st.integers(0, 1000),  # cltv_expiry
        st.sampled_from([bytes(32), b"\x11" * 32]),  # few hashes so outputs can collide
    ),
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(
    raw_htlcs=random_htlcs,
    local_share=st.floats(0, 1),
    feerate=st.integers(0, 20_000),
    dust=st.integers(0, 5_000),
    channel_type=st.sampled_from(list(ChannelType)),
    local_is_opener=st.booleans(),
)
def test_commitment_invariants(
    raw_htlcs, local_share, feerate, dust, channel_type, local_is_opener
):
    htlcs = tuple(
        Htlc(direction=d, htlc_id=i, amount_msat=a, payment_hash=ph, cltv_expiry=c)
        for i, (d, a, c, ph) in enumerate(raw_htlcs)
    )
    capacity = PARAMS["funding_amount_satoshi"] * 1000
    rest = capacity - sum(x.amount_msat for x in htlcs)
    to_local = int(rest * local_share)
    spec = replace(
        spec_for(channel_type, to_local, rest - to_local, feerate, dust, htlcs),
        local_is_opener=local_is_opener,
    )
    kept = [x for x in htlcs if not is_trimmed(x, dust, feerate, channel_type)]
    base_fee = commitment_fee_sat(feerate, len(kept), channel_type)
    opener_cost = base_fee + (660 if channel_type.anchors else 0)
    opener_amount = balances_after_fees_sat(spec)[0 if local_is_opener else 1]
    try:
        commitment = build_commitment(spec)
    except CommitmentError as exc:
        # never an invalid transaction: anchors the opener cannot pay are refused
        assert "anchor" in str(exc) and channel_type.anchors and opener_amount < 0
        return

    assert commitment.base_fee_sat == base_fee
    assert sum(o.amount_sat for o in commitment.outputs) + commitment.fee_sat == spec.funding_sat
    if opener_amount >= 0:  # else the opener pays all it has, less than the base fee
        assert commitment.fee_sat >= base_fee
    keys_ = [(o.amount_sat, o.script_pubkey) for o in commitment.outputs]
    assert keys_ == sorted(keys_)
    assert [o.index for o in commitment.outputs] == list(range(len(commitment.outputs)))
    assert sorted(o.htlc.htlc_id for o in commitment.htlc_outputs) == sorted(
        x.htlc_id for x in kept
    )
    kinds = {o.kind for o in commitment.outputs}
    local_amount = spec.to_local_msat // 1000 - (opener_cost if local_is_opener else 0)
    remote_amount = spec.to_remote_msat // 1000 - (0 if local_is_opener else opener_cost)
    assert balances_after_fees_sat(spec) == (local_amount, remote_amount)
    assert (OutputKind.TO_LOCAL in kinds) == (local_amount >= max(dust, 0))
    assert (OutputKind.TO_REMOTE in kinds) == (remote_amount >= max(dust, 0))
    if channel_type.anchors:
        assert (OutputKind.LOCAL_ANCHOR in kinds) == (OutputKind.TO_LOCAL in kinds or bool(kept))
        assert (OutputKind.REMOTE_ANCHOR in kinds) == (OutputKind.TO_REMOTE in kinds or bool(kept))
    else:
        assert not kinds & {OutputKind.LOCAL_ANCHOR, OutputKind.REMOTE_ANCHOR}
    tx = commitment.tx
    assert (
        decode_commitment_number(tx.nLockTime, tx.vin[0].nSequence, spec.obscuring_factor)
        == spec.commitment_number
    )
    assert CTransaction.deserialize(tx.serialize()).GetTxid() == commitment.txid
    for htlc_tx in htlc_txs(commitment):
        out = htlc_tx.tx.vout[0].nValue
        assert 0 <= out <= htlc_tx.commitment_output.amount_sat
        assert out >= dust or channel_type.anchors and out == htlc_tx.commitment_output.amount_sat
        assert htlc_tx.tx.vin[0].prevout.hash == commitment.txid


def test_anchors_the_opener_cannot_pay_are_refused():
    total = PARAMS["funding_amount_satoshi"] * 1000
    spec = spec_for(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX, 100_000, total - 100_000, 0, 546, ())
    with pytest.raises(CommitmentError, match="anchor"):
        build_commitment(spec)
    # with enough left for the anchors the opener's output just disappears
    spec = replace(spec, to_local_msat=700_000, to_remote_msat=total - 700_000)
    commitment = build_commitment(spec)
    assert commitment.output_of(OutputKind.TO_LOCAL) is None
    assert commitment.fee_sat == 700 - 330
