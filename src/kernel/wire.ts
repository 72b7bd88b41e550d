/**
 * Jupyter wire format: parse, verify and sign zmq multipart frames. Pure (no sockets,
 * no clock), so it can be fuzzed.
 *
 * Source: jupyter_client docs, "Messaging in Jupyter", section "The Wire Protocol":
 *
 *   [ b'u-u-i-d',        # zmq identity(ies)
 *     b'<IDS|MSG>',      # delimiter
 *     b'baddad42',       # HMAC signature
 *     b'{header}', b'{parent_header}', b'{metadata}', b'{content}',
 *     b'blob', ... ]     # extra raw data buffer(s)
 *
 * "The signature is the HMAC hex digest of the concatenation of: header, parent header,
 * metadata, content" — the buffers are not signed. With an empty key, signing is off
 * and the signature is the empty string.
 */
import { createHmac, timingSafeEqual } from "crypto";
import type { JsonObject } from "./runtime";
import type { Header, Message } from "./messages";

/** The `<IDS|MSG>` delimiter frame. */
export const DELIMITER = Buffer.from("<IDS|MSG>");

/** Parsed message, or the reason the frames were rejected. */
export type ParseResult = { ok: true; message: Message } | { ok: false; reason: string };

/** Hex HMAC-SHA256 over the four JSON frames; "" when `key` is empty (signing disabled). */
export function sign(key: Uint8Array, frames: readonly Uint8Array[]): string {
  if (key.length === 0) return "";
  const hmac = createHmac("sha256", key);
  for (const f of frames) hmac.update(f);
  return hmac.digest("hex");
}

/** True when `signature` matches the frames; compared in constant time (crypto.timingSafeEqual). */
export function verify(key: Uint8Array, signature: Uint8Array, frames: readonly Uint8Array[]): boolean {
  if (key.length === 0) return true;
  const expected = Buffer.from(sign(key, frames), "latin1");
  const got = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
  // Length is public (always 64 hex chars), so checking it first leaks nothing.
  return got.length === expected.length && timingSafeEqual(got, expected);
}

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseJsonObject(frame: Uint8Array, name: string): { value: JsonObject } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString("utf8"));
  } catch (e) {
    return { reason: `${name} is not valid JSON (${(e as Error).message})` };
  }
  if (!isPlainObject(value)) return { reason: `${name} must be a JSON object (got ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value})` };
  return { value };
}

/** Checks a header's fields: msg_id, session, msg_type required strings; username, date, version strings if present. */
export function validateHeader(h: JsonObject, name = "header"): { header: Header } | { reason: string } {
  for (const field of ["msg_id", "session", "msg_type"] as const) {
    if (typeof h[field] !== "string") return { reason: `${name}.${field} must be a string (got ${typeof h[field]})` };
  }
  if ((h.msg_type as string).length === 0) return { reason: `${name}.msg_type must not be empty` };
  for (const field of ["username", "date", "version"] as const) {
    if (field in h && typeof h[field] !== "string") return { reason: `${name}.${field} must be a string (got ${typeof h[field]})` };
  }
  return {
    header: {
      msg_id: h.msg_id as string,
      session: h.session as string,
      msg_type: h.msg_type as string,
      username: (h.username as string | undefined) ?? "",
      date: (h.date as string | undefined) ?? "",
      version: (h.version as string | undefined) ?? "",
    },
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * Parses and verifies one multipart message.
 * @param frames all frames as received from a ROUTER socket (identities first)
 * @param key    the connection file's `key` as bytes (empty: no signing)
 */
export function parse(frames: readonly Uint8Array[], key: Uint8Array): ParseResult {
  const delim = frames.findIndex((f) => sameBytes(f, DELIMITER));
  if (delim < 0) return { ok: false, reason: "no <IDS|MSG> delimiter frame" };
  if (frames.length < delim + 6) return { ok: false, reason: `truncated message: ${frames.length - delim - 1} frames after the delimiter, need at least 5` };
  const signature = frames[delim + 1];
  const signed = frames.slice(delim + 2, delim + 6);
  if (!verify(key, signature, signed)) return { ok: false, reason: "bad HMAC signature" };
  const parts: JsonObject[] = [];
  const names = ["header", "parent_header", "metadata", "content"];
  for (let i = 0; i < 4; i++) {
    const r = parseJsonObject(signed[i], names[i]);
    if ("reason" in r) return { ok: false, reason: r.reason };
    parts.push(r.value);
  }
  const h = validateHeader(parts[0]);
  if ("reason" in h) return { ok: false, reason: h.reason };
  let parent: Message["parent_header"] = {};
  if (Object.keys(parts[1]).length > 0) {
    const p = validateHeader(parts[1], "parent_header");
    if ("reason" in p) return { ok: false, reason: p.reason };
    parent = p.header;
  }
  return {
    ok: true,
    message: {
      identities: frames.slice(0, delim).map((f) => Uint8Array.from(f)),
      header: h.header,
      parent_header: parent,
      metadata: parts[2],
      content: parts[3],
      buffers: frames.slice(delim + 6).map((f) => Uint8Array.from(f)),
    },
  };
}

/** Frames for `message`, signed with `key`: identities, delimiter, signature, 4 JSON frames, buffers. */
export function serialize(message: Message, key: Uint8Array): Buffer[] {
  const json = [message.header, message.parent_header, message.metadata, message.content].map((o) =>
    Buffer.from(JSON.stringify(o), "utf8"),
  );
  return [
    ...message.identities.map((i) => Buffer.from(i)),
    DELIMITER,
    Buffer.from(sign(key, json), "latin1"),
    ...json,
    ...message.buffers.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)),
  ];
}

/**
 * A header for a new message.
 * @param now  ISO 8601 time, supplied by the caller so this module stays pure
 * @param id   a fresh unique msg_id
 */
export function newHeader(msgType: string, session: string, now: string, id: string): Header {
  return { msg_id: id, session, username: "fleetlab", date: now, msg_type: msgType, version: "5.3" };
}
