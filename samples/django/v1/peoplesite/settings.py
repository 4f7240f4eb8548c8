"""Settings of the sample application (both versions have the same). The database is reached through the dualwrite
sidecar: DW_DB_HOST and DW_DB_PORT name the sidecar, not the server."""
import os

SECRET_KEY = "sample-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["people"]
MIDDLEWARE = []
ROOT_URLCONF = "peoplesite.urls"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("DW_DB_HOST", "127.0.0.1"),
        "PORT": os.environ.get("DW_DB_PORT", "6432"),
        "NAME": os.environ.get("DW_DB_NAME", "dualwrite_django_sample"),
        "USER": os.environ.get("DW_DB_USER", "postgres"),
        "PASSWORD": os.environ.get("DW_DB_PASSWORD", ""),
        # Persistent connections, as a production deployment keeps them.
        "CONN_MAX_AGE": 60,
        "OPTIONS": {"connect_timeout": 10},
    }
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
