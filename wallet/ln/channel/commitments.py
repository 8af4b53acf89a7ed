"""The two commitment chains of a channel and the updates in flight between them (BOLT 2
"Normal Operation"), as immutable values.

An update (update_add/fulfill/fail/fail_malformed_htlc, update_fee, kept as the wire
messages themselves) moves through these lists:

- ours:   `local_changes.proposed`  sent, not yet covered by a commitment_signed of ours
          `local_changes.signed`    in the peer's next commitment, awaiting its revocation
          `local_changes.acked`     in the peer's current commitment; enters ours when the
                                     peer signs next
- theirs: `remote_changes.proposed` received, not yet covered by their commitment_signed
          `remote_changes.acked`    in our current commitment (we revoked the previous one);
                                     enters theirs when we sign next
          `remote_changes.signed`   in their next commitment, awaiting their revocation;
                                     irrevocably committed once it arrives

A commitment is described by a `CommitView` from its owner's side; `reduce` applies a batch
of updates to it. `Commitments` holds everything and implements each step; a step either
returns the new value or raises `ChannelProtocolError` (the peer broke a rule: fail the
channel) / `ChannelCommandError` (our command is not possible now). Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from bitcoin.core import CTransaction

from wallet.errors import InputError
from wallet.hashes import sha256
from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel.commit_view import OFFERED, RECEIVED, CommitView, commit_fee_msat, reduce
from wallet.ln.channel.errors import ChannelCommandError, ChannelProtocolError, require
from wallet.ln.channel.params import (
    BADONION,
    CLTV_EXPIRY_LIMIT,
    MAX_ACCEPTED_HTLCS_LIMIT,
    ChannelPolicy,
    SideParams,
    check_feerate,
)
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import (
    ChannelType,
    CommitmentKeys,
    CommitmentSpec,
    CommitmentTx,
    Htlc,
    build_commitment,
    obscuring_factor,
)
from wallet.ln.tx.errors import ChannelTxError
from wallet.ln.tx.htlc_tx import HtlcTx, htlc_txs
from wallet.ln.tx.keys import derive_privkey, per_commitment_point
from wallet.ln.tx.shachain import ShachainStore, commitment_secret
from wallet.ln.tx.signing import compact_to_der, der_to_compact
from wallet.ln.wire import messages as m

ONION_SIZE = m.ONION_PACKET_SIZE

Update = Any  # one of the update_* wire messages

#: The most update messages we take from the peer between two of its commitment_signed:
#: what BOLT 2 lets an honest peer have pending at once (483 adds, removals of our 483
#: HTLCs, one update_fee). Beyond it the peer is flooding us (a replaced update_fee still
#: costs a check): `normal` warns and disconnects (the unsigned updates are then forgotten,
#: as BOLT 2 has it at any disconnection: nothing is lost and no force close costs the user
#: fees).
MAX_UNSIGNED_REMOTE_UPDATES = 2 * MAX_ACCEPTED_HTLCS_LIMIT + 1


def our_point(keys: ChannelKeys, commitment_number: int) -> bytes:
    """Our per-commitment point for commitment `commitment_number`."""
    return per_commitment_point(commitment_secret(keys.per_commitment_seed, commitment_number))


def our_secret(keys: ChannelKeys, commitment_number: int) -> bytes:
    return commitment_secret(keys.per_commitment_seed, commitment_number)


def channel_id_from_funding(funding_txid: bytes, output_index: int) -> bytes:
    """BOLT 2: funding_txid XOR funding_output_index (big-endian, in the last two bytes)."""
    tail = int.from_bytes(funding_txid[30:], "big") ^ output_index
    return funding_txid[:30] + tail.to_bytes(2, "big")


# -- views -----------------------------------------------------------------------------------








# -- the chains ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelParams:
    """What does not change once the funding outpoint is known."""

    channel_id: bytes
    channel_type: ChannelType
    is_opener: bool
    funding_txid: bytes  # internal byte order
    funding_output_index: int
    funding_sat: int
    local: SideParams
    remote: SideParams
    announce: bool = False
    scid_alias: bool = False  # option_scid_alias channel type: only aliases route to it

    @property
    def obscuring_factor(self) -> int:
        opener, acceptor = (self.local, self.remote) if self.is_opener else (self.remote, self.local)
        return obscuring_factor(opener.payment_basepoint, acceptor.payment_basepoint)

    @property
    def funding_script_pubkey(self) -> bytes:
        return scripts.funding_output_script(self.local.funding_pubkey, self.remote.funding_pubkey)

    def local_spec(self, index: int, view: CommitView, point: bytes) -> CommitmentSpec:
        """Our commitment number `index` (our keys, the peer's delay on our outputs)."""
        keys = CommitmentKeys.derive(
            per_commitment_point=point,
            local_delayed_payment_basepoint=self.local.delayed_payment_basepoint,
            local_htlc_basepoint=self.local.htlc_basepoint,
            remote_revocation_basepoint=self.remote.revocation_basepoint,
            remote_htlc_basepoint=self.remote.htlc_basepoint,
            remote_payment_basepoint=self.remote.payment_basepoint,
        )
        return self._spec(index, view, keys, self.local, self.remote, self.is_opener)

    def remote_spec(self, index: int, view: CommitView, point: bytes) -> CommitmentSpec:
        """The peer's commitment number `index`, described from the peer's side."""
        keys = CommitmentKeys.derive(
            per_commitment_point=point,
            local_delayed_payment_basepoint=self.remote.delayed_payment_basepoint,
            local_htlc_basepoint=self.remote.htlc_basepoint,
            remote_revocation_basepoint=self.local.revocation_basepoint,
            remote_htlc_basepoint=self.local.htlc_basepoint,
            remote_payment_basepoint=self.local.payment_basepoint,
        )
        return self._spec(index, view, keys, self.remote, self.local, not self.is_opener)

    def _spec(
        self,
        index: int,
        view: CommitView,
        keys: CommitmentKeys,
        owner: SideParams,
        other: SideParams,
        owner_is_opener: bool,
    ) -> CommitmentSpec:
        return CommitmentSpec(
            channel_type=self.channel_type,
            funding_txid=self.funding_txid,
            funding_output_index=self.funding_output_index,
            funding_sat=self.funding_sat,
            local_funding_pubkey=owner.funding_pubkey,
            remote_funding_pubkey=other.funding_pubkey,
            local_is_opener=owner_is_opener,
            obscuring_factor=self.obscuring_factor,
            commitment_number=index,
            to_self_delay=other.to_self_delay,
            dust_limit_sat=owner.dust_limit_sat,
            feerate_per_kw=view.feerate_per_kw,
            to_local_msat=view.to_local_msat,
            to_remote_msat=view.to_remote_msat,
            keys=keys,
            htlcs=view.htlcs,
        )


@dataclass(frozen=True)
class LocalCommit:
    """Our current commitment and the peer's signatures that make it broadcastable."""

    index: int
    view: CommitView
    remote_sig: bytes = field(repr=False)  # 64-byte compact
    htlc_sigs: tuple[bytes, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class RemoteCommit:
    index: int
    view: CommitView  # from the peer's side
    txid: bytes
    point: bytes = field(repr=False)  # the peer's per-commitment point for it


@dataclass(frozen=True)
class WaitingForRevocation:
    """We signed the peer's next commitment and await its revoke_and_ack."""

    next: RemoteCommit
    sent: Any  # the CommitmentSigned we sent, retransmitted as is after a reconnection
    sent_after_local_index: int  # our local commitment index when we sent it


@dataclass(frozen=True)
class LocalChanges:
    proposed: tuple = ()
    signed: tuple = ()
    acked: tuple = ()

    @property
    def all(self) -> tuple:
        return self.proposed + self.signed + self.acked


@dataclass(frozen=True)
class RemoteChanges:
    proposed: tuple = ()
    acked: tuple = ()
    signed: tuple = ()

    @property
    def all(self) -> tuple:
        return self.proposed + self.acked + self.signed


def _removes(changes: tuple, htlc_id: int) -> bool:
    return any(
        not isinstance(u, m.UpdateAddHtlc | m.UpdateFee) and u.id == htlc_id for u in changes
    )


def _protocol(exc: InputError) -> ChannelProtocolError:
    return ChannelProtocolError(str(exc))


@dataclass(frozen=True)
class Commitments:
    params: ChannelParams
    local_commit: LocalCommit
    remote_commit: RemoteCommit
    # repr hidden: updates carry payment preimages
    local_changes: LocalChanges = field(default=LocalChanges(), repr=False)
    remote_changes: RemoteChanges = field(default=RemoteChanges(), repr=False)
    local_next_htlc_id: int = 0
    remote_next_htlc_id: int = 0
    # update messages from the peer since its last commitment_signed (or the reconnection):
    # capped at MAX_UNSIGNED_REMOTE_UPDATES; not part of what the channel is
    remote_updates_unsigned: int = field(default=0, compare=False, repr=False)
    waiting: WaitingForRevocation | None = None
    remote_next_point: bytes | None = field(default=None, repr=False)
    remote_secrets: bytes = field(default=ShachainStore().to_bytes(), repr=False)

    # -- queries -----------------------------------------------------------------------------

    @property
    def channel_id(self) -> bytes:
        return self.params.channel_id

    @property
    def latest_remote_commit(self) -> RemoteCommit:
        return self.waiting.next if self.waiting else self.remote_commit

    @property
    def has_changes_to_sign(self) -> bool:
        return bool(self.local_changes.proposed or self.remote_changes.acked)

    @property
    def has_pending_changes(self) -> bool:
        """Any update or signature still in flight, either way."""
        return bool(
            self.local_changes.all or self.remote_changes.all or self.waiting is not None
        )

    @property
    def has_no_htlcs(self) -> bool:
        return not self.local_commit.view.htlcs and not self.latest_remote_commit.view.htlcs

    def balance_msat(self) -> int:
        """Our balance in our current commitment (excluding HTLCs, before fees)."""
        return self.local_commit.view.to_local_msat

    def _outgoing(self, htlc_id: int) -> Htlc | None:
        """One of our HTLCs that both sides signed (ours offered, theirs received)."""
        mine = self.local_commit.view.find(OFFERED, htlc_id)
        theirs = self.latest_remote_commit.view.find(RECEIVED, htlc_id)
        return mine if mine is not None and theirs is not None else None

    def _incoming(self, htlc_id: int) -> Htlc | None:
        """One of the peer's HTLCs, irrevocably committed: in our current commitment and in
        the peer's current one (whose predecessor it revoked). Only then may we remove it
        (BOLT 2): before, the peer could still publish a commitment without it."""
        mine = self.local_commit.view.find(RECEIVED, htlc_id)
        theirs = self.remote_commit.view.find(OFFERED, htlc_id)
        return mine if mine is not None and theirs is not None else None

    # -- adding HTLCs ------------------------------------------------------------------------

    def send_add(self, cmd: Any, policy: ChannelPolicy) -> tuple[Commitments, Any]:
        """Propose an HTLC (BOLT 2 "update_add_htlc", sending node)."""
        p = self.params
        amount = cmd.amount_msat
        if not isinstance(amount, int) or amount <= 0:
            raise ChannelCommandError("HTLC amount must be positive")
        if amount < p.remote.htlc_minimum_msat:
            raise ChannelCommandError(
                f"HTLC amount {amount} msat is below the peer's minimum "
                f"{p.remote.htlc_minimum_msat} msat"
            )
        if not 0 <= cmd.cltv_expiry < CLTV_EXPIRY_LIMIT:
            raise ChannelCommandError("cltv_expiry must be a block height below 500000000")
        if not isinstance(cmd.payment_hash, bytes) or len(cmd.payment_hash) != 32:
            raise ChannelCommandError("payment_hash must be 32 bytes")
        if not isinstance(cmd.onion, bytes) or len(cmd.onion) != ONION_SIZE:
            raise ChannelCommandError(f"onion must be {ONION_SIZE} bytes")
        add = m.UpdateAddHtlc(
            channel_id=p.channel_id,
            id=self.local_next_htlc_id,
            amount_msat=amount,
            payment_hash=cmd.payment_hash,
            cltv_expiry=cmd.cltv_expiry,
            onion_routing_packet=cmd.onion,
            blinding_point=cmd.path_key,
            extra_fee=cmd.extra_fee_msat,
        )
        view = reduce(
            self.latest_remote_commit.view,
            self.remote_changes.acked,
            self.local_changes.proposed + (add,),
        )
        # in the peer's commitment our HTLCs are the ones it receives
        if view.count(RECEIVED) > p.remote.max_accepted_htlcs:
            raise ChannelCommandError("too many HTLCs in flight (the peer's max_accepted_htlcs)")
        if view.total_msat(RECEIVED) > p.remote.max_htlc_value_in_flight_msat:
            raise ChannelCommandError("too much value in flight (the peer's limit)")
        ours = view.to_remote_msat
        reserve = p.remote.channel_reserve_sat * 1000
        dust = p.remote.dust_limit_sat
        spike = view.feerate_per_kw * policy.fee_spike_multiplier
        if p.is_opener:
            fee = commit_fee_msat(view, dust, p.channel_type)
            buffer = commit_fee_msat(
                view, dust, p.channel_type, feerate_per_kw=spike, extra_htlcs=1
            )
            if ours - max(fee, buffer) < reserve:
                raise ChannelCommandError(
                    "insufficient balance: the HTLC, the commitment fee (with the fee spike "
                    "buffer) and the channel reserve exceed what we have"
                )
        else:
            if ours < reserve:
                raise ChannelCommandError("insufficient balance above the channel reserve")
            their_fee = commit_fee_msat(
                view, dust, p.channel_type, feerate_per_kw=spike, extra_htlcs=1
            )
            if view.to_local_msat - their_fee < p.local.channel_reserve_sat * 1000:
                raise ChannelCommandError("the peer could not afford the fee for this HTLC")
        new = replace(
            self,
            local_changes=replace(self.local_changes, proposed=self.local_changes.proposed + (add,)),
            local_next_htlc_id=self.local_next_htlc_id + 1,
        )
        return new, add

    def receive_add(self, msg: Any) -> Commitments:
        """BOLT 2 "update_add_htlc", receiving node: every check fails the channel."""
        p = self.params
        require(
            msg.id == self.remote_next_htlc_id,
            f"update_add_htlc id {msg.id}, expected {self.remote_next_htlc_id}",
        )
        require(msg.amount_msat > 0, "update_add_htlc amount is zero")
        require(
            msg.amount_msat >= p.local.htlc_minimum_msat,
            f"update_add_htlc amount {msg.amount_msat} msat is below our htlc_minimum_msat",
        )
        require(msg.cltv_expiry < CLTV_EXPIRY_LIMIT, "update_add_htlc cltv_expiry >= 500000000")
        view = reduce(
            self.local_commit.view,
            self.local_changes.acked,
            self.remote_changes.proposed + (msg,),
        )
        require(
            view.count(RECEIVED) <= p.local.max_accepted_htlcs,
            "update_add_htlc exceeds our max_accepted_htlcs",
        )
        require(
            view.total_msat(RECEIVED) <= p.local.max_htlc_value_in_flight_msat,
            "update_add_htlc exceeds our max_htlc_value_in_flight_msat",
        )
        fee = 0 if p.is_opener else commit_fee_msat(view, p.local.dust_limit_sat, p.channel_type)
        require(
            view.to_remote_msat - fee >= p.local.channel_reserve_sat * 1000,
            "update_add_htlc: the peer cannot afford it with the fee and its channel reserve",
        )
        return replace(
            self,
            remote_changes=replace(
                self.remote_changes, proposed=self.remote_changes.proposed + (msg,)
            ),
            remote_next_htlc_id=self.remote_next_htlc_id + 1,
            remote_updates_unsigned=self.remote_updates_unsigned + 1,
        )

    # -- removing HTLCs ----------------------------------------------------------------------

    def _local_remove(self, htlc_id: int, msg: Any) -> Commitments:
        if self._incoming(htlc_id) is None:
            raise ChannelCommandError(f"no committed incoming HTLC {htlc_id}")
        if _removes(self.local_changes.all, htlc_id):
            raise ChannelCommandError(f"HTLC {htlc_id} is already being removed")
        return replace(
            self,
            local_changes=replace(self.local_changes, proposed=self.local_changes.proposed + (msg,)),
        )

    def send_fulfill(self, htlc_id: int, preimage: bytes) -> tuple[Commitments, Any]:
        htlc = self._incoming(htlc_id)
        if htlc is None:
            raise ChannelCommandError(f"no committed incoming HTLC {htlc_id}")
        if not isinstance(preimage, bytes) or sha256(preimage) != htlc.payment_hash:
            raise ChannelCommandError(f"wrong preimage for HTLC {htlc_id}")
        msg = m.UpdateFulfillHtlc(channel_id=self.channel_id, id=htlc_id, payment_preimage=preimage)
        return self._local_remove(htlc_id, msg), msg

    def send_fail(self, htlc_id: int, reason: bytes) -> tuple[Commitments, Any]:
        msg = m.UpdateFailHtlc(channel_id=self.channel_id, id=htlc_id, reason=reason)
        return self._local_remove(htlc_id, msg), msg

    def send_fail_malformed(
        self, htlc_id: int, sha256_of_onion: bytes, failure_code: int
    ) -> tuple[Commitments, Any]:
        if not failure_code & BADONION:
            raise ChannelCommandError("a malformed-HTLC failure code must have the BADONION bit")
        msg = m.UpdateFailMalformedHtlc(
            channel_id=self.channel_id,
            id=htlc_id,
            sha256_of_onion=sha256_of_onion,
            failure_code=failure_code,
        )
        return self._local_remove(htlc_id, msg), msg

    def receive_remove(self, msg: Any) -> tuple[Commitments, Htlc]:
        """update_fulfill/fail/fail_malformed_htlc from the peer, on one of our HTLCs."""
        htlc = self._outgoing(msg.id)
        require(htlc is not None, f"{msg.NAME} for unknown HTLC {msg.id}")
        assert htlc is not None
        require(not _removes(self.remote_changes.all, msg.id), f"HTLC {msg.id} removed twice")
        if isinstance(msg, m.UpdateFulfillHtlc):
            require(
                sha256(msg.payment_preimage) == htlc.payment_hash,
                f"update_fulfill_htlc: wrong preimage for HTLC {msg.id}",
            )
        if isinstance(msg, m.UpdateFailMalformedHtlc):
            require(
                bool(msg.failure_code & BADONION),
                "update_fail_malformed_htlc without the BADONION bit",
            )
        new = replace(
            self,
            remote_changes=replace(
                self.remote_changes, proposed=self.remote_changes.proposed + (msg,)
            ),
            remote_updates_unsigned=self.remote_updates_unsigned + 1,
        )
        return new, htlc

    # -- fees --------------------------------------------------------------------------------

    def send_fee(self, feerate_per_kw: int) -> tuple[Commitments, Any]:
        p = self.params
        if not p.is_opener:
            raise ChannelCommandError("only the channel opener sends update_fee")
        if not isinstance(feerate_per_kw, int) or not 0 < feerate_per_kw < 1 << 32:
            raise ChannelCommandError("feerate_per_kw out of range")
        msg = m.UpdateFee(channel_id=self.channel_id, feerate_per_kw=feerate_per_kw)
        view = reduce(
            self.latest_remote_commit.view,
            self.remote_changes.acked,
            self.local_changes.proposed + (msg,),
        )
        if view.to_remote_msat - commit_fee_msat(view, p.remote.dust_limit_sat, p.channel_type) < 0:
            raise ChannelCommandError("we cannot afford this feerate")
        kept = tuple(u for u in self.local_changes.proposed if not isinstance(u, m.UpdateFee))
        new = replace(self, local_changes=replace(self.local_changes, proposed=kept + (msg,)))
        return new, msg

    def receive_fee(self, msg: Any, policy: ChannelPolicy) -> Commitments:
        """Only the last unsigned update_fee counts (BOLT 2): it replaces an earlier one
        instead of piling up, so a flood of them keeps one and costs one reduce each."""
        p = self.params
        require(not p.is_opener, "update_fee from the side that does not pay the fee")
        check_feerate(msg.feerate_per_kw, policy, "update_fee")
        kept = tuple(u for u in self.remote_changes.proposed if not isinstance(u, m.UpdateFee))
        view = reduce(self.local_commit.view, self.local_changes.acked, kept + (msg,))
        require(
            view.to_remote_msat - commit_fee_msat(view, p.local.dust_limit_sat, p.channel_type)
            >= 0,
            "update_fee: the peer cannot afford the new feerate",
        )
        return replace(self, remote_changes=replace(self.remote_changes, proposed=kept + (msg,)),
                       remote_updates_unsigned=self.remote_updates_unsigned + 1)

    # -- signing -----------------------------------------------------------------------------

    def send_commit(self, keys: ChannelKeys) -> tuple[Commitments, Any]:
        """Sign the peer's next commitment with all our proposed and its acked updates."""
        if self.waiting is not None or self.remote_next_point is None:
            raise ChannelCommandError("cannot sign: waiting for the peer's revocation")
        if not self.has_changes_to_sign:
            raise ChannelCommandError("nothing to sign")
        p = self.params
        view = reduce(
            self.remote_commit.view, self.remote_changes.acked, self.local_changes.proposed
        )
        index = self.remote_commit.index + 1
        point = self.remote_next_point
        ctx = build_commitment(p.remote_spec(index, view, point))
        sig = der_to_compact(ctx.sign(keys.funding_private_key))
        htlc_key = derive_privkey(keys.htlc_basepoint_secret, point)
        htlc_sigs = tuple(der_to_compact(h.sign_as_remote(htlc_key)) for h in htlc_txs(ctx))
        msg = m.CommitmentSigned(channel_id=p.channel_id, signature=sig, htlc_signatures=htlc_sigs)
        waiting = WaitingForRevocation(
            RemoteCommit(index, view, ctx.txid, point), msg, self.local_commit.index
        )
        new = replace(
            self,
            waiting=waiting,
            remote_next_point=None,
            local_changes=LocalChanges(
                proposed=(), signed=self.local_changes.proposed, acked=self.local_changes.acked
            ),
            remote_changes=RemoteChanges(
                proposed=self.remote_changes.proposed,
                acked=(),
                signed=self.remote_changes.signed + self.remote_changes.acked,
            ),
        )
        return new, msg

    def local_commitment_tx(self, keys: ChannelKeys) -> CommitmentTx:
        """Our current commitment transaction (unsigned)."""
        commit = self.local_commit
        return build_commitment(
            self.params.local_spec(commit.index, commit.view, our_point(keys, commit.index))
        )

    def receive_commit(self, msg: Any, keys: ChannelKeys) -> tuple[Commitments, Any]:
        """Check the peer's signatures on our next commitment; returns our revoke_and_ack."""
        require(
            bool(self.remote_changes.proposed or self.local_changes.acked),
            "commitment_signed without any update",
        )
        p = self.params
        index = self.local_commit.index + 1
        view = reduce(
            self.local_commit.view, self.local_changes.acked, self.remote_changes.proposed
        )
        require(view.to_local_msat >= 0 and view.to_remote_msat >= 0, "negative balance")
        try:
            ctx = build_commitment(p.local_spec(index, view, our_point(keys, index)))
            require(
                ctx.verify_remote(compact_to_der(msg.signature)),
                "commitment_signed: signature does not verify",
            )
            txs = htlc_txs(ctx)
            require(
                len(txs) == len(msg.htlc_signatures),
                f"commitment_signed: {len(msg.htlc_signatures)} HTLC signatures for "
                f"{len(txs)} HTLC outputs",
            )
            for htx, sig in zip(txs, msg.htlc_signatures, strict=True):
                require(
                    htx.verify_remote(compact_to_der(sig)),
                    f"commitment_signed: bad signature for HTLC {htx.htlc.htlc_id}",
                )
        except ChannelTxError as exc:
            raise _protocol(exc) from None
        rev = m.RevokeAndAck(
            channel_id=p.channel_id,
            per_commitment_secret=our_secret(keys, self.local_commit.index),
            next_per_commitment_point=our_point(keys, index + 1),
        )
        new = replace(
            self,
            local_commit=LocalCommit(index, view, msg.signature, tuple(msg.htlc_signatures)),
            local_changes=replace(self.local_changes, acked=()),
            remote_changes=RemoteChanges(
                proposed=(),
                acked=self.remote_changes.acked + self.remote_changes.proposed,
                signed=self.remote_changes.signed,
            ),
            remote_updates_unsigned=0,
        )
        return new, rev

    def receive_revocation(self, msg: Any) -> tuple[Commitments, tuple]:
        """Check the revealed secret; returns the peer's updates now irrevocably committed."""
        require(self.waiting is not None, "revoke_and_ack we did not ask for")
        assert self.waiting is not None
        try:
            point = per_commitment_point(msg.per_commitment_secret)
            require(
                point == self.remote_commit.point,
                "revoke_and_ack: secret does not match the revoked commitment",
            )
            store = ShachainStore.from_bytes(self.remote_secrets)
            store.insert_commitment(self.remote_commit.index, msg.per_commitment_secret)
        except ChannelTxError as exc:
            raise _protocol(exc) from None
        committed = self.remote_changes.signed
        new = replace(
            self,
            remote_commit=self.waiting.next,
            waiting=None,
            remote_next_point=msg.next_per_commitment_point,
            local_changes=LocalChanges(
                proposed=self.local_changes.proposed,
                signed=(),
                acked=self.local_changes.acked + self.local_changes.signed,
            ),
            remote_changes=replace(self.remote_changes, signed=()),
            remote_secrets=store.to_bytes(),
        )
        return new, committed

    def signed_local_commitment(self, keys: ChannelKeys) -> CTransaction:
        """Our latest commitment with both signatures: ready to broadcast."""
        ctx = self.local_commitment_tx(keys)
        ours = ctx.sign(keys.funding_private_key)
        return ctx.signed(ours, compact_to_der(self.local_commit.remote_sig))

    def local_htlc_txs(self, keys: ChannelKeys) -> list[tuple[HtlcTx, bytes, bytes]]:
        """For each HTLC output of our current commitment: its HTLC-timeout/success
        transaction, the peer's signature and ours (both DER). `HtlcTx.signed` completes
        them (with the preimage for HTLC-success); with anchors, fee inputs are added."""
        ctx = self.local_commitment_tx(keys)
        key = derive_privkey(keys.htlc_basepoint_secret, our_point(keys, self.local_commit.index))
        return [
            (htx, compact_to_der(sig), htx.sign_as_local(key))
            for htx, sig in zip(htlc_txs(ctx), self.local_commit.htlc_sigs, strict=True)
        ]

    # -- reconnection ------------------------------------------------------------------------

    def discard_unsigned(self) -> tuple[Commitments, tuple]:
        """BOLT 2: on disconnection both sides forget updates not covered by a
        commitment_signed. Returns our dropped updates."""
        dropped = self.local_changes.proposed
        ours = sum(isinstance(u, m.UpdateAddHtlc) for u in dropped)
        theirs = sum(isinstance(u, m.UpdateAddHtlc) for u in self.remote_changes.proposed)
        new = replace(
            self,
            local_changes=replace(self.local_changes, proposed=()),
            remote_changes=replace(self.remote_changes, proposed=()),
            local_next_htlc_id=self.local_next_htlc_id - ours,
            remote_next_htlc_id=self.remote_next_htlc_id - theirs,
            remote_updates_unsigned=0,
        )
        return new, dropped

    def last_remote_secret(self) -> bytes:
        """The last per-commitment secret the peer revealed (zeros if none)."""
        if self.remote_commit.index == 0:
            return bytes(32)
        store = ShachainStore.from_bytes(self.remote_secrets)
        return store.get_commitment(self.remote_commit.index - 1)

    def reestablish_message(self, keys: ChannelKeys) -> Any:
        return m.ChannelReestablish(
            channel_id=self.channel_id,
            next_commitment_number=self.local_commit.index + 1,
            next_revocation_number=self.remote_commit.index,
            your_last_per_commitment_secret=self.last_remote_secret(),
            my_current_per_commitment_point=our_point(keys, self.local_commit.index),
        )
