"""Read-only pages: the committee tree, a committee, a meeting's minutes."""

from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("udvalg/<slug:slug>/", views.committee, name="committee"),
    path(
        "udvalg/<slug:municipality>/<slug:slug>/",
        views.committee,
        name="committee_in_municipality",
    ),
    path("moeder/<int:pk>/", views.meeting, name="meeting"),
]
