"""BIP 353 resolution against the devnet's own DNS server (wallet/devnet/dns_server.py):
`₿shop@kite.test` asked over UDP on localhost (TXT, then the zone's DNSKEY) and its DNSSEC
chain checked up to the devnet zone's trust anchor, as `kite pay ₿shop@kite.test` does
first; the same in a child zone (two DNSKEY sets and a DS asked); also a lying name (an expired signature) refused. No chain or nodes are started:
the zone publishes a fixed offer. Prints the median and 90th percentile of N resolutions.

    .venv/bin/python bench/bip353_resolve.py [--runs 200]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wallet.bip353.errors import Bip353Error  # noqa: E402
from wallet.bip353.names import parse_bip353_name  # noqa: E402
from wallet.bip353.resolver import anchors_for, client_for, resolve  # noqa: E402
from wallet.devnet.bip353_zone import DevnetZone, bip353_name  # noqa: E402
from wallet.devnet.dns_server import DnsServer  # noqa: E402

OFFER = "lno1qgsqvgnwgcg35z6ee2h3yczraddm72xrfua9uve2rlrm9deu7xyfzrc"


async def timings(address: str, anchor: str, name: str, runs: int) -> list[float]:
    client, anchors = client_for(address), anchors_for("regtest", anchor)
    parsed = parse_bip353_name(name)
    out = []
    for _ in range(runs):
        began = time.perf_counter()
        with contextlib.suppress(Bip353Error):
            await resolve(parsed, client, anchors)
        out.append(time.perf_counter() - began)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    zone = DevnetZone(OFFER)
    server = DnsServer(zone).start()
    try:
        for label, name in (("honest ₿shop@kite.test", zone.shop_name),
                            ("two zones ₿shop@pay.kite.test", zone.delegated_name),
                            ("expired signature (refused)", bip353_name("expired"))):
            t = asyncio.run(timings(server.address, zone.anchor, name, args.runs))
            q = statistics.quantiles(t, n=10)
            print(f"{label}: median {statistics.median(t) * 1000:.2f} ms, "
                  f"p90 {q[-1] * 1000:.2f} ms over {args.runs} resolutions")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
