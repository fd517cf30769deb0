"""The agenda and minutes editor, under /moeder/ (mounted by medref.web.urls).

For browser tests: URLs and the Danish texts of their buttons and fields.

  /mine-moeder/                           Mine møder: what awaits the user, their upcoming meetings
  /moeder/importer/<committee id>/        Importér fil: field "Fil", button "Importér"
                                          (views/upload.py; warnings: til gennemsyn)
  /moeder/nyt/<committee id>/             Nyt møde: fields Mødedato, Starttidspunkt, Mødested;
                                          button "Opret møde"
  /moeder/<id>/rediger/                   Rediger dagsorden: field "Titel på nyt punkt",
                                          "Sagsnummer", "Lukket punkt"; buttons "Tilføj punkt",
                                          per item (accessible names) "Flyt op (Flyt punkt <n> op)",
                                          "Flyt ned (Flyt punkt <n> ned)", "Luk punkt <n>" /
                                          "Åbn punkt <n>", "Fjern punkt <n>"; link
                                          "Rediger punkt <n>: <title>"; meeting details
                                          button "Gem mødeoplysninger"
  /moeder/<id>/punkter/<item id>/         Rediger punkt: "Titel", "Sagsnummer", "Lukket punkt",
                                          button "Gem punkt"; "Rediger afsnit" / "Gem afsnit";
                                          new section: "Afsnitstype", "Overskrift", "Tekst",
                                          button "Tilføj afsnit"; "Indstillet af",
                                          "At-sætninger (én pr. linje)", button "Gem indstilling";
                                          "Fil", "Bilagets titel", button "Vedhæft bilag"
  /moeder/<id>/fremmoede/                 Fremmøde: per member radio "Til stede" / "Afbud" /
                                          "Fraværende"; per item checkboxes of substitutes;
                                          button "Gem fremmøde"
  /moeder/<id>/referat/                   Skriv referat: per item (ids id_punkt-<n>-phrase,
                                          id_punkt-<n>-text) "Standardformulering",
                                          "Beslutning", button "Gem beslutning (punkt <n>)";
                                          one form around all: "Gem alle beslutninger"
  /moeder/<id>/referat/gem-alle/ (POST)   saves every changed decision
  /moeder/<id>/status/<step>/             GET: the confirmation page (what happens, who will see
                                          what, doubts to tick "bekraeft_tvivl" for); POST with
                                          "bekraeft" does it, button with the step's own text;
                                          workflow buttons: "Send dagsorden" (send-dagsorden),
                                          "Marker som afholdt" (afholdt), "Afslut referatudkast"
                                          (referat-udkast), "Godkend referat" (godkend),
                                          "Offentliggør referat" (offentliggoer)
  /moeder/<id>/historik/                  Historik (table of events)
  /moeder/<id>/offentlig-visning/         what the public will read once published (preview)
  /moeder/<id>/tid-og-sted/               after sending: Mødedato, Starttidspunkt, Sluttidspunkt,
                                          Mødested; button "Gem tid og sted"
  /moeder/<id>/genaabn/                   Genåbn referat (chair): field "Begrundelse",
                                          button "Genåbn referat"
  /moeder/<id>/udsendt-dagsorden/         the agenda file as sent (PDF, or HTML)
  /moeder/<id>/bilag/<attachment id>/     a bilag's file, after the meeting page's check
  /moeder/<id>/samlet-dagsorden.pdf       the agenda as sent followed by its PDF bilag
  /moeder/<id>/tillaegsdagsorden/…        Tillægsdagsorden (views/supplement.py): "Tilføj
                                          tillægspunkt", "Ret punkt <n>" → "Gem ændring",
                                          "Send tillægsdagsorden" (the workflow step
                                          send-tillaegsdagsorden, as the other steps)
"""

from django.urls import path

from .views import agenda, attachments, items, mine, minutes, review, supplement, upload

app_name = "meetings"

