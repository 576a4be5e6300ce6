"""``python -m sinkron`` runs the command line."""

from sinkron.cli import main

main(prog_name="sinkron")
