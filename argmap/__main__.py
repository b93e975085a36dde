"""``python -m argmap``."""

from argmap.cli import run

run()
