"""LNURL pay, withdraw and auth for the node: the steps of each flow in order, over the
HTTP shell (`wallet/lnurl/http.py`) and the node's own invoices and payments.

Nothing leaves the wallet before its check passed: a payment goes through the node's normal
`pay` only once the invoice matches the request the user saw (`invoice_check.py`) and its
success action is one Kite can show; a withdrawal hands over an invoice only when the
channels can receive the amount; a login is signed only when asked (the consent is the
caller's: the GUI's page, the CLI's `--yes` or prompt). The facade calls the methods with
the parsed requests (the user saw exactly those); `handlers` serve the CLI over the daemon
socket, one call per flow.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from wallet.errors import InputError
from wallet.keys.lnurl_auth import LinkingKeys
from wallet.lnurl.auth import AuthRequest, parse_auth_request, sign_challenge, signed_url
from wallet.lnurl.errors import LnurlError, printable
from wallet.lnurl.http import LnurlHttp
from wallet.lnurl.invoice_check import check_pay_invoice
from wallet.lnurl.receive_room import receivable_msat
from wallet.lnurl.recognise import LnurlTarget, recognise
from wallet.lnurl.responses import (
    PayRequest,
    WithdrawRequest,
    parse_invoice_reply,
    parse_pay_request,
    parse_status_reply,
    parse_withdraw_request,
)
from wallet.lnurl.success_action import decrypt
from wallet.lnurl.urls import with_query
from wallet.networks import Network
from wallet.sentence import Sentence, template

WITHDRAW_INVOICE_EXPIRY = 600  # seconds the service has to pay a withdrawal invoice
WITHDRAW_WAIT = 120.0  # seconds a withdrawal waits for the payment before saying "waiting"
PAID_POLL = 0.2  # seconds between looks at the payment log while waiting
PAY_TIMEOUT = 60.0

LnurlRequest = PayRequest | WithdrawRequest | AuthRequest


class LightningNode(Protocol):
    """What the flows need of the node (`LightningNode` has it; a window attached to a
    daemon gives `node_link.DaemonLightning`, whose answers are awaited: `_answer`)."""

    async def pay(self, invoice_text: str, amount_msat: int | None = None, *,
                  max_fee_msat: int | None = None, timeout: float = ...) -> dict[str, Any]: ...

    def create_invoice(self, amount_msat: int | None, description: str = "",
                       expiry: int = 3600) -> str: ...

    def list_payments(self, limit: int | None = None) -> list[dict[str, Any]]: ...

    def list_channels(self) -> list[dict[str, Any]]: ...


async def _answer(value: Any) -> Any:
    """The node's answer: given at once in-process, awaited from a daemon."""
    return await value if inspect.isawaitable(value) else value


def _sat(msat: int) -> str:
    whole, rest = divmod(msat, 1000)
    return f"{whole:,} sat" if not rest else f"{msat:,} msat"


def _amount_msat(amount_sat: Any, amount_msat: Any) -> int | None:
    """One amount from the CLI/RPC parameters (sat or msat, not both), or None."""
    if amount_sat is not None and amount_msat is not None:
        raise InputError("give the amount in sat or in msat, not both")
    value, unit = (amount_sat, 1000) if amount_sat is not None else (amount_msat, 1)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(Sentence("the amount %1 is not a whole number", repr(value)))
    try:
        number = int(value)
    except ValueError:
        raise InputError(Sentence("the amount %1 is not a whole number", repr(value))) from None
    if number <= 0:
        raise InputError("the amount must be positive")
    return number * unit


#: _seconds' refusals for each parameter, whole sentences (%1: the value given)
TIMEOUT_SAID = (template("the timeout %1 is not a number of seconds"),
                template("the timeout must be between 0 and 3600 seconds"))
WAIT_SAID = (template("the wait %1 is not a number of seconds"),
             template("the wait must be between 0 and 3600 seconds"))


def _seconds(value: Any, said: tuple[str, str]) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(Sentence(said[0], repr(value))) from None
    if not 0 <= number <= 3600:
        raise InputError(Sentence(said[1]))
    return number


def _fee_msat(max_fee_sat: Any) -> int:
    try:
        number = int(max_fee_sat)
    except (TypeError, ValueError):
        raise InputError(Sentence("the maximum fee %1 is not a whole number", repr(max_fee_sat))) from None
    if isinstance(max_fee_sat, bool) or number < 0:
        raise InputError("the maximum fee cannot be negative")
    return number * 1000


def names_of_kinds() -> dict[type, Sentence]:
    """What each kind of LNURL is called in a sentence (translated inside it)."""
    return {PayRequest: Sentence("a payment request"),
            WithdrawRequest: Sentence("a withdraw code"),
            AuthRequest: Sentence("a login request")}


