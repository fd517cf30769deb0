"""The planning rows in the Django admin. The municipality's standard årshjul and
klippekort rules have their own pages too (``views.standards``), which record
their history; everything else is edited only on medref's pages."""

from django.contrib import admin

from .models import FollowUp, KlippekortRuleSet, PlanningEvent, StandardTheme


@admin.register(StandardTheme)
class StandardThemeAdmin(admin.ModelAdmin[StandardTheme]):
    list_display = ["title", "recurrence", "quarters", "month", "every_years", "municipality"]
    list_filter = ["municipality", "recurrence"]
    ordering = ["municipality", "position"]


@admin.register(KlippekortRuleSet)
class KlippekortRuleSetAdmin(admin.ModelAdmin[KlippekortRuleSet]):
    list_display = ["municipality"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin[FollowUp]):
    list_display = ["text", "committee", "due_month", "status", "from_archive"]
    list_filter = ["status", "from_archive", "committee"]
    search_fields = ["text"]
    raw_id_fields = ["meeting", "item", "target_item"]


@admin.register(PlanningEvent)
class PlanningEventAdmin(admin.ModelAdmin[PlanningEvent]):
    list_display = ["action", "committee", "municipality", "actor", "at"]
    list_filter = ["action", "committee", "municipality"]
    readonly_fields = [
        "committee",
        "municipality",
        "meeting",
        "followup",
        "actor",
        "at",
        "action",
        "details",
    ]
