"""Stored files get random names: new uploads through ``RandomName``, and the
files already stored are renamed here (bilag, agendas as sent), with the
history events that name them."""

import re

from django.core.files.storage import default_storage
from django.db import migrations, models

import medref.meetings.models

# A name RandomName gave: <folder>/<year>/<32 hex>[.ext]
_RANDOM = re.compile(r"^[a-z]+/\d{4}/[0-9a-f]{32}(\.[a-z0-9]+)?$")


def _rename(name, folder, renamed):
    """The stored file's new random name (moved in storage); the name as it was when
    it is already random or its file is missing."""
    if name in renamed:
        return renamed[name]
    if not name or _RANDOM.match(name) or not default_storage.exists(name):
        return name
    target = medref.meetings.models.RandomName(folder)(None, name)
    with default_storage.open(name, "rb") as source:
        target = default_storage.save(target, source)
    default_storage.delete(name)
    renamed[name] = target
    return target


def rename_stored_files(apps, schema_editor):
    Attachment = apps.get_model("meetings", "Attachment")
    Meeting = apps.get_model("meetings", "Meeting")
    MeetingEvent = apps.get_model("meetings", "MeetingEvent")
    renamed = {}
    for row in Attachment.objects.exclude(file="").iterator():
        new = _rename(row.file.name, "attachments", renamed)
        if new != row.file.name:
            Attachment.objects.filter(pk=row.pk).update(file=new)
    for row in Meeting.objects.exclude(agenda_file="", public_agenda_file="").iterator():
        changes = {}
        for field in ("agenda_file", "public_agenda_file"):
            old = getattr(row, field).name
            new = _rename(old, "agendas", renamed)
            if new != old:
                changes[field] = new
        if changes:
            Meeting.objects.filter(pk=row.pk).update(**changes)
    for event in MeetingEvent.objects.filter(details__has_key="file").iterator():
        old = event.details.get("file")
        new = _rename(old, "attachments", renamed) if old else old
        if new != old:
            event.details["file"] = new
            MeetingEvent.objects.filter(pk=event.pk).update(details=event.details)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_workflow"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                blank=True,
                max_length=500,
                upload_to=medref.meetings.models.RandomName("attachments"),
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="agenda_file",
            field=models.FileField(
                blank=True,
                max_length=500,
                upload_to=medref.meetings.models.RandomName("agendas"),
                verbose_name="agenda as sent",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="public_agenda_file",
            field=models.FileField(
                blank=True,
                max_length=500,
                upload_to=medref.meetings.models.RandomName("agendas"),
                verbose_name="public agenda as sent",
            ),
        ),
        migrations.RunPython(rename_stored_files, migrations.RunPython.noop, elidable=True),
    ]
