"""
Make the image of docs/notebook.md: the chart of IJssel-Vecht's 2026 SPUK-IZA award over its
eight members (half equally, half by inhabitants, whole euros by largest remainder).

Run from the repository root, after a change to the chart or the data:

    .venv/bin/python tools/notebook_images.py

It writes docs/notebook-ijssel-vecht-2026.png (committed). The page's HTML table is checked
against the library by tests/test_notebook_page.py.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

from izafunding import Composite, LargestRemainder, Money, allocate, data
from izafunding._core.allocation import Allocation


IMAGE = Path(__file__).resolve().parent.parent / "docs" / "notebook-ijssel-vecht-2026.png"


def split() -> Allocation:
    """The split shown on the page."""
    region = data.regions()["IJssel-Vecht"]
    key = Composite([(Fraction(1, 2), region.equal_key()), (Fraction(1, 2), region.inhabitants_key())])
    return allocate(data.spuk_iza_awards(2026)["IJssel-Vecht"], key, rounding=LargestRemainder(unit=Money(1)))


def main() -> int:
    figure = split().plot()
    # No timestamp or version in the file, so that the image changes only when the chart does.
    figure.savefig(IMAGE, format="png", dpi=80, metadata={"Software": None})
    print(f"wrote {IMAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
