"""Read-only pages: the committee tree, a committee, a meeting's minutes and their files."""

from django.urls import include, path

from medref.search import views as search_views

from . import health, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("sundhed/", health.health, name="health"),
    path("udvalg/<slug:slug>/", views.committee, name="committee"),
    path(
        "udvalg/<slug:municipality>/<slug:slug>/",
        views.committee,
        name="committee_in_municipality",
    ),
    path("moeder/<int:pk>/", views.meeting, name="meeting"),
    path("moeder/<int:pk>/hent.<str:fmt>", views.download, name="download"),
    # The agenda and minutes editor (web:meetings:…), under /moeder/ too.
    path("", include("medref.meetings.urls")),
    # The administrator's membership pages (web:organisation:…).
    path("", include("medref.organisation.urls")),
    # Årshjul, mødeplan, follow-ups and klippekort (web:planning:…).
    path("", include("medref.planning.urls")),
    # Sygefravær (web:absence:…).
    path("", include("medref.absence.urls")),
    # Calendars, afbud, notes and comments (web:participation:…).
    path("", include("medref.participation.urls")),
    # E-mail preferences, unsubscribe, citizens' subscriptions (web:notifications:…).
    path("", include("medref.notifications.urls")),
    path("soeg/", search_views.search_page, name="search"),
    path("soeg/historik/", search_views.case_history_page, name="case_history"),
]
