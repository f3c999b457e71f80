"""
What each subcommand prints: one pure text-in, text-out function per command (the file's *text*
and its name in, the output out); no I/O, no printing (``cli.py`` reads the file and prints).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs


if TYPE_CHECKING:
    from ._files.allocate import AllocationRequest
    from ._schemes.azwa import AzwaEstimate
    from ._transformation.risk import RepaymentRisk


__all__ = [
    "CommandOutput",
    "allocation_output",
    "award_output",
    "overview_output",
    "render_allocation",
    "render_azwa_award",
    "render_overview",
    "render_risk_file",
    "render_scenario_file",
    "render_sisa_file",
    "risk_output",
    "scenario_output",
    "settle_output",
    "sisa_output",
]


@attrs.frozen(kw_only=True)
class CommandOutput:
    """
    What a command gives: the *text* it prints and the result objects it computed, which the
    command line exports for ``--format csv|json|xlsx`` (through each result's own ``to_csv``,
    ``to_dict`` and ``to_xlsx``).

    Each command's module is imported inside its function, so that the command line starts by
    loading only what the command run uses.
    """

    text: str
    results: tuple[object, ...] = ()


def award_output(name: str, year: int | None = None) -> CommandOutput:
    """``izafunding award NAME [--year Y]``: the published amounts, or the AZWA estimate 2027-2029."""
    if year in (2027, 2028, 2029):
        assert year is not None
        return CommandOutput(
            text=render_azwa_award(name, year), results=tuple(_azwa_award_estimates(name, year)[0])
        )
    from ._files.award import award_tables, render_award

    return CommandOutput(text=render_award(name, year), results=award_tables(name, year))


def settle_output(text: str, source: str, *, explain: bool = False) -> CommandOutput:
    """``izafunding settle FILE.toml``: the settlement of the grant file *text*, and the settlement."""
    from ._files.grant import parse_grant_toml
    from ._files.inputs import fail
    from .errors import FundingError

    grant, spent = parse_grant_toml(text, source)
    try:
        settlement = grant.settle(spent)
    except FundingError as e:
        where = "" if str(e).startswith("spent") else "spent: "
        raise fail(source, f"{where}{e}") from None
    out = settlement.render()
    if explain:
        out += "\n\nHow it was computed:\n" + "\n".join(settlement.explain())
    return CommandOutput(text=out, results=(settlement,))


def render_azwa_award(name: str, year: int) -> str:
    """
    A municipality's local part and, for a region (or a mandated
    municipality), the regional part of the SPUK AZWA in *year*, each
    labelled as an estimate with its method and source.

    >>> print(render_azwa_award("Zutphen", 2027))
    Zutphen: SPUK AZWA 2027, local part: € 655.292 -- ESTIMATE, not an award; provisional ...
      method: the national local line 2027 (€ 231.000.000) allocated over the 342 municipalities in proportion to their 2026 Brede SPUK amounts, by largest remainder in whole euros
      source: VWS letter to the VNG ...

    Raises:
        UnknownNameError: Neither a municipality nor a region (with suggestions).
    """
    from ._schemes.azwa import PROVISIONAL_NOTE

    estimates, note = _azwa_award_estimates(name, year)
    out: list[str] = [note] if note else []
    for e in estimates:
        if out:
            out.append("")
        label = (
            f"ESTIMATE, not an award; {PROVISIONAL_NOTE}"
            if e.is_estimate
            else f"published; {PROVISIONAL_NOTE}"
        )
        whom = e.name if e.part.value == "local" else f"{e.name} (region, to its mandated municipality)"
        out.append(f"{whom}: SPUK AZWA {year}, {e.part.value} part: {e.amount:whole} -- {label}")
        if e.method:
            out.append(f"  method: {e.method}")
        out.append(f"  source: {e.source}")
    return "\n".join(out)


def _azwa_award_estimates(name: str, year: int) -> tuple[list[AzwaEstimate], str]:
    """
    The AZWA estimates ``award NAME --year Y`` shows: a municipality's local part and the regional
    part of a region (or of the region a mandated municipality holds), and a note when a common name
    or code was read as the official one ("Den Bosch" -> 's-Hertogenbosch).
    """
    from . import data
    from .errors import UnknownNameError

    note = ""
    wanted = " ".join(str(name).split()).lower()
    municipal = [m for m in data.municipalities() if m.lower() == wanted]
    regions = [r for r in data.regions() if r.lower() == wanted]
    if not municipal and not regions:
        try:
            resolved = data.resolve_municipality(str(name))
        except UnknownNameError:
            data.azwa_estimate(name, year)  # raises with suggestions
            raise  # pragma: no cover
        municipal = [resolved.name]
        note = resolved.note or ""
    wanted = municipal[0].lower() if municipal else wanted
    regions += [
        r.name for r in data.regions().values() if r.mandated.name.lower() == wanted and r.name not in regions
    ]
    estimates = [data.azwa_estimate(municipal[0], year, part="local")] if municipal else []
    estimates += [data.azwa_estimate(r, year, part="regional") for r in regions]
    return estimates, note


def render_scenario_file(
    text: str,
    source: str,
    *,
    explain: bool = False,
    without_partners: str | None = None,
    award: str | None = None,
) -> str:
    """
    What ``izafunding scenario FILE.toml`` prints: the scenario read from
    *text*, and for each alternative asked for (*without_partners*:
    ``"municipalities-pay"`` or ``"keep-percentages"``; *award*: an annual
    amount such as ``"€ 3.023.765"``) the alternative and its comparison
    with the scenario.

    >>> from izafunding._files.scenario import EXAMPLE_TOML
    >>> out = render_scenario_file(EXAMPLE_TOML, "f.toml", award="€ 3.023.765")
    >>> "€ 755.941,25" in out and "B - A" in out
    True
    """
    return scenario_output(
        text, source, explain=explain, without_partners=without_partners, award=award
    ).text


def scenario_output(
    text: str,
    source: str,
    *,
    explain: bool = False,
    without_partners: str | None = None,
    award: str | None = None,
) -> CommandOutput:
    """:func:`render_scenario_file`'s text and the scenario with its alternatives (results)."""
    from ._core.money import Money
    from ._files.scenario import parse_scenario_toml
    from ._scenarios.compare import compare
    from ._scenarios.scenario import PartnerShortfall
    from .errors import InputFileError

    scenario = parse_scenario_toml(text, source)
    out = [scenario.render(explain=explain)]
    alternatives = []
    if without_partners is not None:
        choices = {s.value: s for s in PartnerShortfall}
        if without_partners not in choices:
            msg = (
                f"--without-partners must be {' or '.join(map(repr, choices))} "
                f"(got {without_partners!r})"
            )
            raise InputFileError(msg)
        alternatives.append(scenario.without_partners(shortfall=choices[without_partners]))
    if award is not None:
        alternatives.append(scenario.scaled_to_award(Money.parse(award)))
    for alternative in alternatives:
        out += [
            "",
            "=" * 20,
            "",
            alternative.render(explain=explain),
            "",
            "Compared with the scenario in the file:",
            "",
            compare(scenario, alternative).render(only_differences=True),
        ]
    return CommandOutput(text="\n".join(out), results=(scenario, *alternatives))


def render_sisa_file(text: str, source: str) -> str:
    """
    The SiSa rows and the settlement between the members of a ``sisa`` file,
    as ``izafunding sisa`` prints it.

    >>> from izafunding._files.sisa import SISA_TOML
    >>> print(render_sisa_file(SISA_TOML, "sisa.toml"))
    SiSa 2023: SPUK IZA for Midden-IJssel (accounted by Deventer)
    Deliver by 15 July 2024
    ...
    Repayable to the Rijk € 180.163,00:
    ...
    """
    return sisa_output(text, source).text


def sisa_output(text: str, source: str) -> CommandOutput:
    """:func:`render_sisa_file`'s text and the settlement it shows."""
    from ._files.inputs import fail
    from ._files.sisa import parse_sisa_toml
    from .errors import FundingError

    parsed = parse_sisa_toml(text, source)
    try:
        settlement = parsed.settle()
        years = [parsed.year] if parsed.year is not None else sorted(parsed.spent)
        out: list[str] = []
        for y in years:
            if out:
                out.append("")
            out.append(settlement.sisa(y, wording=parsed.wording).render())
            if y in settlement.members_by_year:
                out += ["", settlement.members(y).render()]
    except FundingError as e:
        raise fail(source, str(e)) from None
    out += ["", settlement.render()]
    return CommandOutput(text="\n".join(out), results=(settlement,))


def render_overview(name: str, text: str | None = None, source: str = "") -> str:
    """The text of ``izafunding overview NAME [FILE.toml]``."""
    return overview_output(name, text, source).text


def overview_output(name: str, text: str | None = None, source: str = "") -> CommandOutput:
    """:func:`render_overview`'s text and the overview."""
    from ._files.overview import overview_from_file

    overview = overview_from_file(name, text, source)
    return CommandOutput(text=overview.render(), results=(overview,))


def render_risk_file(
    text: str,
    source: str,
    *,
    max_outcomes: int | None = None,
    rows: int = 32,
    levels: str | None = None,
) -> str:
    """
    The text of ``izafunding risk FILE.toml``: the schedule and its checks,
    the exposure per bearer, the risk section per bearer, the exact
    distribution as a table, and the mitigation scenario if asked for.

    *max_outcomes* and *levels* (text such as ``"90%,95%,99%"``) override the
    file's ``[risk]`` table; *rows* limits each distribution table.
    """
    return risk_output(text, source, max_outcomes=max_outcomes, rows=rows, levels=levels).text


def risk_output(
    text: str,
    source: str,
    *,
    max_outcomes: int | None = None,
    rows: int = 32,
    levels: str | None = None,
) -> CommandOutput:
    """:func:`render_risk_file`'s text and the repayment risk per bearer (the results)."""
    from ._files.inputs import fail
    from ._files.schedule import _levels, parse_risk_toml
    from ._render import formats
    from .errors import DistributionTooLargeError

    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        option = "--rows"
        raise fail(option, f"must be a whole number of rows, 0 or more (got {rows!r})")
    risk_file = parse_risk_toml(text, source)
    if max_outcomes is not None:
        risk_file = attrs.evolve(risk_file, max_outcomes=max_outcomes)
    if levels is not None:
        option = "--levels"
        parsed = _levels(levels, option)
        if not parsed:
            raise fail(option, f"write levels such as 90%,95% (got {levels!r})")
        risk_file = attrs.evolve(risk_file, levels=parsed)
    schedule = risk_file.schedule
    profile = schedule.risk(risk_file.chances, max_outcomes=risk_file.max_outcomes)
    out = [*schedule.explain()]
    if risk_file.source:
        out.append(f"Source: {risk_file.source}")
    out += ["", "Exposure (worst case: every milestone missed, all money spent):"]
    out += [f"  {bearer}: {amount}" for bearer, amount in schedule.exposure().items()]
    out += ["", "Risk section (risicoparagraaf):"]
    for bearer, risk in profile.items():
        try:
            out += list(risk.explain(risk_file.levels))
        except DistributionTooLargeError as e:
            out += [
                f"{bearer}: {len(risk.stakes)} milestones, exposure (worst case) {risk.worst_case}",
                f"  expected repayment: {formats.approx_euros(risk.expected)}",
                f"  the distribution is not computed: {e}",
            ]
    out += ["", "The exact distribution of the repayment per bearer:"]
    for bearer, risk in profile.items():
        out += [f"{bearer}:", *_risk_table(risk, rows)]
    if risk_file.withhold_below is not None:
        mitigation = schedule.mitigate(
            risk_file.chances, below=risk_file.withhold_below, max_outcomes=risk_file.max_outcomes
        )
        try:
            out += ["", "Mitigation:", *mitigation.explain(risk_file.levels)]
        except DistributionTooLargeError:
            out += ["", "Mitigation:", *mitigation.explain(())]
    return CommandOutput(text="\n".join(out), results=tuple(profile.values()))


def render_allocation(req: AllocationRequest, *, explain: bool = False) -> str:
    """
    The text of ``izafunding allocate``: where the total and the recipients
    come from, the key and its rounding, each part, the total and the residue.

    >>> from izafunding._files.allocate import AllocationRequest, parse_key
    >>> req = AllocationRequest(award="IJssel-Vecht", year=2026,
    ...                         key=parse_key("50% equal + 50% inhabitants"))
    >>> print(render_allocation(req))
    To divide: € 3.242.094,00, the SPUK-IZA award of IJssel-Vecht for 2026 (mandated municipality Zwolle)
    Source: VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025, ref. 4190863-1084972-DMO, annex 2B
    Recipients: the 8 members of IJssel-Vecht, built in (Memo SPUK IZA 2025, ...)
    Inhabitants: Memo SPUK IZA 2025, ...; the memo does not state the reference date
    Key: 50% equal + 50% by inhabitants, rounded once at the end (largest remainder in units of € 0,01)
    <BLANKLINE>
    Dalfsen ...
    ...
    residue                    € 0,00

    Raises:
        FundingError: The total, the recipients or the key cannot be used.
    """
    return allocation_output(req, explain=explain).text


def allocation_output(req: AllocationRequest, *, explain: bool = False) -> CommandOutput:
    """:func:`render_allocation`'s text and the allocation."""
    from fractions import Fraction

    from ._core.money import Money
    from ._core.rounding import HalfUpEach, LargestRemainder, Rounding, allocate
    from ._files.allocate import KeyPart, _key, _recipients, _total, format_key
    from .errors import FundingError, InputFileError

    parts = req.key or (KeyPart(weight=Fraction(1), basis="inhabitants"),)
    needs_weights = any(p.basis != "equal" for p in parts)
    total, lines, region = _total(req)
    weights, recipients, more = _recipients(req, region, needs_weights)
    lines += more
    unit = Money("0.01") if req.unit is None else req.unit
    rounding: Rounding = (
        HalfUpEach(unit=unit) if req.rounding == "half-up-each" else LargestRemainder(unit=unit)
    )
    key = _key(parts, recipients, weights)
    once = ", rounded once at the end" if len(parts) > 1 else ""
    lines.append(f"Key: {format_key(parts)}{once} ({rounding.describe()})")
    try:
        alloc = allocate(total, key, rounding=rounding)
    except FundingError as e:
        msg = f"{req.weights_source or req.origin}: {e}"
        raise InputFileError(msg) from None
    width = max(len("to divide"), *(len(str(r)) for r in alloc)) + 2
    lines.append("")
    lines += [f"{r!s:<{width}}{alloc[r]!s:>20}" for r in alloc]
    lines.append("-" * (width + 20))
    lines.append(f"{'total':<{width}}{alloc.total!s:>20}")
    lines.append(f"{'to divide':<{width}}{alloc.target!s:>20}")
    lines.append(f"{'residue':<{width}}{alloc.residue!s:>20}")
    if explain:
        lines += ["", *alloc.explain()]
    return CommandOutput(text="\n".join(lines), results=(alloc,))


def _risk_table(risk: RepaymentRisk, rows: int) -> list[str]:
    from ._core.money import Money
    from ._render import formats
    from .errors import DistributionTooLargeError

    try:
        data = risk.to_rows()
    except DistributionTooLargeError as e:
        return [f"  ({e})"]
    lines = [f"  {'repayment':>16}{'probability':>14}{'P(≤ amount)':>14}{'P(> amount)':>14}"]
    shown = data if len(data) <= rows else data[:rows]
    for row in shown:
        lines.append(
            f"  {Money(row['amount'])!s:>16}"  # type: ignore[arg-type]
            f"{formats.percent_fixed(row['probability']):>14}"  # type: ignore[arg-type]
            f"{formats.percent_fixed(row['cumulative']):>14}"  # type: ignore[arg-type]
            f"{formats.percent_fixed(row['exceedance']):>14}"  # type: ignore[arg-type]
        )
    if len(data) > rows:
        lines.append(f"  ... {len(data) - rows} more outcomes (use --rows {len(data)} to see all)")
    return lines
