"""Pseudonymous employee keys: a keyed hash (HMAC-SHA256) of the export's
employee number with ``MEDREF_ABSENCE_PSEUDONYM_KEY``. The same number in the
same municipality always gives the same key; the key reveals nothing without
the secret, and no page, report or export ever shows it."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def pseudonym(municipality_id: int, employee_number: str) -> str:
    secret = settings.MEDREF_ABSENCE_PSEUDONYM_KEY.encode()
    message = f"{municipality_id}:{employee_number.strip()}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
