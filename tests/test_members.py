"""A region's members: transfers, their accounting, and the settlement between them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import (
    Equal,
    FundingError,
    Grant,
    Money,
    OverspendRule,
    ProRata,
    RegionAgreement,
    SchemeError,
    UnknownNameError,
)
from izafunding.schemes import SPUK_IZA


MEMBERS = ("Raalte", "Voorst", "Olst-Wijhe")


def _grant(award: int) -> Grant:
    return Grant(
        scheme=SPUK_IZA,
        recipient="Midden-IJssel",
        awarded={2023: Money.from_cents(award)},
        applicant="Deventer",
    )


@st.composite
def regions(draw: st.DrawFn) -> tuple[int, dict[str, Money], dict[str, Money], RegionAgreement]:
    award = draw(st.integers(0, 10**9))
    left = award
    transferred: dict[str, Money] = {}
    for m in MEMBERS:
        part = draw(st.integers(0, left))
        left -= part
        transferred[m] = Money.from_cents(part)
    if draw(st.booleans()):
        transferred["Deventer"] = Money.from_cents(draw(st.integers(0, left)))
    spent = {
        m: Money.from_cents(draw(st.integers(0, 10**9)))
        for m in ("Deventer", *MEMBERS)
        if draw(st.booleans())
    }
    key = draw(
        st.sampled_from(
            [
                None,
                Equal(["Deventer", *MEMBERS]),
                ProRata({"Deventer": 101236, "Raalte": 38265, "Voorst": 24696, "Olst-Wijhe": 18120}),
            ]
        )
    )
    rule = draw(st.sampled_from(list(OverspendRule)))
    return award, transferred, spent, RegionAgreement(overspend=rule, repayment_key=key)


class TestConservation:
    @given(regions())
    def test_money_is_conserved_to_the_cent(
        self, case: tuple[int, dict[str, Money], dict[str, Money], RegionAgreement]
    ) -> None:
        """Every cent of the award is charged, returned, kept or never allocated; the parts of the repayment add up."""
        award, transferred, spent, agreement = case
        s = _grant(award).settle(
            spent={2023: spent}, transferred={2023: transferred}, agreement=agreement
        )
        book = s.members(2023)
        accounts = list(book.values())
        total = sum((a.charged + a.returned + a.kept for a in accounts), Money(0))
        assert total + book.not_allocated == Money.from_cents(award)
        for a in accounts:
            assert a.transferred == a.charged + a.returned + a.kept
            assert a.spent == a.charged + a.overspend
            assert a.overspend >= Money(0)
        assert book.repayable == sum(book.make_up().values(), Money(0))
        assert book.repayable == s.year(2023).repayable == s.repayable
        assert book.spent == s.year(2023).spent == s.eligible
        # The mandated municipality's cash: award, less what it passed on, plus what came
        # back, less the repayment, is what it charged and kept of its own part.
        own = book.own
        cash = Money.from_cents(award) - book.transferred + book.returned_by_members - s.repayable
        assert cash == own.charged + own.kept
        sisa = s.sisa(2023)
        assert sisa.total("iza.region") == sisa.total("iza.member") + sisa.total("iza.own")
        assert sisa.total("iza.region") == s.year(2023).spent

    @given(regions())
    def test_own_rule_never_charges_more_than_given(
        self, case: tuple[int, dict[str, Money], dict[str, Money], RegionAgreement]
    ) -> None:
        """By default an overspend stays the municipality's own money: nobody is charged more than it got."""
        award, transferred, spent, agreement = case
        agreement = RegionAgreement(repayment_key=agreement.repayment_key)
        book = (
            _grant(award)
            .settle(spent={2023: spent}, transferred={2023: transferred}, agreement=agreement)
            .members(2023)
        )
        for a in book.values():
            assert a.charged == min(a.spent, a.transferred)


