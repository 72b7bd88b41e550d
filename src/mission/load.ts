/**
 * Loads a mission for `fleetlab check` / `fleetlab new`: by catalog id, or from a
 * TypeScript definition file (bundled with esbuild into CommonJS in memory).
 */
import * as fs from "fs";
import * as path from "path";
import { MissionDefinitionError } from "./messages";
import { missionById } from "./missions/index";
import type { MissionSpec } from "./types";

export type Loaded = { ok: true; mission: MissionSpec<unknown> } | { ok: false; missionId: string; problems: string[] };

/** The mission a definition file or catalog id names; definition errors come back as problems. */
export function loadMission(ref: string): Loaded {
  try {
    if (!/\.[cm]?[jt]s$/.test(ref)) return { ok: true, mission: missionById(ref) };
    const file = path.resolve(ref);
    if (!fs.existsSync(file)) throw new Error(`no such file: ${ref}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as typeof import("esbuild");
    const out = esbuild.buildSync({ entryPoints: [file], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "silent", external: ["mathjs"] });
    const m = { exports: {} as Record<string, unknown> };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function("module", "exports", "require", out.outputFiles[0].text)(m, m.exports, require);
    const found = Object.values(m.exports).find((v): v is MissionSpec<unknown> => !!v && typeof v === "object" && "parts" in v && "params" in v);
    if (!found) throw new Error(`${ref} exports no mission definition (export const x = defineMission({...}))`);
    return { ok: true, mission: found };
  } catch (e) {
    // The bundled definition carries its own copy of MissionDefinitionError, so match by shape.
    const err = e as Partial<MissionDefinitionError>;
    if (e instanceof MissionDefinitionError || (err && err.name === "MissionDefinitionError" && Array.isArray(err.problems))) {
      return { ok: false, missionId: String(err.missionId), problems: err.problems as string[] };
    }
    throw e;
  }
}
