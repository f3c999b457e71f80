"""Tests for the command line (the edge module): allocate and example."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from izafunding import InputFileError, examples
from izafunding.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestAllocate:
    def test_toml_half_up_each_shows_residue(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """allocate prints each part, the total, the target and the residue."""
        weights = tmp_path / "w.toml"
        weights.write_text(
            "[weights]\nDalfsen = 29683\nHardenberg = 62260\nKampen = 55070\nOmmen = 19035\n"
            "Staphorst = 17738\nSteenwijkerland = 45480\nZwartewaterland = 23447\nZwolle = 135720\n",
            encoding="utf-8",
        )
        code, out, _ = _run(capsys, "allocate", "€ 262.000", str(weights), "--rounding", "half-up-each", "--unit", "€ 1")
        assert code == 0
        assert "€ 30.676,00" in out
        assert "€ 261.999,00" in out
        assert out.splitlines()[-1].split() == ["residue", "€", "1,00"]

    def test_csv_largest_remainder_explain(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A CSV with a header works, and --explain adds one line per recipient."""
        weights = tmp_path / "w.csv"
        weights.write_text("gemeente,inwoners\nA,1\nB,2\n", encoding="utf-8")
        code, out, _ = _run(capsys, "allocate", "100", str(weights), "--explain")
        assert code == 0
        assert "€ 33,33" in out
        assert "€ 66,67" in out
        assert "A: weight 1 of 3" in out

    @pytest.mark.parametrize(
        ("key", "content", "expected"),
        [
            ("equal", "[weights]\na = 0\nb = 0\n", "€ 50,00"),
            ("fixed", "[weights]\na = \"0.3\"\nb = \"0,7\"\n", "€ 70,00"),
        ],
    )
    def test_other_keys(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, content: str, expected: str
    ) -> None:
        """--key equal ignores the weights; --key fixed reads shares."""
        weights = tmp_path / "w.toml"
        weights.write_text(content, encoding="utf-8")
        code, out, _ = _run(capsys, "allocate", "100", str(weights), "--key", key)
        assert code == 0
        assert expected in out

    @pytest.mark.parametrize(
        ("content", "suffix", "message"),
        [
            ("[weights]\na = 1.5\n", ".toml", "field 'a': 1.5 is a float"),
            ("[weights]\na = -1\n", ".toml", "must not be negative"),
            ("weights = 3\n", ".toml", "field 'weights': must be a table"),
            ("[other]\n", ".toml", "unknown table [other]"),
            ("[weights\n", ".toml", "not valid TOML"),
            ("a,1,2\n", ".csv", "line 1: expected two cells"),
            ("a,1\na,2\n", ".csv", "line 2: 'a' appears twice"),
            ("a,x\nb,y\n", ".csv", "line 2, weight: expected a weight"),
        ],
    )
    def test_bad_files(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, suffix: str, message: str
    ) -> None:
        """A malformed file gets one error line naming the file and field, exit code 2."""
        weights = tmp_path / f"w{suffix}"
        weights.write_text(content, encoding="utf-8")
        code, out, err = _run(capsys, "allocate", "100", str(weights))
        assert code == 2
        assert out == ""
        assert message in err
        assert err.startswith("izafunding allocate: error:")

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing file is an error naming it, not a traceback."""
        code, _, err = _run(capsys, "allocate", "100", str(tmp_path / "nope.toml"))
        assert code == 2
        assert "nope.toml: cannot read the file" in err

    def test_not_utf8(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that is not UTF-8 text is an error naming it, not a traceback."""
        weights = tmp_path / "w.toml"
        weights.write_bytes(b"\xff\xfe[weights]")
        code, _, err = _run(capsys, "allocate", "100", str(weights))
        assert code == 2
        assert "not UTF-8" in err

    def test_bad_total(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unreadable total names the text."""
        weights = tmp_path / "w.toml"
        weights.write_text("[weights]\na = 1\n", encoding="utf-8")
        code, _, err = _run(capsys, "allocate", "€ 1.5", str(weights))
        assert code == 2
        assert "'€ 1.5'" in err


class TestExample:
    def test_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """example --list lists every example with its title."""
        code, out, _ = _run(capsys, "example", "--list")
        assert code == 0
        for name in examples.names():
            assert name in out

    def test_ijssel_vecht(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The IJssel-Vecht example shows the appendix figures and the hidden € 1."""
        code, out, _ = _run(capsys, "example", "ijssel-vecht-2025q1")
        assert code == 0
        assert "€ 30.676" in out
        assert "€ 261.999" in out
        assert "€ 30.677" in out

    @pytest.mark.parametrize("name", examples.names())
    def test_every_example_renders(self, capsys: pytest.CaptureFixture[str], name: str) -> None:
        """Every registered example prints without error."""
        code, out, _ = _run(capsys, "example", name)
        assert code == 0
        assert out.strip()

    def test_unknown_example(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown example name lists the known ones and suggests the closest."""
        code, _, err = _run(capsys, "example", "ijssel-vecht")
        assert code == 2
        assert "did you mean 'ijssel-vecht-2025q1'" in err


def test_python_dash_m() -> None:
    """python -m izafunding runs the same command line."""
    done = subprocess.run(
        [sys.executable, "-m", "izafunding", "example", "--list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "ijssel-vecht-2025q1" in done.stdout


class TestWeightFiles:
    def test_first_row_with_a_fraction_is_data(self) -> None:
        """A first row such as 'A,1/3' is data, not a header."""
        from izafunding._files.inputs import parse_weights_csv

        assert parse_weights_csv("A,1/3\nB,2/3\n", "w.csv") == {"A": Fraction(1, 3), "B": Fraction(2, 3)}

    @pytest.mark.parametrize("text", ["135.720", "1.438.963"])
    def test_dutch_thousands_are_ambiguous(self, text: str) -> None:
        """'135.720' is refused: Dutch thousands or a Python decimal?"""
        from izafunding._files.inputs import field_weight

        with pytest.raises(InputFileError, match="ambiguous"):
            field_weight(text, where="w.csv: line 2")

    @pytest.mark.parametrize(
        ("text", "value"),
        [("0.300", "0.300"), ("1.234,5", "1234.5"), ("12,5", "12.5"), ("0.3", "0.3")],
    )
    def test_unambiguous_decimals(self, text: str, value: str) -> None:
        """Plain decimals and Dutch decimals with a comma are read, to their exact value."""
        from izafunding._files.inputs import field_weight

        read = field_weight(text, where="w")
        assert isinstance(read, Decimal)
        assert read == Decimal(value)

    @pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN"])
    def test_not_finite(self, text: str) -> None:
        """NaN and infinity are not weights."""
        from izafunding._files.inputs import field_weight

        with pytest.raises(InputFileError, match="expected a weight"):
            field_weight(text, where="w")
