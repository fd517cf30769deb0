"""Bilag: checked as a whole for their type, stored under random names, served by
medref after the meeting page's permission check, and linked wherever the meeting is."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from medref.meetings.attachments import download_name
from medref.meetings.filecheck import Problem, check_content
from medref.meetings.models import AgendaItem, Attachment, Meeting
from medref.meetings.workflow import agenda, minutes, sections
from medref.meetings.workflow.errors import InvalidInput
from tests.personas import Personas

from .files import docx_bytes, pdf_bytes, png_bytes, zip_bytes


def bilag_url(attachment: Attachment) -> str:
    return reverse("web:meetings:attachment", args=[attachment.item.meeting_id, attachment.pk])


# --- the content check (pure) -------------------------------------------------


@pytest.mark.parametrize(
    ("extension", "make"),
    [("pdf", pdf_bytes), ("docx", docx_bytes), ("png", png_bytes)],
)
def test_real_files_of_each_type_pass(extension: str, make: Callable[[], bytes]) -> None:
    assert check_content(extension, make()) is None


@pytest.mark.parametrize(
    ("extension", "content", "problem"),
    [
        ("pdf", b"%PDF-1.7\n" + b"MZ\x90\x00" * 100, Problem.NOT_PDF),  # header, then a program
        ("pdf", b"%PDF-1.7", Problem.NOT_PDF),
        ("docx", zip_bytes({"a.txt": b"x"}), Problem.NOT_OFFICE),  # a zip, not a Word file
        ("docx", b"PK\x03\x04 not a zip at all", Problem.NOT_PACKAGE),
        ("xlsx", zip_bytes({"[Content_Types].xml": b"", "word/document.xml": b""}), "x"),
        ("odt", zip_bytes({"mimetype": b"application/zip"}), Problem.NOT_OFFICE),
        ("png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, Problem.NOT_IMAGE),
        ("jpg", png_bytes(), Problem.NOT_IMAGE),  # a PNG named .jpg
        ("txt", "blåbær".encode("latin-1"), Problem.NOT_UTF8),
    ],
)
def test_files_that_are_not_what_they_are_named_are_refused(
    extension: str, content: bytes, problem: object
) -> None:
    found = check_content(extension, content)
    assert found is not None
    if isinstance(problem, Problem):
        assert found == problem


def test_a_program_appended_to_a_real_pdf_or_docx_is_refused() -> None:
    assert check_content("pdf", pdf_bytes() + b"MZ\x90\x00\x03" * 64) == Problem.NOT_PDF
    assert check_content("docx", docx_bytes() + b"MZ\x90\x00") == Problem.NOT_PACKAGE
    assert check_content("docx", b"MZ\x90\x00" + docx_bytes()) == Problem.NOT_PACKAGE


@given(st.binary(max_size=2000))
def test_random_bytes_are_never_a_pdf_docx_or_png(data: bytes) -> None:
    assert check_content("pdf", data) is not None
    assert check_content("docx", data) is not None
    assert check_content("png", data) is not None


@given(st.text(max_size=300))
def test_a_download_name_never_carries_a_path_quote_or_control_character(title: str) -> None:
    name = download_name(title, "attachments/2026/0a1b.pdf")
    assert name.endswith(".pdf")
    assert not set(name) & set('/\\"\r\n\x00;:')
    assert len(name) <= 124


def test_a_download_name_is_the_title_with_the_stored_extension() -> None:
    assert download_name("Budget 2026", "attachments/2026/abc.PDF") == "Budget 2026.pdf"
    assert download_name('../../etc/"passwd"', "x/y.docx") == "etc passwd.docx"
    assert download_name("", "x/y.txt") == "bilag.txt"


# --- uploads ------------------------------------------------------------------

pytestmark_db = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _item(meeting: Meeting) -> AgendaItem:
    return meeting.items.get(position=2)


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_a_pdf_header_followed_by_junk_is_refused_with_a_clear_message(
    planned: Meeting, personas: Personas
) -> None:
    item = _item(planned)
    fake = SimpleUploadedFile("budget.pdf", b"%PDF-1.7\n" + b"MZ\x90\x00" * 100)
    with pytest.raises(InvalidInput) as refused:
        sections.add_attachment(item, fake, actor=personas.sofie)
    assert refused.value.field == "file"
    assert "budget.pdf" in refused.value.message
    assert not Attachment.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_editor_shows_the_refusal_in_danish_next_to_the_file_field(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = _item(planned)
    response = client_as("sofie").post(
        reverse("web:meetings:add_attachment", args=[planned.pk, item.pk]),
        {"file": SimpleUploadedFile("budget.pdf", b"%PDF-1.7 then junk"), "version": "0"},
    )
    assert response.status_code == 200
    assert "“budget.pdf” er ikke en PDF-fil, der kan åbnes" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_a_bilag_is_stored_under_a_random_name_never_the_uploaded_one(
    planned: Meeting, personas: Personas
) -> None:
    item = _item(planned)
    one = sections.add_attachment(
        item, SimpleUploadedFile("Lukket sag.pdf", pdf_bytes()), actor=personas.sofie
    )
    two = sections.add_attachment(
        item, SimpleUploadedFile("Lukket sag.pdf", pdf_bytes()), actor=personas.sofie
    )
    for attachment in (one, two):
        assert re.fullmatch(r"attachments/\d{4}/[0-9a-f]{32}\.pdf", attachment.file.name)
        assert "Lukket" not in attachment.file.name
    assert one.file.name != two.file.name


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_agenda_as_sent_is_stored_under_random_names(sent: Meeting) -> None:
    for stored in (sent.agenda_file, sent.public_agenda_file):
        assert re.fullmatch(r"agendas/\d{4}/[0-9a-f]{32}\.(pdf|html)", stored.name)


# --- downloads ----------------------------------------------------------------


@pytest.fixture
def with_bilag(planned: Meeting, personas: Personas, media) -> tuple[Attachment, Attachment]:
    """An open item's bilag and a closed item's, on a meeting whose agenda is sent."""
    open_item = _item(planned)
    closed_item = agenda.add_item(planned, "Personalesag", actor=personas.sofie, closed=True)
    shown = sections.add_attachment(
        open_item,
        SimpleUploadedFile("budget.pdf", pdf_bytes()),
        actor=personas.sofie,
        title="Budget 2026",
    )
    secret = sections.add_attachment(
        closed_item,
        SimpleUploadedFile("sag.docx", docx_bytes()),
        actor=personas.sofie,
        title="Sagens akter",
    )
    minutes.send_agenda(planned, actor=personas.sofie, site="http://testserver/")
    return shown, secret


@pytest.mark.django_db
def test_an_open_items_bilag_is_served_to_anyone_with_type_name_and_nosniff(
    with_bilag: tuple[Attachment, Attachment], client_as: Callable[[str], Client]
) -> None:
    shown, _secret = with_bilag
    response = client_as("anonymous").get(bilag_url(shown))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="Budget 2026.pdf"'
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == shown.file.open("rb").read()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 404),
        ("otto", 404),
        ("finn", 404),
        ("hanne", 404),
        ("sara", 200),
        ("mads", 200),
        ("anna", 200),
    ],
)
def test_a_closed_items_bilag_only_for_those_who_may_see_closed_items(
    with_bilag: tuple[Attachment, Attachment],
    client_as: Callable[[str], Client],
    persona: str,
    status: int,
) -> None:
    _shown, secret = with_bilag
    response = client_as(persona).get(bilag_url(secret))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        assert response["Content-Disposition"] == 'attachment; filename="Sagens akter.docx"'


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_a_planned_meetings_bilag_is_hidden_from_all_but_the_agendas_editors(
    planned: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    attachment = sections.add_attachment(
        _item(planned), SimpleUploadedFile("a.pdf", pdf_bytes()), actor=personas.sofie
    )
    assert client_as("mads").get(bilag_url(attachment)).status_code == 404
    assert client_as("anonymous").get(bilag_url(attachment)).status_code == 404
    assert client_as("sofie").get(bilag_url(attachment)).status_code == 200


@pytest.mark.django_db
def test_a_bilag_asked_for_under_another_meeting_is_not_found(
    with_bilag: tuple[Attachment, Attachment], client_as: Callable[[str], Client]
) -> None:
    shown, _secret = with_bilag
    url = reverse("web:meetings:attachment", args=[shown.item.meeting_id + 1, shown.pk])
    assert client_as("sofie").get(url).status_code == 404


@pytest.mark.django_db
def test_the_meeting_page_links_bilag_through_medref_never_the_media_folder(
    with_bilag: tuple[Attachment, Attachment], client_as: Callable[[str], Client]
) -> None:
    shown, secret = with_bilag
    meeting_url = reverse("web:meeting", args=[shown.item.meeting_id])
    public = client_as("anonymous").get(meeting_url).content.decode()
    assert f'<a href="{bilag_url(shown)}">Budget 2026</a>' in public
    assert bilag_url(secret) not in public
    assert "/media/" not in public
    member = client_as("mads").get(meeting_url).content.decode()
    assert f'<a href="{bilag_url(secret)}">Sagens akter</a>' in member


@pytest.mark.django_db
def test_the_editor_links_bilag_through_medref(
    planned: Meeting, personas: Personas, client_as: Callable[[str], Client], media
) -> None:
    item = _item(planned)
    attachment = sections.add_attachment(
        item, SimpleUploadedFile("a.pdf", pdf_bytes()), actor=personas.sofie, title="Budget"
    )
    page = client_as("sofie").get(reverse("web:meetings:item", args=[planned.pk, item.pk]))
    html = page.content.decode()
    assert f'<a href="{bilag_url(attachment)}">Budget</a>' in html
    assert "/media/" not in html


@pytest.mark.django_db
def test_downloads_and_the_sent_agenda_link_bilag_by_absolute_address(
    with_bilag: tuple[Attachment, Attachment], client_as: Callable[[str], Client]
) -> None:
    shown, secret = with_bilag
    meeting = shown.item.meeting
    html = client_as("anonymous").get(reverse("web:download", args=[meeting.pk, "html"]))
    assert f'<a href="http://testserver{bilag_url(shown)}">Budget 2026</a>' in html.content.decode()
    assert bilag_url(secret) not in html.content.decode()
    meeting.refresh_from_db()
    full = _links(meeting.agenda_file.open("rb").read())
    public = _links(meeting.public_agenda_file.open("rb").read())
    assert f"http://testserver{bilag_url(shown)}" in full
    assert f"http://testserver{bilag_url(secret)}" in full
    assert f"http://testserver{bilag_url(shown)}" in public
    assert not any(bilag_url(secret) in link for link in public)


def _links(content: bytes) -> set[str]:
    """The addresses a stored agenda (PDF, or HTML when PDF failed) links to."""
    if content.startswith(b"%PDF-"):
        import io

        import pdfplumber

        with pdfplumber.open(io.BytesIO(content)) as pdf:
            return {link["uri"] for page in pdf.pages for link in page.hyperlinks}
    return set(re.findall(r'href="([^"]+)"', content.decode()))


@pytest.mark.django_db
def test_the_migration_renames_files_stored_under_their_uploaded_names(
    planned: Meeting, personas: Personas, media
) -> None:
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from medref.meetings.models import MeetingEvent

    migration = importlib.import_module("medref.meetings.migrations.0003_random_file_names")
    old = default_storage.save("attachments/2025/Lukket personalesag.pdf", ContentFile(b"x"))
    item = _item(planned)
    row = Attachment.objects.create(item=item, position=0, title="Sag", file=old)
    event = MeetingEvent.objects.create(
        meeting=planned, action=MeetingEvent.Action.ATTACHMENT_ADDED, details={"file": old}
    )
    migration.rename_stored_files(apps, None)
    row.refresh_from_db()
    event.refresh_from_db()
    assert re.fullmatch(r"attachments/\d{4}/[0-9a-f]{32}\.pdf", row.file.name)
    assert event.details["file"] == row.file.name
    assert not default_storage.exists(old)
    assert default_storage.open(row.file.name).read() == b"x"
    migration.rename_stored_files(apps, None)  # a second run changes nothing
    assert Attachment.objects.get(pk=row.pk).file.name == row.file.name


def _pages(content: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    try:
        return len(document)
    finally:
        document.close()


@pytest.mark.django_db
def test_the_combined_agenda_appends_the_pdf_bilag_each_reader_may_see(
    with_bilag: tuple[Attachment, Attachment],
    client_as: Callable[[str], Client],
    personas: Personas,
) -> None:
    shown, secret = with_bilag
    meeting = shown.item.meeting
    meeting.refresh_from_db()
    if not meeting.agenda_file.name.endswith(".pdf"):
        pytest.skip("the PDF renderer is not available here")
    # The secret bilag is a .docx: add a closed item's PDF as well.
    closed_item = secret.item
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PLANNED)
    sections.add_attachment(
        closed_item, SimpleUploadedFile("p.pdf", pdf_bytes(pages=3)), actor=personas.sofie
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.AGENDA_SENT)
    url = reverse("web:meetings:combined_agenda", args=[meeting.pk])
    full_agenda = _pages(meeting.agenda_file.open("rb").read())
    public_agenda = _pages(meeting.public_agenda_file.open("rb").read())
    member = client_as("mads").get(url)
    assert member["Content-Type"] == "application/pdf"
    assert member["X-Content-Type-Options"] == "nosniff"
    assert _pages(member.content) == full_agenda + 1 + 3  # the open bilag, the closed one
    public = client_as("anonymous").get(url)
    assert _pages(public.content) == public_agenda + 1  # the open item's bilag only
    assert "offentlig" in public["Content-Disposition"]
    html = client_as("mads").get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    assert url in html
