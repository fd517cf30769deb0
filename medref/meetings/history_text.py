"""The history page in sentences: each ``MeetingEvent`` as what a person did.

"Sofie Sekretær flyttede punkt 4 op som punkt 3"; "Frank Formand ændrede
Indstilling i punkt 5" with a word-level difference of the text. Events
stored before a field was known, or actions added later, fall back to the
action's name: the page never shows program data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Attendance, Meeting, MeetingEvent
from .textdiff import Op, shorten_same, word_diff

A = MeetingEvent.Action

# Field names in ``details["changes"]`` as the user knows them.
FIELD_LABELS: dict[str, Any] = {
    "meeting_date": gettext_lazy("Meeting date"),
    "start_time": gettext_lazy("Start time"),
    "end_time": gettext_lazy("End time"),
    "location": gettext_lazy("Venue"),
    "title": gettext_lazy("Title"),
    "case_number": gettext_lazy("Case number"),
    "heading": gettext_lazy("Heading"),
    "text": gettext_lazy("Text"),
    "recommendation": gettext_lazy("Recommendation"),
}


@dataclass
class Change:
    label: str
    runs: list[tuple[Op, str]] = field(default_factory=list)
    before: str = ""
    after: str = ""


@dataclass
class Entry:
    """One line of the history: the sentence and what changed."""

    event: MeetingEvent
    sentence: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _who(event: MeetingEvent) -> str:
    if event.actor is None:
        return _("The system")
    return event.actor.get_full_name() or event.actor.get_username()


def _value(value: Any) -> str:
    """A stored value as text: dates as 12-12-2026, lists joined, nothing as "–"."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return " ".join(_value(v) for v in value if v not in (None, [], ""))
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}-{text[5:7]}-{text[0:4]}"
    if len(text) == 8 and text[2] == ":" and text[5] == ":":
        return text[:5]
    return text


def _recommendation(value: Any) -> str:
    """[proposer, clauses] as the item reads: "Økonomichefen indstiller, at …"."""
    if not isinstance(value, list) or len(value) != 2 or not value[0]:
        return ""
    proposer, clauses = value
    return f"{proposer} indstiller, " + " ".join(str(c) for c in clauses or [])


def _change(label: str, before: str, after: str) -> Change:
    runs = shorten_same(word_diff(before, after)) if before and after else []
    return Change(str(label), runs, before or "–", after or "–")


def _changes(details: dict[str, Any]) -> list[Change]:
    out: list[Change] = []
    for name, values in (details.get("changes") or {}).items():
        if not isinstance(values, list) or len(values) != 2:
            continue
        before, after = values
        if name == "closed":
            continue  # said in the sentence
        if name == "recommendation":
            out.append(_change(FIELD_LABELS[name], _recommendation(before), _recommendation(after)))
            continue
        label = FIELD_LABELS.get(name, name)
        empty: tuple[object, ...] = (None, "", [])
        out.append(
            _change(
                label,
                "" if before in empty else _value(before),
                "" if after in empty else _value(after),
            )
        )
    return out


def _status(value: Any) -> str:
    try:
        return str(Attendance.Status(value).label).lower()
    except ValueError:
        return "–"


def _number(event: MeetingEvent) -> Any:
    number = event.details.get("number")
    if isinstance(number, int):
        return number
    return event.item.number if event.item is not None else "?"


