"""Writes to the organisation: one function per action.

Each is atomic on its own and safe inside a caller's transaction (imports
call them from ``medref.meetings.services``). Administrators create and edit
committees with ``create_committee`` and ``update_committee``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, raise_unless
from medref.lib.danish import format_short_date
from medref.lib.names import match_name, slugify

from .models import Committee, Membership, MembershipChange, Municipality, Person

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


def _free_slug(base: str, taken: Iterable[str]) -> str:
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
    return Municipality.objects.create(name=name, slug=_free_slug(base, taken))


@transaction.atomic
def ensure_committee(
    municipality: Municipality,
    name: str,
    *,
    level: Committee.Level | None = None,
    parent: Committee | None = None,
) -> Committee:
    """The committee called ``name`` in ``municipality``, created if missing.

    A new committee's level is ``level`` or inferred from its name. For an
    existing one, a given ``level`` or ``parent`` that differs is updated,
    so placing an imported committee in the tree later works.
    """
    committee = Committee.objects.filter(municipality=municipality, name=name).first()
    if committee is None:
        base = slugify(name)
        taken = Committee.objects.filter(
            municipality=municipality, slug__startswith=base
        ).values_list("slug", flat=True)
        return Committee.objects.create(
            municipality=municipality,
            name=name,
            slug=_free_slug(base, taken),
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


def _overlapping(start: dt.date, end: dt.date | None) -> Q:
    """Memberships whose term shares a day with ``start``–``end`` (open: no end)."""
    overlap = Q(end__isnull=True) | Q(end__gte=start)
    if end is not None:
        overlap &= Q(start__lte=end)
    return overlap


@transaction.atomic
def add_membership(
    actor: AnyUser | None,
    committee: Committee,
    *,
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
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    title = title.strip()
    if not name:
        errors["name"] = _("Write the person's name.")
    if role not in Membership.Role.values:
        errors["role"] = _("Choose one of the roles.")
    if side not in Membership.Side.values:
        errors["side"] = _("Choose management, employees or not specified.")
    if end is not None and end < start:
        errors["end"] = _("The term cannot end before it starts.")
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
def end_membership(actor: AnyUser | None, membership: Membership, end: dt.date) -> Membership:
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


def _record(membership: Membership, kind: str, actor: AnyUser | None) -> None:
    signed_in = actor is not None and actor.is_authenticated
    MembershipChange.objects.create(
        membership=membership, kind=kind, actor_id=actor.pk if signed_in else None
    )


# --- committees -------------------------------------------------------------

# The level a new sub-committee most likely has: the one below its parent's.
LEVEL_BELOW: dict[str, Committee.Level] = {
    Committee.Level.HOVEDMED: Committee.Level.FAGMED,
    Committee.Level.FAGMED: Committee.Level.LOKALMED,
    Committee.Level.LOKALMED: Committee.Level.AFDELINGSMED,
    Committee.Level.AFDELINGSMED: Committee.Level.AFDELINGSMED,
}
# Room left in the slug field for a "-2", "-3"… suffix.
_SLUG_BASE_LENGTH = Committee._meta.get_field("slug").max_length - 10


def new_committee_of(municipality: Municipality) -> Committee:
    """An unsaved committee of ``municipality``, to ask the permission table what a
    user may do municipality-wide: nobody has a seat in it, so only superusers
    and the municipality's administrators may do anything there."""
    return Committee(municipality=municipality, name=municipality.name)


def _lock_tree(municipality: Municipality) -> dict[int, tuple[str, str, int | None]]:
    """Lock ``municipality`` (tree changes in it are served one at a time, so two
    edits cannot close a cycle between them) and read its committees:
    pk -> (name, slug, parent pk). Two queries."""
    list(Municipality.objects.select_for_update().filter(pk=municipality.pk).values_list("pk"))
    rows = Committee.objects.filter(municipality=municipality).values_list(
        "pk", "name", "slug", "parent_id"
    )
    return {pk: (name, slug, parent) for pk, name, slug, parent in rows}


def _is_below(tree: dict[int, tuple[str, str, int | None]], node: int | None, top: int) -> bool:
    """Whether ``node`` is ``top`` or one of its descendants (walks up from ``node``)."""
    seen: set[int] = set()
    while node is not None and node not in seen:
        if node == top:
            return True
        seen.add(node)
        node = tree[node][2] if node in tree else None
    return False


