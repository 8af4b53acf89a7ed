"""BOLT 5 on-chain enforcement: what to broadcast for a closing channel, and when it is done.

Pure decision logic (no I/O): `plan(data, view, preimages, feerate)` takes what the channel
knows (`CloseData`: its commitments, our keys, the HTLC log, where swept funds go) and what
the chain shows (`ChainView`: the transaction spending the funding output, the spender of
every output we asked to watch, their heights, the tip) and returns a `Plan`: the outputs to
watch next, the transactions to (re)broadcast now, the preimages learned from the peer's
claims, and whether the channel is fully resolved. It keeps no memory between calls: each
call decides again from the chain, so a reorganised sweep is simply rebuilt, and a restart
needs nothing more than what is in SQLite.

How each ending is handled (sweeps are built by `sweeps.py`, one transaction per output so
that the peer claiming one output never invalidates our claim of another):

- **Our commitment**: `to_local` after `to_self_delay`; each HTLC output through its
  HTLC-timeout (after `cltv_expiry`) or HTLC-success (with the preimage) transaction, whose
  output is swept after `to_self_delay`. An HTLC output the peer takes first is resolved
  (its preimage, if any, is learned).
- **Their current (or next) commitment**: `to_remote`, their offered HTLCs with the
  preimage, their received HTLCs (ours) after `cltv_expiry`.
- **Their revoked commitment**: every output by the revocation key (justice), and the
  output of any second-stage HTLC transaction they manage to confirm. An HTLC output our
  log does not place (a commitment revoked before a restore that resumed the channel from
  a peer's blob) is watched instead: the peer can only take it through a second-stage
  transaction, whose output the revocation key takes.
- **A commitment of theirs we do not know** (we lost state): our `to_remote`, which pays
  our static payment key.
- **Cooperative close**: our output pays our wallet directly; nothing to sweep.

Fees: sweeps pay the feerate the shell passes (its current estimate); one of our sweeps
still in the mempool is replaced (BIP 125) once that feerate pays 5/4 of its fee.
Pre-signed HTLC transactions without anchors carry the commitment's feerate. An output that
would be dust at the estimate is swept at the relay floor (`RELAY_FLOOR_PER_KW`, 253 sat/kw)
instead of being given up: dust at today's estimate only means "not at that speed", and the
outputs where speed matters (a race with the peer) gain nothing from being left alone.

Resolution depth: an output is irreversibly resolved once the transaction spending it is
`IRREVERSIBLE_DEPTH` (6) blocks deep, on every network (a regtest reorg test must mine past
it too); the channel is resolved when the closing transaction and every output we watch
are. An output that is dust even at the relay floor can never be swept on its own: it is
abandoned (status "dust", `Plan.abandoned`, its note says why) and counts as resolved. No
fee is ever spent on an HTLC-timeout/success transaction whose output would be abandoned
so: the HTLC is abandoned on the commitment instead (the peer may take it, and a preimage
it reveals doing so is still learned while we watch). That is never worse for us: either
way none of it reaches our wallet, and the fee would only have burnt what the peer can
still use. Anchor outputs are not swept (330 sat). With anchors, our HTLC-timeout/success
transactions bring their fee from a wallet coin the shell passes, and our commitment,
while unconfirmed and below the current feerate, is bumped by a CPFP child spending our
anchor and a wallet coin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bitcoin.core import CTransaction

from wallet.errors import KiteError
from wallet.hashes import sha256
from wallet.ln.channel.commitments import Commitments
from wallet.ln.enforcement.channel_info import ChannelInfo, OurChannelKeys, PeerBasepoints
from wallet.ln.enforcement.funding_spend import CloseKind, classify_funding_spend
from wallet.ln.enforcement.sweep_tx import (
    RELAY_FLOOR_PER_KW,
    SweepDustError,
    SweepError,
    SweepInput,
    SweepKind,
    WalletCoin,
    build_sweep,
    dust_threshold,
    fee_for_weight,
    spends,
    sweep_weight,
    tx_weight,
)
from wallet.ln.enforcement.sweeps import (
    anchor_cpfp,
    fund_htlc_tx,
    htlc_tx_output_input,
    justice_inputs,
    our_htlc_privkey,
    our_to_local_input,
    their_offered_htlc_input,
    their_received_htlc_input,
    to_remote_input,
)
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import (
    CommitmentOutput,
    Htlc,
    HtlcDirection,
    OutputKind,
    build_commitment,
)
from wallet.ln.tx.errors import ChannelTxError
from wallet.ln.tx.shachain import ShachainStore
from wallet.sentence import Sentence, template

IRREVERSIBLE_DEPTH = 6
"""Blocks on top of (and including) the block of a spend before we stop watching it."""


BUMP_NUMERATOR, BUMP_DENOMINATOR = 5, 4
"""A sweep waiting in the mempool is replaced once the feerate would pay 5/4 of its fee."""


class WatcherError(KiteError):
    """What the chain showed cannot be right for this channel (a server lie or a bug)."""


# -- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedHtlc:
    """An HTLC of the HTLC log: in the peer's commitments `first_remote`..`last_remote`."""

    we_offered: bool
    htlc_id: int
    amount_msat: int
    payment_hash: bytes = field(repr=False)
    cltv_expiry: int
    first_remote: int
    last_remote: int

    def in_their_commitment(self, number: int) -> bool:
        return self.first_remote <= number <= self.last_remote

    def for_them(self) -> Htlc:
        """The HTLC as their commitments describe it (OFFERED = they offered it)."""
        direction = HtlcDirection.RECEIVED if self.we_offered else HtlcDirection.OFFERED
        return Htlc(direction, self.htlc_id, self.amount_msat, self.payment_hash,
                    self.cltv_expiry)


