"""Compile every medref/**/*.po into a .mo next to it, with polib.

Used by `make messages` when GNU gettext's msgfmt is not installed (with
msgfmt, `manage.py compilemessages` does the same). Fuzzy and obsolete
entries are left out, as msgfmt does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "medref"


def main() -> int:
    count = 0
    for po_path in sorted(ROOT.rglob("*.po")):
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT.parent)}")
        count += 1
    if not count:
        print("no .po files under medref/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
