"""Private notes are read by their author only; comments by the committee's members only.

Each text carries a word nobody else writes, then every page, download and
search result every persona can reach is searched for it.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from medref.participation import services
from medref.participation.models import ItemComment, PrivateNote
from medref.search.services import index_meeting
from tests.personas import NAMES, Personas

pytestmark = pytest.mark.django_db

NOTE = "zebranote"
COMMENT = "giraffkommentar"
# Those who see drafts in FagMED Økonomi (VIEW_UNPUBLISHED) read the comments.
COMMENT_READERS = {"sofie", "frank", "nanna", "mads", "lene", "alma", "tage", "anna", "root"}


@pytest.fixture
def written(personas: Personas, sent):
    open_item = sent.items.exclude(closed=True).order_by("position").first()
    services.save_note(open_item, actor=personas.mads, text=f"Spørg om {NOTE} på mødet")
    services.add_comment(open_item, actor=personas.nanna, text=f"Husk {COMMENT} i budgettet")
    index_meeting(sent)
    return sent


def _everything(client, meeting) -> str:
    """Every page and file of the meeting the client can get, and search results."""
    texts = []
    for url in (
        reverse("web:meeting", args=[meeting.pk]),
        reverse("web:participation:notes", args=[meeting.pk]),
        reverse("web:meetings:history", args=[meeting.pk]),
        *(reverse("web:download", args=[meeting.pk, fmt]) for fmt in ("html", "md", "txt")),
    ):
        response = client.get(url)
        if response.status_code == 200:
            texts.append(response.content.decode())
    return "\n".join(texts)


@pytest.mark.parametrize("who", NAMES)
def test_notes_and_comments_reach_only_their_readers(
    personas: Personas, client_as, written, who
) -> None:
    seen = _everything(client_as(who), written)
    assert (NOTE in seen) == (who == "mads")
    assert (COMMENT in seen) == (who in COMMENT_READERS)


def test_search_never_finds_notes_or_comments(personas: Personas, written) -> None:
    from medref.accounts.scope import ReaderScope
    from medref.search.models import SearchEntry
    from medref.search.selectors import search

    for word in (NOTE, COMMENT):
        assert search(word, visibility=ReaderScope.everything()).total == 0
        assert not SearchEntry.objects.filter(text__icontains=word).exists()
    # The index has the meeting, so a miss is not an empty index.
    assert search("Personalesag", visibility=ReaderScope.everything()).total > 0


def test_the_author_sees_the_note_on_the_notes_page(personas: Personas, client_as, written):
    page = client_as("mads").get(reverse("web:participation:notes", args=[written.pk]))
    assert NOTE in page.content.decode()
    assert "Kun du kan se den" not in page.content.decode()  # no message before a save


def test_notes_page_saves_note_and_comment(personas: Personas, client_as, sent) -> None:
    item = sent.items.exclude(closed=True).first()
    client = client_as("tage")
    url = reverse("web:participation:notes", args=[sent.pk])
    client.post(url, {"item": item.pk, "kind": "note", "text": "min egen"})
    client.post(url, {"item": item.pk, "kind": "comment", "text": "til alle"})
    assert PrivateNote.objects.get(author=personas.tage).text == "min egen"
    comment = ItemComment.objects.get()
    assert comment.author_name == "Tage Tillidsrepræsentant" and comment.text == "til alle"
    client.post(url, {"item": item.pk, "kind": "note", "text": "  "})
    assert not PrivateNote.objects.exists()


def test_a_substitute_notes_but_does_not_comment(personas: Personas, sent) -> None:
    item = sent.items.exclude(closed=True).first()
    assert services.save_note(item, actor=personas.sara, text="egen") is not None
    with pytest.raises(PermissionDenied):
        services.add_comment(item, actor=personas.sara, text="til alle")


@pytest.mark.parametrize("who", ["otto", "ib", "hanne", "finn"])
def test_outsiders_cannot_write_on_a_closed_item(personas: Personas, sent, who) -> None:
    closed = sent.items.get(closed=True)
    with pytest.raises(PermissionDenied):
        services.save_note(closed, actor=personas.users[who], text="x")
    with pytest.raises(PermissionDenied):
        services.add_comment(closed, actor=personas.users[who], text="x")


def test_notes_never_reach_the_document(personas: Personas, written) -> None:
    from medref.meetings.mapping import to_document

    doc = to_document(written)
    assert NOTE not in repr(doc) and COMMENT not in repr(doc)
