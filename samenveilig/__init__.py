"""Samen Veilig: the local approach to domestic violence and child abuse."""

__version__ = "0.1.0"
