"""IncomingHtlc.fail for a failure code that carries a channel_update (UPDATE codes): the
relaying node sends an empty one (our channels are not announced). Before, the JIT
forwarder's `temporary_channel_failure` (client not connected) could not be built at all,
and the payer read `temporary_node_failure` instead."""

from __future__ import annotations

import os

import pytest

from wallet.ln.htlc.contract import Fail, IncomingHtlc
from wallet.ln.onion.failures import FailureCode, decrypt_error_packet
from wallet.ln.onion.sphinx import HopPayload

SECRET = os.urandom(32)


def _incoming() -> IncomingHtlc:
    return IncomingHtlc(key_index=1, htlc_id=2, amount_msat=10_000, payment_hash=bytes(32),
                        cltv_expiry=500, onion=bytes(1366), shared_secret=SECRET,
                        payload=HopPayload(amt_to_forward=9_000, outgoing_cltv_value=400))


@pytest.mark.parametrize("code", [FailureCode.TEMPORARY_CHANNEL_FAILURE])
def test_an_update_failure_without_fields_gets_an_empty_channel_update(code):
    answer = _incoming().fail(code, "the JIT client is not connected")
    assert isinstance(answer, Fail) and answer.why == "the JIT client is not connected"
    read = decrypt_error_packet(answer.reason, [SECRET])
    assert read.hop_index == 0 and read.code == int(code)
    assert read.failure is not None and read.failure.channel_update is None


def test_a_given_channel_update_is_kept():
    answer = _incoming().fail(FailureCode.TEMPORARY_CHANNEL_FAILURE, channel_update=b"\x01\x02")
    read = decrypt_error_packet(answer.reason, [SECRET])
    assert read.failure is not None and read.failure.channel_update == b"\x01\x02"
