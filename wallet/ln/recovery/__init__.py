"""Channel recovery from the seed: the recovery record in our funding transactions, the scan
of a restored wallet's history for them, and what to do for a channel whose state is lost."""
