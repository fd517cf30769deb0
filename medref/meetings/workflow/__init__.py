"""The meeting workflow: every edit of an agenda or minutes, one function per action.

planned → agenda_sent → held → minutes_draft → minutes_approved → published.
``agenda`` builds the agenda (planned meetings only), ``sections`` an item's
contents, ``minutes`` attendance and decisions, ``steps`` the status steps
(send, held, draft, approve, publish) in one table that the buttons use too,
``review`` the check of an imported meeting.

Every action has the same shape: ``action(subject, …, *, actor, …)`` with
``actor: AnyUser | None`` (the user; None for the system, e.g. an import or
the command line) as a keyword. It checks the actor's right once
(``common.allow``: ``PermissionDenied``, a 403 in views), runs in one
transaction, records one ``MeetingEvent`` (actor, time, and before → after in
its details) and re-indexes for search what it changed, in that transaction
(``medref.search.services.index_item`` / ``index_meeting``; no signal). A
refused action raises a ``WorkflowError`` whose message is written for the
user and leaves nothing behind. Views, the CLI and the API call these
functions and do not check the right a second time before them.
"""
