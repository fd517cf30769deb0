"""The committee's year (årshjul, mødeplan), follow-ups from decisions, klippekort use.

The rules these rows feed are pure functions in ``medref.planning.rules``;
every write goes through ``medref.planning.services`` and leaves one
``PlanningEvent``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee, Membership, Municipality

from .rules.months import Month
from .rules.themes import Recurrence, ThemeRule


class ThemeRuleFields(models.Model):
    """A theme's title, text and recurrence rule (``rules.themes.ThemeRule``)."""

    title = models.CharField(_("title"), max_length=300)
    # The item's Sagsfremstilling when the theme is accepted onto an agenda (Markdown).
    text = models.TextField(_("text"), blank=True)
    recurrence = models.CharField(
        _("recurrence"),
        max_length=20,
        choices=[(r.value, r.value) for r in Recurrence],
        default=Recurrence.QUARTERLY.value,
    )
    quarters = models.JSONField(_("quarters"), default=list, blank=True)
    month = models.PositiveSmallIntegerField(_("month"), default=1)
    every_years = models.PositiveSmallIntegerField(_("every N years"), default=1)
    first_year = models.PositiveSmallIntegerField(_("first year"), default=2025)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def rule(self) -> ThemeRule:
        return ThemeRule(
            Recurrence(self.recurrence),
            quarters=frozenset(int(q) for q in self.quarters or []),
            month=self.month,
            every_years=self.every_years,
            first_year=self.first_year,
        )


