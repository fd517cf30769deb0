"""The standard wording of agendas and minutes, in one table.

This is document text, as the committees write it (Danish in every
installation), not interface text; hence not translated.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StandardItem:
    title: str
    # The Sagsfremstilling; ``{previous}`` is replaced by the sentence
    # pointing to the previous meeting's minutes.
    case_text: str
    # The phrasing usually decided on (offered first in the minutes editor).
    decision: str | None = None


APPROVE_AGENDA = "Godkendelse af dagsorden"
APPROVE_MINUTES = "Godkendelse af referat"
ANY_OTHER_BUSINESS = "Eventuelt"

# New agendas start with these, in this order; new items go before Eventuelt.
STANDARD_ITEMS: tuple[StandardItem, ...] = (
    StandardItem(APPROVE_AGENDA, "Godkendelse af dagsorden.", "godkendte dagsordenen"),
    StandardItem(APPROVE_MINUTES, "{previous}", "godkendte referatet"),
    StandardItem(
        "Orientering fra formand og næstformand",
        "Formanden og næstformanden orienterer om aktuelle punkter.",
        "tog orienteringen til efterretning",
    ),
    StandardItem(ANY_OTHER_BUSINESS, "", None),
)

PREVIOUS_MINUTES = "Referat fra mødet d. {date} godkendes. Referatet kan læses [her]({url})."
NO_PREVIOUS_MINUTES = "Referat fra seneste møde godkendes."

# Decision phrasings offered in the minutes editor; the committee's level
# ("FagMED") is the subject: "FagMED godkendte dagsordenen."
DECISION_PHRASES: tuple[str, ...] = (
    "tog orienteringen til efterretning",
    "godkendte dagsordenen",
    "godkendte referatet",
    "godkendte indstillingen",
    "godkendte indstillingen med følgende bemærkninger:",
    "drøftede sagen",
)

# A decision on the "Godkendelse af referat" item that approves the
# previous meeting's minutes contains this.
MINUTES_APPROVED_PHRASE = "godkendte referatet"


def decision_sentence(subject: str, phrase: str) -> str:
    """ "FagMED godkendte dagsordenen." from a subject and a phrasing."""
    sentence = f"{subject} {phrase}"
    return sentence if sentence.endswith((".", ":")) else sentence + "."


def standard_decision(title: str) -> str | None:
    """The phrasing usually decided on for a standard item's title."""
    return next((s.decision for s in STANDARD_ITEMS if s.title == title), None)
