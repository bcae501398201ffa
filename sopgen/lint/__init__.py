"""Checks beyond the schema, one module per document kind (each run by its kind's lint stage)."""
