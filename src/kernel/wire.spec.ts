import fc from "fast-check";
import { createHmac } from "crypto";
import { DELIMITER, newHeader, parse, serialize, sign, verify } from "./wire";
import type { Message } from "./messages";

const key = Buffer.from("5ca1ab1e-c0da-4b1d-8bad-f00dfeedbeef");

function message(overrides: Partial<Message> = {}): Message {
  return {
    identities: [Buffer.from("client-1")],
    header: newHeader("execute_request", "s1", "2026-01-01T00:00:00.000Z", "m1"),
    parent_header: {},
    metadata: {},
    content: { code: "1 + 1" },
    buffers: [],
    ...overrides,
  };
}

describe("sign", () => {
  it("is the hex HMAC-SHA256 of header, parent_header, metadata, content", () => {
    const frames = ["{}", "{}", "{}", "{}"].map((s) => Buffer.from(s));
    const expected = createHmac("sha256", key).update("{}{}{}{}").digest("hex");
    expect(sign(key, frames)).toBe(expected);
  });
  it("is empty when the key is empty (signing disabled)", () => expect(sign(Buffer.alloc(0), [Buffer.from("{}")])).toBe(""));
});

describe("parse", () => {
  it("round-trips a message with identities and binary buffers", () => {
    const buffers = [Uint8Array.from([0, 1, 2, 255]), new Uint8Array(0)];
    const m = message({ buffers });
    const r = parse(serialize(m, key), key);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message.header).toEqual(m.header);
    expect(r.message.content).toEqual({ code: "1 + 1" });
    expect(Buffer.from(r.message.identities[0]).toString()).toBe("client-1");
    expect(r.message.buffers.map((b) => Array.from(b))).toEqual([[0, 1, 2, 255], []]);
  });

  it("does not sign the buffers: changing one keeps the signature valid", () => {
    const frames = serialize(message({ buffers: [Uint8Array.from([1])] }), key);
    frames[frames.length - 1] = Buffer.from([9, 9]);
    expect(parse(frames, key).ok).toBe(true);
  });

  it("rejects a bad signature, naming it", () => {
    const frames = serialize(message(), key);
    const i = frames.findIndex((f) => f.equals(DELIMITER));
    frames[i + 1] = Buffer.from("0".repeat(64));
    expect(parse(frames, key)).toEqual({ ok: false, reason: "bad HMAC signature" });
  });

  it("rejects a tampered content frame", () => {
    const frames = serialize(message(), key);
    frames[frames.length - 1] = Buffer.from('{"code":"evil()"}');
    expect(parse(frames, key)).toMatchObject({ ok: false, reason: "bad HMAC signature" });
  });

  it("accepts anything signed with an empty key but still checks JSON", () => {
    const frames = serialize(message(), Buffer.alloc(0));
    expect(parse(frames, Buffer.alloc(0)).ok).toBe(true);
  });

  it("rejects missing delimiter, truncation, invalid JSON and ill-typed header fields", () => {
    expect(parse([Buffer.from("x")], key)).toMatchObject({ ok: false, reason: /delimiter/ });
    expect(parse([DELIMITER, Buffer.from("sig"), Buffer.from("{}")], key)).toMatchObject({ ok: false, reason: /truncated/ });
    const bad = (header: string) => {
      const json = [header, "{}", "{}", "{}"].map((s) => Buffer.from(s));
      return parse([DELIMITER, Buffer.from(sign(key, json)), ...json], key);
    };
    expect(bad("{not json")).toMatchObject({ ok: false, reason: /header is not valid JSON/ });
    expect(bad("[]")).toMatchObject({ ok: false, reason: /header must be a JSON object \(got array\)/ });
    expect(bad('{"msg_id":1,"session":"s","msg_type":"x"}')).toMatchObject({ ok: false, reason: /header.msg_id must be a string/ });
    expect(bad('{"msg_id":"1","session":"s","msg_type":"x","date":7}')).toMatchObject({ ok: false, reason: /header.date/ });
  });

  it("never throws on arbitrary frames (fuzz)", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 10 }), fc.boolean(), (frames, withDelim) => {
        const input = withDelim ? [...frames.slice(0, 2), DELIMITER, ...frames.slice(2)] : frames;
        const r = parse(input, key);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects every single-byte corruption of a signed frame (fuzz)", () => {
    const frames = serialize(message(), key);
    const start = frames.findIndex((f) => f.equals(DELIMITER)) + 2;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (which, pos, xor) => {
        const copy = frames.map((f) => Buffer.from(f));
        const f = copy[start + which];
        f[pos % f.length] ^= xor;
        expect(parse(copy, key).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe("verify", () => {
  it("rejects a signature of the wrong length without throwing", () =>
    expect(verify(key, Buffer.from("abc"), [Buffer.from("{}")])).toBe(false));
});
