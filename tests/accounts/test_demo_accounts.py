"""The documented demo accounts (README.md) for `make run`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from medref.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts
from medref.accounts.permissions import Action, actions
from medref.organisation.models import Committee, Membership

pytestmark = pytest.mark.django_db


def fagmed() -> Committee:
    return Committee.objects.get(municipality__name="Vejle Kommune", name="FagMED Økonomi")


def test_it_creates_every_account_once():
    assert create_demo_accounts() == list(DEMO_ACCOUNTS)
    counts = (User.objects.count(), Membership.objects.count())
    assert create_demo_accounts() == []
    assert (User.objects.count(), Membership.objects.count()) == counts


def test_the_accounts_have_the_documented_roles():
    create_demo_accounts()
    users = {u.username: u for u in User.objects.all()}
    committee = fagmed()
    assert Action.APPROVE_MINUTES in actions(users["formand"], committee)
    assert Action.SEND_AGENDA in actions(users["sekretaer"], committee)
    assert Action.APPROVE_MINUTES not in actions(users["sekretaer"], committee)
    assert actions(users["medlem"], committee) == {Action.VIEW_CLOSED, Action.VIEW_UNPUBLISHED}
    assert actions(users["suppleant"], committee) == {Action.VIEW_CLOSED}
    assert actions(users["admin"], committee) == frozenset(Action)
    assert not users["admin"].is_superuser


def test_the_documented_password_logs_in(client):
    create_demo_accounts()
    response = client.post("/konto/log-ind/", {"username": "formand", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_a_second_run_keeps_a_changed_password():
    create_demo_accounts()
    user = User.objects.get(username="medlem")
    user.set_password("ny-kode-123")
    user.save()
    create_demo_accounts()
    user.refresh_from_db()
    assert user.check_password("ny-kode-123")


def test_the_command_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="offentlig adgangskode"):
        call_command("load_demo_accounts")
    assert not User.objects.exists()


def test_the_command_runs_with_debug(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_accounts")
    assert "6 nye demo-brugere" in capsys.readouterr().out
    assert User.objects.filter(username__in=DEMO_ACCOUNTS).count() == len(DEMO_ACCOUNTS)
