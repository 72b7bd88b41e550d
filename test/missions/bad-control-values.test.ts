/**
 * A control value outside its range (or not a number, or not an option) is refused on every
 * control of every part, mission and track: the rejection names the accepted range or
 * options, the control keeps its value, no instrument recomputes and the ledger is unchanged.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime, type JsonValue } from "../../src/kernel/runtime";
import { answerKey } from "../../src/mission/grading/answer-key";
import { createHeadlessRuntime } from "../../src/mission/hosts/headless/runtime";
import { readDesignRecord } from "../../src/mission/grading/design-record";
import { MISSIONS } from "../../src/mission/missions/index";
import { missionById } from "../../src/mission/find-mission";
import { resolveControl, trackContext } from "../../src/mission/authoring/resolve";
import { open, resetNotebookRecords } from "../../src/mission/session/session";
import { TRACK_IDS } from "../../src/mission/authoring/types";

describe("a control value outside its range is refused, naming the range, and changes nothing", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-values-"));
  const ledgerFile = path.join(dir, "fleetlab-design-record.json");
  const rt = createHeadlessRuntime();
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = ledgerFile; setKernelRuntime(rt); resetNotebookRecords(); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const sentCount = (ids: string[]) => ids.reduce((n, id) => n + rt.comm(id)!.sent.length, 0);

  it.each(MISSIONS.flatMap((m) => TRACK_IDS.filter((t) => m.tracks[t]).map((t) => [m.id, t] as const)))("%s on %s: every control of every part", async (id, track) => {
    const mission = missionById(id);
    // Ranges and defaults as the session computes them: from the design record (07 starts from 01's fleet size).
    const ctx = trackContext(mission, track, readDesignRecord(ledgerFile));
    rt.beginCell();
    const m = open(id, track);
    for (const spec of mission.parts) {
      rt.beginCell();
      const part = m.part(spec.id);
      await settle();
      const key = answerKey(mission, spec.id, track).lock;
      rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: key.kind === "text" ? "A reasoned answer" : key.answer } });
      await settle();
      const entryBefore = JSON.stringify(readDesignRecord(ledgerFile).entry(id, spec.id));
      for (const c of spec.workbench.controls) {
        const r = resolveControl(c, ctx);
        const bad: [JsonValue, string][] = r.kind === "slider"
          ? [[r.max + Math.abs(r.max) + 1, `value must be in [${r.min}, ${r.max}] (got ${r.max + Math.abs(r.max) + 1})`],
            [r.min - Math.abs(r.min) - 1, `value must be in [${r.min}, ${r.max}] (got ${r.min - Math.abs(r.min) - 1})`],
            [null, `value must be a finite number in [${r.min}, ${r.max}] (got null)`], // NaN and ±Infinity arrive as null over JSON
            ["12", `value must be a finite number in [${r.min}, ${r.max}] (got "12")`]]
          : r.kind === "toggle" ? [["yes", 'value must be true or false (got "yes")'], [null, "value must be true or false (got null)"]]
          : [["Not an option", `value must be one of ${r.choices.map((x) => JSON.stringify(x)).join(", ")} (got "Not an option")`],
            [null, `value must be one of ${r.choices.map((x) => JSON.stringify(x)).join(", ")} (got null)`]];
        for (const [value, text] of bad) {
          const instruments = Object.values(part.instruments);
          const before = sentCount(instruments);
          rt.frontendSend(part.controls[c.id], { method: "update", state: { value } });
          await settle();
          const sent = rt.comm(part.controls[c.id])!.sent;
          expect(sent.at(-1)).toEqual({ method: "custom", content: { type: "rejected", trait: "value", message: text } });
          expect(sent.filter((x) => x.method === "update").at(-1)).toEqual({ method: "update", state: { value: r.default }, buffer_paths: [] });
          expect(sentCount(instruments)).toBe(before); // no instrument recomputed
        }
      }
      expect(JSON.stringify(readDesignRecord(ledgerFile).entry(id, spec.id))).toBe(entryBefore);
    }
  });
});
