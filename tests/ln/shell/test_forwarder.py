"""The forwarder shell over real channel managers (loopback TCP, real SQLite, the fake chain
of test_channel_manager): user -> Tram -> shop trampoline payments, and what a restart of
Tram in the middle of one leaves: the preimage learned downstream (before or after the
restart, or revealed on chain) is claimed upstream; an HTLC never forwarded is failed back
readably."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.nodes import channel, final_receiver, make_node, settled, start_nodes, stop_all
from wallet.hashes import sha256
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.htlc.contract import Fulfill
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.onion.failures import FailureCode, decrypt_error_packet
from wallet.ln.shell.forwarder import TrampolineForwarder
from wallet.ln.store.channel_store import PAID
from wallet.ln.store.forward_store import FAILED as FORWARD_FAILED
from wallet.ln.store.forward_store import FORWARDING, SETTLED

POLICY = RelayPolicy(1_000, 100, 144)


async def world(tmp_path):
    """user -> tram (the user funds), tram -> shop (tram funds); tram forwards."""
    chain, seeds, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    forwarder = TrampolineForwarder(tram, POLICY).install()
    up = await channel(chain, user, tram)
    down = await channel(chain, tram, shop)
    return chain, seeds, user, tram, shop, forwarder, up, down


async def until(check, what: str, timeout: float = 10.0):
    for _ in range(int(timeout / 0.02)):
        value = check()
        if value:
            return value
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def restart_tram(tmp_path, chain, seeds, user, *, forwarder: bool = True):
    tram = make_node(tmp_path, "tram", chain, seeds["tram"])
    fwd = TrampolineForwarder(tram, POLICY).install() if forwarder else None
    await tram.start(listen_port=0)
    if fwd is not None:
        fwd.recover()
    await user.peers.connect("127.0.0.1", tram.listen_port, tram.node_id)
    return tram, fwd


async def test_trampoline_payment_settles_and_is_recorded(tmp_path) -> None:
    chain, _, user, tram, shop, forwarder, up, down = await world(tmp_path)
    try:
        inv = shop.create_invoice(2_000_000, "tea")
        result = await user.pay(inv)
        h = decode_invoice(inv).payment_hash
        assert result["status"] == PAID and result["fee_msat"] == POLICY.fee_msat(2_000_000)
        rows = forwarder.store.for_hash(h)
        assert [r.status for r in rows] == [FORWARD_FAILED, SETTLED]  # level 0, then level 1
        assert rows[1].preimage == bytes.fromhex(result["preimage"])
        assert rows[1].fee_msat == POLICY.fee_msat(2_000_000)
        [out] = [r for r in tram.payment_log.htlcs_for(h) if r.status == "settled"]
        assert out.purpose == "forward" and out.amount_msat == 2_000_000
        await settled(up[0], up[1], down[0], down[1])
        assert down[1].state.commitments.local_commit.view.to_local_msat == 2_000_000
        # the policy can change at run time: the next payment pays the new fee
        forwarder.policy = RelayPolicy(3_000, 100, 144)
        result = await user.pay(shop.create_invoice(2_000_000, "more"))
        assert result["fee_msat"] == plan.FeeLevel(3_000, 100).fee_msat(2_000_000)
    finally:
        await stop_all(user, tram, shop)


async def test_preimage_learned_while_tram_was_down_is_claimed_after_its_restart(tmp_path):
    chain, seeds, user, tram, shop, forwarder, up, down = await world(tmp_path)
    tram2 = None
    held = []
    shop.switch.receiver = final_receiver(shop, lambda inc: held.append(inc))  # shop holds it, answers later
    try:
        inv = shop.create_invoice(3_000_000, "held")
        h = decode_invoice(inv).payment_hash
        payment = asyncio.ensure_future(user.pay(inv, timeout=30))
        await until(lambda: held, "the HTLC at the shop")
        assert [r.status for r in forwarder.store.for_hash(h)][-1] == FORWARDING
        await tram.stop()  # Tram goes down with the payment in flight both ways
        await asyncio.sleep(0.2)
        preimage = shop.payment_log.get(h).preimage
        await shop.resolve_incoming(held[0].key_index, held[0].htlc_id, Fulfill(preimage))
        tram2, forwarder2 = await restart_tram(tmp_path, chain, seeds, user)
        # Tram reconnects to the shop, learns the preimage, and fulfills upstream
        result = await asyncio.wait_for(payment, 20)
        assert result["status"] == PAID and sha256(bytes.fromhex(result["preimage"])) == h
        assert [r.status for r in forwarder2.store.for_hash(h)][-1] == SETTLED
    finally:
        await stop_all(user, tram, shop, tram2)


async def test_preimage_known_before_the_crash_is_claimed_after_the_restart(tmp_path):
    chain, seeds, user, tram, shop, forwarder, up, down = await world(tmp_path)
    tram2 = None

    answer_upstream = tram.switch.resolve_incoming

    async def crash_before_fulfilling(key_index, htlc_id, answer):
        if isinstance(answer, Fulfill):
            return None  # the process dies between learning the preimage and answering
        await answer_upstream(key_index, htlc_id, answer)

    tram.switch.resolve_incoming = crash_before_fulfilling
    try:
        inv = shop.create_invoice(4_000_000, "crash")
        h = decode_invoice(inv).payment_hash
        payment = asyncio.ensure_future(user.pay(inv, timeout=30))
        await until(lambda: any(r.status == SETTLED for r in forwarder.store.for_hash(h)),
                    "Tram to learn the preimage")
        await asyncio.sleep(0.2)
        assert not payment.done()
        await tram.stop()
        tram2, _ = await restart_tram(tmp_path, chain, seeds, user)
        result = await asyncio.wait_for(payment, 20)
        assert result["status"] == PAID
        assert tram2.payment_log.known_preimage(h) == bytes.fromhex(result["preimage"])
    finally:
        await stop_all(user, tram, shop, tram2)


async def test_a_part_held_when_tram_died_is_failed_readably_after_the_restart(tmp_path):
    chain, seeds, user, tram, shop, forwarder, up, down = await world(tmp_path)
    tram2 = None
    try:
        inv = decode_invoice(shop.create_invoice(5_000_000, "half"))
        level = plan.FeeLevel(1_000, 100)
        attempt = plan.trampoline_attempt(inv, 5_000_000, tram.node_id, level,
                                          user.chain.tip_height)
        # one part of two: Tram holds it, waiting for the rest
        part = plan.trampoline_part(attempt, attempt.total_msat // 2, inv.payment_hash)
        sent = await user.send_htlc(user.channels[up[0].key_index], part.amount_msat,
                                    inv.payment_hash, part.cltv_expiry, part.onion,
                                    purpose="payment", shared_secrets=part.shared_secrets,
                                    trampoline_secrets=part.trampoline_secrets)
        await until(lambda: forwarder.store.for_hash(inv.payment_hash), "Tram to hold it")
        await tram.stop()
        tram2, forwarder2 = await restart_tram(tmp_path, chain, seeds, user)
        outcome = await asyncio.wait_for(sent.outcome, 20)
        seen = decrypt_error_packet(outcome.reason, part.shared_secrets, part.trampoline_secrets)
        assert (seen.hop_index, seen.code) == (0, FailureCode.TEMPORARY_CHANNEL_FAILURE)
        [row] = forwarder2.store.for_hash(inv.payment_hash)
        assert row.status == FORWARD_FAILED and "restart" in row.why
        assert shop.payment_log.get(inv.payment_hash).status != PAID
    finally:
        await stop_all(user, tram, shop, tram2)


async def test_a_preimage_revealed_on_chain_downstream_is_claimed_upstream(tmp_path):
    chain, seeds, user, tram, shop, forwarder, up, down = await world(tmp_path)
    held = []
    shop.switch.receiver = final_receiver(shop, lambda inc: held.append(inc))  # shop never answers off-chain
    try:
        inv = shop.create_invoice(3_000_000, "on chain")
        h = decode_invoice(inv).payment_hash
        payment = asyncio.ensure_future(user.pay(inv, timeout=30))
        await until(lambda: held, "the HTLC at the shop")
        preimage = shop.payment_log.get(h).preimage
        # what the watcher hands over when the shop claims Tram's HTLC output on chain
        tram.switch.preimages_learned(down[0], {h: b"\x00" * 32})  # not the preimage
        await asyncio.sleep(0.2)
        assert not payment.done()
        tram.switch.preimages_learned(down[0], {h: preimage})
        result = await asyncio.wait_for(payment, 10)
        assert result["status"] == PAID and result["preimage"] == preimage.hex()
        assert tram.payment_log.known_preimage(h) == preimage
    finally:
        await stop_all(user, tram, shop)


@pytest.mark.parametrize("wrong", ["amount", "expired"])
async def test_recipient_refusals_come_back_through_tram(tmp_path, wrong) -> None:
    chain, _, user, tram, shop, forwarder, up, down = await world(tmp_path)
    try:
        text = shop.create_invoice(2_000_000, "x", expiry=1 if wrong == "expired" else 3600)
        inv = decode_invoice(text)
        if wrong == "expired":
            await asyncio.sleep(1.2)
        amount = 1_000_000 if wrong == "amount" else 2_000_000
        level = plan.FeeLevel(1_000, 100)
        attempt = plan.trampoline_attempt(inv, amount, tram.node_id, level,
                                          user.chain.tip_height)
        part = plan.trampoline_part(attempt, attempt.total_msat, inv.payment_hash)
        sent = await user.send_htlc(user.channels[up[0].key_index], part.amount_msat,
                                    inv.payment_hash, part.cltv_expiry, part.onion,
                                    purpose="payment", shared_secrets=part.shared_secrets,
                                    trampoline_secrets=part.trampoline_secrets)
        outcome = await asyncio.wait_for(sent.outcome, 10)
        assert outcome.code == FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
        assert outcome.decrypted.hop_index == 0 and not outcome.decrypted.in_trampoline
        assert outcome.decrypted.failure["htlc_msat"] == amount
        assert shop.payment_log.get(inv.payment_hash).status != PAID
    finally:
        await stop_all(user, tram, shop)
