"""Names as people write them: matching, alternative names and "did you mean"; pure."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import final

import attrs

from ..errors import UnknownNameError
from .spelling import name_key


__all__ = ["Resolved", "did_you_mean", "find", "name_key", "resolve", "suggest", "suggestion_hint"]

# Words that say little about which name is meant ("Bergen op Zoom" and "Alphen aan den Rijn"
# share "aan", "den", "op" with many others).
_FILLER = frozenset({"a", "aan", "de", "den", "der", "en", "het", "in", "op", "s", "t", "van"})


def _words(key: str) -> set[str]:
    return {w for w in key.split() if w not in _FILLER}


def _score(query: str, candidate: str) -> tuple[int, float]:
    """How likely *candidate* is meant by *query*: a class (higher first), then similarity."""
    ratio = difflib.SequenceMatcher(None, query, candidate).ratio()
    compact_q, compact_c = query.replace(" ", ""), candidate.replace(" ", "")
    if compact_q == compact_c:
        return 5, 1.0  # a space or hyphen more or less
    if candidate.startswith(query) or query.startswith(candidate):
        return 4, ratio  # typed the start ("Bergen" -> "Bergen (L.)"), or added a word
    q_words, c_words = _words(query), _words(candidate)
    if q_words and c_words and (q_words <= c_words or c_words <= q_words):
        return 3, ratio  # the words of one are in the other ("Nuenen" -> "Nuenen, Gerwen en ...")
    if any(
        difflib.SequenceMatcher(None, q, c).ratio() >= 0.8 for q in q_words for c in c_words
    ) and bool(q_words & c_words or len(q_words) == len(c_words) == 1):
        return 2, ratio  # a word mistyped ("Zutfen" -> "Zutphen")
    if q_words & c_words:
        return 1, ratio  # a word in common
    return 0, ratio


def suggest(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """
    The known names that *name* most likely means, best first: the same name
    spelled otherwise, then names it is the start of, names sharing its words,
    names with one word mistyped; by similarity only where nothing else fits.

    >>> suggest("Bergen", ["Tubbergen", "Bergen (L.)", "Bergen (NH.)", "Bergen op Zoom"])
    ['Bergen (L.)', 'Bergen (NH.)', 'Bergen op Zoom']
    >>> suggest("zutfen", ["Zutphen", "Zwolle", "Deventer"])
    ['Zutphen']
    """
    query = name_key(name)
    if not query:
        return []
    scored: list[tuple[tuple[int, float], str]] = []
    for k in dict.fromkeys(known):
        score = _score(query, name_key(k))
        if score[0] > 0 or score[1] >= 0.75:
            scored.append((score, k))
    scored.sort(key=lambda item: (-item[0][0], -item[0][1], item[1]))
    return [k for _, k in scored[:n]]


def did_you_mean(name: str, known: Iterable[str], n: int = 3) -> str:
    """
    The hint for an error message: ``"; did you mean 'A', 'B'?"``, or ``""``.

    >>> did_you_mean("Zwole", ["Zwolle", "Zutphen"])
    "; did you mean 'Zwolle'?"
    """
    return suggestion_hint(suggest(name, known, n))


def suggestion_hint(close: Iterable[str]) -> str:
    """
    The hint for names already found (by :func:`suggest` or a lookup that knows more, such
    as the alternative names of municipalities): ``"; did you mean 'A', 'B'?"``, or ``""``.

    >>> suggestion_hint(["Zwolle"]), suggestion_hint([])
    ("; did you mean 'Zwolle'?", '')
    """
    names = list(close)
    return f"; did you mean {', '.join(map(repr, names))}?" if names else ""


@final
@attrs.frozen(kw_only=True)
class Resolved:
    """
    A name as the user gave it, and the official name it was read as.

    Attributes:
        given: What the user wrote.

        name: The official name.

        reason: Why they differ (``"alternative name"``, ``"spelling"``, ...),
            ``""`` when the user wrote the official name.
    """

    given: str
    name: str
    reason: str = ""

    @property
    def note(self) -> str:
        """
        The sentence to show once in an output, ``""`` when nothing was changed.

        >>> Resolved(given="Den Bosch", name="'s-Hertogenbosch", reason="alternative name").note
        "'Den Bosch' read as 's-Hertogenbosch (alternative name)"
        """
        if not self.reason:
            return ""
        return f"{self.given!r} read as {self.name} ({self.reason})"


def resolve(
    name: str,
    known: Sequence[str],
    *,
    what: str,
    aliases: Mapping[str, tuple[str, str]] | None = None,
    extra_hint: str = "",
) -> Resolved:
    """
    The official name among *known* that *name* means: the name itself, the
    same name in another case, without diacritics, with spaces for hyphens or
    without an apostrophe (``"s-Hertogenbosch"``), or an entry of *aliases*
    (name key -> (official name, reason)). Nothing else is guessed: an
    unknown or ambiguous name raises, with suggestions.

    >>> resolve("SUDWEST-FRYSLAN", ["Súdwest-Fryslân"], what="municipality").note
    "'SUDWEST-FRYSLAN' read as Súdwest-Fryslân (spelling)"
    >>> resolve("Bergen", ["Bergen (L.)", "Bergen (NH.)"], what="municipality")
    Traceback (most recent call last):
    ...
    izafunding.errors.UnknownNameError: 'Bergen' is not a municipality; did you mean 'Bergen (L.)', 'Bergen (NH.)'?

    Raises:
        UnknownNameError: *name* matches no known name (the message says
            *what* was expected and suggests the likeliest known names).
    """
    if not isinstance(name, str):
        msg = f"a {what} must be given as text (got {name!r})"
        raise UnknownNameError(msg)
    found = find(name, known, aliases=aliases)
    if found is not None:
        return found
    key = name_key(name)
    matches = [k for k in known if name_key(k) == key]
    candidates = matches or suggest(name, known)
    hint = f"; did you mean {', '.join(map(repr, candidates))}?" if candidates else ""
    msg = f"{name!r} is not a {what}{hint}{extra_hint}"
    raise UnknownNameError(msg)


def find(
    name: str, known: Sequence[str], *, aliases: Mapping[str, tuple[str, str]] | None = None
) -> Resolved | None:
    """
    What :func:`resolve` finds, or ``None`` where it would raise (no known name, or several,
    match): for a caller that tries another kind of name next, without the cost of the
    suggestions of an error it would not show.

    >>> find("zutphen", ["Zutphen", "Zwolle"]).note
    "'zutphen' read as Zutphen (spelling)"
    >>> find("Bergen", ["Bergen (L.)", "Bergen (NH.)"]) is None
    True
    """
    if not isinstance(name, str):
        return None
    if name in known:
        return Resolved(given=name, name=name)
    key = name_key(name)
    matches = [k for k in known if name_key(k) == key]
    if len(matches) == 1:
        plain = " ".join(name.split())
        return Resolved(given=name, name=matches[0], reason="" if plain == matches[0] else "spelling")
    if not matches and aliases and key in aliases:
        official, reason = aliases[key]
        if official in known:
            return Resolved(given=name, name=official, reason=reason)
    return None
