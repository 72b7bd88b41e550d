/**
 * Plain-data types of the lab host page (lab-host.ts), kept free of the DOM so Node-side
 * tests can import them.
 */

/** One `federated_extensions` entry of the page config (as jupyterlab_server writes it). */
export interface FederatedExtension {
  name: string;
  load: string;
  extension?: string;
  mimeExtension?: string;
  style?: string;
}

/** A package the host offers in the "default" share scope, at the version it announces. */
export interface SharedOffer {
  /** One of the packages lab-host.ts bundles: @jupyter-widgets/base, @lumino/{coreutils,messaging,signaling,widgets}. */
  name: string;
  version: string;
}

/** What the start-up did, in plain data for the test. */
export interface StartReport {
  loaded: { name: string; error: string | null }[];
  modules: { name: string; error: string | null }[];
  /** Share scope after every container's init: package -> version -> { from, loaded }. */
  shareScope: Record<string, Record<string, { from: string; loaded: boolean }>>;
  plugins: {
    id: string;
    scope: string;
    autoStart: boolean | string | undefined;
    requires: string[];
    requiresHostRegistryToken: boolean;
    provides: string | null;
  }[];
  activated: string[];
  activationError: string | null;
  registered: { name: string; version: string; exportNames: string[]; notHostClasses: string[] }[];
}

