"""
Tests of the funding overview and of `izafunding award NAME --year 2027` / `izafunding overview`.

Zutphen's Brede SPUK: € 880.962 (2025) and € 750.105 (2026), VWS letter of 12 September 2025,
ref. 4190863-1084972-DMO, annex 2A; its SPUK AZWA 2027 local part is an estimate (VWS letter to
the VNG of 22 April 2026, kenmerk 1097348-DMO). Seed 002: Zutphen's social-domain budget 2025
€ 167.587.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from izafunding import Money, data
from izafunding._azwa import FigureKind
from izafunding._overview import funding_overview
from izafunding._overview_file import OVERVIEW_TOML, parse_overview_toml, render_overview
from izafunding.cli import main
from izafunding.errors import InputFileError, SchemeError, UnknownNameError


GALA = "SPUK GALA (Brede SPUK)"


class TestOverview:
    def test_zutphen_published_beside_estimate(self) -> None:
        """Zutphen: published 2025 and 2026 Brede SPUK beside its 2027 AZWA estimate."""
        o = funding_overview("Zutphen")
        f25 = o.figure(GALA, "awarded", 2025)
        f26 = o.figure(GALA, "awarded", 2026)
        f27 = o.figure("SPUK AZWA", "local part", 2027)
        assert f25 is not None
        assert f26 is not None
        assert f27 is not None
        assert (f25.amount, f26.amount) == (Money(880962), Money(750105))
        assert f25.kind is FigureKind.PUBLISHED
        assert f27.kind is FigureKind.ESTIMATED
        assert f27.amount == data.azwa_estimate("Zutphen", 2027).amount
        text = o.render()
        assert "€ 880.962 P" in text
        assert "€ 750.105 P" in text
        assert "€ 655.292 E*" in text
        assert o.totals()[2026] == Money(750105)

    def test_every_azwa_figure_provisional(self) -> None:
        """Every SPUK AZWA figure is provisional, in the values, the rows, the text and the HTML."""
        o = funding_overview("Deventer")
        azwa = [f for f in o.figures if f.scheme == "SPUK AZWA"]
        assert len(azwa) == 6
        assert all(f.provisional for f in azwa)
        assert all("provisional" in str(f) for f in azwa)
        rows = [r for r in o.to_rows() if r["scheme"] == "SPUK AZWA"]
        assert all(r["provisional"] for r in rows)
        assert "provisional" in o.render()
        assert "provisional" in o._repr_html_()

    def test_mandated_region_not_in_total(self) -> None:
        """Deventer's region money (SPUK-IZA, AZWA regional) is shown but not added to its total."""
        o = funding_overview("Deventer")
        assert o.figure("SPUK IZA", "awarded to the region Midden-IJssel (mandated; not in total)", 2025)
        assert o.total(2025) == data.brede_spuk_awards(2025)["Deventer"]
        assert o.total(2029) == data.azwa_estimate("Deventer", 2029).amount

    def test_loaded_azwa_and_split(self) -> None:
        """A loaded AZWA amount is published; a given SPUK-IZA share counts in the total."""
        table = data.read_award_table("name,amount\nZutphen,700000\n", year=2027)
        o = funding_overview(
            "Zutphen", azwa_published={2027: table}, iza_share={2025: Money(120000)}
        )
        f27 = o.figure("SPUK AZWA", "local part", 2027)
        assert f27 is not None
        assert f27.kind is FigureKind.PUBLISHED
        assert f27.amount == Money(700000)
        assert o.total(2025) == Money(880962 + 120000)
        with pytest.raises(SchemeError, match="must be a Money or an Allocation"):
            funding_overview("Zutphen", iza_share={2025: 5})  # type: ignore[dict-item]

    def test_settlement_and_transformation(self) -> None:
        """A settlement's spent, carried and repayable are computed figures, not in the total."""
        from izafunding import Grant
        from izafunding.schemes import SPUK_AZWA

        grant = Grant(scheme=SPUK_AZWA, recipient="Zutphen", awarded={2027: Money(655292)})
        o = funding_overview("Zutphen", settlements=[grant.settle({2027: Money(600000)})])
        rep = o.figure("SPUK AZWA (provisional: not yet a published regulation)", "repayable (not in total)", 2027)
        assert rep is not None
        assert rep.amount == Money(55292)
        assert rep.provisional
        assert rep.kind is FigureKind.COMPUTED
        assert o.total(2027) == data.azwa_estimate("Zutphen", 2027).amount

    def test_unknown_municipality(self) -> None:
        """An unknown name suggests the closest."""
        with pytest.raises(UnknownNameError, match="did you mean 'Zutphen'"):
            funding_overview("Zutfen")


class TestOverviewFile:
    def test_file(self) -> None:
        """The template's figures are added as given; 2023/2024 awards fill the GALA row."""
        text = render_overview("Zutphen", OVERVIEW_TOML, "o.toml")
        assert "€ 1.059.000 G" in text
        assert "€ 167.587 G" in text
        assert "€ 1.168.549" in text

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("[spent]\n2025 = 1\n", "unknown table"),
            ("[gala]\n2022 = 1\n", "year from 2023 to 2029"),
            ("[gala]\n2023 = 1.5\n", "is a float"),
            ("gala = 5\n", "must be a table"),
        ],
    )
    def test_bad_files(self, text: str, message: str) -> None:
        """A bad overview file is an InputFileError naming the field."""
        with pytest.raises(InputFileError, match=message):
            parse_overview_toml(text, "o.toml")


class TestCommandLine:
    def test_award_2027(self, capsys: pytest.CaptureFixture[str]) -> None:
        """award NAME --year 2027 prints the estimate, labelled as one, with its method."""
        assert main(["award", "Zutphen", "--year", "2027"]) == 0
        out = capsys.readouterr().out
        assert "€ 655.292" in out
        assert "ESTIMATE, not an award" in out
        assert "provisional" in out
        assert "2026 Brede SPUK amounts" in out

    def test_award_region_2029(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A mandated municipality also gets its region's regional-part estimate."""
        assert main(["award", "Deventer", "--year", "2029"]) == 0
        out = capsys.readouterr().out
        assert "Midden-IJssel (region, to its mandated municipality)" in out
        assert "€ 1.701.831" in out

    def test_award_2025_unchanged(self, capsys: pytest.CaptureFixture[str]) -> None:
        """award for 2025 still prints the published amount."""
        assert main(["award", "Zutphen", "--year", "2025"]) == 0
        assert "€ 880.962" in capsys.readouterr().out

    def test_overview(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """overview NAME and overview NAME FILE.toml print the overview."""
        assert main(["overview", "Zutphen"]) == 0
        assert "€ 880.962 P" in capsys.readouterr().out
        path = tmp_path / "o.toml"
        path.write_text(OVERVIEW_TOML, encoding="utf-8")
        assert main(["overview", "Zutphen", str(path)]) == 0
        assert "€ 1.059.000 G" in capsys.readouterr().out
        assert main(["overview", "--template"]) == 0
        assert "[iza_share]" in capsys.readouterr().out

    def test_overview_errors(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing name or unknown municipality is one error line, exit code 2."""
        assert main(["overview"]) == 2
        assert "give a municipality" in capsys.readouterr().err
        assert main(["overview", "Zutfen"]) == 2
        assert "did you mean 'Zutphen'" in capsys.readouterr().err
