"""Stored files that nothing names any more, and their removal (``medref prune-files``).

A FileField writes its file before the row's transaction commits, and Django
has no hook for a rollback: a bilag added inside a transaction that a caller
later rolls back, or an agenda stored as sent by a send that failed after it,
leaves its file behind. The actions delete their own file when they fail
themselves (``add_attachment``); what an outer rollback leaves is found here.

A file is kept while a row names it: an attachment, a meeting's agenda as
sent, or a history event (a removed bilag's file stays for the history that
names it). Files younger than ``older_than`` are kept too, so an upload whose
transaction has not committed yet is never taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.files.storage import Storage, default_storage
from django.db.models import FileField, Model
from django.utils import timezone

from .models import Attachment, Meeting, MeetingEvent

# Every file field whose files medref stores: their rows name the files to keep,
# and the first folder of their upload_to is where files are looked for.
FILE_FIELDS: tuple[tuple[type[Model], str], ...] = (
    (Attachment, "file"),
    (Meeting, "agenda_file"),
    (Meeting, "public_agenda_file"),
)
DEFAULT_AGE = dt.timedelta(days=1)


def _file_field(model: type[Model], name: str) -> FileField:
    field = model._meta.get_field(name)
    assert isinstance(field, FileField), f"{model.__name__}.{name} is not a file field"
    return field


def _folders() -> list[str]:
    uploads = {str(_file_field(model, name).upload_to) for model, name in FILE_FIELDS}
    return sorted({upload.split("/")[0] for upload in uploads})


def named_files() -> set[str]:
    """Every stored file name a row of the database names."""
    names: set[str] = set()
    for model, field in FILE_FIELDS:
        names.update(model._default_manager.exclude(**{field: ""}).values_list(field, flat=True))
    events = MeetingEvent.objects.filter(details__has_key="file")
    names.update(name for name in events.values_list("details__file", flat=True) if name)
    return names


def _stored(storage: Storage, folder: str) -> Iterator[str]:
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored(storage, f"{folder}/{sub}")


def orphaned_files(
    *, older_than: dt.timedelta = DEFAULT_AGE, storage: Storage | None = None
) -> list[str]:
    """Names of stored files no row names, last written more than ``older_than`` ago."""
    storage = storage or default_storage
    named = named_files()
    cutoff = timezone.now() - older_than
    return sorted(
        name
        for folder in _folders()
        for name in _stored(storage, folder)
        if name not in named and storage.get_modified_time(name) <= cutoff
    )


def prune_files(
    *, older_than: dt.timedelta = DEFAULT_AGE, dry_run: bool = False, storage: Storage | None = None
) -> list[str]:
    """Delete (unless ``dry_run``) the orphaned files; return their names."""
    storage = storage or default_storage
    orphans = orphaned_files(older_than=older_than, storage=storage)
    if not dry_run:
        for name in orphans:
            storage.delete(name)
    return orphans
