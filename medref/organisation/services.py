"""Writes to the organisation: one function per action.

Each is atomic on its own and safe inside a caller's transaction (imports
call them from ``medref.meetings.services``). Administrators create and edit
committees through ``medref.organisation.committees``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, raise_unless
from medref.lib.danish import format_short_date
from medref.lib.names import match_name, slugify

from .models import Committee, Membership, MembershipChange, Municipality, Person
from .names import clean_committee_name, committee_named

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

# Roles one person at a time holds in a committee.
SINGLE_SEAT_ROLES = frozenset({Membership.Role.CHAIR, Membership.Role.VICE_CHAIR})

# Longest prefix first is not needed: the prefixes do not overlap.
_LEVEL_PREFIXES: tuple[tuple[str, Committee.Level], ...] = (
    ("hovedmed", Committee.Level.HOVEDMED),
    ("kommunemed", Committee.Level.HOVEDMED),
    ("fagmed", Committee.Level.FAGMED),
    ("lokalmed", Committee.Level.LOKALMED),
    ("afdelingsmed", Committee.Level.AFDELINGSMED),
)


def infer_level(name: str) -> Committee.Level:
    """The level a committee's name implies ("FagMED Økonomi" -> FAGMED); LOKALMED otherwise."""
    lowered = name.strip().casefold()
    for prefix, level in _LEVEL_PREFIXES:
        if lowered.startswith(prefix):
            return level
    return Committee.Level.LOKALMED


