/**
 * The app's entry: loads every federated extension's container (remoteEntry.js) listed in the
 * page config and initialises it from the "default" share scope, so that one copy of each
 * shared package is chosen across the app and all extensions, then starts JupyterLab
 * (index.js, imported only now so that it consumes the shared modules chosen).
 */
const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${url}`));
    document.head.appendChild(script);
  });
}

async function loadContainer({ name, load }) {
  await loadScript(`${config.fullLabextensionsUrl}/${name}/${load}`);
  await __webpack_init_sharing__("default");
  await window._JUPYTERLAB[name].init(__webpack_share_scopes__.default);
}

void (async () => {
  for (const result of await Promise.allSettled((config.federated_extensions ?? []).map(loadContainer))) {
    if (result.status === "rejected") console.error(result.reason);
  }
  const { main } = await import("./index.js");
  if (document.readyState === "complete") await main();
  else window.addEventListener("load", () => void main());
})();
