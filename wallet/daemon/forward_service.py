"""The trampoline role in the node: on when its NodeConfig has a relay policy (`kite daemon
--trampoline`), with commands to read and change the forwarding policy at run time and to
list the forwards."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from wallet.errors import InputError
from wallet.ln.htlc.relay_policy import RelayPolicy, RelayPolicyError
from wallet.ln.shell.forwarder import TrampolineForwarder
from wallet.ln.shell.lightning_node import LightningNode
from wallet.sentence import Sentence


class ForwardService:
    """Installs the forwarder on the manager (before it starts) and serves its commands."""

    def __init__(self, manager: LightningNode, policy: RelayPolicy) -> None:
        self.forwarder = TrampolineForwarder(manager, policy).install()

    def started(self) -> None:
        """The channels are loaded: answer what a restart left held."""
        self.forwarder.recover()

    async def close(self) -> None:
        await self.forwarder.stop()

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {"forward_policy": self.forward_policy, "forwards": self.forwards}

    async def forward_policy(self, fee_base_msat: Any = None,
                             fee_proportional_millionths: Any = None,
                             cltv_expiry_delta: Any = None) -> dict[str, Any]:
        """The forwarding policy; with arguments, change it (for payments from now on)."""
        current = self.forwarder.policy
        try:
            self.forwarder.policy = RelayPolicy(
                current.fee_base_msat if fee_base_msat is None else int(fee_base_msat),
                current.fee_proportional_millionths if fee_proportional_millionths is None
                else int(fee_proportional_millionths),
                current.cltv_expiry_delta if cltv_expiry_delta is None
                else int(cltv_expiry_delta))
        except (RelayPolicyError, TypeError, ValueError) as e:
            raise InputError(Sentence("forwarding policy: %1", e)) from None
        return self.forwarder.describe()

    async def forwards(self) -> list[dict[str, Any]]:
        return self.forwarder.forwards()
