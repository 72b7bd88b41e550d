/**
 * How the session draws two instrument details: a gauge's danger line (level and label once a
 * reading passes it) and mission 01's waterfall, whose fleet is a bar of its own.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime, type JsonObject } from "../kernel/runtime";
import { createHeadlessRuntime } from "./headless/runtime";
import { open, resetNotebookRecords } from "./session";
import type { TrackId } from "./types";

function render(missionId: string, track: TrackId, partId: string) {
  const rt = createHeadlessRuntime();
  setKernelRuntime(rt);
  resetNotebookRecords();
  rt.beginCell();
  const shown = open(missionId, track).part(partId);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const state = (id: string): JsonObject => {
    const c = rt.comm(id)!;
    const s = { ...(c.openData.state as JsonObject) };
    for (const m of c.sent) if (m.method === "update" || m.method === "echo_update") Object.assign(s, m.state as JsonObject);
    return s;
  };
  const send = async (id: string, msg: JsonObject) => { rt.frontendSend(id, msg); await settle(); };
  return { shown, state, send };
}

describe("instrument details", () => {
  beforeAll(() => { process.env.FLEETLAB_LEDGER = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-instr-")), "fleetlab-ledger.json"); });
  afterAll(() => { delete process.env.FLEETLAB_LEDGER; setKernelRuntime(undefined); });

  it("a gauge with a danger line turns bad and names the limit once a reading passes it (12 part 2's one-week clock)", async () => {
    const { shown, state, send } = render("12_ops_scale", "cloud_titan", "canary_duration");
    const clock = shown.instruments.clock;
    expect(state(clock).thresholds).toEqual([{ at: 0, level: "ok", label: "" }, { at: 7, level: "bad", label: "above 7 days" }]);
    await send(shown.lock, { method: "custom", content: { type: "lock_request", value: 3000 } });
    expect(state(clock).level).toBe("ok");
    await send(shown.controls.request_rate, { method: "update", state: { value: 0.1 } });
    await send(shown.controls.failure_rate, { method: "update", state: { value: 1e-6 } });
    expect(state(clock).value as number).toBeGreaterThan(7);
    expect(state(clock).level).toBe("bad");
  });

  it("mission 01's waterfall shows your fleet as a bar of its own, also when it is one of the decades", async () => {
    const { shown, state, send } = render("01_ml_intro", "cloud_titan", "reliability_gap");
    await send(shown.lock, { method: "custom", content: { type: "lock_request", value: 0.4 } });
    await send(shown.controls.nodes, { method: "update", state: { value: 1000 } });
    const labels = (state(shown.instruments.waterfall).data as { fleet: string }[]).map((r) => r.fleet);
    expect(labels).toEqual(["N = 1", "N = 10", "N = 100", "N = 1,000", "N = 10,000", "your N = 1,000"]);
  });
});
