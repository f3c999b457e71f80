"""The package's version (the same as pyproject.toml's), in the lowest layer: a receipt names it."""

__version__ = "0.1.0.dev0"
