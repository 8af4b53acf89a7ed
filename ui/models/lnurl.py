"""The LNURL page: an LNURL or Lightning address → what the service offers → the user's
choice (amount, comment, consent) → the outcome.

The request fetched (and checked) by the facade is kept and handed back unchanged to
`lnurl_pay` / `lnurl_withdraw` / `lnurl_auth`: what the user confirms is what the service
showed. Amounts are typed in the user's unit and must fall in the service's range (whole
satoshis; a fixed amount in millisatoshis is paid as it is). A login is signed only when
the user presses its button. Failures are one sentence (`error`, `errorDetail`).
"""

from __future__ import annotations

import base64
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.i18n.words import QT_TRANSLATE_NOOP, fill, translate
from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.settings import SettingsModel
from ui.models.signals import emit
from wallet.api import AuthRequest, PayRequest, WithdrawRequest

NOT_AN_AMOUNT = QT_TRANSLATE_NOOP("Lnurl", "That is not an amount.")
# what a login request asks for (LUD-04 actions), as the end of "You chose to …"
ACTION_WORDS = {"register": QT_TRANSLATE_NOOP("Lnurl", "create an account"),
                "login": QT_TRANSLATE_NOOP("Lnurl", "log in"),
                "link": QT_TRANSLATE_NOOP("Lnurl", "link this wallet's key to your account"),
                "auth": QT_TRANSLATE_NOOP("Lnurl", "approve an action")}
STAGES = ("input", "loading", "pay", "withdraw", "auth", "working", "done", "failed")


