"""Shipped checkpoint and network-default data, and verification anchored on checkpoints."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import FIXTURES, ROOT, load_fixture
from wallet.chain.checkpoints import (
    DATA_DIR,
    checkpoint_at_or_above,
    checkpoint_context,
    default_anchor,
    known_bits,
    latest_checkpoint,
    load_checkpoints,
    verify_below_checkpoint,
)
from wallet.chain.headers import (
    HEADER_SIZE,
    MAINNET_PARAMS,
    BadLink,
    BadProofOfWork,
    ChainContext,
    CheckpointMismatch,
    Header,
    HeaderError,
    MalformedHeader,
    bits_from_target,
    hash_to_hex,
    headers_from_hex_lines,
    target_from_bits,
    verify_headers,
)
from wallet.chain.servers import default_servers, resolve_servers
from wallet.networks import NETWORKS, get_network


def load_headers(name: str) -> tuple[int, bytes]:
    meta = load_fixture(name + ".json")
    return meta["first_height"], headers_from_hex_lines((FIXTURES / (name + ".hex")).read_text("ascii"))


def gen_script():
    spec = importlib.util.spec_from_file_location("gen_chain_data", ROOT / "scripts" / "gen_chain_data.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- shipped data


def test_generated_files_are_up_to_date():
    assert gen_script().main(["--fixtures", str(FIXTURES), "--check"]) == 0


def test_latest_checkpoint_matches_electrum_facts():
    facts = load_fixture("network_facts.json")["electrum_mainnet_checkpoints"]
    cp = latest_checkpoint("mainnet")
    assert cp.height == facts["derived_last_hash_height"] == (facts["last_index"] + 1) * 2016 - 1
    assert cp.hash_hex == facts["last_hash"]
    assert cp.bits == int(facts["last_target_as_nbits"], 16)
    assert target_from_bits(cp.bits)[0] == facts["last_target"]
    assert bits_from_target(facts["last_target"]) == cp.bits


def test_checkpoints_match_every_retarget_pair():
    pairs = {int(h): Header.from_hex(r) for h, r in load_fixture("mainnet_retarget_pairs.json")["headers"].items()}
    by_height = {cp.height: cp for cp in load_checkpoints("mainnet")}
    boundaries = [h for h in pairs if h and h % 2016 == 0]
    assert boundaries
    for h in boundaries:
        cp = by_height[h - 1]
        assert cp.hash == pairs[h - 1].hash
        assert cp.bits == pairs[h].bits
    assert len(by_height) == len(boundaries) + 1  # plus Electrum's newest
    assert all((cp.height + 1) % 2016 == 0 for cp in by_height.values())


def test_network_defaults_match_facts():
    facts = load_fixture("network_facts.json")
    data = json.loads((DATA_DIR / "network_defaults.json").read_text("utf-8"))["networks"]
    assert set(data) == set(NETWORKS)
    servers = data["mainnet"]["electrum_servers"]
    assert [(s["host"], s["tcp"], s["ssl"]) for s in servers] == [
        (s["host"], s["tcp"], s["ssl"]) for s in facts["electrum_mainnet_servers"]["servers"]
    ]
    for name in NETWORKS:
        want = facts["electrum_trampoline_nodes"].get(name, [])
        got = data[name]["trampolines"]
        assert [(t["node_id"], t["host"], t["port"]) for t in got] == [
            (t["node_id"], t["host"], t["port"]) for t in want
        ]


def test_test_networks_ship_their_electrum_servers():
    """testnet, testnet4 and signet work out of the box: Electrum's servers for them (hostnames, TLS
    first), from the in-repo facts file the generator reads."""
    facts = json.loads((ROOT / "scripts" / "chain_facts" / "electrum_test_servers.json")
                       .read_text("utf-8"))
    data = json.loads((DATA_DIR / "network_defaults.json").read_text("utf-8"))["networks"]
    for name in ("testnet", "testnet4", "signet"):
        want = [(s["host"], s["tcp"], s["ssl"]) for s in facts[name]["servers"]]
        assert [(s["host"], s["tcp"], s["ssl"]) for s in data[name]["electrum_servers"]] == want
        shipped = default_servers(get_network(name))
        assert len(shipped) == len(want) >= 3 and all(s.use_tls for s in shipped)
        assert not any(s.host.endswith(".onion") for s in shipped)
        assert resolve_servers(get_network(name), None) == (shipped, False)
    assert default_servers(get_network("regtest")) == []


def test_default_anchors():
    cp = latest_checkpoint("mainnet")
    anchor = default_anchor("mainnet")
    assert (anchor.height, anchor.tip_hash, anchor.next_retarget_bits) == (cp.height, cp.hash, cp.bits)
    for name in ("testnet", "testnet4", "signet", "regtest"):
        assert load_checkpoints(name) == ()
        assert default_anchor(name) == ChainContext.before_genesis()


def test_checkpoint_lookup():
    cps = load_checkpoints("mainnet")
    assert checkpoint_at_or_above("mainnet", 0) == cps[0]
    assert checkpoint_at_or_above("mainnet", cps[0].height) == cps[0]
    assert checkpoint_at_or_above("mainnet", cps[0].height + 1) == cps[1]
    assert checkpoint_at_or_above("mainnet", cps[-1].height + 1) is None
    assert known_bits("mainnet")[(cps[-1].height + 1) // 2016] == cps[-1].bits


# --------------------------------------------------------------------------- forward from a checkpoint


def test_forward_verification_from_shipped_checkpoint():
    first, data = load_headers("mainnet_822528_830592")
    cp = {c.height: c for c in load_checkpoints("mainnet")}[first - 1]
    ctx = verify_headers(MAINNET_PARAMS, checkpoint_context(cp, MAINNET_PARAMS), data)
    assert ctx.tip_hash_hex == load_fixture("mainnet_822528_830592.json")["last_hash"]
    # every checkpoint inside the range agrees with what was verified
    for c in load_checkpoints("mainnet"):
        if first <= c.height < ctx.height:
            i = c.height - first
            assert Header.parse(data[i * 80 : i * 80 + 80]).hash == c.hash
            assert Header.parse(data[i * 80 + 80 : i * 80 + 160]).bits == c.bits


def test_checkpoint_tail_supplies_median_time_past():
    first, data = load_headers("mainnet_822528_830592")
    cps = [c for c in load_checkpoints("mainnet") if first + 11 <= c.height < first + len(data) // 80 - 1]
    assert cps
    cp = cps[-1]
    i = cp.height - first
    tail = data[(i - 10) * 80 : (i + 1) * 80]
    ctx = checkpoint_context(cp, MAINNET_PARAMS, tail)
    assert len(ctx.timestamps) == 11 and ctx.next_retarget_bits == cp.bits
    assert verify_headers(MAINNET_PARAMS, ctx, data[(i + 1) * 80 :]).height == first + len(data) // 80 - 1
    with pytest.raises(CheckpointMismatch):
        checkpoint_context(cp, MAINNET_PARAMS, data[(i - 11) * 80 : i * 80])
    with pytest.raises(MalformedHeader):
        checkpoint_context(cp, MAINNET_PARAMS, data[(i - 11) * 80 : (i + 1) * 80])


# --------------------------------------------------------------------------- backwards to a checkpoint


def test_old_headers_from_genesis_chain_to_a_checkpoint():
    _, data = load_headers("mainnet_0_9999")
    cps = [c for c in load_checkpoints("mainnet") if c.height < len(data) // 80]
    assert cps
    for cp in cps:
        ctx = verify_below_checkpoint("mainnet", data[: (cp.height + 1) * 80], 0)
        assert ctx.tip_hash == cp.hash


@pytest.mark.parametrize("name", ["mainnet_30000_39999", "mainnet_822528_830592"])
def test_old_headers_mid_period_chain_to_a_checkpoint(name):
    first, data = load_headers(name)
    n = len(data) // 80
    cps = [c for c in load_checkpoints("mainnet") if first + 1500 <= c.height < first + n]
    assert cps
    cp = cps[0]
    start = cp.height - 1500  # starts mid-period: bits come from the checkpoint list
    chunk = data[(start - first) * 80 : (cp.height - first + 1) * 80]
    assert verify_below_checkpoint("mainnet", chunk, start).tip_hash == cp.hash
    # tampering anywhere is caught
    bad = bytearray(chunk)
    bad[700 * 80 + 40] ^= 1
    with pytest.raises(BadProofOfWork):
        verify_below_checkpoint("mainnet", bytes(bad), start)
    bad = bytearray(chunk)
    bad[700 * 80 + 8] ^= 1
    with pytest.raises(BadLink):
        verify_below_checkpoint("mainnet", bytes(bad), start)
    # must end exactly at the checkpoint
    with pytest.raises(CheckpointMismatch):
        verify_below_checkpoint("mainnet", chunk[:-80], start)
    # claimed at the wrong heights: the hash or the known nBits cannot match
    with pytest.raises(HeaderError):
        verify_below_checkpoint("mainnet", chunk, start - 2016)


def test_old_headers_wrong_tip_hash_rejected():
    first, data = load_headers("mainnet_822528_830592")
    cp = [c for c in load_checkpoints("mainnet") if first < c.height < first + len(data) // 80][0]
    i = cp.height - first
    # a real chain that ends one block early but is claimed to end at the checkpoint
    with pytest.raises(CheckpointMismatch) as e:
        verify_below_checkpoint("mainnet", data[(i - 10) * 80 : i * 80], cp.height - 9)
    assert hash_to_hex(cp.hash) in str(e.value)


def test_old_headers_bad_input():
    with pytest.raises(MalformedHeader):
        verify_below_checkpoint("mainnet", b"", 0)
    with pytest.raises(MalformedHeader):
        verify_below_checkpoint("mainnet", b"\x00" * (HEADER_SIZE + 1), 0)
