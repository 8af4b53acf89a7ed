"""The Lightning stack. Pure protocol modules here never import asyncio, socket or sqlite3."""
