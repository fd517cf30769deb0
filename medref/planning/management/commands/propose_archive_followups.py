"""Propose (never accept) the follow-ups that imported minutes promised, for every committee."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from medref.organisation.models import Committee
from medref.planning.services import propose_archive_followups_as_operator


class Command(BaseCommand):
    help = "Propose the follow-ups the published (imported) minutes promise; idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="only this municipality's committees (name)")

    def handle(self, *args: Any, **options: Any) -> None:
        committees = Committee.objects.select_related("municipality").order_by("name")
        if options["municipality"]:
            committees = committees.filter(municipality__name=options["municipality"])
        total = 0
        for committee in committees:
            found = propose_archive_followups_as_operator(committee)
            total += len(found)
            if found:
                self.stdout.write(f"{committee.name}: {len(found)} forslag")
        self.stdout.write(f"{total} nye forslag fra arkivet")
