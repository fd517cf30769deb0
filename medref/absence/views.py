"""The Sygefravær pages: a committee's report, inserting it on an agenda item,
and the administrators' import and purge.

Who sees a committee's absence: its members (every current role) and the
municipality's administrators — ``permissions.can(user, VIEW_CLOSED, committee)``,
the same rule as the committee's closed items.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from medref.accounts.permissions import Action, actions, municipalities_where
from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee, Municipality

from . import models, services
from .metrics.hrfile import COLUMNS, FileError, parse_column_map
from .metrics.periods import PeriodError, parse_period
from .metrics.report import ScopeError
from .presentation import default_period, period_choices, present
from .selectors import report_for


def _committee(municipality: str, slug: str) -> Committee:
    return get_object_or_404(
        Committee.objects.select_related("municipality", "parent"),
        municipality__slug=municipality,
        slug=slug,
    )


def _allowed(request: HttpRequest, committee: Committee) -> frozenset[Action]:
    allowed = actions(request.user, committee)
    if Action.VIEW_CLOSED not in allowed:
        if not request.user.is_authenticated:
            raise _Login
        raise PermissionDenied("Kun udvalgets medlemmer og administratorer ser sygefraværet.")
    return allowed


class _Login(Exception):
    pass


def committee_absence(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    """The committee's Sygefravær page (``?periode=R4Q:2025Q3&enhed=4120``)."""
    committee = _committee(municipality, slug)
    try:
        allowed = _allowed(request, committee)
    except _Login:
        return redirect_to_login(request.get_full_path())
    today = timezone.localdate()
    # A period typed under "Anden periode" wins over the list's choice.
    text = request.GET.get("anden", "").strip() or request.GET.get("periode", "").strip()
    error = None
    try:
        period = parse_period(text) if text else default_period(today)
    except PeriodError:
        error = (
            f"»{text}« er ikke en periode. Skriv fx 2025-07, 2025Q3, 2025, R4Q:2025Q3 "
            "eller 2025-01-01..2025-06-30."
        )
        period = default_period(today)
    unit = request.GET.get("enhed") or None
    choices = period_choices(today)
    context: dict[str, Any] = {
        "committee": committee,
        "period": period,
        "choices": choices,
        "custom_period": period.label not in {c.value for c in choices},
        "error": error,
        "unit": unit,
    }
    try:
        loaded = report_for(
            committee.municipality, committee=committee.name, period=period, unit_id=unit
        )
    except ScopeError:
        if unit is not None:
            raise Http404 from None
        context["no_data"] = True
        return render(request, "absence/committee.html", context)
    context["r"] = present(loaded.report)
    if unit is not None:
        context["unit_name"] = loaded.report.scope.name
    if Action.EDIT_AGENDA in allowed:
        context["items"] = list(
            AgendaItem.objects.filter(
                meeting__committee=committee, meeting__status=Meeting.Status.PLANNED
            )
            .select_related("meeting")
            .order_by("meeting__meeting_date", "number")
        )
    return render(request, "absence/committee.html", context)


def choose_item(request: HttpRequest) -> HttpResponse:
    """The item picker on the Sygefravær page sends here (works without JavaScript)."""
    item = request.GET.get("punkt", "")
    if not item.isdigit():
        raise Http404
    target = reverse("web:absence:insert", args=[int(item)])
    period = request.GET.get("periode", "")
    return redirect(f"{target}?{urlencode({'periode': period})}" if period else target)


@require_http_methods(["GET", "POST"])
def insert_on_item(request: HttpRequest, item: int) -> HttpResponse:
    """Indsæt sygefravær: the report as a PDF bilag and a drafted Sagsfremstilling."""
    found = get_object_or_404(
        AgendaItem.objects.select_related("meeting__committee__municipality"), pk=item
    )
    committee = found.meeting.committee
    try:
        allowed = _allowed(request, committee)
    except _Login:
        return redirect_to_login(request.get_full_path())
    if Action.EDIT_AGENDA not in allowed:
        raise PermissionDenied("Kun de, der bygger dagsordenen, kan indsætte sygefravær.")
    today = timezone.localdate()
    text = (request.POST.get("periode") or request.GET.get("periode") or "").strip()
    error = None
    try:
        period = parse_period(text) if text else default_period(today)
    except PeriodError:
        error = f"»{text}« er ikke en periode."
        period = default_period(today)
    try:
        loaded = report_for(committee.municipality, committee=committee.name, period=period)
    except ScopeError:
        loaded = None
    if request.method == "POST" and error is None and loaded is not None:
        from medref.meetings.workflow.errors import InvalidInput

        from .bilag import insert_report

        try:
            insert_report(found, loaded.report, actor=request.user)
        except InvalidInput as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                "Sygefraværet er indsat som bilag, og sagsfremstillingen er skrevet. "
                "Ret teksten, før dagsordenen sendes.",
            )
            return redirect(reverse("web:meetings:item", args=[found.meeting_id, found.pk]))
    return render(
        request,
        "absence/insert.html",
        {
            "item": found,
            "committee": committee,
            "period": period,
            "choices": period_choices(today),
            "error": error,
            "r": present(loaded.report) if loaded else None,
        },
    )


