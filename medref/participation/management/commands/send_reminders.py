"""Reminders before the draft minutes' deadlines (daily, from cron: deploy/medref.cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from medref.participation.approval import send_due_reminders


class Command(BaseCommand):
    help = "Mail a reminder to the attendees still to react, N days before a draft's deadline."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=2, help="days before the deadline")

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < 0:
            self.stderr.write("--days must be 0 or more")
            raise SystemExit(2)
        count = send_due_reminders(timezone.localdate(), days)
        self.stdout.write(f"{count} påmindelser lagt i køen")
