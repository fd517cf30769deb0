"""The signature page that ends approved minutes' PDF and Word files.

One line per approval ("Frank Formand, 5. december 2026 kl. 12:36"), in the
order they were given, under "Godkendelse af referatet". The names and
times come from the approval recorded in the meeting's history; this module
only lays them out (pure, no Django).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

HEADING = "Godkendelse af referatet"
INTRO = "Referatet er godkendt af:"
# WeasyPrint: the page starts on a new sheet (print stylesheet only).
CSS = ".signature-page { break-before: page; } .signature-page li { margin-bottom: 0.6em; }"


@dataclass(frozen=True)
class Signature:
    name: str
    when: str  # already in Danish words, e.g. "5. december 2026 kl. 12:36"

    def line(self) -> str:
        return f"{self.name}, {self.when}"


def html(signatures: Sequence[Signature]) -> str:
    """The page as HTML for the PDF renderer ("" without signatures)."""
    if not signatures:
        return ""
    lines = "".join(f"<li>{escape(s.line())}</li>" for s in signatures)
    return (
        '<section class="signature-page" aria-labelledby="godkendelse">'
        f'<h2 id="godkendelse">{escape(HEADING)}</h2><p>{escape(INTRO)}</p>'
        f"<ul>{lines}</ul></section>"
    )
