"""``python -m tenderlens`` runs the command-line face."""

from tenderlens.cli import main

main()
