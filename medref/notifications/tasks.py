"""The background work: Django tasks on the database queue, run by ``manage.py db_worker``.

``fan_out`` works out who gets a mail and enqueues one ``deliver`` per
recipient; ``deliver`` composes and sends one message. A failed send is
enqueued again, later each time (``MEDREF_EMAIL_RETRY_SECONDS`` doubled per
attempt), up to ``MEDREF_EMAIL_ATTEMPTS`` attempts; the failed attempt is
kept as a failed task result with its error.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import mailers
from django.tasks import task
from django.utils import timezone

from medref.meetings.models import Meeting

from .kinds import Kind
from .mail import compose
from .recipients import recipients

log = logging.getLogger(__name__)


@task()
def fan_out(kind: str, object_id: int) -> int:
    """One ``deliver`` per recipient of ``kind`` about ``object_id``; how many."""
    which = Kind(kind)
    if which == Kind.COMMENT:
        from medref.participation.models import ItemComment

        comment = ItemComment.objects.select_related("item__meeting").filter(pk=object_id).first()
        if comment is None:
            return 0
        meeting = comment.item.meeting
        people = [r for r in recipients(which, meeting) if r.key != _author_key(comment)]
    elif which == Kind.SUPPLEMENT_SENT:
        from medref.meetings.models import AgendaSupplement

        version = AgendaSupplement.objects.select_related("meeting__committee")
        supplement = version.filter(pk=object_id).first()
        if supplement is None:
            return 0
        people = recipients(which, supplement.meeting)
    else:
        found = Meeting.objects.select_related("committee").filter(pk=object_id).first()
        if found is None:
            return 0
        people = recipients(which, found)
    for recipient in people:
        deliver.enqueue(kind, object_id, recipient.key)
    return len(people)


def _author_key(comment: object) -> str:
    person = getattr(getattr(comment, "author", None), "person", None)
    return f"person:{person.pk}" if person is not None else ""


@task()
def deliver(kind: str, object_id: int, to: str, attempt: int = 1) -> bool:
    """Send one message; on failure try again later, up to the attempts allowed."""
    message = compose(kind, object_id, to)
    if message is None:
        return False
    try:
        mailers.default.send_messages([message])
    except Exception:
        if attempt < settings.MEDREF_EMAIL_ATTEMPTS:
            delay = settings.MEDREF_EMAIL_RETRY_SECONDS * 2 ** (attempt - 1)
            deliver.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
                kind, object_id, to, attempt + 1
            )
            log.warning("mail %s to %s failed (attempt %s), retrying", kind, to, attempt)
        else:
            log.error("mail %s to %s failed %s times, giving up", kind, to, attempt)
        raise
    return True
