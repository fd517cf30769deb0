"""The reading pages follow the permission matrix, persona by persona.

Members of FagMED Økonomi see closed items and draft decisions; everyone
else (anonymous, signed in without a seat, former members, members of other
committees, another municipality's administrator) sees the public version:
from the agenda's sending on, open items only, decisions once published.
Planned meetings are 404 to all but the agenda's editors.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from medref.meetings.models import Meeting

from .documents import make_document, make_item, store

S = Meeting.Status
SECRET = "Zebrafiskesagen"
DECISION = "FagMED godkendte punktet."
EDITORS = ("sofie", "frank", "nanna", "anna", "root")
READERS = ("mads", "lene", "alma", "tage")  # members: closed items and drafts
PUBLIC = ("anonymous", "otto", "finn", "hanne", "ib")
MEMBERS = (*EDITORS, *READERS, "sara")
EVERYONE = (*MEMBERS, *PUBLIC)


def meeting_in(status: str) -> Meeting:
    """Minutes of FagMED Økonomi with an open item (21) and a closed one (22)."""
    closed = make_item(22, closed=True)
    closed = type(closed)(
        number=22,
        title=f"Personalesag {SECRET}",
        closed=True,
        sections=closed.sections,
    )
    meeting = store(make_document((make_item(21), closed)))
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    return meeting


def get(client, meeting, fmt: str | None = None):
    if fmt is None:
        return client.get(reverse("web:meeting", args=[meeting.pk]))
    return client.get(reverse("web:download", args=[meeting.pk, fmt]))


@pytest.mark.parametrize("name", EVERYONE)
def test_a_planned_meeting_is_seen_only_by_its_editors(client_as, name):
    meeting = meeting_in(S.PLANNED)
    client = client_as(name)
    expected = 200 if name in EDITORS else 404
    assert get(client, meeting).status_code == expected
    assert get(client, meeting, "txt").status_code == expected


@pytest.mark.parametrize("name", MEMBERS)
def test_members_read_closed_items(client_as, name):
    html = get(client_as(name), meeting_in(S.PUBLISHED)).content.decode()
    assert SECRET in html
    assert "<h3>Sagsfremstilling</h3>" in html.split('id="punkt-22"')[1]
    assert "Indholdet af lukkede punkter offentliggøres ikke." not in html


@pytest.mark.parametrize("name", PUBLIC)
def test_the_public_never_reads_closed_items(client_as, name):
    client = client_as(name)
    for status in (S.AGENDA_SENT, S.MINUTES_DRAFT, S.MINUTES_APPROVED, S.PUBLISHED):
        meeting = meeting_in(status)
        response = get(client, meeting)
        assert response.status_code == 200
        html = response.content.decode()
        assert SECRET not in html
        assert "Punkt 22: Lukket punkt" in html
        assert "Indholdet af lukkede punkter offentliggøres ikke." in html
        assert SECRET not in get(client, meeting, "txt").content.decode()
        meeting.delete()


@pytest.mark.parametrize("name", (*PUBLIC, "sara"))
@pytest.mark.parametrize("status", [S.MINUTES_DRAFT, S.MINUTES_APPROVED])
def test_the_public_reads_the_agenda_until_the_minutes_are_published(client_as, name, status):
    client = client_as(name)
    meeting = meeting_in(status)
    html = get(client, meeting).content.decode()
    assert "<h1>DAGSORDEN FagMED Økonomi" in html
    assert DECISION not in html
    assert "Beslutning" not in html
    assert DECISION not in get(client, meeting, "txt").content.decode()


@pytest.mark.parametrize("name", PUBLIC)
def test_the_public_reads_published_decisions(client_as, name):
    html = get(client_as(name), meeting_in(S.PUBLISHED)).content.decode()
    assert "<h1>REFERAT FagMED Økonomi" in html
    assert DECISION in html


@pytest.mark.parametrize("name", (*EDITORS, *READERS))
def test_members_read_draft_decisions(client_as, name):
    html = get(client_as(name), meeting_in(S.MINUTES_DRAFT)).content.decode()
    assert "<h1>UDKAST – REFERAT FagMED Økonomi" in html  # a draft says so
    assert DECISION in html


@pytest.mark.parametrize("name", EVERYONE)
def test_the_committee_page_lists_planned_meetings_only_to_editors(client_as, personas, name):
    planned = meeting_in(S.PLANNED)
    url = reverse("web:committee_in_municipality", args=["vejle-kommune", personas.committee.slug])
    html = client_as(name).get(url).content.decode()
    link = f'href="{reverse("web:meeting", args=[planned.pk])}"'
    assert (link in html) is (name in EDITORS)


@pytest.mark.parametrize(("name", "queries"), [("anonymous", 7), ("mads", 11), ("anna", 10)])
def test_the_meeting_page_costs_a_fixed_number_of_queries(
    client_as, django_assert_num_queries, name, queries
):
    """The page's seven; a signed-in user adds the session, the user and the
    permission queries (one for an administrator, two for others)."""
    client = client_as(name)
    meeting = meeting_in(S.PUBLISHED)
    with django_assert_num_queries(queries):
        assert get(client, meeting).status_code == 200


@pytest.mark.parametrize("name", EVERYONE)
def test_the_committee_page_offers_a_new_meeting_to_editors(client_as, personas, name):
    url = reverse("web:committee_in_municipality", args=["vejle-kommune", personas.committee.slug])
    html = client_as(name).get(url).content.decode()
    new = reverse("web:meetings:new", args=[personas.committee.pk])
    assert (f'href="{new}"' in html) is (name in EDITORS)


@pytest.mark.parametrize("name", EVERYONE)
def test_the_meeting_page_links_the_agenda_editor_for_editors(client_as, name):
    meeting = meeting_in(S.PLANNED)
    response = get(client_as(name), meeting)
    editor = reverse("web:meetings:editor", args=[meeting.pk])
    if name in EDITORS:
        assert f'href="{editor}"' in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("name", EVERYONE)
def test_the_minutes_editor_is_linked_for_those_who_write_minutes(client_as, name):
    meeting = meeting_in(S.MINUTES_DRAFT)
    html = get(client_as(name), meeting).content.decode()
    minutes = reverse("web:meetings:minutes", args=[meeting.pk])
    assert (f'href="{minutes}"' in html) is (name in ("sofie", "frank", "anna", "root"))
