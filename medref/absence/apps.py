from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbsenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "medref.absence"
    verbose_name = _("Sickness absence")
