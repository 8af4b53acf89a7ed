"""How a node is started, as one value: the daemon's command line builds it, a detached
daemon gets it back as arguments, the GUI and the tests build it directly. Nothing of it
travels through environment variables, so what a process runs with is what it was given."""

from __future__ import annotations

from dataclasses import dataclass

from wallet.errors import InputError
from wallet.ln.htlc.relay_policy import RelayPolicy, RelayPolicyError
from wallet.lsp.lsps2 import FeeOffer, offers_from_text
from wallet.sentence import Sentence


def parse_listen(text: str | None) -> tuple[str, int] | None:
    """"HOST:PORT" or "PORT" (on 127.0.0.1) -> (host, port); empty -> None (don't listen)."""
    if not text:
        return None
    host, _, port = str(text).rpartition(":")
    try:
        number = int(port)
    except ValueError:
        raise InputError(Sentence("Lightning listen address %1: the port is not a number", repr(text))) from None
    if not 0 <= number < 65536:
        raise InputError(Sentence("Lightning listen port %1 is out of range", number))
    return host or "127.0.0.1", number


def parse_trampoline(text: str | None) -> RelayPolicy | None:
    """"1" (the default policy) or "BASE_MSAT,PPM[,CLTV_DELTA]"; empty or "off" -> None."""
    if text is None or text.strip() in ("", "0", "no", "off", "false"):
        return None
    try:
        return RelayPolicy.parse(text)
    except RelayPolicyError as e:
        raise InputError(Sentence("--trampoline: %1", e)) from None


@dataclass(frozen=True)
class NodeConfig:
    """What a node runs with besides its wallet: the Electrum server (None: the network's
    shipped list), where to accept Lightning peers (None: nowhere), the relay policy when it
    forwards as a trampoline (None: it does not), how it names itself to a second process
    that finds the wallet locked, the JIT channel offers it sells as an LSP (None: it does
    not), the LSP it buys from (NODEID@HOST:PORT, "none", or None: the network's
    trampoline if it sells them) and whether it keeps its peers' backups (BOLT 1 peer
    storage, offered by default: a peer that restores from its seed gets its channel back)."""

    server: str | None = None
    ln_listen: tuple[str, int] | None = None
    trampoline: RelayPolicy | None = None
    holder: str = "a Kite node"
    lsp_offers: tuple[FeeOffer, ...] | None = None
    lsp_peer: str | None = None
    peer_storage: bool = True
    rate_url: str | None = None  # the devnet's rate server (regtest's "devnet" rate source)

    @classmethod
    def parse(cls, *, server: str | None = None, ln_listen: str | None = None,
              trampoline: str | None = None, holder: str = "a Kite node",
              lsp: str | None = None, lsp_peer: str | None = None,
              peer_storage: bool = True, rate_url: str | None = None) -> NodeConfig:
        """From the texts a user types; a bad value raises InputError with one sentence."""
        try:
            offers = offers_from_text(lsp)
        except InputError as e:
            raise InputError(Sentence("--lsp: %1", e)) from None
        return cls(server or None, parse_listen(ln_listen), parse_trampoline(trampoline), holder,
                   None if offers is None else tuple(offers), lsp_peer, peer_storage,
                   rate_url or None)

    def daemon_arguments(self) -> list[str]:
        """The `kite daemon` options that give a (detached) daemon this same configuration."""
        argv: list[str] = []
        if self.server:
            argv += ["--server", self.server]
        if self.ln_listen is not None:
            host, port = self.ln_listen
            argv += ["--ln-listen", f"{host}:{port}"]
        if self.trampoline is not None:
            p = self.trampoline
            argv += ["--trampoline",
                     f"{p.fee_base_msat},{p.fee_proportional_millionths},{p.cltv_expiry_delta}"]
        for offer in self.lsp_offers or ():
            argv += ["--lsp", f"{offer.min_fee_msat},{offer.proportional}"]
        if self.lsp_peer is not None:
            argv += ["--lsp-peer", self.lsp_peer]
        if not self.peer_storage:
            argv += ["--no-peer-storage"]
        if self.rate_url:
            argv += ["--rate-url", self.rate_url]
        return argv


#: a node with the shipped servers, listening nowhere, relaying nothing
DEFAULT_CONFIG = NodeConfig()
