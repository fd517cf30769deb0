from django.contrib import admin

from .models import MunicipalityAdministrator


@admin.register(MunicipalityAdministrator)
class MunicipalityAdministratorAdmin(admin.ModelAdmin[MunicipalityAdministrator]):
    list_display = ["user", "municipality"]
    list_filter = ["municipality"]
    autocomplete_fields = ["user", "municipality"]
