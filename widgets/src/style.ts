/**
 * The widget set's stylesheet, injected once per document so that the same
 * bundle works in JupyterLab and in a plain saved-state page. Every colour is one of
 * JupyterLab's theme variables (so light, dark and high-contrast themes all read), with a
 * light fallback for pages outside JupyterLab. Charts follow the same variables (theme.ts).
 */
const CSS = `
.fleetlab-widget { font: 13px/1.4 var(--jp-ui-font-family, system-ui, sans-serif); color: var(--jp-ui-font-color1, #222); margin: 4px 0; }
.fleetlab-widget input:not([type=range]):not([type=checkbox]), .fleetlab-widget select, .fleetlab-widget textarea, .fleetlab-widget button {
  font: inherit; color: var(--jp-ui-font-color1, #222); background: var(--jp-layout-color1, #fff);
  border: 1px solid var(--jp-border-color1, #bbb); border-radius: 2px; }
.fleetlab-widget input[type=range], .fleetlab-widget input[type=checkbox] { accent-color: var(--jp-brand-color1, #1565c0); }
.fleetlab-row { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.fleetlab-label { min-width: 8em; }
.fleetlab-readout { font-variant-numeric: tabular-nums; min-width: 6em; }
.fleetlab-notice { color: var(--jp-error-color1, #b00020); font-size: 12px; margin-top: 2px; }
.fleetlab-widget [disabled], .fleetlab-widget [readonly] { opacity: 0.6; }
.fleetlab-slider input[type=range] { width: 240px; }
.fleetlab-lock { border: 1px solid var(--jp-border-color1, #ccc); border-radius: 4px; padding: 8px; }
.fleetlab-lock.is-locked { border-color: var(--jp-success-color1, #2e7d32); background: var(--jp-layout-color2, #f1f8f1); }
.fleetlab-gauge-bar { width: 200px; height: 10px; background: var(--jp-layout-color3, #eee); border-radius: 5px; }
.fleetlab-gauge-fill { height: 100%; border-radius: 5px; background: var(--jp-success-color1, #2e7d32); }
.fleetlab-gauge-bar { position: relative; }
.fleetlab-gauge-marker { position: absolute; top: -3px; width: 3px; height: 16px; margin-left: -1px; background: var(--jp-ui-font-color1, #222); }
.fleetlab-gauge-marker-label { font-style: italic; color: var(--jp-ui-font-color2, #555); }
.fleetlab-gauge.level-warn .fleetlab-gauge-fill { background: var(--jp-warn-color1, #f9a825); }
.fleetlab-gauge.level-bad .fleetlab-gauge-fill { background: var(--jp-error-color1, #c62828); }
.fleetlab-stakeholder { border-left: 4px solid var(--jp-brand-color1, #1565c0); padding: 6px 10px; background: var(--jp-layout-color2, #f5f8fc); color: var(--jp-ui-font-color1, #222); }
.fleetlab-stakeholder.severity-warning { border-color: var(--jp-warn-color1, #f9a825); }
.fleetlab-stakeholder.severity-critical { border-color: var(--jp-error-color1, #c62828); }
.fleetlab-box.arrangement-hbox { display: flex; gap: 12px; align-items: flex-start; }
.fleetlab-box.arrangement-vbox { display: flex; flex-direction: column; gap: 6px; }
.fleetlab-tabs button[aria-selected=true] { font-weight: bold; border-bottom: 2px solid var(--jp-brand-color1, #1565c0); }
.fleetlab-reflection textarea { width: 100%; min-height: 6em; }
`;

const STYLE_ID = "fleetlab-widget-styles";

/** Adds the stylesheet to `doc` unless it is already there. */
export function ensureStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.appendChild(style);
}
