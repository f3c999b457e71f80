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
from typing import TYPE_CHECKING, Any, Final, NoReturn

from .errors import FundingError, InputFileError


if TYPE_CHECKING:
    from ._commands import CommandOutput


__all__ = ["main"]

# A handler returns the text to print, or the text with the results it computed (to export).
Handler = Callable[[argparse.Namespace], "str | CommandOutput"]


def _read(path: str) -> str:
    from pathlib import Path

    from ._files.inputs import check_file_size

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


def _template_or_file(args: argparse.Namespace, template: str, what: str) -> str | None:
    """
    The file template if ``--template`` was asked; otherwise ``None``, once it is sure that
    a FILE was given (*what* names it in the error).
    """
    if args.template:
        return template.rstrip("\n")
    if not args.file:
        msg = f"give {what} (FILE.toml), or --template to print one to start from"
        raise InputFileError(msg)
    return None


# -- izafunding allocate ------------------------------------------------------


def _cmd_allocate(args: argparse.Namespace) -> str | CommandOutput:
    from ._commands import allocation_output
    from ._core.money import Money
    from ._files.allocate import EXAMPLE_TOML as ALLOCATE_TOML
    from ._files.allocate import AllocationRequest, parse_allocation_toml
    from ._files.allocate import parse_key as parse_allocation_key
    from ._files.inputs import parse_weights_csv

    if args.template:
        return ALLOCATE_TOML.rstrip("\n")
    positional = [a for a in (args.total, args.file) if a is not None]
    total_text = file = None
    if len(positional) == 2:
        total_text, file = positional
    elif len(positional) == 1:
        # One argument: a file by its extension, else the amount.
        if positional[0].lower().endswith((".toml", ".csv")):
            file = positional[0]
        else:
            total_text = positional[0]
    if file is not None and args.weights is not None:
        msg = f"give the weights once: {file} or --weights {args.weights}"
        raise InputFileError(msg)
    cli = AllocationRequest(
        total=Money.parse(total_text) if total_text is not None else None,
        award=args.award,
        year=args.year,
        table=args.table,
        key=parse_allocation_key(args.key) if args.key is not None else None,
        rounding=args.rounding,
        unit=Money.parse(args.unit) if args.unit is not None else None,
    )
    path = file or args.weights
    if path is not None:
        text = _read(path)
        if path.lower().endswith(".csv"):
            weights = parse_weights_csv(text, path)
            from_file = AllocationRequest(weights=tuple(weights.items()), weights_source=path, origin=path)
        else:
            from_file = parse_allocation_toml(text, path)
        cli = cli.combined(from_file)
    return allocation_output(cli, explain=args.explain)


def _add_allocate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "allocate",
        help="split a total or a published award over recipients by a key (mixed keys allowed)",
        description=(
            "Split an amount over recipients and print each part, the total and the residue. "
            "The amount is TOTAL, or a published award (--award NAME --year Y, from the VWS "
            "tables). The recipients and their weights come from FILE or --weights FILE (a CSV "
            "file of name,weight rows, or a TOML file with a [weights] table; see --template), "
            "or, for a region whose members are built in (IJssel-Vecht, with inhabitants), from "
            "the built-in members. The key may mix keys, e.g. --key '50% equal + 50% "
            "inhabitants'; it is rounded once, at the end."
        ),
    )
    p.add_argument("total", nargs="?", help="the amount to divide, e.g. '€ 262.000' or 262000")
    p.add_argument(
        "file",
        nargs="?",
        help="TOML (an allocation file, see --template) or CSV (name,weight) file",
    )
    p.add_argument("--award", help="divide this region's SPUK-IZA (or municipality's Brede SPUK) award")
    p.add_argument("--year", type=int, help="the year of --award (2025 or 2026)")
    p.add_argument(
        "--table",
        choices=["spuk-iza", "brede-spuk"],
        help="which table --award is read from, where a name is both a region and a municipality",
    )
    p.add_argument("--weights", help="the recipients' weights: a CSV (name,weight) or TOML file")
    p.add_argument(
        "--key",
        help="equal, inhabitants (pro-rata by the weights; the default), fixed (shares summing to "
        "1), or parts such as '50%% equal + 50%% inhabitants' or '1/3 equal + 2/3 inhabitants'",
    )
    p.add_argument(
        "--rounding",
        choices=["largest-remainder", "half-up-each"],
        help="largest-remainder (parts sum to the total; default) or half-up-each "
        "(each part rounded alone, as spreadsheets do; the residue is shown)",
    )
    p.add_argument("--unit", help="rounding unit, e.g. '€ 1' (default € 0,01)")
    p.add_argument("--explain", action="store_true", help="say how each part was computed")
    p.add_argument(
        "--template", action="store_true", help="print an example allocation file to start from"
    )
    p.set_defaults(handler=_cmd_allocate)


