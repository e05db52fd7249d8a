"""``python -m bot`` runs the same CLI as the ``factbot`` console script."""

from bot.cli import main

main()
