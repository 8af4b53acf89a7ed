"""Translations: Qt's .ts sources in resources/translations, compiled to .qm, installed at start."""
