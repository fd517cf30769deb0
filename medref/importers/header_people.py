"""The attendance lists in the part of minutes before the first item.

"Deltagere:" with one member a line or all on one line ("Jens Holm, 3F
(næstformand)", "Kirsten Bak - afbud", "Lise Dam: Deltog"), a member's role
or party on a line of its own under the name, "Afbud:" / "Fraværende:" (also
"Ingen", also "Tove Krag (A), sag 41-44"), substitutes. ``header`` decides
which list a line continues; the functions here add its names to the
``Header``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medref.documents import Participant

from . import cues
from . import vocabulary as vocab
from .attendance import parse_participants, split_names

if TYPE_CHECKING:
    from .header import Header

# The fields that hold people.
PEOPLE_FIELDS = frozenset(
    {"participants", "present", "absent", "absent_without_notice", "substitutes"}
)
LIST_MARKER = re.compile(r"^(?:[-•*–·]|\d{1,3}[.)])\s+")
# ", sag 41-44" / ", punkt 3 og 5" / " ved sag nr. 3" after an absent member's name.
ITEM_RANGE = re.compile(
    r"(?:,\s*|\s+(?:ved|under|i|fra)\s+)(?:behandlingen\s+af\s+)?(?:sag(?:erne|er)?|punkt(?:erne|er)?|pkt\.?)"
    r"\s*(?:nr\.?\s*)?(?P<numbers>\d[\d\s,og–-]*)\.?$",
    re.IGNORECASE,
)
# ", Suppleant for Hanne Brix" (perhaps with the member's own title after it).
_SUBSTITUTE_FOR_TAIL = re.compile(
    r",?\s*\(?(?:suppleant|stedfortræder)\s+for\s+(?P<absent>[^,]+?)\s*(?:,[^,]*)?$",
    re.IGNORECASE,
)
_STATUS_ENTRY = re.compile(
    r"^(?P<name>[^:()]{3,60}):\s*(?P<status>deltog|afbud|fraværende|forfald|udeblev)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_STATUS_SUBSTITUTE = re.compile(
    r"(?i:stedfortræder|suppleant)\s+(?P<name>[A-ZÆØÅ][\w'-]+(?:\s+[A-ZÆØÅ][\w'-]+)+)"
)
_PARTY_ALONE = re.compile(r"^\((?P<party>[A-ZÆØÅ]{1,3})\)$")
_PARTY_WORDS = frozenset({"løsgænger", "uden for partierne", "udenfor partierne"})
_INGEN = re.compile(r"^(?:ingen|-|–|ingen\.)$", re.IGNORECASE)


def numbers_in(text: str) -> list[int]:
    """ "41-44" -> [41, 42, 43, 44]; "3, 5 og 7" -> [3, 5, 7]."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|\bog\b)\s*", text.strip()):
        bounds = [int(n) for n in re.findall(r"\d+", part)]
        if len(bounds) == 2 and bounds[0] <= bounds[1] <= bounds[0] + 100:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


# "Bo Ravn (T)": a name with its party or role in brackets.
_NAME_IN_BRACKETS = re.compile(r"^[A-ZÆØÅ][\w.'-]*(?: [A-ZÆØÅ][\w.'-]*)+ \([^()]*\)$")


# "Personalechef", "HR-konsulent", "Centerchef for Børn og Unge": a job, not a name.
_ROLE_ENDINGS = (
    "chef", "direktør", "konsulent", "leder", "sekretær", "formand", "repræsentant",
    "medarbejder", "assistent", "koordinator", "rådgiver", "specialist", "fuldmægtig",
    # … and an organisation: "Ergoterapeutforeningen", "Socialpædagogerne".
    "forening", "foreningen", "forbund", "forbundet", "organisation", "erne",
)  # fmt: skip


def _one_person(text: str) -> bool:
    """ "Jens Holm, 3F (næstformand)", "Bent Agger, A": one person with a party or role.

    "Bo Ravn (T), Eva Dal (V)" (every part a name with its bracket) is a list.
    """
    parts = [p.strip() for p in re.split(r",(?![^(]*\))", text)]
    if len(parts) > 1 and all(_NAME_IN_BRACKETS.match(p.rstrip(".")) for p in parts):
        return False
    if len(parts) == 1 and " og " in text:
        named = split_names(text)  # "Jette Friis og Kim Lauridsen": two people
        if len(named) > 1 and all(cues.looks_like_name(n) for n in named):
            return False
    return all(
        len(p) <= 4 or "(" in p or p.casefold().rstrip(".") in vocab.ROLE_WORDS
        or cues.absent_mark(p)[1] or p.split()[0].casefold() in vocab.ROLE_WORDS
        or p.split()[0].casefold().endswith(_ROLE_ENDINGS) or not cues.looks_like_name(p)
        for p in parts[1:] if p
    )  # fmt: skip


