"""SQLite storage: one database per wallet, migrations, secrets encrypted at rest."""
