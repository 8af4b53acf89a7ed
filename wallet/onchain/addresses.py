"""Bitcoin addresses <-> output scripts, for every address kind a user may paste."""

from __future__ import annotations

from wallet.bech32 import Bech32Error, decode_segwit_address, encode_segwit_address
from wallet.errors import InputError
from wallet.keys.base58 import b58check_decode, b58check_encode
from wallet.networks import MAINNET, Network
from wallet.sentence import Sentence

#: characters; the longest address is a bech32m one of 74 (90 is bech32's own limit)
MAX_ADDRESS_LENGTH = 90


class AddressError(InputError):
    """Not a valid address for this network."""


def _base58_versions(network: Network) -> tuple[int, int]:
    """(P2PKH, P2SH) version bytes."""
    return (0x00, 0x05) if network is MAINNET else (0x6F, 0xC4)


def address_to_script(address: str, network: Network) -> bytes:
    """The scriptPubKey an address stands for; AddressError names the problem."""
    if not isinstance(address, str):
        raise AddressError("an address is text")
    if len(address) > 4 * MAX_ADDRESS_LENGTH:  # before any work, even strip()
        raise AddressError(Sentence("%1 characters is far too long for an address", format(len(address), ",")))
    address = address.strip()
    if not address:
        raise AddressError("empty address")
    if len(address) > MAX_ADDRESS_LENGTH:
        raise AddressError(Sentence("%1 characters is too long for an address (at most %2)", format(len(address), ","), MAX_ADDRESS_LENGTH))
    if address.lower().startswith(network.bech32_hrp + "1"):
        try:
            witver, program = decode_segwit_address(network.bech32_hrp, address)
        except Bech32Error as e:
            raise AddressError(Sentence("invalid address: %1", e)) from None
        op = 0 if witver == 0 else 0x50 + witver
        return bytes([op, len(program)]) + program
    try:
        payload = b58check_decode(address)
    except InputError:
        raise AddressError(
            Sentence("not a valid %1 address (expected %2… or base58)", network.name,
                     network.bech32_hrp + "1")
        ) from None
    p2pkh, p2sh = _base58_versions(network)
    if len(payload) != 21 or payload[0] not in (p2pkh, p2sh):
        raise AddressError(Sentence("address is not for %1", network.name))
    if payload[0] == p2pkh:
        return b"\x76\xa9\x14" + payload[1:] + b"\x88\xac"
    return b"\xa9\x14" + payload[1:] + b"\x87"


def script_to_address(script: bytes, network: Network) -> str | None:
    """The address of a standard output script, or None for non-standard scripts."""
    n = len(script)
    if n >= 4 and (script[0] == 0 or 0x51 <= script[0] <= 0x60) and script[1] == n - 2:
        witver = 0 if script[0] == 0 else script[0] - 0x50
        try:
            return encode_segwit_address(network.bech32_hrp, witver, script[2:])
        except Bech32Error:
            return None
    p2pkh, p2sh = _base58_versions(network)
    if n == 25 and script[:3] == b"\x76\xa9\x14" and script[23:] == b"\x88\xac":
        return b58check_encode(bytes([p2pkh]) + script[3:23])
    if n == 23 and script[:2] == b"\xa9\x14" and script[22] == 0x87:
        return b58check_encode(bytes([p2sh]) + script[2:22])
    return None
