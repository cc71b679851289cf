"""The citizens' convention platform (Flask application)."""
import os

from flask import Flask

from . import config, extensions, web


def create_app(test_config=None):
    """Application factory: defaults, then instance/config.py and CONVENTION_* variables (or tests')."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder=os.path.join(os.path.dirname(__file__), os.pardir, "templates"))
    app.config.from_object("convention.config.Defaults")
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)     # instance/config.py
        app.config.from_prefixed_env("CONVENTION")           # CONVENTION_DATABASE_URL=...
    else:
        app.config.update(test_config)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES",
                          os.path.join(os.path.dirname(app.root_path), "translations"))
    config.finish(app)
    extensions.init_app(app)
    from . import models  # noqa: F401  (every model registered before the first query)
    for blueprint in blueprints():
        app.register_blueprint(blueprint)
    web.init_app(app)
    from . import cli
    app.cli.add_command(cli.convention_cli)
    return app


def blueprints():
    from .audit.views import bp as audit
    from .auth.views import bp as auth
    from .contributions.views import bp as contributions
    from .organising.views import bp as conventions
    from .draw.views import bp as draw
    from .groups.views import bp as groups
    from .hearings.views import bp as hearings
    from .mail.views import bp as mail
    from .privacy.views import bp as privacy
    from .proposals.views import bp as proposals
    from .public.views import bp as public
    from .sessions.views import bp as sessions
    from .tasks.views import bp as tasks
    from .themes.views import bp as themes

    return [public, auth, conventions, draw, sessions, hearings, contributions, themes, groups, proposals, audit, privacy,
            tasks, mail]
