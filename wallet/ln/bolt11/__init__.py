"""BOLT 11: Lightning invoices (decode and check in invoice.py, sign and encode in encode.py)."""
