"""The asyncio node: the only async code of wallet/ln."""
