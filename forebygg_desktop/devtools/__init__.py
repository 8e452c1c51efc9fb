"""Developer and build tools (catalog maintenance); not used by the running program."""
