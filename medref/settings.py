"""Django settings for medref.

Every setting comes from an environment variable (documented in
``.env.example``), read through the typed helpers in ``medref.lib.env``. A
value that cannot be understood stops startup with ``ImproperlyConfigured``.
Nothing else in medref reads the environment for configuration.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from medref.lib.env import env_bool, env_database, env_int, env_list, env_str
from medref.lib.limits import DEFAULT_LIMITS

# Django's generic classes (ModelAdmin[Meeting], UploadedFile[bytes], ...) take
# type arguments at runtime, as mypy with django-stubs asks for.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Core -------------------------------------------------------------------

DEBUG = env_bool("MEDREF_DEBUG", False)

_DEV_SECRET_KEY = "medref-insecure-development-key-never-use-in-production"
SECRET_KEY = env_str("MEDREF_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "MEDREF_SECRET_KEY must be set when MEDREF_DEBUG is False "
            "(for local development set MEDREF_DEBUG=True)"
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("MEDREF_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("MEDREF_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",  # login throttling (docs/security.md)
    "medref.accounts",
    "medref.organisation",
    "medref.meetings",
    "medref.web",
    "medref.search",
    "medref.absence",
    "medref.planning",
    "medref.participation",  # calendars, afbud, notes, comments (docs/participation.md)
    "medref.notifications",  # e-mail in the background, preferences, subscriptions
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "medref.accounts.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "medref.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a locked-out login into the Danish lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "medref.urls"
WSGI_APPLICATION = "medref.wsgi.application"
ASGI_APPLICATION = "medref.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# DATABASE_URL picks the database: sqlite:///path (default) or postgres://...

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'medref.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("MEDREF_DB_CONN_MAX_AGE", 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions avoid "database is locked" on concurrent writes;
    # WAL lets readers proceed while one process writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out account or address before a
# password is checked; then Django's own users (docs/security.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: after MEDREF_LOGIN_FAILURE_LIMIT failed logins for one
# user name, or from one address, further logins for it (right password
# included) are refused for MEDREF_LOGIN_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env_int("MEDREF_LOGIN_FAILURE_LIMIT", 5)
_lockout_minutes = env_int("MEDREF_LOGIN_LOCKOUT_MINUTES", 15)
if AXES_FAILURE_LIMIT <= 0 or _lockout_minutes <= 0:
    raise ImproperlyConfigured(
        "MEDREF_LOGIN_FAILURE_LIMIT and MEDREF_LOGIN_LOCKOUT_MINUTES must be positive numbers; "
        f"got {AXES_FAILURE_LIMIT} and {_lockout_minutes}"
    )
AXES_COOLOFF_TIME = dt.timedelta(minutes=_lockout_minutes)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "medref.accounts.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "medref.accounts.throttle.client_ip"
AXES_VERBOSE = False
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# --- Language and time ------------------------------------------------------

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "medref" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Files ------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("MEDREF_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDREF_MEDIA_ROOT", str(BASE_DIR / "media")))
if not DEBUG:
    # Production: the app serves STATIC_ROOT (filled by `manage.py collectstatic`)
    # itself through WhiteNoise, gzip/brotli-compressed, so no web server has to.
    # Not the manifest (hashed names) storage: tests run with MEDREF_DEBUG=False
    # and no collectstatic, where every {% static %} would then raise.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }

# --- Security (production behind HTTPS) ---------------------------------------

# The session and CSRF cookies are Secure (sent over HTTPS only) whenever
# MEDREF_DEBUG is False. MEDREF_ALLOW_PLAIN_HTTP=True serves plain HTTP
# instead, and only on this machine: every allowed host must be local.
MEDREF_ALLOW_PLAIN_HTTP = env_bool("MEDREF_ALLOW_PLAIN_HTTP", False)
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
if MEDREF_ALLOW_PLAIN_HTTP and any(
    host not in _LOCAL_HOSTS and not host.endswith(".localhost") for host in ALLOWED_HOSTS
):
    raise ImproperlyConfigured(
        "MEDREF_ALLOW_PLAIN_HTTP=True is for this machine only: MEDREF_ALLOWED_HOSTS must "
        f"name local hosts only (localhost, 127.0.0.1, [::1]); got {ALLOWED_HOSTS}"
    )
if env_str("MEDREF_SECURE_COOKIES", "") not in ("", "True", "true", "1") and not DEBUG:
    raise ImproperlyConfigured(
        "MEDREF_SECURE_COOKIES is gone: cookies are Secure whenever MEDREF_DEBUG is False. "
        "To serve plain HTTP on this machine set MEDREF_ALLOW_PLAIN_HTTP=True instead."
    )
SESSION_COOKIE_SECURE = not DEBUG and not MEDREF_ALLOW_PLAIN_HTTP
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("MEDREF_BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy on every response (docs/security.md): scripts,
# styles, images, fonts and requests from medref itself only; no inline
# script or style (htmx's own indicator styles are off, see web/base.html),
# no plug-ins, no framing, forms post to medref only.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Permissions-Policy (medref.accounts.middleware): browser features no page uses, off.
MEDREF_PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# How many reverse proxies in front of medref append the client's address to
# X-Forwarded-For (0: none, REMOTE_ADDR is the client). Login throttling
# counts failures per client address read this way.
MEDREF_TRUSTED_PROXIES = env_int("MEDREF_TRUSTED_PROXIES", 0)
if MEDREF_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(
        f"MEDREF_TRUSTED_PROXIES must be 0 or more; got {MEDREF_TRUSTED_PROXIES}"
    )

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("MEDREF_LOG_LEVEL", "WARNING")},
}

# --- medref -----------------------------------------------------------------

# Municipality used when a command or an import does not name one.
MEDREF_DEFAULT_MUNICIPALITY = env_str("MEDREF_DEFAULT_MUNICIPALITY", "Vejle Kommune")
# Largest file an import accepts, in bytes (default 50 MiB).
MEDREF_MAX_IMPORT_BYTES = env_int("MEDREF_MAX_IMPORT_BYTES", DEFAULT_LIMITS.max_bytes)
if MEDREF_MAX_IMPORT_BYTES <= 0:
    raise ImproperlyConfigured(
        f"MEDREF_MAX_IMPORT_BYTES must be a positive number of bytes; got {MEDREF_MAX_IMPORT_BYTES}"
    )

# Bilag uploaded in the agenda editor: largest file in bytes (default 25 MiB)
# and the file name extensions accepted.
MEDREF_ATTACHMENT_MAX_BYTES = env_int("MEDREF_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)
if MEDREF_ATTACHMENT_MAX_BYTES <= 0:
    raise ImproperlyConfigured(
        f"MEDREF_ATTACHMENT_MAX_BYTES must be a positive number of bytes; "
        f"got {MEDREF_ATTACHMENT_MAX_BYTES}"
    )
MEDREF_ATTACHMENT_TYPES = env_list(
    "MEDREF_ATTACHMENT_TYPES", ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "txt", "png", "jpg"]
)

# Guards the importers, and the text extraction of bilag for search, apply to
# one file (defaults: medref/lib/limits.py, the one definition): PDF pages
# read, seconds of OCR for a scanned PDF, what a DOCX (a zip) may unpack to,
# in total and as a multiple of its packed size, and seconds of reading.
_limits = DEFAULT_LIMITS
MEDREF_IMPORT_MAX_PAGES = env_int("MEDREF_IMPORT_MAX_PAGES", _limits.max_pages)
MEDREF_IMPORT_OCR_TIMEOUT = env_int("MEDREF_IMPORT_OCR_TIMEOUT", _limits.ocr_timeout)
MEDREF_IMPORT_MAX_UNZIPPED_BYTES = env_int(
    "MEDREF_IMPORT_MAX_UNZIPPED_BYTES", _limits.max_unzipped_bytes
)
MEDREF_IMPORT_MAX_COMPRESSION_RATIO = env_int(
    "MEDREF_IMPORT_MAX_COMPRESSION_RATIO", int(_limits.max_compression_ratio)
)
MEDREF_IMPORT_MAX_SECONDS = env_int("MEDREF_IMPORT_MAX_SECONDS", _limits.max_seconds)
for _name, _unit in (
    ("MEDREF_IMPORT_MAX_PAGES", "number of pages"),
    ("MEDREF_IMPORT_OCR_TIMEOUT", "number of seconds"),
    ("MEDREF_IMPORT_MAX_UNZIPPED_BYTES", "number of bytes"),
    ("MEDREF_IMPORT_MAX_COMPRESSION_RATIO", "ratio (unpacked size / packed size)"),
    ("MEDREF_IMPORT_MAX_SECONDS", "number of seconds"),
):
    if globals()[_name] <= 0:
        raise ImproperlyConfigured(f"{_name} must be a positive {_unit}; got {globals()[_name]}")

# Search: the Danish hunspell dictionary that splits compound words (a
# missing file only means fewer splits), the count above which a search says
# "over N resultater", and how many of the newest hits (plus heading hits)
# relevance ranks when there are more than that (medref/search/backends.py).
MEDREF_SEARCH_LEXICON = env_str("MEDREF_SEARCH_LEXICON", "/usr/share/hunspell/da_DK.dic")
MEDREF_SEARCH_COUNT_CAP = env_int("MEDREF_SEARCH_COUNT_CAP", 1000)
MEDREF_SEARCH_RANK_WINDOW = env_int("MEDREF_SEARCH_RANK_WINDOW", 500)
for _name in ("MEDREF_SEARCH_COUNT_CAP", "MEDREF_SEARCH_RANK_WINDOW"):
    if globals()[_name] <= 0:
        raise ImproperlyConfigured(f"{_name} must be a positive number; got {globals()[_name]}")

# Sickness absence (medref/absence, docs/absence.md): the key of the keyed hash
# that pseudonymises employee numbers (changing it orphans stored rows: import
# again), the smallest number of employees a figure may cover, the longest short
# absence period in calendar days, the types that count as sickness, and the
# days off besides the public holidays (MM-DD).
MEDREF_ABSENCE_PSEUDONYM_KEY = env_str("MEDREF_ABSENCE_PSEUDONYM_KEY", SECRET_KEY)
MEDREF_ABSENCE_MIN_EMPLOYEES = env_int("MEDREF_ABSENCE_MIN_EMPLOYEES", 5)
MEDREF_ABSENCE_SHORT_MAX_DAYS = env_int("MEDREF_ABSENCE_SHORT_MAX_DAYS", 7)
MEDREF_ABSENCE_SICKNESS_TYPES = env_list(
    "MEDREF_ABSENCE_SICKNESS_TYPES", ["egen sygdom", "delvis sygemelding", "arbejdsskade"]
)
MEDREF_ABSENCE_DAYS_OFF = env_list("MEDREF_ABSENCE_DAYS_OFF", ["06-05", "12-24", "12-31"])
if MEDREF_ABSENCE_MIN_EMPLOYEES < 1 or MEDREF_ABSENCE_SHORT_MAX_DAYS < 1:
    raise ImproperlyConfigured(
        "MEDREF_ABSENCE_MIN_EMPLOYEES and MEDREF_ABSENCE_SHORT_MAX_DAYS must be at least 1"
    )
for _day in MEDREF_ABSENCE_DAYS_OFF:
    try:
        dt.date(2000, *(int(part) for part in _day.split("-", 1)))
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"MEDREF_ABSENCE_DAYS_OFF: {_day!r} is not MM-DD") from None

# Participation (medref/participation, docs/participation.md): the site's address
# for links in e-mails and calendar UIDs (no request in the background), e-mail
# over SMTP when MEDREF_EMAIL_HOST is set (else printed on the console), and the
# background queue: Django's tasks in the database, run by `manage.py db_worker`.
MEDREF_SITE_URL = env_str("MEDREF_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_email_host = env_str("MEDREF_EMAIL_HOST", "")
_email_tls = env_bool("MEDREF_EMAIL_USE_TLS", True)
_email_ssl = env_bool("MEDREF_EMAIL_USE_SSL", False)
if _email_tls and _email_ssl:
    raise ImproperlyConfigured("MEDREF_EMAIL_USE_TLS and MEDREF_EMAIL_USE_SSL: choose one")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email_host,
            "port": env_int("MEDREF_EMAIL_PORT", 587),
            "username": env_str("MEDREF_EMAIL_USER", ""),
            "password": env_str("MEDREF_EMAIL_PASSWORD", ""),
            "use_tls": _email_tls,
            "use_ssl": _email_ssl,
            "timeout": env_int("MEDREF_EMAIL_TIMEOUT", 30),
        },
    }
    if _email_host
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = env_str("MEDREF_EMAIL_FROM", "medref <medref@localhost>")
INSTALLED_APPS += ["django_tasks_db"]
TASKS = {
    "default": {
        "BACKEND": env_str("MEDREF_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}
# Bilag text for search is read by the background worker (True; the worker must
# run) or right after the upload commits, in the request's thread (False, the
# default); within the import limits either way (docs/robustness.md).
MEDREF_BILAG_IN_WORKER = env_bool("MEDREF_BILAG_IN_WORKER", False)
# How many times a notification mail is tried before it is given up (a minute apart, growing).
MEDREF_EMAIL_ATTEMPTS = env_int("MEDREF_EMAIL_ATTEMPTS", 5)
MEDREF_EMAIL_RETRY_SECONDS = env_int("MEDREF_EMAIL_RETRY_SECONDS", 60)
