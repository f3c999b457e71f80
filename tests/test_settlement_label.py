"""
A provisional scheme says so in every settlement output (issue 10): the header of
`render()`, `explain()`, the HTML caption and the repr use `scheme.label`.

Scheme: the SPUK AZWA 2027-2029, provisional (VWS letter to the VNG, 22 April 2026).
"""

from __future__ import annotations

from izafunding import Grant, Money
from izafunding.schemes import SPUK_AZWA, SPUK_GALA


class TestLabel:
    """Every settlement output names the scheme by its label."""

    def test_provisional_everywhere(self) -> None:
        """An AZWA settlement says 'provisional' in the header, explain, HTML and repr."""
        grant = Grant(scheme=SPUK_AZWA, recipient="Zutphen", awarded={2027: Money(655292)})
        s = grant.settle(spent={2027: Money(600000)})
        label = SPUK_AZWA.label
        assert "provisional" in label
        assert s.render().splitlines()[0].startswith(f"{label}: settlement for Zutphen")
        assert s.explain()[0] == f"Settlement of {label} for Zutphen"
        assert f"<caption>{label}: settlement" in s._repr_html_()
        assert label in repr(s)

    def test_published_scheme_unchanged(self) -> None:
        """A published scheme's label is its name."""
        grant = Grant.from_published(SPUK_GALA, "Zutphen", years=(2025,))
        s = grant.settle(spent={2025: Money(0)})
        assert s.render().splitlines()[0] == "SPUK GALA: settlement for Zutphen"
