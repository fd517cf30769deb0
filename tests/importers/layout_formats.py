"""The layout fixtures in the other formats municipalities keep them in.

``convert`` writes a fixture's document as Word (.docx, through pandoc) or
as a paged PDF printed by Chromium with a running header ("Eksempel Kommune
· <layout>") and footer ("Side N af M") on every page, the way ESDH systems
print minutes. A text fixture becomes HTML first, one paragraph a line, so
its line breaks survive. Returns None when the tool is missing.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

FORMATS = ("source", "docx", "pdf")
CHROMIUM = "/usr/bin/chromium"

_HEADER = (
    '<div style="font-size:8px;width:100%;margin:0 12mm;display:flex;'
    'justify-content:space-between"><span>Eksempel Kommune</span><span>{title}</span></div>'
)
_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:right;margin:0 12mm">'
    'Side <span class="pageNumber"></span> af <span class="totalPages"></span></div>'
)


_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def text_as_html(text: str) -> str:
    """A text file as HTML: one paragraph per non-blank line."""
    lines = [line.strip() for line in text.splitlines()]
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    head = '<head><meta charset="utf-8"></head>'
    return f'<!DOCTYPE html><html lang="da">{head}<body>{body}</body></html>'


def _as_html(source: Path, folder: Path) -> Path | None:
    if source.suffix == ".html":
        return source
    target = folder / f"{source.parent.name}.html"
    if source.suffix == ".txt":
        target.write_text(text_as_html(source.read_text(encoding="utf-8")), encoding="utf-8")
        return target
    if shutil.which("pandoc") is None:
        return None
    subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "html", "-s", "--metadata", "title=-",
         "-o", str(target), str(source)],
        check=True,
    )  # fmt: skip
    return target


def to_docx(source: Path, folder: Path) -> Path | None:
    if shutil.which("pandoc") is None:
        return None
    target = folder / f"{source.parent.name}.docx"
    if source.suffix == ".md":
        args = ["-f", "markdown", str(source)]
    else:
        page = _as_html(source, folder)
        assert page is not None
        if page == source:
            # Saved without its pictures: pandoc stops at an image it cannot fetch.
            page = folder / f"{source.parent.name}.html"
            markup = _IMAGE.sub("", source.read_text(encoding="utf-8"))
            page.write_text(markup, encoding="utf-8")
        args = ["-f", "html", str(page)]
    subprocess.run(["pandoc", *args, "-t", "docx", "-o", str(target)], check=True)
    return target


_OPEN_FOLDS = """() => {
    for (const panel of document.querySelectorAll("[hidden]")) panel.removeAttribute("hidden");
    for (const fold of document.querySelectorAll("details")) fold.open = true;
}"""


def to_pdf(source: Path, folder: Path) -> Path | None:
    if not Path(CHROMIUM).exists():
        return None
    page_file = _as_html(source, folder)
    if page_file is None:
        return None
    from playwright.sync_api import sync_playwright

    target = folder / f"{source.parent.name}.pdf"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            page.goto(page_file.resolve().as_uri())
            # Printed with every fold open, as a portal's print button does.
            page.evaluate(_OPEN_FOLDS)
            page.pdf(
                path=str(target),
                format="A4",
                display_header_footer=True,
                header_template=_HEADER.format(title=html.escape(source.parent.name)),
                footer_template=_FOOTER,
                margin={"top": "22mm", "bottom": "22mm", "left": "18mm", "right": "18mm"},
            )
        finally:
            browser.close()
    return target


def convert(source: Path, fmt: str, folder: Path) -> Path | None:
    if fmt == "source":
        return source
    if fmt == "docx":
        return to_docx(source, folder)
    if fmt == "pdf":
        return to_pdf(source, folder)
    raise ValueError(f"unknown format {fmt!r}")
