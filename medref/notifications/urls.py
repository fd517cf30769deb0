"""E-mail pages (web:notifications:…), mounted by medref.web.urls.

/min-side/notifikationer/                  per kind on/off ("Gem")
/afmeld/<token>/                           one-click unsubscribe (GET: button, POST: done)
/udvalg/<kommune>/<udvalg>/abonnement/     citizens: "Abonnér" on published minutes
/abonnement/bekraeft/<token>/              double opt-in ("Bekræft")
"""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("min-side/notifikationer/", views.preferences, name="preferences"),
    path("afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "udvalg/<slug:municipality>/<slug:slug>/abonnement/",
        views.subscribe,
        name="subscribe",
    ),
    path("abonnement/bekraeft/<str:token>/", views.confirm, name="confirm"),
]
