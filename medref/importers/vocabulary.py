"""The words Danish minutes use, in one table.

Importers read section headings, header fields and attendance phrases only
through this module, so teaching medref another municipality's wording is
an edit here, not in parsing code.
"""

from __future__ import annotations

import re
from typing import Final

from medref.documents import SectionKind

# Section headings, compared casefolded, without bold markers and a final colon.
SECTION_HEADINGS: Final[dict[str, SectionKind]] = {
    "resumé": SectionKind.SUMMARY,
    "resume": SectionKind.SUMMARY,
    "sammenfatning": SectionKind.SUMMARY,
    "sagsfremstilling": SectionKind.CASE,
    "sagsbeskrivelse": SectionKind.CASE,
    "beskrivelse af sagen": SectionKind.CASE,
    "indstilling": SectionKind.RECOMMENDATION,
    "forslag til beslutning": SectionKind.RECOMMENDATION,
    "beslutning": SectionKind.DECISION,
    "bilag": SectionKind.ATTACHMENTS,
    "bilagsliste": SectionKind.ATTACHMENTS,
    # Known headings without a kind of their own.
    "beslutningstema": SectionKind.OTHER,
    "baggrund": SectionKind.OTHER,
    "økonomi": SectionKind.OTHER,
    "økonomiske konsekvenser": SectionKind.OTHER,
    "høring": SectionKind.OTHER,
    "høringssvar": SectionKind.OTHER,
    "kommunikation": SectionKind.OTHER,
    "lovgrundlag": SectionKind.OTHER,
    "retsgrundlag": SectionKind.OTHER,
    "tidsplan": SectionKind.OTHER,
    "videre proces": SectionKind.OTHER,
    "personalemæssige konsekvenser": SectionKind.OTHER,
    "arbejdsmiljømæssige konsekvenser": SectionKind.OTHER,
    "sagens baggrund": SectionKind.CASE,
    "sagsresumé": SectionKind.SUMMARY,
    "sagsresume": SectionKind.SUMMARY,
    "anledning": SectionKind.SUMMARY,
    "problemstilling": SectionKind.OTHER,
    "forslag": SectionKind.RECOMMENDATION,
    "indstillinger": SectionKind.RECOMMENDATION,
    "indstilling og beslutning": SectionKind.RECOMMENDATION,
    "udvalgets beslutning": SectionKind.DECISION,
    "afgørelse": SectionKind.DECISION,
    "udvalgets afgørelse": SectionKind.DECISION,
    "beslutninger": SectionKind.DECISION,
    "bilagsfortegnelse": SectionKind.ATTACHMENTS,
    "vedhæftede bilag": SectionKind.ATTACHMENTS,
    # More headings without a kind of their own (vendors' and municipalities' templates).
    "kompetence": SectionKind.OTHER,
    "sagens kerne": SectionKind.OTHER,
    # eDoc publishing's item pages head what was minuted "Referat".
    "referat": SectionKind.DECISION,
    "beslutningskompetence": SectionKind.OTHER,
    "forventet sagsgang": SectionKind.OTHER,
    "sagen behandles i": SectionKind.OTHER,
    "tidligere behandling": SectionKind.OTHER,
    "sagstema": SectionKind.OTHER,
    "redegørelse": SectionKind.OTHER,
    "andre konsekvenser": SectionKind.OTHER,
    "høring og sagsgang": SectionKind.OTHER,
    "bevilling": SectionKind.OTHER,
    "sagens tidligere behandling": SectionKind.OTHER,
    "sagen afgøres i": SectionKind.OTHER,
    "sagsgang": SectionKind.OTHER,
    "sagsgang og sagstype": SectionKind.OTHER,
    "sagen afgøres af": SectionKind.OTHER,
    "hvem beslutter": SectionKind.OTHER,
    "personale": SectionKind.OTHER,
    "løsning": SectionKind.OTHER,
    "effekt": SectionKind.OTHER,
    "præsentation": SectionKind.OTHER,
    "indledning": SectionKind.OTHER,
    "behandling": SectionKind.OTHER,
    "bemærkninger": SectionKind.OTHER,
    "bemærkninger til dagsordenen": SectionKind.OTHER,
    "fremmøde og inhabilitet": SectionKind.OTHER,
    "inhabilitet": SectionKind.OTHER,
    "risikovurdering": SectionKind.OTHER,
    "handicappolitik": SectionKind.OTHER,
    "miljøvurdering": SectionKind.OTHER,
    "borgerinddragelse": SectionKind.OTHER,
    "sundhedsmæssige konsekvenser": SectionKind.OTHER,
    "miljømæssige konsekvenser": SectionKind.OTHER,
    "juridiske konsekvenser": SectionKind.OTHER,
    "økonomi og finansiering": SectionKind.OTHER,
    "økonomiske og personalemæssige konsekvenser": SectionKind.OTHER,
    "bevillingsmæssige konsekvenser": SectionKind.OTHER,
    "administrationens vurdering": SectionKind.OTHER,
    "vurdering": SectionKind.OTHER,
    "sagsforløb": SectionKind.OTHER,
    "sagens forløb": SectionKind.OTHER,
    "tidligere beslutninger": SectionKind.OTHER,
    "politisk behandling": SectionKind.OTHER,
    "høringsberettigede": SectionKind.OTHER,
    "praktiske oplysninger": SectionKind.OTHER,
    # MED committees' own minutes: what was said and agreed, under each item.
    "drøftelse": SectionKind.OTHER,
    "drøftelser": SectionKind.OTHER,
    # What a MED committee concluded is its decision.
    "konklusion": SectionKind.DECISION,
    "konklusioner": SectionKind.DECISION,
    "opfølgning": SectionKind.OTHER,
    "aftale": SectionKind.OTHER,
    "aftaler": SectionKind.OTHER,
    "handling": SectionKind.OTHER,
    "ansvarlig": SectionKind.OTHER,
    "formål": SectionKind.OTHER,
    "proces": SectionKind.OTHER,
    "historik": SectionKind.OTHER,
    "supplerende sagsfremstilling": SectionKind.CASE,
    "sagsfremstilling og vurdering": SectionKind.CASE,
    "forslag til indstilling": SectionKind.RECOMMENDATION,
    "administrationens indstilling": SectionKind.RECOMMENDATION,
    "administrativ indstilling": SectionKind.RECOMMENDATION,
    "sagens opståen": SectionKind.OTHER,
    "forvaltningens indstilling": SectionKind.RECOMMENDATION,
    "direktionens indstilling": SectionKind.RECOMMENDATION,
    "indstilling fra administrationen": SectionKind.RECOMMENDATION,
    "indstilling fra forvaltningen": SectionKind.RECOMMENDATION,
    "referat og beslutning": SectionKind.DECISION,
    "beslutning og referat": SectionKind.DECISION,
    "referat/beslutning": SectionKind.DECISION,
    "beslutning/referat": SectionKind.DECISION,
}

