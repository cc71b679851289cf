"""Configuration: instance secret key, database URL, environment variables."""
import os
import stat

from convention import config, create_app


def test_secret_key_is_generated_once_and_private(tmp_path):
    key = config.instance_secret_key(tmp_path)
    assert len(key) == 64 and config.instance_secret_key(tmp_path) == key
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600


def test_postgres_urls_use_psycopg_3():
    assert config.normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_environment_variables_override_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("CONVENTION_DATABASE_URL", f"sqlite:///{tmp_path}/env.sqlite")
    monkeypatch.setenv("CONVENTION_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("CONVENTION_PER_PAGE", "7")
    monkeypatch.setenv("CONVENTION_TASKS_IMMEDIATE", "true")  # the queue is global: keep tests immediate
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/env.sqlite"
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["PER_PAGE"] == 7
    assert app.config["BABEL_DEFAULT_LOCALE"] == "fr"


def test_trusted_proxy_headers(tmp_path):
    from convention_testing import app_config

    app = create_app(app_config(f"sqlite:///{tmp_path}/p.sqlite", TRUSTED_PROXIES=1))

    @app.get("/_scheme")
    def scheme():
        from flask import request

        return request.scheme

    response = app.test_client().get("/_scheme", headers={"X-Forwarded-Proto": "https"})
    assert response.get_data(as_text=True) == "https"


def test_oversized_uploads_get_a_readable_page(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    response = client.post("/login", data={"email": "x" * 2048})
    assert response.status_code == 413
    assert "Fichier trop volumineux" in response.get_data(as_text=True)