urlpatterns = [
    path("mine-moeder/", mine.my_meetings, name="my_meetings"),
    path("moeder/nyt/<int:committee_pk>/", agenda.new_meeting, name="new"),
    path("moeder/importer/<int:committee_pk>/", upload.import_file, name="import_file"),
    path("moeder/<int:pk>/rediger/", agenda.editor, name="editor"),
    path("moeder/<int:pk>/rediger/detaljer/", agenda.edit_meeting, name="edit_meeting"),
    path("moeder/<int:pk>/punkter/nyt/", agenda.add_item, name="add_item"),
    path("moeder/<int:pk>/punkter/<int:item_pk>/", items.item, name="item"),
    path("moeder/<int:pk>/punkter/<int:item_pk>/flyt/", agenda.move_item, name="move_item"),
    path("moeder/<int:pk>/punkter/<int:item_pk>/luk/", agenda.close_item, name="close_item"),
    path("moeder/<int:pk>/punkter/<int:item_pk>/fjern/", agenda.remove_item, name="remove_item"),
    path(
        "moeder/<int:pk>/punkter/<int:item_pk>/afsnit/nyt/", items.add_section, name="add_section"
    ),
    path(
        "moeder/<int:pk>/punkter/<int:item_pk>/afsnit/<int:section_pk>/",
        items.section,
        name="section",
    ),
    path(
        "moeder/<int:pk>/punkter/<int:item_pk>/afsnit/<int:section_pk>/fjern/",
        items.remove_section,
        name="remove_section",
    ),
    path(
        "moeder/<int:pk>/punkter/<int:item_pk>/indstilling/",
        items.recommendation,
        name="recommendation",
    ),
    path(
        "moeder/<int:pk>/punkter/<int:item_pk>/bilag/", items.add_attachment, name="add_attachment"
    ),
    path(
        "moeder/<int:pk>/punkter/<int:item_pk>/bilag/<int:attachment_pk>/fjern/",
        items.remove_attachment,
        name="remove_attachment",
    ),
    path("moeder/<int:pk>/forhaandsvisning/", agenda.preview, name="preview"),
    path("moeder/<int:pk>/fremmoede/", minutes.attendance, name="attendance"),
    path("moeder/<int:pk>/referat/", minutes.minutes_editor, name="minutes"),
    path("moeder/<int:pk>/referat/<int:item_pk>/", minutes.decision, name="decision"),
    path(
        "moeder/<int:pk>/referat/gem-alle/", minutes.save_all_decisions, name="save_all_decisions"
    ),
    path("moeder/<int:pk>/status/<slug:step>/", agenda.transition, name="transition"),
    path("moeder/<int:pk>/historik/", agenda.history, name="history"),
    path("moeder/<int:pk>/gennemsyn/", review.review, name="review"),
    path("moeder/<int:pk>/offentlig-visning/", agenda.public_preview, name="public_preview"),
    path("moeder/<int:pk>/genaabn/", agenda.reopen, name="reopen"),
    path("moeder/<int:pk>/tid-og-sted/", agenda.time_and_place, name="time_and_place"),
    path("moeder/<int:pk>/udsendt-dagsorden/", agenda.sent_agenda, name="sent_agenda"),
    path("moeder/<int:pk>/bilag/<int:attachment_pk>/", attachments.download, name="attachment"),
    path("moeder/<int:pk>/tillaegsdagsorden/", supplement.overview, name="supplement"),
    path(
        "moeder/<int:pk>/tillaegsdagsorden/punkter/<int:item_pk>/",
        supplement.change_item,
        name="supplement_item",
    ),
    path(
        "moeder/<int:pk>/tillaegsdagsorden/punkter/<int:item_pk>/bilag/",
        supplement.attach,
        name="supplement_attach",
    ),
    path(
        "moeder/<int:pk>/tillaegsdagsorden/<int:number>/",
        supplement.download,
        name="supplement_file",
    ),
    path(
        "moeder/<int:pk>/samlet-dagsorden.pdf",
        attachments.combined_agenda,
        name="combined_agenda",
    ),
]
