"""The meeting workflow: every edit of an agenda or minutes, one function per action.

planned → agenda_sent → held → minutes_draft → minutes_approved → published.
``agenda`` builds the agenda (planned meetings only) and sends it;
``minutes`` records attendance and decisions and moves the minutes through
approval to publishing. Each function checks the actor's permission
(``medref.accounts.permissions``), runs in one transaction and records a
``MeetingEvent``; a refused action raises a ``WorkflowError`` whose message
is written for the user and leaves nothing behind.
"""
