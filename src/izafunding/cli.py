"""
The command line: the one edge module that reads the user's files and prints.

Every domain module is pure; this module turns arguments and file contents
into calls, and results into text on standard output. Errors of the library
(``FundingError``) are printed as one line on standard error with exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, NoReturn

from . import examples
from ._allocation import Equal, Fixed, HalfUpEach, LargestRemainder, ProRata, allocate
from ._grant_file import EXAMPLE_TOML as GRANT_TOML
from ._grant_file import render_award, render_settle_file
from ._inputfiles import check_file_size, parse_weights_csv, parse_weights_toml
from ._money import Money
from ._scenario_file import EXAMPLE_TOML, render_scenario_file
from ._schedule_file import RISK_TOML, render_risk_file
from .errors import FundingError, InputFileError


__all__ = ["main"]

Handler = Callable[[argparse.Namespace], str]


def _read(path: str) -> str:
    try:
        check_file_size(Path(path).stat().st_size, path)
        # utf-8-sig: files saved by Notepad and Excel start with a byte-order mark.
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as e:
        msg = f"{path}: cannot read the file ({e.strerror})"
        raise InputFileError(msg) from None
    except UnicodeDecodeError as e:
        msg = f"{path}: not UTF-8 text (byte {e.start}); save the file as UTF-8"
        raise InputFileError(msg) from None


# -- izafunding allocate ------------------------------------------------------


def _cmd_allocate(args: argparse.Namespace) -> str:
    text = _read(args.weights)
    if args.weights.lower().endswith(".csv"):
        weights = parse_weights_csv(text, args.weights)
    else:
        weights = parse_weights_toml(text, args.weights)
    total = Money.parse(args.total)
    unit = Money.parse(args.unit)
    rounding = (
        LargestRemainder(unit=unit)
        if args.rounding == "largest-remainder"
        else HalfUpEach(unit=unit)
    )
    key: Equal | ProRata | Fixed
    if args.key == "equal":
        key = Equal(list(weights))
    elif args.key == "fixed":
        key = Fixed(weights)
    else:
        key = ProRata(weights)
    alloc = allocate(total, key, rounding=rounding)
    width = max(len(str(r)) for r in alloc) + 2
    lines = [f"{r!s:<{width}}{alloc[r]!s:>20}" for r in alloc]
    lines.append("-" * (width + 20))
    lines.append(f"{'total':<{width}}{alloc.total!s:>20}")
    lines.append(f"{'to divide':<{width}}{alloc.target!s:>20}")
    lines.append(f"{'residue':<{width}}{alloc.residue!s:>20}")
    if args.explain:
        lines += ["", *alloc.explain()]
    return "\n".join(lines)


def _add_allocate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "allocate",
        help="split a total over recipients by a key read from a TOML or CSV file",
        description=(
            "Split TOTAL over the recipients in WEIGHTS (a TOML file with a [weights] "
            "table, or a CSV file of name,weight rows) and print each part, the total "
            "and the residue."
        ),
    )
    p.add_argument("total", help="the amount to divide, e.g. '€ 262.000' or 262000")
    p.add_argument("weights", help="TOML ([weights] table) or CSV (name,weight) file")
    p.add_argument(
        "--key",
        choices=["pro-rata", "equal", "fixed"],
        default="pro-rata",
        help="pro-rata by the weights (default), equal parts, or fixed shares summing to 1",
    )
    p.add_argument(
        "--rounding",
        choices=["largest-remainder", "half-up-each"],
        default="largest-remainder",
        help="largest-remainder (parts sum to the total; default) or half-up-each "
        "(each part rounded alone, as spreadsheets do; the residue is shown)",
    )
    p.add_argument("--unit", default="€ 0,01", help="rounding unit, e.g. '€ 1' (default € 0,01)")
    p.add_argument("--explain", action="store_true", help="say how each part was computed")
    p.set_defaults(handler=_cmd_allocate)


# -- izafunding example ----------------------------------------------------------


def _cmd_example(args: argparse.Namespace) -> str:
    if args.list or not args.name:
        return "\n".join(f"{n:<32}{examples.get(n).title}" for n in examples.names())
    return examples.render(args.name)


def _add_example(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "example",
        help="print a worked example from the source documents on built-in data",
    )
    p.add_argument("name", nargs="?", help="the example's name (see --list)")
    p.add_argument("--list", action="store_true", help="list the examples")
    p.set_defaults(handler=_cmd_example)


# -- izafunding scenario -----------------------------------------------------------


def _cmd_scenario(args: argparse.Namespace) -> str:
    if args.template:
        return EXAMPLE_TOML.rstrip("\n")
    if not args.file:
        msg = "give a scenario file (FILE.toml), or --template to print one to start from"
        raise InputFileError(msg)
    return render_scenario_file(
        _read(args.file),
        args.file,
        explain=args.explain,
        without_partners=args.without_partners,
        award=args.award,
    )


def _add_scenario(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "scenario",
        help="run a funding-stop scenario written in a TOML file",
        description=(
            "Read a scenario (cost lines with annual amounts, reductions and shares, member "
            "municipalities with inhabitants, offsets, rounding) from FILE.toml and print "
            "its cost lines, the split over the members and the residue. "
            "See --template for the format."
        ),
    )
    p.add_argument("file", nargs="?", help="the scenario file (TOML)")
    p.add_argument("--explain", action="store_true", help="say how every figure was computed")
    p.add_argument(
        "--without-partners",
        choices=["municipalities-pay", "keep-percentages"],
        help="also show the scenario in which the partners do not pay (the municipalities "
        "make up the difference, or keep their percentages so less work is done), compared",
    )
    p.add_argument(
        "--award",
        help="also show the scenario on this annual award (e.g. '€ 3.023.765'), the lines "
        "scaled in proportion, compared",
    )
    p.add_argument(
        "--template", action="store_true", help="print an example scenario file to start from"
    )
    p.set_defaults(handler=_cmd_scenario)


# -- izafunding settle -------------------------------------------------------------


def _cmd_settle(args: argparse.Namespace) -> str:
    if args.template:
        return GRANT_TOML.rstrip("\n")
    if not args.file:
        msg = "give a grant file (FILE.toml), or --template to print one to start from"
        raise InputFileError(msg)
    return render_settle_file(_read(args.file), args.file, explain=args.explain)


def _add_settle(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "settle",
        help="settle a grant against what was spent, written in a TOML file",
        description=(
            "Read a grant (scheme, recipient, awards per year, optional advances) and what "
            "was spent from FILE.toml and print per year what is eligible, what moves to the "
            "next year, what shifted, what is repayable, and every rule outcome with its "
            "source. See --template for the format."
        ),
    )
    p.add_argument("file", nargs="?", help="the grant file (TOML)")
    p.add_argument("--explain", action="store_true", help="say how every figure was computed")
    p.add_argument(
        "--template", action="store_true", help="print an example grant file to start from"
    )
    p.set_defaults(handler=_cmd_settle)


# -- izafunding award -------------------------------------------------------------------


def _cmd_award(args: argparse.Namespace) -> str:
    return render_award(args.name, args.year)


def _add_award(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "award",
        help="print a municipality's GALA or a region's SPUK-IZA amounts from the national tables",
        description=(
            "Print a municipality's Brede SPUK (SPUK GALA) amounts, or a region's SPUK-IZA "
            "amounts and mandated municipality, for 2025 and 2026 (VWS letter of 12 September "
            "2025). An unknown name suggests the closest known ones."
        ),
    )
    p.add_argument("name", help="a municipality ('Zutphen') or region ('Midden-IJssel')")
    p.add_argument("--year", type=int, help="only this year (2025 or 2026)")
    p.set_defaults(handler=_cmd_award)


# -- izafunding risk -----------------------------------------------------------------


def _cmd_risk(args: argparse.Namespace) -> str:
    if args.template:
        return RISK_TOML.rstrip("\n")
    if not args.file:
        msg = "give a milestone file (FILE.toml), or --template to print one to start from"
        raise InputFileError(msg)
    return render_risk_file(
        _read(args.file),
        args.file,
        max_outcomes=args.max_outcomes,
        rows=args.rows,
        levels=args.levels,
    )


def _add_risk(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "risk",
        help="the exact repayment risk of a milestone schedule written in a TOML file",
        description=(
            "Read a transformation plan's milestones (kind, amount, due date, areas, bearer) "
            "and the chance that each is reached from FILE.toml, check the schedule against "
            "the plan's budget and risk split, and print the exposure per bearer, the exact "
            "distribution of the repayment, its expected value and the amounts not exceeded "
            "with 90%% and 95%% probability, for a budget's risk section. "
            "See --template for the format."
        ),
    )
    p.add_argument("file", nargs="?", help="the milestone file (TOML)")
    p.add_argument(
        "--levels", help="probability levels to report, e.g. '90%%,95%%,99%%' (default 90%%,95%%)"
    )
    p.add_argument(
        "--max-outcomes",
        type=int,
        help="the largest distribution to compute (default 100000; it grows as 2^milestones)",
    )
    p.add_argument("--rows", type=int, default=32, help="rows per distribution table (default 32)")
    p.add_argument(
        "--template", action="store_true", help="print an example milestone file to start from"
    )
    p.set_defaults(handler=_cmd_risk)


# -- main -------------------------------------------------------------------------

_COMMANDS: tuple[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None], ...] = (
    _add_allocate,
    _add_example,
    _add_scenario,
    _add_settle,
    _add_award,
    _add_risk,
)


class _ArgumentParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line in words, with exit code 2."""

    def error(self, message: str) -> NoReturn:
        for python, words in _ARGPARSE_WORDS:
            message = message.replace(python, words)
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


