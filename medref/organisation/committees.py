"""Administrators create and edit committees: one function per action.

Each checks MANAGE_MEMBERS, validates (a ``ValidationError`` keyed by form
field) and is atomic. The municipality's row is locked while its tree is
read and changed, so two administrators at once cannot close a cycle or
create the same name twice. The imports' ``ensure_committee`` lives in
``services`` with the other ensure functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Field
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, raise_unless
from medref.lib.names import slugify

from .models import Committee, Municipality
from .names import clean_committee_name, same_committee_name
from .services import free_slug

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


# The level a new sub-committee most likely has: the one below its parent's.
LEVEL_BELOW: dict[str, Committee.Level] = {
    Committee.Level.HOVEDMED: Committee.Level.FAGMED,
    Committee.Level.FAGMED: Committee.Level.LOKALMED,
    Committee.Level.LOKALMED: Committee.Level.AFDELINGSMED,
    Committee.Level.AFDELINGSMED: Committee.Level.AFDELINGSMED,
}
# Room left in the slug field for a "-2", "-3"… suffix.
_SLUG_FIELD = Committee._meta.get_field("slug")
assert isinstance(_SLUG_FIELD, Field) and _SLUG_FIELD.max_length is not None
_SLUG_BASE_LENGTH = _SLUG_FIELD.max_length - 10


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
    name = clean_committee_name(name)
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
        # The imports' ensure_committee matches names by the same rule (names.py).
        if any(
            pk != committee_pk and same_committee_name(other, name)
            for pk, (other, _slug, _parent) in tree.items()
        ):
            errors["name"] = _name_taken_message(municipality, name)
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


def _name_taken_message(municipality: Municipality, name: str) -> str:
    return _("%(municipality)s already has a committee called %(name)s.") % {
        "municipality": municipality.name,
        "name": name,
    }


def _name_taken(municipality: Municipality, name: str) -> ValidationError:
    # Reached only when a writer outside these services (an import) took the name meanwhile.
    return ValidationError({"name": _name_taken_message(municipality, name)})


def _field_label(name: str) -> str:
    field = Committee._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, Field) else name


def _log_committee(
    actor: AnyUser | None, committee: Committee, flag: int, fields: Iterable[str] = ()
) -> None:
    """Who created or changed the committee, in the admin's history of it."""
    if actor is None or not actor.is_authenticated:
        return
    if flag == ADDITION:
        message: list[dict[str, object]] = [{"added": {}}]
    else:
        labels = [_field_label(f) for f in fields]
        message = [{"changed": {"fields": labels}}]
    LogEntry.objects.log_actions(
        actor.pk, [committee], flag, change_message=message, single_object=True
    )


@transaction.atomic
def create_committee(
    municipality: Municipality,
    *,
    actor: AnyUser | None,
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
    slug = free_slug(base, (slug for _name, slug, _parent in tree.values()))
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
    committee: Committee,
    *,
    actor: AnyUser | None,
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
