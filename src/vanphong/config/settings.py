"""The one settings module. Every knob is a ``VANPHONG_*`` environment variable with a safe default.

Defaults give a single-machine install: SQLite in WAL mode and files under ``VANPHONG_DATA_DIR``
(``./var``), Vietnamese interface, Vietnam time. Production-grade settings (HTTPS cookies, HSTS)
follow from ``VANPHONG_BASE_URL``: an ``https://`` base URL turns them on.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"VANPHONG_{name}") or default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "")
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(env("DATA_DIR", "./var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("TESTING", False)


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data directory."""
    if key := env("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

BASE_URL = env("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
_base = urlsplit(BASE_URL)
BASE_URL_IS_HTTPS = _base.scheme == "https"
BASE_URL_IS_LOOPBACK = (_base.hostname or "") in {"127.0.0.1", "localhost", "::1"}

ALLOWED_HOSTS = [
    h.strip()
    for h in env("ALLOWED_HOSTS", f"127.0.0.1,localhost,{_base.hostname or 'localhost'}").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [f"{_base.scheme}://{_base.netloc}"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "vanphong.core",
    "vanphong.audit",
    "vanphong.org",
    "vanphong.documents",
    "vanphong.search",
    "vanphong.signing",
    "vanphong.registers",
    "vanphong.work",
    "vanphong.incoming",
    "vanphong.exchange",
    "vanphong.outgoing",
    "vanphong.api",
    "vanphong.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vanphong.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "vanphong.config.urls"
# Django's widget templates, but selects written in Python (a list's filters: 3 → 1 ms).
FORM_RENDERER = "vanphong.web.rendering.FormRenderer"
WSGI_APPLICATION = "vanphong.config.wsgi.application"

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
                "vanphong.web.context.layout",
            ],
        },
    },
]

# Database: SQLite in the data directory unless VANPHONG_DATABASE_URL says otherwise.
_database_url = env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'vanphong.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a write transaction takes the write lock when it begins, so two writers
        # queue on busy_timeout instead of one failing with "database is locked" on upgrade.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # The office's queries are short, yet the planner's estimate for a scoped list or search
    # crosses jit_above_cost although a LIMIT stops it early: compiling it took most of a
    # second. JIT off for our connections (PostgreSQL's own setting stays as it is).
    # random_page_cost as for data that is cached or on SSD (the default 4 is for spinning
    # disks): at 4 the planner reads a whole table by a hash join rather than look up the few
    # rows a person's assignments point to, which costs more as the archive grows.
    # No parallel workers: the queries read a page or a capped count through an index, and
    # starting workers took longer than the work (a clerk's count: 2 ms of work, 8 ms of
    # starting two workers and merging their rows, on 2 cores that other requests need).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c jit=off -c random_page_cost=1.1 "
        "-c max_parallel_workers_per_gather=0"
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing 1M PBKDF2 rounds per login would dominate the test suite's time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Vietnamese first: interface, dates dd/mm/yyyy, Vietnam time.
LANGUAGE_CODE = "vi"
# Each language is named in itself, as a person looking for their language expects to find it.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["vanphong.config.formats"]
LANGUAGE_COOKIE_NAME = "vanphong_language"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from here once collectstatic has run
MEDIA_ROOT = DATA_DIR / "files"
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False) and not TESTING

# Uploads: each file at most MAX_UPLOAD_MB, at most MAX_UPLOAD_FILES in one request; bigger
# requests are refused before their body is read (documents.uploads).
MAX_UPLOAD_MB = int(env("MAX_UPLOAD_MB", "50"))
MAX_UPLOAD_FILES = int(env("MAX_UPLOAD_FILES", "10"))
# The largest request body accepted at all: several files at the limit, plus the form fields.
# `vanphong serve` refuses bigger bodies before reading them; put the same limit in front of
# other servers (nginx: client_max_body_size).
MAX_REQUEST_BYTES = (MAX_UPLOAD_MB * MAX_UPLOAD_FILES + 1) * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "vanphong.documents.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp"
FILE_UPLOAD_TEMP_DIR.mkdir(exist_ok=True)
DATA_UPLOAD_MAX_NUMBER_FILES = MAX_UPLOAD_FILES

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # By default WhiteNoise serves the static files straight from the apps (no collectstatic,
    # nothing to get out of date). A large deployment sets VANPHONG_STATIC_MANIFEST=1 and runs
    # `vanphong collectstatic`: content-hashed, pre-compressed names, cacheable for ever.
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Served from the app directories when collectstatic has not been run (make run, tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Background tasks: one mechanism, the queue in the database (django-tasks API).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env("TASKS_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
# A worker that has not been heard of for this many seconds is presumed dead, and the jobs it
# was running are given back to the queue.
WORKER_HEARTBEAT_SECONDS = int(env("WORKER_HEARTBEAT_SECONDS", "10"))
WORKER_DEAD_AFTER_SECONDS = int(env("WORKER_DEAD_AFTER_SECONDS", "60"))

SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if BASE_URL_IS_HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS: list[str] = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
elif BASE_URL_IS_LOOPBACK:
    # Served on the loopback interface only (`make run`): there is no network to secure the
    # transport on, and secure-only cookies would make logging in impossible over http.
    # Behind a TLS proxy set VANPHONG_BASE_URL=https://… and these settings turn on.
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]
else:
    SILENCED_SYSTEM_CHECKS = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Libraries that narrate every step at INFO: PDF rendering, OCR, fonts.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "ocrmypdf": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        # pyHanko logs every untrusted chain with a traceback; the verdict is shown anyway.
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
    },
}

# API tokens: how long a token lives when created without an explicit expiry (days, 0 = never).
API_TOKEN_DAYS = int(env("API_TOKEN_DAYS", "365"))
