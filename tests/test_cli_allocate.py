"""izafunding allocate: mixed keys, totals from the national tables, built-in members, strict files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from izafunding import InputFileError, Money, UnknownNameError
from izafunding._allocate_file import AllocationRequest, parse_allocation_toml, parse_key
from izafunding.cli import main


# Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024), appendix 'Verdeling kosten gemeenten'.
IJSSEL_VECHT = {
    "Dalfsen": 29683,
    "Hardenberg": 62260,
    "Kampen": 55070,
    "Ommen": 19035,
    "Staphorst": 17738,
    "Steenwijkerland": 45480,
    "Zwartewaterland": 23447,
    "Zwolle": 135720,
}
# VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025, annex 2B.
AWARD_2026 = 3_242_094


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["allocate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _parts(out: str) -> dict[str, Money]:
    result = {}
    for line in out.splitlines():
        name = line[: line.find("€")].strip() if "€" in line else ""
        if name in IJSSEL_VECHT:
            result[name] = Money.parse(line[line.find("€") :].strip())
    return result


def _expected_half_half() -> dict[str, Fraction]:
    total = Fraction(AWARD_2026)
    inhabitants = sum(IJSSEL_VECHT.values())
    return {
        n: total / 2 / len(IJSSEL_VECHT) + total / 2 * c / inhabitants for n, c in IJSSEL_VECHT.items()
    }


class TestBuiltIn:
    def test_award_and_members(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--award IJssel-Vecht --year 2026 with a 50/50 key splits € 3.242.094 over the 8 built-in members."""
        code, out, err = _run(capsys, "--award", "IJssel-Vecht", "--year", "2026", "--key", "50% equal + 50% inhabitants")
        assert (code, err) == (0, "")
        parts = _parts(out)
        assert set(parts) == set(IJSSEL_VECHT)
        assert sum(parts.values(), Money(0)) == Money(AWARD_2026)
        for name, exact in _expected_half_half().items():
            assert abs(Fraction(parts[name].cents, 100) - exact) < Fraction(1, 100)
        assert parts["Dalfsen"] == Money("326506.91")
        assert parts["Zwolle"] == Money("769031.00")

    def test_says_where_everything_comes_from(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The output names the award's source, the built-in members and the inhabitants' source and reference date."""
        _, out, _ = _run(capsys, "--award", "IJssel-Vecht", "--year", "2026", "--key", "50% equal + 50% inhabitants")
        assert "the SPUK-IZA award of IJssel-Vecht for 2026" in out
        assert "annex 2B" in out
        assert "Recipients: the 8 members of IJssel-Vecht, built in" in out
        assert "Inhabitants: Memo SPUK IZA 2025" in out
        assert "reference date" in out
        assert "rounded once at the end" in out

    def test_unknown_members_said(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A region whose members are not built in says so and which file to give."""
        code, out, err = _run(capsys, "--award", "Achterhoek", "--year", "2026", "--key", "equal")
        assert code == 2
        assert out == ""
        assert "does not know the members of Achterhoek" in err
        assert "--weights FILE" in err

    def test_members_without_inhabitants(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Built-in members without counts split equally, and refuse a key by inhabitants naming the file to give."""
        code, out, _ = _run(capsys, "--award", "Midden-IJssel", "--year", "2026", "--key", "equal")
        assert code == 0
        assert "Deventer" in out
        code, _, err = _run(capsys, "--award", "Midden-IJssel", "--year", "2026", "--key", "50% equal + 50% inhabitants")
        assert code == 2
        assert "no inhabitant counts" in err
        assert "--weights FILE" in err

    def test_year_required(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--award without --year is refused, not guessed."""
        code, _, err = _run(capsys, "--award", "IJssel-Vecht", "--key", "equal")
        assert code == 2
        assert "give the year too" in err

    def test_ambiguous_award(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A name that is both a region and a municipality is refused until --table says which."""
        code, _, err = _run(capsys, "--award", "Utrecht", "--year", "2026", "--key", "equal")
        assert code == 2
        assert "--table spuk-iza or --table brede-spuk" in err

    def test_municipality_award_needs_weights(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A municipality's Brede SPUK award divides over the recipients of a weights file."""
        weights = tmp_path / "w.csv"
        weights.write_text("name,weight\nA,1\nB,1\n", encoding="utf-8")
        code, out, _ = _run(capsys, "--award", "Zutphen", "--year", "2025", "--weights", str(weights))
        assert code == 0
        assert "the Brede SPUK award of Zutphen for 2025" in out
        assert "€ 440.481,00" in out

    def test_weights_file_names_members(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A weights file for a region with built-in members must name every member; names are resolved."""
        weights = tmp_path / "w.csv"
        rows = "".join(f"{n.upper()},{c}\n" for n, c in IJSSEL_VECHT.items() if n != "Ommen")
        weights.write_text(rows, encoding="utf-8")
        code, _, err = _run(capsys, "--award", "IJssel-Vecht", "--year", "2026", "--weights", str(weights))
        assert code == 2
        assert "name no Ommen" in err
        weights.write_text(rows + "Zutphen,1\n", encoding="utf-8")
        code, _, err = _run(capsys, "--award", "IJssel-Vecht", "--year", "2026", "--weights", str(weights))
        assert code == 2
        assert "'Zutphen' is not a member of IJssel-Vecht" in err


class TestKey:
    def test_parse(self) -> None:
        """Percentages, fractions and decimals are read exactly."""
        assert [p.weight for p in parse_key("30% equal + 70% inhabitants")] == [Fraction(3, 10), Fraction(7, 10)]
        assert [p.weight for p in parse_key("1/3 equal + 2/3 inhabitants")] == [Fraction(1, 3), Fraction(2, 3)]
        assert [p.weight for p in parse_key("0,5 equal + 0,5 pro-rata")] == [Fraction(1, 2), Fraction(1, 2)]
        assert [p.basis for p in parse_key("inhabitants")] == ["inhabitants"]

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("50% equal + 40% inhabitants", "sum to 90%, not 100%"),
            ("50% equl + 50% inhabitants", "unknown key 'equl'; did you mean 'equal'"),
            ("equal + inhabitants", "cannot read 'equal' as a part"),
            ("50% equal + 50% equal", "appears twice"),
        ],
    )
    def test_bad(self, text: str, message: str) -> None:
        """A bad key is refused naming the problem and what is valid."""
        with pytest.raises(InputFileError, match=message):
            parse_key(text)

    def test_rounded_once(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The composite key rounds once: 1/3 + 2/3 of € 1 over three gives parts that sum to € 1."""
        weights = tmp_path / "w.toml"
        weights.write_text("[weights]\na = 1\nb = 1\nc = 1\n", encoding="utf-8")
        code, out, _ = _run(capsys, "€ 1", str(weights), "--key", "1/3 equal + 2/3 inhabitants")
        assert code == 0
        assert out.splitlines()[-1].split() == ["residue", "€", "0,00"]
        assert out.count("€ 0,34") == 1
        assert out.count("€ 0,33") == 2


class TestFile:
    def test_file_as_command_line(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file with award, year and [[key]] parts gives the same split as the command line."""
        f = tmp_path / "a.toml"
        f.write_text(
            'award = "IJssel-Vecht"\nyear = 2026\n[[key]]\nweight = "50%"\nkey = "equal"\n'
            '[[key]]\nweight = "50%"\nkey = "inhabitants"\n',
            encoding="utf-8",
        )
        _, from_file, _ = _run(capsys, str(f))
        _, from_line, _ = _run(capsys, "--award", "IJssel-Vecht", "--year", "2026", "--key", "50% equal + 50% inhabitants")
        assert _parts(from_file) == _parts(from_line)

    def test_key_as_text(self) -> None:
        """key = "..." in the file reads as --key does."""
        req = parse_allocation_toml('total = 100\nkey = "50% equal + 50% inhabitants"\n[weights]\na = 1\n', "a.toml")
        assert req.key == parse_key("50% equal + 50% inhabitants")
        assert req.total == Money(100)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("total = 100\n[equal]\n[weights]\na = 1\n", r"line 2: \[equal\]: unknown table \[equal\]; the fields are total, award"),
            ("totaal = 100\n[weights]\na = 1\n", "line 1: field 'totaal': unknown field 'totaal'"),
            ('[[key]]\nweight = "50%"\nkey = "equal"\nshare = 1\n', r"\[\[key\]\] #1: unknown field 'share'; the fields are weight, key"),
            ('[[key]]\nweight = "60%"\nkey = "equal"\n[[key]]\nweight = "50%"\nkey = "inhabitants"\n', "sum to 110%"),
            ("year = '2026'\n", "must be a year such as 2026"),
            ("rounding = 'half-up'\n", "must be one of largest-remainder, half-up-each"),
        ],
    )
    def test_unknown_refused(self, text: str, message: str) -> None:
        """Unknown fields and tables, and bad values, are refused naming them and the valid ones."""
        with pytest.raises(InputFileError, match=message):
            parse_allocation_toml(text, "a.toml")

    def test_total_twice(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A total on the command line and a different one in the file is refused."""
        f = tmp_path / "a.toml"
        f.write_text("total = 100\n[weights]\na = 1\n", encoding="utf-8")
        code, _, err = _run(capsys, "200", str(f))
        assert code == 2
        assert "given both" in err

    def test_template_runs(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The --template file runs as printed."""
        code, template, _ = _run(capsys, "--template")
        assert code == 0
        f = tmp_path / "a.toml"
        f.write_text(template, encoding="utf-8")
        code, out, _ = _run(capsys, str(f))
        assert code == 0
        assert _parts(out)["Dalfsen"] == Money("326506.91")

    def test_help_has_no_double_percent(self, capsys: pytest.CaptureFixture[str]) -> None:
        """allocate --help shows the key example with single percent signs."""
        with pytest.raises(SystemExit):
            main(["allocate", "--help"])
        out = capsys.readouterr().out
        assert "%%" not in out
        assert "50% equal + 50%" in out


class TestRequest:
    def test_unknown_award(self) -> None:
        """An unknown award name suggests the likeliest."""
        from izafunding._allocate_file import render_allocation

        with pytest.raises(UnknownNameError, match="did you mean 'Zwolle'"):
            render_allocation(AllocationRequest(award="Zwole", year=2026, key=parse_key("equal")))