# "Beslutning i Økonomiudvalget den 3. juni 2025:" is a Beslutning heading too.
DECISION_HEADING: Final = re.compile(r"^beslutning\s+i\s+.+\s+den\s+.+$", re.IGNORECASE)

# Header fields: label -> field name. A label stands first on its line,
# optionally followed by a colon.
HEADER_LABELS: Final[dict[str, str]] = {
    "mødedato": "date",
    "dato": "date",
    "mødetidspunkt": "time",
    "tidspunkt": "time",
    "mødested": "location",
    "sted": "location",
    "mødedeltagere": "participants",
    "deltagere": "participants",
    "medlemmer": "participants",
    "til stede": "present",
    "deltog": "present",
    "afbud fra/fraværende": "absent",
    "afbud/fravær": "absent",
    "afbud/fraværende": "absent",
    "fraværende/afbud": "absent",
    "afbud fra": "absent",
    "afbud": "absent",
    # Before "fraværende": the first label a line starts with wins.
    "fraværende med afbud": "absent",
    # Away without notice: among the absent, and listed as "Fraværende" apart from Afbud.
    "fraværende": "absent_without_notice",
    "suppleanter": "substitutes",
    "suppleant": "substitutes",
    "referent": "minute_taker",
    "kommune": "municipality",
    # Labels of agenda portals and ESDH exports.
    "mødedag": "date",
    "mødetid": "date",
    "starttidspunkt": "start",
    "starttidspunkt for møde": "start",
    "sluttidspunkt": "end",
    "sluttidspunkt for møde": "end",
    "møde slut": "end",
    "mødet sluttede": "end",
    "mødet hævet": "end",
    "tid og sted": "when_where",
    "tid": "time",
    "kl": "time",
    "lokale": "location",
    "mødelokale": "location",
    "adresse": "location",
    "udvalg": "committee",
    "forum": "committee",
    "møde i": "committee",
    "organ": "committee",
    "afholdt": "when_where",
    "d.": "date",
    "udvalgets navn": "committee",
    "møde": "meeting",
    "tilstede": "present",
    "tilstedeværende medlemmer": "present",
    "tilstedeværende": "present",
    "fremmødte": "present",
    "indkaldelse": "participants",
    "indkaldte": "participants",
    "ikke til stede": "absent_without_notice",
    "ikke mødt": "absent_without_notice",
    "fravær": "absent_without_notice",
    "ref.": "minute_taker",
    "udeblevet": "absent_without_notice",
    "udeblev": "absent_without_notice",
    "forfald": "absent",
    "meldt afbud": "absent",
    # MED minutes list the two sides apart.
    "ledelsesrepræsentanter": "participants",
    "medarbejderrepræsentanter": "participants",
    "ledelsessiden": "participants",
    "medarbejdersiden": "participants",
    "ordstyrer": "chair",
    # Portal software's English labels.
    "location": "location",
    "stedfortrædere": "substitutes",
    "bemærkninger": "remarks",
    "mødeleder": "chair",
    "mødeforum": "committee",
    "start kl.": "start",
    "slut kl.": "end",
    "som tilforordnet deltager": "guests",
    "tilforordnede": "guests",
    "fra sekretariatet": "secretariat",
    "sekretariat": "secretariat",
}
# Labels that are also ordinary words at the start of a line ("Lokale 2.14",
# "Tid og sted …"): a label only alone on its line or before a colon.
COLON_LABELS: Final = frozenset(
    {
        "kl",
        "lokale",
        "mødelokale",
        "adresse",
        "tid",
        "møde",
        "udvalg",
        "dato",
        "bemærkninger",
        "forum",
        "afholdt",
        "d.",
        "møde i",
        "organ",
        "fravær",
        "ref.",
    }
)

