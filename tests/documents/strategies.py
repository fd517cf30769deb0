"""Hypothesis strategies for MeetingDocuments that a format can carry.

A generated document is *canonical*: it says each thing in one way, the way
the importers read it back (e.g. the meeting's substitutes include every
item's substitutes; an Indstilling section exists when there is a
recommendation). Text avoids the words the importers treat as structure
("Punkt 3:", "Beslutning", "… deltog i mødet", "X indstiller,"), but is
otherwise hostile: Markdown metacharacters, entities, brackets, links.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from medref.documents import (
    AgendaItem,
    Attachment,
    Block,
    BulletList,
    DocumentKind,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    Participant,
    Recommendation,
    Section,
    SectionKind,
    Table,
    TocEntry,
)
from medref.importers.attendance import merge_names
from medref.importers.item_model import _CANNOT_END as CLAUSE_CANNOT_END
from medref.lib.names import names_match

FIRST_WORDS = (
    "Formanden",
    "Udvalget",
    "Medarbejderne",
    "Sygefraværet",
    "Budgettet",
    "Ledelsen",
    "Orienteringen",
    "Arbejdsmiljøgruppen",
    "Årshjulet",
    "Økonomiafdelingen",
    "Referatet",
    "Halvårsregnskabet",
    "Vi",
    "Der",
    "IT-afdelingen",
)
WORDS = (
    "og",
    "i",
    "på",
    "til",
    "for",
    "med",
    "om",
    "sygefravær",
    "måltal",
    "trivsel",
    "arbejdsmiljø",
    "kvartal",
    "budget",
    "økonomi",
    "orientering",
    "drøftelse",
    "medarbejdere",
    "ledere",
    "afdelingen",
    "processen",
    "2025",
    "1.000",
    "265.786",
    "8,1",
    "30/6-25",
    "kr.",
    "pct.",
    "bl.a.",
    "f.eks.",
    "–",
    "-",
    "&",
    "&amp;",
    "%",
    "(",
    ")",
    "(A)",
    ",",
    ".",
    ":",
    "?",
    "!",
    "”Train",
    "hard”",
    "*",
    "**",
    "_",
    "__init__",
    "#",
    "[",
    "]",
    "|",
    "\\",
    "`",
    "<b>",
    ">",
    "~",
    "+",
    "=",
    "Æ",
    "ø",
    "å",
)
COMMITTEE_LEVELS = ("HovedMED", "FagMED", "LokalMED", "AfdelingsMED")
FIRST_NAMES = ("Marie", "Jens", "Sofie", "Peter", "Mette", "Lars", "Birgitte", "Ahmed", "Lone")
LAST_NAMES = ("Aasøe", "Kjeldgaard", "Pilman", "Thastum", "Bendiksen", "Rønsch", "Gamborg-Kvist")


def _words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=max_size).map(" ".join)


@st.composite
def inline_text(draw: st.DrawFn, max_words: int = 12) -> str:
    """A line of body text: a safe first word, then anything, maybe a link."""
    parts = [draw(st.sampled_from(FIRST_WORDS)), draw(_words(0, max_words))]
    if draw(st.booleans()) and draw(st.booleans()):
        label = draw(st.sampled_from(("her", "læs mere", "Forside - dagsordener")))
        href = draw(st.sampled_from(("#", "https://vejle.dk/med", "https://x.dk/a_b?c=1&d=2")))
        parts.append(f"[{label}]({href})")
        parts.append(draw(_words(0, 3)))
    return " ".join(p for p in parts if p)


@st.composite
def title_text(draw: st.DrawFn) -> str:
    """Titles end in a letter, so a TOC's dot leaders cannot swallow anything."""
    return (
        f"{draw(inline_text(max_words=6))} {draw(st.sampled_from(('møde', 'status', 'Eventuelt')))}"
    )


def person_names() -> st.SearchStrategy[str]:
    return st.builds(
        lambda f, last: f"{f} {last}", st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)
    )


def distinct_names(max_size: int = 4) -> st.SearchStrategy[tuple[str, ...]]:
    def distinct(names: list[str]) -> tuple[str, ...]:
        kept: list[str] = []
        for name in names:
            if not any(names_match(name, k) for k in kept):
                kept.append(name)
        return tuple(kept)

    return st.lists(person_names(), max_size=max_size).map(distinct)


@st.composite
def list_items(draw: st.DrawFn, depth: int = 0) -> tuple[ListItem, ...]:
    count = draw(st.integers(1, 3))
    items = []
    for _ in range(count):
        children: tuple[ListItem, ...] = ()
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            children = draw(list_items(depth + 1))
        items.append(ListItem(draw(inline_text(max_words=6)), children))
    return tuple(items)


@st.composite
def table(draw: st.DrawFn) -> Table:
    columns = draw(st.integers(2, 4))
    rows = draw(st.integers(1, 3))
    return Table(
        tuple(tuple(draw(inline_text(max_words=3)) for _ in range(columns)) for _ in range(rows))
    )


@st.composite
def blocks(draw: st.DrawFn, headings: bool, min_size: int = 0) -> tuple[Block, ...]:
    choices: list[st.SearchStrategy[Block]] = [
        inline_text().map(Paragraph),
        st.builds(BulletList, list_items(), st.booleans()),
        table(),
    ]
    if headings:
        choices.append(inline_text(max_words=4).map(Heading))
    return tuple(draw(st.lists(st.one_of(choices), min_size=min_size, max_size=5)))


