"""Migration 0002: minutes imported before PUBLISHED existed become published."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from medref.meetings.models import Meeting
from medref.organisation.models import Committee

pytestmark = pytest.mark.django_db

migration = importlib.import_module("medref.meetings.migrations.0002_workflow")


def test_imported_approved_minutes_become_published(committee: Committee) -> None:
    """Only imported ones (with a source); minutes approved in medref stay approved."""
    imported = Meeting.objects.create(
        committee=committee,
        meeting_date="2025-10-08",
        status="minutes_approved",
        source_sha256="a" * 64,
    )
    written_here = Meeting.objects.create(
        committee=committee, meeting_date="2025-11-08", status="minutes_approved"
    )
    agenda = Meeting.objects.create(
        committee=committee, meeting_date="2025-12-08", status="agenda_sent", source_sha256="b" * 64
    )
    migration.publish_imported_minutes(apps, None)
    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert statuses == {
        imported.pk: "published",
        written_here.pk: "minutes_approved",
        agenda.pk: "agenda_sent",
    }
    migration.unpublish_imported_minutes(apps, None)
    assert Meeting.objects.get(pk=imported.pk).status == "minutes_approved"
