"""The channel store writes only the HTLC log rows a save adds (the rows of the previous,
committed save change nothing): the log is the same as when every save writes them all,
and a save inside a caller's transaction that rolls back leaves nothing assumed written."""

from __future__ import annotations

import pytest

from tests.ln.channel.test_channel_codec import _all_persisted_states
from wallet.ln.channel import states as st
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.storage.database import Database


def _with_htlcs(channel_type: ChannelType) -> list:
    states = [s for s in _all_persisted_states(channel_type)
              if st.commitments_of(s) is not None]
    assert any(st.commitments_of(s).remote_commit.view.htlcs for s in states)
    return states


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_log_is_the_same_as_writing_every_row(tmp_path, channel_type) -> None:
    states = _with_htlcs(channel_type)
    kept = ChannelStore(Database(tmp_path / "kept.sqlite"))
    kept.create(0, b"\x02" * 33, None, states[0])
    fresh_db = Database(tmp_path / "fresh.sqlite")
    ChannelStore(fresh_db).create(0, b"\x02" * 33, None, states[0])
    writes = []
    real_execute = kept.db.execute

    def counting(sql, params=()):
        writes.append(sql.startswith("INSERT INTO ln_htlc_log"))
        return real_execute(sql, params)

    kept.db.execute = counting
    for s in states:
        kept.save(0, s)
        ChannelStore(fresh_db).save(0, s)  # a new store each time: no memo, every row
    assert kept.htlc_log(0) == ChannelStore(fresh_db).htlc_log(0)
    assert kept.htlc_log(0)
    total = sum(len(st.commitments_of(s).remote_commit.view.htlcs) for s in states)
    assert 0 < sum(writes) < total  # rows already written were skipped


def test_a_rolled_back_outer_transaction_forgets_the_memo(tmp_path) -> None:
    states = _with_htlcs(ChannelType.STATIC_REMOTEKEY)
    with_htlcs = next(s for s in states if st.commitments_of(s).remote_commit.view.htlcs)
    store = ChannelStore(Database(tmp_path / "a.sqlite"))
    store.create(0, b"\x02" * 33, None, states[0])
    with pytest.raises(RuntimeError), store.db.transaction():
        store.save(0, with_htlcs)
        raise RuntimeError("the caller's transaction fails")
    assert store.htlc_log(0) == []
    store.save(0, with_htlcs)  # written now, not skipped
    assert len(store.htlc_log(0)) == len(st.commitments_of(with_htlcs).remote_commit.view.htlcs)
