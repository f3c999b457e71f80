"""
Tests of grants (beschikkingen): construction, validation and the published amounts.

Sources: domain.md §2; VWS letter 'Wijziging SPUK IZA en Brede SPUK' (12 September
2025, ref. 4190863-1084972-DMO), annexes 2A and 2B; Raadsmededeling 2023-918
SPUK-IZA 2023, Deventer (17 October 2023).
"""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

from izafunding import (
    FloatNotAllowedError,
    FundingError,
    Grant,
    Money,
    SchemeError,
    UnknownNameError,
)
from izafunding.schemes import SPUK_GALA, SPUK_IZA, SPUK_TRANSFORMATION


class TestConstruction:
    """A grant holds a scheme, a recipient and the awards per year."""

    def test_api_md_example(self) -> None:
        """The example of API.md works."""
        grant = Grant(scheme=SPUK_IZA, recipient="Midden-IJssel", awarded={2023: Money(1438963)})
        assert grant.awarded == {2023: Money(1438963)}
        assert grant.total == Money(1438963)
        assert grant.years == (2023,)

    def test_default_advances(self) -> None:
        """Advances default to 100% of the award (the scheme's advance rule)."""
        grant = Grant(
            scheme=SPUK_GALA,
            recipient="Zutphen",
            awarded={2023: {"Kansrijke Start": Money(10), "Valpreventie": Money(5)}},
        )
        assert grant.advances == {2023: Money(15)}
        assert grant.paid == Money(15)

    def test_components_in_scheme_order(self) -> None:
        """Components are kept in the scheme's order, whatever the input order."""
        grant = Grant(
            scheme=SPUK_GALA,
            recipient="Zutphen",
            awarded={2023: {"Valpreventie": Money(5), "Lokaal Sportakkoord": Money(1)}},
        )
        assert list(grant.awarded[2023]) == ["Lokaal Sportakkoord", "Valpreventie"]  # type: ignore[arg-type]

    def test_components_in_year_without_walls(self) -> None:
        """From 2025 a year may still be given per component; it counts as one budget."""
        grant = Grant(
            scheme=SPUK_GALA,
            recipient="Zutphen",
            awarded={2025: {"Kansrijke Start": Money(10), "Valpreventie": Money(5)}},
        )
        assert grant.awarded_in(2025) == Money(15)

    def test_value_semantics(self) -> None:
        """Grants compare and hash by value, and pickle."""
        a = Grant(scheme=SPUK_IZA, recipient="X", awarded={2024: Money(1), 2023: Money(2)})
        b = Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(2), 2024: Money(1)})
        assert a == b
        assert hash(a) == hash(b)
        assert list(a.awarded) == [2023, 2024]
        assert pickle.loads(pickle.dumps(a)) == a

    def test_awarded_in_year_without_award(self) -> None:
        """A year of the period without award has zero."""
        grant = Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(2)})
        assert grant.awarded_in(2025) == Money(0)