def free_slug(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… when names differ only in punctuation."""
    taken_set = set(taken)
    base = base or "x"
    slug, n = base, 1
    while slug in taken_set:
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def ensure_municipality(name: str) -> Municipality:
    """The municipality called ``name``, created if it does not exist yet."""
    existing = Municipality.objects.filter(name=name).first()
    if existing is not None:
        return existing
    base = slugify(name)
    taken = Municipality.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    return Municipality.objects.create(name=name, slug=free_slug(base, taken))


@transaction.atomic
def ensure_committee(
    municipality: Municipality,
    name: str,
    *,
    level: Committee.Level | None = None,
    parent: Committee | None = None,
) -> Committee:
    """The committee called ``name`` in ``municipality``, created if missing.

    Names match as the committee form matches them (``names.committee_named``:
    case and spacing aside), so an import never creates a committee the form
    would refuse. A new committee's level is ``level`` or inferred from its
    name. For an existing one, a given ``level`` or ``parent`` that differs is
    updated, so placing an imported committee in the tree later works.
    """
    committee = committee_named(Committee.objects.filter(municipality=municipality), name)
    if committee is None:
        name = clean_committee_name(name)
        base = slugify(name)
        taken = Committee.objects.filter(
            municipality=municipality, slug__startswith=base
        ).values_list("slug", flat=True)
        return Committee.objects.create(
            municipality=municipality,
            name=name,
            slug=free_slug(base, taken),
            level=level or infer_level(name),
            parent=parent,
        )
    changed: list[str] = []
    if level is not None and committee.level != level:
        committee.level = level
        changed.append("level")
    if parent is not None and committee.parent_id != parent.pk:
        committee.parent = parent
        changed.append("parent")
    if changed:
        committee.save(update_fields=changed)
    return committee


@transaction.atomic
def resolve_people(municipality: Municipality, names: Iterable[str]) -> dict[str, Person]:
    """Map each name to a person of ``municipality``, creating only the truly new ones.

    Spellings are matched with ``medref.lib.names.match_name``, so a typo in
    one set of minutes finds the existing person instead of duplicating them.
    Two queries plus one insert per new person, whatever the number of names.
    """
    people = list(Person.objects.filter(municipality=municipality).order_by("pk"))
    by_name: dict[str, Person] = {}
    for person in people:
        by_name.setdefault(person.name, person)  # the oldest person wins a tie
    resolved: dict[str, Person] = {}
    for name in names:
        if name in resolved:
            continue
        known = match_name(name, by_name)
        if known is None:
            by_name[name] = Person.objects.create(municipality=municipality, name=name)
            known = name
        resolved[name] = by_name[known]
    return resolved


@transaction.atomic
def ensure_membership(
    person: Person,
    committee: Committee,
    *,
    role: Membership.Role,
    start: dt.date,
    title: str = "",
    side: Membership.Side = Membership.Side.UNSPECIFIED,
) -> Membership:
    """The membership of ``person`` in ``committee`` (role, start); created if missing."""
    membership, _created = Membership.objects.get_or_create(
        person=person,
        committee=committee,
        role=role,
        start=start,
        defaults={"title": title, "side": side},
    )
    return membership


def _term_errors(role: str, side: str, start: dt.date, end: dt.date | None) -> dict[str, str]:
    """What is wrong with a membership's role, side and term, by field (adding and editing)."""
    errors: dict[str, str] = {}
    if role not in Membership.Role.values:
        errors["role"] = _("Choose one of the roles.")
    if side not in Membership.Side.values:
        errors["side"] = _("Choose management, employees or not specified.")
    if end is not None and end < start:
        errors["end"] = _("The term cannot end before it starts.")
    return errors


def _overlapping(start: dt.date, end: dt.date | None) -> Q:
    """Memberships whose term shares a day with ``start``–``end`` (open: no end)."""
    overlap = Q(end__isnull=True) | Q(end__gte=start)
    if end is not None:
        overlap &= Q(start__lte=end)
    return overlap


@transaction.atomic
def add_membership(
    committee: Committee,
    *,
    actor: AnyUser | None,
    name: str,
    role: str,
    start: dt.date,
    end: dt.date | None = None,
    side: str = Membership.Side.UNSPECIFIED,
    title: str = "",
) -> Membership:
    """Give the person called ``name`` (matched among the municipality's people,
    created if new) a seat in ``committee`` for ``start``–``end``.

    Needs MANAGE_MEMBERS (``PermissionDenied``). Bad input raises a
    ``ValidationError`` keyed by field (name, role, side, start, end), in
    the user's language; nothing is written then.
    """
    raise_unless(actor, Action.MANAGE_MEMBERS, committee)
    name = " ".join(name.split())
    title = title.strip()
    errors = _term_errors(role, side, start, end)
    if not name:
        errors = {"name": _("Write the person's name."), **errors}
    if errors:
        raise ValidationError(errors)
    # Lock the committee: two administrators adding a chair at once are served in turn,
    # so the committee never gets two chairs.
    list(Committee.objects.select_for_update().filter(pk=committee.pk).values_list("pk"))
    person = resolve_people(committee.municipality, [name])[name]
    running = Membership.objects.filter(committee=committee).filter(_overlapping(start, end))
    same = running.filter(person=person, role=role).first()
    if same is not None:
        errors["start"] = _(
            "%(name)s already has this role in the committee from %(start)s; "
            "end that membership first."
        ) % {"name": person.name, "start": format_short_date(same.start)}
    elif role in SINGLE_SEAT_ROLES:
        holder = running.filter(role=role).exclude(person=person).select_related("person").first()
        if holder is not None:
            errors["role"] = _(
                "%(name)s is %(role)s of the committee in that period; end that membership first."
            ) % {"name": holder.person.name, "role": holder.get_role_display().lower()}
    if errors:
        raise ValidationError(errors)
    membership = Membership.objects.create(
        person=person,
        committee=committee,
        role=role,
        side=side,
        title=title,
        start=start,
        end=end,
    )
    _record(membership, MembershipChange.Kind.ADDED, actor)
    return membership


@transaction.atomic
def end_membership(membership: Membership, end: dt.date, *, actor: AnyUser | None) -> Membership:
    """End ``membership`` on ``end`` (its last day). Needs MANAGE_MEMBERS.

    A term that has already ended cannot be ended again; the end cannot come
    before the start. ``ValidationError`` on the field ``end`` otherwise.
    """
    # Lock the row: two administrators ending the same seat get one answer each.
    locked = (
        Membership.objects.select_for_update().select_related("committee").get(pk=membership.pk)
    )
    raise_unless(actor, Action.MANAGE_MEMBERS, locked.committee)
    if locked.end is not None:
        raise ValidationError(
            {
                "end": _("This membership already ended on %(end)s.")
                % {"end": format_short_date(locked.end)}
            }
        )
    if end < locked.start:
        raise ValidationError(
            {
                "end": _("The term cannot end before it starts (%(start)s).")
                % {"start": format_short_date(locked.start)}
            }
        )
    locked.end = end
    locked.save(update_fields=["end"])
    _record(locked, MembershipChange.Kind.ENDED, actor)
    membership.end = end
    return locked


@transaction.atomic
def edit_membership(
    membership: Membership,
    *,
    actor: AnyUser | None,
    role: str,
    side: str,
    title: str,
    start: dt.date,
    end: dt.date | None,
) -> Membership:
    """Change a membership's role, side, job title and term; the changes are recorded
    (``MembershipChange`` EDITED with before → after). Needs MANAGE_MEMBERS.

    The same checks as ``add_membership``: a known role and side, an end not
    before the start, one chair and one vice chair at a time, no second
    overlapping membership of the person in the same role.
    """
    locked = (
        Membership.objects.select_for_update()
        .select_related("committee", "person")
        .get(pk=membership.pk)
    )
    committee = locked.committee
    raise_unless(actor, Action.MANAGE_MEMBERS, committee)
    title = title.strip()
    errors = _term_errors(role, side, start, end)
    if errors:
        raise ValidationError(errors)
    list(Committee.objects.select_for_update().filter(pk=committee.pk).values_list("pk"))
    others = (
        Membership.objects.filter(committee=committee)
        .exclude(pk=locked.pk)
        .filter(_overlapping(start, end))
    )
    if others.filter(person=locked.person, role=role).exists():
        errors["role"] = _("%(name)s already has this role in the committee in that period.") % {
            "name": locked.person.name
        }
    elif role in SINGLE_SEAT_ROLES:
        holder = others.filter(role=role).select_related("person").first()
        if holder is not None:
            errors["role"] = _(
                "%(name)s is %(role)s of the committee in that period; end that membership first."
            ) % {"name": holder.person.name, "role": holder.get_role_display().lower()}
    if errors:
        raise ValidationError(errors)
    new = {"role": role, "side": side, "title": title, "start": start, "end": end}
    changes = {
        field: [_plain(getattr(locked, field)), _plain(value)]
        for field, value in new.items()
        if getattr(locked, field) != value
    }
    if changes:
        for field, value in new.items():
            setattr(locked, field, value)
        locked.save(update_fields=list(new))
        _record(locked, MembershipChange.Kind.EDITED, actor, changes=changes)
    return locked


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _record(membership: Membership, kind: str, actor: AnyUser | None, **details: object) -> None:
    MembershipChange.objects.create(
        membership=membership,
        kind=kind,
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        details=details,
    )
