"""The page around a rendered document: one self-contained HTML file.

No template engine: the renderer must work without Django, and a page this
small reads better as one f-string. The stylesheets ship in ``static/`` and
are inlined, so the page makes no requests of its own.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib.resources import files


@cache
def stylesheet(name: str) -> str:
    """A stylesheet from ``medref/renderers/static`` (read once per process)."""
    return files("medref.renderers").joinpath("static", name).read_text(encoding="utf-8")


def page(*, title: str, body: str, css: str, lang: str = "da", description: str = "") -> str:
    meta = f'<meta name="description" content="{escape(description)}">\n' if description else ""
    style = f"<style>\n{css}</style>\n" if css else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="medref">\n'
        f"{meta}"
        f"<title>{escape(title, quote=False)}</title>\n"
        f"{style}"
        "</head>\n"
        "<body>\n"
        f"{body}"
        "</body>\n"
        "</html>\n"
    )