# -- izafunding example ----------------------------------------------------------


def _cmd_example(args: argparse.Namespace) -> str:
    from . import examples

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


def _cmd_scenario(args: argparse.Namespace) -> str | CommandOutput:
    from ._commands import scenario_output
    from ._files.scenario import EXAMPLE_TOML

    if (template := _template_or_file(args, EXAMPLE_TOML, "a scenario file")) is not None:
        return template
    return scenario_output(
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


def _cmd_settle(args: argparse.Namespace) -> str | CommandOutput:
    from ._commands import settle_output
    from ._files.grant import EXAMPLE_TOML as GRANT_TOML

    if (template := _template_or_file(args, GRANT_TOML, "a grant file")) is not None:
        return template
    return settle_output(_read(args.file), args.file, explain=args.explain)


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


def _cmd_award(args: argparse.Namespace) -> CommandOutput:
    from ._commands import award_output

    return award_output(args.name, args.year)


def _text_award(args: argparse.Namespace) -> str | None:
    """The text alone, for a year of the tables: a municipality as the table spells it is
    printed from the rows, without loading the value objects (``render_award``)."""
    from ._schemes.national_rows import YEARS

    if args.year is not None and args.year not in YEARS:
        return None  # the AZWA estimate, or an error: the command's own way
    from ._files.award import render_award

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
    p.add_argument(
        "--year", type=int, help="only this year (2025 or 2026; 2027-2029: the SPUK AZWA estimate)"
    )
    p.set_defaults(handler=_cmd_award, text_handler=_text_award)


# -- izafunding overview -------------------------------------------------------------


def _cmd_overview(args: argparse.Namespace) -> str | CommandOutput:
    from ._commands import overview_output
    from ._files.overview import OVERVIEW_TOML

    if args.template:
        return OVERVIEW_TOML.rstrip("\n")
    if not args.name:
        msg = "give a municipality (NAME), or --template to print an overview file to start from"
        raise InputFileError(msg)
    text = _read(args.file) if args.file else None
    return overview_output(args.name, text, args.file or "")


def _add_overview(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "overview",
        help="one municipality's funding 2023-2029 per scheme, every figure with its kind and source",
        description=(
            "Print a municipality's funding per year 2023-2029: published Brede SPUK and SPUK-IZA "
            "amounts, the SPUK AZWA estimate (provisional), and the figures of FILE.toml (awards "
            "of other years, its share of the region's SPUK-IZA, published AZWA amounts, "
            "transformation advances), with totals. See --template for the file."
        ),
    )
    p.add_argument("name", nargs="?", help="a municipality ('Zutphen')")
    p.add_argument("file", nargs="?", help="optional: the municipality's own figures (TOML)")
    p.add_argument("--template", action="store_true", help="print an overview file to start from")
    p.set_defaults(handler=_cmd_overview)


# -- izafunding risk -----------------------------------------------------------------


def _cmd_risk(args: argparse.Namespace) -> str | CommandOutput:
    from ._commands import risk_output
    from ._files.schedule import RISK_TOML

    if (template := _template_or_file(args, RISK_TOML, "a milestone file")) is not None:
        return template
    return risk_output(
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
            "with 90% and 95% probability, for a budget's risk section. "
            "See --template for the format."
        ),
    )
    p.add_argument("file", nargs="?", help="the milestone file (TOML)")
    p.add_argument(
        "--levels",
        help="probability levels to report, as percentages ('90,95,99' or '90%%,95%%') or "
        "fractions ('0.9,0.95'; '0,9' is 0.9); default 90,95",
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


# -- izafunding sisa -----------------------------------------------------------------


def _cmd_sisa(args: argparse.Namespace) -> str | CommandOutput:
    from ._commands import sisa_output
    from ._files.sisa import SISA_TOML

    if (template := _template_or_file(args, SISA_TOML, "a grant file")) is not None:
        return template
    return sisa_output(_read(args.file), args.file)


def _add_sisa(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sisa",
        help="the SiSa rows of a grant and the settlement between a region's members",
        description=(
            "Read a grant, what the mandated municipality passed on to each member and what "
            "each spent from FILE.toml, and print the SiSa rows of each year (H35 and H35B "
            "for SPUK IZA; definitions not verified against the SiSa annex are marked), the "
            "settlement between the members and with the Rijk. See --template for the format."
        ),
    )
    p.add_argument("file", nargs="?", help="the grant file (TOML)")
    p.add_argument(
        "--template", action="store_true", help="print an example file to start from"
    )
    p.set_defaults(handler=_cmd_sisa)


# -- main -------------------------------------------------------------------------

_COMMANDS: tuple[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None], ...] = (
    _add_allocate,
    _add_example,
    _add_scenario,
    _add_settle,
    _add_award,
    _add_risk,
    _add_overview,
    _add_sisa,
)


