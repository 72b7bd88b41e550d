/**
 * Follows JupyterLab's theme. Widgets are styled with JupyterLab's CSS variables (style.ts);
 * charts cannot read CSS, so each chart is embedded with a Vega config built from the same
 * variables, and embedded again when the theme changes (JupyterLab marks the change on
 * <body>: data-jp-theme-name, data-jp-theme-light). Outside JupyterLab the variables are
 * unset and Vega's own defaults apply.
 */

/** Reads one CSS custom property ("" when unset). */
export type ReadVar = (name: string) => string;

/** A reader of the variables in force at `el` (they cascade from JupyterLab's theme). */
export function cssVars(el: Element): ReadVar {
  const view = el.ownerDocument.defaultView;
  const style = view ? view.getComputedStyle(el) : null;
  return (name) => (style ? style.getPropertyValue(name).trim() : "");
}

/**
 * The Vega-Lite config that draws a chart in the theme's colours: transparent background,
 * text in the UI font colours, axis lines and grid in the border colours. Only the colours
 * the theme defines are set.
 */
export function plotConfig(read: ReadVar): Record<string, unknown> {
  const pick = (...names: string[]) => names.map(read).find((v) => v !== "");
  const text = pick("--jp-ui-font-color1", "--jp-content-font-color1");
  const muted = pick("--jp-ui-font-color2", "--jp-ui-font-color1");
  const line = pick("--jp-border-color1");
  const grid = pick("--jp-border-color2", "--jp-border-color1");
  const font = pick("--jp-ui-font-family");
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const axis = defined({ labelColor: muted, titleColor: text, domainColor: line, tickColor: line, gridColor: grid, labelFont: font, titleFont: font });
  const legend = defined({ labelColor: muted, titleColor: text, labelFont: font, titleFont: font });
  return defined({
    background: "transparent",
    font,
    view: defined({ stroke: line }),
    axis,
    legend,
    title: defined({ color: text, font }),
    text: defined({ color: text }),
  });
}

/** Calls `onChange` whenever JupyterLab switches theme; returns the cleanup. */
export function watchTheme(doc: Document, onChange: () => void): () => void {
  const body = doc.body;
  const Observer = doc.defaultView?.MutationObserver;
  if (!body || !Observer) return () => undefined;
  let name = body.dataset.jpThemeName;
  const observer = new Observer(() => {
    if (body.dataset.jpThemeName === name) return;
    name = body.dataset.jpThemeName;
    onChange();
  });
  observer.observe(body, { attributes: true, attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"] });
  return () => observer.disconnect();
}
