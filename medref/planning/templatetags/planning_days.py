"""``{{ value|days }}``: a number of days the Danish way ("1,5")."""

from __future__ import annotations

from fractions import Fraction

from django import template

from ..rules.klippekort import format_days

register = template.Library()


@register.filter
def days(value: Fraction | int) -> str:
    return format_days(Fraction(value))
