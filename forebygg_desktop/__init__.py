"""Forebygg Desktop: anonymous registration and reporting of preventive parenting support."""

# The one place the version is written: pyproject.toml reads it from here (a constant, not
# importlib.metadata, which costs ≈ 50 ms at every start).
__version__ = "0.1.0"
