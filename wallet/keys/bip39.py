"""BIP 39 seed words: generation, strict validation with helpful errors, and the seed.

Word lists come from the `mnemonic` package (all its languages). Phrases are compared in
NFKD form, lower case, single-space separated; that is also the form the seed is computed
from, so a phrase typed with other spacing (Japanese uses U+3000) gives the same seed.

Error messages never repeat the user's valid words: a phrase is a secret. Only a word that
is not in the list (so not a valid seed word) is named, with its position. The fixed wording
of the messages avoids English wordlist words, so a message cannot be mistaken for one.
"""

from __future__ import annotations

import difflib
import hashlib
import secrets
import unicodedata
from functools import cache

from mnemonic import Mnemonic

from wallet.errors import InputError
from wallet.sentence import Sentence

VALID_WORD_COUNTS = (12, 15, 18, 21, 24)
PBKDF2_ROUNDS = 2048
# English first: it wins ties when guessing which list a mistyped phrase was meant for.
LANGUAGES: tuple[str, ...] = ("english",) + tuple(
    sorted(lang for lang in Mnemonic.list_languages() if lang != "english")
)


class MnemonicError(InputError):
    """Seed words are not a valid BIP 39 phrase."""


class UnknownWordError(MnemonicError):
    """One word is not in the word list. `.word`, `.position` (1-based), `.suggestions`."""

    def __init__(self, message: str, word: str, position: int, suggestions: list[str]):
        super().__init__(message)
        self.word = word
        self.position = position
        self.suggestions = suggestions


class ChecksumError(MnemonicError):
    """Every word is valid but the phrase's checksum does not match."""


class WordCountError(MnemonicError):
    """The phrase does not have 12, 15, 18, 21 or 24 words."""


def _nfkd(text: str) -> str:
    return unicodedata.normalize("NFKD", text)


@cache
def _wordlist(language: str) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, int]]:
    """(display words as shipped, NFKD words, NFKD word -> index) of one language."""
    if language not in LANGUAGES:
        raise MnemonicError(
            Sentence("unknown word list language %1; expected one of: %2", repr(language), ', '.join(LANGUAGES))
        )
    display = tuple(Mnemonic(language).wordlist)
    normalized = tuple(_nfkd(w) for w in display)
    return display, normalized, {w: i for i, w in enumerate(normalized)}


def _split(text: str) -> list[str]:
    """NFKD, lower case, split on any whitespace (U+3000 becomes a space under NFKD)."""
    return _nfkd(_nfkd(text).lower()).split()


