"""The planning rules as pure functions: no Django, strictly typed.

- ``months``: a calendar month as a value (``Month``), the unit of every due date;
- ``followups``: promises found in decision text ("sættes på igen i januar");
- ``themes``: when an årshjul theme is due (every meeting, quarters, month, years);
- ``klippekort``: training-day entitlements per function year, rules as data.
"""
