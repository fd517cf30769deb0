"""``manage.py load_demo_accounts``: the documented demo users (README.md).

Idempotent. Refuses to run without MEDREF_DEBUG=True unless told to, since
the demo password is public.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from medref.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts


class Command(BaseCommand):
    help = "Opret demo-brugerne (sekretaer, formand, naestformand, medlem, suppleant, admin)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Opret dem også uden MEDREF_DEBUG=True (adgangskoden er offentlig).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Demo-brugerne har en offentlig adgangskode; kør med MEDREF_DEBUG=True "
                "eller --allow-production."
            )
        created = create_demo_accounts()
        self.stdout.write(
            f"{len(created)} nye demo-brugere af {len(DEMO_ACCOUNTS)} "
            f"(adgangskode {DEMO_PASSWORD}): {', '.join(DEMO_ACCOUNTS)}"
        )
