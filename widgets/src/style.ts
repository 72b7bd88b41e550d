/**
 * The widget set's stylesheet, injected once per document so that the same
 * bundle works in JupyterLab and in a plain saved-state page. Colours follow
 * JupyterLab's CSS variables where they exist, with plain fallbacks.
 */
const CSS = `
.fleetlab-widget { font: 13px/1.4 var(--jp-ui-font-family, system-ui, sans-serif); color: var(--jp-ui-font-color1, #222); margin: 4px 0; }
.fleetlab-row { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.fleetlab-label { min-width: 8em; }
.fleetlab-readout { font-variant-numeric: tabular-nums; min-width: 6em; }
.fleetlab-notice { color: #b00020; font-size: 12px; margin-top: 2px; }
.fleetlab-widget [disabled], .fleetlab-widget [readonly] { opacity: 0.6; }
.fleetlab-slider input[type=range] { width: 240px; }
.fleetlab-lock { border: 1px solid #ccc; border-radius: 4px; padding: 8px; }
.fleetlab-lock.is-locked { border-color: #2e7d32; background: #f1f8f1; }
.fleetlab-gauge-bar { width: 200px; height: 10px; background: #eee; border-radius: 5px; overflow: hidden; }
.fleetlab-gauge-fill { height: 100%; background: #2e7d32; }
.fleetlab-gauge.level-warn .fleetlab-gauge-fill { background: #f9a825; }
.fleetlab-gauge.level-bad .fleetlab-gauge-fill { background: #c62828; }
.fleetlab-stakeholder { border-left: 4px solid #1565c0; padding: 6px 10px; background: #f5f8fc; }
.fleetlab-stakeholder.severity-warning { border-color: #f9a825; }
.fleetlab-stakeholder.severity-critical { border-color: #c62828; }
.fleetlab-box.arrangement-hbox { display: flex; gap: 12px; align-items: flex-start; }
.fleetlab-box.arrangement-vbox { display: flex; flex-direction: column; gap: 6px; }
.fleetlab-tabs button[aria-selected=true] { font-weight: bold; border-bottom: 2px solid #1565c0; }
.fleetlab-reflect textarea { width: 100%; min-height: 6em; }
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
