"""`within`: a deadline that never loses a cancellation (the CI hang of stop 22: a
ServerPool.connect loop ran on after wait_for had swallowed its cancellation)."""

import asyncio

import pytest

from wallet.deadline import within


async def _cancel_as_it_finishes(waiting) -> str:
    """Cancel a task in the same step as the future it waits on gets its result."""
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def body() -> None:
        await waiting(fut)
        await asyncio.sleep(0)

    task = asyncio.create_task(body())
    for _ in range(3):
        await asyncio.sleep(0)
    fut.set_result(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        return "cancelled"
    return "cancellation lost"


async def test_a_cancellation_that_meets_the_result_is_kept():
    assert await _cancel_as_it_finishes(lambda f: within(10, f)) == "cancelled"

    async def through_a_coroutine(f):
        async def inner():
            return await f
        return await within(10, inner())

    assert await _cancel_as_it_finishes(through_a_coroutine) == "cancelled"


async def test_times_out_with_timeout_error_and_returns_results():
    with pytest.raises(TimeoutError):
        await within(0.01, asyncio.Event().wait())
    assert await within(None, asyncio.sleep(0, "done")) == "done"
    assert await within(1, asyncio.sleep(0, 7)) == 7


def test_no_shell_uses_asyncio_wait_for():
    """Every deadline in wallet/ goes through `within` (3.11's wait_for loses cancellations)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "wallet"
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "asyncio.wait_for(" in p.read_text()]
    assert offenders == []
