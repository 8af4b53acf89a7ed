"""Small programs and helpers that tests launch or share."""
