"""The one place LNURL talks HTTP (aiohttp): GET a service's JSON answer, with limits.

- only addresses `urls.check_url` allows (https; http to .onion, and to this machine on
  regtest), at every step;
- one deadline for the whole exchange (`timeout`, redirects included);
- at most `max_bytes` read (a longer answer is refused, not cut), no decompression (a
  small compressed answer cannot swell), no cookies, no proxy from the environment;
- at most `max_redirects` redirects, each to the same host, never back to an address seen
  (a loop is named as such);
- status codes mean nothing (LUD-01): the body is parsed as JSON whatever the code.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urljoin

import aiohttp

from wallet.lnurl.errors import LnurlError, ServiceUnreachable, printable
from wallet.lnurl.responses import MAX_RESPONSE_BYTES, parse_json
from wallet.lnurl.urls import MAX_REQUEST_CHARS, ServiceUrl, check_url
from wallet.sentence import Sentence

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20.0  # seconds for one exchange with a service
MAX_REDIRECTS = 3
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_HEADERS = {"Accept": "application/json", "Accept-Encoding": "identity",
            "User-Agent": "Kite"}


class LnurlHttp:
    """GETs JSON from LNURL services. `local_http`: plain http to this machine (regtest)."""

    def __init__(self, *, local_http: bool, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = MAX_RESPONSE_BYTES, max_redirects: int = MAX_REDIRECTS
                 ) -> None:
        self.local_http = local_http
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects

    async def get_json(self, url: str, service: str | None = None) -> dict[str, Any]:
        """The JSON object at `url`. LnurlError for a refused address or answer,
        ServiceUnreachable when no answer came in time."""
        checked = check_url(url, local_http=self.local_http, limit=MAX_REQUEST_CHARS)
        name = service or checked.service
        try:
            async with asyncio.timeout(self.timeout):
                async with aiohttp.ClientSession(
                        headers=_HEADERS, cookie_jar=aiohttp.DummyCookieJar(),
                        auto_decompress=False, trust_env=False) as session:
                    body = await self._follow(session, checked, name)
        except TimeoutError:
            raise ServiceUnreachable(Sentence("The service %1 did not answer within %2 seconds.", name, format(self.timeout, "g")), "timeout") from None
        except (aiohttp.ClientSSLError, aiohttp.ServerFingerprintMismatch) as e:
            raise ServiceUnreachable(Sentence("The service %1 could not prove who it is (its HTTPS certificate is not valid).", name), str(e)) from None
        except (aiohttp.ClientError, OSError) as e:
            raise ServiceUnreachable(Sentence("The service %1 could not be reached.", name),
                                     printable(str(e) or type(e).__name__, 200)) from None
        return parse_json(body, name)

    async def _follow(self, session: aiohttp.ClientSession, start: ServiceUrl,
                      name: str) -> bytes:
        seen = {start.url}
        current = start
        for _ in range(self.max_redirects + 1):
            async with session.get(current.url, allow_redirects=False) as response:
                if response.status not in REDIRECT_CODES:
                    return await self._read(response, name)
                location = response.headers.get("Location", "")
            if not location:
                raise LnurlError(Sentence("The service %1 redirected to nowhere.", name),
                                 f"HTTP {response.status} without Location")
            target = check_url(urljoin(current.url, location), local_http=self.local_http,
                               what=f"The service {name} redirected to an address that")
            if target.host != start.host:
                raise LnurlError(Sentence("The service %1 redirected to another site (%2); Kite does not follow it.", name, target.service),
                                 f"redirect to {target.host}")
            if target.url in seen:
                raise LnurlError(Sentence("The service %1 redirects in a loop.", name),
                                 f"back to {printable(target.url, 120)}")
            seen.add(target.url)
            current = target
        raise LnurlError(Sentence("The service %1 redirected too many times.", name),
                         f"more than {self.max_redirects} redirects")

    async def _read(self, response: aiohttp.ClientResponse, name: str) -> bytes:
        too_big = LnurlError(Sentence("The service %1 answered with too much data.", name),
                             f"more than {self.max_bytes} bytes")
        if response.content_length is not None and response.content_length > self.max_bytes:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(16_384):
            size += len(chunk)
            if size > self.max_bytes:
                raise too_big
            chunks.append(chunk)
        return b"".join(chunks)