HEADINGS = {
    SectionKind.SUMMARY: ("Resumé", "Resume"),
    SectionKind.CASE: ("Sagsfremstilling", "Beskrivelse af sagen"),
    SectionKind.DECISION: ("Beslutning",),
    SectionKind.OTHER: ("Økonomi", "Baggrund", "Beslutningstema"),
}


def _clause(text: str) -> str:
    # A clause does not end in a word the reader takes as wrapped ("… legepladsen i" /
    # "Strandparken"): such a line after it would be read as the clause's end.
    if text.rsplit(None, 1)[-1] in CLAUSE_CANNOT_END:
        text += " møde"
    return f"at {text}"


@st.composite
def agenda_item(draw: st.DrawFn, number: int, headings: bool) -> AgendaItem:
    sections: list[Section] = []
    if draw(st.integers(0, 5)) == 0:
        # An unknown heading where a section must start opens a section, so a
        # headingless first section cannot start with a sub-heading.
        body = draw(blocks(headings, min_size=1))
        if isinstance(body[0], Heading):
            body = (Paragraph(draw(inline_text())), *body)
        sections.append(Section(SectionKind.OTHER, "", body))
    kinds = draw(st.lists(st.sampled_from(list(HEADINGS)), max_size=3))
    for kind in kinds:
        heading = draw(st.sampled_from(HEADINGS[kind]))
        sections.append(Section(kind, heading, draw(blocks(headings))))
    recommendation = None
    if draw(st.booleans()):
        clauses = draw(st.lists(inline_text(max_words=8).map(_clause), min_size=1, max_size=3))
        recommendation = Recommendation(draw(title_text()), tuple(clauses), draw(st.booleans()))
    if recommendation or draw(st.booleans()):
        headingless_first = bool(sections) and not sections[0].heading
        where = draw(st.integers(int(headingless_first), len(sections)))
        section = Section(SectionKind.RECOMMENDATION, "Indstilling", draw(blocks(headings)))
        sections.insert(where, section)
    attachments = tuple(Attachment(draw(title_text())) for _ in range(draw(st.integers(0, 3))))
    if attachments or draw(st.integers(0, 3)) == 0:
        sections.append(Section(SectionKind.ATTACHMENTS, "Bilag"))
    return AgendaItem(
        number=number,
        title=draw(title_text()),
        case_number=draw(st.none() | st.sampled_from(("81.16.00-G01-2-25", "81.38.05-P07-1-25"))),
        closed=draw(st.booleans()),
        sections=tuple(sections),
        recommendation=recommendation,
        attachments=attachments,
        absent=draw(distinct_names(2)),
        substitutes=draw(distinct_names(2)),
    )


@st.composite
def participants(draw: st.DrawFn) -> tuple[Participant, ...]:
    names = draw(distinct_names(5))
    titles = st.none() | st.sampled_from(("Afdelingschef for Økonomi & Stab", "AMR", "Konsulent"))
    return tuple(Participant(name, draw(titles)) for name in names)


@st.composite
def meeting_documents(draw: st.DrawFn, headings: bool = True) -> MeetingDocument:
    """A canonical document; ``headings=False`` for plain text, which has no sub-headings."""
    first = draw(st.integers(1, 40))
    numbers = draw(st.lists(st.integers(0, 5), min_size=1, max_size=5))
    item_numbers = [first + sum(numbers[: i + 1]) + i for i in range(len(numbers))]
    items = tuple(draw(agenda_item(n, headings)) for n in item_numbers)
    people = draw(participants())
    # Afbud first, then those listed as Fraværende: the order the header lines give.
    away = draw(distinct_names(4))
    split = draw(st.integers(0, len(away)))
    absent, absent_without_notice = away, away[split:]
    # Someone noted away under every open item is away from the meeting (the reader's rule).
    open_items = [item for item in items if not item.closed]
    if len(open_items) >= 2:
        throughout = [n for n in open_items[0].absent if all(n in i.absent for i in open_items[1:])]
        # (Printed as Afbud, so between the Afbud names and the Fraværende ones.)
        absent = merge_names(away[:split], throughout, away[split:])
    substitutes = merge_names(draw(distinct_names(2)), *(i.substitutes for i in items))
    present: tuple[str, ...] | None
    if people:
        # Members who came: neither away nor (the reader's rule) listed as a substitute.
        derived = tuple(
            p.name
            for p in people
            if not any(names_match(p.name, a) for a in (*absent, *substitutes))
        )
        present = draw(st.just(derived) | distinct_names(4))
    else:
        present = draw(st.none() | distinct_names(3))
    minute_taker = draw(st.none() | st.sampled_from([p.name for p in people] or ["Lone Pilman"]))
    start = draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)))
    end = draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)))
    toc = (
        tuple(TocEntry(item.title, draw(st.none() | st.integers(1, 99))) for item in items)
        if draw(st.booleans())
        else ()
    )
    # Decisions recorded make a document minutes, whatever its title says (issue 15).
    decided = any(s.kind == SectionKind.DECISION and s.blocks for i in items for s in i.sections)
    return MeetingDocument(
        kind=DocumentKind.MINUTES if decided else draw(st.sampled_from(DocumentKind)),
        committee=f"{draw(st.sampled_from(COMMITTEE_LEVELS))} {draw(title_text())}",
        meeting_date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))),
        start_time=start,
        end_time=end if start else None,
        location=draw(st.none() | title_text()),
        municipality=draw(st.none() | st.sampled_from(("Vejle Kommune", "Albertslund Kommune"))),
        participants=people,
        present=present,
        absent=absent,
        absent_without_notice=absent_without_notice,
        substitutes=substitutes,
        minute_taker=minute_taker,
        toc=toc,
        items=items,
    )
