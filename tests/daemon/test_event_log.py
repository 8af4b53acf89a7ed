"""The events an attached window reads: in order, numbered, a long poll that answers as
soon as something happens, and an honest `missed` for a reader that fell behind."""

from __future__ import annotations

import asyncio

import pytest

from wallet.daemon.event_log import EventLog
from wallet.errors import InputError


async def test_a_new_reader_gets_the_number_then_what_follows_in_order():
    log = EventLog()
    log.record("sync", {"height": 1})
    first = await log.events()
    assert first == {"seq": 1, "events": [], "missed": False}
    log.record("balance", {"confirmed": 5})
    log.record("history", {})
    got = await log.events(since=first["seq"])
    assert [(e["seq"], e["kind"], e["data"]) for e in got["events"]] == [
        (2, "balance", {"confirmed": 5}), (3, "history", {})]
    assert got["seq"] == 3 and not got["missed"]


async def test_the_long_poll_answers_when_an_event_comes():
    log = EventLog()
    waiting = asyncio.create_task(log.events(since=0, wait=30))
    await asyncio.sleep(0)
    assert not waiting.done()
    log.record("payment", {"status": "paid"})
    got = await asyncio.wait_for(waiting, 5)
    assert [e["kind"] for e in got["events"]] == ["payment"]


async def test_the_long_poll_ends_empty_after_its_wait():
    log = EventLog()
    got = await log.events(since=0, wait=0.05)
    assert got == {"seq": 0, "events": [], "missed": False}


async def test_a_reader_behind_the_kept_events_is_told_it_missed_some():
    log = EventLog(kept=3)
    for i in range(5):
        log.record("sync", {"height": i})
    got = await log.events(since=1)
    assert got["missed"] and [e["seq"] for e in got["events"]] == [3, 4, 5]
    assert not (await log.events(since=2))["missed"]
    # a number from another run of the daemon (beyond ours): missed, nothing made up
    assert await log.events(since=99) == {"seq": 5, "events": [], "missed": True}


@pytest.mark.parametrize("since, wait", [(-1, 0), ("3", 0), (True, 0), (1.5, 0), (0, "soon"),
                                         (0, None)])
async def test_bad_parameters_are_one_sentence(since, wait):
    with pytest.raises(InputError):
        await EventLog().events(since=since, wait=wait)


async def test_nobody_listening_until_someone_asks():
    log = EventLog()
    assert not log.listening()
    await log.events()
    assert log.listening()
