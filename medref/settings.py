"""Django settings for medref.

Every setting comes from an environment variable (documented in
``.env.example``), read through the typed helpers in ``medref.lib.env``. A
value that cannot be understood stops startup with ``ImproperlyConfigured``.
Nothing else in medref reads the environment for configuration.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from medref.lib.env import env_bool, env_database, env_int, env_list, env_str

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
    "medref.accounts",
    "medref.organisation",
    "medref.meetings",
    "medref.web",
    "medref.search",
    "medref.planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "medref.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

SESSION_COOKIE_SECURE = env_bool("MEDREF_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("MEDREF_BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

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
MEDREF_MAX_IMPORT_BYTES = env_int("MEDREF_MAX_IMPORT_BYTES", 50 * 1024 * 1024)
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

# Guards the importers apply to one file (defaults equal the front ends' own
# constants): PDF pages read, seconds of OCR for a scanned PDF, and what a
# DOCX (a zip) may unpack to, in total and as a multiple of its packed size.
MEDREF_IMPORT_MAX_PAGES = env_int("MEDREF_IMPORT_MAX_PAGES", 500)
MEDREF_IMPORT_OCR_TIMEOUT = env_int("MEDREF_IMPORT_OCR_TIMEOUT", 300)
MEDREF_IMPORT_MAX_UNZIPPED_BYTES = env_int("MEDREF_IMPORT_MAX_UNZIPPED_BYTES", 200 * 1024 * 1024)
MEDREF_IMPORT_MAX_COMPRESSION_RATIO = env_int("MEDREF_IMPORT_MAX_COMPRESSION_RATIO", 100)
for _name, _unit in (
    ("MEDREF_IMPORT_MAX_PAGES", "number of pages"),
    ("MEDREF_IMPORT_OCR_TIMEOUT", "number of seconds"),
    ("MEDREF_IMPORT_MAX_UNZIPPED_BYTES", "number of bytes"),
    ("MEDREF_IMPORT_MAX_COMPRESSION_RATIO", "ratio (unpacked size / packed size)"),
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
