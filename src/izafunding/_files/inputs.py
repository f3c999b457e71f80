"""Reading the text of a user's input file (TOML or CSV) into values; no I/O."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from .._core.money import Money
from .._core.numbers import MAX_NUMBER_DIGITS, check_number_size, shown
from ..errors import FundingError, InputFileError


__all__ = [
    "MAX_FILE_BYTES",
    "TomlLocator",
    "check_file_size",
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
_DUTCH_THOUSANDS = re.compile(r"^[1-9][0-9]{0,2}(?:\.[0-9]{3})+$")
# "1,000", "29,683": commas grouping thousands in English, a decimal comma in Dutch.
_ENGLISH_THOUSANDS = re.compile(r"^[1-9][0-9]{0,2}(?:,[0-9]{3})+$")
# Dutch with both marks: dots group thousands in threes, then one decimal comma.
_DUTCH_BOTH = re.compile(r"^[1-9][0-9]{0,2}(?:\.[0-9]{3})+,[0-9]+$")
# What a weight may look like once spaces are gone: ASCII digits, one mark, an exponent.
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,9})?$", re.ASCII)
_FRACTION = re.compile(r"^[+-]?[0-9]+/[0-9]+$", re.ASCII)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")

#: The largest input file read, in bytes: no plan, scenario or key comes near, and a
#: file of many megabytes is a mistake (the wrong file) rather than input.
MAX_FILE_BYTES: Final = 10_000_000
# TOML tables and arrays nested deeper than this are refused (no real file nests 5 deep).
_MAX_NESTING: Final = 100


def check_file_size(size: int, source: str) -> None:
    """
    Refuse an input of more than :data:`MAX_FILE_BYTES` (10 MB) before reading it.

    >>> check_file_size(50_000_000, "big.toml")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: big.toml: the file is 50,0 MB; input files are limited to 10 MB ...
    """
    if size > MAX_FILE_BYTES:
        megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")  # a size in a message, not money
        msg = (
            f"{source}: the file is {megabytes} MB; input files are limited to "
            f"{MAX_FILE_BYTES // 1_000_000} MB (is it the right file?)"
        )
        raise InputFileError(msg)


def _nesting(text: str) -> int:
    """An upper bound on the nesting of brackets and braces (quotes are not parsed)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


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
    check_file_size(len(text.encode("utf-8", "surrogatepass")), source)
    if text.count("[") + text.count("{") > _MAX_NESTING and _nesting(text) > _MAX_NESTING:
        msg = (
            f"{source}: not valid input: arrays or tables are nested more than "
            f"{_MAX_NESTING} deep"
        )
        raise InputFileError(msg)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = f"{source}: not valid TOML: {e}"
        raise InputFileError(msg) from None
    except RecursionError:
        msg = f"{source}: not valid input: arrays or tables are nested too deeply"
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
    ("0.3", "0,3", "3/10", Dutch "1.234,5", "29 683", a percentage "50%").
    Floats are refused, and so is text that English and Dutch read as different
    numbers: "135.720" (Dutch 135720, Python 135.72), "1,000" and "1,000.00"
    (English 1000, Dutch 1). Digits are ASCII 0-9; at most
    :data:`~izafunding._core.numbers.MAX_NUMBER_DIGITS` digits and decimals.

    >>> field_weight("0,3", where="w")
    Decimal('0.3')
    >>> field_weight("200/462", where="w")
    Fraction(100, 231)
    >>> field_weight("50%", where="w"), field_weight("29 683", where="w")
    (Fraction(1, 2), Decimal('29683'))
    >>> field_weight("135.720", where="w")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: w: '135.720' is ambiguous: ...
    """
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            check_number_size(value, f"{where}: the weight", InputFileError)
        except InputFileError:
            raise fail(where, _TOO_MANY_DIGITS) from None
        return value
    if isinstance(value, float):
        msg = f"{where}: {value!r} is a float; write it in quotes, such as \"{value}\""
        raise InputFileError(msg)
    if not isinstance(value, str):
        msg = f"{where}: expected a weight such as 29683, \"0.3\" or \"3/10\", got {value!r}"
        raise InputFileError(msg)
    text = _SPACES.sub("", value)
    if len(text) > 2 * MAX_NUMBER_DIGITS + 10:
        raise fail(where, f"{shown(value)}: {_TOO_MANY_DIGITS}")
    percent = text.endswith("%")
    text = text.removesuffix("%")
    if _DUTCH_THOUSANDS.match(text) or _ENGLISH_THOUSANDS.match(text):
        mark = "." if "." in text else ","
        msg = (
            f"{where}: {shown(value)} is ambiguous: a {'dot' if mark == '.' else 'comma'} groups "
            f"thousands in {'Dutch' if mark == '.' else 'English'} but is a decimal "
            f"{'point in English' if mark == '.' else 'comma in Dutch'}; write "
            f"{text.replace(mark, '')} for a whole number or \"{text.replace('.', ',')}\" "
            f"for a decimal" + (" (the % is kept)" if percent else "")
        )
        raise InputFileError(msg)
    if "," in text and "." in text:
        if not _DUTCH_BOTH.match(text):
            msg = (
                f"{where}: {shown(value)} is ambiguous: it mixes dots and commas in a way "
                f"Dutch notation does not ('1.234,5': dots group thousands, one comma "
                f"starts the decimals); write the number without grouping, such as "
                f"\"1234,5\""
            )
            raise InputFileError(msg)
        text = text.replace(".", "")
    number: Fraction | Decimal
    if _FRACTION.match(text):
        num, den = text.split("/")
        if len(num.lstrip("+-0")) > MAX_NUMBER_DIGITS or len(den.lstrip("0")) > MAX_NUMBER_DIGITS:
            raise fail(where, f"{shown(value)}: {_TOO_MANY_DIGITS}")
        if int(den) == 0:
            raise fail(where, f"{shown(value)} divides by zero; write a fraction such as \"3/10\"")
        number = Fraction(int(num), int(den))
    elif _NUMBER.match(text):
        number = Decimal(text.replace(",", "."))
        try:
            check_number_size(number, "", InputFileError)
        except InputFileError:
            raise fail(where, f"{shown(value)}: {_TOO_MANY_DIGITS}") from None
    else:
        msg = (
            f"{where}: expected a weight such as 29683, \"0,3\", \"3/10\" or \"50%\" "
            f"(digits 0-9), got {shown(value)}"
        )
        raise InputFileError(msg)
    if percent:
        return Fraction(number) / 100
    return number


_TOO_MANY_DIGITS: Final = (
    f"too many digits or decimals; at most {MAX_NUMBER_DIGITS} digits and "
    f"{MAX_NUMBER_DIGITS} decimals are read"
)


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


# Words that are a number, not a column title: a first row "Dalfsen,nul" is data.
_NUMBER_WORDS: Final = frozenset(
    ["nul", "een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "honderd", "duizend", "miljoen", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred", "thousand", "million", "geen", "none", "nil"]
)


def _is_title(cell: str) -> bool:
    return bool(cell) and cell[0].isalpha() and all(c.isalpha() or c in " .()/-_'" for c in cell)


def _is_header(name: str, raw: str) -> bool:
    """Whether a first row is column titles: words only, and not a number in words."""
    return _is_title(name) and _is_title(raw) and raw.lower().strip(" .") not in _NUMBER_WORDS


def parse_weights_csv(text: str, source: str) -> dict[str, int | Decimal | Fraction]:
    """
    Weights from CSV rows ``name,weight``, or ``name;weight`` as Dutch Excel
    saves it (then decimal commas: ``Dalfsen;0,5``). The first row is a header
    when both its cells are words (``name,inhabitants``), but a number in words
    (``Dalfsen,nul``) is an error, not a header. Errors name the line.

    >>> parse_weights_csv("name,inhabitants\\nDalfsen,29683\\nOmmen,19035\\n", "w.csv")
    {'Dalfsen': 29683, 'Ommen': 19035}
    >>> parse_weights_csv("gemeente;aandeel\\nDalfsen;0,5\\nOmmen;50%\\n", "w.csv")
    {'Dalfsen': Decimal('0.5'), 'Ommen': Fraction(1, 2)}
    """
    check_file_size(len(text.encode("utf-8", "surrogatepass")), source)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if ";" in first else ","
    weights: dict[str, int | Decimal | Fraction] = {}
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        msg = f"{source}: not a valid CSV file ({e}); save it from a spreadsheet as CSV"
        raise InputFileError(msg) from None
    seen_data = False
    for number, row in enumerate(rows, start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        where = f"{source}: line {number}"
        if len(row) != 2:
            cells = delimiter.join(row)
            hint = (
                "; with decimal commas, separate the cells with semicolons (name;weight)"
                if delimiter == "," and len(row) == 3
                else ""
            )
            msg = (
                f"{where}: expected two cells 'name{delimiter}weight', got {len(row)} "
                f"({shown(cells)}){hint}"
            )
            raise InputFileError(msg)
        name, raw = row[0].strip(), row[1].strip()
        if not seen_data and not weights and _is_header(name, raw):
            seen_data = True
            continue  # header
        seen_data = True
        if not name:
            msg = f"{where}: the name is empty; write 'name{delimiter}weight'"
            raise InputFileError(msg)
        if name in weights:
            msg = f"{where}: {shown(name)} appears twice; each name may appear once"
            raise InputFileError(msg)
        if not raw:
            msg = f"{where}: the weight of {shown(name)} is empty; write a number such as 29683"
            raise InputFileError(msg)
        plain = raw.isascii() and raw.isdigit()
        weights[name] = field_weight(int(raw) if plain else raw, where=f"{where}, weight")
    if not weights:
        msg = f"{source}: no rows 'name{delimiter}weight' found"
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
