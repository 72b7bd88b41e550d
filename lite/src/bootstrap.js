/**
 * The app's entry. A static site has no server to render the page config, so this assembles
 * it before anything reads it: the site's jupyter-lite.json (at the root the page's
 * `data-lite-root` names) overlaid with the page's own config, every "./" URL in it made
 * absolute from the site root, so the site works under any path prefix. Then it loads each
 * federated extension's container (remoteEntry.js) and initialises it from the "default"
 * share scope, and only then imports index.js, so JupyterLab consumes the shared modules
 * chosen across the app and all extensions.
 */
const CONFIG_ID = "jupyter-config-data";

/** The page config: site-wide settings with the page's on top, relative URLs resolved. */
async function pageConfig() {
  const script = document.getElementById(CONFIG_ID);
  const root = new URL(`${script.dataset.liteRoot ?? "."}/`, window.location.href);
  const response = await fetch(new URL("jupyter-lite.json", root));
  if (!response.ok) throw new Error(`cannot load ${response.url}: ${response.status}`);
  const site = (await response.json())[CONFIG_ID] ?? {};
  const config = { ...site, ...JSON.parse(script.textContent || "{}") };
  for (const [key, value] of Object.entries(config)) {
    // Keys ending in Url name places on this site; themesUrl is joined to baseUrl by JupyterLab itself.
    if (key.endsWith("Url") && typeof value === "string" && value.startsWith("./")) {
      config[key] = new URL(value, root).pathname;
    }
  }
  script.textContent = JSON.stringify(config);
  return config;
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${url}`));
    document.head.appendChild(script);
  });
}

async function loadContainer(labextensionsUrl, { name, load }) {
  await loadScript(`${labextensionsUrl}/${name}/${load}`);
  await __webpack_init_sharing__("default");
  await window._JUPYTERLAB[name].init(__webpack_share_scopes__.default);
}

void (async () => {
  const config = await pageConfig();
  const containers = (config.federated_extensions ?? []).map((e) => loadContainer(config.fullLabextensionsUrl, e));
  for (const result of await Promise.allSettled(containers)) {
    if (result.status === "rejected") console.error(result.reason);
  }
  const { main } = await import("./index.js");
  await main();
})();
