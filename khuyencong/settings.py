"""Django settings, read from the environment.

DATABASE_URL points at a PostgreSQL server; without it the app starts its own
embedded PostgreSQL under `.data/`. There is no other database engine.
"""

import datetime as dt
import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from khuyencong.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = envstr("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = envbool("DEBUG", default=not PRODUCTION)
SECRET_KEY = envstr("SECRET_KEY") or ("" if PRODUCTION else "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")

# Demo logins (canbo, lanhdao, ...) are created only outside production.
DEMO_ENABLED = not PRODUCTION

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_tasks_db",
    "accounts",
    "programs",
    "projects",
    "budgets",
    "reports",
    "imports",
    "attachments",
    "portal",
    "notifications",
    "scheduling",
    "reporting",
    "execution",
    "guide",
    "api",
    # django-ninja: its Swagger page is served from its own static files (no CDN; CSP allows only self).
    "ninja",
    "axes",
    "ops",
    # Above the domain apps: the access policy, the home page and its template tags, the demo data.
    "policy",
    "home",
    "seeding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "khuyencong.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "khuyencong.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Reports, exports and the API read from the replica, if there is one (REPORTS_DATABASE_URL).
    "khuyencong.databases.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "ops.middleware.RefusedAccessLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "khuyencong.urls"
WSGI_APPLICATION = "khuyencong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

_database_url = envstr("DATABASE_URL")
if not _database_url:
    from khuyencong.embedded_db import embedded_database_url

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _database_url = embedded_database_url(BASE_DIR / ".data")
# JIT off: the planner over-estimates the recursive unit-scope subqueries (policy/access.py)
# by four orders of magnitude and spends about 450 ms compiling each of them, for queries
# that execute in a few milliseconds.
_DATABASE_OPTIONS = {"options": "-c jit=off"}
# Persistent connections, checked before each request reuses one: after PostgreSQL restarts,
# the dead connection is replaced by itself instead of failing the next request.
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
DATABASES["default"].setdefault("OPTIONS", {}).update(_DATABASE_OPTIONS)
# Reports and large exports may read from a streaming replica (khuyencong/databases.py).
if envstr("REPORTS_DATABASE_URL"):
    DATABASES["reports"] = dj_database_url.parse(
        envstr("REPORTS_DATABASE_URL"), conn_max_age=60, conn_health_checks=True
    )
    DATABASES["reports"].setdefault("OPTIONS", {}).update(_DATABASE_OPTIONS)
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
    # Reads of the requests that khuyencong.databases.ReplicaReadsMiddleware sends there.
    DATABASE_ROUTERS = ["khuyencong.databases.ReplicaRouter"]

# Several web servers share one cache in Redis (REDIS_CACHE_URL); a cache that is down only
# misses (khuyencong/cache.py). Without it each process keeps its own small cache in memory.
if envstr("REDIS_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "khuyencong.cache.TolerantRedisCache",
            "LOCATION": envstr("REDIS_CACHE_URL"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Throttling first: a locked-out username+address pair never reaches the password check.
    "ops.auth.LoginThrottleBackend",
    "ops.auth.DemoLoginRefusalBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The first hasher makes new hashes; the others still verify existing ones, which
# Django re-hashes with the first at the owner's next successful login.
PASSWORD_HASHERS = [
    "khuyencong.hashers.OfficeArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Exports and rendered reports; several machines point it at one shared directory.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT") or BASE_DIR / ".data" / "media")

# Evidence files (attachments): outside the web root and outside MEDIA_ROOT, reached only
# through attachments.views.download. Several machines share an S3-compatible object store
# instead: ATTACHMENTS_S3_BUCKET (with ATTACHMENTS_S3_ENDPOINT_URL for a store other than
# AWS; credentials from the usual AWS_* variables) and `pip install django-storages[s3]`.
ATTACHMENTS_ROOT = Path(envstr("ATTACHMENTS_ROOT") or BASE_DIR / ".data" / "attachments")
if envstr("ATTACHMENTS_S3_BUCKET"):
    STORAGES["attachments"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": envstr("ATTACHMENTS_S3_BUCKET"),
            "endpoint_url": envstr("ATTACHMENTS_S3_ENDPOINT_URL") or None,
            "region_name": envstr("ATTACHMENTS_S3_REGION") or None,
            "location": "attachments",
            "default_acl": "private",
            "querystring_auth": True,  # no public URL: the view streams the file anyway
            "file_overwrite": False,
        },
    }
else:
    STORAGES["attachments"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": ATTACHMENTS_ROOT, "base_url": None},
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Background work (exports too big for a request), on Django's tasks framework.
# Default: the database-backed queue of django-tasks-db, run by `manage.py db_worker`
# on any machine that reaches the database. With several machines, TASKS_BACKEND=celery
# puts the queue on a broker, Redis or RabbitMQ (CELERY_BROKER_URL, e.g.
# redis://127.0.0.1:6379/0 or amqp://guest:guest@127.0.0.1:5672//), and
# `celery -A khuyencong.celery worker` runs it (see README, "Several machines").
TASKS_BACKEND = envstr("TASKS_BACKEND", "database")
if TASKS_BACKEND == "celery":
    REDIS_URL = envstr("REDIS_URL", "redis://127.0.0.1:6379/0")
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_celery.CeleryBackend",
            # Django's queue "default" is sent to Celery's default queue, CELERY_TASK_DEFAULT_QUEUE.
            "QUEUES": ["default"],
            "OPTIONS": {"CELERY_APP": "khuyencong.celery.app"},
        }
    }
    CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", REDIS_URL)
    # The job's own row (reports.ExportJob) says how far it got; Celery's results are kept
    # only when a result store is named.
    CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND") or None
    CELERY_RESULT_EXTENDED = True
    # One queue name per installation: two installations (or two test runs) sharing a broker
    # never take each other's jobs.
    CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "khuyencong")
    # A job is acknowledged when it is finished, not when it is taken: a worker that dies in
    # the middle leaves the message to another worker (the job itself is idempotent, see
    # reports.tasks.run_export_job), and a worker holds only the job it is running.
    CELERY_TASK_ACKS_LATE = True
    CELERY_TASK_REJECT_ON_WORKER_LOST = True
    CELERY_WORKER_PREFETCH_MULTIPLIER = 1
    CELERY_TASK_SERIALIZER = "json"
    CELERY_ACCEPT_CONTENT = ["json"]
    # Redis gives an unacknowledged message back after this many seconds (RabbitMQ as soon as
    # the dead worker's connection closes). Longer than the longest export is not required: a
    # second delivery of a job still running elsewhere waits for it (reports.tasks).
    _visibility_timeout = envint("CELERY_VISIBILITY_TIMEOUT", 600)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": _visibility_timeout,
        # Look for such messages about ten times per timeout (kombu's default: every 100 s).
        "unacked_restore_interval": max(1, _visibility_timeout // 10),
        "unacked_restore_throttle": 1,
    }
    # A broker that is down refuses a new job within a second or two instead of holding the page.
    CELERY_BROKER_CONNECTION_TIMEOUT = 2
    CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
    CELERY_TASK_PUBLISH_RETRY_POLICY = {
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
    }
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# E-mail for notifications (notifications/mail.py), as Django 6.1's MAILERS: SMTP on the host and
# port given; the development default prints messages on the console instead of sending them.
_EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": (
            {
                "host": envstr("EMAIL_HOST", "127.0.0.1"),
                "port": envint("EMAIL_PORT", 25),
                "username": envstr("EMAIL_HOST_USER", ""),
                "password": envstr("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", False),
                "timeout": envint("EMAIL_TIMEOUT", 10),
            }
            if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Khuyến công <khuyencong@localhost>")
