import fs from "fs";
import os from "os";
import path from "path";
import zlib from "zlib";
import { installKernelspec, KERNEL_NODE_FLAGS, kernelsDir, logoPng } from "./kernelspec";

/** Walks a PNG's chunks, checking each CRC, and returns their types. */
function pngChunks(png: Buffer): string[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const types: string[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(zlib.crc32(typeAndData));
    types.push(typeAndData.subarray(0, 4).toString("latin1"));
    at += 12 + length;
  }
  return types;
}

describe("kernelspec", () => {
  it("draws logos as valid PNGs of the requested size", () => {
    for (const size of [32, 64]) {
      const png = logoPng(size);
      expect(pngChunks(png)).toEqual(["IHDR", "IDAT", "IEND"]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("installs kernel.json with message interrupts and both logos under a prefix", () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-spec-"));
    const launcher = path.resolve(__dirname, "..", "..", "bin", "fleetlab.js");
    const dir = installKernelspec({ kind: "prefix", dir: prefix }, launcher);
    expect(dir).toBe(path.join(kernelsDir({ kind: "prefix", dir: prefix }), "fleetlab"));
    const spec = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8"));
    expect(spec).toMatchObject({ language: "typescript", interrupt_mode: "message" });
    expect(spec.argv.slice(1)).toEqual([...KERNEL_NODE_FLAGS, launcher, "kernel", "{connection_file}"]);
    expect(fs.readdirSync(dir).sort()).toEqual(["kernel.json", "logo-32x32.png", "logo-64x64.png"]);
  });

  it("refuses a launcher that does not exist and writes nothing", () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-spec-"));
    expect(() => installKernelspec({ kind: "prefix", dir: prefix }, path.join(prefix, "missing.js"))).toThrow(/cannot find the fleetlab launcher/);
    expect(fs.readdirSync(prefix)).toEqual([]);
  });
});
