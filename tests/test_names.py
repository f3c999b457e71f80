"""Names as people write them: CBS codes, alternative names, suggestions, and no silent guesses."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from izafunding import Grant, Money, UnknownNameError, data, schemes
from izafunding._names import name_key, resolve, suggest
from izafunding.cli import main


class TestMunicipality:
    def test_every_name_has_a_code(self) -> None:
        """Every municipality of the national table has a CBS code, and the codes are unique."""
        codes = [m.cbs_code for m in data.municipalities().values()]
        assert len(codes) == 342
        assert all(c is not None and c.startswith("GM") for c in codes)
        assert len(set(codes)) == 342

    def test_codes_file_names_match_the_table(self) -> None:
        """The codes file holds exactly the 342 names of the Brede SPUK table."""
        text = resources.files("izafunding").joinpath("_data", "municipalities_2025.csv").read_text()
        names = {r["municipality"] for r in csv.DictReader(io.StringIO(text))}
        assert names == set(data.brede_spuk_awards(2025))

    def test_nederwetten_corrected(self) -> None:
        """The row cut at the comma is Nuenen, Gerwen en Nederwetten (GM0820), amounts unchanged."""
        assert "Nederwetten" not in data.brede_spuk_awards(2025)
        assert data.brede_spuk_awards(2025)["Nuenen, Gerwen en Nederwetten"] == Money(317174)
        assert data.brede_spuk_awards(2026)["Nuenen, Gerwen en Nederwetten"] == Money(270061)
        assert data.municipality("GM0820").name == "Nuenen, Gerwen en Nederwetten"
        assert data.municipality("Nederwetten").name == "Nuenen, Gerwen en Nederwetten"

    @pytest.mark.parametrize(
        ("given", "official"),
        [
            ("GM0150", "Deventer"),
            ("gm0150", "Deventer"),
            ("0150", "Deventer"),
            ("Den Bosch", "'s-Hertogenbosch"),
            ("den bosch", "'s-Hertogenbosch"),
            ("s-Hertogenbosch", "'s-Hertogenbosch"),
            ("'S-HERTOGENBOSCH", "'s-Hertogenbosch"),
            ("’s-Hertogenbosch", "'s-Hertogenbosch"),
            ("Den Haag", "'s-Gravenhage"),
            ("s Gravenhage", "'s-Gravenhage"),
            ("Sudwest-Fryslan", "Súdwest-Fryslân"),
            ("olst wijhe", "Olst-Wijhe"),
            ("Hengelo (O.)", "Hengelo"),
            ("Middelburg (Z.)", "Middelburg"),
            ("Bergen NH", "Bergen (NH.)"),
            ("Weesp", "Amsterdam"),
        ],
    )
    def test_resolves(self, given: str, official: str) -> None:
        """Codes, CBS spellings, alternative names and case/hyphen/diacritic variants resolve."""
        assert data.municipality(given).name == official

    def test_note_says_how_it_was_read(self) -> None:
        """The resolution says why a name was read as another, once, for the output."""
        assert data.resolve_municipality("Den Bosch").note == (
            "'Den Bosch' read as 's-Hertogenbosch (alternative name)"
        )
        assert data.resolve_municipality("Zutphen").note == ""

    def test_bergen_is_ambiguous(self) -> None:
        """'Bergen' is two municipalities: refused, suggesting both, never 'Tubbergen' first."""
        with pytest.raises(UnknownNameError, match=r"did you mean 'Bergen \(L\.\)', 'Bergen \(NH\.\)'"):
            data.municipality("Bergen")

    def test_unknown_suggests(self) -> None:
        """A mistyped name suggests the likeliest."""
        with pytest.raises(UnknownNameError, match="did you mean 'Zutphen'"):
            data.municipality("Zutfen")

    def test_region_given(self) -> None:
        """A region given where a municipality is expected says it is a region."""
        with pytest.raises(UnknownNameError, match="Midden-IJssel is a SPUK-IZA region"):
            data.municipality("Midden-IJssel")


class TestSuggestions:
    def test_den_bosch_suggests_s_hertogenbosch(self) -> None:
        """'Den Bosch' in a table suggests 's-Hertogenbosch, not 'Stede Broec'."""
        with pytest.raises(UnknownNameError, match="did you mean \"'s-Hertogenbosch\"") as e:
            data.brede_spuk_awards(2025)["Den Bosch"]
        assert "Stede Broec" not in str(e.value)

    def test_den_haag_suggests(self) -> None:
        """'Den Haag' in a table suggests 's-Gravenhage (it suggested nothing)."""
        with pytest.raises(UnknownNameError, match="'s-Gravenhage"):
            data.brede_spuk_awards(2025)["Den Haag"]

    def test_table_find_accepts_variants(self) -> None:
        """A table's find() reads "s-Hertogenbosch" and "Den Haag" as the official names."""
        table = data.brede_spuk_awards(2025)
        assert table.find("s-Hertogenbosch") == "'s-Hertogenbosch"
        assert table.find("Den Haag") == "'s-Gravenhage"

    def test_prefix_before_similarity(self) -> None:
        """Names the query starts are ranked before merely similar ones."""
        assert suggest("Bergen", ["Tubbergen", "Bergen op Zoom"])[0] == "Bergen op Zoom"

    def test_missing_apostrophe(self) -> None:
        """A missing apostrophe or hyphen is the same name."""
        assert name_key("s Hertogenbosch") == name_key("'s-Hertogenbosch")
        assert resolve("s-Gravenhage", ["'s-Gravenhage"], what="municipality").name == "'s-Gravenhage"


