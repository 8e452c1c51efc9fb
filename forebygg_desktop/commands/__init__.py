"""Headless sub-commands of `forebygg-cli`; each module registers its own parsers."""
