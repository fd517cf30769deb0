"""Two people record the same meeting's attendance: the second save is refused with
a conflict naming the first, never a silent overwrite (as items do with their version)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medref.meetings.models import Attendance, ItemAttendance, Meeting, MeetingEvent
from medref.meetings.workflow import minutes
from medref.meetings.workflow.common import attendance_recordings
from medref.meetings.workflow.errors import Conflict
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def everyone(
    meeting: Meeting, status: str = "present", but: dict[int, str] | None = None
) -> dict[int, str]:
    """Every member with ``status``, except those (person id) in ``but``."""
    members, _ = minutes.members_on(meeting)
    return {m.person_id: status for m in members} | (but or {})


def recorded(meeting: Meeting) -> dict[str, str | None]:
    return {a.name: a.status for a in Attendance.objects.filter(meeting=meeting)}


def test_a_save_after_someone_elses_is_refused_naming_them(
    sent: Meeting, personas: Personas
) -> None:
    seen = attendance_recordings(sent)  # both open the page before anyone saves
    assert seen == 0
    mads = personas.people["mads"].pk
    minutes.record_attendance(
        sent, everyone(sent, but={mads: "afbud"}), actor=personas.frank, expected=seen
    )
    with pytest.raises(Conflict, match="Frank Formand har registreret fremmødet") as refused:
        minutes.record_attendance(
            sent, everyone(sent, "absent"), actor=personas.sofie, expected=seen
        )
    assert "Dine valg er ikke gemt" in str(refused.value)
    assert recorded(sent)["Mads Medlem"] == "afbud"
    assert recorded(sent)["Sofie Sekretær"] == "present"
    assert attendance_recordings(sent) == 1
    # Having seen Frank's save, Sofie's next save goes through.
    minutes.record_attendance(sent, everyone(sent, "absent"), actor=personas.sofie, expected=1)
    assert set(recorded(sent).values()) == {"absent"}


def test_without_the_expected_count_there_is_no_check(sent: Meeting, personas: Personas) -> None:
    """The CLI and other callers that never showed a form save as before."""
    minutes.record_attendance(sent, everyone(sent), actor=personas.frank)
    minutes.record_attendance(sent, everyone(sent, "afbud"), actor=personas.sofie)
    assert set(recorded(sent).values()) == {"afbud"}


def test_a_save_by_a_deleted_user_is_refused_without_a_name(
    sent: Meeting, personas: Personas
) -> None:
    minutes.record_attendance(sent, everyone(sent), actor=personas.root)
    personas.root.delete()  # the history keeps the event, without its actor
    with pytest.raises(Conflict, match="En anden har registreret fremmødet"):
        minutes.record_attendance(sent, everyone(sent, "afbud"), actor=personas.sofie, expected=0)


def test_a_count_above_the_real_one_is_refused(sent: Meeting, personas: Personas) -> None:
    with pytest.raises(Conflict, match="En anden har registreret fremmødet"):
        minutes.record_attendance(sent, everyone(sent), actor=personas.sofie, expected=3)
    assert not sent.attendances.exists()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(claims=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=6))
def test_a_save_goes_through_exactly_when_it_saw_every_earlier_save(
    sent: Meeting, personas: Personas, claims: list[int]
) -> None:
    """Whatever counts the forms carry, only one that saw all saves before it is stored."""
    with transaction.atomic():  # each example rolled back, so they never see each other
        stored = 0
        for n, claim in enumerate(claims):
            status = ("present", "afbud", "absent")[n % 3]
            try:
                minutes.record_attendance(
                    sent, everyone(sent, status), actor=personas.sofie, expected=claim
                )
            except Conflict:
                assert claim != stored
            else:
                assert claim == stored
                stored += 1
                assert set(recorded(sent).values()) == {status}
            assert attendance_recordings(sent) == stored
        transaction.set_rollback(True)


# The views.


def url(meeting: Meeting) -> str:
    return reverse("web:meetings:attendance", args=[meeting.pk])


def opened(client: Client, meeting: Meeting) -> dict[str, object]:
    """GET the page; the form's data as the browser would send it unchanged."""
    body = client.get(url(meeting)).content.decode()
    hidden = re.search(r'<input type="hidden" name="recordings" value="(\d+)"', body)
    assert hidden is not None, body
    data: dict[str, object] = {"recordings": hidden.group(1)}
    for name, value in re.findall(r'name="(status_\d+)" value="(\w+)"[^>]*checked', body):
        data[name] = value
    return data


def test_the_first_save_of_a_meeting_without_attendance_works(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    client = client_as("sofie")
    data = opened(client, sent)
    assert data["recordings"] == "0"
    assert set(data) == {"recordings"} | {f"status_{p}" for p in everyone(sent)}
    response = client.post(url(sent), {**data, f"status_{personas.people['mads'].pk}": "afbud"})
    assert response.status_code == 302
    assert recorded(sent)["Mads Medlem"] == "afbud"
    assert opened(client, sent)["recordings"] == "1"


def test_the_second_post_is_refused_and_keeps_the_users_choices(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    sofie, frank = client_as("sofie"), client_as("frank")
    sofies, franks = opened(sofie, sent), opened(frank, sent)
    item = sent.items.order_by("position")[2]
    sara = str(personas.people["sara"].pk)
    mads, lene = personas.people["mads"].pk, personas.people["lene"].pk
    first = sofie.post(url(sent), {**sofies, f"status_{mads}": "afbud"})
    assert first.status_code == 302
    before = recorded(sent)
    events = sent.events.filter(action=MeetingEvent.Action.ATTENDANCE_RECORDED).count()

    second = frank.post(
        url(sent),
        {**franks, f"status_{lene}": "absent", f"substitutes_{item.pk}": [sara]},
    )
    assert second.status_code == 200
    body = second.content.decode()
    alert = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', body, re.S)
    assert alert is not None
    assert "Sofie Sekretær har registreret fremmødet, efter du åbnede siden" in alert.group(1)
    # Frank's choices are still on the page for him to compare and make again.
    assert re.search(rf'name="status_{lene}" value="absent"[^>]*checked', body)
    assert re.search(rf'name="status_{mads}" value="present"[^>]*checked', body)
    assert re.search(rf'name="substitutes_{item.pk}" value="{sara}"[^>]*checked', body)
    # Nothing of his was stored.
    assert recorded(sent) == before
    assert not ItemAttendance.objects.filter(item=item, kind="substitute").exists()
    assert sent.events.filter(action=MeetingEvent.Action.ATTENDANCE_RECORDED).count() == events