@dataclass(frozen=True)
class CloseData:
    """Everything the channel contributes (from its stored state and the HTLC log)."""

    commitments: Commitments = field(repr=False)
    keys: OurChannelKeys = field(repr=False)
    destination: bytes = field(repr=False)  # scriptPubKey of an on-chain wallet address
    htlc_log: tuple[LoggedHtlc, ...] = ()
    published: tuple[bytes, ...] = field(default=(), repr=False)  # what we broadcast to close
    published_what: str = "commitment"  # or "mutual close"

    @property
    def info(self) -> ChannelInfo:
        return channel_info(self.commitments, self.keys)


@dataclass(frozen=True)
class Spend:
    """A transaction spending a watched output, and the height of its block (None: in the
    mempool). The shell checks txids and Merkle proofs before building one."""

    tx: CTransaction = field(repr=False)
    height: int | None = None


@dataclass(frozen=True)
class ChainView:
    tip_height: int
    closing: Spend | None  # the spender of the funding output
    spends: Mapping[tuple[bytes, int], Spend] = field(default_factory=dict, repr=False)
    """Spenders of the outputs a previous plan asked to watch, by (txid, index)."""


# -- outputs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Watched:
    """An output whose spender the shell must look up (by its script's history)."""

    txid: bytes = field(repr=False)
    index: int
    script_pubkey: bytes = field(repr=False)
    amount_sat: int
    what: str

    @property
    def outpoint(self) -> tuple[bytes, int]:
        return (self.txid, self.index)


@dataclass(frozen=True)
class Broadcast:
    tx: CTransaction = field(repr=False)
    what: str

    @property
    def raw(self) -> bytes:
        return self.tx.serialize()


@dataclass(frozen=True)
class OutputState:
    """Where one watched output stands."""

    what: str
    txid: bytes = field(repr=False)
    index: int
    amount_sat: int
    status: str  # "waiting", "broadcast", "spent", "resolved", "dust" (abandoned)
    note: str = ""


@dataclass(frozen=True)
class Plan:
    close: CloseKind | None
    watch: tuple[Watched, ...] = ()
    broadcast: tuple[Broadcast, ...] = ()
    outputs: tuple[OutputState, ...] = ()
    preimages: Mapping[bytes, bytes] = field(default_factory=dict, repr=False)
    """Preimages the peer revealed on chain (payment hash -> preimage)."""
    resolved: bool = False
    waiting: tuple[str, ...] = ()
    unpaid: tuple[bytes, ...] = field(default=(), repr=False)
    """Once resolved: payment hashes of HTLCs we offered whose preimage never appeared
    (timed out, trimmed, abandoned as dust, or taken back by justice): those payments
    failed."""

    @property
    def abandoned(self) -> tuple[OutputState, ...]:
        """Outputs left behind because no sweep could ever be worth it (dust even at the
        relay floor); their notes say how much and why."""
        return tuple(o for o in self.outputs if o.status == "dust")


