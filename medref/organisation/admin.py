from django.contrib import admin

from .models import Committee, Membership, Municipality, Person


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "municipality"]
    list_filter = ["municipality", "level"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "user", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "email"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "committee", "role", "side", "title", "start", "end"]
    list_filter = ["role", "side", "committee__municipality"]
    search_fields = ["person__name", "committee__name"]
    autocomplete_fields = ["person", "committee"]
