"""Planning the committee's year: årshjul and mødeplan, follow-ups, klippekort.

The rules are pure functions in ``medref.planning.rules`` (no Django); the
app's models, actions (``services``), selectors and views build on them.
"""
