"""BIP 39: the official vectors in every language, and every way a phrase can be wrong."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from tests.conftest import load_vector
from wallet.errors import InputError
from wallet.keys.bip32 import ExtendedKey
from wallet.keys.bip39 import (
    LANGUAGES,
    ChecksumError,
    MnemonicError,
    UnknownWordError,
    WordCountError,
    detect_language,
    entropy_to_mnemonic,
    generate_mnemonic,
    mnemonic_to_seed,
    suggest,
    validate_mnemonic,
)
from wallet.networks import MAINNET

VECTORS = load_vector("bip39.json")["vectors"]
CASES = [
    pytest.param(language, case, id=f"{language}-{n}")
    for language, cases in VECTORS.items()
    for n, case in enumerate(cases)
]
ENGLISH_ZERO = next(c["mnemonic"] for c in VECTORS["english"] if set(c["entropy"]) == {"0"})
# A phrase with twelve different words, so tests can tell which one a message names.
DISTINCT = entropy_to_mnemonic(bytes(range(1, 17)))


def nfkd(text: str) -> str:
    return unicodedata.normalize("NFKD", text)


def test_vectors_cover_every_supported_language():
    assert set(VECTORS) <= set(LANGUAGES)
    assert len(set(VECTORS)) >= 12


@pytest.mark.parametrize("language,case", CASES)
def test_entropy_to_mnemonic(language, case):
    words = entropy_to_mnemonic(bytes.fromhex(case["entropy"]), language)
    assert nfkd(words) == nfkd(case["mnemonic"])


@pytest.mark.parametrize("language,case", CASES)
def test_validate_detects_language_and_normalizes(language, case):
    normalized = validate_mnemonic(case["mnemonic"])
    assert normalized == nfkd(" ".join(case["mnemonic"].split()))  # U+3000 becomes " "
    assert validate_mnemonic(case["mnemonic"], language) == normalized
    assert unicodedata.is_normalized("NFKD", normalized)
    detected = detect_language(case["mnemonic"])
    chinese = {"chinese_simplified", "chinese_traditional"}
    # Many Chinese phrases are valid in both lists; their seed is the same either way.
    assert detected == language or {detected, language} <= chinese


@pytest.mark.parametrize("language,case", CASES)
def test_seed_and_master_key(language, case):
    seed = mnemonic_to_seed(case["mnemonic"], case["passphrase"])
    assert seed.hex() == case["seed"]
    assert ExtendedKey.from_seed(seed, MAINNET).serialize() == case["xprv"]


def test_japanese_accepts_ascii_spaces_too():
    case = VECTORS["japanese"][-1]
    assert "\u3000" in case["mnemonic"]
    spaced = case["mnemonic"].replace("\u3000", " ")
    assert mnemonic_to_seed(spaced, case["passphrase"]).hex() == case["seed"]
    assert entropy_to_mnemonic(bytes.fromhex(case["entropy"]), "japanese").count("\u3000") > 0


def test_composed_and_decomposed_accents_are_the_same_phrase():
    case = VECTORS["spanish"][-1]
    composed = unicodedata.normalize("NFC", case["mnemonic"])
    decomposed = nfkd(case["mnemonic"])
    assert validate_mnemonic(composed) == validate_mnemonic(decomposed)
    assert mnemonic_to_seed(composed, "TREZOR").hex() == case["seed"]


def test_russian_list_is_matched_after_normalization():
    # The shipped Russian list has precomposed letters (й); typed text may not.
    case = VECTORS["russian"][-1]
    for form in ("NFC", "NFD", "NFKD"):
        assert validate_mnemonic(unicodedata.normalize(form, case["mnemonic"]), "russian")


def test_case_and_spacing_are_ignored():
    messy = "  " + ENGLISH_ZERO.upper().replace(" ", " \t\n ") + "  "
    assert validate_mnemonic(messy) == ENGLISH_ZERO
    assert mnemonic_to_seed(messy) == mnemonic_to_seed(ENGLISH_ZERO)


def test_passphrase_changes_seed_and_is_normalized():
    assert mnemonic_to_seed(ENGLISH_ZERO) != mnemonic_to_seed(ENGLISH_ZERO, "TREZOR")
    assert mnemonic_to_seed(ENGLISH_ZERO, "\u00e9") == mnemonic_to_seed(ENGLISH_ZERO, "e\u0301")
    assert len(mnemonic_to_seed(ENGLISH_ZERO)) == 64


# -- errors ---------------------------------------------------------------------------------


def test_error_classes():
    for cls in (UnknownWordError, ChecksumError, WordCountError):
        assert issubclass(cls, MnemonicError)
    assert issubclass(MnemonicError, InputError)


def test_unknown_word_names_word_position_and_suggestions():
    words = DISTINCT.split()
    target = words[4]
    typo = target[:-1] + ("x" if target[-1] != "x" else "y")
    words[4] = typo
    with pytest.raises(UnknownWordError) as info:
        validate_mnemonic(" ".join(words))
    err = info.value
    assert err.word == typo
    assert err.position == 5
    assert target in err.suggestions
    assert 1 <= len(err.suggestions) <= 3
    message = str(err)
    assert typo in message and "5" in message
    assert target in message


def test_words_run_together_are_not_echoed():
    words = DISTINCT.split()
    joined = words[0] + words[1]
    with pytest.raises(UnknownWordError) as info:
        validate_mnemonic(" ".join([joined] + words[2:]))
    assert info.value.position == 1 and info.value.word == joined
    assert not message_tokens(info.value) & set(words)
    assert "missing spaces" in str(info.value)


def test_truncated_word_suggests_completion():
    words = DISTINCT.split()
    words[0] = words[0][:3]
    with pytest.raises(UnknownWordError) as info:
        validate_mnemonic(" ".join(words))
    assert info.value.position == 1
    assert all(s.startswith(words[0]) for s in info.value.suggestions[:1])


def message_tokens(err: Exception) -> set[str]:
    return set(re.findall(r"\w+", nfkd(str(err)).lower()))


@settings(max_examples=40, deadline=None)
@given(
    entropy=st.binary(min_size=16, max_size=16),
    position=st.integers(0, 11),
    garbage=st.sampled_from(["xqzv", "abandn", "zoooo", "qwerty", "1234", "abcd"]),
)
def test_unknown_word_message_hides_the_other_words(entropy, position, garbage):
    words = entropy_to_mnemonic(entropy).split()
    words[position] = garbage
    with pytest.raises(UnknownWordError) as info:
        validate_mnemonic(" ".join(words))
    others = set(words) - {garbage}
    assert not message_tokens(info.value) & others
    assert garbage in str(info.value)


@settings(max_examples=40, deadline=None)
@given(entropy=st.binary(min_size=16, max_size=32).filter(lambda b: len(b) % 4 == 0))
def test_checksum_and_count_messages_hide_every_word(entropy):
    words = entropy_to_mnemonic(entropy).split()
    for bad in (words[1:] + words[:1], words[:-1], words + words[:1]):
        try:
            validate_mnemonic(" ".join(bad))
        except MnemonicError as err:
            assert not message_tokens(err) & set(words)
            assert not isinstance(err, UnknownWordError)


def test_fixed_wording_uses_no_wordlist_word():
    """Whatever the phrase, the fixed text of a message cannot repeat one of its words."""
    english = set(Mnemonic("english").wordlist)
    words = ENGLISH_ZERO.split()
    errors = []
    for bad in (
        words[:-1] + ["abandon"],
        words[:-1],
        words + words[:1],
        ["zzzzzz"] + words[1:],
        [words[0] + words[1]] + words[2:],
    ):
        with pytest.raises(MnemonicError) as info:
            validate_mnemonic(" ".join(bad))
        errors.append(info.value)
    with pytest.raises(MnemonicError) as info:
        validate_mnemonic("")
    errors.append(info.value)
    for err in errors:
        extra = {getattr(err, "word", "")} | set(getattr(err, "suggestions", []))
        assert not (message_tokens(err) - extra) & english, str(err)


def test_checksum_error():
    words = ENGLISH_ZERO.split()
    words[-1] = "abandon"
    with pytest.raises(ChecksumError):
        validate_mnemonic(" ".join(words))
    with pytest.raises(ChecksumError):
        mnemonic_to_seed(" ".join(words))


@pytest.mark.parametrize("count", [0, 1, 11, 13, 14, 16, 23, 25, 48])
def test_word_count_error(count):
    text = " ".join(["abandon"] * count)
    with pytest.raises(WordCountError) as info:
        validate_mnemonic(text)
    if count:
        assert str(count) in str(info.value)


def test_unknown_word_is_reported_before_count():
    with pytest.raises(UnknownWordError) as info:
        validate_mnemonic("abandon abandon zzzzzz")
    assert info.value.position == 3


def test_given_language_is_enforced():
    with pytest.raises(UnknownWordError):
        validate_mnemonic(ENGLISH_ZERO, "japanese")
    with pytest.raises(MnemonicError, match="klingon"):
        validate_mnemonic(ENGLISH_ZERO, "klingon")


@pytest.mark.parametrize("bad", [None, b"abandon", 12, ["abandon"]])
def test_non_text_is_rejected(bad):
    with pytest.raises(MnemonicError):
        validate_mnemonic(bad)  # type: ignore[arg-type]


def test_seed_rejects_invalid_phrase_and_passphrase():
    with pytest.raises(WordCountError):
        mnemonic_to_seed("abandon about")
    with pytest.raises(MnemonicError):
        mnemonic_to_seed(ENGLISH_ZERO, None)  # type: ignore[arg-type]


# -- generation and completion ---------------------------------------------------------------


@pytest.mark.parametrize("count", [12, 24])
def test_generate(count):
    phrases = {generate_mnemonic(count) for _ in range(5)}
    assert len(phrases) == 5
    for phrase in phrases:
        assert len(phrase.split()) == count
        assert validate_mnemonic(phrase) == phrase
        assert detect_language(phrase) == "english"


@pytest.mark.parametrize("count", [0, 11, 13, 25])
def test_generate_rejects_bad_length(count):
    with pytest.raises(WordCountError):
        generate_mnemonic(count)


@pytest.mark.parametrize("bad", [b"", b"\x00" * 15, b"\x00" * 33, "00" * 16])
def test_entropy_length(bad):
    with pytest.raises(MnemonicError):
        entropy_to_mnemonic(bad)  # type: ignore[arg-type]


@settings(max_examples=50, deadline=None)
@given(
    entropy=st.sampled_from([16, 20, 24, 28, 32]).flatmap(
        lambda n: st.binary(min_size=n, max_size=n)
    ),
    language=st.sampled_from(LANGUAGES),
)
def test_every_entropy_round_trips(entropy, language):
    phrase = entropy_to_mnemonic(entropy, language)
    assert validate_mnemonic(phrase, language) == nfkd(" ".join(phrase.split()))


def test_suggest():
    assert suggest("aba") == ["abandon"]
    found = suggest("ab")
    assert found and all(w.startswith("ab") for w in found)
    assert suggest("AB", limit=2) == found[:2]
    assert suggest("") == []
    assert suggest("zzzz") == []
    assert suggest("\u00e1ba", "spanish")  # "ába" typed precomposed
    with pytest.raises(MnemonicError):
        suggest("ab", "klingon")
