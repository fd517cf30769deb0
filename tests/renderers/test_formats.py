"""The output formats are defined once (renderers.formats.REGISTRY); every list derives from it."""

from __future__ import annotations

import argparse

import pytest

from medref.cli import build_parser
from medref.documents.public import CLOSED_TITLE
from medref.renderers import render, render_bytes
from medref.renderers.formats import BINARY_FORMATS, FORMATS, REGISTRY, get

from .documents import fagmed, with_closed_item

# What each format's file starts with.
MAGIC = {
    "pdf": b"%PDF",
    "docx": b"PK",
    "html": b"<!DOCTYPE html>",
    "md": b"# REFERAT",
    "txt": b"REFERAT",
}


def render_choices() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    to = next(a for a in sub.choices["render"]._actions if "--to" in a.option_strings)
    return list(to.choices or ())


def test_the_cli_offers_exactly_the_registered_formats() -> None:
    """`medref render --to` takes the registry's keys, in its order."""
    assert render_choices() == list(FORMATS) == list(REGISTRY)


def test_each_format_has_its_extension_and_content_type() -> None:
    for key, fmt in REGISTRY.items():
        assert fmt.key == key
        assert fmt.extension == f".{key}"
        assert fmt.content_type
        assert fmt.label
    assert sorted(BINARY_FORMATS) == ["docx", "pdf"]


@pytest.mark.slow
@pytest.mark.parametrize("key", FORMATS)
def test_every_registered_format_renders(key: str) -> None:
    """No format is listed without a working renderer behind it."""
    output = render_bytes(fagmed(), key)
    assert output.startswith(MAGIC[key]), output[:40]
    if not REGISTRY[key].binary:
        assert render(fagmed(), key).encode() == output


def test_an_unknown_format_names_the_formats_medref_writes() -> None:
    with pytest.raises(ValueError, match=r"unknown format 'doc'; medref writes pdf, docx, html"):
        get("doc")
    with pytest.raises(ValueError, match="unknown format"):
        render_bytes(fagmed(), "TXT")


def test_a_binary_format_is_not_text() -> None:
    with pytest.raises(ValueError, match="binary format"):
        render(fagmed(), "docx")


@pytest.mark.parametrize("key", ["txt", "md", "html"])
def test_a_closed_item_is_marked_with_the_one_wording(key: str) -> None:
    """The text formats mark a closed item with documents.public.CLOSED_TITLE, and only that."""
    text = render(with_closed_item(), key)
    assert CLOSED_TITLE in text


def test_the_ui_label_for_a_closed_item_reads_as_the_documents_do() -> None:
    """The pages' "Closed item" (gettext) says in Danish what the files say."""
    from django.utils import translation

    with translation.override("da"):
        assert translation.gettext("Closed item") == CLOSED_TITLE
        assert translation.gettext(REGISTRY["txt"].label) == "Tekst"
