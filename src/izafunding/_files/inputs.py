"""Reading the text of a user's input file (TOML or CSV) into values; no I/O."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import attrs

from .._core.money import Money
from ..errors import FundingError, InputFileError


__all__ = [
    "TomlLocator",
    "check_keys",
    "fail",
    "field_money",
    "field_str",
    "field_table",
    "field_weight",
    "parse_toml",
    "parse_weights_csv",
    "parse_weights_toml",
    "text_field",
]


# "135.720", "1.438.963": dots grouping thousands, but not "0.300", which is plainly decimal.
_DUTCH_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """
    Parse TOML text; a syntax error names the file and the line.

    >>> parse_toml("total = '€ 262.000'", "x.toml")
    {'total': '€ 262.000'}
    >>> parse_toml("total = 1\\ntotal = 2", "x.toml")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: x.toml: not valid TOML: Cannot overwrite a value ...
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = f"{source}: not valid TOML: {e}"
        raise InputFileError(msg) from None


def _where(source: str, path: str) -> str:
    return f"{source}: {path}" if path else source


def field_table(
    data: Mapping[str, Any], name: str, *, source: str, path: str = ""
) -> Mapping[str, Any]:
    """The table (mapping) *name* in *data*; missing or not a table is an error."""
    where = _where(source, f"{path}.{name}" if path else name)
    if name not in data:
        msg = f"{where}: missing; add a [{f'{path}.' if path else ''}{name}] table"
        raise InputFileError(msg)
    value = data[name]
    if not isinstance(value, Mapping):
        msg = f"{where}: must be a table, got {value!r}"
        raise InputFileError(msg)
    return value


def field_str(data: Mapping[str, Any], name: str, *, source: str, path: str = "") -> str:
    """The string field *name*; missing or not a string is an error."""
    where = _where(source, f"{path}.{name}" if path else name)
    if name not in data:
        msg = f"{where}: missing; write {name} = \"...\""
        raise InputFileError(msg)
    value = data[name]
    if not isinstance(value, str):
        msg = f"{where}: must be text in quotes, got {value!r}"
        raise InputFileError(msg)
    return value


def field_money(value: object, *, where: str) -> Money:
    """
    Read an amount: Dutch notation in a string ("€ 1.438.963,-"), or an
    integer number of euros. A TOML float is refused (it may have lost cents).

    >>> field_money("€ 85.239", where="f.toml: offset")
    Money('85239.00')
    >>> field_money(1.5, where="f.toml: total")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: f.toml: total: 1.5 is a float; write the amount in quotes, such as "€ 1,50"
    """
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        return Money(value)
    elif isinstance(value, float):
        msg = f"{where}: {value!r} is a float; write the amount in quotes, such as \"€ 1,50\""
        raise InputFileError(msg)
    elif isinstance(value, str):
        try:
            return Money.parse(value)
        except FundingError as e:
            msg = f"{where}: {e}"
            raise InputFileError(msg) from None
    msg = f"{where}: expected an amount such as \"€ 1.438.963\" or 1438963, got {value!r}"
    raise InputFileError(msg)


