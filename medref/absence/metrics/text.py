"""Numbers as a Danish reader reads them, and the drafted Sagsfremstilling."""

from __future__ import annotations

from .periods import Kind, describe, quarter_name
from .report import Report

DASH = "–"


def number(value: float | None, decimals: int = 1) -> str:
    """``8,1``; thousands with a point (``1.234,5``); None as a dash."""
    if value is None:
        return DASH
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(share: float | None) -> str:
    """A share 0..1 as whole per cent: ``43 pct.``."""
    return DASH if share is None else f"{number(share * 100, 0)} pct."


def draft(report: Report) -> str:
    """The Sagsfremstilling in the committees' own phrasing, from the figures.

    The secretary edits it before the agenda is sent.
    """
    f = report.figures
    if f is None or f.days_per_fte is None:
        return (
            "Sygefraværet kan ikke vises for perioden "
            f"{describe(report.period)}, da færre end fem medarbejdere er omfattet."
        )
    sentences: list[str] = []
    if report.period.kind is Kind.ROLLING:
        sentences.append("Sygefraværet opgøres rullende for de seneste fire kvartaler.")
    sentences.append(f"Orienteringen her omhandler perioden {describe(report.period)}.")
    headline = (
        f"Sygefraværet er opgjort til {number(f.days_per_fte)} dage pr. medarbejder i gennemsnit"
    )
    before = report.previous_figures.days_per_fte if report.previous_figures else None
    trend = report.trend
    if before is not None and trend is not None:
        if report.period.kind is Kind.ROLLING:
            source = f"opgørelsen fra {quarter_name(report.previous)}"
        else:
            source = describe(report.previous)
        if round(trend, 1) == 0:
            headline += f", uændret i forhold til {source} ({number(before)} dage)"
        else:
            change = "et fald" if trend < 0 else "en stigning"
            headline += (
                f", {change} på {number(abs(trend))} dage i forhold til {source} "
                f"({number(before)} dage)"
            )
    sentences.append(headline + ".")
    if f.long_share is not None:
        sentences.append(
            f"Langtidssygefraværet udgør {percent(f.long_share)} af det samlede sygefravær."
        )
    if report.target is not None:
        target = f"Måltallet er {number(report.target)} fraværsdage pr. medarbejder"
        met = report.target_met
        if met is not None:
            target += ", og det er nået" if met else ", og det er ikke nået"
        sentences.append(target + ".")
    return " ".join(sentences)