def names_line(text: str) -> bool:
    """Whether a line below a list label ("Fraværende:") continues it with names."""
    text = LIST_MARKER.sub("", text)
    bracketed = [p.strip().rstrip(".") for p in re.split(r",(?![^(]*\))", text)]
    if len(bracketed) > 1 and all(_NAME_IN_BRACKETS.match(p) for p in bracketed):
        return True  # "Karen Holm (regionsdirektør), Peter Friis (direktør, Sundhed)."
    if _CAME_FOR.match(text.strip().rstrip(".")):
        return True  # "Sara Ibsen for Jette Friis": a substitute with the member she came for
    dashed = cues.NAME_DASH_ROLE.match(text) if " - " in text or " – " in text else None
    if dashed is not None and "," not in dashed["name"]:
        return cues.looks_like_name(dashed["name"])  # "Søren Aagaard - Leder Vej og Park"
    if _one_person(text):
        return cues.looks_like_name(text)
    parts = split_names(text)
    # "Sara Ibsen for Jette Friis": a substitute named with the member she came for.
    return bool(parts) and all(cues.looks_like_name(p) or _CAME_FOR.match(p) for p in parts)


def retract_last(header: Header, pending: str, name: str) -> None:
    """Take back the one-word ``name`` a list field's last line added."""
    if not name:
        return
    if pending == "participants" and header.participants and header.participants[-1].name == name:
        header.participants.pop()
    elif pending == "present" and header.present and header.present[-1] == name:
        header.present.pop()
    elif pending == "absent" and header.absent and header.absent[-1] == name:
        header.absent.pop()


_WRAPPED_NAME_END = re.compile(
    r"^(?P<name>[A-ZÆØÅ][\w'-]*)(?:\s*\((?P<role>[^()]*)\))?\s*(?:,(?P<tail>.*)|$)"
)


def wrapped_name(header: Header, pending: str, before: str, line: str) -> str | None:
    """ "…, Bent Ager, Sussi" / "Falk, Karin Thygesen": a comma list wrapped in the
    middle of a name (``before`` is the list's line above). The name's end is joined to
    its start and the rest of the line returned; None when the line does not carry on a
    wrapped name."""
    if "," not in before or before.rstrip().endswith(","):
        return None
    if "," not in line and (" " in line.strip() or not line.strip().isalpha()):
        return None  # only a list's last name can end alone on its line ("Aagaard")
    # "Krog (direktør, Børn og Unge), Helle Dam …": the name's end may carry its role.
    end = _WRAPPED_NAME_END.match(line.strip())
    if end is None:
        return None
    head, role, tail = end["name"], end["role"], end["tail"] or ""
    if pending == "present" and header.present and " " not in header.present[-1]:
        header.present[-1] = f"{header.present[-1]} {head}"
    elif pending == "absent" and header.absent and " " not in header.absent[-1]:
        header.absent[-1] = f"{header.absent[-1]} {head}"
    elif pending == "participants" and header.participants:
        last = header.participants[-1]
        if " " in last.name or last.title:
            return None
        header.participants[-1] = Participant(f"{last.name} {head}", role and role.strip())
        if header.present and header.present[-1] == last.name:
            header.present[-1] = header.participants[-1].name
    else:
        return None
    return tail.strip()


def member_status(header: Header, pending: str | None, line: str) -> bool:
    """ "Lise Dam: Deltog", "Karsten Øby: Afbud (Stedfortræder Mona Lee, …)": a member
    with what the minutes say of them."""
    if pending not in ("participants", "present") or ":" not in line:
        return False
    entry = _STATUS_ENTRY.match(line)
    if entry is None or not cues.looks_like_name(entry["name"]):
        return False
    name = entry["name"].strip()
    header.has_participant_list = True
    header.participants.append(Participant(name))
    if entry["status"].casefold() != "deltog":
        header.absent.append(name)
    substitute = _STATUS_SUBSTITUTE.search(entry["rest"])
    if substitute is not None:
        header.substitutes.append(substitute["name"].strip())
    return True


def member_detail(header: Header, pending: str | None, line: str) -> bool:
    """ "Formand" / "(A)" / "Løsgænger" on lines of their own under a member's name (a
    list printed one field a line): the member's role or party, not another member."""
    detail = _PARTY_ALONE.match(line)
    role = line.casefold().rstrip(".:") if detail is None else None
    if detail is None and role not in vocab.ROLE_WORDS and role not in _PARTY_WORDS:
        return False
    if pending in ("participants", "present") and header.participants:
        last = header.participants[-1]
        if last.name == line:
            return False
        title = detail["party"] if detail else line
        joined = f"{last.title}, {title}" if last.title else title
        header.participants[-1] = Participant(last.name, joined)
    return True  # under "Fraværende:" the party says nothing more