class LnurlModel(QObject):
    changed = Signal()

    def __init__(self, session: Session, settings: SettingsModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._serial = 0  # answers to an abandoned request are dropped
        self._clear()

    def _clear(self) -> None:
        self._stage = "input"
        self._request: PayRequest | WithdrawRequest | AuthRequest | None = None
        self._amount_msat = 0
        self._amount_error = ""
        self._comment = ""
        self._key = ""
        self._receivable_sat = -1
        self._result_title = self._result_text = self._result_url = ""
        self._error = self._error_detail = ""

    # --- steps ------------------------------------------------------------------------------

    @Slot(str)
    def start(self, text: str) -> None:
        """Look the text up (a login is only read; a pay/withdraw request is fetched)."""
        self._clear()
        self._serial += 1
        serial = self._serial
        self._stage = "loading"
        emit(self.changed)

        def ok(request: Any) -> None:
            if serial != self._serial:
                return
            self._request = request
            if isinstance(request, PayRequest):
                self._stage = "pay"
                self._amount_msat = request.min_msat if request.fixed else 0
            elif isinstance(request, WithdrawRequest):
                self._stage = "withdraw"
                self._amount_msat = request.min_msat if request.fixed else 0
                when_done(self._session.poster, self._session.api.lnurl_receivable_sat(),
                          lambda sat: self._set_receivable(serial, sat), lambda m, d: None)
            else:
                self._stage = "auth"
                when_done(self._session.poster, self._session.api.lnurl_linking_key(request),
                          lambda key: self._set_key(serial, key), lambda m, d: None)
            self._check_amount()
            emit(self.changed)

        when_done(self._session.poster, self._session.api.lnurl_fetch(text), ok,
                  lambda m, d: self._fail(serial, m, d))

    def _set_receivable(self, serial: int, sat: int) -> None:
        if serial == self._serial:
            self._receivable_sat = int(sat)
            self._check_amount()
            emit(self.changed)

    def _set_key(self, serial: int, key: str) -> None:
        if serial == self._serial:
            self._key = key
            emit(self.changed)

    def _fail(self, serial: int, message: str, detail: str) -> None:
        if serial == self._serial:
            self._error, self._error_detail = message, detail
            self._stage = "failed"
            emit(self.changed)

    @Slot(str)
    def setAmount(self, text: str) -> None:  # noqa: N802
        """The amount typed, in the user's unit."""
        if self._request is None or isinstance(self._request, AuthRequest) or self.fixed:
            return
        sat = self._settings.parseAmount(text)
        self._amount_msat = max(sat, 0) * 1000
        self._amount_error = translate("Lnurl", NOT_AN_AMOUNT) if sat < 0 and text.strip() else ""
        self._check_amount()
        emit(self.changed)

    def _check_amount(self) -> None:
        request = self._request
        if not isinstance(request, PayRequest | WithdrawRequest) or self._amount_error == (
                translate("Lnurl", NOT_AN_AMOUNT)):
            return
        self._amount_error = ""
        if self._amount_msat and not request.min_msat <= self._amount_msat <= request.max_msat:
            self._amount_error = fill(translate("Lnurl", "Choose between %1 and %2."),
                                      self._settings.formatSat(self.minSat),
                                      self._settings.formatSat(self.maxSat))
        elif (isinstance(request, WithdrawRequest) and self._receivable_sat >= 0
              and max(self._amount_msat, request.min_msat) > self._receivable_sat * 1000):
            self._amount_error = fill(translate("Lnurl", "Your channels can receive about %1 now."),
                                      self._settings.formatSat(self._receivable_sat))

    @Slot(str)
    def setComment(self, text: str) -> None:  # noqa: N802
        self._comment = text
        emit(self.changed)

    @Slot()
    def confirm(self) -> None:
        """Pay, withdraw, or sign the login: the user pressed the button."""
        if not self.canConfirm:
            return
        request, serial = self._request, self._serial
        api = self._session.api
        if isinstance(request, PayRequest):
            future = api.lnurl_pay(request, self._amount_msat, self._comment.strip(),
                                   self._settings.feeCapSat(self._amount_msat // 1000))
        elif isinstance(request, WithdrawRequest):
            future = api.lnurl_withdraw(request, self._amount_msat)
        else:
            assert isinstance(request, AuthRequest)
            future = api.lnurl_auth(request)
        self._stage = "working"
        emit(self.changed)
        when_done(self._session.poster, future, lambda r: self._done(serial, r),
                  lambda m, d: self._fail(serial, m, d))

    def _done(self, serial: int, result: dict[str, Any]) -> None:
        if serial != self._serial:
            return
        request = self._request
        fmt = self._settings.formatSat
        if isinstance(request, PayRequest):
            self._result_title = fill(translate("Lnurl", "Paid %1"),
                                      fmt(int(result.get('amount_msat') or 0) // 1000))
            action = result.get("success_action") or {}
            text = action.get("message") or action.get("description") or ""
            if action.get("tag") == "aes" and action.get("error"):
                text = f"{action.get('description', '')} ({action['error']})"
            self._result_text = text
            self._result_url = str(action.get("url") or "")
        elif isinstance(request, WithdrawRequest):
            amount = fmt(int(result.get("amount_msat") or 0) // 1000)
            if result.get("status") == "paid":
                self._result_title = fill(translate("Lnurl", "Received %1"), amount)
                self._result_text = ""
            else:
                self._result_title = translate("Lnurl", "Waiting for the service")
                self._result_text = fill(translate("Lnurl", "%1 accepted the invoice for %2 but "
                                                   "has not paid it yet. It stays valid for "
                                                   "10 minutes."), request.service, amount)
        else:
            self._result_title = translate("Lnurl", "Signed")
            self._result_text = fill(translate("Lnurl", "You chose to %1 at %2."),
                                     self.actionText, self.service)
        self._stage = "done"
        emit(self.changed)

    @Slot()
    def reset(self) -> None:
        self._serial += 1
        self._clear()
        emit(self.changed)

    # --- properties ----------------------------------------------------------------------------

    @Property(str, notify=changed)
    def stage(self) -> str:
        return self._stage

    @Property(str, notify=changed)
    def service(self) -> str:
        return "" if self._request is None else self._request.service

    @Property(str, notify=changed)
    def address(self) -> str:
        r = self._request
        return r.address or "" if isinstance(r, PayRequest) else ""

    @Property(str, notify=changed)
    def description(self) -> str:
        r = self._request
        if isinstance(r, PayRequest):
            return r.metadata.description
        return r.description if isinstance(r, WithdrawRequest) else ""

    @Property(str, notify=changed)
    def longDescription(self) -> str:  # noqa: N802
        r = self._request
        return r.metadata.long_description if isinstance(r, PayRequest) else ""

    @Property(str, notify=changed)
    def imageSource(self) -> str:  # noqa: N802
        """The pay request's picture as a data URL ("" when it has none)."""
        r = self._request
        if not isinstance(r, PayRequest) or not r.metadata.image:
            return ""
        mime = r.metadata.image_type.split(";")[0]
        return f"data:{mime};base64,{base64.b64encode(r.metadata.image).decode()}"

    @Property("qlonglong", notify=changed)
    def minSat(self) -> int:  # noqa: N802
        r = self._request
        return -(-r.min_msat // 1000) if isinstance(r, PayRequest | WithdrawRequest) else 0

    @Property("qlonglong", notify=changed)
    def maxSat(self) -> int:  # noqa: N802
        r = self._request
        return r.max_msat // 1000 if isinstance(r, PayRequest | WithdrawRequest) else 0

    @Property(bool, notify=changed)
    def fixed(self) -> bool:
        r = self._request
        return isinstance(r, PayRequest | WithdrawRequest) and r.min_msat == r.max_msat

    @Property("qlonglong", notify=changed)
    def amountSat(self) -> int:  # noqa: N802
        return self._amount_msat // 1000

    @Property(str, notify=changed)
    def amountText(self) -> str:  # noqa: N802
        """The amount exactly (with its millisatoshis when it has some)."""
        whole, rest = divmod(self._amount_msat, 1000)
        text = self._settings.formatSat(whole)
        return text if not rest else f"{self._amount_msat:,} msat"  # not-words: a unit

    @Property(str, notify=changed)
    def amountError(self) -> str:  # noqa: N802
        return self._amount_error

    @Property(int, notify=changed)
    def commentAllowed(self) -> int:  # noqa: N802
        r = self._request
        return r.comment_allowed if isinstance(r, PayRequest) else 0

    @Property(str, notify=changed)
    def actionText(self) -> str:  # noqa: N802
        r = self._request
        if not isinstance(r, AuthRequest):
            return ""
        words = ACTION_WORDS.get(r.action)
        return translate("Lnurl", words) if words else r.action_text

    @Property(str, notify=changed)
    def key(self) -> str:
        return self._key

    @Property("qlonglong", notify=changed)
    def receivableSat(self) -> int:  # noqa: N802
        return self._receivable_sat

    @Property(bool, notify=changed)
    def canConfirm(self) -> bool:  # noqa: N802
        if self._stage == "auth":
            return True
        if self._stage not in ("pay", "withdraw") or self._amount_error:
            return False
        return self._amount_msat > 0 and len(self._comment) <= self.commentAllowed

    @Property(str, notify=changed)
    def confirmText(self) -> str:  # noqa: N802
        if self._stage == "auth":
            return self.actionText[:1].upper() + self.actionText[1:]
        if self._stage == "withdraw":
            return (fill(translate("Lnurl", "Withdraw %1"), self.amountText) if self._amount_msat
                    else translate("Lnurl", "Withdraw"))
        return (fill(translate("Lnurl", "Pay %1"), self.amountText) if self._amount_msat
                else translate("Lnurl", "Pay"))

    @Property(str, notify=changed)
    def resultTitle(self) -> str:  # noqa: N802
        return self._result_title

    @Property(str, notify=changed)
    def resultText(self) -> str:  # noqa: N802
        return self._result_text

    @Property(str, notify=changed)
    def resultUrl(self) -> str:  # noqa: N802
        return self._result_url

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(str, notify=changed)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail
