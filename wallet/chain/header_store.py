"""The verified header chain on disk: 80 bytes per header in one flat file.

Layout: `<path>` holds the raw headers from the store's base height on, header h at byte
(h - base) * 80; `<path>.meta.json` holds the anchor (the verification context just below
the base: a checkpoint or "before genesis") and a cached tip (height, hash, chainwork).

Crash safety: headers are written, flushed and fsynced before the metadata names them, and
the metadata is replaced atomically. The header file is the truth; the cached tip only saves
work. On open, a partial last header is cut off and every header above the cached tip is
verified again (all of them if the cache does not match the file); the first bad one and
everything after it are dropped. A reorg truncates first, then appends.

Only headers verified by wallet.chain.headers are ever written. Not thread-safe: use it from
the node's event loop thread only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from wallet.chain.chain_state import (
    ChainUpdate,
    UpdateKind,
    check_connects,
    choose_fork,
    find_divergence,
)
from wallet.chain.checkpoints import default_anchor
from wallet.chain.headers import (
    HEADER_SIZE,
    ChainContext,
    Header,
    HeaderError,
    MalformedHeader,
    chain_params,
    context_from_headers,
    hash_to_hex,
    header_hash,
    headers_work,
    hex_to_hash,
    verify_headers,
)
from wallet.errors import KiteError
from wallet.sentence import Sentence

META_VERSION = 1


class HeaderStoreError(KiteError):
    """The header files cannot be used (wrong network, unreadable metadata, missing height)."""


class HeaderStore:
    """Verified headers of one network, from an anchor up to the best tip we know."""

    def __init__(
        self, path: str | os.PathLike, network: str, anchor: ChainContext | None = None
    ) -> None:
        self.path = Path(path)
        self.meta_path = self.path.with_name(self.path.name + ".meta.json")
        self.network = network
        self.params = chain_params(network)
        meta = self._read_meta()
        if meta is None:
            self.anchor = anchor if anchor is not None else default_anchor(network)
        else:
            if meta.get("network") != network:
                raise HeaderStoreError(
                    Sentence("%1 holds %2 headers, not %3", self.path, repr(meta.get('network')), repr(network))
                )
            try:
                self.anchor = ChainContext.from_json(meta["anchor"])
            except (KeyError, MalformedHeader):
                raise HeaderStoreError(Sentence("%1 has no valid anchor", self.meta_path)) from None
            if anchor is not None and anchor != self.anchor:
                raise HeaderStoreError(Sentence("%1 starts from a different anchor", self.path))
        self.base = self.anchor.height + 1
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            self.path.write_bytes(b"")
        self._f = open(self.path, "r+b")  # noqa: SIM115 - held open for the store's lifetime
        try:
            self._ctx = self._recover(meta)
        except BaseException:
            self._f.close()
            raise

    # ------------------------------------------------------------------ reading

    @property
    def tip_height(self) -> int:
        return self._ctx.height

    @property
    def tip_hash(self) -> bytes:
        return self._ctx.tip_hash

    @property
    def chainwork(self) -> int:
        """Work from the anchor up to the tip (enough to compare branches above the anchor)."""
        return self._ctx.chainwork

    @property
    def context(self) -> ChainContext:
        """The verification context at the tip."""
        return self._ctx

    def headers(self, start: int, count: int) -> bytes:
        """Raw headers start .. start+count-1 (fewer if the tip is lower)."""
        if start < self.base or count < 0 or start > self.tip_height + 1:
            raise HeaderStoreError(
                Sentence("height %1 is outside the stored range %2..%3", start, self.base, self.tip_height)
            )
        return self._read(start, min(count, self.tip_height - start + 1))

    def header(self, height: int) -> bytes:
        """The raw 80-byte header at `height`."""
        if not self.base <= height <= self.tip_height:
            raise HeaderStoreError(
                Sentence("no header at height %1 (stored: %2..%3)", height, self.base, self.tip_height)
            )
        return self.headers(height, 1)

    def parsed(self, height: int) -> Header:
        return Header.parse(self.header(height))

    def hash(self, height: int) -> bytes:
        """Block hash at `height` (internal byte order); the anchor's height works too."""
        if height == self.anchor.height:
            return self.anchor.tip_hash
        return header_hash(self.header(height))

    def hash_hex(self, height: int) -> str:
        return hash_to_hex(self.hash(height))

    def context_at(self, height: int) -> ChainContext:
        """The verification context as it was at `height` (for forks below the tip)."""
        if height == self.tip_height:
            return self._ctx
        if height == self.anchor.height:
            return self.anchor
        if not self.base <= height < self.tip_height:
            raise HeaderStoreError(Sentence("height %1 is outside the stored range", height))
        above = self.headers(height + 1, self.tip_height - height)
        work = self._ctx.chainwork - headers_work(above)
        return self._context_from_file(height, work)

    # ------------------------------------------------------------------ writing

    def append(self, data: bytes, *, now: int | None = None) -> ChainContext:
        """Verify headers that extend the tip, then store them durably."""
        ctx = verify_headers(self.params, self._ctx, data, now=now)
        self._write_at(self.tip_height + 1, data, ctx)
        return ctx

    def truncate(self, to_height: int) -> None:
        """Drop every header above `to_height` (a reorg's rollback)."""
        if to_height >= self.tip_height:
            return
        if to_height < self.anchor.height:
            raise HeaderStoreError(Sentence("cannot truncate below the anchor at %1", self.anchor.height))
        ctx = self.context_at(to_height)
        self._f.truncate((to_height - self.base + 1) * HEADER_SIZE)
        self._f.flush()
        os.fsync(self._f.fileno())
        self._ctx = ctx
        self._write_meta()

    def connect(self, first_height: int, data: bytes, *, now: int | None = None) -> ChainUpdate:
        """Take headers a server sent from `first_height`: extend, reorg, or ignore them.

        Headers we already hold are skipped; a diverging branch replaces ours only with
        strictly more work above the fork point (else kind=IGNORED). Invalid headers raise
        a HeaderError and change nothing.
        """
        if len(data) % HEADER_SIZE:
            raise MalformedHeader(
                Sentence("%1 bytes is not a whole number of 80-byte headers", len(data)), first_height
            )
        n = len(data) // HEADER_SIZE
        check_connects(first_height, n, self.base, self.tip_height)
        overlap = min(n, self.tip_height - first_height + 1)
        stored = self.headers(first_height, overlap) if overlap > 0 else b""
        fork = find_divergence(first_height, stored, data)
        if fork is None:
            new = data[overlap * HEADER_SIZE :]
            if not new:
                return ChainUpdate(UpdateKind.UNCHANGED, self.tip_height)
            self.append(new, now=now)
            return ChainUpdate(UpdateKind.EXTENDED, self.tip_height, added=len(new) // HEADER_SIZE)

        fork_ctx = self.context_at(fork - 1)
        theirs = data[(fork - first_height) * HEADER_SIZE :]
        new_ctx = verify_headers(self.params, fork_ctx, theirs, now=now)
        choice = choose_fork(
            fork,
            our_work=self._ctx.chainwork - fork_ctx.chainwork,
            their_work=new_ctx.chainwork - fork_ctx.chainwork,
        )
        if not choice.switch:
            return ChainUpdate(UpdateKind.IGNORED, self.tip_height, fork_height=fork)
        self.truncate(fork - 1)
        self._write_at(fork, theirs, new_ctx)
        return ChainUpdate(
            UpdateKind.REORG, self.tip_height, fork_height=fork, added=len(theirs) // HEADER_SIZE
        )

    def close(self) -> None:
        if not self._f.closed:
            self._f.close()

    def __enter__(self) -> HeaderStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ internals

    def _read(self, start: int, count: int) -> bytes:
        self._f.seek((start - self.base) * HEADER_SIZE)
        data = self._f.read(count * HEADER_SIZE)
        if len(data) != count * HEADER_SIZE:
            raise HeaderStoreError(Sentence("%1 is shorter than its tip", self.path))
        return data

    def _write_at(self, height: int, data: bytes, ctx: ChainContext) -> None:
        self._f.seek((height - self.base) * HEADER_SIZE)
        self._f.write(data)
        self._f.truncate()
        self._f.flush()
        os.fsync(self._f.fileno())
        self._ctx = ctx
        self._write_meta()

    def _context_from_file(self, height: int, chainwork: int) -> ChainContext:
        """Rebuild the context at a stored height from the headers around it."""
        interval = self.params.retarget_interval
        period_start = height - height % interval
        lo = max(self.base, min(period_start, height - 10))
        window = self._read(lo, height - lo + 1)
        prior = self.anchor if lo == self.base else None
        ctx = context_from_headers(self.params, window, lo, prior)
        return ChainContext(
            height=ctx.height,
            tip_hash=ctx.tip_hash,
            bits=ctx.bits,
            timestamps=ctx.timestamps,
            period_start_time=ctx.period_start_time,
            next_retarget_bits=None,
            last_real_bits=ctx.last_real_bits,
            chainwork=chainwork,
        )

    def _recover(self, meta: dict | None) -> ChainContext:
        size = os.fstat(self._f.fileno()).st_size
        whole = size - size % HEADER_SIZE
        if whole != size:  # a torn write: drop the partial header
            self._f.truncate(whole)
            self._f.flush()
            os.fsync(self._f.fileno())
        count = whole // HEADER_SIZE
        file_tip = self.anchor.height + count

        ctx = self.anchor
        trusted = self._cached_tip(meta, file_tip)
        if trusted is not None:
            height, work = trusted
            ctx = self.anchor if height == self.anchor.height else self._context_from_file(
                height, work
            )
        if file_tip > ctx.height:
            rest = self._read(ctx.height + 1, file_tip - ctx.height)
            try:
                ctx = verify_headers(self.params, ctx, rest)
            except HeaderError as e:
                good = (e.height if e.height is not None else ctx.height + 1) - 1 - ctx.height
                ctx = verify_headers(self.params, ctx, rest[: good * HEADER_SIZE])
                self._f.truncate((ctx.height - self.base + 1) * HEADER_SIZE)
                self._f.flush()
                os.fsync(self._f.fileno())
        self._ctx = ctx
        if meta is None or trusted is None or trusted[0] != ctx.height:
            self._write_meta()
        return ctx

    def _cached_tip(self, meta: dict | None, file_tip: int) -> tuple[int, int] | None:
        """(height, chainwork) from the metadata if it still matches the file, else None."""
        if not meta:
            return None
        try:
            height = int(meta["tip_height"])
            want = hex_to_hash(meta["tip_hash"])
            work = int(meta["chainwork"])
        except (KeyError, TypeError, ValueError, MalformedHeader):
            return None
        if height == self.anchor.height:
            return (height, self.anchor.chainwork) if want == self.anchor.tip_hash else None
        if not self.base <= height <= file_tip:
            return None
        self._f.seek((height - self.base) * HEADER_SIZE)
        if header_hash(self._f.read(HEADER_SIZE)) != want:
            return None
        return height, work

    def _read_meta(self) -> dict | None:
        try:
            text = self.meta_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            meta = json.loads(text)
        except ValueError:
            raise HeaderStoreError(Sentence("%1 is not valid JSON", self.meta_path)) from None
        if not isinstance(meta, dict) or meta.get("version") != META_VERSION:
            raise HeaderStoreError(Sentence("%1 has an unknown format", self.meta_path))
        return meta

    def _write_meta(self) -> None:
        meta = {
            "version": META_VERSION,
            "network": self.network,
            "anchor": self.anchor.to_json(),
            "tip_height": self._ctx.height,
            "tip_hash": hash_to_hex(self._ctx.tip_hash),
            "chainwork": self._ctx.chainwork,
        }
        tmp = self.meta_path.with_name(self.meta_path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(meta, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.meta_path)
        try:  # make the rename durable; directories cannot be opened this way on Windows
            dir_fd = os.open(self.meta_path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
