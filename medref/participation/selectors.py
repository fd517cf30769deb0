"""Reads for other apps' pages: the afbud members gave themselves."""

from __future__ import annotations

from medref.meetings.models import Meeting

from .models import MemberAfbud


def reported_afbud(meeting: Meeting) -> dict[int, MemberAfbud]:
    """Person id → the afbud they gave to ``meeting`` (one query)."""
    return {
        a.person_id: a for a in MemberAfbud.objects.filter(meeting=meeting).select_related("person")
    }
