"""
The one spelling of a name in which two ways of writing it are equal; pure, and free of the value
objects (the award command's quick path compares names with it without loading attrs).
"""

from __future__ import annotations

import re
import unicodedata


__all__ = ["name_key"]


def name_key(name: str) -> str:
    """
    The form in which two spellings of one name are equal: no case, no
    diacritics, no apostrophes, and hyphens, dots, commas and brackets read
    as spaces.

    >>> name_key("'s-Hertogenbosch") == name_key("s Hertogenbosch")
    True
    >>> name_key("Súdwest-Fryslân"), name_key("Bergen (NH.)")
    ('sudwest fryslan', 'bergen nh')
    """
    decomposed = unicodedata.normalize("NFKD", str(name))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"['’‘`´]", "", plain)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())
