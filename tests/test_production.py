"""medref as an operator runs it: gunicorn, static files through WhiteNoise, /sundhed/.

The server tests start the real gunicorn (``.venv/bin/gunicorn``) on a free
port with MEDREF_DEBUG=False, after ``manage.py migrate`` and
``manage.py collectstatic`` into temporary folders, exactly as README
"Running in production" says. They are marked ``database``: on the
PostgreSQL half of ``make test`` the server runs on a fresh database of that
PostgreSQL server, on the SQLite half on a temporary SQLite file.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
SERVER_START_SECONDS = 30


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes


def fetch(url: str, headers: dict[str, str] | None = None) -> Reply:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(
                response.status,
                response.headers.get("Content-Type", ""),
                dict(response.headers),
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return Reply(
            error.code, error.headers.get("Content-Type", ""), dict(error.headers), error.read()
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_env(database_url: str, static_root: Path, media_root: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEDREF_")}
    env.update(
        MEDREF_DEBUG="False",
        MEDREF_SECRET_KEY="medref-production-test-throw-away-key-" + uuid.uuid4().hex,
        MEDREF_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        MEDREF_STATIC_ROOT=str(static_root),
        MEDREF_MEDIA_ROOT=str(media_root),
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stderr}"


@contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[str]:
    """Serve medref with gunicorn; yield its base URL; stop it whatever happens."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [
                str(GUNICORN),
                "medref.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            while True:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"gunicorn did not listen on {port}:\n{log.read_text()}")
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextmanager
def throw_away_database(tmp: Path) -> Iterator[str]:
    """A fresh, empty database of the kind this test run uses; its URL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp / 'medref.sqlite3'}"
        return
    import psycopg

    name = f"medref_production_{uuid.uuid4().hex[:12]}"
    server_url, _slash, _database = url.rpartition("/")
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server_url}/{name}"
    finally:
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def production_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("production")
    with throw_away_database(tmp) as database_url:
        env = production_env(database_url, tmp / "static", tmp / "media")
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        with gunicorn(env, tmp / "gunicorn.log") as base:
            yield base


@pytest.mark.slow
@pytest.mark.database
def test_gunicorn_serves_the_front_page_in_production(production_server: str) -> None:
    reply = fetch(f"{production_server}/")
    assert reply.status == 200
    assert reply.content_type == "text/html; charset=utf-8"
    assert b"<html" in reply.body


@pytest.mark.slow
@pytest.mark.database
def test_gunicorn_answers_the_health_check(production_server: str) -> None:
    reply = fetch(f"{production_server}/sundhed/")
    assert reply.status == 200
    assert reply.content_type == "text/plain; charset=utf-8"
    assert reply.body == b"ok"
    assert "Set-Cookie" not in reply.headers


@pytest.mark.slow
@pytest.mark.database
def test_gunicorn_serves_the_stylesheet_the_front_page_links_compressed(
    production_server: str,
) -> None:
    """WhiteNoise serves what collectstatic put in STATIC_ROOT, gzip to whoever accepts it."""
    page = fetch(f"{production_server}/").body.decode()
    match = re.search(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert match is not None, "the front page links no stylesheet"
    assert match.group(1).startswith("/static/")

    plain = fetch(production_server + match.group(1))
    assert plain.status == 200
    assert plain.content_type.startswith("text/css")
    assert plain.body.strip()
    assert "max-age=" in plain.headers.get("Cache-Control", "")

    gzipped = fetch(production_server + match.group(1), {"Accept-Encoding": "gzip"})
    assert gzipped.status == 200
    assert gzipped.headers.get("Content-Encoding") == "gzip"
    assert len(gzipped.body) < len(plain.body)


@pytest.mark.slow
@pytest.mark.database
def test_gunicorn_answers_404_for_a_static_file_that_does_not_exist(
    production_server: str,
) -> None:
    assert fetch(f"{production_server}/static/web/no-such-file.css").status == 404


def closed_port_postgres_url() -> str:
    return f"postgres://medref:medref@127.0.0.1:{free_port()}/medref"


@pytest.mark.slow
@pytest.mark.parametrize(
    "unreachable",
    [
        pytest.param("sqlite", id="sqlite-file-in-a-missing-folder"),
        pytest.param("postgres", id="postgres-on-a-closed-port"),
    ],
)
def test_gunicorn_health_check_answers_503_when_the_database_cannot_be_reached(
    unreachable: str, tmp_path: Path
) -> None:
    """A database that cannot be opened is a 503 with a short reason, not a 500 page."""
    database_url = (
        f"sqlite:///{tmp_path / 'missing-folder' / 'medref.sqlite3'}"
        if unreachable == "sqlite"
        else closed_port_postgres_url()
    )
    env = production_env(database_url, tmp_path / "static", tmp_path / "media")
    with gunicorn(env, tmp_path / "gunicorn.log") as base:
        reply = fetch(f"{base}/sundhed/")
    assert reply.status == 503
    assert reply.content_type == "text/plain; charset=utf-8"
    assert reply.body == b"database unavailable (OperationalError)"
    assert "Set-Cookie" not in reply.headers


# --- the health view in the test process, on this run's database ---------------


@pytest.mark.django_db
def test_health_check_costs_one_query_and_sets_no_cookie(
    client: Client, django_assert_num_queries
) -> None:
    with django_assert_num_queries(1):
        response = client.get(reverse("web:health"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"ok"
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_check_answers_head_and_refuses_post_without_csrf_check() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.head(reverse("web:health")).status_code == 200
    assert client.post(reverse("web:health")).status_code in {403, 405}


def test_health_check_is_at_sundhed() -> None:
    assert reverse("web:health") == "/sundhed/"


@pytest.mark.parametrize("debug", ["True", "False"])
def test_whitenoise_is_in_the_middleware_only_in_production(debug: str) -> None:
    script = (
        "from django.conf import settings as s; "
        "print('whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE, "
        "s.STORAGES['staticfiles']['BACKEND'])"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEDREF_")}
    env.update(
        MEDREF_DEBUG=debug, MEDREF_SECRET_KEY="throw-away", DJANGO_SETTINGS_MODULE="medref.settings"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    if debug == "False":
        assert result.stdout.split() == ["True", "whitenoise.storage.CompressedStaticFilesStorage"]
    else:
        assert result.stdout.split() == [
            "False",
            "django.contrib.staticfiles.storage.StaticFilesStorage",
        ]