# Words that follow a name in a participant list as its role:
# "Jens Hansen (A), Formand, Mette Jensen (V), …".
ROLE_WORDS: Final = frozenset(
    {
        "formand",
        "forperson",
        "næstformand",
        "næstforperson",
        "medlem",
        "sekretær",
        "leder",
        "chef",
        "direktør",
        "amr",
        "tr",
        "arbejdsmiljørepræsentant",
        "tillidsrepræsentant",
        "suppleant",
    }
)
MINUTE_TAKER_WORDS: Final = frozenset({"referent", "referatskriver", "sekretær/referent"})

DOCUMENT_TITLE: Final = re.compile(
    r"^(?P<kind>referat|dagsorden)\b[\s:]*(?P<committee>.*?)"
    r"(?:\s+(?:d\.|den)\s*(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4}))?\s*$",
    re.IGNORECASE,
)
# "Referat fra mødet i FagMED Økonomi den 8. oktober 2025": the words before
# the committee's name and the long date after it.
TITLE_PREFIX: Final = re.compile(
    r"^(?:(?:af|fra|for|til)\s+)?(?:(?:det\s+)?(?:ordinære\s+)?møde[t]?\s+i\s+)?", re.IGNORECASE
)
TITLE_LONG_DATE: Final = re.compile(
    r"\s+(?:d\.|den)\s+((?:[a-zæøå]+\s+)?(?:d\.\s*)?\d{1,2}\.\s*[a-zæøå]+\s+\d{4}.*)$",
    re.IGNORECASE,
)
TOC_HEADING: Final = re.compile(r"^(?:indholdsfortegnelse|indhold|punkter på dagsordenen):?$", re.I)
TOC_ENTRY: Final = re.compile(
    r"^(?P<title>.+?)(?:\s*\.{2,}\s*|\s*\t\s*|\s{2,})(?:side\s+)?(?P<page>\d{1,4})$", re.I
)

