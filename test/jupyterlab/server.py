#!/usr/bin/python3
"""Serves the test JupyterLab built by build.js with Debian's jupyter_server and jupyterlab_server.

    /usr/bin/python3 test/jupyterlab/server.py --port=PORT --token=TOKEN --root-dir=DIR \
        --state-dir=DIR

JupyterLab's own Python package (which Debian does not ship) is a LabServerApp pointed at
the app's built static files; this is the same, pointed at test/jupyterlab/.build/. Settings
and workspaces go to --state-dir, notebooks are served from --root-dir. Kernels are found on
JUPYTER_PATH as usual: the tests put a scratch prefix holding the FleetLab kernelspec there.
Listens on 127.0.0.1 only.
"""
import argparse
import json
import os
import sys

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyterlab_server import LabServerApp
from tornado import web
from tornado.websocket import WebSocketHandler
from traitlets import default

BUILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".build")

# Plugins that call the JupyterLab Python package's own REST endpoints (extension manager,
# news, the build checker), which a LabServerApp does not have.
DISABLED_PLUGINS = [
    "@jupyterlab/extensionmanager-extension",
    "@jupyterlab/apputils-extension:announcements",
]


# JupyterLab 4 expects jupyter_server >= 2 and jupyter_lsp; Debian 12 has jupyter_server 1.23
# and no jupyter_lsp. These three stand in for the endpoints its front end calls at start-up,
# answering as those servers do when nothing is configured.


class IdentityHandler(APIHandler):
    """GET /api/me (jupyter_server 2's identity API): the one local user, no permissions asked."""

    @web.authenticated
    def get(self):
        user = {"username": "student", "name": "Student", "display_name": "Student", "initials": "S",
                "avatar_url": None, "color": None}
        self.finish(json.dumps({"identity": user, "permissions": {}}))


class EventsHandler(WebSocketMixin, WebSocketHandler, JupyterHandler):
    """/api/events/subscribe (jupyter_server 2's event bus): accepts and emits no events."""

    async def get(self, *args, **kwargs):
        if self.current_user is None:
            raise web.HTTPError(403)
        return await super().get(*args, **kwargs)

    def on_message(self, message):
        pass


class LanguageServersHandler(APIHandler):
    """GET /lsp/status (jupyter_lsp): no language servers."""

    @web.authenticated
    def get(self):
        self.finish(json.dumps({"version": 2, "sessions": {}, "specs": {}}))


class FleetLabTestLab(LabServerApp):
    """JupyterLab 4.6.3's front end, served from test/jupyterlab/.build."""

    name = "fleetlab_test_lab"
    app_name = "JupyterLab"
    app_version = "4.6.3"
    load_other_extensions = False

    @default("static_dir")
    def _static_dir(self):
        return os.path.join(BUILD, "static")

    @default("templates_dir")
    def _templates_dir(self):
        return os.path.join(BUILD, "static")

    @default("schemas_dir")
    def _schemas_dir(self):
        return os.path.join(BUILD, "schemas")

    @default("themes_dir")
    def _themes_dir(self):
        return os.path.join(BUILD, "themes")

    @default("labextensions_path")
    def _labextensions_path(self):
        return [os.path.join(BUILD, "labextensions")]

    def initialize_handlers(self):
        self.handlers.extend([
            (r"/api/me", IdentityHandler),
            (r"/api/events/subscribe", EventsHandler),
            (r"/lsp/status", LanguageServersHandler),
        ])
        super().initialize_handlers()

    def initialize_settings(self):
        super().initialize_settings()
        self.serverapp.web_app.settings["page_config_hook"] = _page_config


def _page_config(handler, page_config):
    """The page config after jupyterlab_server's: our disabled plugins added."""
    page_config["disabledExtensions"] = sorted(set(page_config.get("disabledExtensions", [])) | set(DISABLED_PLUGINS))
    return page_config


def _jupyter_server_extension_points():
    return [{"module": "__main__", "app": FleetLabTestLab}]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--root-dir", required=True)
    parser.add_argument("--state-dir", required=True)
    args = parser.parse_args()
    if not os.path.exists(os.path.join(BUILD, "static", "index.html")):
        sys.exit(f"{BUILD} has no built app: run `node test/jupyterlab/build.js` first")
    state = os.path.abspath(args.state_dir)
    FleetLabTestLab.launch_instance([
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={args.port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.token={args.token}",
        f"--ServerApp.root_dir={os.path.abspath(args.root_dir)}",
        "--ServerApp.open_browser=False",
        "--ServerApp.allow_root=True",
        "--ServerApp.terminals_enabled=False",
        f"--FleetLabTestLab.user_settings_dir={os.path.join(state, 'settings')}",
        f"--FleetLabTestLab.workspaces_dir={os.path.join(state, 'workspaces')}",
        f"--FleetLabTestLab.app_settings_dir={os.path.join(state, 'app-settings')}",
    ])


if __name__ == "__main__":
    main()
