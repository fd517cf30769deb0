"""One e-mail: a Danish plain-text part, an HTML part, a link, a one-click unsubscribe.

``compose`` builds the message for one recipient when the worker sends it
(so a choice changed after the enqueueing still counts). Private notes are
never read here; comments only in the mail to the secretary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from medref.accounts.scope import ReaderScope
from medref.documents.public import CLOSED_TITLE
from medref.documents.supplement import MARKS, number_ranges, supplement_title
from medref.lib.danish import format_long_date
from medref.meetings.models import AgendaItem, AgendaSupplement, ItemAmendment, Meeting
from medref.organisation.models import Person

from . import tokens
from .kinds import KINDS, Kind
from .models import Preference, Subscription, wants
from .recipients import address

CONFIRM = "confirm_subscription"

SUBJECTS = {
    Kind.AGENDA_SENT: "Dagsorden: {committee}, {date}",
    Kind.MEETING_CHANGED: "Mødet er flyttet: {committee}, nu {date}",
    Kind.SUPPLEMENT_SENT: "{title}: {committee}, {date}",
    Kind.MINUTES_FOR_REVIEW: "Referat til gennemlæsning: {committee}, {date}",
    Kind.MINUTES_FOR_APPROVAL: "Referat til godkendelse: {committee}, {date}",
    Kind.MINUTES_APPROVED: "Referat godkendt: {committee}, {date}",
    Kind.MINUTES_PUBLISHED: "Referat offentliggjort: {committee}, {date}",
    Kind.COMMENT: "Ny kommentar til punkt {number}: {committee}, {date}",
    CONFIRM: "Bekræft dit abonnement på referater fra {committee}",
}


def site() -> str:
    return str(settings.MEDREF_SITE_URL)


def host() -> str:
    return urlsplit(site()).hostname or "medref"


@dataclass
class Target:
    email: str
    name: str
    person: Person | None = None
    subscription: Subscription | None = None


def target(key: str) -> Target | None:
    """The recipient ``key`` names, if they still exist."""
    what, _sep, pk = key.partition(":")
    if not pk.isdigit():
        return None
    if what == "person":
        person = Person.objects.select_related("user").filter(pk=int(pk)).first()
        if person is None or not address(person):
            return None
        return Target(address(person), person.name, person=person)
    if what == "sub":
        sub = Subscription.objects.select_related("committee").filter(pk=int(pk)).first()
        return Target(sub.email, "", subscription=sub) if sub is not None else None
    return None


def compose(kind: str, object_id: int, key: str) -> EmailMultiAlternatives | None:
    """The message of ``kind`` about ``object_id`` for ``key``; None when it is not to be sent."""
    to = target(key)
    if to is None:
        return None
    if kind == CONFIRM:
        return _confirmation(to)
    which = Kind(kind)
    if to.person is not None and not wants(to.person, which):
        return None
    if to.subscription is not None and (
        which != Kind.MINUTES_PUBLISHED or to.subscription.confirmed_at is None
    ):
        return None
    context: dict[str, Any] = {"name": to.name, "site": site()}
    if which == Kind.COMMENT:
        from medref.participation.models import ItemComment

        comment = ItemComment.objects.select_related("item__meeting__committee").get(pk=object_id)
        meeting = comment.item.meeting
        context |= {"comment": comment, "item": comment.item}
        link = reverse("web:participation:notes", args=[meeting.pk]) + f"#punkt-{comment.item_id}"
    elif which == Kind.SUPPLEMENT_SENT:
        supplement = _supplement(object_id)
        meeting = supplement.meeting
        context |= _supplement_context(supplement, to)
        link = reverse("web:meeting", args=[meeting.pk])
    else:
        meeting = Meeting.objects.select_related("committee__municipality").get(pk=object_id)
        link = reverse("web:meeting", args=[meeting.pk])
    context |= {
        "meeting": meeting,
        "committee": meeting.committee,
        "date": format_long_date(meeting.meeting_date, meeting.start_time, meeting.end_time),
        "link": site() + link,
    }
    unsubscribe = _unsubscribe_url(to, which)
    context["unsubscribe"] = unsubscribe
    context["preferences"] = site() + reverse("web:notifications:preferences")
    subject = SUBJECTS[which].format(
        committee=meeting.committee.name,
        date=format_long_date(meeting.meeting_date),
        number=getattr(context.get("item"), "number", ""),
        title=context.get("supplement_title", ""),
    )
    message = _message(which.value, subject, to.email, context, unsubscribe)
    if which == Kind.AGENDA_SENT:
        _attach_agenda(message, meeting, to)
    if which == Kind.MEETING_CHANGED:
        _attach_invitation(message, meeting)
    if which == Kind.SUPPLEMENT_SENT:
        _attach_supplement(message, context["supplement"], to)
    return message


def _unsubscribe_url(to: Target, kind: Kind) -> str:
    if to.subscription is not None:
        key = tokens.unsubscribe_key_subscription(to.subscription.pk)
    else:
        assert to.person is not None
        key = tokens.unsubscribe_key_person(to.person.pk, kind.value)
    return site() + reverse("web:notifications:unsubscribe", args=[tokens.make("unsub", key)])


def _message(
    template: str, subject: str, email: str, context: dict[str, Any], unsubscribe: str | None
) -> EmailMultiAlternatives:
    context = {"subject": subject, **context}
    text = render_to_string(f"notifications/mail/{template}.txt", context)
    html = render_to_string(f"notifications/mail/{template}.html", context)
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe:
        # RFC 8058: mail programs show "Afmeld" and POST to the address in one click.
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject, text, to=[email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def _attach_agenda(message: EmailMultiAlternatives, meeting: Meeting, to: Target) -> None:
    """The calendar invitation always; the agenda as sent when the person asked for it."""
    _attach_invitation(message, meeting)
    person = to.person
    if person is None or not wants(person, Kind.AGENDA_PDF):
        return
    user = person.user
    full = user is not None and ReaderScope.for_user(user).sees_closed(meeting.committee_id)
    stored = meeting.agenda_file if full else meeting.public_agenda_file
    if stored and (stored.name or "").endswith(".pdf"):
        with stored.open("rb") as handle:
            message.attach(
                f"dagsorden-{meeting.meeting_date:%Y-%m-%d}.pdf", handle.read(), "application/pdf"
            )


def _supplement(object_id: int) -> AgendaSupplement:
    return AgendaSupplement.objects.select_related("meeting__committee__municipality").get(
        pk=object_id
    )


def _scope(to: Target) -> ReaderScope:
    user = to.person.user if to.person is not None else None
    return ReaderScope.for_user(user) if user is not None else ReaderScope.public()


def _sees_closed(to: Target, meeting: Meeting) -> bool:
    return _scope(to).sees_closed(meeting.committee_id)


def _supplement_context(supplement: AgendaSupplement, to: Target) -> dict[str, Any]:
    """The tillægsdagsorden's title and items as this recipient may read them (closed
    items' titles only for those who see closed items)."""
    meeting = supplement.meeting
    rows = AgendaItem.objects.filter(meeting=meeting, number__in=supplement.item_numbers)
    kinds = dict(ItemAmendment.objects.filter(item__in=rows).values_list("item__number", "kind"))
    scope = _scope(to)
    items = [
        {
            "number": item.number,
            "title": item.title
            if scope.sees_item(meeting.committee_id, meeting.status, item.closed)
            else CLOSED_TITLE,
            "mark": MARKS.get(kinds.get(item.number, ""), ""),
        }
        for item in rows.order_by("position")
    ]
    return {
        "supplement": supplement,
        "supplement_title": supplement_title(supplement.number),
        "numbers": number_ranges(supplement.item_numbers),
        "items": items,
    }


