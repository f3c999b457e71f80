"""
Tests of grant files (TOML) and the commands ``izafunding settle`` and ``izafunding award``.

Sources: Raadsmededeling 2023-918, Deventer (17 October 2023, seed 000) for the template;
VWS letter 'Wijziging SPUK IZA en Brede SPUK' (12 September 2025, ref.
4190863-1084972-DMO), annexes 2A and 2B, for the awards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from izafunding import InputFileError, Money, UnknownNameError
from izafunding._files.grant import EXAMPLE_TOML, parse_grant_toml, render_award, render_settle_file
from izafunding.cli import main


GALA = """\
scheme = "SPUK GALA"
recipient = "Zutphen"

[awarded.2023]
"Kansrijke Start" = "€ 100.000"
"Valpreventie" = 100000

[spent.2023]
"Kansrijke Start" = "€ 120.000,00"
Valpreventie = "€ 70.000,-"
"""


class TestParse:
    """Grant files are read with Dutch amounts; errors name the line and the field."""

    def test_template(self) -> None:
        """The template reads as the Midden-IJssel grant."""
        grant, spent = parse_grant_toml(EXAMPLE_TOML, "g.toml")
        assert grant.awarded == {2023: Money(1438963)}
        assert grant.applicant == "Deventer"
        assert spent == {2023: Money(1295300)}

    def test_components(self) -> None:
        """GALA 2023 per component, in Dutch notation or whole euros."""
        grant, spent = parse_grant_toml(GALA, "g.toml")
        assert grant.awarded_in(2023) == Money(200000)
        assert spent == {2023: {"Kansrijke Start": Money(120000), "Valpreventie": Money(70000)}}

    def test_published(self) -> None:
        """awarded = "published" takes the national tables."""
        text = 'scheme = "Brede SPUK"\nrecipient = "Zutphen"\nawarded = "published"\n[spent]\n2025 = 1\n'
        grant, _ = parse_grant_toml(text, "g.toml")
        assert grant.awarded == {2025: Money(880962), 2026: Money(750105)}

    def test_published_keeps_advances_applicant_and_source(self) -> None:
        """With awarded = "published", the file's advances, applicant and source still count,
        so a settlement never repays more than was paid."""
        text = (
            'scheme = "SPUK GALA"\nrecipient = "Zutphen"\napplicant = "Zutphen"\n'
            'source = "beschikking 2025"\nawarded = "published"\n'
            '[advances]\n2025 = "€ 1"\n[spent]\n2025 = "€ 50"\n'
        )
        grant, spent = parse_grant_toml(text, "g.toml")
        assert grant.paid == Money(1)
        assert grant.applicant == "Zutphen"
        assert grant.source == "beschikking 2025"
        settlement = grant.settle(spent)
        assert settlement.repayable == Money(0)
        assert settlement.still_to_pay == Money(49)

    @pytest.mark.parametrize(
        ("text", "match"),
        [
            (
                EXAMPLE_TOML.replace("€ 1.295.300", "€ 1,295,300"),
                r"g.toml: line 18, spent.2023: cannot read",
            ),
            (
                EXAMPLE_TOML.replace('2023 = "€ 1.295.300"', "2023 = 1295300.5"),
                r"line 18, spent.2023: .*float",
            ),
            (
                EXAMPLE_TOML.replace('2023 = "€ 1.295.300"', '2027 = "€ 1"'),
                r"line 18, spent.2027: .*grant period",
            ),
            (
                EXAMPLE_TOML.replace('2023 = "€ 1.295.300"', 'twenty = "€ 1"'),
                r"line 18, spent.twenty: expected a year",
            ),
            (
                EXAMPLE_TOML.replace('2023 = "€ 1.295.300"', '2023 = "-€ 1"'),
                r"line 18, spent.2023: must not be negative",
            ),
            (
                EXAMPLE_TOML.replace('"SPUK IZA"  ', '"WMO"      '),
                r"line 3, scheme: no scheme called 'WMO'",
            ),
            (EXAMPLE_TOML.replace("recipient", "recipent"), r"line 4, recipent: unknown field"),
            (EXAMPLE_TOML.replace("[awarded]", "[awards]"), r"line 7, awards: unknown field"),
            (
                EXAMPLE_TOML.replace('[spent]\n2023 = "€ 1.295.300"\n', ""),
                r"g.toml: spent: missing",
            ),
            (
                GALA.replace(
                    '[awarded.2023]\n"Kansrijke Start" = "€ 100.000"\n"Valpreventie" = 100000',
                    "[awarded]\n2023 = 1",
                ),
                r"line 5, awarded.2023: in 2023 SPUK GALA has walls",
            ),
            (
                GALA.replace('"Valpreventie" = 100000', '"Valpreventi" = 100000'),
                r'line 6, awarded.2023.Valpreventi: .*did you mean \'Valpreventie\'',
            ),
            (
                'scheme = "SPUK IZA"\nrecipient = "X"\n[awarded.2023]\na = 1\n[spent]\n',
                r"awarded.2023: SPUK IZA takes one amount",
            ),
            (
                'scheme = "SPUK IZA"\nrecipient = "X"\nawarded = 5\n[spent]\n',
                r"line 3, awarded: must be a table",
            ),
            (
                'scheme = "SPUK IZA"\nrecipient = "X"\n[awarded]\n[spent]\n',
                r"awarded: must name at least one year",
            ),
            (
                'scheme = "SPUK IZA"\nrecipient = "Nowhere"\nawarded = "published"\n[spent]\n',
                r"line 3, awarded: 'Nowhere' is not a region",
            ),
            ("scheme = 'SPUK IZA'\n[[", r"g.toml: not valid TOML"),
            ("recipient = 'X'", r"g.toml: scheme: missing"),
        ],
    )
    def test_errors(self, text: str, match: str) -> None:
        """A malformed file gets an error naming the file, the line and the field."""
        with pytest.raises(InputFileError, match=match):
            parse_grant_toml(text, "g.toml")


class TestSettleText:
    """The text of `izafunding settle`."""

    def test_gala(self) -> None:
        """A GALA 2023 grant is settled with shifting and carry-over."""
        text = render_settle_file(GALA, "g.toml", explain=True)
        assert "€ 15.000,00" in text
        assert "How it was computed" in text
        assert "overspend" in text


class TestAward:
    """The text of `izafunding award`."""

    def test_municipality(self) -> None:
        """A municipality's GALA amounts."""
        assert "2026  € 750.105" in render_award("zutphen")

    def test_mandated(self) -> None:
        """A mandated municipality also shows its region."""
        assert "region Midden-IJssel (2025 € 1.438.963" in render_award("Deventer")

    def test_region(self) -> None:
        """A region's SPUK-IZA amounts, mandated municipality and members."""
        text = render_award("IJssel-Vecht", 2025)
        assert "mandated municipality Zwolle" in text
        assert "2025  € 3.023.765" in text
        assert "2026" not in text.split("Members")[0]

    def test_unknown(self) -> None:
        """An unknown name suggests the closest known ones."""
        with pytest.raises(UnknownNameError, match="did you mean 'Midden-IJssel'"):
            render_award("Midden-IJsel")

    def test_unknown_year(self) -> None:
        """A year not in the tables lists the years."""
        with pytest.raises(UnknownNameError, match="years: 2025, 2026"):
            render_award("Zutphen", 2023)


