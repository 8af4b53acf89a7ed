"""BOLT 3 transactions and keys (pure)."""
