/**
 * The prediction lock through a real kernel restart, over the wire: commit in one kernel,
 * restart it (shutdown_request with restart, a new process on the same connection file and
 * folder, as Jupyter's nanny does), run the same cells, and the part comes back committed
 * with the same prediction; a new prediction is refused. Needs dist/ built (npm test builds it).
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { Message } from "../../src/kernel/messages";
import type { JsonObject } from "../../src/kernel/runtime";
import { KernelClient, startKernel } from "../helpers/kernel-client";

const CELLS = [
  'import { mission } from "fleetlab/mission";',
  'const m = mission.open("01_ml_intro", "cloud_titan");',
  'const shown = m.part("reliability_gap");',
];

/** Runs the notebook's cells; returns the lock's comm id and the iopub messages. */
async function runCells(k: KernelClient): Promise<{ lock: string; iopub: Message[] }> {
  const iopub: Message[] = [];
  for (const code of CELLS) {
    const r = await k.execute(code);
    expect(r.reply.content).toMatchObject({ status: "ok" });
    iopub.push(...r.iopub);
  }
  const r = await k.execute("shown.lock");
  const lock = JSON.parse(String((r.iopub.find((m) => m.header.msg_type === "execute_result")!.content.data as JsonObject)["text/plain"]).replace(/'/g, '"')) as string;
  return { lock, iopub };
}

/** The lock's state as the front end sees it: its comm_open state plus every later update. */
function frontState(k: KernelClient, commId: string): JsonObject {
  const state: JsonObject = {};
  for (const m of k.messages) {
    if ((m.content as { comm_id?: string }).comm_id !== commId) continue;
    const data = m.content.data as { state?: JsonObject; method?: string };
    if (m.header.msg_type === "comm_open" || (m.header.msg_type === "comm_msg" && (data.method === "update" || data.method === "echo_update"))) Object.assign(state, data.state);
  }
  return state;
}

describe("fleetlab kernel: a committed prediction survives a kernel restart", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-restart-"));
  let k1: KernelClient | undefined;
  let k2: KernelClient | undefined;
  afterAll(async () => {
    await k1?.close();
    await k2?.close();
  });

  it("commit, restart, run all: still committed with the same prediction", async () => {
    k1 = await startKernel({ cwd: dir });
    const first = await runCells(k1);
    await k1.send("comm_msg", { comm_id: first.lock, data: { method: "custom", content: { type: "lock_request", value: 0.4 } } });
    expect(frontState(k1, first.lock)).toMatchObject({ locked: true, value: 0.4 });
    await k1.request("control", "shutdown_request", { restart: true });
    expect(await k1.exited()).toBe(0);
    await k1.close();
    // The journal beside the notebook holds the commit.
    expect(fs.readdirSync(path.join(dir, ".fleetlab"))).toContain("locks-01_ml_intro.jsonl");

    k2 = await startKernel({ cwd: dir, connection: { file: k1.connectionFile, conn: k1.conn as JsonObject } });
    k1 = undefined;
    const second = await runCells(k2);
    expect(frontState(k2, second.lock)).toMatchObject({ locked: true, value: 0.4 });
    await k2.send("comm_msg", { comm_id: second.lock, data: { method: "custom", content: { type: "lock_request", value: 0.9 } } });
    expect(frontState(k2, second.lock)).toMatchObject({ locked: true, value: 0.4 });
  });
});
