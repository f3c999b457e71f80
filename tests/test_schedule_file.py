"""Tests for reading a milestone schedule from TOML text and for `izafunding risk`."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import attrs
import pytest

from izafunding import CommonFactor, InputFileError, Money, ShareOfAreas
from izafunding._schedule_file import RISK_TOML, parse_risk_toml, render_risk_file
from izafunding.cli import main
from izafunding.examples import zutphen


MINIMAL = """\
[[milestone]]
name = "M1"
kind = "effort"
amount = "€ 1.000"
due = 2025-12-31
areas = ["A", "B"]
bearer = "gemeente"
chances = { A = "90%", B = "1/2" }

[[milestone]]
name = "R1"
kind = "resultaat"
amount = 500
due = "2026-06-30"
areas = ["A"]
bearer = "zorg"
chance = "0,8"
"""


class TestParse:
    def test_template_is_the_zutphen_plan(self) -> None:
        """The template reproduces the Zutphen example's schedule and chances."""
        risk_file = parse_risk_toml(RISK_TOML, "zutphen.toml")
        plain = tuple(attrs.evolve(m, description="") for m in zutphen.schedule().milestones)
        assert risk_file.schedule.milestones == plain
        assert risk_file.schedule.budget == zutphen.BUDGET
        assert risk_file.schedule.chances(risk_file.chances) == zutphen.schedule().chances(zutphen.assumed_chances())
        assert risk_file.levels == (Fraction(9, 10), Fraction(19, 20))
        assert risk_file.withhold_below == Fraction(3, 5)

    def test_minimal(self) -> None:
        """Chances per area or for every area, kinds in Dutch, amounts as ints, dates as text."""
        risk_file = parse_risk_toml(MINIMAL, "m.toml")
        s = risk_file.schedule
        assert s.total == Money(1500)
        assert s.chances(risk_file.chances) == {"M1": Fraction(9, 20), "R1": Fraction(4, 5)}
        assert s.milestone("R1").kind.value == "result"

    def test_rule_and_scenarios(self) -> None:
        """A share rule and [[scenario]] tables become ShareOfAreas and a CommonFactor."""
        text = 'rule = "share 1/2"\n' + MINIMAL + (
            '\n[[scenario]]\nname = "good"\nweight = "3/4"\n'
            '\n[[scenario]]\nname = "bad"\nweight = "1/4"\nchances = { M1 = { A = "0%" }, R1 = "10%" }\n'
        )
        risk_file = parse_risk_toml(text, "m.toml")
        assert risk_file.schedule.rule == ShareOfAreas(Fraction(1, 2), source="the rule written in m.toml")
        assert isinstance(risk_file.chances, CommonFactor)
        chances = risk_file.schedule.chances(risk_file.chances)
        # M1 needs 1 of 2 areas: good 1 - 1/10 × 1/2 = 19/20; bad: only B at 1/2.
        assert chances["M1"] == Fraction(3, 4) * Fraction(19, 20) + Fraction(1, 4) * Fraction(1, 2)
        assert chances["R1"] == Fraction(3, 4) * Fraction(4, 5) + Fraction(1, 4) * Fraction(1, 10)

    @pytest.mark.parametrize(
        ("change", "match"),
        [
            (('amount = "€ 1.000"', "amount = 1000.0"), r"line 4: \[\[milestone\]\] #1 \('M1'\), field 'amount': 1000.0 is a float"),
            (('kind = "effort"', 'kind = "poging"'), r"line 3: .*field 'kind': write kind = \"effort\""),
            (("due = 2025-12-31", 'due = "31-12-2025"'), r"line 5: .*field 'due': expected a date"),
            (("due = 2025-12-31", "due = 2025-12-31T10:00:00"), r"field 'due': write a date without a time"),
            (('areas = ["A", "B"]', "areas = []"), r"field 'areas'"),
            (('bearer = "gemeente"', 'bearer = ""'), r"field 'bearer'"),
            (('chances = { A = "90%", B = "1/2" }', 'chances = { A = "90%", C = "1/2" }'), r"'C' is not one of its areas"),
            (('chances = { A = "90%", B = "1/2" }', 'chances = { A = "90%", B = "150%" }'), r"from 0% to 100%"),
            (('chances = { A = "90%", B = "1/2" }', 'chances = { A = "90%", B = 0.5 }'), r"0.5 is a float"),
            (('chances = { A = "90%", B = "1/2" }', 'chances = "1/2"'), r"write chances = \{ A = "),
            (('chances = { A = "90%", B = "1/2" }', ""), r"no chance given for \('M1', 'A'\)"),
            (('chances = { A = "90%", B = "1/2" }', 'chances = { A = "1" }\nchance = "1"'), r"not both"),
            (('name = "R1"', 'name = "M1"'), r"line 11: \[\[milestone\]\] #2 \('M1'\), field 'name': a milestone called 'M1' came before"),
            (('name = "R1"', 'naam = "R1"'), r"unknown field 'naam'"),
            (("due = 2025-12-31", "due = 2025-12-31\nbudget_year = \"2025\""), r"field 'budget_year'"),
            (('amount = "€ 1.000"', 'amount = "€ 0"'), r"'amount' must be a positive Money"),
        ],
    )
    def test_errors_name_file_line_and_field(self, change: tuple[str, str], match: str) -> None:
        """A malformed file gives an InputFileError naming the file, the line or table, and the field."""
        old, new = change
        assert old in MINIMAL
        with pytest.raises(InputFileError, match=match) as e:
            parse_risk_toml(MINIMAL.replace(old, new, 1), "m.toml")
        assert str(e.value).startswith("m.toml: ")

    @pytest.mark.parametrize(
        ("prefix", "match"),
        [
            ('period = "2025"\n', r"'M1'|'R1'.*outside the grant period"),
            ('period = "someday"\n', r"field 'period': cannot read 'someday'"),
            ('rule = "most"\n', r"field 'rule': write \"all-areas\""),
            ('rule = "share 0%"\n', r"above 0%"),
            ("[budget]\n2025 = \"€ 1.000\"\n", r"2026: milestones € 500,00, budget € 0,00"),
            ('[budget]\nnext = "€ 1"\n', r"the keys of \[budget\] are years"),
            ('[bearers]\ngemeente = "€ 1.000"\nzorg = "€ 400"\n', r"agreed split € 400,00"),
            ('[risk]\nlevels = "90%"\n', r"write levels = \["),
            ("[risk]\nmax_outcomes = 0\n", r"field 'max_outcomes'"),
            ("[risk]\nwithhold = 1\n", r"unknown field 'withhold'"),
            ("[risk]\nlevels = [0.9]\n", r"float"),
            ("planname = 'x'\n", r"unknown field 'planname'"),
            ("period = 5\n", r"^m\.toml: line 1: field 'period': must be text in quotes"),
            ("source = 5\n", r"field 'source': must be text in quotes"),
        ],
    )
    def test_top_level_errors(self, prefix: str, match: str) -> None:
        """Errors in the plan's options name the file and the field."""
        text = prefix + MINIMAL if not prefix.startswith("[") else MINIMAL + "\n" + prefix
        with pytest.raises(InputFileError, match=match):
            parse_risk_toml(text, "m.toml")

    @pytest.mark.parametrize(
        ("suffix", "match"),
        [
            ('\n[[scenario]]\nname = "a"\nweight = "1/2"\n', r"sum to exactly 1"),
            ('\n[[scenario]]\nname = "a"\n', r"field 'weight': missing"),
            ('\n[[scenario]]\nname = "a"\nweight = 1\nchances = { M9 = "1" }\n', r"'M9' is not a milestone"),
            ('\n[[scenario]]\nname = "a"\nweight = 1\nchances = { M1 = { Z = "1" } }\n', r"has no area 'Z'"),
            ('\n[[scenario]]\nname = "a"\nweight = 1\nchances = "1"\n', r"write chances = \{ M1"),
            ('\n[[scenario]]\nname = "a"\nweight = "1/2"\n[[scenario]]\nname = "a"\nweight = "1/2"\n', r"two scenarios are called 'a'"),
        ],
    )
    def test_scenario_errors(self, suffix: str, match: str) -> None:
        """A common factor's scenarios are checked, naming the scenario table."""
        with pytest.raises(InputFileError, match=match):
            parse_risk_toml(MINIMAL + suffix, "m.toml")

    def test_source_is_printed(self) -> None:
        """A file's source line is kept and printed with the schedule."""
        text = 'source = "Collegevoorstel Zutphen"\n' + MINIMAL
        assert parse_risk_toml(text, "m.toml").source == "Collegevoorstel Zutphen"
        assert "Source: Collegevoorstel Zutphen" in render_risk_file(text, "m.toml")

    def test_no_milestones(self) -> None:
        """A file without milestones says how to write them."""
        with pytest.raises(InputFileError, match=r"no milestones: write each as a \[\[milestone\]\]"):
            parse_risk_toml('plan = "x"\n', "m.toml")

    def test_not_toml(self) -> None:
        """Invalid TOML names the file."""
        with pytest.raises(InputFileError, match=r"m\.toml: not valid TOML"):
            parse_risk_toml("[[milestone]\n", "m.toml")


