"""Reading a decision's text: does it approve the previous meeting's minutes?

A decision on the next meeting's "Godkendelse af referat" item may approve
the previous meeting's draft minutes ("FagMED godkendte referatet."). Only
a plain, affirmative statement does: a negation ("godkendte referatet
ikke"), a question, a postponement, a condition or a reservation never
approves. When in doubt the answer is no, and the chair approves with the
button instead; a wrong yes would publish-ready minutes nobody approved.
"""

from __future__ import annotations

import re

# "godkendte/godkender/godkendes/godkendt … referat(et)" or
# "referat(et) … (blev/er) godkendt/godkendes", at most eight words apart.
_WORD = r"[^\W\d_][\w-]*"
_GAP = rf"(?:[\s,]+(?:{_WORD}|\d+)\.?){{0,8}}?"
_APPROVED = re.compile(
    rf"\bgodkend(?:te|er|es|t)\b{_GAP}[\s,]+referat(?:et)?\b"
    rf"|\breferat(?:et)?\b{_GAP}[\s,]+godkend(?:t|es|te)\b",
    re.IGNORECASE,
)

# Any of these anywhere in the decision makes it something else than a
# plain approval: negation, postponement, refusal, condition, reservation,
# or a statement about the future ("skal godkendes").
VETO_WORDS: frozenset[str] = frozenset(
    {
        # negation
        "ikke",
        "ej",
        "aldrig",
        "hverken",
        "ingenlunde",
        # postponement and refusal
        "udsat",
        "udsatte",
        "udsættes",
        "udsætter",
        "udsætte",
        "udskudt",
        "udskydes",
        "udskyder",
        "udskyde",
        "afventer",
        "afvente",
        "afventes",
        "senere",
        "næste",
        "afvist",
        "afviste",
        "afviser",
        "afvises",
        "forkastet",
        "forkastede",
        "forkaster",
        # condition
        "hvis",
        "såfremt",
        "forudsat",
        "forudsætning",
        "betinget",
        "betingelse",
        "når",
        # reservation
        "men",
        "dog",
        "undtagen",
        "bortset",
        "mangler",
        "delvis",
        "delvist",
        "forbehold",
        # future or possibility
        "kan",
        "kunne",
        "skal",
        "skulle",
        "vil",
        "ville",
        "bør",
        "burde",
    }
)

_WORDS = re.compile(r"[^\W\d_]+")


def approves_minutes(text: str) -> bool:
    """Whether ``text`` plainly says the minutes were approved.

    True for "FagMED godkendte referatet.", "Referatet blev godkendt.",
    "Referatet fra mødet d. 8. oktober godkendes."; False for any text
    with a question mark or a word of ``VETO_WORDS`` (case ignored), and
    for any text that does not say the minutes were approved.
    """
    if "?" in text:
        return False
    words = {w.casefold() for w in _WORDS.findall(text)}
    if words & VETO_WORDS:
        return False
    return _APPROVED.search(text) is not None
