"""SQLite tables of the Lightning stack."""
