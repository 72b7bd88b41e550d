/**
 * Binary values in widget state (messages.md, protocol 2: "buffer_paths").
 *
 * Binary values anywhere in a state object travel as separate comm buffers. On the way
 * out each one is taken out of the state (a key is removed, a list item becomes null) and
 * its path is listed in `buffer_paths`; on the way in each buffer is put back at its path.
 * Pure functions, no node builtins: the front end may import them too.
 */
import type { BufferPath } from "./traits";

/** True for ArrayBuffer and every ArrayBuffer view (typed arrays, DataView). */
export function isBinary(value: unknown): value is ArrayBuffer | ArrayBufferView {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/** The bytes of a binary value as a Uint8Array over the same memory (no copy). */
export function toBytes(value: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** A state split for the wire: JSON-only state, the paths and the buffers they name. */
export interface SplitState {
  state: { [key: string]: unknown };
  buffer_paths: BufferPath[];
  buffers: Uint8Array[];
}

/**
 * Takes every binary value out of `state` (which is not modified).
 *
 * Example: `{ x: Float64Array.of(1), y: { z: [Uint8Array.of(2), 3] } }` becomes
 * `{ y: { z: [null, 3] } }` with paths `[["x"], ["y", "z", 0]]` and two buffers.
 */
export function removeBuffers(state: { [key: string]: unknown }): SplitState {
  const buffer_paths: BufferPath[] = [];
  const buffers: Uint8Array[] = [];
  const walk = (value: unknown, path: BufferPath): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, i) => {
        if (isBinary(item)) {
          buffer_paths.push([...path, i]);
          buffers.push(toBytes(item));
          return null;
        }
        return walk(item, [...path, i]);
      });
    }
    if (value !== null && typeof value === "object" && !isBinary(value)) {
      const out: { [key: string]: unknown } = {};
      for (const [key, item] of Object.entries(value)) {
        if (isBinary(item)) {
          buffer_paths.push([...path, key]);
          buffers.push(toBytes(item));
        } else {
          out[key] = walk(item, [...path, key]);
        }
      }
      return out;
    }
    return value;
  };
  const out = walk(state, []) as { [key: string]: unknown };
  return { state: out, buffer_paths, buffers };
}

/**
 * Puts each buffer back at its path in `state` (modified in place and returned).
 * @throws Error when the path count and buffer count differ or a path is malformed
 */
export function putBuffers(
  state: { [key: string]: unknown },
  bufferPaths: unknown,
  buffers: Uint8Array[],
): { [key: string]: unknown } {
  const paths = bufferPaths === undefined ? [] : bufferPaths;
  if (!Array.isArray(paths)) throw new Error("buffer_paths must be a list of paths");
  if (paths.length !== buffers.length) {
    throw new Error(`buffer_paths names ${paths.length} buffers but ${buffers.length} arrived`);
  }
  paths.forEach((path, n) => {
    if (!Array.isArray(path) || path.length === 0 ||
        !path.every((p) => typeof p === "string" || (typeof p === "number" && Number.isInteger(p) && p >= 0))) {
      throw new Error(`buffer_paths[${n}] must be a non-empty list of keys and indices`);
    }
    let target: unknown = state;
    for (const step of path.slice(0, -1)) {
      const next = (target as { [k: string]: unknown })[step as string];
      if (next === undefined || next === null || typeof next !== "object") {
        throw new Error(`buffer_paths[${n}] leads through a missing container at ${JSON.stringify(step)}`);
      }
      target = next;
    }
    (target as { [k: string]: unknown })[path[path.length - 1] as string] = buffers[n];
  });
  return state;
}
