"""The Danish catalogue: every message translated, and the compiled .mo up to date."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import medref

LOCALE = Path(medref.__file__).resolve().parent / "locale" / "da" / "LC_MESSAGES"


def po_entries(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (single and multi-line strings; no plurals in medref)."""
    entries: dict[str, str] = {}
    current, parts = None, {"msgid": "", "msgstr": ""}
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(("msgid ", "msgstr ")):
            current, _, value = line.partition(" ")
            parts[current] = ast.literal_eval(value)
        elif line.startswith('"') and current:
            parts[current] += ast.literal_eval(line)
        elif not line.strip():
            if current == "msgstr" and parts["msgid"]:
                entries[parts["msgid"]] = parts["msgstr"]
            current, parts = None, {"msgid": "", "msgstr": ""}
    return entries


def test_every_message_has_a_danish_translation():
    """No empty msgstr: the pages must never fall back to English."""
    untranslated = [
        msgid for msgid, msgstr in po_entries(LOCALE / "django.po").items() if not msgstr
    ]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_po_file():
    """django.mo says what django.po says (run compilemessages after editing the .po)."""
    with (LOCALE / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    for msgid, msgstr in po_entries(LOCALE / "django.po").items():
        assert catalogue.gettext(msgid) == msgstr, msgid