def choose_amount(request: PayRequest | WithdrawRequest, amount_msat: int | None,
                  verb: str) -> int:
    """The amount to use: the one asked (within the service's range), or the only one."""
    if amount_msat is None:
        if request.min_msat == request.max_msat:
            return request.min_msat
        low, high = _sat(request.min_msat), _sat(request.max_msat)
        if verb == "withdraw":
            raise InputError(Sentence("Choose an amount to withdraw: %1 accepts %2 to %3.",
                                      request.service, low, high))
        raise InputError(Sentence("Choose an amount to pay: %1 accepts %2 to %3.",
                                  request.service, low, high))
    if not request.min_msat <= amount_msat <= request.max_msat:
        raise LnurlError(Sentence("%1 is outside what %2 accepts (%3 to %4).", _sat(amount_msat), request.service, _sat(request.min_msat), _sat(request.max_msat)),
                         "amount out of range")
    return amount_msat


class LnurlService:
    """The three flows, for one node on one network."""

    def __init__(self, network: Network, node: LightningNode, linking_keys: LinkingKeys, *,
                 http: LnurlHttp | None = None,
                 ready: Callable[[], Awaitable[None]] | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.network = network
        self.node = node
        self.linking_keys = linking_keys
        # plain http to this machine only on regtest (the devnet and tests)
        self.local_http = network.name == "regtest"
        self.http = http or LnurlHttp(local_http=self.local_http)
        self._ready = ready
        self.clock = clock

    async def _node_ready(self) -> None:
        if self._ready is not None:
            await self._ready()

    def recognise(self, text: str) -> LnurlTarget:
        return recognise(text, local_http=self.local_http)

    # -- the first step: what is this LNURL? ------------------------------------------------

    async def fetch(self, text: str) -> LnurlRequest:
        """The request behind `text`: a login is read from the LNURL itself (nothing is
        sent); a pay or withdraw request is fetched from the service and checked."""
        target = self.recognise(text)
        if target.kind == "auth":
            return parse_auth_request(target)
        reply = await self.http.get_json(target.url, target.service)
        tag = reply.get("tag")
        if target.kind == "pay" or (target.kind is None and tag == "payRequest"):
            return parse_pay_request(reply, target.service, local_http=self.local_http,
                                     address=target.address)
        if target.kind == "withdraw" or (target.kind is None and tag == "withdrawRequest"):
            return parse_withdraw_request(reply, target.service, local_http=self.local_http)
        if reply.get("status") is not None:  # an ERROR reason is the service's own words
            parse_status_reply(reply, target.service)
        if tag == "channelRequest":
            raise LnurlError(Sentence("The service %1 offers a channel; Kite opens channels only with its own trampoline peers.", target.service), "channelRequest")
        shown = printable(tag, 40) if isinstance(tag, str) else "none"
        raise LnurlError(Sentence("The service %1 did not answer as an LNURL service does (no pay or withdraw request).", target.service), f"tag {shown!r}")

    # -- LUD-06 pay ----------------------------------------------------------------------------

    async def pay(self, request: PayRequest, amount_msat: int, comment: str = "", *,
                  max_fee_msat: int | None = None, timeout: float = PAY_TIMEOUT
                  ) -> dict[str, Any]:
        """Ask the service for an invoice of `amount_msat`, check it, pay it through the
        node, then open the success action. The node's payment entry, plus `service`,
        `description`, `comment` and `success_action`."""
        amount = choose_amount(request, amount_msat, "pay")
        comment = comment or ""
        if comment and request.comment_allowed <= 0:
            raise LnurlError(Sentence("The service %1 does not take a comment.", request.service),
                             "commentAllowed is 0")
        if len(comment) > request.comment_allowed:
            raise LnurlError(Sentence("The service %1 takes comments of at most %2 characters.", request.service, request.comment_allowed), f"{len(comment)} given")
        params = [("amount", str(amount))] + ([("comment", comment)] if comment else [])
        reply = await self.http.get_json(with_query(request.callback, params), request.service)
        answer = parse_invoice_reply(reply, request.service, callback=request.callback,
                                     local_http=self.local_http)
        check_pay_invoice(answer.invoice, request, amount, self.network, self.clock())
        await self._node_ready()
        result = dict(await self.node.pay(answer.invoice, None, max_fee_msat=max_fee_msat,
                                          timeout=timeout))
        action: dict[str, Any] | None = None
        if answer.success_action is not None:
            action = answer.success_action.to_json_dict()
            if answer.success_action.tag == "aes":
                try:
                    action["message"] = decrypt(answer.success_action,
                                                bytes.fromhex(str(result.get("preimage"))))
                except (LnurlError, ValueError) as e:
                    action["error"] = getattr(e, "message", str(e))
        return result | {"service": request.service, "address": request.address,
                         "description": request.metadata.description, "comment": comment,
                         "success_action": action}

    # -- LUD-03 withdraw ---------------------------------------------------------------------

    async def receivable_msat(self) -> int:
        await self._node_ready()
        return receivable_msat(await _answer(self.node.list_channels()))

    async def withdraw(self, request: WithdrawRequest, amount_msat: int | None = None, *,
                       wait: float = WITHDRAW_WAIT) -> dict[str, Any]:
        """Give the service an invoice for the amount, then wait up to `wait` seconds for
        its payment: status "paid", or "waiting" (the invoice stays valid a while)."""
        amount = choose_amount(request, request.max_msat if amount_msat is None
                               else amount_msat, "withdraw")
        room = await self.receivable_msat()
        if amount > room:
            if room <= 0:
                raise LnurlError(Sentence("Your wallet cannot receive over Lightning now (no channel has room to receive); nothing was asked of %1.", request.service),
                                 "receivable 0")
            raise LnurlError(Sentence("Your channels can receive about %1 now, less than %2; nothing was asked of %3.", _sat(room), _sat(amount), request.service),
                             f"receivable {room} msat")
        invoice = await _answer(self.node.create_invoice(amount, request.description,
                                                         WITHDRAW_INVOICE_EXPIRY))
        url = with_query(request.callback, [("k1", request.k1), ("pr", invoice)])
        parse_status_reply(await self.http.get_json(url, request.service), request.service)
        status = await self._wait_paid(invoice, wait)
        return {"service": request.service, "amount_msat": amount, "invoice": invoice,
                "description": request.description, "status": status}

    async def _wait_paid(self, invoice: str, wait: float) -> str:
        deadline = time.monotonic() + max(0.0, float(wait))
        while True:
            for row in await _answer(self.node.list_payments()):
                if row.get("invoice") == invoice and row.get("status") == "paid":
                    return "paid"
            if time.monotonic() >= deadline:
                return "waiting"
            await asyncio.sleep(PAID_POLL)

    # -- LUD-04 auth ----------------------------------------------------------------------------

    def linking_key(self, request: AuthRequest) -> bytes:
        """The public key `request`'s domain will know us by."""
        return self.linking_keys.public_key(request.domain)

    async def auth(self, request: AuthRequest) -> dict[str, Any]:
        """Sign the challenge with the domain's linking key and send it. Call only with the
        user's consent."""
        key = self.linking_keys.private_key(request.domain)
        public = self.linking_keys.public_key(request.domain)
        url = signed_url(request, public, sign_challenge(request.k1, key))
        parse_status_reply(await self.http.get_json(url, request.service), request.service)
        return request.to_json_dict() | {"key": public.hex(), "status": "OK"}

    # -- the daemon's commands (CLI) ---------------------------------------------------------

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {"lnurl_fetch": self.cmd_fetch, "lnurl_pay": self.cmd_pay,
                "lnurl_withdraw": self.cmd_withdraw, "lnurl_auth": self.cmd_auth}

    def describe(self, request: LnurlRequest) -> dict[str, Any]:
        out = request.to_json_dict()
        if isinstance(request, AuthRequest):
            out["key"] = self.linking_key(request).hex()
        return out

    async def _fetch_kind(self, text: Any, kind: type) -> Any:
        request = await self.fetch(str(text))
        if not isinstance(request, kind):
            names = names_of_kinds()
            raise LnurlError(Sentence("This LNURL is %1, not %2.", names[type(request)], names[kind]),
                             f"{type(request).__name__}")
        return request

    async def cmd_fetch(self, text: str) -> dict[str, Any]:
        request = await self.fetch(str(text))
        out = self.describe(request)
        if isinstance(request, WithdrawRequest):
            out["receivable_msat"] = await self.receivable_msat()
        return out

    async def cmd_pay(self, text: str, amount_sat: Any = None, amount_msat: Any = None,
                      comment: Any = "", max_fee_sat: Any = None, timeout: Any = PAY_TIMEOUT
                      ) -> dict[str, Any]:
        amount = _amount_msat(amount_sat, amount_msat)
        max_fee = None if max_fee_sat is None else _fee_msat(max_fee_sat)
        request = await self._fetch_kind(text, PayRequest)
        amount = choose_amount(request, amount, "pay")
        return await self.pay(request, amount, str(comment or ""),
                              max_fee_msat=max_fee,
                              timeout=_seconds(timeout, TIMEOUT_SAID))

    async def cmd_withdraw(self, text: str, amount_sat: Any = None, amount_msat: Any = None,
                           wait: Any = WITHDRAW_WAIT) -> dict[str, Any]:
        amount = _amount_msat(amount_sat, amount_msat)
        request = await self._fetch_kind(text, WithdrawRequest)
        return await self.withdraw(request, amount, wait=_seconds(wait, WAIT_SAID))

    async def cmd_auth(self, text: str, yes: bool = False) -> dict[str, Any]:
        request = await self._fetch_kind(text, AuthRequest)
        if yes is not True:
            raise InputError(Sentence("Kite signs a login only when you agree: to %1 at %2, repeat with --yes.", request.action_text, request.service))
        return await self.auth(request)
