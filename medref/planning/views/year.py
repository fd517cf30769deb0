"""Årshjul and mødeplan: the wheel, the table, editing, copying, creating the meetings; iCal."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medref.accounts.permissions import Action, can
from medref.lib.danish import format_short_date as short_date
from medref.meetings.models import AgendaItem

from .. import selectors, services, yearpdf
from ..forms import PlannedMeetingForm, ThemeForm
from ..ical import calendar, feed_token, token_user
from ..models import AnnualPlan, PlannedMeeting, Theme
from ..rules.wheel import WheelMonth, render_svg
from .common import back, committee_or_404, refuse_unless, run, year_url


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("aar", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def year(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    allowed, refusal = refuse_unless(request, committee, Action.VIEW_CLOSED)
    if refusal is not None:
        return refusal
    which = _year(request)
    view = selectors.year_view(committee, which)
    wheel = render_svg(
        which,
        [
            WheelMonth(m.month, [d.day for d in m.meetings], [t.title for _d, t in m.themes])
            for m in view.months
        ],
    )
    feed = None
    if request.user.is_authenticated:
        feed = (
            request.build_absolute_uri(year_url(committee).replace("aarshjul/", "moedeplan.ics"))
            + "?token="
            + feed_token(request.user.pk, committee.pk)
        )
    context = {
        "committee": committee,
        "year": which,
        "view": view,
        "wheel": wheel,
        "may_edit": Action.EDIT_AGENDA in allowed,
        "theme_form": ThemeForm(initial={"first_year": which}),
        "date_form": PlannedMeetingForm(),
        "feed": feed,
        "previous_year": which - 1,
        "next_year": which + 1,
        "planned": list(view.plan.planned_meetings.all()) if view.plan else [],
        "attach_items": (
            yearpdf.item_choices(committee) if view.plan and Action.EDIT_AGENDA in allowed else []
        ),
    }
    return render(request, "planning/year.html", context)


@require_GET
def year_pdf(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    """Mødeplan og årshjul as PDF, for the bilag of the "Mødeplan og årshjul" item."""
    committee = committee_or_404(municipality, slug)
    _allowed, refusal = refuse_unless(request, committee, Action.VIEW_CLOSED)
    if refusal is not None:
        return refusal
    which = _year(request)
    response = HttpResponse(
        yearpdf.render_year_pdf(committee, which), content_type="application/pdf"
    )
    name = yearpdf.file_name(committee, which)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_POST
def attach_pdf(request: HttpRequest, municipality: str, slug: str, year: int) -> HttpResponse:
    """Vedhæft årshjul som bilag: the year's PDF on the chosen item (an earlier one replaced)."""
    committee = committee_or_404(municipality, slug)
    plan = _plan(committee.pk, year)
    raw = request.POST.get("item", "")
    item = (
        AgendaItem.objects.select_related("meeting").filter(pk=int(raw)).first()
        if raw.isdigit()
        else None
    )
    if item is None:
        from django.contrib import messages

        messages.error(request, _("Vælg det punkt, årshjulet skal vedhæftes."))
        return back(request, year_url(committee, year))
    run(
        request,
        lambda: yearpdf.attach_year_pdf(plan, item, actor=request.user),
        _(
            "Mødeplan og årshjul %(year)s er vedhæftet som bilag til punkt %(number)s "
            "på mødet d. %(day)s."
        )
        % {"year": year, "number": item.number, "day": short_date(item.meeting.meeting_date)},
    )
    return back(request, year_url(committee, year))


def _plan(committee_pk: int, year: int) -> AnnualPlan:
    return get_object_or_404(
        AnnualPlan.objects.select_related("committee__municipality"),
        committee_id=committee_pk,
        year=year,
    )


@require_POST
def create_plan(request: HttpRequest, municipality: str, slug: str, year: int) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    run(
        request,
        lambda: services.create_plan(committee, year, actor=request.user),
        _("Årshjulet er oprettet."),
    )
    return back(request, year_url(committee, year))


@require_POST
def copy_plan(request: HttpRequest, municipality: str, slug: str, year: int) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    plan = _plan(committee.pk, year)
    if run(
        request,
        lambda: services.copy_plan_to_next_year(plan, actor=request.user),
        _("Årshjulet er kopieret til %(year)s.") % {"year": year + 1},
    ):
        return back(request, year_url(committee, year + 1))
    return back(request, year_url(committee, year))


@require_POST
def create_meetings(request: HttpRequest, municipality: str, slug: str, year: int) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    plan = _plan(committee.pk, year)
    created: list[object] = []

    def action() -> None:
        created.extend(
            services.create_meetings_from_plan(plan, actor=request.user, site=_site(request))
        )

    if run(request, action):
        from django.contrib import messages

        messages.success(
            request,
            _("%(count)s møder oprettet med standardpunkterne.") % {"count": len(created)},
        )
    return back(request, year_url(committee, year))