class TestRender:
    def test_too_large_still_reports_expected(self) -> None:
        """Beyond max_outcomes the expected value and worst case are still printed, with the reason."""
        text = render_risk_file(RISK_TOML, "z.toml", max_outcomes=3)
        assert "the distribution is not computed" in text
        assert "would need up to 16 outcomes" in text
        assert "€ 272.139,00" in text

    def test_rows_and_levels(self) -> None:
        """--rows limits the table; --levels sets the reported levels."""
        text = render_risk_file(RISK_TOML, "z.toml", rows=3, levels="80%, 99%")
        assert "... 13 more outcomes (use --rows 16 to see all)" in text
        assert "not exceeded with 99% probability: € 228.575,50" in text
        assert "not exceeded with 90% probability" not in text
        with pytest.raises(InputFileError, match="--levels"):
            render_risk_file(RISK_TOML, "z.toml", levels=" , ")


class TestCommandLine:
    def test_risk_template_round_trip(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`izafunding risk --template` prints a file that `izafunding risk FILE` reads."""
        assert main(["risk", "--template"]) == 0
        path = tmp_path / "plan.toml"
        path.write_text(capsys.readouterr().out, encoding="utf-8")
        assert main(["risk", str(path)]) == 0
        out = capsys.readouterr().out
        assert "Exposure (worst case" in out
        assert "  Zutphen: € 272.139,00" in out
        assert "not exceeded with 95% probability: € 167.587,00" in out
        assert "      € 104.552,00         0,18%        90,00%        10,00%" in out
        assert "Mitigation:" in out

    def test_risk_errors(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A bad or missing file is one line on stderr with exit code 2."""
        path = tmp_path / "bad.toml"
        path.write_text(MINIMAL.replace('"€ 1.000"', "1000.5"), encoding="utf-8")
        assert main(["risk", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("izafunding risk: error: ")
        assert "bad.toml: line 4" in err
        assert main(["risk"]) == 2
        assert "--template" in capsys.readouterr().err
        assert main(["risk", str(tmp_path / "missing.toml")]) == 2
        assert "cannot read the file" in capsys.readouterr().err