# The subcommands' names, in the order of _COMMANDS.
_NAMES: Final = ("allocate", "example", "scenario", "settle", "award", "risk", "overview", "sisa")


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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """
    The argument parser with every subcommand, or with only *command*'s when it names one (what
    :func:`main` builds to run a command: the others' options need not be made).
    """
    parser: argparse.ArgumentParser = _ArgumentParser(
        prog="izafunding",
        description="Dutch municipal health funding (SPUK IZA, GALA, transformatiemiddelen), exact.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    adders = _COMMANDS
    if command is not None and command in _NAMES:
        adders = (_COMMANDS[_NAMES.index(command)],)
    for add in adders:
        add(sub)
    for subparser in sub.choices.values():
        _add_output_options(subparser)
    return parser


# -- the output: text, or an export of the command's results ------------------------

_FORMATS: Final = ("text", "csv", "json", "xlsx")
_FORMAT_NAMES: Final = {"csv": "CSV", "json": "JSON", "xlsx": "Excel (xlsx)"}


def _add_output_options(p: argparse.ArgumentParser) -> None:
    out = p.add_argument_group("output")
    out.add_argument(
        "--format",
        choices=_FORMATS,
        default="text",
        help="text (default); csv (the figures' table, exact numbers); json (the receipt: inputs, "
        "figures, rules with their sources, findings); xlsx (an Excel workbook, with --output; "
        "needs izafunding[excel])",
    )
    out.add_argument(
        "--dialect",
        choices=["excel-nl", "plain"],
        default="excel-nl",
        help="the CSV dialect: excel-nl (semicolon, decimal comma, what Dutch Excel opens; the "
        "default) or plain (comma, decimal point)",
    )
    out.add_argument("--output", metavar="FILE", help="write the output to FILE instead of the screen")


def _export(args: argparse.Namespace, output: str | CommandOutput) -> str | bytes:
    """The text, or the export of the command's results in ``--format``."""
    text, results = (output, ()) if isinstance(output, str) else (output.text, output.results)
    fmt: str = args.format
    if fmt == "text":
        return text
    what = _FORMAT_NAMES[fmt]
    if not results:
        msg = f"--format {fmt}: this output has no {what} export; use --format text"
        raise InputFileError(msg)
    lacking = sorted({type(r).__name__ for r in results if not hasattr(r, "report")})
    if lacking:
        msg = (
            f"--format {fmt}: the {args.command} command's result ({', '.join(lacking)}) has no "
            f"{what} export yet; use --format text"
        )
        raise InputFileError(msg)
    exportable: list[Any] = list(results)
    if fmt == "xlsx":
        if args.output is None:
            msg = "--format xlsx writes a workbook: give --output FILE.xlsx"
            raise InputFileError(msg)
        if len(exportable) == 1:
            return bytes(exportable[0].to_xlsx())
        from ._render.xlsx import workbook

        return workbook([r.report() for r in exportable])
    if fmt == "json":
        import json

        data = exportable[0].to_dict() if len(exportable) == 1 else [r.to_dict() for r in exportable]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # CSV: one table per result, separated by an empty line; one byte-order mark, at the start.
    tables = [str(r.to_csv(args.dialect)) for r in exportable]
    bom = "\ufeff" if tables[0].startswith("\ufeff") else ""
    return bom + "\r\n".join(t.removeprefix("\ufeff") for t in tables)


def _write(args: argparse.Namespace, content: str | bytes) -> None:
    """Write *content* to ``--output``, or print it."""
    path = args.output
    if path is None:
        assert isinstance(content, str)
        end = "" if args.format != "text" else "\n"
        sys.stdout.write(content + end)
        sys.stdout.flush()
        return
    from pathlib import Path

    try:
        if isinstance(content, bytes):
            Path(path).write_bytes(content)
        else:
            end = "\n" if args.format == "text" else ""
            Path(path).write_text(content + end, encoding="utf-8", newline="")
    except OSError as e:
        msg = f"{path}: cannot write the file ({e.strerror})"
        raise InputFileError(msg) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(words[0] if words else None)
    args = parser.parse_args(words)
    handler: Handler = args.handler
    # A command may print its text without computing the results it exports (--format text).
    text_handler: Callable[[argparse.Namespace], str | None] | None = getattr(
        args, "text_handler", None
    )
    try:
        text = text_handler(args) if text_handler is not None and args.format == "text" else None
        output = text if text is not None else _export(args, handler(args))
        if args.output is not None:
            _write(args, output)
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
            f" at {os.path.basename(where.tb_frame.f_code.co_filename)}:{where.tb_lineno}"
            if where is not None
            else ""
        )
        _error(
            args.command,
            f"internal error ({type(e).__name__}{place}): this is a bug in izafunding, "
            f"not in your input; please report it with the command and file you used",
        )
        return 2
    if args.output is not None:
        return 0
    try:
        _write(args, output)
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
