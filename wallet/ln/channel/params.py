"""Channel parameters: what each side announced in `open_channel` / `accept_channel`, our
own policy, `channel_type` negotiation, and the BOLT 2 checks on the peer's parameters.

The naming follows the announcing side: in a `SideParams` for side X, `dust_limit_sat` is
for X's *own* commitment, while `channel_reserve_sat`, `to_self_delay`, `htlc_minimum_msat`,
`max_htlc_value_in_flight_msat` and `max_accepted_htlcs` are what X imposes on the *other*
side (the reserve the other must keep, the delay on the other's outputs, the limits on the
HTLCs the other offers to X). Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wallet.ln.channel.anchor_reserve import ANCHOR_RESERVE_SAT
from wallet.ln.channel.errors import ChannelProtocolError, require
from wallet.ln.features import Features, both_support
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import ChannelType, commitment_fee_sat
from wallet.ln.tx.keys import ChannelKeyError, check_pubkey
from wallet.sentence import Sentence

MAX_ACCEPTED_HTLCS_LIMIT = 483
MIN_DUST_LIMIT_SAT = 354
LARGE_CHANNEL_SAT = 1 << 24
CLTV_EXPIRY_LIMIT = 500_000_000
BADONION = 0x8000

STATIC_REMOTEKEY_BIT = 12
ANCHORS_ZERO_FEE_BIT = 22
SCID_ALIAS_BIT = 46
ZEROCONF_BIT = 50


@dataclass(frozen=True)
class SideParams:
    """One side's announced parameters and basepoints (see the module docstring)."""

    funding_pubkey: bytes = field(repr=False)
    revocation_basepoint: bytes = field(repr=False)
    payment_basepoint: bytes = field(repr=False)
    delayed_payment_basepoint: bytes = field(repr=False)
    htlc_basepoint: bytes = field(repr=False)
    dust_limit_sat: int
    max_htlc_value_in_flight_msat: int
    channel_reserve_sat: int
    htlc_minimum_msat: int
    to_self_delay: int
    max_accepted_htlcs: int
    upfront_shutdown_script: bytes = field(default=b"", repr=False)


#: The to_self_delay we ask of peers: the punishment window. If a peer publishes a revoked
#: commitment, its own output stays locked this many blocks, and only during that time can
#: we take it all with a justice transaction; so Kite must run (and sync) at least once in
#: every such window. 144 blocks (one day, BOLT 2's example) is too short for a desktop app
#: that is often closed for a weekend; 1,008 blocks (about 7 days, what Electrum asks) is a
#: week's margin. The cost is the peer's: its funds wait that long after it force-closes,
#: and peers cap what they accept (eclair, CLN, Electrum, LND: 2,016 blocks at most), so the
#: default stays well below that cap.
PUNISHMENT_WINDOW_BLOCKS = 1008


