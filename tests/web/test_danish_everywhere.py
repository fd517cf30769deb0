"""Danish throughout: no fuzzy or untranslated catalogue entries, no English
message on the main pages, and 403/404/500 pages in Danish in the site's layout."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

import medref
from medref.meetings.models import Attendance, Meeting
from medref.meetings.workflow import minutes

ROOT = Path(medref.__file__).resolve().parent


@pytest.fixture
def media(tmp_path, settings):
    """Stored files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


CATALOGUES = sorted(ROOT.rglob("locale/da/LC_MESSAGES/django.po"))


def test_there_are_catalogues() -> None:
    assert len(CATALOGUES) >= 3


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_catalogue_entry_is_fuzzy_or_obsolete(path: Path) -> None:
    """msgfmt leaves fuzzy entries out, so the page shows the English (or a stale) text."""
    catalogue = polib.pofile(str(path))
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue.obsolete_entries()] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_catalogue_compiles_cleanly(path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def _translated() -> dict[str, str]:
    """msgid -> Danish msgstr over every catalogue (entries that translate something)."""
    found: dict[str, str] = {}
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.msgstr and entry.msgstr != entry.msgid and not entry.obsolete:
                found.setdefault(entry.msgid, entry.msgstr)
    return found


def test_every_message_some_catalogue_translates_reads_danish_when_running() -> None:
    """What the catalogues say is what Django serves (the compiled files are current)."""
    with translation.override("da"):
        wrong = {
            msgid: translation.gettext(msgid)
            for msgid, msgstr in _translated().items()
            if "%(" not in msgid and translation.gettext(msgid) == msgid
        }
    assert wrong == {}


def _english_messages() -> list[str]:
    """English source messages of two words or more (a single word may be Danish too)."""
    messages = []
    for msgid in _translated():
        text = msgid.split("%(")[0].strip()
        if len(text.split()) >= 2 and not re.search(r"[{}<>]", text):
            messages.append(text)
    return messages


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = " ".join(re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attributes)


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_main_pages_show_no_english_message(
    client_as: Callable[[str], Client], personas, sent_meeting: Meeting
) -> None:
    english = _english_messages()
    assert len(english) > 100
    meeting = sent_meeting
    item = meeting.items.order_by("position").first()
    sofie = client_as("sofie")
    pages = {
        "home": reverse("web:home"),
        "committee": reverse(
            "web:committee_in_municipality",
            args=[personas.committee.municipality.slug, personas.committee.slug],
        ),
        "meeting": reverse("web:meeting", args=[meeting.pk]),
        "attendance": reverse("web:meetings:attendance", args=[meeting.pk]),
        "minutes": reverse("web:meetings:minutes", args=[meeting.pk]),
        "history": reverse("web:meetings:history", args=[meeting.pk]),
        "confirm": reverse("web:meetings:transition", args=[meeting.pk, "afholdt"]),
        "search": reverse("web:search") + "?q=dagsorden",
        "item": reverse("web:meetings:item", args=[meeting.pk, item.pk]),
    }
    found = {}
    for name, url in pages.items():
        response = sofie.get(url)
        assert response.status_code == 200, name
        text = " ".join(visible_text(response.content.decode()).split())
        shown = [message for message in english if re.search(rf"\b{re.escape(message)}\b", text)]
        if shown:
            found[name] = shown
    assert found == {}


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_decision_buttons_name_their_item_in_danish(
    client_as: Callable[[str], Client], sent_meeting: Meeting
) -> None:
    page = client_as("sofie").get(reverse("web:meetings:minutes", args=[sent_meeting.pk]))
    text = page.content.decode()
    first = sent_meeting.items.order_by("position").first()
    assert f"(punkt {first.number})" in text
    assert "(item " not in text


@pytest.fixture
def sent_meeting(personas) -> Meeting:
    import datetime as dt

    from django.utils import timezone

    from medref.meetings.workflow.agenda import schedule_meeting

    meeting = schedule_meeting(
        personas.committee,
        timezone.localdate() + dt.timedelta(days=7),
        None,
        "Lokale 1",
        actor=personas.sofie,
    )
    meeting = minutes.send_agenda(meeting, actor=personas.sofie)
    members, _ = minutes.members_on(meeting)
    minutes.record_attendance(
        meeting, {m.person_id: Attendance.Status.PRESENT for m in members}, actor=personas.sofie
    )
    return meeting


# --- error pages ----------------------------------------------------------------


def _in_layout(page: str) -> None:
    assert '<header class="site-header">' in page
    assert '<html lang="da">' in page


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_a_403_is_danish_in_the_sites_layout(
    client_as: Callable[[str], Client], sent_meeting: Meeting
) -> None:
    response = client_as("mads").get(
        reverse("web:meetings:transition", args=[sent_meeting.pk, "afholdt"])
    )
    assert response.status_code == 403
    page = response.content.decode()
    _in_layout(page)
    assert "Du har ikke adgang til denne side" in page
    assert "Forbidden" not in page


@pytest.mark.django_db
def test_a_404_is_danish_in_the_sites_layout(client: Client) -> None:
    response = client.get("/moeder/987654/")
    assert response.status_code == 404
    page = response.content.decode()
    _in_layout(page)
    assert "Siden blev ikke fundet" in page
    assert "Not Found" not in page


@pytest.mark.django_db
def test_a_500_is_danish_in_the_sites_layout() -> None:
    from django.views.defaults import server_error

    request = RequestFactory().get("/")
    with translation.override("da"):
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "Noget gik galt" in page
    assert '<header class="site-header">' in page
