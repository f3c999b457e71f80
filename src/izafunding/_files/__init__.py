"""A user's file *text* turned into domain objects: no I/O, no printing."""
