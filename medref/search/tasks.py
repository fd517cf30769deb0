"""Bilag reading in the background worker (``manage.py db_worker``).

With ``MEDREF_BILAG_IN_WORKER=True`` (for a site whose worker runs, see
deploy/medref-worker.service) an upload only enqueues ``read_bilag`` after
its commit; the worker reads the bilag within the importers' limits and
re-indexes their items. Without it (the default, and ``make run``, which
starts no worker) the reading runs right after the commit in the request's
thread (``extraction.schedule``), bounded by the same limits.
"""

from __future__ import annotations

from django.tasks import task


@task()
def read_bilag(meeting_id: int) -> int:
    """Read the meeting's pending bilag and re-index their items; how many were read."""
    from .extraction import extract_pending

    return extract_pending(meeting_id=meeting_id)
