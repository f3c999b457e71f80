"""docs/finance-officers.md runs: every command on the page prints exactly the output shown."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from izafunding.cli import main


PAGE = Path(__file__).parent.parent / "docs" / "finance-officers.md"


def _blocks() -> list[list[tuple[str, str]]]:
    """Each console block as (command, expected output) pairs."""
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S):
        pairs: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                pairs.append((line[2:], []))
            else:
                pairs[-1][1].append(line)
        blocks.append([(cmd, "\n".join(out)) for cmd, out in pairs])
    return blocks


def test_page_has_the_tasks() -> None:
    """The page walks through at least five tasks, each with commands."""
    assert len(_blocks()) >= 5


@pytest.mark.parametrize("block", _blocks(), ids=lambda b: b[-1][0][:60])
def test_block_runs_as_shown(
    block: list[tuple[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command prints what the page shows (standard output, then standard error)."""
    monkeypatch.chdir(tmp_path)
    for command, expected in block:
        argv = shlex.split(command)
        target = None
        if ">" in argv:
            target = argv[argv.index(">") + 1]
            argv = argv[: argv.index(">")]
        assert argv[0] == "izafunding"
        main(argv[1:])
        out, err = capsys.readouterr()
        if target is not None:
            Path(target).write_text(out, encoding="utf-8")
            out = ""
        assert (out + err).rstrip("\n") == expected, command