@require_POST
def add_theme(request: HttpRequest, municipality: str, slug: str, year: int) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    plan = _plan(committee.pk, year)
    form = ThemeForm(request.POST)
    if not form.is_valid():
        from django.contrib import messages

        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")
        return back(request, year_url(committee, year))
    data = form.cleaned_data
    run(
        request,
        lambda: services.save_theme(
            plan,
            actor=request.user,
            title=data["title"],
            recurrence=data["recurrence"],
            text=data["text"],
            quarters=data["quarters"],
            month=data["month"],
            every_years=data["every_years"],
            first_year=data["first_year"],
        ),
        _("Temaet er gemt."),
    )
    return back(request, year_url(committee, year))


@require_http_methods(["GET", "POST"])
def edit_theme(
    request: HttpRequest, municipality: str, slug: str, year: int, pk: int
) -> HttpResponse:
    """Ret tema: title, rule and text of one theme of the year."""
    committee = committee_or_404(municipality, slug)
    _allowed, refusal = refuse_unless(request, committee, Action.EDIT_AGENDA)
    if refusal is not None:
        return refusal
    theme = get_object_or_404(
        Theme.objects.select_related("plan"), pk=pk, plan__committee=committee, plan__year=year
    )
    form = ThemeForm(
        request.POST or None,
        initial={
            "title": theme.title,
            "recurrence": theme.recurrence,
            "quarters": theme.quarters,
            "month": theme.month,
            "every_years": theme.every_years,
            "first_year": theme.first_year,
            "text": theme.text,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(
            request,
            lambda: services.save_theme(
                theme.plan,
                actor=request.user,
                title=data["title"],
                recurrence=data["recurrence"],
                text=data["text"],
                quarters=data["quarters"],
                month=data["month"],
                every_years=data["every_years"],
                first_year=data["first_year"],
                theme=theme,
            ),
            _("Temaet er gemt."),
        ):
            return back(request, year_url(committee, year))
    context = {"committee": committee, "theme": theme, "form": form, "year": year}
    return render(request, "planning/theme.html", context)


@require_POST
def remove_theme(
    request: HttpRequest, municipality: str, slug: str, year: int, pk: int
) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    theme = get_object_or_404(Theme, pk=pk, plan__committee=committee, plan__year=year)
    run(request, lambda: services.remove_theme(theme, actor=request.user), _("Temaet er fjernet."))
    return back(request, year_url(committee, year))


@require_POST
def add_date(request: HttpRequest, municipality: str, slug: str, year: int) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    plan = _plan(committee.pk, year)
    form = PlannedMeetingForm(request.POST)
    if not form.is_valid():
        from django.contrib import messages

        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label}: {' '.join(str(e) for e in errors)}"
            )
        return back(request, year_url(committee, year))
    data = form.cleaned_data
    run(
        request,
        lambda: services.save_planned_meeting(
            plan,
            actor=request.user,
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            location=data["location"],
        ),
        _("Mødedatoen er gemt."),
    )
    return back(request, year_url(committee, year))


@require_POST
def cancel_date(
    request: HttpRequest, municipality: str, slug: str, year: int, pk: int
) -> HttpResponse:
    committee = committee_or_404(municipality, slug)
    planned = get_object_or_404(
        PlannedMeeting.objects.select_related("plan__committee"),
        pk=pk,
        plan__committee=committee,
        plan__year=year,
    )
    run(
        request,
        lambda: services.cancel_planned_meeting(planned, actor=request.user),
        _("Mødet er aflyst."),
    )
    return back(request, year_url(committee, year))


@require_POST
def move_date(
    request: HttpRequest, municipality: str, slug: str, year: int, pk: int
) -> HttpResponse:
    """A planned date moved (its calendar SEQUENCE rises); times and place are kept."""
    committee = committee_or_404(municipality, slug)
    planned = get_object_or_404(
        PlannedMeeting.objects.select_related("plan__committee"),
        pk=pk,
        plan__committee=committee,
        plan__year=year,
    )
    form = PlannedMeetingForm(
        {
            "date": request.POST.get("date", ""),
            "start_time": planned.start_time,
            "end_time": planned.end_time,
            "location": planned.location,
        }
    )
    if not form.is_valid():
        from django.contrib import messages

        messages.error(
            request,
            _("Dato: %(errors)s")
            % {"errors": " ".join(str(e) for e in form.errors.get("date", []))},
        )
        return back(request, year_url(committee, year))
    run(
        request,
        lambda: services.save_planned_meeting(
            planned.plan,
            actor=request.user,
            date=form.cleaned_data["date"],
            start_time=planned.start_time,
            end_time=planned.end_time,
            location=planned.location,
            planned=planned,
        ),
        _("Mødet er flyttet."),
    )
    return back(request, year_url(committee, year))


@require_GET
def ical_feed(request: HttpRequest, municipality: str, slug: str) -> HttpResponse:
    """The mødeplan of every year as iCal, for the user the ``token`` names."""
    committee = committee_or_404(municipality, slug)
    user_id = token_user(request.GET.get("token", ""), committee.pk)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None or not can(user, Action.VIEW_CLOSED, committee):
        raise Http404
    planned = (
        PlannedMeeting.objects.filter(plan__committee=committee)
        .select_related("meeting")
        .order_by("date")
    )
    body = calendar(committee, planned, _site(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{committee.slug}-moedeplan.ics"'
    return response
