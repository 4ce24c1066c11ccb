"""One module per command; ``storygen.cli`` adds each to the ``storygen`` group."""
