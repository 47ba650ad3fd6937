"""`python -m lcspr_cli` runs the command line."""

from .cli import main

main()