def channel_info(c: Commitments, keys: OurChannelKeys) -> ChannelInfo:
    """The sweeps' view of a channel, from its commitments and our keys."""
    p = c.params
    return ChannelInfo(
        channel_type=p.channel_type,
        funding_txid=p.funding_txid,
        funding_output_index=p.funding_output_index,
        funding_sat=p.funding_sat,
        ours=keys,
        peer=PeerBasepoints(
            funding_pubkey=p.remote.funding_pubkey,
            revocation_basepoint=p.remote.revocation_basepoint,
            payment_basepoint=p.remote.payment_basepoint,
            delayed_payment_basepoint=p.remote.delayed_payment_basepoint,
            htlc_basepoint=p.remote.htlc_basepoint,
        ),
        we_opened=p.is_opener,
        our_to_self_delay=p.remote.to_self_delay,
        their_to_self_delay=p.local.to_self_delay,
    )


def depth(height: int | None, tip_height: int) -> int:
    """Confirmations of a transaction at `height` (0: unconfirmed, or above our tip)."""
    if height is None or height <= 0 or height > tip_height:
        return 0
    return tip_height - height + 1


# -- the plan --------------------------------------------------------------------------------


Sweeper = Callable[[], "Broadcast | None"]
FollowUp = Callable[[Spend], "list[_Claim]"]


@dataclass
class _Claim:
    """One output to resolve: how to claim it while unspent, what follows once spent."""

    watched: Watched
    sweep: Sweeper | None = None
    follow: FollowUp | None = None
    payment_hash: bytes | None = None  # an HTLC output: look for its preimage when spent
    optional: bool = False  # nothing to resolve (an anchor we may spend to bump a fee)


