"""The search page, and who finds closed items there."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from medref.meetings.imports import import_path
from medref.meetings.models import AgendaItem
from medref.search.services import reindex_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(examples_dir: Path) -> None:
    for path in sorted(examples_dir.iterdir()):
        import_path(path, municipality=None, replace=False)


def test_every_page_has_a_search_box(demo: None, client: Client) -> None:
    """The header's search form points at the search page."""
    assert 'role="search"' in client.get("/").content.decode()


def test_a_closed_item_is_found_only_when_signed_in(demo: None, client: Client) -> None:
    """Anonymous readers do not find closed items; signed-in users do."""
    item = AgendaItem.objects.get(meeting__committee__name__startswith="FagMED", number=24)
    item.closed = True
    item.save()
    reindex_all()
    anonymous = client.get("/soeg/", {"q": "sygefravær"}).content.decode()
    assert "Punkt 24," not in anonymous
    client.force_login(User.objects.create_user("reader"))
    signed_in = client.get("/soeg/", {"q": "sygefravær"}).content.decode()
    assert "Punkt 24," in signed_in
    assert "<mark>" in signed_in
