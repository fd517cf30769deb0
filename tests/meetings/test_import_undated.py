"""A readable file without a date is imported undated, never with a guessed date (issue 15).

The meeting is marked "til gennemsyn", held back from the public (minutes as
approved, an agenda as planned) until the secretary dates it on the gennemsyn
page; it cannot be sent or published before. Every page that shows a meeting
copes with no date, for every persona. The import is one event in the
meeting's history: "Importeret fra FIL af …" (issue 14).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from medref.importers import parse_file
from medref.meetings import statuses
from medref.meetings.history_text import describe
from medref.meetings.imports import import_paths
from medref.meetings.models import Meeting, MeetingEvent
from medref.meetings.services import import_document
from medref.meetings.workflow import agenda, minutes
from medref.meetings.workflow.errors import IllegalTransition
from medref.participation import services
from medref.renderers import FORMATS
from medref.search.models import SearchEntry
from medref.search.selectors import search, to_contract
from tests.personas import NAMES, Personas, client_as, personas  # noqa: F401

# Minutes of FagMED Økonomi whose header gives no date anywhere.
UNDATED_MINUTES = """Referat - FagMED Økonomi

Tidspunkt: kl. 13.00

1. Godkendelse af dagsorden

Sagsnr.: 81.16.00-G01-2-25

Beslutning

Godkendt. Sygefraværet drøftes igen i januar.

2. Eventuelt

Beslutning

Intet.
"""
UNDATED_AGENDA = """Dagsorden - FagMED Økonomi

1. Godkendelse af dagsorden

Indstilling

Dagsordenen godkendes.

2. Eventuelt

Indstilling

Ingen.
"""
MUNICIPALITY = "Vejle Kommune"


def run(paths: list[Path]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = import_paths(paths, municipality=MUNICIPALITY, replace=False, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def undated(personas: Personas, tmp_path: Path) -> Meeting:  # noqa: F811
    """FagMED Økonomi's undated minutes, imported by `medref import`."""
    status, _, _ = run([write(tmp_path, "udateret-referat.txt", UNDATED_MINUTES)])
    assert status == 0
    return Meeting.objects.get()


@pytest.mark.django_db
def test_the_cli_imports_an_undated_file_with_a_warning_and_no_guessed_date(
    personas: Personas,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "udateret-referat.txt", UNDATED_MINUTES)
    status, out, err = run([path])
    assert status == 0
    assert out == f"{path}: importeret (FagMED Økonomi uden dato)\n"
    assert "til gennemsyn (1 filer med advarsler" in err
    assert f"  {path}:1: meeting_date: ingen mødedato fundet" in err
    assert err.splitlines()[-1] == "importeret 1, uændret 0, sprunget over 0, fejlet 0"
    meeting = Meeting.objects.get()
    assert meeting.committee == personas.committee
    assert meeting.meeting_date is None  # not today, not the file's mtime: nothing
    assert meeting.needs_review
    # Held back from the public until dated: approved, not published.
    assert meeting.status == statuses.MINUTES_APPROVED
    assert [i.title for i in meeting.items.order_by("position")] == [
        "Godkendelse af dagsorden",
        "Eventuelt",
    ]
    # The same file again is recognised by its content, though it has no date.
    assert run([path])[1] == f"{path}: uændret (FagMED Økonomi uden dato)\n"
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
def test_two_undated_files_of_one_committee_are_two_meetings(
    personas: Personas,  # noqa: F811
    tmp_path: Path,
) -> None:
    first = write(tmp_path, "a.txt", UNDATED_MINUTES)
    second = write(tmp_path, "b.txt", UNDATED_MINUTES.replace("Intet.", "Ingen punkter."))
    status, out, _ = run([first, second])
    assert status == 0 and out.count("importeret (FagMED Økonomi uden dato)") == 2
    assert Meeting.objects.filter(meeting_date__isnull=True).count() == 2


@pytest.mark.django_db
def test_an_undated_agenda_is_kept_planned_and_cannot_be_sent_before_it_is_dated(
    personas: Personas,  # noqa: F811
    tmp_path: Path,
) -> None:
    run([write(tmp_path, "dagsorden.txt", UNDATED_AGENDA)])
    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.meeting_date, meeting.needs_review) == (
        statuses.PLANNED,
        None,
        True,
    )
    with pytest.raises(IllegalTransition, match="Dagsordenen kan ikke sendes, før mødet har en"):
        minutes.send_agenda(meeting, actor=personas.sofie)
    meeting.refresh_from_db()
    assert meeting.status == statuses.PLANNED and not meeting.agenda_file


