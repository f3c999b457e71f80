"""izafunding sisa FILE.toml and --template."""

from __future__ import annotations

from pathlib import Path

import pytest

from izafunding._sisa_file import SISA_TOML, parse_sisa_toml
from izafunding.cli import main
from izafunding.errors import InputFileError


def test_template_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The template prints, and reading it prints the SiSa rows and the members' settlement."""
    assert main(["sisa", "--template"]) == 0
    path = tmp_path / "sisa.toml"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["sisa", str(path)]) == 0
    out = capsys.readouterr().out
    assert "H35B" in out
    assert "Repayable to the Rijk € 180.163,00" in out


def test_no_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a file the command says what to give."""
    assert main(["sisa"]) == 2
    assert "--template" in capsys.readouterr().err


def test_agreement_and_wording() -> None:
    """An agreement by inhabitants and a verified wording are read from the file."""
    text = SISA_TOML + (
        '\n[agreement]\nrepayment = "inhabitants"\noverspend = "pooled"\n'
        "[agreement.inhabitants]\nDeventer = 4\nRaalte = 1\nVoorst = 1\nOlst-Wijhe = 1\n"
        '[wording."iza.member"]\ncode = "H35B"\nindicator = "02"\nsource = "SiSa-bijlage 2023"\n'
    )
    parsed = parse_sisa_toml(text, "s.toml")
    s = parsed.settle()
    assert s.repayable == s.members(2023).repayable
    report = s.sisa(2023, wording=parsed.wording)
    assert [r.verified for r in report.rows if r.key == "iza.member"] == [True] * 3


def test_equal_repayment() -> None:
    """repayment = "equal" shares over every municipality of the file."""
    s = parse_sisa_toml(SISA_TOML + '\n[agreement]\nrepayment = "equal"\n', "s.toml").settle()
    assert {a.returned.cents for a in s.members(2023).values()} == {912500}


def test_plain_grant() -> None:
    """A grant without members: one amount per year."""
    text = 'scheme = "SPUK GALA"\nrecipient = "Zutphen"\n[awarded]\n2025 = 880962\n[spent]\n2025 = "€ 800.000"\n'
    s = parse_sisa_toml(text, "g.toml").settle()
    assert s.sisa(2025).rows[0].value is not None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (('repayment = "own money"', 'repayment = "by lot"'), "repayment.*must be"),
        (('overspend = "own"', 'overspend = "shared"'), "overspend.*must be"),
        (("[transferred.2023]", "[transferred.20x3]"), "expected a year"),
        (('scheme = "SPUK IZA"', 'scheme = "SPUK XYZ"'), "no scheme called 'SPUK XYZ'"),
        (('Raalte = "€ 101.200"\nVoorst', 'Raalte = -5\nVoorst'), "must not be negative"),
        (("[awarded]\n2023 = \"€ 1.438.963\"", "[awarded]"), r"\[awarded\]: missing"),
        (('Deventer = "€ 801.500"', 'Deventer = "€ 9.801.500"'), "more than the"),
    ],
)
def test_errors(change: tuple[str, str], words: str) -> None:
    """Bad files get an InputFileError naming the place."""
    text = SISA_TOML.replace("# [agreement]\n# overspend", "[agreement]\noverspend").replace(
        '# repayment = "own money"', 'repayment = "own money"'
    )
    with pytest.raises(InputFileError, match=words):
        parse_sisa_toml(text.replace(*change, 1), "s.toml").settle() if "more" not in words else (
            _render(text.replace(*change, 1))
        )


def _render(text: str) -> str:
    from izafunding._sisa_file import render_sisa_file

    return render_sisa_file(text, "s.toml")
