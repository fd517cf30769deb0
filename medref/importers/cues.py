"""The cues a document gives about its own structure, one pure function each.

Agenda systems print the same things in many shapes: an item heading as
"Punkt 21: Titel", "Pkt. 7", "3. Titel (Lukket)", "Sag 3 - Titel", "§ 4",
"Nr.60 - Titel" or a number alone above its title; a case number as
"Sagsnr.: …", "Sagnr.: …", "Sag 306-2009-600", "J.nr.", "Sagsid.: 14/40"
or a bare KLE number, with "Dok.nr." and "Åben sag" on the same line; a
decision heading as "Beslutning", "Beslutning i <udvalg> den <dato>",
"BESLUTNING: <udvalg> den <dato>", "Behandling i <udvalg> <dato>, pkt. 1" or
"<udvalg>, 11-02-2021, pkt. 7". The structure reader weighs these cues; these
modules only recognise them (no Django, no state):
``boilerplate`` (portal furniture), ``item_cues`` (item headings),
``case_lines`` (case numbers and item metadata), ``section_cues`` (section,
decision and recommendation headings), ``name_cues`` (people). They are
gathered here, so that a reader says ``cues.item_cue``.
"""

from __future__ import annotations

from .boilerplate import BOILERPLATE, PAGE_LINE, UI_PREFIX, is_boilerplate, strip_ui
from .case_lines import CaseLine, case_line, closed_at_end
from .item_cues import (
    ITEM_WORDS,
    ItemCue,
    closed_title,
    item_cue,
    number_alone,
    number_below,
    strip_list_marker,
)
from .name_cues import (
    NAME_DASH_ROLE,
    SUBSTITUTE_NOTE,
    absent_mark,
    clean_name,
    looks_like_name,
    person,
)
from .section_cues import (
    GROUP_LABEL,
    INLINE_SECTION,
    ITEM_GROUP,
    LEAD_ONLY,
    PASSIVE_RECOMMENDATION,
    RECOMMENDATION_LEAD,
    caps_heading,
    dated_body,
    heading_kind,
    names_committee,
    unknown_heading,
)

__all__ = [
    "BOILERPLATE",
    "GROUP_LABEL",
    "INLINE_SECTION",
    "ITEM_GROUP",
    "ITEM_WORDS",
    "LEAD_ONLY",
    "NAME_DASH_ROLE",
    "PAGE_LINE",
    "PASSIVE_RECOMMENDATION",
    "RECOMMENDATION_LEAD",
    "SUBSTITUTE_NOTE",
    "UI_PREFIX",
    "CaseLine",
    "ItemCue",
    "absent_mark",
    "caps_heading",
    "case_line",
    "clean_name",
    "closed_at_end",
    "closed_title",
    "dated_body",
    "heading_kind",
    "is_boilerplate",
    "item_cue",
    "looks_like_name",
    "names_committee",
    "number_alone",
    "number_below",
    "person",
    "strip_list_marker",
    "strip_ui",
    "unknown_heading",
]
