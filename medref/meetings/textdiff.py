"""A word-level difference between two texts, for the history page. Pure: no Django."""

from __future__ import annotations

import difflib
import re
from typing import Literal

Op = Literal["same", "del", "ins"]
_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> list[tuple[Op, str]]:
    """``before`` → ``after`` as runs of kept, deleted and inserted text.

    Joining the "same" and "del" runs gives ``before``; "same" and "ins" give ``after``.
    Long unchanged runs are kept whole (the template may shorten them).
    """
    old = _TOKEN.findall(before)
    new = _TOKEN.findall(after)
    runs: list[tuple[Op, str]] = []

    def add(op: Op, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        kept = "".join(old[i1:i2])
        between = 0 < index < len(opcodes) - 1
        if tag == "equal" and not (between and kept.isspace()):
            add("same", kept)
        elif tag == "equal":
            # A space between two changes belongs to both: "godkendes i sin" is one change.
            add("del", kept)
            add("ins", "".join(new[j1:j2]))
        else:
            add("del", kept)
            add("ins", "".join(new[j1:j2]))
    return _grouped(runs)


def _grouped(runs: list[tuple[Op, str]]) -> list[tuple[Op, str]]:
    """Each stretch of changes as one deletion followed by one insertion."""
    out: list[tuple[Op, str]] = []
    deleted, inserted = "", ""
    for op, text in [*runs, ("same", "")]:
        if op == "del":
            deleted += text
        elif op == "ins":
            inserted += text
        else:
            if deleted:
                out.append(("del", deleted))
            if inserted:
                out.append(("ins", inserted))
            deleted, inserted = "", ""
            if text:
                out.append((op, text))
    return out


def shorten_same(runs: list[tuple[Op, str]], keep: int = 12) -> list[tuple[Op, str]]:
    """Unchanged runs longer than ``keep`` words on each side cut to "… " around the changes."""
    out: list[tuple[Op, str]] = []
    for index, (op, text) in enumerate(runs):
        words = text.split(" ")
        if op != "same" or len(words) <= 2 * keep:
            out.append((op, text))
            continue
        first, last = index == 0, index == len(runs) - 1
        if first:
            out.append((op, "… " + " ".join(words[-keep:])))
        elif last:
            out.append((op, " ".join(words[:keep]) + " …"))
        else:
            out.append((op, " ".join(words[:keep]) + " … " + " ".join(words[-keep:])))
    return out