class TestRegions:
    def test_municipality_where_region_expected(self) -> None:
        """A SPUK-IZA grant for 'Zwolle' names Zwolle's region instead of only refusing."""
        with pytest.raises(UnknownNameError, match="mandated municipality of the SPUK-IZA region 'IJssel-Vecht'"):
            Grant.from_published(schemes.SPUK_IZA, "Zwolle")

    def test_member_where_region_expected(self) -> None:
        """A member municipality names its region and the mandated municipality."""
        with pytest.raises(UnknownNameError, match=r"member of the SPUK-IZA region 'IJssel-Vecht' \(mandated municipality Zwolle\)"):
            data.regions()["Dalfsen"]

    def test_unknown_region_of_municipality(self) -> None:
        """A municipality whose region is not built in says so, and points at a region named after it."""
        with pytest.raises(UnknownNameError, match=r"does not say which SPUK-IZA region.*'Apeldoorn/Zutphen'"):
            data.spuk_iza_awards(2025).find("Zutphen")

    def test_region_of(self) -> None:
        """region_of finds a member's region, None where unknown."""
        assert data.region_of("Dalfsen") is not None
        assert data.region_of("Urk") == data.regions()["Flevoland"]
        assert data.region_of("Zutphen") is None

    def test_members_have_codes(self) -> None:
        """The built-in members carry their CBS codes."""
        assert data.regions()["IJssel-Vecht"].members[0].municipality.cbs_code == "GM0148"


class TestAward:
    def _award(self, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
        assert main(["award", *argv]) == 0
        return capsys.readouterr().out

    def test_member_shows_region_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """award Dalfsen says Dalfsen is in IJssel-Vecht, with the region's SPUK-IZA line."""
        out = self._award(capsys, "Dalfsen", "--year", "2026")
        assert "IJssel-Vecht: SPUK-IZA region of Dalfsen, mandated municipality Zwolle" in out
        assert "2026  € 3.242.094" in out

    def test_unknown_region_said(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A municipality whose region is not built in says so."""
        out = self._award(capsys, "Zutphen", "--year", "2026")
        assert "does not say which region Zutphen belongs to" in out

    def test_region_without_members_said(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A region whose members are not built in says so instead of printing nothing."""
        out = self._award(capsys, "Achterhoek", "--year", "2026")
        assert "Members: not known to the built-in data" in out

    def test_alternative_name_said_once(self, capsys: pytest.CaptureFixture[str]) -> None:
        """award 'Den Bosch' shows 's-Hertogenbosch and says how the name was read, once."""
        out = self._award(capsys, "Den Bosch", "--year", "2025")
        assert out.count("'Den Bosch' read as 's-Hertogenbosch") == 1
        assert "'s-Hertogenbosch: Brede SPUK" in out