def _clean_committee(
    municipality: Municipality,
    tree: dict[int, tuple[str, str, int | None]],
    committee_pk: int | None,
    *,
    name: str,
    level: str,
    parent: Committee | None,
    case_number: str,
) -> tuple[str, str]:
    """The cleaned name and case number, or a ``ValidationError`` keyed by field."""
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    case_number = case_number.strip()
    name_limit = Committee._meta.get_field("name").max_length
    case_limit = Committee._meta.get_field("case_number").max_length
    if not name:
        errors["name"] = _("Write the committee's name.")
    elif name_limit is not None and len(name) > name_limit:
        errors["name"] = _("The name can be at most %(limit)d characters long.") % {
            "limit": name_limit
        }
    else:
        # Compared in Python: the databases disagree on the case of "Ø" and "ø".
        wanted = name.casefold()
        if any(
            pk != committee_pk and other.casefold() == wanted
            for pk, (other, _slug, _parent) in tree.items()
        ):
            errors["name"] = _("%(municipality)s already has a committee called %(name)s.") % {
                "municipality": municipality.name,
                "name": name,
            }
    if level not in Committee.Level.values:
        errors["level"] = _("Choose one of the levels.")
    if parent is not None:
        if parent.municipality_id != municipality.pk or parent.pk not in tree:
            errors["parent"] = _("The parent committee must belong to %(municipality)s.") % {
                "municipality": municipality.name
            }
        elif committee_pk is not None and parent.pk == committee_pk:
            errors["parent"] = _("A committee cannot be its own parent committee.")
        elif committee_pk is not None and _is_below(tree, parent.pk, committee_pk):
            errors["parent"] = _(
                "%(parent)s lies below this committee, so it cannot be its parent committee."
            ) % {"parent": parent.name}
    if case_limit is not None and len(case_number) > case_limit:
        errors["case_number"] = _("The case number can be at most %(limit)d characters long.") % {
            "limit": case_limit
        }
    if errors:
        raise ValidationError(errors)
    return name, case_number


def _name_taken(municipality: Municipality, name: str) -> ValidationError:
    # Reached only when a writer outside these services (an import) took the name meanwhile.
    return ValidationError(
        {
            "name": _("%(municipality)s already has a committee called %(name)s.")
            % {"municipality": municipality.name, "name": name}
        }
    )


def _log_committee(
    actor: AnyUser | None, committee: Committee, flag: int, fields: Iterable[str] = ()
) -> None:
    """Who created or changed the committee, in the admin's history of it."""
    if actor is None or not actor.is_authenticated:
        return
    if flag == ADDITION:
        message: list[dict[str, object]] = [{"added": {}}]
    else:
        labels = [str(Committee._meta.get_field(f).verbose_name) for f in fields]
        message = [{"changed": {"fields": labels}}]
    LogEntry.objects.log_actions(
        actor.pk, [committee], flag, change_message=message, single_object=True
    )


@transaction.atomic
def create_committee(
    actor: AnyUser | None,
    municipality: Municipality,
    *,
    name: str,
    level: str,
    parent: Committee | None = None,
    case_number: str = "",
) -> Committee:
    """Create the committee ``name`` in ``municipality``, below ``parent`` if given.

    Needs MANAGE_MEMBERS municipality-wide (``PermissionDenied``). The name is
    unique in the municipality, whatever its case; the slug (the committee's
    URL) comes from the name. Bad input raises a ``ValidationError`` keyed by
    field (name, level, parent, case_number); nothing is written then.
    """
    raise_unless(actor, Action.MANAGE_MEMBERS, new_committee_of(municipality))
    tree = _lock_tree(municipality)
    name, case_number = _clean_committee(
        municipality, tree, None, name=name, level=level, parent=parent, case_number=case_number
    )
    base = slugify(name)[:_SLUG_BASE_LENGTH].strip("-")
    slug = _free_slug(base, (slug for _name, slug, _parent in tree.values()))
    try:
        with transaction.atomic():
            committee = Committee.objects.create(
                municipality=municipality,
                name=name,
                slug=slug,
                level=level,
                parent=parent,
                case_number=case_number,
            )
    except IntegrityError:
        raise _name_taken(municipality, name) from None
    _log_committee(actor, committee, ADDITION)
    return committee


@transaction.atomic
def update_committee(
    actor: AnyUser | None,
    committee: Committee,
    *,
    name: str,
    level: str,
    parent: Committee | None,
    case_number: str,
) -> Committee:
    """Change ``committee``'s name, level, parent committee and case number.

    Needs MANAGE_MEMBERS (``PermissionDenied``). The slug stays as it is, so
    links and bookmarks to the committee keep working after a rename. The
    parent must be a committee of the same municipality that is not this one
    nor below it (no cycles). ``ValidationError`` keyed by field otherwise.
    """
    raise_unless(actor, Action.MANAGE_MEMBERS, committee)
    tree = _lock_tree(committee.municipality)
    name, case_number = _clean_committee(
        committee.municipality,
        tree,
        committee.pk,
        name=name,
        level=level,
        parent=parent,
        case_number=case_number,
    )
    locked = Committee.objects.select_related("municipality").get(pk=committee.pk)
    wanted = {
        "name": name,
        "level": level,
        "parent_id": parent.pk if parent is not None else None,
        "case_number": case_number,
    }
    changed = [field for field, value in wanted.items() if getattr(locked, field) != value]
    if not changed:
        return locked
    for field in changed:
        setattr(locked, field, wanted[field])
    try:
        with transaction.atomic():
            locked.save(update_fields=changed)
    except IntegrityError:
        raise _name_taken(committee.municipality, name) from None
    _log_committee(actor, locked, CHANGE, [f.removesuffix("_id") for f in changed])
    return locked
