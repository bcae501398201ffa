"""Rendering models into HTML and PDF: Jinja, formatting, WeasyPrint."""
