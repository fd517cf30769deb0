"""medref's standard MED årshjul, for a municipality that has not written its own.

Document text as committees write it (Danish in every installation), hence
not translated. A municipality administrator replaces it with the
municipality's own (``StandardTheme`` rows, in the admin).
"""

from __future__ import annotations

from typing import Any

STANDARD_THEMES: tuple[dict[str, Any], ...] = (
    {
        "title": "Sygefravær",
        "text": "Orientering om sygefraværet for de seneste fire kvartaler (rullende).",
        "recurrence": "quarterly",
        "position": 0,
    },
    {
        "title": "Økonomi",
        "text": "Orientering om den økonomiske situation.",
        "recurrence": "quarters",
        "quarters": [2, 4],
        "position": 1,
    },
    {
        "title": "Den årlige arbejdsmiljødrøftelse",
        "text": "Udvalget gennemfører den årlige arbejdsmiljødrøftelse.",
        "recurrence": "yearly",
        "month": 3,
        "position": 2,
    },
    {
        "title": "APV",
        "text": "Arbejdspladsvurdering: plan, resultater og handleplaner.",
        "recurrence": "every_n_years",
        "every_years": 3,
        "first_year": 2026,
        "month": 4,
        "position": 3,
    },
    {
        "title": "Trivselsmåling",
        "text": "Resultater af trivselsmålingen og opfølgning.",
        "recurrence": "every_n_years",
        "every_years": 2,
        "first_year": 2026,
        "month": 9,
        "position": 4,
    },
    {
        "title": "Budget",
        "text": "Budgetproces og budget for det kommende år.",
        "recurrence": "month",
        "month": 9,
        "position": 5,
    },
    {
        "title": "Evaluering af MED-samarbejdet",
        "text": "Udvalget evaluerer samarbejdet i MED-udvalget.",
        "recurrence": "yearly",
        "month": 11,
        "position": 6,
    },
    {
        "title": "Anvendelse af klippekortmodulet",
        "text": "Udvalget drøfter anvendelse af klippekortmodulet for det kommende år.",
        "recurrence": "yearly",
        "month": 9,
        "position": 7,
    },
    {
        "title": "Mødeplan og årshjul for næste år",
        "text": "Udkast til mødeplan og årshjul for næste år gennemgås og godkendes.",
        "recurrence": "quarters",
        "quarters": [4],
        "position": 8,
    },
)
