"""BOLT 2, open_channel: "The receiving node MUST fail the channel if:" each case, as Kite.

Each case sends one well-formed typed open_channel with one field made wrong and expects an
`error` (failing a channel that is not yet established is an `error` naming the temporary
channel id) and no accept_channel. The valid open these are made from is accepted by Kite
in script_bolt2_typed_channel.py.
"""

from collections.abc import Iterator
from typing import Any

import lnprototest
import pytest
from kite_runner import KiteRunner
from lnprototest import Connect, ExpectError, ExpectMsg, KeySet, Msg, MustNotMsg, Runner, bitfield
from lnprototest.utils import pubkey_of
from lnprototest.utils.bitcoin_utils import BitcoinUtils


@pytest.fixture()
def runner(pytestconfig: Any) -> Iterator[KiteRunner]:
    node = KiteRunner(pytestconfig)
    yield node
    node.teardown()
    lnprototest.assign_namespace(lnprototest.peer_message_namespace())


PEER = KeySet(revocation_base_secret="21", payment_base_secret="22",
              htlc_base_secret="24", delayed_payment_base_secret="23",
              shachain_seed="00" * 32)
FUNDING = 999_800
NOT_A_POINT = "04" + "11" * 32  # 33 bytes, but 04 is no compressed-point prefix


def open_fields(**wrong: Any) -> dict[str, Any]:
    fields: dict[str, Any] = dict(
        chain_hash=BitcoinUtils.blockchain_hash(), temporary_channel_id="11" * 32,
        funding_satoshis=FUNDING, push_msat=0, dust_limit_satoshis=546,
        max_htlc_value_in_flight_msat=4294967295, channel_reserve_satoshis=9998,
        htlc_minimum_msat=0, feerate_per_kw=253, to_self_delay=5, max_accepted_htlcs=483,
        funding_pubkey=pubkey_of("20"), revocation_basepoint=PEER.revocation_basepoint(),
        payment_basepoint=PEER.payment_basepoint(),
        delayed_payment_basepoint=PEER.delayed_payment_basepoint(),
        htlc_basepoint=PEER.htlc_basepoint(),
        first_per_commitment_point=PEER.per_commit_point(0), channel_flags=0,
        tlvs="{upfront_shutdown_script={shutdown_scriptpubkey=},channel_type={type="
             + bitfield(12) + "}}")
    fields.update(wrong)
    return fields


CASES = {
    # "the `chain_hash` value is set to a hash of a chain that is unknown to the receiver"
    "unknown-chain": dict(
        chain_hash="6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000"),
    # "`push_msat` is greater than `funding_satoshis` * 1000"
    "push-over-funding": dict(push_msat=FUNDING * 1000 + 1),
    # "`to_self_delay` is unreasonably large"
    "to-self-delay-huge": dict(to_self_delay=65535),
    # "`max_accepted_htlcs` is greater than 483"
    "max-accepted-484": dict(max_accepted_htlcs=484),
    # "it considers `feerate_per_kw` too small [...] or unreasonably large"
    "feerate-below-floor": dict(feerate_per_kw=252),
    "feerate-huge": dict(feerate_per_kw=100_000_000),
    # "`funding_pubkey`, [...] are not valid secp256k1 pubkeys in compressed format"
    "funding-pubkey-invalid": dict(funding_pubkey=NOT_A_POINT),
    "revocation-basepoint-invalid": dict(revocation_basepoint=NOT_A_POINT),
    "payment-basepoint-invalid": dict(payment_basepoint=NOT_A_POINT),
    "delayed-basepoint-invalid": dict(delayed_payment_basepoint=NOT_A_POINT),
    "htlc-basepoint-invalid": dict(htlc_basepoint=NOT_A_POINT),
    # "`dust_limit_satoshis` is greater than `channel_reserve_satoshis`"
    "dust-over-reserve": dict(dust_limit_satoshis=10_000),
    # "`dust_limit_satoshis` is smaller than `354 satoshis`"
    "dust-below-354": dict(dust_limit_satoshis=353),
    # "both `to_local` and `to_remote` amounts [...] are less than or equal to
    # `channel_reserve_satoshis`"
    "both-under-reserve": dict(channel_reserve_satoshis=FUNDING),
    # "the `channel_type` includes `option_zeroconf` and it does not trust the sender"
    "zeroconf-untrusted": dict(
        tlvs="{upfront_shutdown_script={shutdown_scriptpubkey=},channel_type={type="
             + bitfield(12, 50) + "}}"),
}


@pytest.mark.parametrize("wrong", list(CASES.values()), ids=list(CASES))
def test_open_channel_refused(runner: Runner, wrong: dict[str, Any]) -> None:
    runner.run([
        Connect(connprivkey="02"),
        ExpectMsg("init"),
        Msg("init", globalfeatures="", features=bitfield(13)),
        MustNotMsg("accept_channel"),
        Msg("open_channel", **open_fields(**wrong)),
        ExpectError(),
    ])