# The address users reach the site at: links in e-mails are made absolute with it.
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
# A delivery of an export job that another live worker is making looks again after this long.
EXPORT_JOB_RECHECK_SECONDS = envint("EXPORT_JOB_RECHECK_SECONDS", 30)
# Exports larger than this many rows are made in the background, not in the request.
EXPORT_INLINE_MAX_ROWS = int(envstr("EXPORT_INLINE_MAX_ROWS", "500"))
# An uploaded workbook whose sheets declare more data rows is checked, then applied, by the
# task worker, with a progress bar (imports/tasks.py); smaller ones within the request.
IMPORT_INLINE_MAX_ROWS = envint("IMPORT_INLINE_MAX_ROWS", 2000)
# Rendered report files kept for reuse (reports.cache): at most this many bytes, least recently served out first.
REPORT_CACHE_MAX_BYTES = int(envstr("REPORT_CACHE_MAX_BYTES", str(500 * 1024 * 1024)))
REPORT_CACHE_ENABLED = envbool("REPORT_CACHE_ENABLED", default=True)  # off: every download is rendered anew

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"utc": {"()": "ops.log_format.UTCFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "utc"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Logins, failed logins and refused access: always kept, whatever LOG_LEVEL says.
        "khuyencong.security": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------------------
# Security: login throttling, Content Security Policy, sessions, production.
# ---------------------------------------------------------------------------

# django-axes: lock a username *from one address*, never a whole address, so one
# attacker behind an office's shared NAT cannot lock everyone else out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "ops.network.client_ip"
AXES_USERNAME_CALLABLE = "ops.auth.throttled_username"
AXES_LOCKOUT_TEMPLATE = "ops/locked_out.html"
# Addresses of reverse proxies in front of the app (nginx on the same host): only
# then is the last X-Forwarded-For entry, written by that proxy, believed.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "127.0.0.1,::1")

# Django's Content Security Policy: scripts and styles only from our own static
# files, never inline. Enforced in production, reported elsewhere so that a page
# that would break shows up in the browser console during development.
_CSP_POLICY = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

if PRODUCTION:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_ENV=production cần SECRET_KEY (SECRET_KEY is required in production).")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ENV=production cần ALLOWED_HOSTS (ALLOWED_HOSTS is required in production).")
    DEBUG = False
    SECURE_CSP = _CSP_POLICY
    # nginx terminates TLS and says so in X-Forwarded-Proto (see deploy/nginx/khuyencong.conf).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    # The health probe comes over loopback without TLS.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    SESSION_COOKIE_SECURE = True
    # Sessions end after this many seconds without a request (saving the session on
    # every request is what makes the timeout count from the last request).
    SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 30 * 60)
    SESSION_SAVE_EVERY_REQUEST = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
    STORAGES["staticfiles"]["BACKEND"] = "ops.storage.ProductionStaticFilesStorage"
    AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},  # type: ignore[dict-item]
        },
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]
else:
    SECURE_CSP_REPORT_ONLY = _CSP_POLICY

# Backups written by `manage.py backup` (see ops/management/commands/backup.py).
BACKUP_DIR = Path(envstr("BACKUP_DIR") or BASE_DIR / ".data" / "backups")