class TestMembers:
    def _settle(self, **kw: object) -> object:
        return _grant(100000000).settle(
            spent={2023: {"Deventer": Money(400000), "Raalte": Money(120000), "Voorst": Money(80000)}},
            transferred={2023: {"Raalte": Money(100000), "Voorst": Money(100000)}},
            **kw,  # type: ignore[arg-type]
        )

    def test_underspend_repayable_though_another_overspent(self) -> None:
        """SPUK-IZA: Voorst's € 20.000 unspent is repayable although Raalte overspent € 20.000."""
        s = _grant(100000000).settle(
            spent={2023: {"Deventer": Money(800000), "Raalte": Money(120000), "Voorst": Money(80000)}},
            transferred={2023: {"Raalte": Money(100000), "Voorst": Money(100000)}},
        )
        book = s.members(2023)
        assert s.repayable == Money(20000)
        assert book["Voorst"].returned == Money(20000)
        assert book["Raalte"].returned == Money(0)
        assert book["Raalte"].overspend == Money(20000)
        assert book["Deventer"].transferred == Money(800000)
        assert [f.amount for f in book.findings] == [Money(20000)]

    def test_pooled_overspend_is_covered(self) -> None:
        """Where the region agreed, Raalte's overspend is covered from Voorst's unspent money."""
        s = _grant(100000000).settle(
            spent={2023: {"Deventer": Money(800000), "Raalte": Money(120000), "Voorst": Money(80000)}},
            transferred={2023: {"Raalte": Money(100000), "Voorst": Money(100000)}},
            agreement=RegionAgreement(overspend=OverspendRule.POOLED),
        )
        book = s.members(2023)
        assert s.repayable == Money(0)
        assert book["Raalte"].returned == Money(-20000)
        assert book["Voorst"].returned == Money(20000)

    def test_pooled_cover_is_pro_rata_when_short(self) -> None:
        """Overspends larger than the unspent money are covered in proportion to the overspends."""
        s = _grant(30000000).settle(
            spent={2023: {"Deventer": Money(0), "Raalte": Money(200000), "Voorst": Money(300000)}},
            transferred={2023: {"Raalte": Money(100000), "Voorst": Money(100000), "Deventer": Money(100000)}},
            agreement=RegionAgreement(overspend=OverspendRule.POOLED),
        )
        book = s.members(2023)
        assert book["Raalte"].charged == Money("133333.33")
        assert book["Voorst"].charged == Money("166666.67")
        assert s.repayable == Money(0)

    def test_repayment_shared_by_inhabitants(self) -> None:
        """The repayment of allocated money shared by inhabitants; money never allocated repaid as it is."""
        key = ProRata({"Deventer": 3, "Raalte": 1})
        s = _grant(50000000).settle(
            spent={2023: {"Deventer": Money(200000), "Raalte": Money(100000)}},
            transferred={2023: {"Raalte": Money(100000), "Deventer": Money(360000)}},
            agreement=RegionAgreement(repayment_key=key),
        )
        book = s.members(2023)
        assert book.not_allocated == Money(40000)
        assert book["Deventer"].returned == Money(120000)
        assert book["Raalte"].returned == Money(40000)
        assert book["Raalte"].kept == Money(-40000)
        assert s.repayable == Money(200000)

    def test_plain_money_still_works(self) -> None:
        """A plain Money per year settles as before, without members."""
        s = _grant(143896300).settle(spent={2023: Money(1295300)})
        assert s.repayable == Money(143663)
        with pytest.raises(UnknownNameError, match="not settled per municipality"):
            s.members(2023)


class TestErrors:
    def test_spending_member_that_received_nothing(self) -> None:
        """A municipality that spent but received nothing is named, with the closest name."""
        with pytest.raises(UnknownNameError, match=r"'Olst Wijhe'.*did you mean 'Olst-Wijhe'"):
            _grant(100000000).settle(
                spent={2023: {"Olst Wijhe": Money(1)}},
                transferred={2023: {"Olst-Wijhe": Money(1)}},
            )

    def test_more_passed_on_than_available(self) -> None:
        """Passing on more than the award is refused."""
        with pytest.raises(SchemeError, match=r"more than the € 1\.000,00 available"):
            _grant(100000).settle(
                spent={2023: {"Raalte": Money(1)}}, transferred={2023: {"Raalte": Money(2000)}}
            )

    def test_no_mandated_municipality(self) -> None:
        """Settling per member needs the mandated municipality."""
        grant = Grant(scheme=SPUK_IZA, recipient="Midden-IJssel", awarded={2023: Money(1)})
        with pytest.raises(SchemeError, match="names no mandated municipality"):
            grant.settle(spent={2023: {"Deventer": Money(1)}})

    def test_transfers_without_spending_per_member(self) -> None:
        """Transfers need the year's spending per municipality."""
        with pytest.raises(SchemeError, match=r"spent\[2023\] is not given per municipality"):
            _grant(100).settle(spent={2023: Money(1)}, transferred={2023: {"Raalte": Money(1)}})

    def test_float_and_negative(self) -> None:
        """Floats and negative amounts are refused with the place named."""
        with pytest.raises(FundingError, match=r"transferred\[2023\]\['Raalte'\].*float"):
            _grant(100).settle(
                spent={2023: {"Raalte": Money(1)}},
                transferred={2023: {"Raalte": 1.5}},  # type: ignore[dict-item]
            )
        with pytest.raises(SchemeError, match="must not be negative"):
            _grant(100).settle(
                spent={2023: {"Raalte": Money(-1)}}, transferred={2023: {"Raalte": Money(1)}}
            )

    def test_bad_agreement(self) -> None:
        """A bad agreement or key is refused."""
        with pytest.raises(SchemeError, match="must be a RegionAgreement"):
            _grant(100).settle(spent={2023: Money(1)}, agreement="equal")  # type: ignore[arg-type]
        with pytest.raises(SchemeError, match="'repayment_key' must be an allocation key"):
            RegionAgreement(repayment_key="equal")  # type: ignore[arg-type]
        with pytest.raises(SchemeError, match="'overspend' must be"):
            RegionAgreement(overspend="own")  # type: ignore[arg-type]

    def test_unknown_account(self) -> None:
        """Asking for a municipality without an account names the accounts."""
        s = _grant(100).settle(spent={2023: {"Deventer": Money(1)}})
        with pytest.raises(UnknownNameError, match="did you mean 'Deventer'"):
            s.members(2023)["Deventr"]
