"""Sickness-absence metrics (issue 18): pure, Django-free, strictly typed.

``calendar`` (working days), ``periods`` (month, quarter, year, R4Q, ranges),
``model`` (facts and settings), ``engine`` (day-indexed sums), ``privacy``
(folding small units), ``report`` (one scope and period), ``text`` (Danish
numbers and the drafted Sagsfremstilling), ``charts`` (SVG).
"""
