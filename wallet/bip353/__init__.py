"""BIP 353: `₿user@domain` payment instructions in DNSSEC-signed TXT records."""
