/**
 * The `fleetlab` kernelspec: kernel.json plus two logos, written without Python.
 *
 * Source: jupyter_client docs, "Kernel specs": a directory named after the kernel in
 * `<data dir>/kernels/`, holding kernel.json (argv with "{connection_file}",
 * display_name, language, interrupt_mode) and optional logo-32x32.png / logo-64x64.png.
 * Data dirs follow jupyter_core.paths: --user is JUPYTER_DATA_DIR, else
 * $XDG_DATA_HOME/jupyter or ~/.local/share/jupyter (Linux), ~/Library/Jupyter (macOS),
 * %APPDATA%\jupyter (Windows); --prefix DIR is DIR/share/jupyter; --sys-prefix is the
 * active virtualenv or conda prefix.
 */
import fs from "fs";
import os from "os";
import path from "path";
import zlib from "zlib";

export const KERNEL_NAME = "fleetlab";

export type InstallTarget = { kind: "user" } | { kind: "prefix"; dir: string } | { kind: "sys-prefix" };

/**
 * V8 flags the kernel starts with. Start-up parses about 2.5 MB of declarations (the ES
 * library and @types/node) into short-lived objects; with V8's default 1 MiB young
 * generation that is hundreds of scavenges, and a 16 MiB one takes about a fifth off the
 * first result (bench:kernel). Set at launch because V8 sizes the heap when it starts.
 */
export const KERNEL_NODE_FLAGS = ["--max-semi-space-size=16"];

/** kernel.json content; `fleetlabJs` is the absolute path of bin/fleetlab.js. */
export function kernelJson(nodePath: string, fleetlabJs: string) {
  return {
    argv: [nodePath, ...KERNEL_NODE_FLAGS, fleetlabJs, "kernel", "{connection_file}"],
    display_name: "FleetLab (TypeScript)",
    language: "typescript",
    interrupt_mode: "message",
    metadata: {},
  };
}

/** The `kernels` folder for a target (see the module comment for the rules). */
export function kernelsDir(target: InstallTarget, env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): string {
  switch (target.kind) {
    case "prefix":
      return path.join(path.resolve(target.dir), "share", "jupyter", "kernels");
    case "sys-prefix": {
      const prefix = env.VIRTUAL_ENV || env.CONDA_PREFIX;
      if (!prefix) throw new Error("--sys-prefix needs an active virtualenv or conda env (VIRTUAL_ENV or CONDA_PREFIX); use --prefix DIR instead");
      return path.join(prefix, "share", "jupyter", "kernels");
    }
    case "user": {
      if (env.JUPYTER_DATA_DIR) return path.join(env.JUPYTER_DATA_DIR, "kernels");
      if (platform === "darwin") return path.join(home, "Library", "Jupyter", "kernels");
      if (platform === "win32") return path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), "jupyter", "kernels");
      return path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), "jupyter", "kernels");
    }
  }
}

/** Writes the kernelspec folder and returns its path. */
export function installKernelspec(target: InstallTarget, fleetlabJs = path.resolve(__dirname, "..", "..", "..", "bin", "fleetlab.js")): string {
  if (!fs.existsSync(fleetlabJs)) throw new Error(`cannot find the fleetlab launcher at ${fleetlabJs}`);
  const dir = path.join(kernelsDir(target), KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelJson(process.execPath, fleetlabJs), null, 2) + "\n");
  fs.writeFileSync(path.join(dir, "logo-32x32.png"), logoPng(32));
  fs.writeFileSync(path.join(dir, "logo-64x64.png"), logoPng(64));
  return dir;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body)); // PNG chunk CRC (PNG spec §5.5)
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as a PNG (8-bit RGBA, filter 0, zlib). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError(`encodePng: rgba must hold width*height*4 = ${width * height * 4} bytes (got ${rgba.length})`);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The FleetLab logo at `size` px: a rounded navy square with a 3x3 fleet of accelerator tiles, one failed (amber). */
export function logoPng(size: number): Buffer {
  const px = new Uint8Array(size * size * 4);
  const r = size * 0.18;
  const set = (x: number, y: number, c: [number, number, number, number]) => px.set(c, (y * size + x) * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Rounded corners: distance from the nearest corner centre.
      const cx = Math.min(Math.max(x + 0.5, r), size - r);
      const cy = Math.min(Math.max(y + 0.5, r), size - r);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
      set(x, y, inside ? [16, 42, 84, 255] : [0, 0, 0, 0]);
      const cell = size / 4;
      const gx = (x - cell / 2) / cell;
      const gy = (y - cell / 2) / cell;
      const ix = Math.floor(gx);
      const iy = Math.floor(gy);
      if (inside && ix >= 0 && ix < 3 && iy >= 0 && iy < 3 && gx - ix < 0.72 && gy - iy < 0.72) {
        set(x, y, ix === 2 && iy === 0 ? [245, 166, 35, 255] : [92, 200, 255, 255]);
      }
    }
  }
  return encodePng(size, size, px);
}
