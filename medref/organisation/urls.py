"""The administrator's committee and membership pages (web:organisation:…)."""

from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    # Not under udvalg/<municipality>/: "nyt" could be a committee's slug there.
    path(
        "kommuner/<slug:municipality>/udvalg/nyt/",
        views.create_committee,
        name="create_committee",
    ),
    path(
        "udvalg/<slug:municipality>/<slug:slug>/rediger/",
        views.edit_committee,
        name="edit_committee",
    ),
    path(
        "udvalg/<slug:municipality>/<slug:slug>/medlemmer/ny/",
        views.add_membership,
        name="add_membership",
    ),
    path("medlemskaber/<int:pk>/afslut/", views.end_membership, name="end_membership"),
    path("medlemskaber/<int:pk>/ret/", views.edit_membership, name="edit_membership"),
]
