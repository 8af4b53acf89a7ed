"""`kite daemon`'s options become one NodeConfig, and a detached daemon is given back exactly
that configuration as arguments (nothing through the environment)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wallet.cli import build_parser
from wallet.cli.daemon_command import node_config
from wallet.daemon.node_config import NodeConfig
from wallet.errors import InputError
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.lsp.lsps2 import FeeOffer


def parsed(*options: str) -> NodeConfig:
    return node_config(build_parser().parse_args(["daemon", *options]))


def test_options_make_one_config():
    c = parsed("--server", "h:1:t", "--ln-port", "9735", "--trampoline", "5,6,70")
    assert c == NodeConfig("h:1:t", ("127.0.0.1", 9735), RelayPolicy(5, 6, 70), "kite daemon")
    assert parsed() == NodeConfig(holder="kite daemon")
    assert parsed("--trampoline").trampoline == RelayPolicy()
    assert parsed("--ln-listen", "0.0.0.0:1").ln_listen == ("0.0.0.0", 1)
    assert parsed().peer_storage and not parsed("--no-peer-storage").peer_storage


def test_a_node_without_peer_storage_does_not_offer_it():
    from wallet.daemon.channel_service import peer_config
    from wallet.networks import REGTEST
    assert peer_config(REGTEST, NodeConfig()).features.supports("option_provide_storage")
    off = peer_config(REGTEST, NodeConfig(peer_storage=False)).features
    assert not off.supports("option_provide_storage") and off.supports("option_anchors_zero_fee_htlc_tx")


@given(server=st.sampled_from([None, "a:1:s", "127.0.0.1:50001:t"]),
       listen=st.one_of(st.none(), st.tuples(st.sampled_from(["127.0.0.1", "0.0.0.0"]),
                                             st.integers(0, 65535))),
       policy=st.one_of(st.none(), st.builds(RelayPolicy, st.integers(0, 2**32 - 1),
                                             st.integers(0, 2**32 - 1),
                                             st.integers(0, 2**16 - 1))),
       offer=st.one_of(st.none(), st.builds(FeeOffer, st.integers(0, 10**12),
                                            st.integers(0, 1_000_000))),
       lsp_peer=st.sampled_from([None, "none", "02" + "ab" * 32 + "@127.0.0.1:9735"]),
       storage=st.booleans(),
       rate_url=st.sampled_from([None, "http://127.0.0.1:8080"]))
def test_a_detached_daemon_gets_the_same_config(server, listen, policy, offer, lsp_peer,
                                                storage, rate_url):
    config = NodeConfig(server, listen, policy, "kite daemon",
                        None if offer is None else (offer,), lsp_peer, storage, rate_url)
    assert parsed(*config.daemon_arguments()) == config


@pytest.mark.parametrize("options", [("--ln-listen", "h:x"), ("--ln-port", "70000"),
                                     ("--trampoline", "1,2,3,4"), ("--lsp", "5,2000000"),
                                     ("--lsp", "x")])
def test_a_bad_option_is_one_sentence(options):
    with pytest.raises(InputError) as e:
        parsed(*options)
    assert "\n" not in str(e.value)


def test_the_environment_configures_nothing(monkeypatch):
    for name in ("KITE_LN_LISTEN", "KITE_TRAMPOLINE", "KITE_LSP", "KITE_LSP_PEER"):  # old
        monkeypatch.setenv(name, "1")
    assert parsed() == NodeConfig(holder="kite daemon")