def field_weight(value: object, *, where: str) -> int | Decimal | Fraction:
    """
    Read a weight: an integer, or a decimal or fraction written as text
    ("0.3", "0,3", "3/10", Dutch "1.234,5"). Floats are refused, and so is
    text such as "135.720", which a Dutch document means as 135720 and
    Python would read as 135.72: write 135720 or "135,72".

    >>> field_weight("0,3", where="w")
    Decimal('0.3')
    >>> field_weight("200/462", where="w")
    Fraction(100, 231)
    >>> field_weight("135.720", where="w")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: w: '135.720' is ambiguous: ...
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if _DUTCH_THOUSANDS.match(text):
            msg = (
                f"{where}: {value!r} is ambiguous: a dot groups thousands in Dutch but is a "
                f"decimal point in Python; write {text.replace('.', '')} for a whole number "
                f"or \"{text.replace('.', ',')}\" for a decimal"
            )
            raise InputFileError(msg)
        try:
            if "/" in text:
                return Fraction(text)
            if "," in text and "." in text:
                text = text.replace(".", "")
            number = Decimal(text.replace(",", "."))
        except (ValueError, ZeroDivisionError, InvalidOperation):
            pass
        else:
            if number.is_finite():
                return number
    if isinstance(value, float):
        msg = f"{where}: {value!r} is a float; write it in quotes, such as \"{value}\""
        raise InputFileError(msg)
    msg = f"{where}: expected a weight such as 29683, \"0.3\" or \"3/10\", got {value!r}"
    raise InputFileError(msg)


def parse_weights_toml(text: str, source: str) -> dict[str, int | Decimal | Fraction]:
    """
    Weights from a TOML file with a ``[weights]`` table.

    >>> parse_weights_toml("[weights]\\nDalfsen = 29683\\nOmmen = 19035", "w.toml")
    {'Dalfsen': 29683, 'Ommen': 19035}
    """
    data = parse_toml(text, source)
    table = field_table(data, "weights", source=source)
    return {
        str(name): field_weight(value, where=f"{source}: weights.{name}")
        for name, value in table.items()
    }


def parse_weights_csv(text: str, source: str) -> dict[str, int | Decimal | Fraction]:
    """
    Weights from CSV rows ``name,weight``; the first row is a header when its
    second cell has no digit (``name,inhabitants``). Errors name the line.

    >>> parse_weights_csv("name,inhabitants\\nDalfsen,29683\\nOmmen,19035\\n", "w.csv")
    {'Dalfsen': 29683, 'Ommen': 19035}
    """
    weights: dict[str, int | Decimal | Fraction] = {}
    rows = list(csv.reader(io.StringIO(text)))
    for number, row in enumerate(rows, start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        where = f"{source}: line {number}"
        if len(row) != 2:
            msg = f"{where}: expected two cells 'name,weight', got {row!r}"
            raise InputFileError(msg)
        name, raw = row[0].strip(), row[1].strip()
        if number == 1 and not any(c.isdigit() for c in raw):
            continue  # header
        if name in weights:
            msg = f"{where}: {name!r} appears twice; each name may appear once"
            raise InputFileError(msg)
        weights[name] = field_weight(int(raw) if raw.isdigit() else raw, where=f"{where}, weight")
    if not weights:
        msg = f"{source}: no rows 'name,weight' found"
        raise InputFileError(msg)
    return weights


_HEADER = re.compile(r"^\s*\[")


@attrs.frozen
class TomlLocator:
    """
    Finds the line of a table or field in a TOML file's text, for messages
    such as ``plan.toml: line 12: [[milestone]] #2 ('M2'), field 'amount'``.

    >>> text = "total = 1\\n[[line]]\\nname = 'a'\\n[[line]]\\nname = 'b'\\n"
    >>> loc = TomlLocator.of(text, "f.toml")
    >>> loc.where("line", 1, "name", label="b")
    "f.toml: line 5: [[line]] #2 ('b'), field 'name'"
    >>> loc.where(None, None, "total")
    "f.toml: line 1: field 'total'"
    """

    source: str
    lines: tuple[str, ...]

    @classmethod
    def of(cls, text: str, source: str) -> TomlLocator:
        """A locator for *text*, read from *source*."""
        return cls(source=source, lines=tuple(text.splitlines()))

    def _block(self, table: str | None, index: int | None) -> tuple[int, int] | None:
        if table is None:
            end = next((i for i, line in enumerate(self.lines) if _HEADER.match(line)), None)
            return 0, len(self.lines) if end is None else end
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$")
        headers = [i for i, line in enumerate(self.lines) if pattern.match(line)]
        position = index or 0
        if position >= len(headers):
            return None
        start = headers[position]
        end = len(self.lines)
        for i in range(start + 1, len(self.lines)):
            line = self.lines[i]
            # A sub-table ([table.x]) still belongs to the table.
            if _HEADER.match(line) and not re.match(rf"^\s*\[\[?\s*{re.escape(table)}\.", line):
                end = i
                break
        return start, end

    def line_of(self, table: str | None, index: int | None, field: str | None) -> int | None:
        """The 1-based line of *field* in the *index*-th *table* (or its header)."""
        block = self._block(table, index)
        if block is None:
            return None
        start, end = block
        if field is not None:
            key = re.compile(rf"^\s*(\"?){re.escape(field)}\1\s*=")
            for i in range(start, end):
                if key.match(self.lines[i]):
                    return i + 1
        return start + 1 if table is not None else None

    def where(
        self,
        table: str | None = None,
        index: int | None = None,
        field: str | None = None,
        *,
        label: str = "",
    ) -> str:
        """The location as text: file, line, table (``[[t]] #n`` or ``[t]``) and field."""
        parts = [self.source]
        number = self.line_of(table, index, field)
        if number is not None:
            parts.append(f"line {number}")
        what = []
        if table is not None:
            name = f"[[{table}]] #{index + 1}" if index is not None else f"[{table}]"
            what.append(name + (f" ({label!r})" if label else ""))
        if field is not None:
            what.append(f"field {field!r}")
        if what:
            parts.append(", ".join(what))
        return ": ".join(parts)


def fail(where: str, problem: str) -> InputFileError:
    """An InputFileError: *where* (from a locator), then *problem*."""
    msg = f"{where}: {problem}"
    return InputFileError(msg)


def check_keys(table: Mapping[str, Any], known: Sequence[str], where: str) -> None:
    """Refuse a field that is not one of *known*."""
    for key in table:
        if key not in known:
            raise fail(where, f"unknown field {key!r}; the fields are {', '.join(known)}")


def text_field(table: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> str:
    """The text field *name*; missing (when *required*) or not text is an error."""
    if name not in table:
        if required:
            raise fail(where, f'missing; write {name} = "..."')
        return ""
    value = table[name]
    if not isinstance(value, str) or (required and not value.strip()):
        raise fail(where, f'must be text in quotes, such as {name} = "..." (got {value!r})')
    return value
