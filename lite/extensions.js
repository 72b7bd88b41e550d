/**
 * Which source extensions the FleetLab JupyterLite app bundles, and which of their plugins
 * start disabled.
 *
 * JupyterLab's core extensions as @jupyterlab/core-meta lists them, except those that need a
 * Jupyter server (debugger, extension manager, hub, plugin manager); JupyterLite's extensions,
 * which provide the in-browser contents, kernels, sessions and settings; and the ipywidgets
 * manager, which puts @jupyter-widgets/base 6 into the share scope for FleetLab's prebuilt
 * widget extension.
 */
const core = require("@jupyterlab/core-meta/core.package.json");

const SERVER_ONLY = new Set([
  "@jupyterlab/debugger-extension",
  "@jupyterlab/extensionmanager-extension",
  "@jupyterlab/hub-extension",
  "@jupyterlab/pluginmanager-extension",
]);

const LAB_EXTENSIONS = [
  ...new Set([...Object.keys(core.jupyterlab.extensions), ...Object.keys(core.jupyterlab.mimeExtensions)]),
].filter((name) => !SERVER_ONLY.has(name)).concat([
  "@jupyterlite/application-extension",
  "@jupyterlite/apputils-extension",
  "@jupyterlite/services-extension",
  "@jupyter-widgets/jupyterlab-manager",
]);

/**
 * Plugins replaced by JupyterLite's in-browser services or meaningless without a server, as
 * JupyterLite's own lab app disables them.
 */
const DISABLED_PLUGINS = [
  "@jupyterlab/application-extension:logo",
  "@jupyterlab/application-extension:main",
  "@jupyterlab/application-extension:router",
  "@jupyterlab/application-extension:tree-resolver",
  "@jupyterlab/apputils-extension:announcements",
  "@jupyterlab/apputils-extension:licenses-client",
  "@jupyterlab/apputils-extension:resolver",
  "@jupyterlab/docmanager-extension:download",
  "@jupyterlab/filebrowser-extension:download",
  "@jupyterlab/filebrowser-extension:share-file",
  "@jupyterlab/help-extension:about",
  "@jupyterlab/lsp-extension:plugin",
  "@jupyterlab/translation:translator",
  // Serves stdin and a synchronous file system to kernels that need them; FleetLab's uses neither.
  "@jupyterlite/application-extension:service-worker-manager",
  ...[
    "config-section-manager", "connection-status", "default-drive", "event-manager", "kernel-manager",
    "kernel-spec-manager", "nbconvert-manager", "session-manager", "setting-manager", "user-manager",
    "workspace-manager",
  ].map((plugin) => `@jupyterlab/services-extension:${plugin}`),
];

module.exports = { LAB_EXTENSIONS, DISABLED_PLUGINS };
