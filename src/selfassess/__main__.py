"""Run the command line as ``python -m selfassess``."""

from selfassess.cli import run

run()