class _Planner:
    def __init__(self, data: CloseData, view: ChainView, preimages: Mapping[bytes, bytes],
                 feerate_per_kw: int, fee_coins: Sequence[WalletCoin] = ()) -> None:
        self.data = data
        self.coins = sorted(fee_coins, key=lambda coin: -coin.amount_sat)
        self.c = data.commitments
        self.keys = data.keys
        self.view = view
        self.tip = view.tip_height
        self.preimages = preimages
        self.feerate = feerate_per_kw
        self.info = data.info
        c = self.c
        offered = {h.payment_hash for h in c.local_commit.view.htlcs
                   if h.direction is HtlcDirection.OFFERED}
        for rc in [c.remote_commit] + ([c.waiting.next] if c.waiting else []):
            offered |= {h.payment_hash for h in rc.view.htlcs
                        if h.direction is HtlcDirection.RECEIVED}
        self.our_offered = offered

    # -- helpers -----------------------------------------------------------------------------

    def confirmations(self, height: int | None) -> int:
        return depth(height, self.tip)

    def mature(self, height: int | None, csv: int) -> bool:
        """Can an input with relative lock `csv` on an output confirmed at `height` go into
        the next block?"""
        if csv == 0:
            return True
        return self.confirmations(height) >= csv

    def with_coins(self, purpose: str, build: Callable[[list[WalletCoin]], Any]) -> Any:
        """`build(coins)` with the fewest of the largest wallet coins not yet used by this
        plan that can pay `purpose` (anchors: fees are brought in); they are then used."""
        if not self.coins:
            raise SweepError(Sentence("no confirmed wallet coin left to pay %1", purpose))
        for n in range(1, len(self.coins) + 1):
            try:
                result = build(self.coins[:n])
            except SweepDustError:
                continue
            del self.coins[:n]
            return result
        raise SweepError(Sentence("the wallet's confirmed coins cannot pay %1", purpose))

    def sweep_of(self, inp: SweepInput, what: str, parent_height: int | None) -> Broadcast | None:
        """A one-input sweep to our wallet, or None while locked (CSV or CLTV). Dust at
        today's feerate, it is built at the relay floor; dust even there, it raises
        `SweepDustError` (the output is abandoned)."""
        csv = inp.sequence if inp.sequence < 0xFFFFFFFD else 0
        if not self.mature(parent_height, csv) or inp.locktime > self.tip:
            return None
        try:
            return Broadcast(build_sweep([inp], self.data.destination, self.feerate).tx, what)
        except SweepDustError:
            if self.feerate <= RELAY_FLOOR_PER_KW:
                raise _abandoned(SWEEP_DUST, inp.amount_sat) from None
        try:
            sweep = build_sweep([inp], self.data.destination, RELAY_FLOOR_PER_KW)
        except SweepDustError:
            raise _abandoned(SWEEP_DUST, inp.amount_sat) from None
        return Broadcast(sweep.tx, f"{what} at the relay floor (dust at {self.feerate} sat/kw)")

    def floor_sweep_left(self, inp: SweepInput) -> int:
        """What sweeping `inp` alone at the relay floor leaves (may be below dust)."""
        weight = sweep_weight([inp], self.data.destination)
        return inp.amount_sat - fee_for_weight(weight, RELAY_FLOOR_PER_KW)

    def claim(self, txid: bytes, out: CommitmentOutput, what: str, sweep: Sweeper | None = None,
              follow: FollowUp | None = None) -> _Claim:
        watched = Watched(txid, out.index, out.script_pubkey, out.amount_sat, what)
        return _Claim(watched, sweep, follow, out.htlc.payment_hash if out.htlc else None)

    # -- the four endings --------------------------------------------------------------------

    def our_commitment(self, tx: CTransaction, height: int | None) -> list[_Claim]:
        c, info = self.c, self.info
        ctx = c.local_commitment_tx(self.keys)
        if ctx.txid != tx.GetTxid():
            raise WatcherError("the closing transaction is not our latest commitment")
        number = c.local_commit.index
        txid = ctx.txid
        htlc_txs = {htx.commitment_output.index: (htx, rs, ls)
                    for htx, rs, ls in c.local_htlc_txs(self.keys)}
        stage_spk = scripts.p2wsh(scripts.htlc_tx_output_script(
            ctx.spec.keys.revocation_pubkey, info.our_to_self_delay,
            ctx.spec.keys.local_delayed_pubkey))
        claims = []
        for out in ctx.outputs:
            if out.kind is OutputKind.TO_LOCAL:
                inp = our_to_local_input(info, number, out, txid)
                claims.append(self.claim(
                    txid, out, "our to_local",
                    lambda inp=inp: self.sweep_of(inp, "to_local sweep", height)))
            elif out.htlc is not None and out.index in htlc_txs:
                htx, remote_sig, local_sig = htlc_txs[out.index]
                offered = out.kind is OutputKind.OFFERED_HTLC
                what = f"our {'offered' if offered else 'received'} HTLC {out.htlc.htlc_id}"

                def second_stage(htx=htx, rs=remote_sig, ls=local_sig, offered=offered,
                                 htlc=out.htlc) -> Broadcast | None:
                    name = "HTLC-timeout" if offered else "HTLC-success"
                    # What the HTLC transaction moves to its output, once swept at the
                    # floor: if that is dust, the transaction (and its fee) is worth nothing.
                    stage = htlc_tx_output_input(info, number, htx.tx)
                    if self.floor_sweep_left(stage) < dust_threshold(self.data.destination):
                        raise _abandoned(STAGE_DUST, name, htx.tx.vout[0].nValue)
                    preimage = None
                    if offered and htlc.cltv_expiry > self.tip:
                        return None
                    if not offered:
                        preimage = self.preimages.get(htlc.payment_hash)
                        if preimage is None:
                            return None
                    if not htx.anchors:
                        return Broadcast(htx.signed(rs, ls, preimage), name)
                    if not self.mature(height, 1):  # nSequence 1
                        return None
                    key = our_htlc_privkey(info, number)
                    funded = self.with_coins(Sentence("the fee of our %1 transaction", name), lambda coins: (
                        fund_htlc_tx(htx, rs, key, coins, self.data.destination,
                                     self.feerate, preimage)))
                    return Broadcast(funded.tx, name)

                def follow(spend: Spend, what=what) -> list[_Claim]:
                    stx = spend.tx
                    if not stx.vout or bytes(stx.vout[0].scriptPubKey) != stage_spk:
                        return []  # the peer took it (preimage or timeout path)
                    inp = htlc_tx_output_input(info, number, stx, 0)
                    out0 = CommitmentOutput(0, OutputKind.TO_LOCAL, stx.vout[0].nValue,
                                            stage_spk, None)
                    return [self.claim(
                        stx.GetTxid(), out0, f"{what}: second-stage output",
                        lambda: self.sweep_of(inp, "HTLC output sweep", spend.height))]

                claims.append(self.claim(txid, out, what, second_stage, follow))
        anchor = ctx.output_of(OutputKind.LOCAL_ANCHOR)
        fee = info.funding_sat - sum(o.nValue for o in tx.vout)
        if anchor is not None and height is None and fee * 1000 < self.feerate * tx_weight(tx):

            def bump() -> Broadcast:
                child = self.with_coins(Sentence("a fee bump of our commitment"), lambda coins: (
                    anchor_cpfp(info, tx, fee, anchor, coins, self.data.destination,
                                self.feerate)))
                return Broadcast(child.tx, "anchor CPFP")

            watched = Watched(txid, anchor.index, anchor.script_pubkey, anchor.amount_sat,
                              "our anchor (fee bump of our commitment)")
            claims.append(_Claim(watched, bump, optional=True))
        return claims

    def their_commitment(self, tx: CTransaction, height: int | None) -> list[_Claim]:
        c, info = self.c, self.info
        txid = tx.GetTxid()
        commits = [c.remote_commit] + ([c.waiting.next] if c.waiting else [])
        found = [rc for rc in commits if rc.txid == txid]
        if not found:
            raise WatcherError("the closing transaction is none of their unrevoked commitments")
        rc = found[0]
        ctx = build_commitment(c.params.remote_spec(rc.index, rc.view, rc.point))
        if ctx.txid != txid:
            raise WatcherError("their commitment does not rebuild to the closing transaction")
        claims = []
        for out in ctx.outputs:
            if out.kind is OutputKind.TO_REMOTE:
                inp = to_remote_input(info, txid, out)
                claims.append(self.claim(
                    txid, out, "our to_remote",
                    lambda inp=inp: self.sweep_of(inp, "to_remote sweep", height)))
            elif out.kind is OutputKind.OFFERED_HTLC and out.htlc is not None:

                def with_preimage(out=out) -> Broadcast | None:
                    preimage = self.preimages.get(out.htlc.payment_hash)
                    if preimage is None:
                        return None
                    inp = their_offered_htlc_input(info, rc.point, txid, out, preimage)
                    return self.sweep_of(inp, "HTLC claim with preimage", height)

                claims.append(self.claim(
                    txid, out, f"their offered HTLC {out.htlc.htlc_id}", with_preimage))
            elif out.kind is OutputKind.RECEIVED_HTLC and out.htlc is not None:
                inp = their_received_htlc_input(info, rc.point, txid, out)
                claims.append(self.claim(
                    txid, out, f"our offered HTLC {out.htlc.htlc_id} (their commitment)",
                    lambda inp=inp: self.sweep_of(inp, "HTLC timeout claim", height)))
        return claims

    def revoked_commitment(self, tx: CTransaction, height: int | None,
                           number: int) -> list[_Claim] | None:
        """Justice claims, or None if nothing of `tx` matches their commitment `number`."""
        info = self.info
        try:
            secret = ShachainStore.from_bytes(self.c.remote_secrets).get_commitment(number)
        except ChannelTxError:
            return None
        logged = [h for h in self.data.htlc_log if h.in_their_commitment(number)]
        htlcs = [h.for_them() for h in logged]
        self.our_offered |= {h.payment_hash for h in logged if h.we_offered}
        groups = justice_inputs(info, tx, secret, htlcs)
        if not groups:
            return None
        txid = tx.GetTxid()
        claims = []
        for inp in groups[0]:
            out = tx.vout[inp.index]

            def follow(spend: Spend) -> list[_Claim]:
                try:
                    later = justice_inputs(info, tx, secret, htlcs, [spend.tx],
                                           include_to_remote=False)
                except ChannelTxError:
                    return []
                stage_txid = spend.tx.GetTxid()
                return [
                    self.claim(stage_txid, _output(spend.tx, i.index),
                               "their revoked second-stage HTLC output",
                               lambda i=i: self.sweep_of(i, "justice (second stage)",
                                                         spend.height))
                    for group in later for i in group
                    if i.kind is SweepKind.REVOKED_HTLC_TX_OUTPUT and i.txid == stage_txid
                ]

            what = {SweepKind.REVOKED_TO_LOCAL: "their revoked to_local",
                    SweepKind.REVOKED_HTLC: "their revoked HTLC",
                    SweepKind.TO_REMOTE: "our to_remote (revoked commitment)"}[inp.kind]
            claims.append(_Claim(
                Watched(txid, inp.index, bytes(out.scriptPubKey), inp.amount_sat, what),
                lambda inp=inp: self.sweep_of(inp, "justice", height),
                follow if inp.kind is SweepKind.REVOKED_HTLC else None))
        placed = {inp.index for inp in groups[0]}
        claims += [_Claim(Watched(txid, index, bytes(o.scriptPubKey), o.nValue,
                                  "an HTLC of their revoked commitment (not in our log)"),
                          None, follow)
                   for index, o in self.unplaced_htlc_outputs(tx, placed)]
        return claims

    def unplaced_htlc_outputs(self, tx: CTransaction, placed: set[int]
                              ) -> list[tuple[int, Any]]:
        """The outputs of their revoked commitment `tx` that may be HTLCs our log does not
        hold (a channel resumed from a peer's blob after a restore has no log of the
        commitments revoked before it): P2WSH, neither placed nor an anchor. We cannot spend
        them (their scripts hold the HTLCs' payment hashes), but the peer can take them only
        through its second-stage transactions, whose outputs the revocation key takes: so
        they are watched, and `follow` claims what spends them."""
        anchors = {scripts.p2wsh(scripts.anchor_script(key))
                   for key in (self.info.peer.funding_pubkey, self.info.ours.funding_pubkey)}
        return [(index, o) for index, o in enumerate(tx.vout)
                if index not in placed and len(o.scriptPubKey) == 34
                and bytes(o.scriptPubKey)[:2] == b"\x00\x20"
                and bytes(o.scriptPubKey) not in anchors]

    def unknown_commitment(self, tx: CTransaction, height: int | None) -> list[_Claim]:
        """A commitment we cannot place: only our static `to_remote` is recognisable."""
        info = self.info
        pubkey = info.ours.payment_basepoint
        if info.anchors:
            wscript: bytes | None = scripts.to_remote_anchor_script(pubkey)
            spk = scripts.p2wsh(wscript)
        else:
            wscript, spk = None, scripts.p2wpkh(pubkey)
        txid = tx.GetTxid()
        claims = []
        for index, o in enumerate(tx.vout):
            if bytes(o.scriptPubKey) == spk:
                out = CommitmentOutput(index, OutputKind.TO_REMOTE, o.nValue, spk, wscript)
                inp = to_remote_input(info, txid, out)
                claims.append(self.claim(
                    txid, out, "our to_remote (unknown commitment)",
                    lambda inp=inp: self.sweep_of(inp, "to_remote sweep", height)))
        return claims

    def replacement(self, cl: _Claim, pending: CTransaction) -> Broadcast | None:
        """Our own sweep of `cl` waiting in the mempool, rebuilt at today's feerate when
        that pays at least `BUMP_RATIO` times its fee (BIP 125 replacement; our sweeps
        signal it). Pre-signed HTLC transactions rebuild identically and are left alone."""
        w = cl.watched
        if (cl.sweep is None or len(pending.vin) != 1 or len(pending.vout) != 1
                or bytes(pending.vout[0].scriptPubKey) != bytes(self.data.destination)):
            return None
        try:
            fresh = cl.sweep()
        except ChannelTxError:
            return None
        if fresh is None or fresh.tx.GetTxid() == pending.GetTxid():
            return None
        old_fee = w.amount_sat - pending.vout[0].nValue
        new_fee = w.amount_sat - sum(o.nValue for o in fresh.tx.vout)
        if new_fee * BUMP_DENOMINATOR < old_fee * BUMP_NUMERATOR:
            return None
        return Broadcast(fresh.tx, f"{fresh.what} (fee bump)")

    # -- driving -----------------------------------------------------------------------------

    def run(self) -> Plan:
        closing = self.view.closing
        if closing is None:
            txs = []
            for raw in self.data.published:
                try:
                    txs.append(Broadcast(CTransaction.deserialize(raw),
                                         self.data.published_what))
                except Exception:  # noqa: BLE001 - our own bytes; never stop the watch
                    continue
            return Plan(None, broadcast=tuple(txs), waiting=("the funding output is unspent",))
        tx, height = closing.tx, closing.height
        c = self.c
        try:
            closing_kind = classify_funding_spend(
                tx, self.info,
                our_commitments={c.local_commitment_tx(self.keys).txid: c.local_commit.index},
                their_commitments={rc.txid: rc.index for rc in (
                    [c.remote_commit] + ([c.waiting.next] if c.waiting else []))},
                their_revoked_below=c.remote_commit.index,
            )
        except ChannelTxError as exc:
            raise WatcherError(Sentence("the funding output's spender: %1", exc)) from None
        kind = closing_kind.kind
        claims: list[_Claim] | None
        if kind is CloseKind.OUR_COMMITMENT:
            claims = self.our_commitment(tx, height)
        elif kind is CloseKind.THEIR_COMMITMENT:
            claims = self.their_commitment(tx, height)
        elif kind is CloseKind.THEIR_REVOKED_COMMITMENT:
            assert closing_kind.commitment_number is not None
            claims = self.revoked_commitment(tx, height, closing_kind.commitment_number)
            if claims is None:  # not theirs after all (an old commitment of ours?)
                kind = CloseKind.UNKNOWN_COMMITMENT
                claims = self.unknown_commitment(tx, height)
        elif kind is CloseKind.UNKNOWN_COMMITMENT:
            claims = self.unknown_commitment(tx, height)
        else:
            claims = []
        return self.follow_claims(kind, claims, height)

    def follow_claims(self, kind: CloseKind, claims: list[_Claim], height: int | None) -> Plan:
        watch: list[Watched] = []
        broadcast: list[Broadcast] = []
        states: list[OutputState] = []
        learned: dict[bytes, bytes] = {}
        waiting: list[str] = []
        closing_depth = self.confirmations(height)
        if closing_depth < IRREVERSIBLE_DEPTH:
            waiting.append(f"the closing transaction has {closing_depth} of "
                           f"{IRREVERSIBLE_DEPTH} confirmations")
        queue = list(claims)
        while queue:
            cl = queue.pop(0)
            w = cl.watched
            watch.append(w)
            spend = self.view.spends.get(w.outpoint)
            if spend is not None and not spends(spend.tx, w.txid, w.index):
                raise WatcherError(Sentence("the reported spender of %1 does not spend it", w.what))
            if spend is None:
                try:
                    sweep = cl.sweep() if cl.sweep is not None else None
                except SweepDustError as exc:
                    states.append(OutputState(w.what, w.txid, w.index, w.amount_sat, "dust",
                                              str(exc)))
                    continue
                except ChannelTxError as exc:
                    sweep, note = None, f"cannot be swept: {exc}"
                else:
                    note = ""
                if sweep is not None:
                    broadcast.append(sweep)
                status = "broadcast" if sweep is not None else "waiting"
                states.append(OutputState(w.what, w.txid, w.index, w.amount_sat, status, note))
                if not cl.optional:
                    waiting.append(f"{w.what}: unspent")
                continue
            if cl.optional:
                states.append(OutputState(w.what, w.txid, w.index, w.amount_sat, "spent"))
                continue
            if spend.height is None:
                bump = self.replacement(cl, spend.tx)
                if bump is not None:
                    broadcast.append(bump)
            if cl.payment_hash is not None:
                found = _preimage_in(spend.tx, w.txid, w.index, cl.payment_hash)
                if found is not None:
                    learned[cl.payment_hash] = found
            if cl.follow is not None:
                queue.extend(cl.follow(spend))
            confirmations = self.confirmations(spend.height)
            if confirmations >= IRREVERSIBLE_DEPTH:
                states.append(OutputState(w.what, w.txid, w.index, w.amount_sat, "resolved"))
            else:
                states.append(OutputState(w.what, w.txid, w.index, w.amount_sat, "spent",
                                          f"{confirmations} confirmations"))
                waiting.append(f"{w.what}: spent, {confirmations} of {IRREVERSIBLE_DEPTH} "
                               "confirmations")
        unpaid: tuple[bytes, ...] = ()
        if not waiting:
            unpaid = tuple(sorted(self.our_offered - set(learned) - set(self.preimages)))
        return Plan(kind, tuple(watch), tuple(broadcast), tuple(states), learned,
                    resolved=not waiting, waiting=tuple(waiting), unpaid=unpaid)


