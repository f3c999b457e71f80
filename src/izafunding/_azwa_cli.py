"""The text of ``izafunding award NAME --year 2027`` (the SPUK AZWA estimate); no I/O."""

from __future__ import annotations

from . import data
from ._azwa import PROVISIONAL_NOTE
from .errors import UnknownNameError


__all__ = ["render_azwa_award"]


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
    out: list[str] = []
    wanted = " ".join(str(name).split()).lower()
    parts = []
    if any(m.lower() == wanted for m in data.municipalities()):
        parts.append("local")
    regions = [r for r in data.regions() if r.lower() == wanted]
    regions += [
        r.name for r in data.regions().values() if r.mandated.name.lower() == wanted and r.name not in regions
    ]
    if not parts and not regions:
        data.azwa_estimate(name, year)  # raises with suggestions
        msg = f"{name!r} is neither a municipality nor a region"  # pragma: no cover
        raise UnknownNameError(msg)  # pragma: no cover
    estimates = [data.azwa_estimate(name, year, part="local")] if parts else []
    estimates += [data.azwa_estimate(r, year, part="regional") for r in regions]
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
