/**
 * A cell executor for specs in Node: the repository's TypeScript, the library and FleetLab
 * declarations the worker ships (src/lite/assets.ts, from dist/, so `npm run build` first),
 * and the real fleetlab modules (src/) as the module map.
 */
import * as ts from "typescript";
import { fleetlabTypes, typescriptLib } from "../../src/lite/assets";
import { createCellExecutor, type CellExecutor, type CellModule } from "../../src/cells/executor";

let assets: { lib: ReturnType<typeof typescriptLib>; types: ReturnType<typeof fleetlabTypes> } | undefined;

/** The worker's module map over this process's fleetlab modules. */
export function fleetlabModules(types = fleetlabTypes()): Record<string, CellModule> {
  return {
    fleetlab: { types: types.modules.fleetlab, load: () => require("../../src/model/index") },
    "fleetlab/mission": { types: types.modules["fleetlab/mission"], load: () => require("../../src/mission/browser") },
  };
}

export function nodeCellExecutor(extra: Record<string, CellModule> = {}): CellExecutor {
  assets ??= { lib: typescriptLib(), types: fleetlabTypes() };
  return createCellExecutor({
    ts,
    libFiles: assets.lib.files,
    libs: assets.lib.libs,
    declarations: assets.types.files,
    modules: { ...fleetlabModules(assets.types), ...extra },
  });
}
