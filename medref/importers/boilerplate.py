"""Portal furniture: navigation, widgets, cookie notices, page numbers and contact
footers, which are never the minutes' own text."""

from __future__ import annotations

import re
from typing import Final

# Lines that are a portal's navigation or widgets, never content (casefolded, final ':' off).
BOILERPLATE: Final = frozenset(
    {
        "til toppen",
        "tilbage til toppen",
        "til top",
        "gå til toppen",
        "til indholdsfortegnelse",
        "tilbage til indholdsfortegnelse",
        "gå til indhold",
        "gå direkte til indhold",
        "gå til hovedindholdet",
        "spring til hovedindhold",
        "spring til indhold",
        "skip navigationen",
        "søg",
        "abonnér",
        "abonner",
        "udskriv",
        "kopier link",
        "kopier link til punktet",
        "kopiér link til punktet",
        "del punktet",
        "del siden",
        "tilgængelighedserklæring",
        "følg os på facebook",
        "følg os på linkedin",
        "følg os på instagram",
        "følg os på x",
        "følg os på twitter",
        "del denne side",
        "udskriv hele dagsordnen",
        "udskriv hele dagsordenen",
        "printvenlig version",
        "print",
        "hent som fil",
        "hent som pdf",
        "se alle bilag",
        "luk alle punkter",
        "luk alle punkter referat",
        "luk alle punkter dagsorden",
        "åbn alle punkter",
        "fold alle ud",
        "fold alle ind",
        "fold alle punkter",
        "tilbage til oversigt",
        "fold alle punkter ud",
        "forside",
        "del",
        "del på facebook",
        "tilbage",
        "læs mere",
    }
)


# Widget text standing before a heading: "fold dette punkt ind Resume".
UI_PREFIX: Final = re.compile(
    r"^(?:fold\s+dette\s+punkt\s+(?:ind|ud)|fold\s+(?:ind|ud)|vis\s+punkt|skjul\s+punkt)\s+",
    re.IGNORECASE,
)


_COOKIE: Final = re.compile(r"cookie", re.IGNORECASE)


# "Side 3 af 14", "Side 3", "- 3 -": page furniture in text exports.
# A browser's print footer: "Page 2 of 5", or the page's address with "2/5" after it.
PAGE_LINE: Final = re.compile(
    r"^(?:side(?:\s+nr\.?)?\s+(?:\d+(?:\s*(?:af|/)\s*\d+)?|[ivxlc]{1,6})|-\s*\d+\s*-"
    r"|page\s+\d+\s+of\s+\d+"
    r"|https?://\S+\s+(?:\d+\s*/\s*\d+|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}(?:,?\s+\d{1,2}[:.]\d{2})?)"
    # A browser's print header: the page's address cut short.
    r"|https?://\S+(?:\.\.\.|…))$",
    re.IGNORECASE,
)


def strip_ui(text: str) -> str:
    if "Klik her for at folde" in text:
        # "GodkendelseKlik her for at folde ud og læse mere om Godkendelse": a fold
        # button's hidden label glued to the title it opens.
        text = _FOLD_LABEL.sub("", text)
    return (
        UI_PREFIX.sub("", text)
        if text[:1] in "fFvVsS" and text[:4].lower() in ("fold", "vis ", "skju")
        else text
    )


_FOLD_LABEL: Final = re.compile(r"\s*Klik her for at folde (?:ud|ind)\b.*$")


# "application/pdf icon budget.pdf": a file widget's icon text before a download link.
_FILE_WIDGET: Final = re.compile(r"^(?:application|image|text)/[\w.+-]+\s+icon\b", re.IGNORECASE)


_TIME_SLOT: Final = re.compile(
    r"^\((?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*[-–]\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\)$"
)


# A page's contact footer: "Eksempel Kommune · Torvet 1 · Tlf. 56 00 00 00 | CVR 12345678".
_CONTACT_PART: Final = re.compile(
    r"(?:^|[·|•])\s*(?:tlf|telefon|cvr(?:-nr)?|ean|e-?mail|mail)\.?:?\s*\S", re.IGNORECASE
)


