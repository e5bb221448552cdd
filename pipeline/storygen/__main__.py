"""``python -m storygen``."""

from storygen.cli import main

main()
