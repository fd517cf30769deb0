"""Section text as the editor shows it: Markdown in, document blocks stored.

Reading uses the Markdown importer's block reader and writing the Markdown
renderer, so what the editor shows is what an exported .md file says, and
``markdown_to_blocks(blocks_to_markdown(b)) == b``. Bold and italic typed in
the editor are kept as ``**fed**``/``*kursiv*`` (``documents.inline``).
"""

from __future__ import annotations

from medref.documents.model import Block
from medref.importers.markdown import markdown_blocks
from medref.renderers.markdown import join_chunks, render_block


def markdown_to_blocks(text: str) -> tuple[Block, ...]:
    """The blocks a section's Markdown says ("" gives no blocks)."""
    return tuple(raw.block for raw in markdown_blocks(text, emphasis=True))


def blocks_to_markdown(blocks: tuple[Block, ...]) -> str:
    """The Markdown the editor shows for stored blocks ("" for none)."""
    if not blocks:
        return ""
    return join_chunks([render_block(b) for b in blocks]).rstrip("\n")