def describe(event: MeetingEvent) -> Entry:
    """The event as a sentence with its changes."""
    d = event.details or {}
    who = _who(event)
    number = _number(event)
    heading = d.get("heading") or ""
    title = d.get("title") or (event.item.title if event.item is not None else "")
    values = {"who": who, "number": number, "heading": heading, "title": title}
    entry = Entry(event, "")
    action = event.action
    if action == A.SCHEDULED:
        entry.sentence = _("%(who)s created the meeting") % values
        if d.get("first_number"):
            entry.notes.append(_("Items numbered from %(n)s.") % {"n": d["first_number"]})
    elif action == A.MEETING_EDITED:
        entry.sentence = _("%(who)s changed the meeting details") % values
        entry.changes = _changes(d)
        if d.get("after_sending"):
            entry.notes.append(_("After the agenda was sent; the agenda as sent was stored anew."))
    elif action == A.ITEM_ADDED:
        entry.sentence = _("%(who)s added item %(number)s: %(title)s") % values
        if d.get("closed"):
            entry.notes.append(_("Closed item."))
        if d.get("supplement"):
            entry.notes.append("Tillægspunkt: tilføjet efter dagsordenen var udsendt.")
    elif action == A.ITEM_EDITED:
        closed = (d.get("changes") or {}).get("closed")
        if isinstance(closed, list) and len(closed) == 2 and len(d["changes"]) == 1:
            entry.sentence = (
                _("%(who)s closed item %(number)s")
                if closed[1]
                else _("%(who)s opened item %(number)s")
            ) % values
        else:
            entry.sentence = _("%(who)s changed item %(number)s") % values
            if isinstance(closed, list) and len(closed) == 2:
                entry.notes.append(_("Closed item.") if closed[1] else _("Open item."))
        entry.changes = _changes(d)
        if d.get("after_sending"):
            entry.notes.append("Efter dagsordenen var udsendt: med i næste tillægsdagsorden.")
    elif action == A.ITEM_MOVED:
        moved = d.get("number")
        if isinstance(moved, list) and len(moved) == 2:
            values.update(old=moved[0], new=moved[1])
            entry.sentence = (
                _("%(who)s moved item %(old)s up to item %(new)s")
                if moved[1] < moved[0]
                else _("%(who)s moved item %(old)s down to item %(new)s")
            ) % values
        else:
            entry.sentence = _("%(who)s moved an item") % values
    elif action == A.ITEM_REMOVED:
        entry.sentence = _("%(who)s removed item %(number)s: %(title)s") % values
    elif action == A.SECTION_ADDED:
        entry.sentence = _("%(who)s added the section %(heading)s to item %(number)s") % values
        if d.get("text"):
            entry.changes = [Change(str(FIELD_LABELS["text"]), [], "–", str(d["text"]))]
    elif action == A.SECTION_EDITED:
        entry.sentence = _("%(who)s changed %(heading)s in item %(number)s") % values
        entry.changes = _changes(d)
    elif action == A.SECTION_REMOVED:
        entry.sentence = _("%(who)s removed the section %(heading)s from item %(number)s") % values
    elif action == A.RECOMMENDATION_SET:
        entry.sentence = _("%(who)s changed the recommendation in item %(number)s") % values
        entry.changes = _changes(d)
    elif action == A.ATTACHMENT_ADDED:
        entry.sentence = _("%(who)s attached “%(title)s” to item %(number)s") % values
        if d.get("after_sending"):
            entry.notes.append("Efter dagsordenen var udsendt: med i næste tillægsdagsorden.")
    elif action == A.ATTACHMENT_REMOVED:
        entry.sentence = (
            _("%(who)s removed the attachment “%(title)s” from item %(number)s") % values
        )
    elif action == A.AGENDA_SENT:
        entry.sentence = _("%(who)s sent the agenda") % values
    elif action == A.SUPPLEMENT_SENT:
        # "Tillægsdagsorden udsendt af Sofie Sekretær, punkt 9–10" (workflow.supplement)
        nr = d.get("supplement")
        name = "Tillægsdagsorden" if nr in (None, 1) else f"Tillægsdagsorden nr. {nr}"
        entry.sentence = f"{name} udsendt af {who}, punkt {d.get('numbers') or '?'}"
    elif action == A.ATTENDANCE_RECORDED:
        entry.sentence = _("%(who)s recorded the attendance") % values
        for name, pair in (d.get("changes") or {}).items():
            if isinstance(pair, list) and len(pair) == 2:
                if pair[0]:
                    note = _("%(name)s: %(after)s (was %(before)s)")
                else:
                    note = _("%(name)s: %(after)s")
                entry.notes.append(
                    note % {"name": name, "after": _status(pair[1]), "before": _status(pair[0])}
                )
        for item_number, names in (d.get("substitutes") or {}).items():
            entry.notes.append(
                _("Substitutes in item %(number)s: %(names)s")
                % {"number": item_number, "names": ", ".join(names)}
            )
    elif action == A.DECISION_WRITTEN:
        entry.sentence = _("%(who)s wrote the decision in item %(number)s") % values
        entry.changes = _changes(d)
        for change in entry.changes:
            change.label = str(gettext_lazy("Decision"))
    elif action == A.IMPORTED:
        # "Importeret fra referat.docx af Sofie Sekretær"; the command line is "systemet".
        importer = who if event.actor is not None else _("systemet")
        entry.sentence = _("Importeret fra %(file)s af %(who)s") % {
            "file": d.get("file") or _("en fil"),
            "who": importer,
        }
        if d.get("replaced"):
            entry.notes.append(_("Mødets tidligere indhold blev erstattet."))
        if d.get("needs_review"):
            entry.notes.append(_("Ikke alle felter kunne læses i filen: mødet er til gennemsyn."))
    elif action in _STATUS_SENTENCES:
        entry.sentence = _STATUS_SENTENCES[action]() % values
        if d.get("through_item"):
            entry.notes.append(
                _("Through the next meeting's item %(number)s.") % {"number": d["through_item"]}
            )
        if d.get("reason"):
            entry.notes.append(_("Reason: %(reason)s") % {"reason": d["reason"]})
        for doubt in d.get("confirmed") or []:
            entry.notes.append(_("Confirmed despite: %(doubt)s") % {"doubt": doubt})
    else:
        entry.sentence = f"{who}: {event.get_action_display()}"
    return entry


_STATUS_SENTENCES: dict[str, Callable[[], str]] = {
    A.HELD: lambda: _("%(who)s marked the meeting as held"),
    A.MINUTES_SUBMITTED: lambda: _("%(who)s submitted the minutes as a draft"),
    A.MINUTES_APPROVED: lambda: _("%(who)s approved the minutes"),
    A.MINUTES_PUBLISHED: lambda: _("%(who)s published the minutes"),
    A.MINUTES_REOPENED: lambda: _("%(who)s reopened the minutes"),
}


def history_entries(meeting: Meeting) -> list[Entry]:
    """``meeting.event_list`` (``selectors.meeting_history``) as sentences; no queries."""
    return [describe(event) for event in meeting.event_list]  # type: ignore[attr-defined]
