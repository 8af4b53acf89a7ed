"""BOLT 4 onions and trampoline (pure)."""
