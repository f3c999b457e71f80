"""The risk file's output and options, polished: sources, alignment, plurals, levels, periods."""

from __future__ import annotations

from pathlib import Path

import pytest

from izafunding._schedule_file import RISK_TOML, _levels, parse_risk_toml
from izafunding.cli import main


ONE = """\
plan = "Mijn plan"
period = "2025-2027"
[[milestone]]
name = "A very long milestone name indeed"
kind = "effort"
amount = "€ 1.000"
due = 2026-12-31
areas = ["Noord"]
bearer = "Gemeente"
chance = "90%"
"""


def _risk(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, *argv: str) -> str:
    f = tmp_path / "plan.toml"
    f.write_text(text, encoding="utf-8")
    code = main(["risk", str(f), *argv])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out


def test_rule_source_is_the_users_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A user's own plan is not credited to Zutphen's document."""
    out = _risk(capsys, tmp_path, ONE)
    rule = next(line for line in out.splitlines() if line.startswith("Rule:"))
    assert "Zutphen" not in rule
    assert "plan.toml" in rule


def test_rule_source_cited(tmp_path: Path) -> None:
    """A file that cites a source gets it as the rule's source."""
    risk_file = parse_risk_toml('source = "Raadsbesluit 2025-12"\n' + ONE, "p.toml")
    assert risk_file.schedule.rule.source == "Raadsbesluit 2025-12"


def test_singular(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """One milestone is '1 milestone', not '1 milestones'."""
    out = _risk(capsys, tmp_path, ONE)
    assert "1 milestones" not in out
    assert "1 milestone," in out


def test_long_names_align(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Long milestone names keep the columns aligned."""
    text = ONE + ONE[ONE.index("[[milestone]]") :].replace("A very long milestone name indeed", "B").replace(
        '"€ 1.000"', '"€ 100.000"'
    )
    out = _risk(capsys, tmp_path, text)
    rows = [line for line in out.splitlines() if "  due " in line]
    assert len(rows) == 2
    assert len({row.index("effort") for row in rows}) == 1
    assert len({row.index("  due ") for row in rows}) == 1


@pytest.mark.parametrize("period", ["2025-2027", "2025–2027", "2025 - 2027"])
def test_year_range_period(period: str) -> None:
    """A period may be written as a range of years, with a hyphen or an en dash."""
    risk_file = parse_risk_toml(ONE.replace('"2025-2027"', f'"{period}"'), "p.toml")
    assert risk_file.schedule.period is not None
    assert str(risk_file.schedule.period.first_day) == "2025-01-01"
    assert str(risk_file.schedule.period.last_day) == "2027-12-31"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("90,95", ["9/10", "19/20"]), ("90%,95%", ["9/10", "19/20"]), ("0.9,0.95", ["9/10", "19/20"]), ("0,9", ["9/10"])],
)
def test_levels(text: str, expected: list[str]) -> None:
    """--levels takes percentages with or without the sign, and fractions."""
    assert [str(x) for x in _levels(text, "--levels")] == expected


def test_levels_on_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--levels 90,95 runs (it failed with "a chance must lie from 0% to 100% (got '90')")."""
    out = _risk(capsys, tmp_path, RISK_TOML, "--levels", "90,95")
    assert "not exceeded with 95% probability" in out


def test_levels_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A level above 100% is refused naming it."""
    f = tmp_path / "plan.toml"
    f.write_text(ONE, encoding="utf-8")
    assert main(["risk", str(f), "--levels", "150"]) == 2
    assert "a chance must lie from 0% to 100%" in capsys.readouterr().err


def test_help_has_no_double_percent(capsys: pytest.CaptureFixture[str]) -> None:
    """risk --help prints 90% and 95%, never 90%%, and says both notations of --levels."""
    with pytest.raises(SystemExit):
        main(["risk", "--help"])
    out = capsys.readouterr().out
    assert "%%" not in out
    assert "90% and 95%" in out
    assert "0.9,0.95" in out