class TestBadInput:
    """Bad input is refused with a message that says what is valid."""

    def test_year_outside_period(self) -> None:
        """A year outside the period names the period."""
        with pytest.raises(SchemeError, match="grant period is 2023-01-01 t/m 2026-12-31"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2027: Money(1)})

    def test_single_amount_in_year_with_walls(self) -> None:
        """GALA 2023 needs an amount per component."""
        with pytest.raises(SchemeError, match="walls between components"):
            Grant(scheme=SPUK_GALA, recipient="X", awarded={2023: Money(1)})

    def test_components_for_scheme_without(self) -> None:
        """SPUK-IZA has no components."""
        with pytest.raises(SchemeError, match="has no components"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: {"a": Money(1)}})

    def test_unknown_component(self) -> None:
        """An unknown component suggests the closest."""
        with pytest.raises(UnknownNameError, match="did you mean 'Kansrijke Start'"):
            Grant(scheme=SPUK_GALA, recipient="X", awarded={2023: {"Kansrijke start": Money(1)}})

    @pytest.mark.parametrize("amount", [1438963, "1438963", Decimal(1), None])
    def test_not_money(self, amount: object) -> None:
        """Amounts must be Money."""
        with pytest.raises(SchemeError, match="expected a Money"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: amount})  # type: ignore[dict-item]

    def test_float(self) -> None:
        """A float is refused as a TypeError."""
        with pytest.raises(FloatNotAllowedError, match=r"awarded\[2023\]: 1\.5 is a float; use Money such as"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: 1.5})  # type: ignore[dict-item]

    def test_negative(self) -> None:
        """A negative award is refused."""
        with pytest.raises(SchemeError, match="negative"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(-1)})

    def test_empty(self) -> None:
        """A grant needs at least one year."""
        with pytest.raises(SchemeError, match="at least one year"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={})

    @pytest.mark.parametrize("awarded", [Money(1), [(2023, Money(1))], None])
    def test_not_a_mapping(self, awarded: object) -> None:
        """Awards must be a mapping by year."""
        with pytest.raises(SchemeError, match="mapping year"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded=awarded)  # type: ignore[arg-type]

    def test_year_as_text(self) -> None:
        """A year written as text is refused."""
        with pytest.raises(SchemeError, match="no rules for '2023'"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={"2023": Money(1)})  # type: ignore[dict-item]

    @pytest.mark.parametrize("recipient", ["", "  ", None])
    def test_recipient(self, recipient: object) -> None:
        """A recipient must be named."""
        with pytest.raises(SchemeError, match="recipient"):
            Grant(scheme=SPUK_IZA, recipient=recipient, awarded={2023: Money(1)})  # type: ignore[arg-type]

    def test_scheme(self) -> None:
        """The scheme must be a Scheme."""
        with pytest.raises(SchemeError, match="SPUK_IZA"):
            Grant(scheme="SPUK IZA", recipient="X", awarded={2023: Money(1)})  # type: ignore[arg-type]

    def test_advances(self) -> None:
        """Advances must be Money in years of the period."""
        with pytest.raises(SchemeError, match=r"SPUK IZA has no rules for 2030: its grant period"):
            Grant(
                scheme=SPUK_IZA, recipient="X", awarded={2023: Money(1)}, advances={2030: Money(1)}
            )
        with pytest.raises(SchemeError, match=r"advances\[2023\]: expected a Money such as"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(1)}, advances={2023: 1})  # type: ignore[dict-item]
        with pytest.raises(SchemeError, match=r"advances must be a mapping year \-> Money \(got"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(1)}, advances=Money(1))  # type: ignore[arg-type]

    def test_errors_are_funding_errors(self) -> None:
        """Every error here is a FundingError."""
        with pytest.raises(FundingError, match=r"SPUK IZA has no rules for 2022: its grant period"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2022: Money(1)})


class TestFromPublished:
    """Grants straight from the national tables of the VWS letter of 12 September 2025."""

    def test_gala_zutphen(self) -> None:
        """Zutphen's Brede SPUK for 2025 and 2026."""
        grant = Grant.from_published(SPUK_GALA, "Zutphen", years=(2025, 2026))
        assert grant.awarded == {2025: Money(880962), 2026: Money(750105)}
        assert grant.recipient == "Zutphen"
        assert grant.applicant is None
        assert "annex 2A" in grant.source

    def test_iza_region(self) -> None:
        """A region's SPUK-IZA, with its mandated municipality as applicant."""
        grant = Grant.from_published(SPUK_IZA, "midden-ijssel", years=(2025,))
        assert grant.recipient == "Midden-IJssel"
        assert grant.awarded == {2025: Money(1438963)}
        assert grant.applicant == "Deventer"

    def test_default_years(self) -> None:
        """Without years, both published years."""
        assert Grant.from_published(SPUK_IZA, "IJssel-Vecht").awarded == {
            2025: Money(3023765),
            2026: Money(3242094),
        }

    def test_unknown_name(self) -> None:
        """An unknown name suggests the closest."""
        with pytest.raises(UnknownNameError, match="did you mean 'Zutphen'"):
            Grant.from_published(SPUK_GALA, "Zutfen")

    def test_unpublished_year(self) -> None:
        """2023 is not in the tables: the error lists the years."""
        with pytest.raises(UnknownNameError, match="years: 2025, 2026"):
            Grant.from_published(SPUK_IZA, "Midden-IJssel", years=(2023,))

    def test_no_table(self) -> None:
        """The transformation funds have no published table."""
        with pytest.raises(SchemeError, match="no published table"):
            Grant.from_published(SPUK_TRANSFORMATION, "Zutphen")

    def test_no_years(self) -> None:
        """An empty choice of years is refused."""
        with pytest.raises(SchemeError, match="at least one"):
            Grant.from_published(SPUK_GALA, "Zutphen", years=())
