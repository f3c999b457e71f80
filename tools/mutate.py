"""
A small mutation tester for izafunding's core (not run in CI: minutes, not seconds).

For each module given (default: _core/money, _core/periods and the allocation's _core/keys,
_core/rounding, _core/allocation), it makes one small
change at a time to the syntax tree (a comparison flipped, ``and`` turned into ``or``,
``+`` into ``-``, a constant moved by one, ``not`` dropped, a ``return`` of a value
replaced by ``None``), writes the mutant into a copy of the source tree and runs the
module's tests against it. A mutant the tests notice is *killed*; one they do not is a
*survivor*, printed with its line, so that a test can be added or the mutant shown to be
equivalent (listed below and in docs/design.md).

    python tools/mutate.py                      # all five modules
    python tools/mutate.py _core/money --limit 50          # the first 50 mutants of one module
    python tools/mutate.py _core/rounding --lines 55-75    # only the mutants of these lines

Survivors that are equivalent (no input can tell them apart) are listed, with the reason,
in docs/design.md ("Mutation testing").
"""

from __future__ import annotations

import argparse
import ast
import copy
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
TESTS = {
    "_core/money": ["tests/test_money.py", "tests/test_core_mutants.py", "tests/test_bad_input.py", "tests/test_dutch_notation.py"],
    "_core/periods": ["tests/test_periods.py", "tests/test_core_mutants.py", "tests/test_bad_input.py"],
    # The allocation is three modules (the keys, the rounding policies with allocate(), the
    # Allocation result); each is mutated against the same allocation tests.
    **{
        module: [
            "tests/test_allocation.py",
            "tests/test_allocation_mutants.py",
            "tests/test_core_mutants.py",
            "tests/test_bad_input.py",
            "tests/test_fast_paths.py",
            "tests/test_input_dicts.py",
            "tests/test_results_export.py",
            "tests/test_golden.py",
        ]
        for module in ("_core/keys", "_core/rounding", "_core/allocation")
    },
}

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
}


