"""BOLT 5 on-chain enforcement: the close plan and the sweeps (pure)."""
