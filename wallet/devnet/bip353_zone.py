"""The devnet's BIP 353 zone: `kite.test.`, signed with a key made at start, whose DS is
the trust anchor regtest wallets on the devnet are given (`$KITE_BIP353_ANCHOR`, or the
state file's `bip353.anchor`); the root is not involved. It publishes Shop's offer as
`₿shop@kite.test`, and names that lie, one way each, so wallets can be seen refusing them:

- `unsigned`: the record without a signature;
- `forged`: the signature of another offer over a changed one (a wrong signature);
- `expired`: signed, but the signature ran out an hour ago;
- `notbitcoin`: a signed TXT record that is not a `bitcoin:` URI;
- `twice`: two signed `bitcoin:` records;
- `₿shop@orphan.kite.test`: a zone signed by its own key, which `kite.test.` holds no DS
  for (a chain that does not reach the anchor).

And `₿shop@pay.kite.test`, Shop's offer again in a zone `kite.test.` vouches for by a DS:
a chain of two zones up to the anchor.
"""

from __future__ import annotations

import time

import dns.name

from wallet.devnet.dns_zone import SignedRecords, Zone, txt_rrset

DOMAIN = "kite.test"
SHOP_USER = "shop"
#: the users that lie in the zone, by what is wrong with them
BAD_USERS = ("unsigned", "forged", "expired", "notbitcoin", "twice")
ORPHAN = "orphan"  # the child zone without a DS
DELEGATED = "pay"  # the child zone with one


def dns_name(user: str, domain: str = DOMAIN) -> dns.name.Name:
    return dns.name.from_text(f"{user}.user._bitcoin-payment.{domain}.")


def bip353_name(user: str, domain: str = DOMAIN) -> str:
    return f"₿{user}@{domain}"


class DevnetZone(SignedRecords):
    """The zone's records: its keys, Shop's name and the lying names."""

    def __init__(self, shop_offer: str, *, domain: str = DOMAIN) -> None:
        super().__init__()
        self.domain = domain
        self.zone = Zone(dns.name.from_text(f"{domain}."))
        self.add_zone(self.zone)
        uri = f"bitcoin:?lno={shop_offer}"
        self.put(txt_rrset(dns_name(SHOP_USER, domain), [uri]), self.zone)
        self.put(txt_rrset(dns_name("unsigned", domain), [uri]), None)
        forged = txt_rrset(dns_name("forged", domain), [uri])
        signed_for = txt_rrset(dns_name("forged", domain), ["bitcoin:?lno=lno1another"])
        self.put(forged, None, sigs=self.sign(signed_for, self.zone))
        now = time.time()
        self.put(txt_rrset(dns_name("expired", domain), [uri]), self.zone,
                 inception=now - 7 * 24 * 3600, expiration=now - 3600)
        self.put(txt_rrset(dns_name("notbitcoin", domain),
                           ["v=spf1 -all: not payment instructions"]), self.zone)
        self.put(txt_rrset(dns_name("twice", domain), [uri, "bitcoin:?lno=lno1another"]),
                 self.zone)
        for child, parent in ((ORPHAN, None), (DELEGATED, self.zone)):
            zone = Zone(dns.name.from_text(f"{child}.{domain}."))
            self.add_zone(zone, parent)
            self.put(txt_rrset(dns_name(SHOP_USER, f"{child}.{domain}"), [uri]), zone)

    @property
    def anchor(self) -> str:
        """"ZONE DS": the regtest trust anchor of this zone."""
        return self.zone.anchor_text

    @property
    def shop_name(self) -> str:
        return bip353_name(SHOP_USER, self.domain)

    def bad_names(self) -> dict[str, str]:
        """The lying names by what is wrong with them: each user of BAD_USERS, and
        `orphan` (₿shop in a zone without a DS)."""
        names = {user: bip353_name(user, self.domain) for user in BAD_USERS}
        return {**names, ORPHAN: bip353_name(SHOP_USER, f"{ORPHAN}.{self.domain}")}

    @property
    def delegated_name(self) -> str:
        """Shop's name in the child zone `pay.kite.test.` (a two-zone chain)."""
        return bip353_name(SHOP_USER, f"{DELEGATED}.{self.domain}")
