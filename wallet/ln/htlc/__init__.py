"""What to do with HTLCs: the payment plan, the relay plan, the HTLC contract (pure)."""
