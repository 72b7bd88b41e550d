/**
 * The prediction lock withholds (headless, every mission, part and track): before the commit
 * no instrument shows a reading, no chart has data, no stakeholder cites the model and the
 * lock's answer appears nowhere a student can read (a number "appears" when any number in
 * any widget state, message or computed output is within 0.1 % of it, which catches every
 * rounding a widget or label could show). After the commit everything opens, but the design
 * ledger file beside the notebook records the 10-iteration target's value, and the stakeholder
 * cites the model's evidence, only once the target is found.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime, type JsonObject } from "../../src/kernel/runtime";
import { answerKey } from "../../src/mission/grading/answer-key";
import { createHeadlessRuntime } from "../../src/mission/hosts/headless/runtime";
import { readDesignRecord } from "../../src/mission/grading/design-record";
import { MISSIONS } from "../../src/mission/missions/index";
import type { NotebookOutput } from "../../src/mission/authoring/nbformat";
import { open, resetNotebookRecords, WITHHELD_NOTE } from "../../src/mission/session/session";
import { sightings } from "../helpers/withheld";
import type { TrackId } from "../../src/mission/authoring/types";

const cases = MISSIONS.flatMap((mission) =>
  (Object.keys(mission.tracks) as TrackId[]).flatMap((track) => mission.parts.map((part) => ({ mission, track, part }))));

describe("the prediction lock withholds every result until the commit, and every target until found", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-withhold-"));
  const ledgerFile = path.join(dir, "fleetlab-design-record.json");
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = ledgerFile; });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });

  it.each(cases.map((c) => [c.mission.id, c.track, c.part.id, c] as const))("%s / %s / %s", async (_m, _t, _p, { mission, track, part }) => {
    fs.rmSync(ledgerFile, { force: true });
    const rt = createHeadlessRuntime();
    setKernelRuntime(rt);
    resetNotebookRecords();
    const outputs: NotebookOutput[] = rt.beginCell();
    const m = open(mission.id, track);
    m.briefing();
    const shown = m.part(part.id);
    m.visuals();
    await new Promise((r) => setTimeout(r, 0));
    // What the student typed or set (controls, the prediction, target tries) is input, not a result.
    const inputs = new Set([shown.lock, shown.target, ...Object.values(shown.controls)]);
    /** Everything else a student can read: every comm's open state and messages, every output, the ledger file. */
    const readable = (): unknown[] => [
      ...rt.comms().filter((c) => !inputs.has(c.commId)).map((c) => [c.openData, c.sent]),
      // The briefing's narrative is fixed text (a persona's "<10ms" is not a result).
      outputs.filter((o) => !(o.output_type === "display_data" && "text/markdown" in o.data)),
      fs.existsSync(ledgerFile) ? (JSON.parse(fs.readFileSync(ledgerFile, "utf8")) as { entries: { controls: unknown; lock: unknown }[] }).entries.map(({ controls: _c, lock: _l, ...rest }) => rest) : null,
    ];
    const state = (id: string): JsonObject => rt.widgetState(id)!;
    const key = answerKey(mission, part.id, track, readDesignRecord(ledgerFile));

    // Before the commit: nothing computed is on screen.
    for (const id of Object.values(shown.instruments)) {
      const s = state(id);
      if ("data" in s) expect(s.data).toEqual([]);
      if ("value" in s && s._model_name === "GaugeModel") expect(s.value).toBeNull();
      expect(String(s.description)).toContain(WITHHELD_NOTE);
    }
    const everything = JSON.stringify(readable());
    expect(everything).not.toContain("Evidence from the model");
    if (typeof key.lock.answer === "number") {
      const hits = sightings(readable(), key.lock.answer, key.lock.unit);
      expect({ lockAnswerSeen: hits }).toEqual({ lockAnswerSeen: [] });
    }

    // Commit the model's own answer: everything opens.
    rt.frontendSend(shown.lock, { method: "custom", content: { type: "lock_request", value: key.lock.answer } });
    await new Promise((r) => setTimeout(r, 0));
    expect(state(shown.lock).locked).toBe(true);
    const opened = Object.values(shown.instruments).map(state);
    expect(opened.every((s) => !String(s.description).includes(WITHHELD_NOTE))).toBe(true);

    // The design record file records the target's value only once found, and the
    // stakeholder's evidence from the model (which often states it) waits for that too.
    const evidenceShown = () => JSON.stringify(readable()).includes("Evidence from the model");
    if (key.target) {
      // Committed, target not yet found: the target's value is nowhere a student can read it, in
      // its own unit or another unit of the same quantity (a duration in hours shown in days).
      const targetHits = sightings(readable(), key.target.value, key.target.unit);
      expect({ targetSeen: targetHits }).toEqual({ targetSeen: [] });
      const recorded = () => readDesignRecord(ledgerFile).entry(mission.id, part.id)!.target;
      expect(recorded()).toMatchObject({ value: null, found: false });
      expect(evidenceShown()).toBe(false);
      rt.frontendSend(shown.target!, { method: "update", state: { value: key.target.value } });
      await new Promise((r) => setTimeout(r, 0));
      expect(recorded()).toMatchObject({ value: key.target.value, found: true, attempts: 1 });
    }
    expect(evidenceShown()).toBe(Boolean(part.stakeholder?.evidence));
  });
});
