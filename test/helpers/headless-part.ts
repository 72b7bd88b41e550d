/**
 * One mission part on screen in a headless notebook, driven as a front end would: for specs
 * of the session (withholding, markers, fast paths, Math Peek). The design record goes to a
 * scratch folder (`scratchLedger`), never beside the tests.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime, type JsonObject } from "../../src/kernel/runtime";
import { createHeadlessRuntime } from "../../src/mission/hosts/headless/runtime";
import { open, resetNotebookRecords } from "../../src/mission/session/session";
import type { TrackId } from "../../src/mission/authoring/types";

/** Lets the session's queued work (microtasks, comm updates) run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

/** Points FLEETLAB_DESIGN_RECORD at a scratch file for the enclosing describe, and resets the runtime after it. */
export function scratchLedger(): void {
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-spec-")), "fleetlab-design-record.json"); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });
}

/** Opens `partId` of `missionId` on `track` in a fresh headless notebook. */
export function openPart(missionId: string, track: TrackId, partId: string) {
  const rt = createHeadlessRuntime();
  setKernelRuntime(rt);
  resetNotebookRecords();
  rt.beginCell();
  const shown = open(missionId, track).part(partId);
  /** The widget's state as the front end holds it. */
  const state = (id: string): JsonObject => rt.widgetState(id)!;
  /** Sends a front-end comm message and lets the kernel answer. */
  const send = async (id: string, msg: JsonObject) => {
    rt.frontendSend(id, msg);
    await settle();
  };
  const commit = (value: number | string) => send(shown.lock, { method: "custom", content: { type: "lock_request", value } });
  const move = (control: string, value: number) => send(shown.controls[control], { method: "update", state: { value } });
  return { rt, shown, state, send, commit, move };
}