# "Udgivet 19. September 2022", "Sidst opdateret: 14.09.2016": when the page was put up.
_PUBLISHED: Final = re.compile(
    r"^(?:udgivet|publiceret|opdateret|sidst\s+opdateret|senest\s+opdateret|offentliggjort)"
    r"(?:\s+den)?\s*:?\s*(?:\d{1,2}\.?\s*\S+\s+\d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})"
    r"(?:,?\s+(?:kl\.?\s*)?\d{1,2}[.:]\d{2})?$"
)


_TOOL_TEXT: Final = re.compile(
    r"^(?:print|udskriv|hent|download|se|åbn|få)\s+(?:hele\s+)?"
    r"(?:(?:punkt(?:et)?|dagsorden(?:en)?|referat(?:et)?)(?:\s+(?:som|i)\s+(?:pdf|word))?"
    r"|(?:som|i)\s+(?:pdf|word))(?:[\s-]*format)?$"
)
_SEARCH_BOX: Final = re.compile(r"^søg(?:\s+(?:på|i|efter))?(?:\s+[\w.-]+\.(?:dk|com|net|org))?$")
# A line that is one link, its address allowed to hold brackets ("javascript:print()").
LINK_ALONE: Final = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<href>[^\s]*)\)")
# A link alone to the minutes as a file: "[Se referat fra møde nr. 187 i pdf format](…)".
_DOWNLOAD_LINK: Final = re.compile(
    r"^\[(?:se|hent|download|åbn|læs)\b[^\]]*\b(?:pdf|word|docx?)\b[^\]]*\]\([^()]*\)$",
    re.IGNORECASE,
)


def _link_row(text: str) -> bool:
    """ "Rådhuset · [Kontakt](/kontakt) · [Tilgængelighed](/…)": a site footer's row of
    links: short parts between dots or bars, two or more of them links."""
    parts = [part.strip() for part in re.split(r"\s[·|]\s", text)]
    return (
        len(parts) >= 3
        and sum(part.startswith("[") and part.endswith(")") for part in parts) >= 2
        and all(len(part) <= 80 for part in parts)
    )


def is_boilerplate(text: str) -> bool:
    """Navigation, widgets, cookie notices and page numbers: text that is not the minutes'."""
    if len(text) >= 600:
        return False
    if text[:2] in ("Du", "du", "DU") and text[:9].casefold() == "du er her":
        return True  # "Du er her: Forside › Politik › …": the breadcrumb and its label
    if text.count("›") >= 2 and text.count("](") >= 2:
        return True  # "[Forside](/) › [Politik](/politik/) › …": a breadcrumb
    if text[:1] == "[":
        if _DOWNLOAD_LINK.match(text):
            return True  # "[Se referatet i pdf format](/…/referat.pdf)": the file, not the text
        link = LINK_ALONE.fullmatch(text.strip())
        if link is not None and link["text"]:
            return is_boilerplate(link["text"])  # "[Gå direkte til indhold](#content)"
    if len(text) > 45:  # longer than any navigation line: a cookie notice or a file widget
        return (
            "ookie" in text
            or "OOKIE" in text
            or (text[:1] in "aitAIT" and _FILE_WIDGET.match(text) is not None)
            or (("·" in text or "|" in text) and _CONTACT_PART.search(text) is not None)
            or (("·" in text or "|" in text) and _link_row(text))
            or (text[:4] == "http" and PAGE_LINE.match(text.strip()) is not None)
        )
    key = text.strip().rstrip(":").strip().casefold()
    if key in BOILERPLATE or "cookie" in key or key.endswith(" logo"):
        return True  # "… Kommunes logo": a logo's alternative text
    if (" - " in key or " | " in key) and all(
        part.strip() in BOILERPLATE for part in re.split(r"\s[-|]\s", key)
    ):
        return True  # "Kopier link til punktet - Print": a row of a portal's tools
    if key[:1] == "(" and _TIME_SLOT.match(key):
        return True  # "(Kl. 13:30-13:40)": an item's time slot printed above it
    if key[:1] in "upos" and _PUBLISHED.match(key):
        return True
    if key[:1] in "puhdsåf" and _TOOL_TEXT.match(key):
        return True  # "Print punkt", "Hent dagsordenen som PDF": a portal's tools
    if key[:3] == "søg" and _SEARCH_BOX.match(key):
        return True  # "Søg på vesterlund.dk": a search box's label
    first = key[:1]
    return (first in "s-ph" and PAGE_LINE.match(key) is not None) or (
        first in "ait" and _FILE_WIDGET.match(key) is not None
    )
