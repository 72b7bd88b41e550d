/** @jest-environment jsdom */
import { plotConfig, watchTheme } from "./theme";

describe("plotConfig", () => {
  it("draws in the theme's colours on a transparent background", () => {
    const dark: Record<string, string> = {
      "--jp-ui-font-color1": "rgba(255, 255, 255, 0.87)", "--jp-ui-font-color2": "rgba(255, 255, 255, 0.54)",
      "--jp-border-color1": "#616161", "--jp-border-color2": "#424242", "--jp-ui-font-family": "system-ui",
    };
    const config = plotConfig((name) => dark[name] ?? "");
    expect(config).toMatchObject({
      background: "transparent",
      axis: { labelColor: dark["--jp-ui-font-color2"], titleColor: dark["--jp-ui-font-color1"], domainColor: "#616161", gridColor: "#424242" },
      legend: { labelColor: dark["--jp-ui-font-color2"], titleColor: dark["--jp-ui-font-color1"] },
      view: { stroke: "#616161" },
    });
  });
  it("leaves Vega's defaults alone outside JupyterLab (no variables)", () => {
    expect(plotConfig(() => "")).toEqual({ background: "transparent", view: {}, axis: {}, legend: {}, title: {}, text: {} });
  });
});

describe("watchTheme", () => {
  it("reports a change of JupyterLab's theme, not other attribute writes", async () => {
    document.body.dataset.jpThemeName = "JupyterLab Light";
    const seen: string[] = [];
    const stop = watchTheme(document, () => seen.push(document.body.dataset.jpThemeName!));
    const settle = () => new Promise((r) => setTimeout(r, 0));
    document.body.dataset.jpThemeLight = "true";
    await settle();
    document.body.dataset.jpThemeName = "JupyterLab Dark";
    await settle();
    stop();
    document.body.dataset.jpThemeName = "JupyterLab Light";
    await settle();
    expect(seen).toEqual(["JupyterLab Dark"]);
  });
});
