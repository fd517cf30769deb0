"""Hypothesis strategies for MeetingDocuments the database must store exactly.

Text is printable, single-line, Danish-ish and without leading or trailing
spaces; names within one meeting-level list are unique (the mapping's
definition of a valid document).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from medref.documents.model import (
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

COMMITTEE = "FagMED Økonomi"
MUNICIPALITY = "Vejle Kommune"

_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789 .,:;-–'\"()&/?!§%"


def text(max_size: int = 40) -> st.SearchStrategy[str]:
    """One line of text, stripped, possibly empty."""
    return st.text(alphabet=_ALPHABET, max_size=max_size).map(lambda s: " ".join(s.split()))


def words(max_size: int = 40) -> st.SearchStrategy[str]:
    """Like ``text`` but never empty."""
    return text(max_size).filter(bool)


# A small pool so lists overlap (someone both a participant and absent) and
# typos of each other are likely, which exercises name matching.
NAMES = (
    "Marie Aasøe",
    "Maria Aasøe",
    "Maria Schwartz Sauer",
    "Cathrin Borregaard Andersen",
    "Cathrin Borregaard Anderen",
    "Lars Kragh Hansen",
    "Joan Bendiksen",
    "Morten Michaelsen",
    "Birgitte Lund",
    "Pernille Løvendahl Carlsen",
)
names = st.one_of(st.sampled_from(NAMES), words(30))
unique_names = st.lists(names, max_size=5, unique=True).map(tuple)


def list_items(depth: int = 2) -> st.SearchStrategy[ListItem]:
    children = st.lists(list_items(depth - 1), max_size=2).map(tuple) if depth else st.just(())
    return st.builds(ListItem, text=text(), children=children)


blocks: st.SearchStrategy[Block] = st.one_of(
    st.builds(Paragraph, text=text(80)),
    st.builds(Heading, text=words()),
    st.builds(
        BulletList,
        items=st.lists(list_items(), min_size=1, max_size=3).map(tuple),
        ordered=st.booleans(),
    ),
    st.integers(1, 3).flatmap(
        lambda width: st.builds(
            Table,
            rows=st.lists(
                st.lists(text(15), min_size=width, max_size=width).map(tuple),
                min_size=1,
                max_size=3,
            ).map(tuple),
        )
    ),
)

sections = st.builds(
    Section,
    kind=st.sampled_from(SectionKind),
    heading=words(),
    blocks=st.lists(blocks, max_size=3).map(tuple),
)

recommendations = st.builds(
    Recommendation,
    proposer=text(),
    clauses=st.lists(text(), max_size=3).map(tuple),
    numbered=st.booleans(),
)

attachments = st.builds(
    Attachment, title=text(), file=st.one_of(st.none(), st.just("bilag/budget.pdf"))
)


def items() -> st.SearchStrategy[AgendaItem]:
    return st.builds(
        AgendaItem,
        number=st.integers(1, 999),
        title=text(),
        case_number=st.one_of(st.none(), st.just(""), st.just("81.38.05-G01-4-24")),
        closed=st.booleans(),
        sections=st.lists(sections, max_size=3).map(tuple),
        recommendation=st.one_of(st.none(), recommendations),
        attachments=st.lists(attachments, max_size=2).map(tuple),
        # Per item, repeats are allowed: the document is stored as written.
        absent=st.lists(names, max_size=2).map(tuple),
        substitutes=st.lists(names, max_size=2).map(tuple),
    )


times = st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0)))


@st.composite
def documents(draw: st.DrawFn) -> MeetingDocument:
    """Any valid document of the committee ``COMMITTEE`` in ``MUNICIPALITY``."""
    participant_names = draw(unique_names)
    item_list = draw(st.lists(items(), max_size=4, unique_by=lambda i: i.number))
    return MeetingDocument(
        kind=draw(st.sampled_from(DocumentKind)),
        committee=COMMITTEE,
        meeting_date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))),
        start_time=draw(times),
        end_time=draw(times),
        location=draw(st.one_of(st.none(), text())),
        municipality=draw(st.sampled_from([None, MUNICIPALITY])),
        participants=tuple(
            Participant(name=n, title=draw(st.one_of(st.none(), text()))) for n in participant_names
        ),
        present=draw(st.one_of(st.none(), unique_names)),
        absent=draw(unique_names),
        substitutes=draw(unique_names),
        minute_taker=draw(st.one_of(st.none(), names)),
        toc=tuple(
            draw(
                st.lists(
                    st.builds(
                        TocEntry, title=text(), page=st.one_of(st.none(), st.integers(1, 99))
                    ),
                    max_size=3,
                )
            )
        ),
        items=tuple(item_list),
    )
