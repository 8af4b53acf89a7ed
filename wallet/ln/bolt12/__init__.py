"""BOLT 12: offers, invoice requests, invoices and invoice errors (pure codec and checks)."""
