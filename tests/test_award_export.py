"""`izafunding award` writes its figures in every format, and reads common names for 2027 too."""

from __future__ import annotations

import csv
import io
import json

import pytest

from izafunding import Money
from izafunding.cli import main
from izafunding.data import brede_spuk_awards


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestAwardExport:
    def test_csv_of_a_municipality(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Zutphen's published Brede SPUK amounts (VWS letter of 12 September 2025, annex 2A) as CSV."""
        code, out, _ = run(capsys, "award", "Zutphen", "--format", "csv", "--dialect", "plain")
        assert code == 0
        rows = list(csv.reader(io.StringIO(out)))
        assert ["Zutphen", "2025", "880962.00"] in rows
        assert ["Zutphen", "2026", "750105.00"] in rows

    def test_json_of_a_region(self, capsys: pytest.CaptureFixture[str]) -> None:
        """IJssel-Vecht's SPUK-IZA amounts (annex 2B) as receipts."""
        code, out, _ = run(capsys, "award", "IJssel-Vecht", "--year", "2026", "--format", "json")
        assert code == 0
        data = json.loads(out)
        receipts = data if isinstance(data, list) else [data]
        assert receipts[0]["figures"][0]["rows"][0]["amount"] == {"euros": "3242094.00", "cents": 324209400}

    def test_only_keeps_the_rows_asked(self) -> None:
        """AwardTable.only gives the same table with the names asked, as spelled in it."""
        table = brede_spuk_awards(2025).only(["zutphen"])
        assert dict(table) == {"Zutphen": Money(880962)}
        assert table.source == brede_spuk_awards(2025).source

    def test_azwa_estimate_exports(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The 2027 estimate exports, still labelled an estimate, and a mandated municipality gets its region's too."""
        code, out, _ = run(capsys, "award", "Zwolle", "--year", "2027", "--format", "csv", "--dialect", "plain")
        assert code == 0
        assert "estimate (provisional, not an award)" in out
        assert "Zwolle,2027,local,1513896.00" in out
        assert "IJssel-Vecht,2027,regional,4105159.00" in out

    def test_common_name_for_2027(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'Den Bosch' is read as 's-Hertogenbosch for the AZWA estimate too, and the output says so once."""
        code, out, _ = run(capsys, "award", "Den Bosch", "--year", "2027")
        assert code == 0
        assert out.count("'Den Bosch' read as 's-Hertogenbosch") == 1
        assert "'s-Hertogenbosch: SPUK AZWA 2027, local part" in out

    def test_unknown_name_for_2027(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A name that is nothing is one error line, as before."""
        code, _, err = run(capsys, "award", "Nergenshuizen", "--year", "2027")
        assert code == 2
        assert "'Nergenshuizen' is neither a municipality nor a SPUK-IZA region" in err
