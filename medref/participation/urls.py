"""Members' own pages (web:participation:…), mounted by medref.web.urls.

/udvalg/<kommune>/<udvalg>/moeder.ics     the committee's meetings as iCal (public)
/kalender/<nøgle>.ics                     a person's meetings as iCal (secret address)
/min-side/kalender/                       the personal calendar address; "Lav en ny adresse"
/moeder/<id>/afbud/ (POST)                "Jeg kommer ikke" / "Jeg kommer alligevel"
/moeder/<id>/noter/                       private notes and shared comments per item
/moeder/<id>/godkendelse/                 approval of the minutes: "Godkend", "Send påmindelse",
                                          the committee's rule ("Gem regel")
"""

from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path(
        "udvalg/<slug:municipality>/<slug:slug>/moeder.ics",
        views.committee_feed,
        name="committee_feed",
    ),
    path("kalender/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("min-side/kalender/", views.my_calendar, name="calendar"),
    path("moeder/<int:pk>/afbud/", views.afbud, name="afbud"),
    path("moeder/<int:pk>/noter/", views.notes, name="notes"),
    path("moeder/<int:pk>/godkendelse/", views.approval_page, name="approval"),
]
