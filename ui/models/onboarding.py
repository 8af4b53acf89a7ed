"""Creating or restoring a wallet: the seed words, the word check, the password.

The generated words are kept only until the wallet is created (then dropped). Restore
input is checked on every keystroke: an unknown word, a bad checksum or a wrong count is
explained in a sentence, with suggestions from the BIP 39 list for the word being typed.
"""

from __future__ import annotations

import secrets
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.i18n.wallet_sentences import said, shown
from ui.i18n.words import fill, translate
from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.signals import emit
from wallet.api import (
    SEED_WORDS_RESTORE,
    ChecksumError,
    MnemonicError,
    UnknownWordError,
    WalletApi,
    WordCountError,
)

CHECK_COUNT = 3
MIN_PASSWORD = 4
MAX_PASSPHRASE = 200


class OnboardingModel(QObject):
    wordsChanged = Signal()
    restoreChanged = Signal()
    busyChanged = Signal()
    errorChanged = Signal()
    created = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._words: list[str] = []
        self._check_positions: list[int] = []
        self._restore_words = ""
        self._restore_status = ""
        self._restore_error = ""
        self._restore_suggestions: list[str] = []
        self._suggest_at = 0
        self._restore_valid = False
        self._mode = "create"
        self._passphrase = ""  # create only: the optional BIP 39 passphrase chosen
        self._busy = False
        self._error = ""
        self._error_detail = ""

    # --- create: words and the check ----------------------------------------------------

    @Slot()
    def generate(self) -> None:
        """New seed words and three random positions (1-based) to ask back."""
        self._mode = "create"
        self._passphrase = ""
        self._words = WalletApi.generate_mnemonic(12).split()
        rng = secrets.SystemRandom()
        self._check_positions = sorted(rng.sample(range(1, len(self._words) + 1), CHECK_COUNT))
        emit(self.wordsChanged)

    @Property(list, notify=wordsChanged)
    def words(self) -> list[str]:
        return list(self._words)

    @Property(list, notify=wordsChanged)
    def checkPositions(self) -> list[int]:  # noqa: N802
        return list(self._check_positions)

    @Slot(int, str, result=bool)
    def checkWord(self, position: int, text: str) -> bool:  # noqa: N802
        """Whether `text` is the word at `position` (1-based), ignoring case and spaces."""
        if not 1 <= position <= len(self._words):
            return False
        return text.strip().lower() == self._words[position - 1]

    @Slot(list, result=bool)
    def checkAll(self, answers: list[str]) -> bool:  # noqa: N802
        """The three answers, in the order of `checkPositions`."""
        if len(answers) != len(self._check_positions) or not self._check_positions:
            return False
        return all(self.checkWord(p, str(a)) for p, a in zip(self._check_positions, answers, strict=True))

    # --- create: the optional passphrase ------------------------------------------------

    @Slot(str, str, result=str)
    def passphraseProblem(self, passphrase: str, again: str) -> str:  # noqa: N802
        """Why this passphrase cannot be used ("" when it can, or when there is none)."""
        if passphrase != again:
            return translate("Onboarding", "The two passphrases differ.")
        if passphrase != passphrase.strip():
            return translate("Onboarding", "The passphrase starts or ends with a space: easy to forget, "
                             "so not allowed.")
        if len(passphrase) > MAX_PASSPHRASE:
            return fill(translate("Onboarding", "The passphrase is at most %1 characters long."),
                        MAX_PASSPHRASE)
        return ""

    @Slot(str, str, result=bool)
    def usePassphrase(self, passphrase: str, again: str) -> bool:  # noqa: N802
        """Remember the passphrase for `create` (False, and nothing kept, when refused)."""
        if self.passphraseProblem(passphrase, again):
            return False
        self._passphrase = passphrase
        return True

    # --- restore ------------------------------------------------------------------------

    @Slot(str)
    def checkRestore(self, text: str) -> None:  # noqa: N802
        """Live feedback on typed restore words (status, error, suggestions, validity)."""
        self._mode = "restore"
        self._restore_words = text
        words = text.split()
        typing = bool(text) and not text[-1].isspace()
        current = words[-1].lower() if words and typing else ""
        suggestions = WalletApi.suggest_words(current, 6) if current else []
        if len(suggestions) == 1 and suggestions[0] == current:
            suggestions = []
        suggest_at = len(words)  # the word a chip replaces (1-based)
        error = status = ""
        valid = False
        try:
            WalletApi.validate_mnemonic(text)
            valid = True
            status = fill(translate("Onboarding", "All %1 words are valid."), len(words))
        except UnknownWordError as e:
            if e.position == len(words) and typing and suggestions:
                status = fill(translate("Onboarding", "Word %1…"), len(words))
            else:
                error = fill(translate("Onboarding", "Word %1, “%2”, is not a seed word."),
                             e.position, _clip(e.word))
                if e.suggestions:
                    error += " " + fill(translate("Onboarding", "Did you mean %1?"), _either(e.suggestions[:3]))
                if not suggestions:
                    suggestions, suggest_at = list(e.suggestions), e.position
        except WordCountError:
            if len(words) < 12:
                status = fill(translate("Onboarding", "%1 of 12 words"), len(words)) if words else ""
            elif len(words) > 24:
                error = translate("Onboarding", "That is too many words: a seed has 12, 15, 18, 21 or 24 words.")
            else:
                status = fill(translate("Onboarding", "%1 words: a seed has 12, 15, 18, 21 or 24 words."), len(words))
        except ChecksumError:
            error = translate("Onboarding",
                "Every word is valid, but together they are not a correct seed: "
                "a word is probably wrong or in the wrong place."
            )
        except MnemonicError as e:
            error = said(str(e))
        self._restore_status, self._restore_error = status, error
        self._restore_suggestions, self._restore_valid = suggestions, valid
        self._suggest_at = suggest_at
        emit(self.restoreChanged)

    @Slot(str, str, result=str)
    def completeWord(self, text: str, word: str) -> str:  # noqa: N802
        """`text` with the word the suggestions are for (the one being typed, or the one
        the error names) replaced by `word`, and a space after the last word."""
        words = text.split()
        at = self._suggest_at if 1 <= self._suggest_at <= len(words) else len(words)
        if not words or (at == len(words) and text[-1:].isspace()):
            return text + word + " "  # nothing typed yet for the next word
        words[at - 1] = word
        return " ".join(words) + " "

    @Property(str, constant=True)
    def seedWordsRestore(self) -> str:  # noqa: N802
        """What the words bring back (the CLI shows the same sentence)."""
        return shown(SEED_WORDS_RESTORE)

    @Property(str, notify=restoreChanged)
    def restoreStatus(self) -> str:  # noqa: N802
        return self._restore_status

    @Property(str, notify=restoreChanged)
    def restoreError(self) -> str:  # noqa: N802
        return self._restore_error

    @Property(list, notify=restoreChanged)
    def restoreSuggestions(self) -> list[str]:  # noqa: N802
        return self._restore_suggestions

    @Property(bool, notify=restoreChanged)
    def restoreValid(self) -> bool:  # noqa: N802
        return self._restore_valid

    # --- password and creation ------------------------------------------------------------

    @Slot(str, str, result=str)
    def passwordProblem(self, password: str, confirm: str) -> str:  # noqa: N802
        """A sentence about what is wrong with the new password, or ""."""
        if len(password) < MIN_PASSWORD:
            return fill(translate("Onboarding", "Use at least %1 characters."), MIN_PASSWORD)
        if password != confirm:
            return translate("Onboarding", "The two passwords are different.")
        return ""

    @Property(bool, notify=busyChanged)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=errorChanged)
    def error(self) -> str:
        return self._error

    @Property(str, notify=errorChanged)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail

    @Property(str, notify=wordsChanged)
    def mode(self) -> str:
        return self._mode

    @Slot(str)
    def setMode(self, mode: str) -> None:  # noqa: N802
        if mode in ("create", "restore"):
            self._mode = mode
            emit(self.wordsChanged)

    @Slot(str, str)
    def create(self, password: str, passphrase: str = "") -> None:
        """Create the wallet from the generated words (create) or the typed ones (restore)."""
        if self._busy:
            return
        if self.passwordProblem(password, password):
            self._set_error(self.passwordProblem(password, password), "")
            return
        mnemonic = " ".join(self._words) if self._mode == "create" else self._restore_words
        if self._mode == "create":
            passphrase = self._passphrase
        try:
            mnemonic = WalletApi.validate_mnemonic(mnemonic)
        except MnemonicError as e:
            self._set_error(translate("Onboarding", "These seed words are not valid."), str(e))
            return
        self._set_busy(True)
        self._set_error("", "")
        session = self._session

        def ok(_: Any) -> None:
            self._set_busy(False)
            self._words, self._check_positions, self._restore_words = [], [], ""
            self._passphrase = ""
            emit(self.wordsChanged)
            emit(self.created)
            session.wallet_created(password)

        def failed(message: str, detail: str) -> None:
            self._set_busy(False)
            self._set_error(message, detail)

        # the words were just typed back (the check, or the restore): no backup reminder
        when_done(session.poster,
                  session.api.create(mnemonic, passphrase, password, backup_checked=True),
                  ok, failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        emit(self.busyChanged)

    def _set_error(self, message: str, detail: str) -> None:
        self._error, self._error_detail = message, detail
        emit(self.errorChanged)


def _clip(word: str, limit: int = 20) -> str:
    return word if len(word) <= limit else word[:limit] + "…"


def _either(words: list[str]) -> str:
    """"a", "a or b", "a or b or c" in the language shown."""
    text = words[0] if words else ""
    for word in words[1:]:
        text = fill(translate("Onboarding", "%1 or %2"), text, word)
    return text
