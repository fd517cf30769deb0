"""Signed tokens for the links in mails: unsubscribe (no expiry) and confirm (a week)."""

from __future__ import annotations

from django.core import signing

_SALT = "medref.notifications"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def make(purpose: str, key: str) -> str:
    return signing.dumps([purpose, key], salt=_SALT)


def read(token: str, purpose: str, max_age: int | None = None) -> str | None:
    """The key a genuine token of ``purpose`` carries; None if forged, expired or another's."""
    try:
        value = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not (isinstance(value, list) and len(value) == 2 and value[0] == purpose):
        return None
    return str(value[1])


def unsubscribe_key_person(person_id: int, kind: str) -> str:
    return f"person:{person_id}:{kind}"


def unsubscribe_key_subscription(subscription_id: int) -> str:
    return f"sub:{subscription_id}"
