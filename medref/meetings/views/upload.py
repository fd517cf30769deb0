"""Importér fil (/moeder/importer/<committee id>/): one minutes or agenda file into a committee.

The web's way to what ``medref import`` does for one file: the same parser
and limits, the same action (``services.import_document``, here with the
signed-in user as its actor, who must be allowed to send the agenda or
publish the minutes). A file with fields medref could not read is imported
with its warnings and marked "til gennemsyn"; one without a date is
imported undated (never a guessed date) and held back until the secretary
dates it. Only a file with no recognisable item is refused, with the reason.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from medref.accounts.permissions import Action, actions
from medref.importers import EXTENSIONS, parse_bytes
from medref.importers.errors import ParseError, ParseWarning
from medref.meetings.imports import import_limits, imported_meeting
from medref.meetings.mapping import InvalidDocument
from medref.meetings.services import ImportRefused, import_document
from medref.organisation.models import Committee
from medref.organisation.names import same_committee_name

from .common import back_to


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Fil",
        help_text="Referat eller dagsorden som tekst, Markdown, HTML, Word (.docx) eller PDF.",
    )


def _warning_text(note: ParseWarning) -> str:
    """ "Mødedato, linje 3: kan ikke læse …": the field by its Danish label, then where."""
    where = f"{note.label}, linje {note.line}" if note.line is not None else note.label
    return f"{where}: {note.message}"


def _store(request: HttpRequest, committee: Committee, form: UploadForm) -> str | None:
    """Import the uploaded file; the meeting page's URL, or None with the error on the form."""
    upload = form.cleaned_data["file"]
    name = PurePath(upload.name or "fil").name
    fmt = EXTENSIONS.get(PurePath(name).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        form.add_error("file", f"{name}: medref læser ikke denne filtype; kendte typer: {known}.")
        return None
    limits = import_limits()
    if upload.size is not None and upload.size > limits.max_bytes:
        form.add_error(
            "file",
            f"{name} fylder {upload.size / 1048576:.1f} MB; grænsen er "
            f"{limits.max_bytes / 1048576:.1f} MB (MEDREF_MAX_IMPORT_BYTES).",
        )
        return None
    data = upload.read()
    sha256 = hashlib.sha256(data).hexdigest()
    municipality = committee.municipality.name
    known_meeting = imported_meeting(sha256, municipality)
    if known_meeting is not None:
        messages.info(request, f"{name} er allerede importeret; intet er ændret.")
        return reverse("web:meeting", args=[known_meeting.pk])
    notes: list[ParseWarning] = []
    try:
        doc = parse_bytes(data, fmt, path=name, limits=limits, notes=notes)
    except ParseError as error:
        form.add_error("file", f"Filen kunne ikke læses: {error}")
        return None
    if not doc.committee:
        # The file names no committee: the one whose page this is (the user's choice).
        doc = dataclasses.replace(doc, committee=committee.name)
    elif not same_committee_name(doc.committee, committee.name):
        form.add_error(
            "file",
            f"Filen er fra {doc.committee}, ikke {committee.name}; importér den fra det "
            "udvalgs side.",
        )
        return None
    try:
        result = import_document(
            doc,
            municipality_name=municipality,
            source_name=name,
            source_sha256=sha256,
            needs_review=bool(notes),
            actor=request.user,
        )
    except PermissionDenied as refused:
        form.add_error("file", str(refused))
        return None
    except (ImportRefused, InvalidDocument) as refused:
        form.add_error("file", f"{name}: {refused}")
        return None
    if result.meeting.needs_review:
        messages.warning(request, f"{name} er importeret med advarsler og er til gennemsyn.")
        for note in notes:
            messages.warning(request, _warning_text(note))
    else:
        messages.success(request, f"{name} er importeret.")
    return reverse("web:meeting", args=[result.meeting.pk])


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, committee_pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.select_related("municipality"), pk=committee_pk)
    if Action.EDIT_AGENDA not in actions(request.user, committee):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        url = _store(request, committee, form)
        if url is not None:
            return back_to(url)
    return render(request, "meetings/import_file.html", {"committee": committee, "form": form})