def _attach_supplement(
    message: EmailMultiAlternatives, supplement: AgendaSupplement, to: Target
) -> None:
    """The updated invitation always; the tillægsdagsorden's PDF when the person asked
    for the agenda as PDF (in full for those who see closed items, else the public one)."""
    meeting = supplement.meeting
    _attach_invitation(message, meeting)
    if to.person is None or not wants(to.person, Kind.AGENDA_PDF):
        return
    stored = supplement.file if _sees_closed(to, meeting) else supplement.public_file
    if stored and (stored.name or "").endswith(".pdf"):
        with stored.open("rb") as handle:
            message.attach(
                f"tillaegsdagsorden-{supplement.number}-{meeting.meeting_date:%Y-%m-%d}.pdf",
                handle.read(),
                "application/pdf",
            )


def _attach_invitation(message: EmailMultiAlternatives, meeting: Meeting) -> None:
    """The meeting as .ics: the feeds' UID and SEQUENCE, so calendars update the event."""
    from medref.participation.feeds import invitation

    message.attach(
        "moede.ics",
        invitation(meeting, site(), host()),
        "text/calendar; method=PUBLISH; charset=utf-8",
    )


def _confirmation(to: Target) -> EmailMultiAlternatives | None:
    sub = to.subscription
    if sub is None or sub.confirmed_at is not None:
        return None
    token = tokens.make("confirm", tokens.unsubscribe_key_subscription(sub.pk))
    context = {
        "committee": sub.committee,
        "link": site() + reverse("web:notifications:confirm", args=[token]),
        "site": site(),
    }
    subject = SUBJECTS[CONFIRM].format(committee=sub.committee.name)
    return _message(CONFIRM, subject, sub.email, context, None)


__all__ = ["CONFIRM", "KINDS", "Preference", "compose"]
