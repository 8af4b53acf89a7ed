"""Fixed sentences of wallet/ that the window shows, translated when shown.

wallet/ never imports Qt, and the CLI says the same sentences in English. The ones the
GUI shows as they come are repeated here as literal translation sources (pyside6-lupdate
reads only literals); tests/gui/test_translations.py checks each equals the wallet's
constant, so a changed sentence cannot silently lose its translation.
"""

from __future__ import annotations

from ui.i18n.words import QT_TRANSLATE_NOOP, translate

CONTEXT = "WalletSentences"  # not-words: the translation context

#: wallet/daemon/recovery_setting.py: COST, ON_MEANS, OFF_MEANS, SEED_WORDS_RESTORE;
#: wallet/chain/node.py: NO_SERVER_MESSAGE (an error: `models/plain_errors.py` asks here)
SOURCES = (
    QT_TRANSLATE_NOOP("WalletSentences", "Each channel's funding transaction carries an "
                      "encrypted recovery record: an 81-byte output, so about 81 sat more fee "
                      "at 1 sat/vB, and a marker anyone can see on the transaction."),
    QT_TRANSLATE_NOOP("WalletSentences", "On: the seed words alone find the channels opened "
                      "from now on after a restore, and bring their funds back on-chain."),
    QT_TRANSLATE_NOOP("WalletSentences", "Off: a channel opened from now on can only be "
                      "recovered with a backup file (kite backup export, or Settings)."),
    QT_TRANSLATE_NOOP("WalletSentences", "They restore the on-chain funds and, while "
                      "\"Recoverable channels\" is on (the default, in Settings), find the "
                      "channels and bring their funds back on-chain. A channel opened with it "
                      "off needs a backup file too."),
    QT_TRANSLATE_NOOP("WalletSentences", "Kite cannot reach the Bitcoin network: no usable "
                      "server is set up."),
)


def shown(sentence: str) -> str:
    """One of the wallet's sentences in the language shown (as it is when not listed)."""
    return translate(CONTEXT, sentence) if sentence in SOURCES else sentence
