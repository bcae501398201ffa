"""``python -m sopgen``."""

from .cli import main

main()