class TestCommandLine:
    """The commands read files and print; errors exit with 2."""

    def test_settle(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """izafunding settle FILE.toml prints the settlement."""
        path = tmp_path / "grant.toml"
        path.write_text(EXAMPLE_TOML, encoding="utf-8")
        assert main(["settle", str(path)]) == 0
        assert "to repay € 143.663,00" in capsys.readouterr().out

    def test_settle_template(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--template prints a file to start from."""
        assert main(["settle", "--template"]) == 0
        assert capsys.readouterr().out.startswith("# A grant")

    def test_settle_errors(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing or malformed file exits with 2 and a message."""
        assert main(["settle", str(tmp_path / "none.toml")]) == 2
        assert "cannot read the file" in capsys.readouterr().err
        assert main(["settle"]) == 2
        assert "--template" in capsys.readouterr().err
        bad = tmp_path / "bad.toml"
        bad.write_text(EXAMPLE_TOML.replace("€ 1.295.300", "€ 1,5"), encoding="utf-8")
        assert main(["settle", str(bad)]) == 2
        assert "line 18, spent.2023" in capsys.readouterr().err

    def test_award(self, capsys: pytest.CaptureFixture[str]) -> None:
        """izafunding award NAME --year Y prints the amount."""
        assert main(["award", "Midden-IJssel", "--year", "2025"]) == 0
        assert "€ 1.438.963" in capsys.readouterr().out
        assert main(["award", "Zutfen"]) == 2
        assert "did you mean 'Zutphen'" in capsys.readouterr().err

    @pytest.mark.parametrize("name", ["midden-ijssel-2023", "gala-2022-2026"])
    def test_examples(self, name: str, capsys: pytest.CaptureFixture[str]) -> None:
        """The new examples run from the command line."""
        assert main(["example", name]) == 0
        assert "Findings" in capsys.readouterr().out