def plan(data: CloseData, view: ChainView, preimages: Mapping[bytes, bytes],
         feerate_per_kw: int, fee_coins: Sequence[WalletCoin] = ()) -> Plan:
    """What to watch and broadcast for a closing channel now, and whether it is resolved.
    `preimages` maps payment hashes to the preimages we know (our invoices, payments the
    peer settled). `fee_coins` are confirmed wallet coins for what must bring its own fee
    (anchors: our HTLC transactions, and a CPFP of our commitment through our anchor when
    its feerate is below `feerate_per_kw`); each is used at most once per plan. Raises
    `WatcherError` if the chain view contradicts itself."""
    if not isinstance(view.tip_height, int) or view.tip_height < 0:
        raise WatcherError("tip height must be a non-negative integer")
    return _Planner(data, view, preimages, feerate_per_kw, fee_coins).run()


# -- helpers ---------------------------------------------------------------------------------


#: why an output is left behind for good: the amount (and the transaction's name) first,
#: the relay floor last
SWEEP_DUST = template("abandoned: sweeping it (%1 sat) leaves dust even at the relay floor of "
                      "%2 sat/kw, so no fee is spent on it")
STAGE_DUST = template("abandoned: sweeping the output of its %1 transaction (%2 sat) leaves "
                      "dust even at the relay floor of %3 sat/kw, so no fee is spent on it")