# Item headings: "Punkt 21: Titel", "Pkt. 3. Titel", "Punkt 4 - Titel"; in a
# heading the separator may be a space ("## Pkt. 3 Titel"), in running text
# it may not ("Punkt 5 tages op igen i januar." is a sentence).
ITEM_HEADING: Final = re.compile(
    r"^(?:punkt|pkt\.?)\s*(?P<number>\d{1,4})\s*[:.\-–]\s*(?P<title>\S.*)$", re.IGNORECASE
)
ITEM_HEADING_LOOSE: Final = re.compile(
    r"^(?:punkt|pkt\.?)\s*(?P<number>\d{1,4})\s*(?:[:.\-–]\s*|\s+)(?P<title>\S.*)$",
    re.IGNORECASE,
)
# "3. Titel": an item heading only in minutes that number items this way.
NUMBERED_ITEM_HEADING: Final = re.compile(r"^(?P<number>\d{1,3})\.\s+(?P<title>\S.*)$")
# "LUKKET PUNKT - Personalesag", "Lukket punkt: …", "Åbent punkt - …" before a title.
CLOSED_TITLE: Final = re.compile(
    r"^(?P<mark>lukket|åbent)(?:\s+punkt)?\s*[-–:]\s*(?P<title>\S.*)$", re.I
)
CLOSED_MARKER: Final = re.compile(r"^\(?lukket(?:\s+punkt)?\)?\.?$", re.IGNORECASE)
OPEN_MARKER: Final = re.compile(r"^\(?åbent(?:\s+punkt)?\)?\.?$", re.IGNORECASE)
CASE_NUMBER: Final = re.compile(
    r"^(?:(?:sagsnr|sags\s*nr|sagsnummer|journalnr|j\.\s*nr)\.?\s*:?\s*(?P<labelled>\S.*)"
    r"|(?P<kle>\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2}))$",
    re.IGNORECASE,
)
# Vendor metadata lines under an item heading that carry nothing for medref.
ITEM_METADATA: Final = re.compile(
    r"^(?:dok\.?\s*nr|dokumentnr|(?:øvrige\s+)?sagsbehandlere?|sags-id)\.?\s*:", re.I
)

# "Stabschef for Strategi og Udbud indstiller," (possibly with the first clause).
RECOMMENDATION_LEAD: Final = re.compile(r"^(?P<proposer>.+?)\s+indstiller\s*,?\s*(?P<rest>.*)$")
RECOMMENDATION_CLAUSE: Final = re.compile(r"^at\s+\S", re.IGNORECASE)

