"""acsg: the ACSG Secretariat's registry of asylum-capacity requests, offers and matches."""

__version__ = "0.1.0"