def _checksum_ok(indexes: list[int]) -> bool:
    n = 0
    for i in indexes:
        n = (n << 11) | i
    total_bits = 11 * len(indexes)
    checksum_bits = total_bits // 33
    entropy = (n >> checksum_bits).to_bytes((total_bits - checksum_bits) // 8, "big")
    expected = hashlib.sha256(entropy).digest()[0] >> (8 - checksum_bits)
    return (n & ((1 << checksum_bits) - 1)) == expected


def _closest(word: str, language: str, limit: int = 3) -> list[str]:
    """Up to `limit` list words the user probably meant: completions first, then look-alikes."""
    display, normalized, _ = _wordlist(language)
    picks = [i for i, w in enumerate(normalized) if w.startswith(word)][:limit]
    if len(picks) < limit:
        for match in difflib.get_close_matches(word, normalized, n=limit, cutoff=0.5):
            i = _wordlist(language)[2][match]
            if i not in picks and len(picks) < limit:
                picks.append(i)
    return [display[i] for i in picks]


def _language_name(language: str) -> str:
    return language.replace("_", " ").title()


def _unknown_word(words: list[str], language: str) -> UnknownWordError | None:
    _, normalized, index = _wordlist(language)
    longest = max(len(w) for w in normalized)
    for position, word in enumerate(words, 1):
        if word not in index and len(word) > longest + 2:
            # Probably several words run together: echoing it could show valid words.
            message = (
                f"#{position} has {len(word)} characters: too many for the BIP-39 "
                f"{_language_name(language)} wordlist (missing spaces?)"
            )
            return UnknownWordError(message, word, position, [])
        if word not in index:
            suggestions = _closest(word, language)
            # The message must not contain the phrase's other words, so a suggestion that
            # happens to be one of them stays in `.suggestions` (for the GUI) only.
            others = set(words[: position - 1] + words[position:])
            shown = [s for s in suggestions if _nfkd(s) not in others]
            hint = f"; closest: {', '.join(shown)}" if shown else ""
            message = (
                f"{word!r} (at #{position}) is not in the BIP-39 "
                f"{_language_name(language)} wordlist{hint}"
            )
            return UnknownWordError(message, word, position, suggestions)
    return None


def _detect_language(words: list[str]) -> str:
    """The language whose list holds every word (a valid checksum breaks ties), else the
    language holding the most words, so its errors and suggestions are the useful ones."""
    complete = [lang for lang in LANGUAGES if all(w in _wordlist(lang)[2] for w in words)]
    for lang in complete:
        index = _wordlist(lang)[2]
        if len(words) in VALID_WORD_COUNTS and _checksum_ok([index[w] for w in words]):
            return lang
    if complete:
        return complete[0]
    return max(LANGUAGES, key=lambda lang: sum(w in _wordlist(lang)[2] for w in words))


def validate_mnemonic(text: str, language: str | None = None) -> str:
    """Check a phrase and return its normalized form (NFKD, lower case, single spaces).

    The language is detected among all supported lists unless given. Raises
    UnknownWordError, WordCountError or ChecksumError (all MnemonicError).
    """
    if not isinstance(text, str):
        raise MnemonicError("seed words must be text")
    words = _split(text)
    if not words:
        raise WordCountError("no words given")
    if language is None:
        language = _detect_language(words)
    index = _wordlist(language)[2]
    error = _unknown_word(words, language)
    if error is not None:
        raise error
    if len(words) not in VALID_WORD_COUNTS:
        raise WordCountError(
            Sentence("got %1 words; BIP-39 allows 12, 15, 18, 21 or 24", len(words))
        )
    if not _checksum_ok([index[w] for w in words]):
        raise ChecksumError(
            "the BIP-39 checksum fails: probably a typo or swapped words"
        )
    return " ".join(words)


def detect_language(text: str) -> str:
    """The language of a valid phrase (raises MnemonicError like validate_mnemonic)."""
    normalized = validate_mnemonic(text)
    return _detect_language(normalized.split(" "))


def entropy_to_mnemonic(entropy: bytes, language: str = "english") -> str:
    """Encode 16, 20, 24, 28 or 32 bytes of entropy as words (Japanese joins with U+3000)."""
    if not isinstance(entropy, bytes | bytearray) or len(entropy) not in (16, 20, 24, 28, 32):
        raise MnemonicError("entropy must be 16, 20, 24, 28 or 32 bytes")
    display = _wordlist(language)[0]
    checksum_bits = len(entropy) * 8 // 32
    n = (int.from_bytes(entropy, "big") << checksum_bits) | (
        hashlib.sha256(entropy).digest()[0] >> (8 - checksum_bits)
    )
    count = (len(entropy) * 8 + checksum_bits) // 11
    words = [display[(n >> (11 * (count - 1 - i))) & 0x7FF] for i in range(count)]
    return ("\u3000" if language == "japanese" else " ").join(words)


def generate_mnemonic(strength_words: int = 12, language: str = "english") -> str:
    """A new phrase of 12 (128-bit) or 24 (256-bit) words from the OS's randomness.

    15, 18 and 21 words are accepted too.
    """
    if strength_words not in VALID_WORD_COUNTS:
        raise WordCountError("a new phrase has 12, 15, 18, 21 or 24 words")
    entropy = secrets.token_bytes(strength_words * 11 * 32 // 33 // 8)
    return entropy_to_mnemonic(entropy, language)


def mnemonic_to_seed(mnemonic: str, passphrase: str = "") -> bytes:
    """The 64-byte BIP 39 seed of a valid phrase and an optional passphrase."""
    if not isinstance(passphrase, str):
        raise MnemonicError("the passphrase must be text")
    normalized = validate_mnemonic(mnemonic)
    salt = ("mnemonic" + _nfkd(passphrase)).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha512", normalized.encode("utf-8"), salt, PBKDF2_ROUNDS)


def suggest(prefix: str, language: str = "english", limit: int | None = None) -> list[str]:
    """Word-list words starting with `prefix`, for completion while typing."""
    if not isinstance(prefix, str):
        return []
    key = _nfkd(_nfkd(prefix.strip()).lower())
    if not key:
        return []
    display, normalized, _ = _wordlist(language)
    found = [display[i] for i, w in enumerate(normalized) if w.startswith(key)]
    return found if limit is None else found[:limit]