# Attendance phrases, matched against a whole paragraph. The paragraph stays
# in the section (it is what the minutes say); the names are collected.
_NAMES = r"(?P<names>[^.].*?)"
MEETING_PRESENT: Final = (re.compile(rf"^{_NAMES}\s+deltog\s+i\s+mødet\.?$", re.IGNORECASE),)
# "X var fraværende." names who was away where it stands: under an item's decision that
# item (and the meeting when it stands under every open item), in the header or the
# first item's absence note the meeting.
ABSENT_HERE: Final = (re.compile(rf"^{_NAMES}\s+(?:(?:var|er)\s+)?fraværende\.?$", re.IGNORECASE),)
MEETING_ABSENT: Final = (
    re.compile(rf"^der\s+var\s+afbud\s+fra\s+{_NAMES}\.?$", re.IGNORECASE),
    re.compile(rf"^{_NAMES}\s+havde\s+meldt\s+(?:afbud|forfald)\.?$", re.IGNORECASE),
    re.compile(rf"^{_NAMES}\s+deltog\s+ikke\s+(?:i|på)\s+mødet\.?$", re.IGNORECASE),
)
MEETING_SUBSTITUTE: Final = (
    re.compile(
        rf"^(?:suppleant(?:en|erne)?|stedfortræder(?:en|ne)?)\s+{_NAMES}\s+deltog\s+i\s+mødet\.?$",
        re.IGNORECASE,
    ),
    # "Niels Overby (A) var indkaldt som stedfortræder, og Byrådet godkendte indkaldelsen."
    re.compile(
        rf"^{_NAMES}\s+(?:var|blev|er)\s+indkaldt\s+som\s+(?:suppleant|stedfortræder)"
        r"(?:\s+for\s+[^,.]+)?(?:,\s+[^.]*)?\.?$",
        re.IGNORECASE,
    ),
    # "Tove Rask deltager som stedfortræder." (for whom: the afbud above it)
    re.compile(
        rf"^{_NAMES}\s+(?:deltog|deltager|mødte|møder)\s+som\s+"
        r"(?:suppleant(?:er)?|stedfortrædere?)\.?$",
        re.IGNORECASE,
    ),
)
ITEM_SUBSTITUTE: Final = (
    re.compile(
        rf"^suppleant(?:erne)?\s+{_NAMES}\s+deltog\s+i\s+behandling(?:en)?\s+af\s+punktet\.?$",
        re.IGNORECASE,
    ),
)
ITEM_ABSENT: Final = (
    re.compile(
        rf"^{_NAMES}\s+(?:(?:erklærede\s+sig|var)\s+inhabil(?:,[^,]+,)?\s+og\s+)?deltog\s+ikke"
        r"\s+(?:i|under)\s+(?:behandling(?:en)?\s+af\s+)?"
        r"(?:punktet|dette\s+punkt|sagen|sagens\s+behandling|punktets\s+behandling)"
        r"(?:,?\s+(?:på\s+grund\s+af|pga\.?|grundet)\s+[^.]+)?\.?$",
        re.IGNORECASE,
    ),
)
# "X deltog ikke i behandlingen af punkt: 6, 8, 9" — absent for the items named.
NAMED_ITEMS_ABSENT: Final = re.compile(
    rf"^{_NAMES}\s+deltog\s+ikke\s+i\s+behandling(?:en)?\s+af\s+(?:punkt(?:erne)?|pkt\.?)\s*:?\s*"
    r"(?P<numbers>\d[\d\s,.og-]*?)\.?$",
    re.IGNORECASE,
)
ITEM_ABSENT_HEADING: Final = re.compile(r"^fraværende\s*:?$", re.IGNORECASE)
# Only paragraphs holding one of these words can be attendance sentences;
# checking for them first keeps the patterns off ordinary text.
ATTENDANCE_WORDS: Final = ("deltog", "fraværende", "afbud", "forfald")
# The words of any attendance sentence: those, a substitute's ("stedfortræder", "i
# stedet") and a member who left ("forlod"). Lower-cased, as ``text.lower()`` holds them.
ATTENDANCE_SENTENCE_WORDS: Final = (*ATTENDANCE_WORDS, "stedfortræder", "i stedet", "forlod")

