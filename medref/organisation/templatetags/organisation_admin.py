"""Template tags for the administrator's links on pages the web app composes."""

from __future__ import annotations

from typing import Any

from django import template

from medref.organisation import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def managed_municipalities(context: dict[str, Any]) -> set[int]:
    """``{% managed_municipalities as managed %}``: the ids of the municipalities where
    the signed-in user may create committees. No query for anonymous readers, else one."""
    request = context.get("request")
    return selectors.municipalities_managed_by(getattr(request, "user", None))
