"""The Sygefravær pages (web:absence:…), included under the site root."""

from django.urls import path

from . import views

app_name = "absence"

urlpatterns = [
    path(
        "udvalg/<slug:municipality>/<slug:slug>/sygefravaer/",
        views.committee_absence,
        name="committee",
    ),
    path("sygefravaer/punkt/", views.choose_item, name="choose_item"),
    path("sygefravaer/punkt/<int:item>/", views.insert_on_item, name="insert"),
    path("sygefravaer/<slug:municipality>/data/", views.manage, name="manage"),
]
