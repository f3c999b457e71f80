"""
Nothing is assumed (issue 10, item 5): `settle` settles the years for which spending is
given, in order from the grant's first year; the later years are open.

Rules: domain.md §2 (SPUK GALA: the dated rules, 2024 carry-over open with default none,
the base of the 15% shifting open with default the source component). Awards: Zutphen's
Brede SPUK 2025 € 880.962 and 2026 € 750.105 (VWS letter 'Wijziging SPUK IZA en Brede
SPUK', 12 September 2025, annex 2A).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import FindingKind, FundingError, Grant, Money, UnknownNameError
from izafunding._files.grant import render_settle_file
from izafunding.errors import InputFileError, SchemeError
from izafunding.schemes import SPUK_GALA
from izafunding.strategies import grants, spending


KS, MG, VAL = "Kansrijke Start", "Mentale Gezondheid", "Valpreventie"


def _zutphen() -> Grant:
    return Grant.from_published(SPUK_GALA, "Zutphen", years=(2025, 2026))


def _gala_four_years() -> Grant:
    per_component = {KS: Money(100000), VAL: Money(100000)}
    return Grant(
        scheme=SPUK_GALA,
        recipient="X",
        awarded={2023: per_component, 2024: per_component, 2025: Money(200000), 2026: Money(200000)},
    )


class TestOpenYears:
    """Later years without spending are open: not settled, nothing repayable, a finding says so."""

    def test_2026_left_out_is_open(self) -> None:
        """Zutphen 2025 spent, 2026 not given: 2026 is open and repays nothing."""
        s = _zutphen().settle(spent={2025: Money(780962)})
        assert s.settled_years == (2025,)
        assert s.open_years == (2026,)
        # 2025: 10% of € 880.962 carries (€ 88.096,20), the other € 11.903,80 is repayable.
        assert s.pending == Money("88096.20")
        assert s.repayable == Money("11903.80")
        assert s.paid == Money(880962)
        (open_finding,) = [f for f in s.findings if f.kind is FindingKind.NOT_SETTLED]
        assert (open_finding.year, open_finding.repayable) == (2026, Money(0))
        assert open_finding.amount == Money(750105) + Money("88096.20")
        assert "no spending was given" in open_finding.message

    def test_findings_add_up_with_an_open_year(self) -> None:
        """The findings' repayable add up to the settlement's repayable."""
        s = _zutphen().settle(spent={2025: Money(780962)})
        assert sum((f.repayable for f in s.findings), Money(0)) == s.repayable

    def test_given_later_the_year_settles(self) -> None:
        """Once 2026 is given it settles as before (the class docstring's € 50.105)."""
        s = _zutphen().settle(spent={2025: Money(780962), 2026: Money(800000)})
        assert (s.open_years, s.repayable) == ((), Money(50105))

    def test_no_spending_at_all(self) -> None:
        """Nothing given: every award year is open and nothing is repayable."""
        s = _gala_four_years().settle(spent={})
        assert (s.years, s.open_years, s.repayable, s.paid) == (
            (),
            (2023, 2024, 2025, 2026),
            Money(0),
            Money(0),
        )
        assert [f.year for f in s.findings] == [2023, 2024, 2025, 2026]

    def test_an_open_year_asked(self) -> None:
        """Asking for an open year says it is not settled yet."""
        s = _zutphen().settle(spent={2025: Money(0)})
        with pytest.raises(UnknownNameError, match="2026 is not settled yet: no spending"):
            s.year(2026)

    def test_render_explain_and_html_name_the_years(self) -> None:
        """The text, the explanation and the HTML say which years are settled and which open."""
        s = _gala_four_years().settle(
            spent={2023: {KS: Money(100000), VAL: Money(100000)}, 2024: {}}
        )
        line = "Settled: 2023, 2024; not yet settled (no spending given): 2025, 2026"
        assert line in s.render()
        assert line in s.explain()
        assert line in s._repr_html_()


class TestGaps:
    """A year missing between two given years is an error naming it."""

    def test_gap_named(self) -> None:
        """2023 and 2025 given, 2024 not: the error names 2024."""
        spent: dict[int, Money | dict[str, Money]] = {2023: {KS: Money(1)}, 2025: Money(1)}
        with pytest.raises(SchemeError, match=r"no spending is given for 2024 \(given: 2023, 2025\)"):
            _gala_four_years().settle(spent=spent)

    def test_first_year_missing(self) -> None:
        """Years are settled from the grant's first year: leaving out 2023 names it."""
        with pytest.raises(FundingError, match="no spending is given for 2023 and 2024"):
            _gala_four_years().settle(spent={2025: Money(1)})


class TestYearKeys:
    """`spent` keys are ints; a numeric string is read as the year; other keys are refused."""

    def test_numeric_string(self) -> None:
        """"2025" (as JSON gives) is read as 2025."""
        assert _zutphen().settle(spent={"2025": Money(780962)}) == _zutphen().settle(  # type: ignore[dict-item]
            spent={2025: Money(780962)}
        )

    @pytest.mark.parametrize("key", ["twenty", "2025 ", "٢٠٢٥", "2025.0", True, 2025.0, None])
    def test_refused(self, key: object) -> None:
        """Other strings (ASCII digits only), bools, floats and None are refused, saying why."""
        with pytest.raises(SchemeError, match="is not a year: give the year as a number"):
            _zutphen().settle(spent={key: Money(1)})  # type: ignore[dict-item]

    def test_twice(self) -> None:
        """2025 and "2025" together are one year given twice."""
        with pytest.raises(SchemeError, match="2025 is given twice"):
            _zutphen().settle(spent={2025: Money(1), "2025": Money(1)})  # type: ignore[dict-item]


class TestDefaultsSaySo:
    """A finding resting on a default for an open rule says so and how to change it."""

    def test_gala_2024_carry_over(self) -> None:
        """GALA 2024 has no carry-over rule found (default none): the finding says it is a default."""
        s = _gala_four_years().settle(
            spent={2023: {KS: Money(100000), VAL: Money(100000)}, 2024: {KS: Money(50000)}}
        )
        found = [f for f in s.findings if f.year == 2024 and f.kind is FindingKind.NO_CARRY_OVER]
        assert found
        for f in found:
            assert "rests on a default for an open carry-over rule" in f.message
            assert "scheme.with_rule(CarryOver(share=..., years=2024" in f.message

    def test_gala_shift_base(self) -> None:
        """A 2023 overspend rests on the shift base default: the finding names ShiftBase."""
        grant = Grant(
            scheme=SPUK_GALA,
            recipient="X",
            awarded={2023: {KS: Money(100000), MG: Money(100000), VAL: Money(100000)}},
        )
        s = grant.settle(spent={2023: {KS: Money(100000), MG: Money(70000), VAL: Money(150000)}})
        (f,) = [f for f in s.findings if f.kind is FindingKind.OVERSPEND]
        assert "rests on a default for an open shifting rule" in f.message
        assert "base=ShiftBase.TARGET_COMPONENT" in f.message
        (limit,) = [f for f in s.findings if f.kind is FindingKind.SHIFT_LIMIT]
        assert "default" in limit.message

    def test_settled_rule_says_nothing(self) -> None:
        """The 2025 carry-over (a published 10%) is no default: its finding does not say so."""
        s = _zutphen().settle(spent={2025: Money(0)})
        (f,) = [f for f in s.findings if f.kind is FindingKind.CARRY_LIMIT]
        assert "default" not in f.message


class TestSettleCommand:
    """`izafunding settle FILE` prints which years it settled and which are still open."""

    FILE = """\
scheme = "SPUK GALA"
recipient = "Zutphen"
awarded = "published"

[spent]
2025 = "€ 780.962"
"""

    def test_prints_open_years(self) -> None:
        """The 2025/2026 published grant with only 2025 spent: 2026 is open."""
        text = render_settle_file(self.FILE, "g.toml")
        assert "Settled: 2025; not yet settled (no spending given): 2026" in text
        assert "to repay € 11.903,80" in text

    def test_gap_in_the_file(self) -> None:
        """A file that gives 2026 but not 2025 names 2025, once prefixed with the file."""
        text = self.FILE.replace("2025 =", "2026 =")
        with pytest.raises(InputFileError, match=r"^g\.toml: spent: no spending is given for 2025"):
            render_settle_file(text, "g.toml")


class TestProperties:
    """Laws for a settlement of the first years of a grant."""

    @given(st.data())
    def test_prefix_adds_up(self, data: st.DataObject) -> None:
        """Settling only the first k years: findings add up, open years repay nothing."""
        grant = data.draw(grants())
        spent = data.draw(spending(grant))
        keep = data.draw(st.integers(0, len(spent)))
        given_years = dict(list(spent.items())[:keep])
        s = grant.settle(given_years)
        assert s.settled_years == tuple(given_years)
        assert not set(s.open_years) & set(s.settled_years)
        assert sum((f.repayable for f in s.findings), Money(0)) == s.repayable
        assert Money(0) <= s.repayable <= s.paid
        assert s.awarded == s.eligible + s.unspent + s.pending
