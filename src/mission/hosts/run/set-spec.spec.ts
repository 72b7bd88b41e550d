import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { faultTolerance } from "../../missions/fault-tolerance";
import { parseSet, resolveDrives, SetError } from "./set-spec";

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const clean = () => ({} as { x?: unknown }).x === undefined &&
  isDeepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTO_KEYS);
const mission = faultTolerance as Parameters<typeof resolveDrives>[1];

/** Parses and resolves one --set; returns the SetError message, or null when it applied. */
function attempt(text: string): string | null {
  try {
    resolveDrives([parseSet(text)], mission, "cloud_titan");
    return null;
  } catch (err) {
    if (!(err instanceof SetError)) throw err;
    return err.message;
  }
}

describe("--set, hostile strings", () => {
  it.each([
    ["", /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    ["=", /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    ["1.=5", /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    [".nodes=5", /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    ["1nodes=5", /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    [":1.lock=5", /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    ["１.lock=5", /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    ["1.lóck=5", /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    ["__proto__.x=1", /has no part "__proto__"/],
    ["constructor.x=1", /has no part "constructor"/],
    ["1.__proto__=1", /has no control "__proto__"/],
    ["1.constructor=1", /has no control "constructor"/],
    ["1.toString=1", /has no control "toString"/],
    ["0.lock=1", /has no part "0"/],
    ["99999999999999999999.lock=1", /has no part "99999999999999999999"/],
    ["1.target=", /takes a finite number \(got ""\)/],
    ["1.target=Infinity", /takes a finite number/],
    ["1.target=NaN", /takes a finite number/],
  ])("%j: a usage error, nothing polluted", (text, pattern) => {
    expect(attempt(text)).toMatch(pattern);
    expect(clean()).toBe(true);
  });

  it("shortens a very long --set in its message", () => {
    const text = `1.lock=${"9".repeat(1_000_000)}`;
    const msg = attempt(text);
    expect(msg).not.toBeNull();
    expect(msg!.length).toBeLessThan(400);
  });

  it("shortens a very long part or control name in its message", () => {
    for (const text of [`${"p".repeat(100_000)}.lock=1`, `1.${"c".repeat(100_000)}=1`]) {
      expect(attempt(text)!.length).toBeLessThan(1000);
    }
  });

  it("a __proto__ mission names no mission: the setting applies to none", () => {
    expect(resolveDrives([parseSet("__proto__:1.x=1")], mission, "cloud_titan")).toEqual([]);
    expect(clean()).toBe(true);
  });

  it("never throws anything but a SetError, and never pollutes", () => {
    const piece = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "1", "lock", "target", "reflect", "", "x"), fc.string({ maxLength: 5 }));
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.tuple(piece, piece, piece, fc.string({ maxLength: 8 })).map(([m, p, c, v]) => `${m}:${p}.${c}=${v}`),
      fc.tuple(piece, piece, fc.string({ unit: "binary", maxLength: 8 })).map(([p, c, v]) => `${p}.${c}=${v}`),
    );
    fc.assert(fc.property(text, (t) => {
      attempt(t);
      expect(clean()).toBe(true);
    }), { numRuns: 500 });
  });
});