# --- administrators: import and purge ------------------------------------------


def _administered(request: HttpRequest, municipality: str) -> Municipality:
    found = get_object_or_404(Municipality, slug=municipality)
    if found.pk not in municipalities_where(request.user, Action.MANAGE_MEMBERS):
        raise PermissionDenied("Kun administratorer importerer og sletter fraværsdata.")
    return found


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "absence-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


MASKED = {"employee_id"}


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, municipality: str) -> HttpResponse:
    """Upload → preview (detected kind, mapping, first rows) → import; and purge."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = _administered(request, municipality)
    context: dict[str, Any] = {"municipality": found, "kinds": list(COLUMNS), "errors": []}
    step = request.POST.get("step", "")
    if step == "preview" and (upload := request.FILES.get("fil")):
        if (upload.size or 0) > settings.MEDREF_MAX_IMPORT_BYTES:
            context["errors"] = ["Filen er for stor."]
        else:
            data = upload.read()
            token = secrets.token_hex(16)
            name = Path(upload.name or "fil.csv").name
            (_upload_dir() / token).write_bytes(data)
            context.update(_preview(request, found, name, data, token))
    elif step == "import":
        token = request.POST.get("token", "")
        path = _upload_dir() / token
        if not token.isalnum() or not path.exists():
            context["errors"] = ["Filen er ikke længere gemt; vælg den igen."]
        else:
            name = request.POST.get("name", "fil.csv")
            try:
                columns = parse_column_map(request.POST.get("columns", ""))
                result = services.import_file(
                    name, path.read_bytes(), municipality=found, actor=request.user,
                    kind=request.POST.get("kind") or None, columns=columns,
                )  # fmt: skip
            except (FileError, ValueError) as exc:
                context["errors"] = getattr(exc, "messages", [str(exc)])
            else:
                path.unlink(missing_ok=True)
                messages.success(
                    request,
                    f"{name}: {result.rows} rækker ({result.kind}) — {result.created} nye, "
                    f"{result.updated} rettede, {result.unchanged} uændrede.",
                )
                return redirect("web:absence:manage", found.slug)
    elif step == "purge":
        try:
            before = dt.date.fromisoformat(request.POST.get("before", ""))
        except ValueError:
            context["errors"] = ["Skriv en dato som 2024-01-01."]
        else:
            if request.POST.get("confirm") != "ja":
                context["errors"] = ["Sæt flueben for at bekræfte sletningen."]
            else:
                purged = services.purge(found, before, actor=request.user)
                messages.success(
                    request,
                    f"Slettet: {purged.spells} fraværsforløb og {purged.employments} "
                    f"ansættelser, der sluttede før {before:%d.%m.%Y}.",
                )
                return redirect("web:absence:manage", found.slug)
    context["events"] = list(
        models.Event.objects.filter(municipality=found).select_related("actor")[:10]
    )
    context["counts"] = {
        "units": models.Unit.objects.filter(municipality=found).count(),
        "employments": models.Employment.objects.filter(municipality=found).count(),
        "spells": models.Spell.objects.filter(municipality=found).count(),
        "targets": models.Target.objects.filter(municipality=found).count(),
    }
    return render(request, "absence/manage.html", context)


def _preview(
    request: HttpRequest, municipality: Municipality, name: str, data: bytes, token: str
) -> dict[str, Any]:
    from .metrics import hrfile

    kind = request.POST.get("kind") or None
    columns_text = request.POST.get("columns", "")
    result: dict[str, Any] = {
        "token": token,
        "name": name,
        "kind_asked": kind or "",
        "columns": columns_text,
    }
    try:
        table = hrfile.read_table(name, data)
        detected, found = hrfile.detect(table, parse_column_map(columns_text), kind)
    except (FileError, ValueError) as exc:
        result["errors"] = getattr(exc, "messages", [str(exc)])
        return result
    masked = {found[c] for c in MASKED if c in found}
    result["preview"] = {
        "kind": detected,
        "separator": {";": "semikolon", ",": "komma", "\t": "tabulator"}.get(
            table.separator, "XLSX"
        ),
        "encoding": table.encoding or "XLSX",
        "mapping": [(column, table.header[index]) for column, index in found.items()],
        "header": table.header,
        "rows": [
            [
                "•••" if i in masked and c not in (None, "") else ("" if c is None else str(c))
                for i, c in enumerate(row)
            ]
            for row in table.rows[:10]
        ],
        "total": len(table.rows),
    }
    return result
