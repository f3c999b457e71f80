"""
``izafunding award MUNICIPALITY`` prints from the table's rows without loading the value objects
(its quick path), and that text is the general path's, byte for byte, for every municipality and
year; every other case goes the general way.

Source of the figures: VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025,
ref. 4190863-1084972-DMO, annexes 2A and 2B.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import Money, data
from izafunding._core import names as _names
from izafunding._core.regions import SEED_REGIONS
from izafunding._files.award import _general_text, render_award
from izafunding._files.award_text import _whole, quick_award_text
from izafunding.cli import main


_SEED_MEMBERS = {m for r in SEED_REGIONS for m in r.member_names()}
_REGION_KEYS = {_names.name_key(r) for r in data.spuk_iza_awards(2025)}


@pytest.mark.parametrize("year", [None, 2025, 2026])
def test_every_municipality_as_the_general_path(year: int | None) -> None:
    """For each of the 342 municipalities the quick text is render_award's, or the quick path
    declines, and it declines only for a seed region's member or a name that is also a region's."""
    declined = []
    for name in data.brede_spuk_awards(2025):
        quick = quick_award_text(name, year)
        if quick is None:
            declined.append(name)
            assert name in _SEED_MEMBERS or _names.name_key(name) in _REGION_KEYS, name
        else:
            assert quick == _general_text(name, year), name
    assert "Zutphen" not in declined
    assert len(declined) < 40, declined  # the common case is quick


def test_a_mandated_municipality() -> None:
    """A mandated municipality of a region the seeds do not describe shows its region's line
    (Doetinchem, annex 2B: Achterhoek), as the general path does."""
    mandated = [r for r in data.regions().values() if r.mandated.name == "Doetinchem"]
    assert mandated, "Doetinchem is a mandated municipality in annex 2B"
    text = quick_award_text("Doetinchem")
    assert text is not None
    assert f"Mandated municipality of the SPUK-IZA region {mandated[0].name} (" in text
    assert text == _general_text("Doetinchem", None)


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("zutphen", None),  # another spelling: the general path says how it was read
        ("Den Bosch", None),  # an alternative name
        ("GM0301", None),  # a CBS code
        ("0301", None),
        ("Midden-IJssel", None),  # a region
        ("Dalfsen", None),  # a member of a seed region
        ("Zwolle", None),  # a seed region's mandated municipality
        ("Zutphen", 2024),  # a year not in the tables
        ("Zutphen", 2027),  # the AZWA estimate
        ("Zutfen", None),  # unknown: the general path suggests
    ],
)
def test_declines_what_the_general_path_reads(name: str, year: int | None) -> None:
    """Every other case is left to the general path."""
    assert quick_award_text(name, year) is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["award", "Zutphen"], _general_text("Zutphen", None)),
        (["award", "Zutphen", "--year", "2026"], _general_text("Zutphen", 2026)),
        (["award", "GM0301"], _general_text("GM0301", None)),
        (["award", "zutphen"], _general_text("zutphen", None)),
        (["award", "Midden-IJssel"], _general_text("Midden-IJssel", None)),
        (["award", "Doetinchem"], _general_text("Doetinchem", None)),
    ],
)
def test_command_prints_the_general_text(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command prints the general path's text, by either path."""
    assert main(argv) == 0
    assert capsys.readouterr().out == expected + "\n"


def test_unknown_name_still_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown name still gets the general path's error, with the suggestion."""
    assert main(["award", "Zutfen"]) == 2
    assert "did you mean 'Zutphen'" in capsys.readouterr().err


def test_the_azwa_estimate_is_the_command_s_own(capsys: pytest.CaptureFixture[str]) -> None:
    """--year 2027 still prints the SPUK AZWA estimate (not the tables' text)."""
    assert main(["award", "Zutphen", "--year", "2027"]) == 0
    assert "ESTIMATE, not an award" in capsys.readouterr().out


def test_library_function_is_the_general_text() -> None:
    """render_award, which the library's users call, gives the general text too."""
    assert render_award("Zutphen", 2025) == _general_text("Zutphen", 2025)


def test_export_still_has_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    """--format csv is not the quick path: it exports the award tables."""
    assert main(["award", "Zutphen", "--year", "2025", "--format", "csv", "--dialect", "plain"]) == 0
    assert "880962" in capsys.readouterr().out


@given(euros=st.integers(-(10**12), 10**12))
def test_whole_euros_as_money_writes_them(euros: int) -> None:
    """The quick path's whole euros are Money's."""
    assert _whole(euros) == format(Money(euros), "whole")


def test_award_loads_no_value_objects() -> None:
    """`izafunding award Zutphen` loads neither attrs nor the other commands' modules."""
    code = (
        "import sys\n"
        "from izafunding.cli import main\n"
        "main(['award', 'Zutphen'])\n"
        "loaded = [m for m in sys.modules if m in ('attr', 'attrs', 'decimal', 'fractions')"
        " or m.startswith(('izafunding._commands', 'izafunding._scenarios', 'izafunding._transformation',"
        " 'izafunding._render', 'izafunding.examples', 'izafunding.data', 'izafunding._schemes.settlement'))]\n"
        "print(loaded, file=sys.stderr)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == _general_text("Zutphen", None) + "\n"


def test_find_municipality_is_resolve_without_the_error() -> None:
    """find_municipality finds what resolve_municipality finds, and None exactly where it raises."""
    from izafunding._schemes.municipalities import find_municipality, resolve_municipality
    from izafunding.errors import UnknownNameError

    given = [
        *(v for n in data.municipalities() for v in (n, n.lower(), n.upper(), f" {n} ")),
        *data.spuk_iza_awards(2025),
        "GM0301", "0301", "Den Bosch", "Bergen", "Zutfen", "", "Hengelo (O.)",
    ]
    for name in given:
        found = find_municipality(name)
        try:
            expected = resolve_municipality(name)
        except UnknownNameError:
            assert found is None, name
        else:
            assert found == expected, name
