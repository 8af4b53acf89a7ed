"""Seed words shown again only for the password; the backup reminder until the words were
typed back, and not before "Later" has passed."""

from __future__ import annotations

import pytest

from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.storage.backup_state import REMIND_EVERY, BackupState, reminder_due
from wallet.storage.secrets import WrongPassword
from wallet.storage.wallet_file import create_wallet, open_wallet


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


def test_the_rule():
    assert reminder_due(None, None, 100)
    assert not reminder_due(None, 200, 100) and reminder_due(None, 200, 200)
    assert not reminder_due(50, None, 100) and not reminder_due(50, 10, 100)


def test_an_unchecked_wallet_is_reminded_until_checked(tmp_path):
    create_wallet(tmp_path / "w", REGTEST, generate_mnemonic(12), "", "pw")
    with open_wallet(tmp_path / "w", "pw") as wallet:
        state = BackupState(wallet.db)
        assert state.status(now=1000) == {"checked": False, "checked_at": None, "due": True}
        after = state.snooze(now=1000)
        assert after == 1000 + REMIND_EVERY
        assert not state.status(now=after - 1)["due"] and state.status(now=after)["due"]
        state.mark_checked(now=2000)
    with open_wallet(tmp_path / "w", "pw") as wallet:  # remembered in the wallet file
        assert BackupState(wallet.db).status(now=after + 10**6) == {
            "checked": True, "checked_at": 2000, "due": False}


def test_a_checked_creation_needs_no_reminder(tmp_path):
    create_wallet(tmp_path / "w", REGTEST, generate_mnemonic(12), "", "pw", backup_checked=True)
    with open_wallet(tmp_path / "w", "pw") as wallet:
        assert BackupState(wallet.db).status()["checked"]


def test_an_unreadable_record_reminds(tmp_path):
    create_wallet(tmp_path / "w", REGTEST, generate_mnemonic(12), "", "pw")
    with open_wallet(tmp_path / "w", "pw") as wallet:
        with wallet.db.transaction():
            wallet.db.execute("INSERT INTO wallet_meta VALUES ('backup_checked_at', 'garbage')")
        assert BackupState(wallet.db).status()["due"]


def test_seed_words_only_for_the_password(tmp_path):
    words = generate_mnemonic(12)
    create_wallet(tmp_path / "w", REGTEST, words, "my secret extra word", "pw")
    with open_wallet(tmp_path / "w", "pw") as wallet:
        for wrong in ("", "PW", "pw ", "x" * 10_000):
            with pytest.raises(WrongPassword):
                wallet.reveal_seed(wrong)
        assert wallet.reveal_seed("pw") == (words, "my secret extra word")