def _abandoned(said: str, *values: object) -> SweepDustError:
    """Why an output is left behind for good (`said`: SWEEP_DUST or STAGE_DUST)."""
    return SweepDustError(Sentence(said, *values, RELAY_FLOOR_PER_KW))


def _output(tx: CTransaction, index: int) -> CommitmentOutput:
    o = tx.vout[index]
    return CommitmentOutput(index, OutputKind.TO_LOCAL, o.nValue, bytes(o.scriptPubKey), None)


def _preimage_in(tx: CTransaction, txid: bytes, index: int, payment_hash: bytes) -> bytes | None:
    """The preimage of `payment_hash` in the witness that spends (txid, index), if any."""
    for n, vin in enumerate(tx.vin):
        if bytes(vin.prevout.hash) != txid or vin.prevout.n != index:
            continue
        if tx.wit is None or n >= len(tx.wit.vtxinwit):
            return None
        for item in tx.wit.vtxinwit[n].scriptWitness:
            if len(item) == 32 and sha256(bytes(item)) == payment_hash:
                return bytes(item)
    return None


__all__ = [
    "IRREVERSIBLE_DEPTH",
    "Broadcast",
    "ChainView",
    "CloseData",
    "LoggedHtlc",
    "OutputState",
    "Plan",
    "Spend",
    "Watched",
    "WatcherError",
    "channel_info",
    "depth",
    "plan",
]
