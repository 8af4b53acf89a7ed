"""Amounts in the user's currency: exchange rates, their sources, and conversions."""
