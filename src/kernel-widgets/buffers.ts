/**
 * Binary values in widget state (messages.md, protocol 2: "buffer_paths").
 *
 * Binary values anywhere in a state object travel as separate comm buffers. On the way
 * out each one is taken out of the state (a key is removed, a list item becomes null) and
 * its path is listed in `buffer_paths`; on the way in each buffer is put back at its path.
 * Pure functions, no node builtins: the front end may import them too.
 */
import type { BufferPath } from "../widget-contract/traits";

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
 * Puts each buffer back at its path; returns a new state and leaves `state` unchanged
 * (only the objects and lists along each path are copied, so depth costs nothing).
 *
 * A path walks only the state's own data: a string step names an own key of a plain
 * object, a number step an existing index of a list, and every step but the last must
 * reach an object or list. The value is stored as an own data property, so no step can
 * reach or replace a prototype (`["__proto__", "polluted"]`, `["constructor", "prototype"]`).
 *
 * Example: `putBuffers({ y: { z: [null, 3] } }, [["x"], ["y", "z", 0]], [a, b])`
 * gives `{ x: a, y: { z: [b, 3] } }`.
 * @throws Error naming `buffer_paths[n]` when the path count and buffer count differ or a path is malformed
 */
export function putBuffers(
  state: { [key: string]: unknown },
  bufferPaths: unknown,
  buffers: Uint8Array[],
): { [key: string]: unknown } {
  const paths = bufferPaths === undefined ? [] : bufferPaths;
  if (!Array.isArray(paths)) throw new Error("buffer_paths must be a list of paths");
  if (!Array.isArray(buffers)) throw new Error("buffers must be a list of binary buffers");
  if (paths.length !== buffers.length) {
    throw new Error(`buffer_paths names ${paths.length} buffers but ${buffers.length} arrived`);
  }
  paths.forEach((path, n) => resolvePath(state, path, n));
  const out = { ...state };
  paths.forEach((path: (string | number)[], n) => {
    let from: object = state;
    let to: object = out;
    for (const step of path.slice(0, -1)) {
      const original = (from as { [k: string]: unknown })[step];
      let copy = (to as { [k: string]: unknown })[step];
      if (copy === original) {
        copy = Array.isArray(original) ? [...original] : { ...(original as object) };
        define(to, step, copy);
      } else if (isBinary(copy)) {
        throw new Error(`buffer_paths[${n}] leads through a buffer placed by an earlier path`);
      }
      from = original as object;
      to = copy as object;
    }
    define(to, path[path.length - 1], buffers[n]);
  });
  return out;
}

/** Sets an own data property: never a setter such as `__proto__`. */
function define(target: object, step: string | number, value: unknown): void {
  Object.defineProperty(target, step, { value, writable: true, enumerable: true, configurable: true });
}

/** The container and final step a buffer path names, checked as `putBuffers` describes. */
function resolvePath(state: object, path: unknown, n: number): { container: object; step: string | number } {
  const where = `buffer_paths[${n}]`;
  if (!Array.isArray(path) || path.length === 0) throw new Error(`${where} must be a non-empty list of keys and indices`);
  let container: object = state;
  path.forEach((step: unknown, i: number) => {
    const last = i === path.length - 1;
    if (Array.isArray(container)) {
      if (typeof step !== "number" || !Number.isInteger(step) || step < 0 || step >= container.length) {
        throw new Error(`${where} step ${i} must be an index of a list of length ${container.length} (got ${describeStep(step)})`);
      }
    } else if (typeof step !== "string") {
      throw new Error(`${where} step ${i} must be a key of an object (got ${describeStep(step)})`);
    } else if (!last && !Object.hasOwn(container, step)) {
      throw new Error(`${where} leads through a missing container at ${describeStep(step)}`);
    }
    if (last) return;
    const next = (container as { [k: string]: unknown })[step as string];
    if (next === null || typeof next !== "object" || isBinary(next)) {
      throw new Error(`${where} leads through a missing container at ${describeStep(step)}`);
    }
    container = next;
  });
  return { container, step: path[path.length - 1] as string | number };
}

function describeStep(step: unknown): string {
  if (typeof step === "string") return JSON.stringify(step.length > 40 ? `${step.slice(0, 40)}…` : step);
  return typeof step === "number" ? String(step) : step === null ? "null" : typeof step;
}