_CAME_FOR = re.compile(
    r"^(?P<name>[A-ZÆØÅ][\w'.-]+(?: [A-ZÆØÅ][\w'.-]+){1,3}) for "
    r"(?P<absent>[A-ZÆØÅ][\w'.-]+(?: [A-ZÆØÅ][\w'.-]+){1,3})$"
)
_SUBSTITUTE_ROLES = frozenset({"suppleant", "stedfortræder"})


def _participants(header: Header, value: str, *, one_per_line: bool) -> None:
    header.has_participant_list = True
    came_for = _CAME_FOR.match(value.strip().rstrip("."))
    if came_for is not None:
        # "Sara Ibsen for Jette Friis": a substitute, in the list in the member's place.
        header.substitutes.append(came_for["name"])
        header.absent.append(came_for["absent"])
        return
    if value.casefold().startswith("vakant"):
        return  # "Vakant - (FTF)": a seat nobody holds
    substitute_for = _SUBSTITUTE_FOR_TAIL.search(value) if one_per_line else None
    if substitute_for is not None:
        # "Kamma Lind (A), Suppleant for Tove Krag (A)": a substitute among the members.
        value = value[: substitute_for.start()]
        absent = substitute_for["absent"]
        if absent.count(")") > absent.count("("):
            absent = absent[: absent.rindex(")")]  # "(suppleant for Per Hviid)"
        name, _title = cues.person(absent)
        if name:
            header.absent.append(name)
    dashed = cues.NAME_DASH_ROLE.match(value) if " - " in value or " – " in value else None
    if (one_per_line and _one_person(value)) or (dashed and "," not in dashed["name"]):
        text, absent = cues.absent_mark(value)
        is_referent = vocab.REFERENT_SUFFIX.search(text) is not None
        text = vocab.REFERENT_SUFFIX.sub("", text)
        name, title = cues.person(text)
        if name and title and title.casefold().rstrip(".") in _SUBSTITUTE_ROLES:
            header.substitutes.append(name)  # "Tobias Egede - Suppleant." came for a member
            return
        if name:
            header.participants.append(Participant(name, title))
            if absent:
                header.absent.append(name)
            if substitute_for is not None:
                header.substitutes.append(name)
            if is_referent:
                header.minute_taker = header.minute_taker or name
        return
    participants, minute_taker = parse_participants(value)
    for participant in participants:
        came_for = _CAME_FOR.match(participant.name)
        if came_for is not None and participant.title is None:
            # "Sara Ibsen for Jette Friis": a substitute, in the list in the member's place.
            header.substitutes.append(came_for["name"])
            header.absent.append(came_for["absent"])
            continue
        if participant.name.casefold().startswith("vakant"):
            continue  # "Vakant - (FTF)": a seat nobody holds
        text, absent = cues.absent_mark(participant.name)
        name = text
        title = participant.title
        if "(" in text or absent:
            name, extra = cues.person(text)
            title = ", ".join(t for t in (extra, participant.title) if t) or None
        header.participants.append(Participant(name, title))
        if absent:
            header.absent.append(name)
        elif title and (standing_in := _STANDS_IN_FOR.search(title)) is not None:
            # "Ole Mark (TR, FOA, suppleant for Mia Dahl)": a substitute for a member.
            header.substitutes.append(name)
            header.absent.append(standing_in["member"].strip())
    header.minute_taker = header.minute_taker or minute_taker


def _people(value: str) -> list[str]:
    """The names of a comma list, without the organisation a name may have after it
    ("Per Hviid, DSR og Tove Lund": "DSR" is Per Hviid's union, nobody of its own)."""
    names = (cues.clean_name(v) for v in split_names(value))
    return [n for n in names if n and not (n.isupper() and len(n) <= 5 and " " not in n)]


def add_people(header: Header, name: str, value: str, *, one_per_line: bool = False) -> None:
    """A value of a field in ``PEOPLE_FIELDS``: its names added to the header."""
    if name == "absent_without_notice":
        # Read as any absent list; the names it adds are also noted as without notice.
        before = len(header.absent)
        add_people(header, "absent", value, one_per_line=one_per_line)
        header.absent_without_notice.extend(header.absent[before:])
        return
    if name == "participants":
        _participants(header, value, one_per_line=one_per_line)
    elif name in ("present", "absent", "substitutes") and one_per_line and _one_person(value):
        note = cues.SUBSTITUTE_NOTE.search(value)
        if note and name == "absent":
            header.substitutes.append(cues.clean_name(note["name"]))
        person = cues.clean_name(cues.SUBSTITUTE_NOTE.sub("", value))
        if name == "present":
            header.present = (header.present or []) + [person]
        else:
            (header.absent if name == "absent" else header.substitutes).append(person)
    elif name == "present":
        header.present = (header.present or []) + _people(value)
    elif name == "absent":
        if not _INGEN.match(value.strip()):
            for note in cues.SUBSTITUTE_NOTE.finditer(value):
                # "Afbud: Jens Holm (suppleant Aase Lund deltog)"
                header.substitutes.append(cues.clean_name(note["name"]))
            value = cues.SUBSTITUTE_NOTE.sub("", value)
            header.absent.extend(_people(value))
    elif name == "substitutes":
        header.substitutes.extend(_people(value))