def _in_docstring_or_message(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Mutants inside f-strings (messages) are not interesting: skip them."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.JoinedStr):
            return True
    return False


def _dead_repr_flag(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """
    ``repr=`` of an ``attrs.field(...)`` in a class that writes its own ``__repr__``: attrs
    then keeps that ``__repr__`` and never reads the flag, so flipping it changes nothing
    (a mutant that is the same program, not one the tests could notice).
    """
    keyword = parents.get(node)
    if not (isinstance(keyword, ast.keyword) and keyword.arg == "repr"):
        return False
    call = parents.get(keyword)
    if not (isinstance(call, ast.Call) and ast.unparse(call.func) in {"attrs.field", "attr.ib"}):
        return False
    owner: ast.AST | None = call
    while owner is not None and not isinstance(owner, ast.ClassDef):
        owner = parents.get(owner)
    return isinstance(owner, ast.ClassDef) and any(
        isinstance(item, ast.FunctionDef) and item.name == "__repr__" for item in owner.body
    )


# One change: (description, kind, operator index, new operator class or constant).
_Change = tuple[str, str, int, object]


def _changes(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> list[_Change]:
    """The mutations of one node."""
    changes: list[_Change] = []
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap is not None:
                changes.append((f"{type(op).__name__} -> {swap.__name__}", "ops", i, swap))
    elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:
        binop = _BINOP_SWAPS[type(node.op)]
        changes.append((f"{type(node.op).__name__} -> {binop.__name__}", "op", 0, binop))
    elif isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        changes.append((f"{type(node.op).__name__} -> {other.__name__}", "op", 0, other))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        changes.append(("not dropped", "unnot", 0, None))
    elif (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    ):
        changes.append((f"{node.value} -> {node.value + 1}", "const", 0, node.value + 1))
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        if not _dead_repr_flag(node, parents):
            changes.append((f"{node.value} -> {not node.value}", "const", 0, not node.value))
    elif isinstance(node, ast.Return) and not (
        node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None)
    ):
        changes.append(("return None", "return", 0, None))
    return changes


def _apply(tree: ast.Module, target: ast.AST, kind: str, i: int, value: object) -> None:
    """Make one change, in place, to *target* (a node of *tree*)."""
    if kind == "ops" and isinstance(target, ast.Compare) and isinstance(value, type):
        target.ops[i] = value()
    elif kind == "op" and isinstance(target, (ast.BinOp, ast.BoolOp)) and isinstance(value, type):
        target.op = value()
    elif kind == "unnot" and isinstance(target, ast.UnaryOp):
        _replace(tree, target, target.operand)
    elif kind == "const" and isinstance(target, ast.Constant) and isinstance(value, int):
        target.value = value
    elif kind == "return" and isinstance(target, ast.Return):
        target.value = ast.Constant(None)
    else:
        msg = f"cannot apply {kind} to {ast.dump(target)}"
        raise AssertionError(msg)


def mutants(tree: ast.Module) -> Iterator[tuple[int, str, ast.Module]]:
    """Every (line, description, mutated tree) of *tree*."""
    parents = _parents(tree)
    nodes = [n for n in ast.walk(tree) if not _in_docstring_or_message(n, parents)]
    for index, node in enumerate(nodes):
        for description, kind, i, value in _changes(node, parents):
            mutated = copy.deepcopy(tree)
            parents_of = _parents(mutated)
            target = [
                n for n in ast.walk(mutated) if not _in_docstring_or_message(n, parents_of)
            ][index]
            _apply(mutated, target, kind, i, value)
            yield getattr(node, "lineno", 0), description, ast.fix_missing_locations(mutated)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for node in ast.walk(tree):
        for field, value in ast.iter_fields(node):
            if value is old:
                setattr(node, field, new)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new


def parse_lines(text: str) -> set[int]:
    """``"55-75,120"`` -> the set of those line numbers."""
    lines: set[int] = set()
    for piece in text.split(","):
        first, _, last = piece.strip().partition("-")
        lines.update(range(int(first), int(last or first) + 1))
    return lines


def run(
    module: str, limit: int | None, timeout: float, lines: set[int] | None = None
) -> tuple[int, int, list[str]]:
    """Run the mutants of *module* (only those on *lines*, if given); return (killed, total, survivors)."""
    source_path = ROOT / "src" / "izafunding" / f"{module}.py"
    source = source_path.read_text(encoding="utf-8")
    source_lines = source.splitlines()
    tree = ast.parse(source)
    killed = total = 0
    survivors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        copy_root = Path(tmp) / "src"
        shutil.copytree(ROOT / "src", copy_root, ignore=shutil.ignore_patterns("__pycache__"))
        target = copy_root / "izafunding" / f"{module}.py"
        tests = [str(ROOT / t) for t in TESTS[module]] + [str(target)]
        for line, description, mutated in mutants(tree):
            if lines is not None and line not in lines:
                continue
            if limit is not None and total >= limit:
                break
            total += 1
            target.write_text(ast.unparse(mutated), encoding="utf-8")
            env_path = f"{copy_root}"
            try:
                result = subprocess.run(
                    [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                     "--no-header", "-o", "addopts=--doctest-modules", *tests],
                    cwd=ROOT,
                    env={
                        "PYTHONPATH": env_path,
                        "PATH": "/usr/bin:/bin",
                        "HYPOTHESIS_PROFILE": "dev",
                        # Mutants of equal size written within a second would otherwise
                        # run from the previous mutant's cached bytecode.
                        "PYTHONDONTWRITEBYTECODE": "1",
                    },
                    capture_output=True,
                    timeout=timeout,
                    check=False,
                )
                dead = result.returncode != 0
            except subprocess.TimeoutExpired:
                dead = True  # a mutant that hangs the tests is noticed
            if dead:
                killed += 1
            else:
                text = source_lines[line - 1].strip() if 0 < line <= len(source_lines) else ""
                survivor = f"{module}.py:{line}: {description}    | {text}"
                survivors.append(survivor)
                print(f"  survived {survivor}", flush=True)
    return killed, total, survivors


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("modules", nargs="*", default=list(TESTS))
    parser.add_argument("--limit", type=int, help="at most this many mutants per module")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per mutant")
    parser.add_argument(
        "--lines", type=parse_lines, help="only mutants on these lines, such as 55-75,120"
    )
    args = parser.parse_args()
    grand_killed = grand_total = 0
    start = time.monotonic()
    for module in args.modules:
        killed, total, _ = run(module, args.limit, args.timeout, args.lines)
        grand_killed += killed
        grand_total += total
        print(f"{module}: {killed} of {total} mutants killed ({100 * killed / max(total, 1):.1f}%)")
    minutes = (time.monotonic() - start) / 60
    score = 100 * grand_killed / max(grand_total, 1)
    print(f"score: {grand_killed} of {grand_total} killed ({score:.1f}%) in {minutes:.1f} min")


if __name__ == "__main__":
    main()
