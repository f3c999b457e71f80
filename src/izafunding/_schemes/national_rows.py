"""
The rows of the national tables as the package ships them (``_data/*.csv``, read lazily, without
network access): the letter they come from, the years, the Brede SPUK and SPUK-IZA rows. Public
through :mod:`izafunding.data`.
"""

from __future__ import annotations

import csv
import functools
import io
from typing import Final


__all__ = ["SOURCE", "YEARS"]

#: The letter the tables come from.
SOURCE: Final = (
    "VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025, ref. 4190863-1084972-DMO"
)
#: The years the tables cover.
YEARS: Final = (2025, 2026)

_GALA_FILE = "brede_spuk_2025_2026.csv"
_IZA_FILE = "spuk_iza_regions_2025_2026.csv"


# -- loading --------------------------------------------------------------------------

def _read(filename: str) -> list[dict[str, str]]:
    # The package's own loader reads its data, from a directory or a zip (as pkgutil.get_data
    # does), without importing importlib.resources and its archive modules: the command line
    # starts faster.
    loader = __spec__.loader if __spec__ is not None else None
    get_data = getattr(loader, "get_data", None)
    if get_data is None:  # pragma: no cover - a loader without get_data: the general way
        from importlib import resources

        text = resources.files("izafunding").joinpath("_data", filename).read_text(encoding="utf-8")
    else:
        # This module is izafunding/_schemes/national_rows.py; the data is in izafunding/_data/.
        cut = max(__file__.rfind("/"), __file__.rfind("\\"))
        sep = __file__[cut] if cut >= 0 else "/"
        cut = max(__file__.rfind("/", 0, cut), __file__.rfind("\\", 0, cut))
        text = get_data(f"{__file__[: cut + 1]}_data{sep}{filename}").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@functools.cache
def _gala_rows() -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (r["municipality"], int(r["brede_spuk_2025"]), int(r["brede_spuk_2026"]))
        for r in _read(_GALA_FILE)
    )


@functools.cache
def _iza_rows() -> tuple[tuple[str, str, int, int], ...]:
    return tuple(
        (
            r["region"],
            r["mandated_municipality"],
            int(r["spuk_iza_2025"]),
            int(r["spuk_iza_2026"]),
        )
        for r in _read(_IZA_FILE)
    )
