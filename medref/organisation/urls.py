"""The administrator's membership pages (web:organisation:…)."""

from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path(
        "udvalg/<slug:municipality>/<slug:slug>/medlemmer/ny/",
        views.add_membership,
        name="add_membership",
    ),
    path("medlemskaber/<int:pk>/afslut/", views.end_membership, name="end_membership"),
]
