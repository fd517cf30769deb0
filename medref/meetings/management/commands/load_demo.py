"""``manage.py load_demo``: the demo organisation and the three demo minutes.

Idempotent: a second run finds everything in place and writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from medref.meetings.imports import import_path
from medref.meetings.models import Meeting
from medref.organisation.models import Committee, Membership
from medref.organisation.services import ensure_committee, ensure_membership, ensure_municipality

DEMO_DIR = Path(__file__).resolve().parents[3] / "demo"

VEJLE = "Vejle Kommune"
ALBERTSLUND = "Albertslund Kommune"

# (municipality, committee, level, parent), parents before children.
ORGANISATION: tuple[tuple[str, str, Committee.Level, str | None], ...] = (
    (VEJLE, "HovedMED", Committee.Level.HOVEDMED, None),
    (VEJLE, "FagMED Økonomi", Committee.Level.FAGMED, "HovedMED"),
    (VEJLE, "FagMED Kultur & Sundhed", Committee.Level.FAGMED, "HovedMED"),
    (VEJLE, "LokalMED Borgerservice", Committee.Level.LOKALMED, "FagMED Kultur & Sundhed"),
    (ALBERTSLUND, "KommuneMED", Committee.Level.HOVEDMED, None),
    (ALBERTSLUND, "AfdelingsMED Økonomi & Stab", Committee.Level.AFDELINGSMED, "KommuneMED"),
)

FILES: tuple[tuple[str, str], ...] = (
    ("referat-fagmed-oekonomi-2025-10-08.txt", VEJLE),
    ("referat-lokalmed-borgerservice-2025-06-20.md", VEJLE),
    ("referat-afdelingsmed-oekonomi-stab-2025-11-20.txt", ALBERTSLUND),
)

# The meeting whose participant list (with job titles) becomes memberships.
MEMBERS_FROM = (ALBERTSLUND, "AfdelingsMED Økonomi & Stab")


def create_organisation() -> dict[tuple[str, str], Committee]:
    """The demo municipalities and committee trees, keyed by (municipality, committee)."""
    committees: dict[tuple[str, str], Committee] = {}
    for municipality_name, name, level, parent_name in ORGANISATION:
        municipality = ensure_municipality(municipality_name)
        parent = committees[(municipality_name, parent_name)] if parent_name else None
        committees[(municipality_name, name)] = ensure_committee(
            municipality, name, level=level, parent=parent
        )
    return committees


def create_memberships(committee: Committee) -> int:
    """Memberships from the committee's latest meeting's participants; returns how many."""
    meeting = (
        Meeting.objects.filter(committee=committee, meeting_date__isnull=False)
        .order_by("-meeting_date")
        .prefetch_related("attendances__person")
        .first()
    )
    if meeting is None or meeting.meeting_date is None:
        return 0
    count = 0
    for attendance in meeting.attendances.all():
        if attendance.participant_position is None:
            continue
        is_minute_taker = attendance.person_id == meeting.minute_taker_id
        ensure_membership(
            attendance.person,
            committee,
            role=Membership.Role.SECRETARY if is_minute_taker else Membership.Role.MEMBER,
            start=meeting.meeting_date,
            title=attendance.title or "",
        )
        count += 1
    return count


class Command(BaseCommand):
    help = "Opret demo-organisationen (Vejle og Albertslund) og importer demo-referaterne."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            committees = create_organisation()
            for filename, municipality in FILES:
                try:
                    line = import_path(
                        DEMO_DIR / filename, municipality=municipality, replace=False
                    )
                except Exception as exc:  # any failure aborts the whole demo load
                    raise CommandError(f"{filename}: {exc}") from exc
                self.stdout.write(line)
            members = create_memberships(committees[MEMBERS_FROM])
        self.stdout.write(f"{len(committees)} udvalg, {members} medlemskaber")