# A member table with a column to tick ("Navn | Funktion | Deltog | Afbud", an "X" in one).
_ATTENDED_WORDS = frozenset({"deltog", "til stede", "tilstede", "fremmødt", "mødt", "deltager"})
_AWAY_WORDS = frozenset({"afbud", "fraværende", "ikke til stede", "meldt afbud"})


@dataclass(frozen=True)
class MarkColumns:
    name: int
    title: int | None
    attended: int | None
    away: int | None


def mark_columns(cells: list[str]) -> MarkColumns | None:
    """The columns of a member table's header row that has columns to tick."""
    keys = [cell.casefold().strip(" :*") for cell in cells]
    name = next((i for i, k in enumerate(keys) if k in ("navn", "medlem", "deltager")), None)
    attended = next((i for i, k in enumerate(keys) if k in _ATTENDED_WORDS), None)
    away = next((i for i, k in enumerate(keys) if k in _AWAY_WORDS), None)
    if name is None or (attended is None and away is None):
        return None
    title = next((i for i, k in enumerate(keys) if i not in (name, attended, away) and k), None)
    return MarkColumns(name, title, attended, away)


_STANDS_IN_FOR = re.compile(
    r"\b(?:suppleant|stedfortræder)\s+for\s+(?P<member>[A-ZÆØÅ][\w'-]+(?:\s+[A-ZÆØÅ][\w'-]+){0,3})"
)
_SUBSTITUTE_WORD = re.compile(r"\b(?:suppleant|stedfortræder)\b", re.IGNORECASE)
_TICKED_OFF = frozenset({"", "☐", "□", "-", "–"})
_GLYPHS = frozenset({"☒", "☑", "✓", "✔", "☐", "□"})
_JOB_ENDINGS = (
    "leder", "plejerske", "assistent", "hjælper", "konsulent", "chef", "direktør", "formand",
    "medarbejder", "repræsentant", "sekretær", "pædagog", "lærer", "terapeut",
)  # fmt: skip


def mark_words(line: str) -> MarkColumns | None:
    """ "Navn Funktion Til stede Afbud": such a header row as text, its columns by spaces;
    its rows end in a box a column ("Lene Krogh Centerleder ☒ ☐")."""
    key = line.casefold()
    if not key.startswith(("navn ", "medlem ")):
        return None
    attended = min((key.find(w) for w in _ATTENDED_WORDS if w in key), default=-1)
    away = min((key.find(w) for w in _AWAY_WORDS if w in key), default=-1)
    if attended < 0 or away < 0:
        return None
    first, second = (2, 3) if attended < away else (3, 2)
    return MarkColumns(0, 1, first, second)


def boxed_cells(line: str) -> list[str] | None:
    """ "Lene Krogh Centerleder (formand) ☒ ☐" as cells: name, function, the two boxes."""
    words = line.split()
    if len(words) < 4 or words[-1] not in _GLYPHS or words[-2] not in _GLYPHS:
        return None
    rest = words[:-2]
    count = 0
    while count < min(3, len(rest) - 1) and _name_word(rest[count]):
        count += 1
    if count < 2:
        return None
    return [" ".join(rest[:count]), " ".join(rest[count:]), words[-2], words[-1]]


def _name_word(word: str) -> bool:
    return (
        word[:1].isupper()
        and not word.isupper()
        and word.replace("-", "").isalpha()
        and not word.casefold().endswith(_JOB_ENDINGS)
    )


def marked_member(header: Header, columns: MarkColumns, cells: list[str]) -> bool:
    """One row of such a table: the member, their title, and which column is ticked."""
    if columns.name >= len(cells):
        return False
    name, role = cues.person(cells[columns.name])
    if not name or not cues.looks_like_name(name):
        return False

    def ticked(column: int | None) -> bool:
        return (
            column is not None and column < len(cells) and cells[column].strip() not in _TICKED_OFF
        )

    function = cells[columns.title].strip() if columns.title is not None else ""
    title = ", ".join(t for t in (function, role or "") if t) or None
    header.has_participant_list = True
    header.participants.append(Participant(name, title))
    if _SUBSTITUTE_WORD.search(function):
        header.substitutes.append(name)  # "Suppleant for Mette Kjeldsen, FOA"
    elif ticked(columns.away) and not ticked(columns.attended):
        header.absent.append(name)
    elif ticked(columns.attended):
        header.present = [*(header.present or []), name]
    return True
