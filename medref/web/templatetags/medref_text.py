"""Template filters for the pages: inline text with links, Danish dates.

Inline text in a ``MeetingDocument`` is plain text in which a link is
written the Markdown way, ``[her](https://…)``. ``inline`` escapes the text
and turns only those links into anchors, and only for safe targets.
"""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from medref.documents.inline import parse_inline
from medref.documents.model import MeetingDocument
from medref.lib.danish import MONTHS, format_long_date, format_short_date
from medref.renderers import common as renderers_common

register = template.Library()

_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?P<href>[^)\s]*)\)")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_href(href: str) -> bool:
    """Only web, mail and in-page links; no javascript:, data:, relative paths."""
    return href.startswith("#") or href.lower().startswith(_SAFE_SCHEMES)


@register.filter
def inline(text: str | None) -> SafeString:
    """Escape ``text`` and turn ``[text](url)`` links with safe targets into anchors."""
    if not text:
        return mark_safe("")
    parts: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        parts.append(escape(text[position : match.start()]))
        if is_safe_href(match["href"]):
            parts.append(format_html('<a href="{}">{}</a>', match["href"], match["text"]))
        else:
            parts.append(escape(match[0]))
        position = match.end()
    parts.append(escape(text[position:]))
    # Every piece above was escaped or built by format_html.
    return mark_safe("".join(parts))


@register.filter
def rich(text: str | None) -> SafeString:
    """Body text: as ``inline``, with ``**fed**`` as ``<strong>`` and ``*kursiv*``
    as ``<em>`` (``medref.documents.inline``)."""
    if not text:
        return mark_safe("")
    parts: list[str] = []
    for run in parse_inline(text):
        html = str(inline(run.text))
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        parts.append(html)
    # Each run went through ``inline``; the tags around them are ours.
    return mark_safe("".join(parts))


@register.filter
def apologies(doc: MeetingDocument) -> tuple[str, ...]:
    """The meeting's "Afbud" line: the absent less those listed as "Fraværende"."""
    return renderers_common.apologies(doc)


# What a page shows for a missing date: a meeting imported from a file whose
# date could not be read has none (never a guessed one) until it is reviewed.
NO_DATE_SHOWN = "Dato ikke angivet"


@register.filter
def long_date(day: dt.date | None) -> str:
    """A date the long Danish way: "Onsdag d. 08. oktober 2025" ("Dato ikke angivet")."""
    return format_long_date(day) if day is not None else NO_DATE_SHOWN


@register.filter
def meeting_when(doc: MeetingDocument) -> str:
    """The Mødedato line, "Onsdag d. 08. oktober 2025 kl. 13:00" ("Dato ikke angivet")."""
    if doc.meeting_date is None:
        return NO_DATE_SHOWN
    return format_long_date(doc.meeting_date, doc.start_time, doc.end_time)


@register.filter
def short_date(day: dt.date | None) -> str:
    """A date the short Danish way: "08-10-2025" ("Dato ikke angivet")."""
    return format_short_date(day) if day is not None else NO_DATE_SHOWN


_NUMBER = re.compile(r"[-+−]?\d[\d.,]*\s*%?")


@register.filter
def is_number(text: str) -> bool:
    """True for table cells such as "265.786", "-13.598" or "8,1 %"."""
    return bool(_NUMBER.fullmatch(text.strip()))


@register.filter
def day_month_year(day: dt.date | None) -> str:
    """A date in running text: "8. oktober 2025" (terms of membership, "pr." dates)."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}" if day is not None else ""
