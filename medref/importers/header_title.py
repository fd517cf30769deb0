"""A title line of minutes: its kind word, the committee, date, times and place.

Every Danish way of writing the title is read: "REFERAT FagMED Økonomi d.
08-10-2025", "Referat fra mødet i X den 8. oktober 2025", "X - Referat -
25. oktober 2016", "Referat af møde i X", "X - 06-10-2022", "Uddannelsesudvalg
- mødesager". ``header`` reads the lines before the first item and asks
this module about each that may be (part of) a title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from medref.documents import DocumentKind

from .blocks import clean_inline
from .dates import find_date

KIND_WORD = re.compile(
    r"(?<![\wæøå])(?P<kind>referat|dagsorden|beslutningsprotokol|beslutningsreferat|mødereferat"
    r"|protokol)(?![\wæøå])",
    re.IGNORECASE,
)
COMMITTEE_WORD = re.compile(
    r"udvalg|med\b|med-|hmu|lmu|amu|byråd|kommunalbestyrelse|regionsråd|bestyrelse|råd(?:et)?\b"
    r"|forum"
    r"|direktion|borgerrepræsentation|kommission|repræsentantskab|\b[fhl]?su\b|\bmio\b",
    re.IGNORECASE,
)
# "SU-møde", "LokalMED-møde", "HovedMED møde": the body's name before "møde".
_BODY_MEETING = re.compile(
    r"^(?:(?P<body>\S.*?)-møde(?:t)?|(?P<word>\S*[A-ZÆØÅ]{2}\S*)\s+møde(?:t)?)$"
)
# What is left of a title once its kind words are taken out ("Dagsorden og referat",
# "Referat fra mødet d. …"): no committee's name.
_NOT_A_NAME = re.compile(
    r"^(?:(?:og|&|samt|fra|af|for|til)(?:\s+|$))*(?:(?:det\s+)?(?:ordinære\s+|ekstraordinære\s+)?"
    r"møde(?:t)?|mødesager)?$",
    re.IGNORECASE,
)
TIME_AFTER_DATE = re.compile(
    r"^\s*,?\s*(?:-\s*)?(?:(?:kl\.?|klokken)\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"(?:\s*(?:-|–|til)\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?",
    re.IGNORECASE,
)
_LOCATION_AFTER = re.compile(r"^\s*[,.]?\s*(?:i|på)\s+(?P<place>\S.+)$", re.IGNORECASE)
_WEEKDAY_TAIL = re.compile(
    r"(?:\s*[,\-–]?\s*(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b,?)?\s*(?:\bden\b|\bd\.)?\s*$",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(
    r"^(?:\s*(?:af|fra|for|til|over)\b)?\s*(?:(?:det\s+)?(?:\d{1,3}\.\s*)?(?:ordinære\s+|ekstraordinære\s+)?"
    # "Møde i …", "Bestyrelsesmøde i Kysttrafik": the body after a (compound) "møde i".
    r"[a-zæøå]*møde(?:t)?\s+(?:i|for)\s+)?",
    re.IGNORECASE,
)
# "… den", "… d.", "… - fra" (what is left of "- Referat fra mødet den <dato>").
_TAIL_WORDS = re.compile(r"(?:\s+(?:den|d\.|fra)|\s*[-–|:,.])+\s*$", re.IGNORECASE)
# "… Fritidsudvalget møde den 8. december": "møde" before "den <dato>" is not the name's.
_MEETING_DEN = re.compile(
    r"\s+møde(?:t)?(?:\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag))?\s+den\s*$",
    re.IGNORECASE,
)
# "(2022-2025)", "2022-2025", or the one year a system appends ("Område-MED … 2014").
_ELECTION_TERM = re.compile(
    r"\s+(?:\(?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\)?|\(\d\d\s*[-–]\s*\d\d\))\s*$"
)
# "… på Nordby Rådhus, Salen.": a title written as a sentence ends in a full stop.
_SENTENCE_STOP = re.compile(r"(?<=[a-zæøå]{4})\.$")
# "Klima og miljøs møde den": the "s" of a genitive before "møde".
_GENITIVE_MEETING = re.compile(r"(?<=[a-zæøå])s(?=\s+møde(?:t)?\s+den\b)", re.IGNORECASE)
# "Uddannelsesudvalg - mødesager", "Landsbyrådet - Dagsordener og referater": a page of
# the body's meeting papers.
_MEETING_PAPERS = re.compile(
    r"^(?P<committee>.{3,80}?)\s*[-–|]\s*(?:mødesager|(?:dagsordener|referater)"
    r"(?:\s+og\s+(?:referater|dagsordener))?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Title:
    kind: DocumentKind | None
    committee: str
    day: dt.date | None
    start: dt.time | None
    end: dt.time | None
    location: str | None


_SITE_SUFFIX = re.compile(
    r"(?:\s+[|·]\s+[^|·]*\b(?:[Kk]ommune|Region\w*)\b[^|·]*"
    r"|\s+[-–]\s+[A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*)?\s+[Kk]ommune"
    r"|\s+[-–]\s+Region(?:en)?\s+[A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*)?)$"
)


_GENITIVE_S_MEETING = re.compile(r"^(?P<body>\S.*?)(?:'s|’s)\s+møde$", re.IGNORECASE)
_BODY_S_MEETING = re.compile(
    r"^(?P<stem>[A-ZÆØÅ][\w-]*?(?:råd|udvalg))smøde(?:\s+nr\.?\s*\d+)?$", re.IGNORECASE
)


def clean_committee(text: str) -> str:
    # "Økonomiudvalget | Eksempelby Kommune", "Nordby Byråd - Nordby Kommune": a page
    # title's site name after the committee's.
    text = _SITE_SUFFIX.sub("", text)
    text = _MEETING_DEN.sub("", _LEAD_WORDS.sub("", text.strip(" -–|:,")))
    for _ in range(3):
        text = _WEEKDAY_TAIL.sub("", text)
        text = _TAIL_WORDS.sub("", text)
    # "Børne- og Ungeudvalget (2022-2025)", "Udvalget for Sundhed 2022-2025": the election
    # term a portal adds is not part of the committee's name.
    text = clean_inline(_ELECTION_TERM.sub("", text).strip(" -–|:,"))
    text = re.sub(
        r"^(?:og|&|samt|(?:ekstra)?ordinært)\s+|\s+(?:og|&|samt)$", "", text, flags=re.IGNORECASE
    )
    if _NOT_A_NAME.match(text):
        return ""
    # "SeniorRådsmøde nr. 187", "Byrådsmøde": the body whose meeting it is.
    genitive = _GENITIVE_S_MEETING.match(text)
    if genitive is not None and COMMITTEE_WORD.search(genitive["body"]):
        text = genitive["body"]  # "Byrådet's møde", "Økonomiudvalgets møde"
    meeting_of = _BODY_S_MEETING.match(text)
    if meeting_of is not None:
        stem = meeting_of["stem"]
        text = f"{stem[:1].upper()}{stem[1:].lower()}et"
    body = _BODY_MEETING.match(text)
    if body is not None and COMMITTEE_WORD.search(body["body"] or body["word"]):
        text = body["body"] or body["word"]
    # "Møde i forretningsudvalget": a committee's name is a name, capitalised.
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def read_title(line: str) -> Title | None:
    """A title line: its kind word, committee, date, times and place, as far as it gives them."""
    kind_match = KIND_WORD.search(line)
    try:
        found = find_date(line)
    except ValueError:
        found = None
    if kind_match is None and found is None:
        papers = _MEETING_PAPERS.match(line)
        if papers and COMMITTEE_WORD.search(papers["committee"]):
            # "Uddannelsesudvalg - mødesager": the body, no date, no kind word.
            return Title(None, clean_committee(papers["committee"]), None, None, None, None)
        return None
    if kind_match is None and not (
        found
        and (
            COMMITTEE_WORD.search(line[: found.begin])
            or _GENITIVE_MEETING.search(line[: found.begin])
            or _BODY_MEETING.match(line[: found.begin].strip(" ,-–"))
        )
    ):
        return None
    kind: DocumentKind | None = None
    if kind_match:
        word = kind_match["kind"].lower()
        kind = DocumentKind.AGENDA if word == "dagsorden" else DocumentKind.MINUTES
    rest = line
    location: str | None = None
    day = start = end = None
    if found:
        day, start, end = found.day, found.start, found.end
        after = line[found.finish :]
        after = TIME_AFTER_DATE.sub("", after)
        place = _LOCATION_AFTER.match(after)
        if place:
            location = _SENTENCE_STOP.sub("", place["place"].strip())
            after = ""
        rest = line[: found.begin] + " " + after
    if kind_match:
        at = kind_match.start()
        if found is None or at < found.begin:
            rest = rest[:at] + " " + rest[kind_match.end() :]
        else:
            rest = KIND_WORD.sub(" ", rest, count=1)
        # "Dagsorden og referat": both kind words are the title's, neither the body's.
        rest = KIND_WORD.sub(" ", rest)
    genitive = _GENITIVE_MEETING.search(rest)
    if genitive is not None:
        # "Klima og miljøs møde den …", "Byrådets møde den …": the body in the genitive.
        rest = rest[: genitive.start()] + rest[genitive.start() + 1 :]
    committee = clean_committee(rest)
    if len(committee.split()) > 25:
        return None  # running text, not a title
    return Title(kind, committee, day, start, end, location)


# What may stand before the date on a date line ("Møde 14. marts 2024 kl. 13:00 i …").
_DATE_LINE_LEADS = frozenset(
    {"den", "d.", "dato", "mødedato", "afholdt", "afholdes", "møde", "mødet", "mødet afholdes"}
)


def date_line(line: str) -> tuple[dt.date, dt.time | None, dt.time | None, str | None] | None:
    """A line that is a date (with times and a place): "Torsdag den 19. november 2020 kl. 17:00"."""
    if len(line) > 160:
        return None
    try:
        found = find_date(line, short_year=True)
    except ValueError:
        return None
    if found is None:
        return None
    before = _WEEKDAY_TAIL.sub("", line[: found.begin]).strip(" ,-–:")
    if before and before.casefold() not in _DATE_LINE_LEADS:
        return None
    after = TIME_AFTER_DATE.sub("", line[found.finish :])
    place = _LOCATION_AFTER.match(after)
    if place is None and after.strip(" ,-–:."):
        return None
    return found.day, found.start, found.end, place["place"].strip() if place else None
