import { createHash } from "node:crypto";
import { sha256, sha256Hex } from "./sha256";

const node = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("sha256: FIPS 180-4 examples", () => {
  // NIST CSRC "Examples with Intermediate Values", SHA-256 (one block, two blocks), and FIPS 180-2 appendix B.3.
  it.each([
    ["the empty string", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["\"abc\" (one block)", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["the 448-bit message (two blocks)", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
    ["the 896-bit message", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"],
    ["one million 'a'", "a".repeat(1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"],
  ])("%s", (_name, message, digest) => {
    expect(sha256Hex(message)).toBe(digest);
  });

  it("gives 32 bytes, the hex digest's", () => {
    expect(Buffer.from(sha256("abc")).toString("hex")).toBe(sha256Hex("abc"));
    expect(sha256("abc")).toHaveLength(32);
  });
});

describe("sha256: the same digests as node:crypto", () => {
  // A seeded generator, so a failure reproduces.
  let state = 0x9e3779b9;
  const next = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0));

  const randomBytes = (length: number) => Uint8Array.from({ length }, () => next() & 0xff);

  it("on random bytes of every length around the padding boundaries and beyond", () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(length);
      expect([length, sha256Hex(bytes)]).toEqual([length, node(bytes)]);
    }
    for (const length of [4095, 4096, 65_537]) {
      const bytes = randomBytes(length);
      expect(sha256Hex(bytes)).toBe(node(bytes));
    }
  });

  it("on random text as UTF-8: ASCII, accents, CJK, emoji (surrogate pairs) and lone surrogates", () => {
    const alphabet = ["a", "Z", "0", " ", "\n", "\"", "é", "ß", "€", "数", "😀", "\u{1F680}", "\ud800", "\udfff", "\u0000", "\uffff"];
    for (let i = 0; i < 500; i++) {
      let text = "";
      const length = next() % 200;
      for (let j = 0; j < length; j++) text += alphabet[next() % alphabet.length];
      expect([text, sha256Hex(text)]).toEqual([text, node(text)]);
    }
  });

  it("on the lock record's own input: a previous hash and canonical JSON", () => {
    const body = `${"0".repeat(64)}{"kind":"commit","part":"p1","prev_hash":"${"0".repeat(64)}","seq":0,"time":"2026-01-01T00:00:00.000Z","trait":"value","value":0.37,"widget_id":"w"}`;
    expect(sha256Hex(body)).toBe(node(body));
  });
});
