"""storygen: draft news copy from public figures by area."""

__version__ = "0.1.0"