@dataclass(frozen=True)
class ChannelPolicy:
    """Our choices and limits. Everything a user could want to change lives here.

    `to_self_delay` is the punishment window we ask of peers (`PUNISHMENT_WINDOW_BLOCKS`,
    see there why 1,008 blocks); `anchor_reserve_sat` the confirmed on-chain coins kept
    while anchor channels are open (`anchor_reserve.ANCHOR_RESERVE_SAT`, see there)."""

    dust_limit_sat: int = 546
    htlc_minimum_msat: int = 1
    to_self_delay: int = PUNISHMENT_WINDOW_BLOCKS
    anchor_reserve_sat: int = ANCHOR_RESERVE_SAT
    max_accepted_htlcs: int = 30
    max_htlc_value_in_flight_msat: int | None = None  # None: the whole capacity
    reserve_ratio_ppm: int = 10_000  # 1% of the capacity, as BOLT 2 suggests
    minimum_depth: int = 3
    # limits on what the peer may ask of us
    max_to_self_delay: int = 2016
    min_feerate_per_kw: int = 253
    max_feerate_per_kw: int = 200_000
    max_dust_limit_sat: int = 5_000
    max_reserve_ratio_ppm: int = 200_000
    max_htlc_minimum_msat: int = 1_000_000
    min_max_accepted_htlcs: int = 5
    min_funding_sat: int = 20_000
    max_minimum_depth: int = 144
    support_large_channel: bool = False
    # HTLC deadlines (BOLT 2): fail the channel G blocks after an offered HTLC expired, or
    # 2R+G+S blocks before a received HTLC we fulfilled expires
    offered_grace_blocks: int = 2
    fulfill_safety_blocks: int = 18
    # negotiation of closing fees: our range is [target/2, target*2] around the target fee
    closing_fee_spread: int = 2
    # the funder keeps this multiple of the current feerate affordable (fee spike buffer)
    fee_spike_multiplier: int = 2

    def reserve_for(self, funding_sat: int, *dust_limits: int) -> int:
        """The reserve we ask the peer to keep: 1% of the capacity, never below a dust limit."""
        return max([funding_sat * self.reserve_ratio_ppm // 1_000_000, *dust_limits])


# -- channel_type --------------------------------------------------------------------------


def channel_type_bits(channel_type: ChannelType, scid_alias: bool = False,
                      zeroconf: bool = False) -> bytes:
    """The `channel_type` TLV value: the smallest bitmap of the type's even bits."""
    bits = {STATIC_REMOTEKEY_BIT}
    if zeroconf:
        bits.add(ZEROCONF_BIT)
    if channel_type.anchors:
        bits.add(ANCHORS_ZERO_FEE_BIT)
    if scid_alias:
        bits.add(SCID_ALIAS_BIT)
    return Features(frozenset(bits)).to_bytes()


def is_zeroconf_type(raw: bytes | None) -> bool:
    """The `channel_type` asks for option_zeroconf (the channel is used before it confirms)."""
    return raw is not None and ZEROCONF_BIT in Features.from_bytes(raw).bits


def parse_channel_type(raw: bytes | None, remote_features: Features, *,
                       allow_zeroconf: bool = False) -> tuple[ChannelType, bool]:
    """(commitment format, scid_alias) of a received `channel_type`, or a protocol error.

    Only the two types we implement are accepted, each optionally with `option_scid_alias`;
    `option_zeroconf` is refused (we trust no peer with an unconfirmed channel by default)
    unless `allow_zeroconf` (a JIT channel from the LSP we bought it from), and then only
    with `option_scid_alias` (bLIP-52: the channel is named by its alias until it confirms).
    """
    require(raw is not None, "open_channel without channel_type")
    assert raw is not None
    bits = set(Features.from_bytes(raw).bits)
    if ZEROCONF_BIT in bits:
        require(allow_zeroconf, "zero-conf channels are not accepted")
        require(SCID_ALIAS_BIT in bits, "a zero-conf channel must use option_scid_alias")
        bits.discard(ZEROCONF_BIT)
    scid_alias = SCID_ALIAS_BIT in bits
    bits.discard(SCID_ALIAS_BIT)
    if bits == {STATIC_REMOTEKEY_BIT}:
        channel_type = ChannelType.STATIC_REMOTEKEY
    elif bits == {STATIC_REMOTEKEY_BIT, ANCHORS_ZERO_FEE_BIT}:
        channel_type = ChannelType.ANCHORS_ZERO_FEE_HTLC_TX
    else:
        raise ChannelProtocolError(Sentence("unsupported channel_type bits %1", sorted(bits)))
    return channel_type, scid_alias


def choose_channel_type(local: Features, remote: Features) -> ChannelType:
    """The best commitment format both nodes support (anchors when both offer it)."""
    if both_support(local, remote, "option_anchors_zero_fee_htlc_tx"):
        return ChannelType.ANCHORS_ZERO_FEE_HTLC_TX
    return ChannelType.STATIC_REMOTEKEY


# -- scripts ---------------------------------------------------------------------------------


def is_valid_shutdown_script(script: bytes, anysegwit: bool) -> bool:
    """BOLT 2 `shutdown` forms: P2WPKH, P2WSH, and (if negotiated) witness v1..v16."""
    if not isinstance(script, bytes):
        return False
    if len(script) == 22 and script[:2] == b"\x00\x14":
        return True
    if len(script) == 34 and script[:2] == b"\x00\x20":
        return True
    if anysegwit and len(script) >= 4 and 0x51 <= script[0] <= 0x60:
        size = script[1]
        return 2 <= size <= 40 and len(script) == 2 + size
    return False


# -- checks on the peer's open_channel / accept_channel ------------------------------------


def _check_basepoints(msg: Any) -> None:
    for name in (
        "funding_pubkey",
        "revocation_basepoint",
        "payment_basepoint",
        "delayed_payment_basepoint",
        "htlc_basepoint",
        "first_per_commitment_point",
    ):
        try:
            check_pubkey(getattr(msg, name), name)
        except ChannelKeyError as exc:
            raise ChannelProtocolError(str(exc)) from None


def _check_common(msg: Any, policy: ChannelPolicy, funding_sat: int, what: str) -> None:
    """The rules open_channel and accept_channel share (BOLT 2 "receiving")."""
    dust = msg.dust_limit_satoshis
    reserve = msg.channel_reserve_satoshis
    _check_basepoints(msg)
    require(
        msg.max_accepted_htlcs <= MAX_ACCEPTED_HTLCS_LIMIT,
        f"{what}: max_accepted_htlcs is greater than {MAX_ACCEPTED_HTLCS_LIMIT}",
    )
    require(
        msg.max_accepted_htlcs >= policy.min_max_accepted_htlcs,
        f"{what}: max_accepted_htlcs is too small",
    )
    require(
        msg.to_self_delay <= policy.max_to_self_delay,
        f"{what}: to_self_delay {msg.to_self_delay} is unreasonably large",
    )
    require(dust >= MIN_DUST_LIMIT_SAT, f"{what}: dust_limit_satoshis is below 354")
    require(dust <= policy.max_dust_limit_sat, f"{what}: dust_limit_satoshis is too large")
    require(dust <= reserve, f"{what}: dust_limit_satoshis is greater than channel_reserve")
    require(
        reserve * 1_000_000 <= funding_sat * policy.max_reserve_ratio_ppm,
        f"{what}: channel_reserve_satoshis is too large",
    )
    require(
        msg.htlc_minimum_msat <= policy.max_htlc_minimum_msat,
        f"{what}: htlc_minimum_msat is too large",
    )
    require(
        msg.max_htlc_value_in_flight_msat > 0,
        f"{what}: max_htlc_value_in_flight_msat is zero",
    )


def check_funding_amount(funding_sat: int, policy: ChannelPolicy, remote: Features) -> None:
    """Funding limits: our minimum, and below 2^24 unless both support large channels."""
    require(funding_sat >= policy.min_funding_sat, "funding_satoshis is too small")
    large = policy.support_large_channel and remote.supports("option_support_large_channel")
    require(large or funding_sat < LARGE_CHANNEL_SAT, "funding_satoshis is 2^24 or more")


def check_initial_balances(
    funding_sat: int,
    push_msat: int,
    feerate_per_kw: int,
    channel_type: ChannelType,
    reserve_sat: int,
) -> None:
    """The opener can pay the first commitment's fee (and anchors), and one side has more
    than the reserve."""
    require(push_msat <= funding_sat * 1000, "push_msat is greater than funding_satoshis")
    cost = commitment_fee_sat(feerate_per_kw, 0, channel_type)
    if channel_type.anchors:
        cost += 2 * scripts.ANCHOR_OUTPUT_SAT
    opener_msat = funding_sat * 1000 - push_msat - cost * 1000
    require(opener_msat >= 0, "the funder cannot pay the initial commitment fee")
    require(
        opener_msat > reserve_sat * 1000 or push_msat > reserve_sat * 1000,
        "both initial balances are at or below the channel reserve",
    )


def check_feerate(feerate_per_kw: int, policy: ChannelPolicy, what: str) -> None:
    require(
        policy.min_feerate_per_kw <= feerate_per_kw <= policy.max_feerate_per_kw,
        f"{what}: feerate_per_kw {feerate_per_kw} is too small or unreasonably large",
    )


def check_open_channel(
    msg: Any,
    *,
    policy: ChannelPolicy,
    chain_hash: bytes,
    remote_features: Features,
    allow_zeroconf: bool = False,
) -> tuple[ChannelType, bool]:
    """Every BOLT 2 "receiving open_channel" rule we enforce; returns the channel type."""
    require(msg.chain_hash == chain_hash, "open_channel is for another chain")
    channel_type, scid_alias = parse_channel_type(msg.channel_type, remote_features,
                                                  allow_zeroconf=allow_zeroconf)
    funding = msg.funding_satoshis
    check_funding_amount(funding, policy, remote_features)
    _check_common(msg, policy, funding, "open_channel")
    check_feerate(msg.feerate_per_kw, policy, "open_channel")
    our_reserve = policy.reserve_for(funding, policy.dust_limit_sat, msg.dust_limit_satoshis)
    require(
        msg.channel_reserve_satoshis >= policy.dust_limit_sat,
        "open_channel: channel_reserve_satoshis is below our dust limit",
    )
    check_initial_balances(
        funding,
        msg.push_msat,
        msg.feerate_per_kw,
        channel_type,
        max(our_reserve, msg.channel_reserve_satoshis),
    )
    _check_upfront_script(msg, remote_features)
    return channel_type, scid_alias


def check_accept_channel(
    msg: Any,
    *,
    open_msg: Any,
    policy: ChannelPolicy,
    remote_features: Features,
) -> None:
    """Every BOLT 2 "receiving accept_channel" rule we enforce (funder side)."""
    require(
        msg.channel_type is not None, "accept_channel without channel_type"
    )
    require(
        msg.channel_type == open_msg.channel_type,
        "accept_channel: channel_type differs from ours",
    )
    funding = open_msg.funding_satoshis
    _check_common(msg, policy, funding, "accept_channel")
    require(
        msg.channel_reserve_satoshis >= open_msg.dust_limit_satoshis,
        "accept_channel: channel_reserve_satoshis is below our dust limit",
    )
    require(
        open_msg.channel_reserve_satoshis >= msg.dust_limit_satoshis,
        "accept_channel: dust_limit_satoshis is above the reserve we asked for",
    )
    require(
        msg.minimum_depth <= policy.max_minimum_depth,
        "accept_channel: minimum_depth is unreasonably large",
    )
    _check_upfront_script(msg, remote_features)


def _check_upfront_script(msg: Any, remote_features: Features) -> None:
    script = msg.upfront_shutdown_script
    if script:
        anysegwit = remote_features.supports("option_shutdown_anysegwit")
        require(
            is_valid_shutdown_script(script, anysegwit),
            "upfront_shutdown_script is not a standard segwit script",
        )


def side_params_from_message(msg: Any) -> SideParams:
    """The peer's `SideParams` from its open_channel or accept_channel."""
    return SideParams(
        funding_pubkey=msg.funding_pubkey,
        revocation_basepoint=msg.revocation_basepoint,
        payment_basepoint=msg.payment_basepoint,
        delayed_payment_basepoint=msg.delayed_payment_basepoint,
        htlc_basepoint=msg.htlc_basepoint,
        dust_limit_sat=msg.dust_limit_satoshis,
        max_htlc_value_in_flight_msat=msg.max_htlc_value_in_flight_msat,
        channel_reserve_sat=msg.channel_reserve_satoshis,
        htlc_minimum_msat=msg.htlc_minimum_msat,
        to_self_delay=msg.to_self_delay,
        max_accepted_htlcs=msg.max_accepted_htlcs,
        upfront_shutdown_script=msg.upfront_shutdown_script or b"",
    )
