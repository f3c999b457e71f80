"""
Seed 001: Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024), appendix
"Verdeling kosten gemeenten zonder ZonMw subsidie en bij voortzetting alle activiteiten":
the shares rounded half-up add up to € 261.999 and € 461.999 against the stated
€ 262.000 and € 462.000. The library reports the hidden euro as findings.
"""

from __future__ import annotations

from izafunding import FindingKind, Money
from izafunding.examples import ijssel_vecht


class TestHiddenEuro:
    """The € 1 residue is a Finding reachable from izafunding.examples."""

    def test_two_residues(self) -> None:
        """Both the column by inhabitants and the totals column miss € 1."""
        found = ijssel_vecht.findings()
        assert [f.kind for f in found] == [FindingKind.RESIDUE, FindingKind.RESIDUE]
        assert [f.amount for f in found] == [Money(1), Money(1)]
        assert "€ 261.999" in found[0].message
        assert "€ 262.000" in found[0].message
        assert "€ 461.999" in found[1].message
        assert "€ 462.000" in found[1].message
        assert all("Memo SPUK IZA 2025" in f.source for f in found)
        assert all(f.repayable == Money(0) for f in found)
