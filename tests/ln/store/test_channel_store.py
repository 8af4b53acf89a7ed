"""The channel store: states round-trip through SQLite, key indexes are never reused, a save
is atomic (a SIGKILL inside it leaves the previous state), payments are recorded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT
from tests.support.channel_pair import Pair
from wallet.errors import InputError
from wallet.ln.channel import states as st
from wallet.ln.channel.states import known_channel_id
from wallet.ln.recovery.scan import FoundChannel
from wallet.ln.store.channel_store import KEY_INDEX_BLOCK, PAID, ChannelStore, UnknownChannel
from wallet.ln.store.payment_log import PaymentLog
from wallet.ln.store.recovery_store import RecoveryStore
from wallet.storage.crashpoints import CRASH_HOOK_ENV
from wallet.storage.database import Database

PEER = bytes.fromhex("02" + "11" * 32)


@pytest.fixture
def store(tmp_path) -> ChannelStore:
    return ChannelStore(Database(tmp_path / "w.sqlite"))


def test_key_indexes_are_never_reused(tmp_path) -> None:
    db = Database(tmp_path / "w.sqlite")
    s = ChannelStore(db)
    got = [s.allocate_key_index() for _ in range(3)]
    assert got == [0, 1, 2]
    db.close()
    s = ChannelStore(Database(tmp_path / "w.sqlite"))  # reopened: the counter is durable
    assert s.allocate_key_index() > 2  # the rest of the reserved block is skipped


def test_key_indexes_cost_one_commit_per_block(tmp_path) -> None:
    # a peer opening channels and abandoning them must not cost a disk commit each
    db = Database(tmp_path / "w.sqlite")
    s = ChannelStore(db)
    commits = []
    db._conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    got = [s.allocate_key_index() for _ in range(2 * KEY_INDEX_BLOCK)]
    assert got == list(range(2 * KEY_INDEX_BLOCK))
    assert len(commits) == 2
    counter = db.query_one("SELECT next_index FROM channel_key_counter WHERE id = 0")[0]
    assert counter == 2 * KEY_INDEX_BLOCK  # every index handed out is durably counted
    db.close()
    assert ChannelStore(Database(tmp_path / "w.sqlite")).allocate_key_index() == counter


def test_an_index_stored_meanwhile_ends_the_block(tmp_path) -> None:
    # a channel row or a recovered channel with an index of the reserved block: never reused
    db = Database(tmp_path / "w.sqlite")
    s = ChannelStore(db)
    assert s.allocate_key_index() == 0
    s.create(5, PEER, None, st.Closed("x"))
    assert s.allocate_key_index() == 6
    RecoveryStore(db).add(FoundChannel(PEER, 9, bytes(32), 0, 100_000, bytes(34)))
    assert s.allocate_key_index() == 10
    assert s.allocate_key_index() == 11
    other = ChannelStore(db)  # another writer of the counter: the blocks never overlap
    assert other.allocate_key_index() == KEY_INDEX_BLOCK
    assert s.allocate_key_index() == 2 * KEY_INDEX_BLOCK
    assert other.allocate_key_index() == 3 * KEY_INDEX_BLOCK


def test_states_round_trip_and_channel_id_follows_funding(store: ChannelStore) -> None:
    pair = Pair()
    index = store.allocate_key_index()
    store.create(index, PEER, "127.0.0.1:9735", pair.a.state)
    assert isinstance(store.load(index).state, st.Idle)
    assert store.load(index).channel_id == b""
    pair.open(confirm=False)
    store.save(index, pair.a.state)
    assert store.load(index).channel_id == known_channel_id(pair.a.state) == pair.a.c.channel_id
    pair.confirm()
    store.save(index, pair.a.state)
    [row] = store.load_all()
    assert row.state == pair.a.state
    assert row.channel_id == pair.a.c.channel_id
    assert (row.peer_node_id, row.peer_address, row.key_index) == (PEER, "127.0.0.1:9735", index)
    # a closed state has no channel id: the stored one stays
    store.save(index, st.Closed("test"))
    assert store.load(index).channel_id == pair.a.c.channel_id


def test_bad_uses_are_refused(store: ChannelStore) -> None:
    with pytest.raises(UnknownChannel):
        store.save(5, st.Closed("x"))
    with pytest.raises(UnknownChannel):
        store.load(5)
    store.create(0, PEER, None, st.Closed("x"))
    with pytest.raises(InputError):
        store.create(0, PEER, None, st.Closed("x"))
    # the counter also skips indexes already in the table
    assert store.allocate_key_index() == 1


def test_payments(store: ChannelStore) -> None:
    log = PaymentLog(store.db)
    h = os.urandom(32)
    preimage = b"p" * 32
    log.add(h, "in", 5000, preimage=preimage, payment_secret=b"s" * 32, invoice="lnbcrt1...")
    with pytest.raises(InputError):
        log.add(h, "out", 1)
    log.succeed(h)
    p = log.get(h)
    assert (p.status, p.preimage, p.amount_msat, p.direction) == (PAID, preimage, 5000, "in")
    assert "p" * 32 not in repr(p)
    assert log.get(os.urandom(32)) is None
    assert [x.payment_hash for x in log.list()] == [h]


CHILD = textwrap.dedent("""
    import sys
    from wallet.ln.channel import states as st
    from wallet.ln.store.channel_store import ChannelStore
    from wallet.storage.database import Database
    store = ChannelStore(Database(sys.argv[1]))
    store.save(0, st.Closed("new"))
    print("saved")
""")


@pytest.mark.parametrize("crash", [True, False])
def test_a_kill_during_save_leaves_the_old_state(tmp_path, crash: bool) -> None:
    path = tmp_path / "w.sqlite"
    db = Database(path)
    ChannelStore(db).create(0, PEER, None, st.Closed("old"))
    db.close()
    env = dict(os.environ)
    env.pop(CRASH_HOOK_ENV, None)
    if crash:
        env[CRASH_HOOK_ENV] = "channel-save:written"
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert (proc.returncode == -9) == crash, proc.stderr
    state = ChannelStore(Database(path)).load(0).state
    assert state == st.Closed("old" if crash else "new")
