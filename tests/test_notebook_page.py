"""docs/notebook.md shows the library's own HTML table, and its chart image exists (issue 13, item 5)."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

from izafunding import Composite, LargestRemainder, Money, allocate, data


_DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_html_on_the_page_is_the_librarys() -> None:
    """IJssel-Vecht 2026 (VWS letter of 12 September 2025, annex 2B): the table of the page, as made now."""
    region = data.regions()["IJssel-Vecht"]
    key = Composite([(Fraction(1, 2), region.equal_key()), (Fraction(1, 2), region.inhabitants_key())])
    split = allocate(data.spuk_iza_awards(2026)["IJssel-Vecht"], key, rounding=LargestRemainder(unit=Money(1)))
    page = (_DOCS / "notebook.md").read_text(encoding="utf-8")
    shown = re.search(r"^<table class=.*</table>$", page, re.MULTILINE)
    assert shown is not None
    assert shown.group(0) == split._repr_html_()
    assert "€ 769.031,00" in shown.group(0)


def test_the_chart_image_is_committed() -> None:
    image = _DOCS / "notebook-ijssel-vecht-2026.png"
    assert image.read_bytes()[:4] == b"\x89PNG"
    assert "(notebook-ijssel-vecht-2026.png)" in (_DOCS / "notebook.md").read_text(encoding="utf-8")
