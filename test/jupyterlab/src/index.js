/**
 * Starts JupyterLab with its core extensions (extensions.js, generated from core-meta) and the
 * federated extensions of the page config; plugins the page config disables are left out.
 * The app is exposed as `window.jupyterapp` for the tests (test/helpers/jupyterlab.ts).
 */
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import { extensions, mimeExtensions } from "./extensions.js";
import "./style.js";

/** The plugins a module exports (ES default export or CommonJS). */
function pluginsOf(mod) {
  const data = Object.prototype.hasOwnProperty.call(mod, "__esModule") ? mod.default : mod;
  return Array.isArray(data) ? data : [data];
}

const tokenInfo = (token) => ({ name: token.name, description: token.description });

async function federatedModule(name, module) {
  const factory = await window._JUPYTERLAB[name].get(module);
  return factory();
}

export async function main() {
  const federated = JSON.parse(PageConfig.getOption("federated_extensions") || "[]");
  const federatedNames = new Set(federated.map((e) => e.name));
  // [extension name, loader, kind]; a federated build replaces a source extension of the same name.
  const sources = [
    ...mimeExtensions.filter(([name]) => !federatedNames.has(name)).map(([name, load]) => [name, load, "mime"]),
    ...federated.filter((e) => e.mimeExtension).map((e) => [e.name, () => federatedModule(e.name, e.mimeExtension), "mime"]),
    ...extensions.filter(([name]) => !federatedNames.has(name)).map(([name, load]) => [name, load, "plugin"]),
    ...federated.filter((e) => e.extension).map((e) => [e.name, () => federatedModule(e.name, e.extension), "plugin"]),
    ...federated.filter((e) => e.style).map((e) => [e.name, () => federatedModule(e.name, e.style), "style"]),
  ];
  const loaded = await Promise.allSettled(sources.map(([, load]) => load()));

  const plugins = [];
  const mimePlugins = [];
  const availablePlugins = [];
  const disabled = [];
  const deferred = [];
  loaded.forEach((result, i) => {
    const [name, , kind] = sources[i];
    if (result.status === "rejected") {
      console.error(`cannot load ${name}`, result.reason);
      return;
    }
    if (kind === "style") return;
    for (const plugin of pluginsOf(result.value)) {
      const enabled = !PageConfig.Extension.isDisabled(plugin.id);
      availablePlugins.push({
        id: plugin.id, description: plugin.description, autoStart: plugin.autoStart, extension: name, enabled,
        requires: (plugin.requires ?? []).map(tokenInfo), optional: (plugin.optional ?? []).map(tokenInfo),
        provides: plugin.provides ? tokenInfo(plugin.provides) : null,
      });
      if (!enabled) {
        disabled.push(plugin.id);
        continue;
      }
      if (PageConfig.Extension.isDeferred(plugin.id)) deferred.push(plugin.id);
      (kind === "mime" ? mimePlugins : plugins).push(plugin);
    }
  });

  const lab = new JupyterLab({
    mimeExtensions: mimePlugins.map((plugin) => ({ default: plugin, __esModule: true })),
    disabled: { matches: disabled, patterns: PageConfig.Extension.disabled },
    deferred: { matches: deferred, patterns: PageConfig.Extension.deferred },
    availablePlugins,
  });
  lab.registerPlugins(plugins);
  await lab.start({ ignorePlugins: JSON.parse(PageConfig.getOption("ignorePlugins") || "[]"), bubblingKeydown: true });
  window.jupyterapp = lab;
}
