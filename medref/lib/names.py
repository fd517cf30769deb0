"""Person names: normalisation, matching and slugs. Pure Python, no Django.

Minutes spell the same person slightly differently from one meeting to the
next ("Cathrin Borregaard Anderen" / "Andersen"), and an importer must not
turn a typo into a second person. But Danish first names differ by one
letter all the time ("Marie" / "Maria"), so the rule is deliberately narrow:

- compare casefolded, NFC-normalised, whitespace-split tokens;
- the token count must be equal and the first token (the first name) equal;
- every other token must be equal, or differ by one edit when both are at
  least ``MIN_FUZZY_LENGTH`` characters long (short surnames are too easily
  someone else's: "Lund" / "Lind").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MIN_FUZZY_LENGTH = 6

_DANISH_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def name_tokens(name: str) -> tuple[str, ...]:
    """The comparable tokens of a name: NFC, casefolded, split on whitespace."""
    return tuple(unicodedata.normalize("NFC", name).casefold().split())


def normalise_name(name: str) -> str:
    """A name as one comparable string ("  MARIE  Aasøe" -> "marie aasøe")."""
    return " ".join(name_tokens(name))


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    # Skip the common prefix; what is left must differ by one edit at its start.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _tokens_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < MIN_FUZZY_LENGTH or len(b) < MIN_FUZZY_LENGTH:
        return False
    return within_one_edit(a, b)


def names_match(a: str, b: str) -> bool:
    """Whether two spellings name the same person under the module's rule (symmetric)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if ta == tb:
        return True
    if len(ta) != len(tb) or not ta or ta[0] != tb[0]:
        return False
    return all(_tokens_match(x, y) for x, y in zip(ta[1:], tb[1:], strict=True))


def _distance(a: str, b: str) -> int:
    """How many tokens differ; used only to rank several fuzzy matches."""
    return sum(x != y for x, y in zip(name_tokens(a), name_tokens(b), strict=True))


def match_name(name: str, known: Iterable[str]) -> str | None:
    """The known name that ``name`` refers to, or None for a new person.

    An exact (normalised) match wins; among fuzzy matches the one with the
    fewest differing tokens, then the alphabetically first, so the answer
    does not depend on the order of ``known``.
    """
    wanted = normalise_name(name)
    candidates = [k for k in known if names_match(name, k)]
    if not candidates:
        return None
    exact = sorted(k for k in candidates if normalise_name(k) == wanted)
    if exact:
        return exact[0]
    return min(candidates, key=lambda k: (_distance(name, k), k))


def slugify(text: str) -> str:
    """An ASCII slug that keeps Danish letters readable ("Økonomi & Stab" -> "oekonomi-stab")."""
    ascii_text = (
        unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).translate(_DANISH_ASCII))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