class StandardTheme(ThemeRuleFields):
    """A theme of the municipality's standard MED årshjul, which a new committee starts from."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="standard_themes",
        verbose_name=_("municipality"),
    )

    class Meta:
        ordering = ["municipality", "position", "pk"]
        verbose_name = _("standard theme")
        verbose_name_plural = _("standard themes")


class AnnualPlan(models.Model):
    """A committee's year: its mødeplan (``PlannedMeeting``) and themes (``Theme``)."""

    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="annual_plans",
        verbose_name=_("committee"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["committee", "year"]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="annual_plan_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}"


class Theme(ThemeRuleFields):
    """A recurring theme of one committee's year."""

    plan = models.ForeignKey(
        AnnualPlan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("annual plan")
    )

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class PlannedMeeting(models.Model):
    """A date of the mødeplan; ``meeting`` once the meeting is created from it.

    ``uid`` and ``sequence`` are the iCal event's identity and revision: the
    UID never changes, the sequence goes up with every change.
    """

    plan = models.ForeignKey(
        AnnualPlan,
        on_delete=models.CASCADE,
        related_name="planned_meetings",
        verbose_name=_("annual plan"),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned",
        verbose_name=_("meeting"),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    uid = models.CharField(_("calendar UID"), max_length=100, unique=True)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["plan", "date"]
        verbose_name = _("planned meeting")
        verbose_name_plural = _("planned meetings")
        constraints = [
            models.UniqueConstraint(fields=["plan", "date"], name="planned_meeting_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.committee} {self.date:%Y-%m-%d}"


class FollowUp(models.Model):
    """A promise from a decision, from its proposal to the item that treats it.

    ``due_month`` is the first day of the month it can be taken up, None for
    the next meeting or an unspecified coming one.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Foreslået")
        DISMISSED = "dismissed", _("Afvist")
        OPEN = "open", _("Åben")
        ON_AGENDA = "on_agenda", _("På en dagsorden")
        DONE = "done", _("Behandlet")
        DROPPED = "dropped", _("Opgivet")

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="followups", verbose_name=_("committee")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="followups",
        verbose_name=_("from meeting"),
    )
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("from item"),
    )
    item_number = models.PositiveIntegerField(_("item number"))
    item_title = models.TextField(_("item title"), blank=True)
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    text = models.TextField(_("text"))
    condition = models.TextField(_("condition"), blank=True)
    due_month = models.DateField(_("due month"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    from_archive = models.BooleanField(_("from the archive"), default=False)
    target_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="treats_followups",
        verbose_name=_("treated in item"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["committee", "due_month", "meeting__meeting_date", "item_number", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "item_number", "text"], name="followup_unique_sentence"
            ),
        ]
        indexes = [models.Index(fields=["committee", "status"], name="followup_committee_status")]

    def __str__(self) -> str:
        return self.text

    @property
    def due(self) -> Month | None:
        return None if self.due_month is None else Month.of(self.due_month)

    @property
    def due_code(self) -> str:
        due = self.due
        return "next" if due is None else due.code

    def overdue(self, today: dt.date, last_meeting: dt.date | None = None) -> bool:
        """Still open although its month has passed, or, for "next", although a later
        meeting (the committee's ``last_meeting`` before today) was held without it."""
        if self.status != self.Status.OPEN:
            return False
        if self.due_month is None:
            day = self.meeting.meeting_date  # None: undated (imported), never overdue
            return last_meeting is not None and day is not None and last_meeting > day
        return Month.of(self.due_month) < Month.of(today)


class AgendaProposal(models.Model):
    """What the agenda's builder answered to a proposed theme or follow-up: remembered."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepteret")
        DISMISSED = "dismissed", _("Afvist")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_proposals",
        verbose_name=_("meeting"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("theme"),
    )
    followup = models.ForeignKey(
        FollowUp,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("follow-up"),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("item"),
    )

    class Meta:
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "theme"], name="proposal_unique_theme"),
            models.UniqueConstraint(
                fields=["meeting", "followup"], name="proposal_unique_followup"
            ),
            models.CheckConstraint(
                condition=models.Q(theme__isnull=True) ^ models.Q(followup__isnull=True),
                name="proposal_theme_xor_followup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.theme or self.followup}"


class KlippekortUsage(models.Model):
    """Days of a member's klippekort used on one day."""

    class Kind(models.TextChoices):
        THEME_DAY = "theme_day", _("Fælles temadag")
        COURSE = "course", _("Individuelt kursus")
        STATUTORY = "statutory", _("Lovpligtig efteruddannelse")

    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="klippekort_usages",
        verbose_name=_("membership"),
    )
    day = models.DateField(_("day"))
    days = models.DecimalField(_("days"), max_digits=4, decimal_places=1, default=Decimal(1))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["membership", "day", "pk"]
        verbose_name = _("klippekort use")
        verbose_name_plural = _("klippekort uses")

    def __str__(self) -> str:
        return f"{self.membership}: {self.days} ({self.day:%Y-%m-%d})"

    @property
    def fraction(self) -> Fraction:
        return Fraction(str(self.days))


class KlippekortRuleSet(models.Model):
    """A municipality's own klippekort rules (``rules.klippekort.KlippekortRules.to_data``)."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="klippekort_rules",
        verbose_name=_("municipality"),
    )
    rules = models.JSONField(_("rules"))

    class Meta:
        verbose_name = _("klippekort rules")
        verbose_name_plural = _("klippekort rules")

    def __str__(self) -> str:
        return str(self.municipality)

    def clean(self) -> None:
        """Rules that ``KlippekortRules.from_data`` refuses are refused here, by field."""
        from django.core.exceptions import ValidationError

        from .rules.klippekort import KlippekortRules, RulesError

        if not isinstance(self.rules, dict):
            raise ValidationError({"rules": "Reglerne skal være et JSON-objekt."})
        try:
            KlippekortRules.from_data(self.rules)
        except RulesError as exc:
            raise ValidationError({"rules": str(exc)}) from None


class PlanningEvent(models.Model):
    """One thing someone did to a committee's plan, follow-ups or klippekort."""

    class Action(models.TextChoices):
        PLAN_CREATED = "plan_created", _("Årshjul oprettet")
        PLAN_COPIED = "plan_copied", _("Årshjul kopieret til næste år")
        THEME_SAVED = "theme_saved", _("Tema gemt")
        THEME_REMOVED = "theme_removed", _("Tema fjernet")
        PLANNED_MEETING_SAVED = "planned_meeting_saved", _("Mødedato gemt")
        PLANNED_MEETING_CANCELLED = "planned_meeting_cancelled", _("Mødedato aflyst")
        MEETINGS_CREATED = "meetings_created", _("Møder oprettet fra mødeplanen")
        FOLLOWUPS_PROPOSED = "followups_proposed", _("Opfølgninger foreslået")
        FOLLOWUP_ACCEPTED = "followup_accepted", _("Opfølgning accepteret")
        FOLLOWUP_DISMISSED = "followup_dismissed", _("Opfølgning afvist")
        FOLLOWUP_STATUS = "followup_status", _("Opfølgningens status ændret")
        PROPOSAL_ACCEPTED = "proposal_accepted", _("Forslag sat på dagsordenen")
        PROPOSAL_DISMISSED = "proposal_dismissed", _("Forslag afvist på dagsordenen")
        KLIPPEKORT_USED = "klippekort_used", _("Klippekortdage brugt")
        MEMBERSHIP_TRAINING = (
            "membership_training",
            _("Medlemskabets uddannelsesoplysninger ændret"),
        )
        YEAR_PDF_ATTACHED = "year_pdf_attached", _("Årshjul vedhæftet som bilag")
        STANDARD_THEME_SAVED = "standard_theme_saved", _("Standardtema gemt")
        STANDARD_THEME_REMOVED = "standard_theme_removed", _("Standardtema slettet")
        KLIPPEKORT_RULES_SAVED = "klippekort_rules_saved", _("Klippekortregler ændret")

    # A committee's event; the municipality's standards (standard årshjul,
    # klippekort rules) have no committee, only ``municipality``.
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="planning_events",
        verbose_name=_("committee"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="planning_events",
        verbose_name=_("municipality"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planning_events",
        verbose_name=_("meeting"),
    )
    followup = models.ForeignKey(
        FollowUp,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("follow-up"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planning_events",
        verbose_name=_("done by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["committee", "at", "pk"]
        verbose_name = _("planning event")
        verbose_name_plural = _("planning events")

    def __str__(self) -> str:
        where = self.committee or self.municipality
        return f"{self.get_action_display()} ({where}, {self.at:%Y-%m-%d %H:%M})"
