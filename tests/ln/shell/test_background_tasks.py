"""BackgroundTasks: holds each task until it ends, and stop cancels what still runs."""
import asyncio

from wallet.ln.shell.background import BackgroundTasks


def test_finished_task_is_dropped_and_running_one_cancelled() -> None:
    async def scenario() -> None:
        tasks = BackgroundTasks()
        quick = tasks.spawn(asyncio.sleep(0), "quick")
        slow = tasks.spawn(asyncio.sleep(60), "slow")
        assert quick.get_name() == "quick"
        await quick
        await asyncio.sleep(0)  # let the done callback run
        cancelled = tasks.cancel_all()
        assert cancelled == [slow]
        await asyncio.gather(slow, return_exceptions=True)
        assert slow.cancelled()
        await asyncio.sleep(0)
        assert tasks.cancel_all() == []

    asyncio.run(scenario())


def test_stop_cancels_and_waits_for_each_whatever_it_raises() -> None:
    async def scenario() -> None:
        tasks = BackgroundTasks()

        async def failing() -> None:
            try:
                await asyncio.sleep(60)
            finally:
                raise RuntimeError("ends badly")
        slow = tasks.spawn(asyncio.sleep(60), "slow")
        bad = tasks.spawn(failing(), "bad")
        await asyncio.sleep(0)
        await tasks.stop()
        assert slow.cancelled() and isinstance(bad.exception(), RuntimeError)
        await asyncio.sleep(0)  # let the done callbacks run
        assert tasks.cancel_all() == []

    asyncio.run(scenario())
