"""The cues the structure reader weighs (issue 15), as pure functions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medref.documents import SectionKind
from medref.importers import ParseWarning, cues, parse_bytes, parse_text
from medref.importers.dates import STYLES, find_date, render_date, times_in
from medref.importers.header import read_title

DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31))


@given(DAYS, st.integers(0, STYLES - 1))
def test_a_date_written_in_any_supported_form_reads_back(day: dt.date, style: int) -> None:
    found = find_date(f"Mødedato: {render_date(day, style)}")
    assert found is not None and found.day == day


@given(DAYS, st.integers(0, STYLES - 1), st.times(), st.times())
def test_times_after_a_date_are_read_as_start_and_end(
    day: dt.date, style: int, start: dt.time, end: dt.time
) -> None:
    text = f"{render_date(day, style)} kl. {start:%H.%M} - {end:%H.%M}"
    found = find_date(text)
    assert found is not None
    assert (found.start, found.end) == (
        start.replace(second=0, microsecond=0),
        end.replace(second=0, microsecond=0),
    )


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ,.:-", max_size=60))
def test_text_without_digits_never_gives_a_date(text: str) -> None:
    assert find_date(text) is None


def test_a_date_that_does_not_exist_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError):
        find_date("31. juni 2025")


@pytest.mark.parametrize(
    ("text", "day", "start", "end"),
    [
        ("20-11-2025", dt.date(2025, 11, 20), None, None),
        ("20.11.2025", dt.date(2025, 11, 20), None, None),
        ("20/11 2025", dt.date(2025, 11, 20), None, None),
        ("torsdag den 20. november 2025", dt.date(2025, 11, 20), None, None),
        ("Tuesday, March 10, 2020 - 16:30", dt.date(2020, 3, 10), dt.time(16, 30), None),
        ("Torsdag, 6 oktober, 2022 - 16:30", dt.date(2022, 10, 6), dt.time(16, 30), None),
        ("04. januar, 2022 kl. 12:00", dt.date(2022, 1, 4), dt.time(12), None),
        ("15-maj-2002", dt.date(2002, 5, 15), None, None),
        ("25-10-2016 kl. 15:00 - 16:10", dt.date(2016, 10, 25), dt.time(15), dt.time(16, 10)),
        ("12-03-2024 16:00:00", dt.date(2024, 3, 12), dt.time(16), None),
    ],
)
def test_danish_and_portal_date_forms(
    text: str, day: dt.date, start: dt.time | None, end: dt.time | None
) -> None:
    found = find_date(text)
    assert found is not None
    assert (found.day, found.start, found.end) == (day, start, end)


def test_times_alone() -> None:
    assert times_in("kl. 10.00 - 12.00") == (dt.time(10), dt.time(12))
    assert times_in("13:00-15:30") == (dt.time(13), dt.time(15, 30))


@pytest.mark.parametrize(
    ("line", "committee", "day"),
    [
        (
            "Social- og Sundhedsudvalget – Dagsorden – 4. marts 2021",
            "Social- og Sundhedsudvalget",
            dt.date(2021, 3, 4),
        ),
        (
            "Referat - Plan- og Boligudvalget den 9. juni 2022",
            "Plan- og Boligudvalget",
            dt.date(2022, 6, 9),
        ),
        (
            "Referat fra mødet i FagMED Økonomi den 2. februar 2023 kl. 16:00 i Rådhuset, lokale 2",
            "FagMED Økonomi",
            dt.date(2023, 2, 2),
        ),
        (
            "Sundhedsudvalget - Referat - 25. oktober 2016",
            "Sundhedsudvalget",
            dt.date(2016, 10, 25),
        ),
        (
            "Referat for Børn- Kultur og Fritidsudvalget møde den 8. december 2020",
            "Børn- Kultur og Fritidsudvalget",
            dt.date(2020, 12, 8),
        ),
        ("REFERAT FagMED Økonomi d. 08-10-2025", "FagMED Økonomi", dt.date(2025, 10, 8)),
    ],
)
def test_the_committee_comes_from_the_title_without_the_words_around_it(
    line: str, committee: str, day: dt.date
) -> None:
    title = read_title(line)
    assert title is not None
    assert (title.committee, title.day) == (committee, day)


@pytest.mark.parametrize(
    ("text", "number", "title", "closed"),
    [
        ("Punkt 21: Budget", 21, "Budget", False),
        ("Pkt. 7 Budget", 7, "Budget", False),
        ("3. Budget (Lukket)", 3, "Budget", True),
        ("12. Lukket punkt", 12, "Lukket punkt", True),
        ("4. LUKKET PUNKT - Personalesag", 4, "Personalesag", True),
        ("Sag 3 - Budget", 3, "Budget", False),
        ("§ 4 Budget", 4, "Budget", False),
        ("Punkt 1 - Budget", 1, "Budget", False),
        ("• 201. Budget", 201, "Budget", False),
    ],
)
def test_item_headings_in_any_shape(text: str, number: int, title: str, closed: bool) -> None:
    cue = cues.item_cue(text, explicit=False)
    assert cue is not None and (cue.number, cue.title, cue.closed) == (number, title, closed)


@pytest.mark.parametrize(
    "text", ["1. at dagsordenen godkendes", "1. januar 2027 …", "3 medlemmer stemte for."]
)
def test_clauses_dates_and_sentences_are_not_item_headings(text: str) -> None:
    assert cues.item_cue(text, explicit=False) is None


@pytest.mark.parametrize(
    ("text", "case", "closed"),
    [
        ("Sagsnr.: 2024-018877", "2024-018877", None),
        ("Sagnr.: 1-13-3-41-22", "1-13-3-41-22", None),
        ("J.nr.: 2019-4411", "2019-4411", None),
        ("Sag 306-2009-611", "306-2009-611", None),
        ("81.16.00-G01-2-25", "81.16.00-G01-2-25", None),
        ("Dok.nr.: 1965 Sagsid.: 14/40 Initialer: dosko Åben sag", "14/40", False),
        ("Sagsnr.: 2025-1 Dok.nr.: 2025-2 Lukket", "2025-1", True),
        ("Lukket", None, True),
    ],
)
def test_case_number_lines(text: str, case: str | None, closed: bool | None) -> None:
    assert cues.case_line(text) == cues.CaseLine(case, closed)


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Beslutning i Børne- og Skoleudvalget den 14. maj 2020:", SectionKind.DECISION),
        # Another body's dated decision is an earlier treatment (as "Direktionen, …" below).
        ("Beslutning i Teknik- og Miljøudvalget den 14. maj 2020:", SectionKind.OTHER),
        ("Beslutning Økonomiudvalget den 21-10-2019", SectionKind.OTHER),
        ("Børne- og Skoleudvalget, 11-02-2021, pkt. 7", SectionKind.DECISION),
        ("Direktionen, 6. januar 2020, pkt. 2:", SectionKind.OTHER),
        ("Udvalgets beslutning", SectionKind.DECISION),
        ("Forslag til beslutning", SectionKind.RECOMMENDATION),
        ("Sagens baggrund", SectionKind.CASE),
        ("Anledning", SectionKind.SUMMARY),
        ("Forventet sagsgang", SectionKind.OTHER),
        ("fold dette punkt ind Resume", SectionKind.SUMMARY),
    ],
)
def test_section_vocabulary(heading: str, kind: SectionKind) -> None:
    assert cues.heading_kind(heading, "Børne- og Skoleudvalget") == kind


def test_attendance_forms() -> None:
    doc = parse_text(
        "Referat\n\nUdvalget for Miljø\n\nDato:\n08-10-2025\n\nDeltagere:\n"
        "Jens Holm, 3F (næstformand)\nKirsten Bak - afbud\nOle Vig (A)\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n"
        "Per Lund deltog som suppleant for Kirsten Bak.\n\n"
        "2. Budget\n\nBeslutning\n\nGodkendt.\n\nOle Vig deltog ikke i behandlingen af sagen.\n\n"
        "3. Eventuelt\n\nFraværende:\n\nBeslutning\n\nIntet.\n",
        "txt",
    )
    assert doc.meeting_date == dt.date(2025, 10, 8)
    assert [p.name for p in doc.participants] == ["Jens Holm", "Kirsten Bak", "Ole Vig"]
    assert doc.absent == ("Kirsten Bak",)
    assert doc.substitutes == ("Per Lund",)
    assert [i.absent for i in doc.items] == [(), ("Ole Vig",), ()]
    assert doc.present == ("Jens Holm", "Ole Vig")


def test_an_english_portal_date_and_an_unreadable_one() -> None:
    notes: list[ParseWarning] = []
    doc = parse_bytes(
        b"Teknisk Udvalg - Dagsorden\n\nDato: i morgen\n\n1. Budget\n\n2. Eventuelt\n",
        "txt",
        notes=notes,
    )
    assert doc.meeting_date is None
    assert {n.field for n in notes} == {"meeting_date"}
    assert doc.committee == "Teknisk Udvalg"
