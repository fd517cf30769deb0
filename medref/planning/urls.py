"""The planning pages (web:planning:…), mounted by medref.web.urls.

/udvalg/<kommune>/<udvalg>/aarshjul/?aar=2026       Årshjul: wheel, list, table; buttons
                                                     "Opret årshjul", "Kopiér til næste år",
                                                     "Opret årets møder", "Tilføj tema",
                                                     "Tilføj mødedato", "Aflys"
/udvalg/<kommune>/<udvalg>/aarshjul/<år>/vedhaeft/ (POST) "Vedhæft årshjul som bilag"
/udvalg/<kommune>/<udvalg>/moedeplan.ics?token=…     the mødeplan as iCal
/udvalg/<kommune>/<udvalg>/opfoelgning/              Opfølgning: accepted follow-ups
                                                     (overdue marked), archive proposals,
                                                     button "Find opfølgninger i arkivet"
/udvalg/<kommune>/<udvalg>/klippekort/               Klippekort: per member and function year
/medlemskaber/<id>/uddannelse/                       election, grunduddannelse, functions
/moeder/<id>/opfoelgning/ (POST)                     "Accepter" / "Afvis" on the minutes page
/moeder/<id>/forslag/ (POST)                         "Sæt på dagsordenen" / "Afvis" in the
                                                     agenda editor
/kommuner/<kommune>/standardaarshjul/                the municipality's standard årshjul:
                                                     list, "Tilføj tema", Ret, Slet
/kommuner/<kommune>/klippekortregler/                the municipality's klippekort rules
"""

from django.urls import path

from .views import followups, klippekort, standards, year

app_name = "planning"

_C = "udvalg/<slug:municipality>/<slug:slug>/"
_M = "kommuner/<slug:municipality>/"

urlpatterns = [
    path(_C + "aarshjul/", year.year, name="year"),
    path(_C + "aarshjul/pdf/", year.year_pdf, name="year_pdf"),
    path(_C + "aarshjul/<int:year>/opret/", year.create_plan, name="create_plan"),
    path(_C + "aarshjul/<int:year>/kopier/", year.copy_plan, name="copy_plan"),
    path(_C + "aarshjul/<int:year>/opret-moeder/", year.create_meetings, name="create_meetings"),
    path(_C + "aarshjul/<int:year>/vedhaeft/", year.attach_pdf, name="attach_pdf"),
    path(_C + "aarshjul/<int:year>/temaer/", year.add_theme, name="add_theme"),
    path(_C + "aarshjul/<int:year>/temaer/<int:pk>/", year.edit_theme, name="edit_theme"),
    path(_C + "aarshjul/<int:year>/temaer/<int:pk>/fjern/", year.remove_theme, name="remove_theme"),
    path(_C + "aarshjul/<int:year>/datoer/", year.add_date, name="add_date"),
    path(_C + "aarshjul/<int:year>/datoer/<int:pk>/flyt/", year.move_date, name="move_date"),
    path(_C + "aarshjul/<int:year>/datoer/<int:pk>/aflys/", year.cancel_date, name="cancel_date"),
    path(_C + "moedeplan.ics", year.ical_feed, name="ical"),
    path(_C + "opfoelgning/", followups.followup_list, name="followups"),
    path(_C + "opfoelgning/arkiv/", followups.find_in_archive, name="find_in_archive"),
    path("opfoelgninger/<int:pk>/status/", followups.followup_status, name="followup_status"),
    path(_C + "klippekort/", klippekort.overview, name="klippekort"),
    path(_C + "klippekort/brug/", klippekort.record_use, name="record_use"),
    path("medlemskaber/<int:pk>/uddannelse/", klippekort.training, name="training"),
    path("moeder/<int:pk>/opfoelgning/", followups.minutes_answer, name="minutes_answer"),
    path("moeder/<int:pk>/forslag/", followups.agenda_answer, name="agenda_answer"),
    path(_M + "standardaarshjul/", standards.standard_themes, name="standard_themes"),
    path(_M + "standardaarshjul/overtag/", standards.adopt_standard, name="adopt_standard"),
    path(
        _M + "standardaarshjul/<int:pk>/", standards.edit_standard_theme, name="edit_standard_theme"
    ),
    path(
        _M + "standardaarshjul/<int:pk>/slet/",
        standards.remove_standard_theme,
        name="remove_standard_theme",
    ),
    path(_M + "klippekortregler/", standards.klippekort_rules, name="klippekort_rules"),
    path(
        _M + "klippekortregler/standard/",
        standards.reset_klippekort_rules,
        name="reset_klippekort_rules",
    ),
]
