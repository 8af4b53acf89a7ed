"""User -> Tram -> Shop over three real channel managers (loopback TCP, SQLite): the payer's
trampoline onion (Electrum/eclair dialect, legacy relay to a payee without trampoline
support) relayed by the real forwarder (wallet/ln/shell/forwarder.py), the fee levels climbed
until the trampoline's fee is met, the budget respected, and a payment split across two
channels to the trampoline."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.nodes import channel, final_receiver, settled, start_nodes, stop_all
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.shell.forwarder import TrampolineForwarder
from wallet.ln.shell.payments import PaymentFailed

POLICY = RelayPolicy(3_000, 1_000, 144)  # more than the first two fee levels offer


async def world(tmp_path, user_channels: int = 1, shop_funding: int = 600_000):
    chain, seeds, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    TrampolineForwarder(tram, POLICY).install()
    ups = [await channel(chain, user, tram) for _ in range(user_channels)]
    down = await channel(chain, tram, shop, shop_funding)
    return chain, user, tram, shop, ups, down


async def test_trampoline_payment_climbs_fee_levels_to_the_trampolines_fee(tmp_path) -> None:
    chain, user, tram, shop, [(ut, tu)], (ts, st) = await world(tmp_path)
    try:
        amount = 2_000_000
        text = shop.create_invoice(amount, "a book")
        inv = decode_invoice(text)
        # Shop's invoice has trampoline bit 151 and its hint starts at Tram: end to end
        assert plan.end_to_end(inv, tram.node_id)
        result = await user.pay(text)
        wanted = POLICY.fee_msat(amount)
        levels = plan.fee_levels(amount, plan.default_max_fee_msat(amount))
        used = next(lv for lv in levels if lv.fee_msat(amount) >= wanted)
        assert result["status"] == "paid" and result["fee_msat"] == used.fee_msat(amount)
        parts = user.payment_log.htlcs_for(inv.payment_hash)
        assert [p.status for p in parts] == ["failed"] * levels.index(used) + ["settled"]
        assert all("trampoline_fee_insufficient" in p.failure for p in parts[:-1])
        assert shop.payment_log.get(inv.payment_hash).status == "paid"
        await settled(ut, tu)
        await settled(ts, st)
        assert st.state.commitments.local_commit.view.to_local_msat == amount
        assert tu.state.commitments.local_commit.view.to_local_msat == \
            amount + used.fee_msat(amount)
    finally:
        await stop_all(user, tram, shop)


async def test_trampoline_fee_never_exceeds_the_users_maximum(tmp_path) -> None:
    chain, user, tram, shop, _, _ = await world(tmp_path)
    try:
        amount = 2_000_000
        text = shop.create_invoice(amount, "too dear")
        inv = decode_invoice(text)
        [[hint]] = inv.route_hints
        hint_fee = plan.hint_fee_msat(hint, amount)
        with pytest.raises(PaymentFailed, match="no route at this fee.*budget .* exhausted"):
            await user.pay(text, max_fee_msat=hint_fee - 1)
        sent = user.payment_log.htlcs_for(inv.payment_hash)
        assert sent and all(p.status == "failed" for p in sent)
        assert all(p.amount_msat - amount < hint_fee for p in sent)
        row = user.payment_log.get(inv.payment_hash)
        assert row.status == "failed" and "exhausted" in row.failure
        # a budget below the trampoline's fee but above the route hint's: paid through the
        # hint (a plain relay by the same node), never above the budget
        budget = POLICY.fee_msat(amount) - 1
        result = await user.pay(text, max_fee_msat=budget)
        assert result["status"] == "paid" and result["fee_msat"] == hint_fee <= budget
        assert all(p.amount_msat - amount <= budget
                   for p in user.payment_log.htlcs_for(inv.payment_hash))
    finally:
        await stop_all(user, tram, shop)


async def test_trampoline_payment_split_across_two_channels(tmp_path) -> None:
    chain, user, tram, shop, ups, down = await world(tmp_path, 2, 1_500_000)
    try:
        amount = 800_000_000  # more than one 600 000 sat channel can carry
        text = shop.create_invoice(amount, "a bike")
        result = await user.pay(text, max_fee_msat=2_000_000)
        inv = decode_invoice(text)
        settled_parts = [p for p in user.payment_log.htlcs_for(inv.payment_hash)
                         if p.status == "settled"]
        assert len({p.key_index for p in settled_parts}) == 2
        assert sum(p.amount_msat for p in settled_parts) == amount + result["fee_msat"]
        assert shop.payment_log.get(inv.payment_hash).status == "paid"
        for ours, theirs in ups:
            await settled(ours, theirs)
        await settled(*down)
        assert down[1].state.commitments.local_commit.view.to_local_msat == amount
    finally:
        await stop_all(user, tram, shop)


async def test_the_recipients_refusal_comes_back_through_the_trampoline(tmp_path) -> None:
    chain, user, tram, shop, _, _ = await world(tmp_path)
    try:
        text = shop.create_invoice(1_000_000, "forgotten")
        h = decode_invoice(text).payment_hash
        with shop.payment_log.db.transaction():
            shop.payment_log.db.execute("DELETE FROM ln_payments WHERE payment_hash = ?", (h,))
        with pytest.raises(PaymentFailed, match="recipient rejected: unknown payment"):
            await user.pay(text)
        assert "incorrect_or_unknown_payment_details" in user.payment_log.get(h).failure
    finally:
        await stop_all(user, tram, shop)


async def test_user_restarts_mid_trampoline_payment_and_it_completes_once(tmp_path) -> None:
    """The user's node stops while Shop holds the payment; restarted, it watches the HTLC
    it had sent (never a second one), and the payment ends paid when Shop settles."""
    from tests.support.nodes import make_node

    chain, seeds, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    TrampolineForwarder(tram, POLICY).install()
    user2 = shop2 = None
    try:
        await channel(chain, user, tram)
        await channel(chain, tram, shop)
        shop.switch.on_htlc_received = lambda ch, h, queue: False  # Shop dies before answering
        text = shop.create_invoice(1_500_000, "held")
        h = decode_invoice(text).payment_hash
        task = asyncio.ensure_future(user.pay(text, timeout=30))
        for _ in range(500):
            sc = next(iter(shop.channels.values())).state.commitments
            if sc.local_commit.view.htlcs and not sc.has_pending_changes:
                break
            await asyncio.sleep(0.01)
        await user.stop()
        with pytest.raises(PaymentFailed, match="node stopped"):
            await task
        user2 = make_node(tmp_path, "user", chain, seeds["user"])
        await user2.start()
        assert user2.payment_log.get(h).status == "pending"
        await user2.peers.connect("127.0.0.1", tram.listen_port, tram.node_id)
        await shop.stop()  # Shop restarts from SQLite: it settles what it left undecided
        shop2 = make_node(tmp_path, "shop", chain, seeds["shop"])
        await shop2.start(listen_port=0)
        await tram.peers.connect("127.0.0.1", shop2.listen_port, shop2.node_id)
        for _ in range(500):
            if user2.payment_log.get(h).status == "paid":
                break
            await asyncio.sleep(0.02)
        row = user2.payment_log.get(h)
        assert row.status == "paid" and row.fee_msat > 0
        assert len([p for p in user2.payment_log.htlcs_for(h) if p.status == "settled"]) == 1
        assert shop2.payment_log.get(h).status == "paid"
    finally:
        await stop_all(user, tram, shop, user2, shop2)


async def test_recipient_with_trampoline_support_gets_the_trampoline_onion(tmp_path) -> None:
    """An invoice that advertises trampoline (as Electrum's carry bit 151): the payer's
    trampoline onion has two layers, Tram relays the inner one to Shop, whose receiver
    reads its own layer as the final recipient."""
    import dataclasses

    from wallet.ln.bolt11.encode import encode_invoice

    chain, user, tram, shop, [(ut, tu)], (ts, st) = await world(tmp_path)
    try:
        plain = decode_invoice(shop.create_invoice(3_000_000, "trampoline recipient"))
        tagged = dataclasses.replace(plain, features=plain.features | {151})
        text = encode_invoice(tagged, shop.lightning.node_private_key)
        assert plan.supports_trampoline(decode_invoice(text))
        seen = []
        receiver = shop.switch.receiver
        shop.switch.receiver = final_receiver(
            shop, lambda inc: (seen.append(inc), receiver.on_final_htlc(inc))[1])
        result = await user.pay(text)
        assert result["status"] == "paid"
        assert [type(inc.trampoline).__name__ for inc in seen] == ["TrampolineReceive"]
        assert shop.payment_log.get(plain.payment_hash).status == "paid"
        await settled(ts, st)
        assert st.state.commitments.local_commit.view.to_local_msat == 3_000_000
    finally:
        await stop_all(user, tram, shop)
