"""Amounts and files as Dutch offices write them (issue 14, item 3), with exact values."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from izafunding import Money
from izafunding._files.inputs import field_weight, parse_weights_csv, parse_weights_toml
from izafunding.cli import main


class TestAmounts:
    @pytest.mark.parametrize(
        ("text", "cents"),
        [
            ("3 242 094", 324209400),
            ("3\u00a0242\u00a0094", 324209400),
            ("3\u202f242\u202f094,50", 324209450),
            ("3.242.094 euro", 324209400),
            ("3.242.094 EUR", 324209400),
            ("€ 3 242 094,-", 324209400),
            ("EUR 1.438.963", 143896300),
            ("-3 242 094 euro", -324209400),
            ("€ 1,5 mln", 150000000),
            ("€ 1,5 mln.", 150000000),
            ("2 mld", 200000000000),
            ("2 mld.", 200000000000),
            ("€ 999.999.999.999.999,99", 99999999999999999),
            ("999.999 miljard", 99999900000000000),
        ],
    )
    def test_read(self, text: str, cents: int) -> None:
        """Spaces of any kind group thousands, a trailing euro or EUR is read, scale words too."""
        assert Money.parse(text).cents == cents

    def test_bounds_at_the_boundary(self) -> None:
        """Money() and Money.parse share one bound: below 10^15 euros, both signs."""
        assert Money(10**15 - 1).cents == (10**15 - 1) * 100
        assert Money(-(10**15) + 1).cents == -(10**15 - 1) * 100
        assert Money(Decimal("999999999999999.99")).cents == 10**17 - 1
        assert Money.parse("-€ 999.999.999.999.999,99").cents == -(10**17 - 1)
        with pytest.raises(ValueError, match="less than 10\\^15"):
            Money.parse("1.000.000.000.000.000")
        with pytest.raises(ValueError, match="less than 10\\^15"):
            Money.parse("1.000.000 miljard")


class TestWeights:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("50%", Fraction(1, 2)),
            ("12,5%", Fraction(1, 8)),
            ("29 683", Decimal(29683)),
            ("29\u00a0683", Decimal(29683)),
            ("1.234,5", Decimal("1234.5")),
            ("0,3", Decimal("0.3")),
            ("0.3", Decimal("0.3")),
            ("3/10", Fraction(3, 10)),
        ],
    )
    def test_read(self, text: str, value: Fraction | Decimal) -> None:
        """A weight reads to its exact value."""
        assert field_weight(text, where="w") == value

    def test_semicolon_csv_with_decimal_commas(self) -> None:
        """What Dutch Excel saves: semicolons, decimal commas, percentages."""
        text = "gemeente;aandeel\r\nDalfsen;0,25\r\nOmmen;25%\r\nZwolle;\"1.234,5\"\r\n"
        assert parse_weights_csv(text, "w.csv") == {
            "Dalfsen": Decimal("0.25"),
            "Ommen": Fraction(1, 4),
            "Zwolle": Decimal("1234.5"),
        }

    def test_header_and_number_words(self) -> None:
        """'name,inhabitants' is a header; 'Dalfsen,nul' is data, refused with its line."""
        assert parse_weights_csv("naam,inwoners\nDalfsen,29683\n", "w.csv") == {"Dalfsen": 29683}
        with pytest.raises(ValueError, match=r"w\.csv: line 1, weight: expected a weight .* got 'nul'"):
            parse_weights_csv("Dalfsen,nul\nOmmen,19035\n", "w.csv")

    def test_toml_percentages(self) -> None:
        """Shares in a TOML file may be percentages."""
        assert parse_weights_toml('[weights]\na = "30%"\nb = "70%"\n', "w.toml") == {
            "a": Fraction(3, 10),
            "b": Fraction(7, 10),
        }

    def test_cli_fixed_shares_as_percentages(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """izafunding allocate --key fixed reads a semicolon CSV of percentages."""
        path = tmp_path / "w.csv"
        path.write_text("partij;aandeel\ngemeenten;70%\npartners;30%\n", encoding="utf-8")
        assert main(["allocate", "3 242 094 euro", str(path), "--key", "fixed"]) == 0
        out = capsys.readouterr().out
        assert "€ 2.269.465,80" in out
        assert "€ 972.628,20" in out
