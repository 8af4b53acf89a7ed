"""Seed words (BIP 39), HD keys (BIP 32), on-chain accounts (BIP 84) and Lightning keys."""