# argparse's own phrases, said as a user would.
_ARGPARSE_WORDS: Final = (
    ("invalid int value:", "expected a whole number, got"),
    ("invalid choice:", "unknown choice"),
    ("the following arguments are required:", "missing"),
    ("unrecognized arguments:", "unknown arguments:"),
    ("expected one argument", "expects a value"),
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser: argparse.ArgumentParser = _ArgumentParser(
        prog="izafunding",
        description="Dutch municipal health funding (SPUK IZA, GALA, transformatiemiddelen), exact.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in _COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        output = handler(args)
    except FundingError as e:
        _error(args.command, _one_line(str(e)))
        return 2
    except RecursionError:
        _error(args.command, "the input is nested too deeply to read")
        return 2
    except MemoryError:
        _error(args.command, "the input is too large to compute in the memory available")
        return 2
    except Exception as e:  # an error of ours, not of the input: never a traceback
        where = e.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        place = (
            f" at {Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}"
            if where is not None
            else ""
        )
        _error(
            args.command,
            f"internal error ({type(e).__name__}{place}): this is a bug in izafunding, "
            f"not in your input; please report it with the command and file you used",
        )
        return 2
    try:
        print(output)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (izafunding ... | head): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def _one_line(message: str) -> str:
    """A message on one line: line breaks inside it become '; '."""
    return "; ".join(part.strip() for part in message.splitlines() if part.strip())


def _error(command: str, message: str) -> None:
    print(f"izafunding {command}: error: {message}", file=sys.stderr)
