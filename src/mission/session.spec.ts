import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime } from "../kernel/runtime";
import { createHeadlessRuntime } from "./headless/runtime";
import { readLedger } from "./ledger";
import { open } from "./session";

describe("mission session, headless", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "session-"));
  const ledgerFile = path.join(dir, "fleetlab-ledger.json");
  const rt = createHeadlessRuntime();
  beforeAll(() => { process.env.FLEETLAB_LEDGER = ledgerFile; setKernelRuntime(rt); });
  afterAll(() => { delete process.env.FLEETLAB_LEDGER; setKernelRuntime(undefined); });

  it("renders lock, workbench, target and reflect; the lock gates the workbench; the ledger records driven values", async () => {
    rt.beginCell();
    const m = open("01_ml_intro", "cloud_titan");
    const outputs = rt.beginCell();
    const part = m.part("reliability_gap");
    await new Promise((r) => setTimeout(r, 0));
    expect(outputs.length).toBe(1);
    expect(Object.keys(part.controls)).toEqual(["nodes", "p_node"]);
    expect(part.target).not.toBeNull();
    // Before the lock, a control write is refused.
    rt.frontendSend(part.controls.nodes, { method: "update", state: { value: 2000 } });
    expect(readLedger(ledgerFile).entry("01_ml_intro", "reliability_gap")).toBeUndefined();
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: 0.4 } });
    rt.frontendSend(part.controls.nodes, { method: "update", state: { value: 2000 } });
    rt.frontendSend(part.target!, { method: "update", state: { value: 500 } });
    rt.frontendSend(part.target!, { method: "update", state: { value: 692 } });
    const e = readLedger(ledgerFile).entry("01_ml_intro", "reliability_gap")!;
    expect(e.lock).toBe(0.4);
    expect(e.controls.nodes).toBe(2000);
    expect(e.target).toMatchObject({ value: 692, tries: [500, 692], found: true, attempts: 2 });
  });
});
