"""A two-party channel for the BOLT 5 sweep tests: Alice (opener) and Bob, both of whose
keys the test holds, with commitments for either side built by `commitment.py`."""

from __future__ import annotations

from dataclasses import dataclass

from bitcoin.core import CTransaction

from wallet.hashes import sha256
from wallet.keys.lightning import LightningKeys
from wallet.ln.enforcement.channel_info import ChannelInfo, PeerBasepoints
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import (
    ChannelType,
    CommitmentSpec,
    CommitmentTx,
    Htlc,
    HtlcDirection,
    build_commitment,
)
from wallet.ln.tx.htlc_tx import HtlcTx, make_htlc_tx
from wallet.ln.tx.keys import derive_privkey
from wallet.ln.tx.shachain import commitment_secret
from wallet.networks import REGTEST

FUNDING_SAT = 1_000_000
ALICE_DELAY = 6  # CSV on Alice's outputs (Bob asked for it)
BOB_DELAY = 5  # CSV on Bob's outputs
COMMIT_FEERATE = 2_500
DUST_LIMIT = 546


def _peer(keys) -> PeerBasepoints:
    return PeerBasepoints(
        funding_pubkey=keys.funding_pubkey,
        revocation_basepoint=keys.revocation_basepoint,
        payment_basepoint=keys.payment_basepoint,
        delayed_payment_basepoint=keys.delayed_payment_basepoint,
        htlc_basepoint=keys.htlc_basepoint,
    )


def preimage(tag: int) -> bytes:
    return sha256(b"preimage" + bytes([tag]))


@dataclass
class HtlcPlan:
    """One HTLC in Alice's view, with its preimage."""

    direction: HtlcDirection
    htlc_id: int
    amount_sat: int
    cltv_expiry: int
    preimage: bytes

    def for_alice(self) -> Htlc:
        return Htlc(self.direction, self.htlc_id, self.amount_sat * 1000,
                    sha256(self.preimage), self.cltv_expiry)

    def for_bob(self) -> Htlc:
        flipped = (HtlcDirection.RECEIVED if self.direction is HtlcDirection.OFFERED
                   else HtlcDirection.OFFERED)
        return Htlc(flipped, self.htlc_id, self.amount_sat * 1000,
                    sha256(self.preimage), self.cltv_expiry)


class World:
    """One channel between Alice and Bob on a given funding outpoint."""

    def __init__(self, channel_type: ChannelType, funding_txid: bytes, funding_index: int,
                 base_height: int, seed_tag: int = 0) -> None:
        self.channel_type = channel_type
        self.funding_txid = funding_txid
        self.funding_index = funding_index
        self.alice = LightningKeys.from_seed(bytes([1, seed_tag]) * 16, REGTEST).channel_keys(0)
        self.bob = LightningKeys.from_seed(bytes([2, seed_tag]) * 16, REGTEST).channel_keys(0)
        common = dict(channel_type=channel_type, funding_txid=funding_txid,
                      funding_output_index=funding_index, funding_sat=FUNDING_SAT)
        self.info_a = ChannelInfo(**common, ours=self.alice, peer=_peer(self.bob),
                                  we_opened=True, our_to_self_delay=ALICE_DELAY,
                                  their_to_self_delay=BOB_DELAY)
        self.info_b = ChannelInfo(**common, ours=self.bob, peer=_peer(self.alice),
                                  we_opened=False, our_to_self_delay=BOB_DELAY,
                                  their_to_self_delay=ALICE_DELAY)
        self.plans = [
            HtlcPlan(HtlcDirection.OFFERED, 0, 50_000, base_height + 4, preimage(1)),
            HtlcPlan(HtlcDirection.OFFERED, 1, 300, base_height + 4, preimage(2)),  # trimmed
            HtlcPlan(HtlcDirection.RECEIVED, 0, 40_000, base_height + 30, preimage(3)),
            HtlcPlan(HtlcDirection.RECEIVED, 1, 35_000, base_height + 6, preimage(4)),
        ]

    # -- commitments ------------------------------------------------------------------------

    def htlcs(self, owner: str) -> tuple[Htlc, ...]:
        return tuple(p.for_alice() if owner == "alice" else p.for_bob() for p in self.plans)

    def preimages(self) -> dict[bytes, bytes]:
        return {sha256(p.preimage): p.preimage for p in self.plans}

    def commitment(self, owner: str, number: int, to_alice_sat: int = 600_000) -> CommitmentTx:
        htlc_sat = sum(p.amount_sat for p in self.plans)
        to_bob_sat = FUNDING_SAT - to_alice_sat - htlc_sat
        info = self.info_a if owner == "alice" else self.info_b
        mine, theirs = ((to_alice_sat, to_bob_sat) if owner == "alice"
                        else (to_bob_sat, to_alice_sat))
        spec = CommitmentSpec(
            channel_type=self.channel_type,
            funding_txid=self.funding_txid,
            funding_output_index=self.funding_index,
            funding_sat=FUNDING_SAT,
            local_funding_pubkey=info.ours.funding_pubkey,
            remote_funding_pubkey=info.peer.funding_pubkey,
            local_is_opener=owner == "alice",
            obscuring_factor=info.obscuring_factor,
            commitment_number=number,
            to_self_delay=info.our_to_self_delay,
            dust_limit_sat=DUST_LIMIT,
            feerate_per_kw=COMMIT_FEERATE,
            to_local_msat=mine * 1000,
            to_remote_msat=theirs * 1000,
            keys=info.our_commitment_keys(number),
            htlcs=self.htlcs(owner),
        )
        return build_commitment(spec)

    def signed(self, commitment: CommitmentTx) -> CTransaction:
        owner_is_alice = commitment.spec.local_funding_pubkey == self.alice.funding_pubkey
        local, remote = (self.alice, self.bob) if owner_is_alice else (self.bob, self.alice)
        return commitment.signed(commitment.sign(local.funding_private_key),
                                 commitment.sign(remote.funding_private_key))

    def funding_script_pubkey(self) -> bytes:
        return scripts.funding_output_script(self.alice.funding_pubkey, self.bob.funding_pubkey)

    def point(self, owner: str, number: int) -> bytes:
        info = self.info_a if owner == "alice" else self.info_b
        return info.our_point(number)

    def secret(self, owner: str, number: int) -> bytes:
        keys = self.alice if owner == "alice" else self.bob
        return commitment_secret(keys.per_commitment_seed, number)

    def htlc_tx(self, commitment: CommitmentTx, plan: HtlcPlan) -> tuple[HtlcTx, bytes, bytes]:
        """The owner's HTLC tx for `plan`, with (remote sig, local sig) made by both parties."""
        owner_is_alice = commitment.spec.local_funding_pubkey == self.alice.funding_pubkey
        htlc = plan.for_alice() if owner_is_alice else plan.for_bob()
        output = commitment.output_for_htlc(htlc.direction, htlc.htlc_id)
        assert output is not None
        tx = make_htlc_tx(commitment, output)
        local, remote = (self.alice, self.bob) if owner_is_alice else (self.bob, self.alice)
        point = self.point("alice" if owner_is_alice else "bob",
                           commitment.spec.commitment_number)
        remote_sig = tx.sign_as_remote(derive_privkey(remote.htlc_basepoint_secret, point))
        local_sig = tx.sign_as_local(derive_privkey(local.htlc_basepoint_secret, point))
        return tx, remote_sig, local_sig
