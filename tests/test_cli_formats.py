"""
The command line writes every format (issue 13, item 4): ``--format text|csv|json|xlsx`` and
``--output FILE`` on every command. A command exports its results through their own ``to_csv``,
``to_dict`` and ``to_xlsx``; a result without them yet gives a one-line error saying so. The CSV
is read back with ``csv``, the JSON with ``json``, the workbook with ``openpyxl``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from izafunding.cli import build_parser, main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each command's own template, written to a file (the command reads it as a user's file)."""
    from izafunding._files.grant import EXAMPLE_TOML as GRANT
    from izafunding._files.scenario import EXAMPLE_TOML as SCENARIO
    from izafunding._files.schedule import RISK_TOML
    from izafunding._files.sisa import SISA_TOML

    folder = tmp_path_factory.mktemp("inputs")
    written = {}
    for name, text in (("grant", GRANT), ("scenario", SCENARIO), ("risk", RISK_TOML), ("sisa", SISA_TOML)):
        written[name] = folder / f"{name}.toml"
        written[name].write_text(text, encoding="utf-8")
    return written


def _commands(files: dict[str, Path]) -> dict[str, list[str]]:
    return {
        "allocate": ["allocate", "--award", "IJssel-Vecht", "--year", "2026", "--key", "50% equal + 50% inhabitants"],
        "example": ["example", "ijssel-vecht-2025q1"],
        "scenario": ["scenario", str(files["scenario"])],
        "settle": ["settle", str(files["grant"])],
        "award": ["award", "Zutphen"],
        "risk": ["risk", str(files["risk"])],
        "overview": ["overview", "Zutphen"],
        "sisa": ["sisa", str(files["sisa"])],
    }


COMMANDS = ("allocate", "example", "scenario", "settle", "award", "risk", "overview", "sisa")
WORDS = {"csv": "CSV", "json": "JSON", "xlsx": r"Excel \(xlsx\)"}


def _results(argv: list[str]) -> tuple[object, ...]:
    """What the command computes, as the command line sees it."""
    args = build_parser().parse_args(argv)
    output = args.handler(args)
    return () if isinstance(output, str) else tuple(output.results)


def test_every_command_has_the_output_options() -> None:
    parser = build_parser()
    for command in COMMANDS:
        extra = {"award": ["x"], "example": ["--list"]}.get(command, ["--template"])
        args = parser.parse_args([command, *extra])
        assert (args.format, args.output, args.dialect) == ("text", None, "excel-nl")


