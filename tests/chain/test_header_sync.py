"""Header sync against a scripted server: real mainnet headers, tampering, regtest reorgs."""

import pytest

from tests.conftest import FIXTURES
from tests.support.chain_helpers import REGTEST_BITS, mine_regtest_headers
from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.chain_state import UpdateKind
from wallet.chain.electrum_client import ElectrumClient, ServerAddress, ServerMisbehaved
from wallet.chain.header_store import HeaderStore
from wallet.chain.header_sync import HeaderSync
from wallet.chain.headers import ChainContext, HeaderError, chain_params, header_hash
from wallet.networks import REGTEST


@pytest.fixture
def open_store(tmp_path):
    opened = []

    def make(network, **kw):
        store = HeaderStore(tmp_path / "h", network, **kw)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


class ChainServer:
    """Serves `chain` (raw headers from height `first`) like ElectrumX does."""

    def __init__(self, chain: bytes, first: int = 0):
        self.chain, self.first = chain, first

    @property
    def tip(self) -> int:
        return self.first + len(self.chain) // 80 - 1

    def header(self, h):
        i = h - self.first
        return self.chain[i * 80 : (i + 1) * 80].hex()

    def headers(self, start, count):
        i = start - self.first
        data = self.chain[i * 80 : (i + min(count, 2016)) * 80]
        return {"hex": data.hex(), "count": len(data) // 80, "max": 2016}

    def handlers(self):
        return {
            "blockchain.block.header": self.header,
            "blockchain.block.headers": self.headers,
            "blockchain.headers.subscribe": lambda: {"height": self.tip, "hex": self.header(self.tip)},
        }


async def sync_once(store, chain_server):
    fake = FakeElectrumServer(chain_server.handlers())
    await fake.start()
    progress = []
    try:
        async with ElectrumClient(ServerAddress("127.0.0.1", fake.port, False), timeout=10) as c:
            height, _ = await c.headers_subscribe()
            return await HeaderSync(store, progress.append).catch_up(c, height), progress
    finally:
        await fake.stop()


def mainnet_0_9999() -> bytes:
    return bytes.fromhex((FIXTURES / "mainnet_0_9999.hex").read_text().replace("\n", ""))


async def test_sync_real_mainnet_headers_from_genesis(open_store):
    chain = mainnet_0_9999()
    store = open_store("mainnet", anchor=ChainContext.before_genesis())
    update, progress = await sync_once(store, ChainServer(chain))
    assert update.kind is UpdateKind.EXTENDED
    assert store.tip_height == len(chain) // 80 - 1
    assert store.tip_hash == header_hash(chain[-80:])
    assert progress[-1].height == progress[-1].server_height == store.tip_height


async def test_tampered_header_rejected_store_unchanged(open_store):
    chain = bytearray(mainnet_0_9999()[: 3000 * 80])
    chain[2500 * 80 + 40] ^= 1  # flip a Merkle-root bit: breaks PoW and the next link
    store = open_store("mainnet", anchor=ChainContext.before_genesis())
    with pytest.raises(HeaderError):
        await sync_once(store, ChainServer(bytes(chain)))
    assert store.tip_height < 2500


def regtest_anchor():
    p = chain_params("regtest")
    return ChainContext(
        height=0, tip_hash=p.genesis_hash, bits=REGTEST_BITS, timestamps=(1296688602,),
        last_real_bits=REGTEST_BITS,
    )


async def test_regtest_reorg_followed_and_less_work_ignored(open_store):
    genesis = bytes.fromhex(REGTEST.genesis_hash)[::-1]
    a = mine_regtest_headers(genesis, 1296688700, 10, salt=1)
    store = open_store("regtest", anchor=regtest_anchor())
    await sync_once(store, ChainServer(a, first=1))
    assert store.tip_height == 10
    # B forks after height 7 and is longer: more work
    b = a[: 7 * 80] + mine_regtest_headers(header_hash(a[6 * 80 : 7 * 80]), 1296689000, 5, salt=2)
    update, _ = await sync_once(store, ChainServer(b, first=1))
    assert update.kind is UpdateKind.REORG and update.fork_height == 8
    assert store.tip_height == 12 and store.tip_hash == header_hash(b[-80:])
    # C forks after height 4 but is shorter than B: ignored
    c = b[: 4 * 80] + mine_regtest_headers(header_hash(b[3 * 80 : 4 * 80]), 1296689500, 3, salt=3)
    update, _ = await sync_once(store, ChainServer(c, first=1))
    assert update.kind is UpdateKind.IGNORED
    assert store.tip_hash == header_hash(b[-80:])


async def test_server_below_checkpoint_is_misbehaving(open_store):
    store = open_store("mainnet")  # anchored at the newest checkpoint
    with pytest.raises(ServerMisbehaved):
        await sync_once(store, ChainServer(mainnet_0_9999()[:800]))


def mainnet_recent() -> tuple[int, bytes]:
    import json

    meta = json.loads((FIXTURES / "mainnet_822528_830592.json").read_text())
    data = bytes.fromhex((FIXTURES / "mainnet_822528_830592.hex").read_text().replace("\n", ""))
    return int(meta["first_height"]), data


async def test_old_header_proven_back_to_a_checkpoint(open_store):
    from wallet.chain.checkpoints import checkpoint_context, load_checkpoints

    first, data = mainnet_recent()
    last = first + len(data) // 80 - 1
    # anchor the store at the newest checkpoint inside the fixture; ask for an older block
    cp = max((c for c in load_checkpoints("mainnet") if first < c.height <= last), key=lambda c: c.height)
    store = open_store("mainnet", anchor=checkpoint_context(cp, chain_params("mainnet")))
    served = ChainServer(data, first=first)
    target = cp.height - 3000  # in the period before the previous checkpoint
    fake = FakeElectrumServer(served.handlers())
    await fake.start()
    try:
        async with ElectrumClient(ServerAddress("127.0.0.1", fake.port, False), timeout=10) as c:
            sync = HeaderSync(store)
            root = await sync.old_merkle_root(c, target)
            i = target - first
            assert root == data[i * 80 + 36 : i * 80 + 68]
            assert sync.block_time(target) == int.from_bytes(data[i * 80 + 68 : i * 80 + 72], "little")
    finally:
        await fake.stop()
    # a server whose old headers do not chain to the checkpoint is caught
    tampered = bytearray(data)
    tampered[(target - first) * 80 + 40] ^= 1
    fake = FakeElectrumServer(ChainServer(bytes(tampered), first=first).handlers())
    await fake.start()
    try:
        async with ElectrumClient(ServerAddress("127.0.0.1", fake.port, False), timeout=10) as c:
            with pytest.raises(HeaderError):
                await HeaderSync(store).old_merkle_root(c, target)
    finally:
        await fake.stop()


async def test_server_behind_us_on_our_chain_changes_nothing(open_store):
    # A server that lags (or one we outran with another server's longer chain) is honest:
    # its chain is a prefix of ours; it must not be taken for a liar or roll us back.
    genesis = bytes.fromhex(REGTEST.genesis_hash)[::-1]
    a = mine_regtest_headers(genesis, 1296688700, 10, salt=1)
    store = open_store("regtest", anchor=regtest_anchor())
    await sync_once(store, ChainServer(a, first=1))
    update, _ = await sync_once(store, ChainServer(a[: 8 * 80], first=1))
    assert update.kind is UpdateKind.UNCHANGED
    assert store.tip_height == 10 and store.tip_hash == header_hash(a[-80:])
    # Behind us on another branch with less work: ignored, not adopted.
    c = a[: 4 * 80] + mine_regtest_headers(header_hash(a[3 * 80 : 4 * 80]), 1296689500, 3, salt=3)
    update, _ = await sync_once(store, ChainServer(c, first=1))
    assert update.kind is UpdateKind.IGNORED and store.tip_hash == header_hash(a[-80:])
