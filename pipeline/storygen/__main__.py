"""``python -m storygen``."""

from storygen.cli.main import main

main()