@pytest.mark.parametrize("command", COMMANDS)
def test_text_is_what_the_command_printed(
    command: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--format text`` (the default) prints the same text; ``--output`` writes it to the file."""
    argv = _commands(files)[command]
    _, plain, _ = _run(capsys, *argv)
    code, text, err = _run(capsys, *argv, "--format", "text")
    assert (code, err) == (0, "")
    assert text == plain
    target = tmp_path / "out.txt"
    code, out, err = _run(capsys, *argv, "--output", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == plain


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_with_every_format(
    command: str, fmt: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Exported where the command's results have their exports, else one line saying it has none yet."""
    argv = _commands(files)[command]
    results = _results(argv)
    target = tmp_path / f"out.{fmt}"
    code, _out, err = _run(capsys, *argv, "--format", fmt, "--output", str(target))
    if results and all(hasattr(r, "report") for r in results):
        assert (code, err) == (0, "")
        _read_back(fmt, target)
    else:
        assert code == 2
        assert err.count("\n") == 1
        words = "has no" if not results else "has no .* export yet"
        assert err.startswith(f"izafunding {command}: error: --format {fmt}: ")
        assert re.search(f"{words}.*{WORDS[fmt]}|{WORDS[fmt]} export", err)
        assert not target.exists()


def _read_back(fmt: str, path: Path) -> None:
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
        assert rows
        assert rows[0]
    elif fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data
    else:
        openpyxl = pytest.importorskip("openpyxl")
        assert openpyxl.load_workbook(path).sheetnames


# -- the exports read back -------------------------------------------------------------------


ALLOCATE = ("allocate", "--award", "IJssel-Vecht", "--year", "2026", "--key", "50% equal + 50% inhabitants")


def test_allocation_csv_both_dialects_add_up(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """IJssel-Vecht 2026 (€ 3.242.094, VWS letter of 12 September 2025, annex 2B) over its 8 members."""
    target = tmp_path / "split.csv"
    assert _run(capsys, *ALLOCATE, "--format", "csv", "--output", str(target))[0] == 0
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel opens the euro sign
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    parts = [r for r in rows if r["recipient"] not in ("total", "target", "residue")]
    assert len(parts) == 8
    cents = sum(int(Decimal(r["part"].replace(",", ".")) * 100) for r in parts)
    assert cents == 324209400
    assert next(r for r in rows if r["recipient"] == "total")["part"] == "3242094,00"

    code, out, err = _run(capsys, *ALLOCATE, "--format", "csv", "--dialect", "plain")
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sum(Decimal(r["amount"]) for r in rows if r["recipient"] not in ("total", "target", "residue")) == Decimal("3242094.00")


def test_allocation_json_receipt(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, *ALLOCATE, "--format", "json")
    assert (code, err) == (0, "")
    receipt = json.loads(out)
    assert receipt["format"] == "izafunding-receipt/1"
    rows = receipt["figures"][0]["rows"]
    assert sum(r["amount"]["cents"] for r in rows) == 324209400
    again = _run(capsys, *ALLOCATE, "--format", "json")[1]
    assert again == out  # no timestamps: the same input gives the same bytes


def test_settlement_xlsx_read_back(capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path) -> None:
    """Midden-IJssel 2023 (seed 000): advances € 1.438.963, eligible € 1.295.300, repay € 143.663."""
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "settlement.xlsx"
    code, out, err = _run(capsys, "settle", str(files["grant"]), "--format", "xlsx", "--output", str(target))
    assert (code, out, err) == (0, "", "")
    book = openpyxl.load_workbook(target)
    assert len(book.sheetnames) == 3  # figures, explanation, sources and findings
    numbers = [c.value for row in book.worksheets[0].iter_rows() for c in row if isinstance(c.value, (int, float, Decimal))]
    assert 143663 in numbers or Decimal("143663") in numbers or 143663.0 in numbers


def test_xlsx_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, *ALLOCATE, "--format", "xlsx")
    assert code == 2
    assert err == "izafunding allocate: error: --format xlsx writes a workbook: give --output FILE.xlsx\n"


def test_a_missing_extra_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed
    target = tmp_path / "x.xlsx"
    code, _out, err = _run(capsys, *ALLOCATE, "--format", "xlsx", "--output", str(target))
    assert code == 2
    assert err.count("\n") == 1
    assert "needs openpyxl, which is not installed: install izafunding[excel]" in err
    assert not target.exists()


def test_an_unwritable_output_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "award", "Zutphen", "--output", str(tmp_path / "no" / "such" / "dir.txt"))
    assert code == 2
    assert err.startswith("izafunding award: error: ")
    assert "cannot write the file" in err


def test_a_command_builds_only_its_own_parser(capsys: pytest.CaptureFixture[str]) -> None:
    """main() builds only the parser of the command it runs; the names list matches every parser."""
    import argparse

    from izafunding import cli

    every = build_parser()
    sub = next(a for a in every._actions if isinstance(a, argparse._SubParsersAction))
    assert tuple(sub.choices) == cli._NAMES == COMMANDS
    only = build_parser("award")
    sub = next(a for a in only._actions if isinstance(a, argparse._SubParsersAction))
    assert tuple(sub.choices) == ("award",)
    with pytest.raises(SystemExit):
        main(["awrd", "Zutphen"])
    assert "unknown choice 'awrd' (choose from 'allocate', 'example', 'scenario', 'settle', 'award', 'risk', 'overview', 'sisa')" in capsys.readouterr().err
