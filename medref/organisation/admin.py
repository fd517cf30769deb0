from django.contrib import admin

from .models import Committee, Membership, MembershipChange, Municipality, Person


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin[Committee]):
    list_display = ["name", "level", "parent", "municipality"]
    list_filter = ["municipality", "level"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["name", "email", "user", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "email"]
    # The login whose roles are this person's memberships.
    autocomplete_fields = ["user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["person", "committee", "role", "side", "title", "start", "end"]
    list_filter = ["role", "side", "committee__municipality"]
    search_fields = ["person__name", "committee__name"]
    autocomplete_fields = ["person", "committee"]


@admin.register(MembershipChange)
class MembershipChangeAdmin(admin.ModelAdmin[MembershipChange]):
    list_display = ["at", "kind", "membership", "actor"]
    list_filter = ["kind"]
    # History is written by the services only.
    readonly_fields = ["membership", "kind", "actor", "at"]

    def has_add_permission(self, request: object) -> bool:
        return False
