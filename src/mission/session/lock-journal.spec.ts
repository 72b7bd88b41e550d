/**
 * The lock survives a restart: a session bound to the host's journal resumes the record,
 * shows an earlier commit as committed (same prediction, results open) and refuses a second
 * one; a record that does not verify is set aside, said so, and a fresh one started.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { createFolderJournal } from "../../kernel/journal-store";
import { setKernelRuntime, type JsonObject } from "../../kernel/runtime";
import { targetAttempts, verifyLockRecord } from "../../kernel-widgets/lock-record";
import { answerKey } from "../grading/answer-key";
import { missionById } from "../find-mission";
import { createHeadlessRuntime } from "../hosts/headless/runtime";
import { notebookLockRecord, open, resetNotebookRecords, WITHHELD_NOTE } from "./session";

describe("lock journal: commits survive a kernel restart", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-journal-"));
  const journalDir = path.join(dir, ".fleetlab");
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = path.join(dir, "fleetlab-design-record.json"); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });

  /** A fresh process as far as the session can tell: new runtime, new records, same journal folder. */
  function restart() {
    const rt = createHeadlessRuntime();
    setKernelRuntime({ ...rt, journal: createFolderJournal(journalDir) });
    resetNotebookRecords();
    return rt;
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const state = (rt: ReturnType<typeof createHeadlessRuntime>, id: string): JsonObject => rt.widgetState(id)!;

  it("keeps a committed prediction across restarts, refuses a second commit, and keeps one verifying chain", async () => {
    let rt = restart();
    rt.beginCell();
    let part = open("01_ml_intro", "cloud_titan").part("reliability_gap");
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: 0.4 } });
    expect(state(rt, part.lock)).toMatchObject({ locked: true, value: 0.4 });

    rt = restart();
    rt.beginCell();
    part = open("01_ml_intro", "cloud_titan").part("reliability_gap");
    await settle();
    expect(state(rt, part.lock)).toMatchObject({ locked: true, value: 0.4 });
    // Results are open and the controls enabled, as after the commit.
    for (const id of Object.values(part.instruments)) expect(String(state(rt, id).description)).not.toContain(WITHHELD_NOTE);
    for (const id of Object.values(part.controls)) expect(state(rt, id).disabled).toBe(false);
    // A new prediction is refused and recorded as refused.
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: 0.9 } });
    expect(state(rt, part.lock).value).toBe(0.4);
    const record = notebookLockRecord().toJSON();
    expect(verifyLockRecord(record)).toEqual({ ok: true });
    expect(record.events.filter((e) => e.kind === "commit").map((e) => e.value)).toEqual([0.4]);
    expect(record.events.some((e) => e.kind === "refused")).toBe(true);

    // Another track's lock of the same part is its own, and still open.
    rt = restart();
    rt.beginCell();
    part = open("01_ml_intro", "mobile_nomad").part("reliability_gap");
    await settle();
    expect(state(rt, part.lock)).toMatchObject({ locked: false, value: null });
  });

  it("keeps the target's tries across restarts: the count goes on, and a used-up target stays closed", async () => {
    const mission = missionById("01_ml_intro")!;
    const key = answerKey(mission, "reliability_gap", "edge_guardian").target!;
    const miss = key.value * 3 + 1;
    let rt = restart();
    rt.beginCell();
    let part = open("01_ml_intro", "edge_guardian").part("reliability_gap");
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: 0.5 } });
    for (let i = 0; i < 3; i++) rt.frontendSend(part.target!, { method: "update", state: { value: miss + i } });
    expect(targetAttempts(notebookLockRecord().events, "edge_guardian", "01_ml_intro.reliability_gap")).toEqual([miss, miss + 1, miss + 2]);

    rt = restart();
    rt.beginCell();
    part = open("01_ml_intro", "edge_guardian").part("reliability_gap");
    await settle();
    // The last try is shown, the target still open, and the next try is the fourth.
    expect(state(rt, part.target!)).toMatchObject({ value: miss + 2, disabled: false });
    for (let i = 3; i < key.maxAttempts + 2; i++) rt.frontendSend(part.target!, { method: "update", state: { value: miss + i } });
    expect(targetAttempts(notebookLockRecord().events, "edge_guardian", "01_ml_intro.reliability_gap")).toHaveLength(key.maxAttempts);

    rt = restart();
    rt.beginCell();
    part = open("01_ml_intro", "edge_guardian").part("reliability_gap");
    await settle();
    expect(state(rt, part.target!).disabled).toBe(true);
    // Every try used: the target may now be shown, and the design record says so.
    const entry = JSON.parse(fs.readFileSync(process.env.FLEETLAB_DESIGN_RECORD!, "utf8")).entries.find((e: { part: string; track: string }) => e.part === "reliability_gap" && e.track === "edge_guardian");
    expect(entry.target).toMatchObject({ attempts: key.maxAttempts, found: false, value: key.value });
    expect(verifyLockRecord(notebookLockRecord().toJSON())).toEqual({ ok: true });
  });

  it("sets a record that does not verify aside, says so, and starts a fresh one", () => {
    const file = path.join(journalDir, "locks-07_fault_tolerance.jsonl");
    fs.mkdirSync(journalDir, { recursive: true });
    fs.writeFileSync(file, '{"seq":0,"not":"an event"}\n');
    const rt = restart();
    const outputs = rt.beginCell();
    const part = open("07_fault_tolerance", "cloud_titan").part("young_daly_audit");
    expect(JSON.stringify(outputs)).toMatch(/could not be read .*kept as .*set-aside/);
    expect(fs.readdirSync(journalDir).some((f) => f.startsWith("locks-07_fault_tolerance.jsonl.set-aside-"))).toBe(true);
    expect(state(rt, part.lock).locked).toBe(false);
    expect(verifyLockRecord(notebookLockRecord().toJSON())).toEqual({ ok: true });
  });
});
