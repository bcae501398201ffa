"""Absolute addresses: where a file is once published, or where a source file sits in its repository."""

from __future__ import annotations


def published_url(base: str, path: str) -> str:
    """``path`` under the address ``base`` (``alamat_situs``, ``alamat_sumber``), with one slash between them."""
    return f"{base.rstrip('/')}/{path.lstrip('/')}"