# A line of its own, removed from the section: "Fraværende: A, B og C".
ITEM_ABSENT_LINE: Final = re.compile(r"^fraværende\s*:?\s+(?P<names>.+)$", re.IGNORECASE)
ITEM_SUBSTITUTE_LINE: Final = re.compile(r"^suppleanter\s*:?\s+(?P<names>.+)$", re.IGNORECASE)
# What the three patterns above start with: one match keeps them off other paragraphs.
ITEM_LINE_START: Final = re.compile(r"fraværende|suppleanter", re.IGNORECASE)
# The first characters ITEM_LINE_START can match ("ſ" matches "s" in it), tested first.
ITEM_LINE_FIRST: Final = frozenset("fFsSſ")

REFERENT_SUFFIX: Final = re.compile(r"\s*\((?:referent|referatskriver)\)\s*$", re.IGNORECASE)


_LONGEST_HEADING: Final = max(map(len, SECTION_HEADINGS))

# Words a clause or a title cannot end in: a line that ends in one was wrapped.
DANGLING_WORDS: Final = frozenset(
    {"i", "på", "ved", "for", "til", "af", "med", "om", "fra", "den", "det", "de", "en", "et",
     "som", "der", "hvor", "under", "efter", "mellem"}
)  # fmt: skip

# A MED template's fields under an item's decision ("Ansvarlig: MK", "Frist: 1. juni"):
# a section of their own there, not a line of what was decided.
FOLLOW_UP_FIELDS: Final = frozenset(
    {"ansvarlig", "ansvar", "tovholder", "frist", "deadline", "opfølgning", "opfølges af"}
)


_COMPOSITE: Final = re.compile(r"\s*/\s*|\s+og\s+|\s*&\s*")


def known_heading(key: str) -> SectionKind | None:
    """The kind of a casefolded heading: one of the table's, or two joined
    ("Økonomi/Personale", "Økonomi og personale"), which takes the first one's kind."""
    kind = SECTION_HEADINGS.get(key)
    if kind is not None or ("/" not in key and " og " not in key and "&" not in key):
        return kind
    parts = _COMPOSITE.split(key)
    if len(parts) < 2 or any(part not in SECTION_HEADINGS for part in parts):
        return None
    return SECTION_HEADINGS[parts[0]]


def section_kind(heading: str) -> SectionKind | None:
    """The kind a heading names, or None when it is not a section heading."""
    if len(heading) > 120:
        return None
    stripped = heading.strip().rstrip(":").strip()
    if stripped[:1].islower():
        return None  # a heading starts with a capital; "formål:" ends a wrapped sentence
    # Casefolding never shortens a text, so one longer than every known heading
    # can only be a decision heading, whose key starts with "b" (only B and b fold to it).
    if len(stripped) > _LONGEST_HEADING and stripped[:1] not in "Bb":
        return None
    key = stripped.casefold()
    kind = known_heading(key)
    if kind is not None:
        return kind
    if key[:1] == "b" and DECISION_HEADING.match(key.rstrip(":")):
        return SectionKind.DECISION
    return None


# Labels by their first letter, in HEADER_LABELS's order: a line is only
# compared with the labels it could start with.
_LABELS_BY_FIRST: Final[dict[str, list[tuple[str, str]]]] = {}
for _label, _name in HEADER_LABELS.items():
    _LABELS_BY_FIRST.setdefault(_label[0], []).append((_label, _name))


LABELS_BY_FIRST: Final = _LABELS_BY_FIRST


def header_field(line: str) -> tuple[str, str] | None:
    """("location", "Mødelokale 2225") for "Mødested Mødelokale 2225"."""
    lowered = line.casefold()
    for label, name in _LABELS_BY_FIRST.get(lowered[:1], ()):
        if lowered == label or lowered == label + ":":
            return name, ""
        if lowered.startswith(label) and len(line) > len(label):
            rest = line[len(label) :]
            if rest[0] in " :\t":
                return name, rest.lstrip(" :\t").strip()
    return None