@pytest.mark.django_db
def test_the_agenda_of_an_undated_meeting_can_be_edited(
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
    tmp_path: Path,
) -> None:
    """Items are numbered within the meeting's own (there is no year to number in)."""
    run([write(tmp_path, "dagsorden.txt", UNDATED_AGENDA)])
    meeting = Meeting.objects.get()
    agenda.add_item(meeting, "Sygefravær", actor=personas.sofie)  # before Eventuelt
    numbers = list(meeting.items.order_by("position").values_list("number", "title"))
    assert numbers == [(1, "Godkendelse af dagsorden"), (2, "Sygefravær"), (3, "Eventuelt")]
    for url in (f"/moeder/{meeting.pk}/rediger/", f"/moeder/{meeting.pk}/"):
        response = client_as("sofie").get(url)
        assert response.status_code == 200, url
        assert "Dato ikke angivet" in response.content.decode()
    assert client_as("anonymous").get(f"/moeder/{meeting.pk}/").status_code == 404  # planned


@pytest.mark.django_db
def test_undated_minutes_cannot_be_published_until_the_secretary_dates_them(
    undated: Meeting,
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    with pytest.raises(IllegalTransition, match="Referatet kan ikke offentliggøres, før mødet"):
        minutes.publish_minutes(undated, actor=personas.frank)
    undated.refresh_from_db()
    assert undated.status == statuses.MINUTES_APPROVED
    sofie = client_as("sofie")
    page = sofie.get(f"/moeder/{undated.pk}/").content.decode()
    assert "Til gennemsyn" in page and "Dato ikke angivet" in page
    form = sofie.get(f"/moeder/{undated.pk}/gennemsyn/")
    assert form.status_code == 200
    response = sofie.post(
        f"/moeder/{undated.pk}/gennemsyn/",
        {"meeting_date": "2025-11-12", "committee_name": "FagMED Økonomi", "start_time": "13:00"},
    )
    assert response.status_code == 302
    undated.refresh_from_db()
    assert undated.meeting_date == dt.date(2025, 11, 12) and not undated.needs_review
    minutes.publish_minutes(undated, actor=personas.frank)
    undated.refresh_from_db()
    assert undated.status == statuses.PUBLISHED
    # The search index follows the date.
    assert set(SearchEntry.objects.values_list("meeting_date", flat=True)) == {
        dt.date(2025, 11, 12)
    }


@pytest.mark.django_db
def test_the_gennemsyn_form_requires_a_date_for_an_undated_meeting(
    undated: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    response = client_as("sofie").post(
        f"/moeder/{undated.pk}/gennemsyn/", {"committee_name": "FagMED Økonomi"}
    )
    assert response.status_code == 200  # the form again, with its error
    undated.refresh_from_db()
    assert undated.meeting_date is None and undated.needs_review


# Pages that show the meeting, or list it, for anyone who may open them.
def _pages(meeting: Meeting) -> list[str]:
    committee = meeting.committee
    municipality = committee.municipality.slug
    pages = [
        f"/moeder/{meeting.pk}/",
        f"/udvalg/{municipality}/{committee.slug}/",
        "/soeg/?q=sygefraværet",
        "/soeg/?q=sygefraværet&til=2030-12-31",
        "/soeg/historik/?q=81.16.00-G01-2-25",
    ]
    pages += [f"/moeder/{meeting.pk}/hent.{fmt}" for fmt in FORMATS]
    return pages


# Pages of the people who run the meeting (the secretary may open all of them).
def _secretary_pages(meeting: Meeting) -> list[str]:
    committee = meeting.committee
    base = f"/udvalg/{committee.municipality.slug}/{committee.slug}/"
    return [
        f"/moeder/{meeting.pk}/gennemsyn/",
        f"/moeder/{meeting.pk}/historik/",
        f"/moeder/{meeting.pk}/opfoelgning/",
        f"/moeder/{meeting.pk}/noter/",
        "/mine-moeder/",
        base + "aarshjul/",
        base + "opfoelgning/",
        base + "moeder.ics",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", NAMES)
def test_every_page_of_an_undated_meeting_renders_for_every_persona(
    undated: Meeting,
    persona: str,
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    client = client_as(persona)
    for url in _pages(undated):
        response = client.get(url)
        assert response.status_code == 200, (persona, url, response.status_code)
    page = client.get(f"/moeder/{undated.pk}/").content.decode()
    assert "Dato ikke angivet" in page
    assert "(dato ikke angivet)" in page  # the title
    # Held back: a decision is read by those who may see unpublished minutes only.
    sees_decisions = persona in {"sofie", "frank", "nanna", "mads", "lene", "alma", "tage"}
    sees_decisions = sees_decisions or persona in {"anna", "root"}
    assert ("Godkendt. Sygefraværet" in page) == sees_decisions, persona


@pytest.mark.django_db
def test_the_secretarys_pages_of_an_undated_meeting_render(
    undated: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    client = client_as("sofie")
    for url in _secretary_pages(undated):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    assert "Dato ikke angivet" in client.get(f"/moeder/{undated.pk}/historik/").content.decode()


@pytest.mark.django_db
def test_an_undated_meeting_is_in_no_calendar(
    undated: Meeting,
    planned: Meeting,
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    """The secretary's own feed has the dated (planned) meeting, not the undated one."""
    feed = services.feed_for(personas.sofie)
    body = client_as("anonymous").get(f"/kalender/{feed.token}.ics").content.decode()
    assert body.count("BEGIN:VEVENT") == 1, body
    assert planned.meeting_date is not None
    assert f"DTSTART;TZID=Europe/Copenhagen:{planned.meeting_date:%Y%m%d}" in body
    committee = undated.committee
    public = client_as("anonymous").get(
        f"/udvalg/{committee.municipality.slug}/{committee.slug}/moeder.ics"
    )
    assert public.status_code == 200 and "BEGIN:VEVENT" not in public.content.decode()


@pytest.mark.django_db
def test_search_finds_an_undated_meeting_and_says_it_has_no_date(
    undated: Meeting,
    personas: Personas,  # noqa: F811
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    contract = to_contract(search("eventuelt"))
    assert contract["results"], contract
    assert {r["meeting_date"] for r in contract["results"]} == {None}  # type: ignore[index]
    json.dumps(contract)
    page = client_as("sofie").get("/soeg/?q=eventuelt").content.decode()
    assert "FagMED Økonomi, Dato ikke angivet" in page
    # No year facet for it, and no date range reaches it.
    assert search("eventuelt", date_to=dt.date(2030, 1, 1)).total == 0


@pytest.mark.django_db
def test_the_import_is_one_event_in_the_history(
    undated: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    events = list(undated.events.all())
    assert [(e.action, e.actor_id) for e in events] == [(MeetingEvent.Action.IMPORTED, None)]
    assert events[0].details == {"file": "udateret-referat.txt", "needs_review": True}
    entry = describe(events[0])
    assert entry.sentence == "Importeret fra udateret-referat.txt af systemet"
    assert entry.notes == ["Ikke alle felter kunne læses i filen: mødet er til gennemsyn."]
    page = client_as("sofie").get(f"/moeder/{undated.pk}/historik/").content.decode()
    assert "Importeret fra udateret-referat.txt af systemet" in page


@pytest.mark.django_db
def test_an_import_by_a_user_names_them_and_needs_their_right(
    personas: Personas,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "referat.txt", UNDATED_MINUTES)
    doc = parse_file(path)
    with pytest.raises(PermissionDenied):
        import_document(
            doc,
            municipality_name=MUNICIPALITY,
            source_name="referat.txt",
            source_sha256="0" * 64,
            actor=personas.mads,
        )
    assert not Meeting.objects.exists()  # rolled back
    result = import_document(
        doc,
        municipality_name=MUNICIPALITY,
        source_name="referat.txt",
        source_sha256="0" * 64,
        actor=personas.sofie,
    )
    event = result.meeting.events.get()
    assert event.actor_id == personas.sofie.pk
    assert describe(event).sentence == "Importeret fra referat.txt af Sofie Sekretær"


@pytest.mark.django_db
def test_a_replacing_import_is_recorded_as_such(examples_dir: Path, tmp_path: Path) -> None:
    original = examples_dir / "referat-fagmed-oekonomi-2025-10-08.txt"
    changed = tmp_path / original.name
    changed.write_text(original.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    import_paths([original], municipality=None, replace=False, stdout=out, stderr=err)
    import_paths([changed], municipality=None, replace=True, stdout=out, stderr=err)
    meeting = Meeting.objects.get()
    events = list(meeting.events.all())
    assert [e.details for e in events] == [
        {"file": original.name},
        {"file": original.name, "replaced": True},
    ]
    assert describe(events[1]).notes == ["Mødets tidligere indhold blev erstattet."]


@pytest.mark.django_db
def test_the_admin_lists_and_opens_an_undated_meeting(
    undated: Meeting,
    client_as: Callable[[str], Client],  # noqa: F811
) -> None:
    client = client_as("root")
    listing = client.get("/admin/meetings/meeting/")
    assert listing.status_code == 200
    assert client.get(f"/admin/meetings/meeting/{undated.pk}/change/").status_code == 200
    assert str(undated) == "FagMED Økonomi uden dato"
