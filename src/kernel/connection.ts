/**
 * The Jupyter connection file the kernel is started with. Kept apart from server.ts so the
 * main thread can read it without loading zeromq, which only the server thread uses.
 */

/** A Jupyter connection file (jupyter_client docs, "Connection files"). */
export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  shell_port: number;
  control_port: number;
  iopub_port: number;
  stdin_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
}

/** Validates a parsed connection file; throws an Error naming the bad field. */
export function parseConnectionInfo(raw: unknown, source = "connection file"): ConnectionInfo {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`${source}: must be a JSON object`);
  const o = raw as Record<string, unknown>;
  const transport = o.transport ?? "tcp";
  if (transport !== "tcp" && transport !== "ipc") throw new Error(`${source}: transport must be "tcp" or "ipc" (got ${JSON.stringify(transport)})`);
  if (typeof o.ip !== "string") throw new Error(`${source}: ip must be a string`);
  for (const f of ["shell_port", "control_port", "iopub_port", "stdin_port", "hb_port"]) {
    const v = o[f];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 65535) throw new Error(`${source}: ${f} must be an integer port 0..65535 (got ${JSON.stringify(v)})`);
  }
  const key = o.key ?? "";
  if (typeof key !== "string") throw new Error(`${source}: key must be a string`);
  const scheme = o.signature_scheme ?? "hmac-sha256";
  if (key !== "" && scheme !== "hmac-sha256") throw new Error(`${source}: signature_scheme must be "hmac-sha256" (got ${JSON.stringify(scheme)})`);
  return { ...(o as unknown as ConnectionInfo), transport, key, signature_scheme: scheme as string };
}
