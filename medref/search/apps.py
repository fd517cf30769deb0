from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "medref.search"
    verbose_name = "Search"

    def ready(self) -> None:
        from medref.search import signals  # noqa: F401  (connects the receivers)
