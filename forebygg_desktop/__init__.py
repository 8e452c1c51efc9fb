"""Forebygg Desktop: anonymous registration and reporting of preventive parenting support."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("forebygg-desktop")
except _metadata.PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"
