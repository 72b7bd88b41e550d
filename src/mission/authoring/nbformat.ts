/**
 * nbformat 4.5 validation, written from the rules of the JSON schema
 * (jupyter/nbformat, nbformat/v4/nbformat.v4.5.schema.json) so checks need no Python:
 *
 *   notebook: required metadata, nbformat_minor, nbformat, cells; no other keys;
 *             nbformat = 4, nbformat_minor >= 5 (4.5 adds required cell ids)
 *   metadata.kernelspec: required name, display_name (strings)
 *   metadata.language_info: required name (string)
 *   cell: id matching ^[a-zA-Z0-9-_]+$, 1..64 characters, unique in the notebook;
 *         cell_type markdown | code | raw; metadata object; source string | string[]
 *         code: also outputs[] and execution_count (integer >= 0 or null)
 *         markdown / raw: optional attachments; no outputs
 *   output: output_type execute_result (execution_count, data, metadata) |
 *           display_data (data, metadata) | stream (name stdout|stderr, text) |
 *           error (ename, evalue, traceback string[])
 */

export type Multiline = string | string[];

export interface NotebookCell {
  id: string;
  cell_type: "markdown" | "code" | "raw";
  metadata: Record<string, unknown>;
  source: Multiline;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

export type NotebookOutput =
  | { output_type: "execute_result"; execution_count: number | null; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { output_type: "display_data"; data: Record<string, unknown>; metadata: Record<string, unknown>; transient?: unknown }
  | { output_type: "stream"; name: "stdout" | "stderr"; text: Multiline }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown> & {
    kernelspec?: { name: string; display_name: string; language?: string };
    language_info?: { name: string; [k: string]: unknown };
  };
  cells: NotebookCell[];
}

export const CELL_ID_PATTERN = /^[a-zA-Z0-9-_]+$/;

/** The FleetLab kernelspec every mission notebook names. */
export const FLEETLAB_KERNELSPEC = { name: "fleetlab", display_name: "FleetLab (TypeScript)", language: "typescript" } as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isMultiline = (v: unknown) => typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string"));

/** Every way `nb` breaks the nbformat 4.5 schema, each with its JSON path; empty when valid. */
export function nbformatProblems(nb: unknown): string[] {
  const out: string[] = [];
  if (!isObject(nb)) return ["notebook: must be a JSON object"];
  for (const k of ["metadata", "nbformat_minor", "nbformat", "cells"]) if (!(k in nb)) out.push(`${k}: required`);
  for (const k of Object.keys(nb)) {
    if (!["metadata", "nbformat_minor", "nbformat", "cells"].includes(k)) out.push(`${k}: not allowed at the top level`);
  }
  if ("nbformat" in nb && nb.nbformat !== 4) out.push(`nbformat: must be 4 (got ${JSON.stringify(nb.nbformat)})`);
  if ("nbformat_minor" in nb && !(Number.isInteger(nb.nbformat_minor) && (nb.nbformat_minor as number) >= 5)) {
    out.push(`nbformat_minor: must be an integer >= 5 for cell ids (got ${JSON.stringify(nb.nbformat_minor)})`);
  }
  if ("metadata" in nb) {
    const md = nb.metadata;
    if (!isObject(md)) out.push("metadata: must be an object");
    else {
      if ("kernelspec" in md) {
        const ks = md.kernelspec;
        if (!isObject(ks)) out.push("metadata.kernelspec: must be an object");
        else {
          if (typeof ks.name !== "string") out.push("metadata.kernelspec.name: required string");
          if (typeof ks.display_name !== "string") out.push("metadata.kernelspec.display_name: required string");
        }
      }
      if ("language_info" in md) {
        const li = md.language_info;
        if (!isObject(li) || typeof li.name !== "string") out.push("metadata.language_info.name: required string");
      }
    }
  }
  if ("cells" in nb) {
    if (!Array.isArray(nb.cells)) out.push("cells: must be an array");
    else {
      const ids = new Map<string, number>();
      nb.cells.forEach((cell, i) => out.push(...cellProblems(cell, i, ids)));
    }
  }
  return out;
}

function cellProblems(cell: unknown, i: number, ids: Map<string, number>): string[] {
  const at = `cells[${i}]`;
  if (!isObject(cell)) return [`${at}: must be an object`];
  const out: string[] = [];
  const id = cell.id;
  if (typeof id !== "string") out.push(`${at}.id: required string (nbformat 4.5)`);
  else {
    if (id.length < 1 || id.length > 64) out.push(`${at}.id: must be 1 to 64 characters (got ${id.length})`);
    if (!CELL_ID_PATTERN.test(id)) out.push(`${at}.id: "${id}" must match ${CELL_ID_PATTERN.source}`);
    if (ids.has(id)) out.push(`${at}.id: "${id}" duplicates cells[${ids.get(id)}].id`);
    else ids.set(id, i);
  }
  const type = cell.cell_type;
  if (type !== "markdown" && type !== "code" && type !== "raw") {
    return [...out, `${at}.cell_type: must be markdown, code or raw (got ${JSON.stringify(type)})`];
  }
  if (!isObject(cell.metadata)) out.push(`${at}.metadata: required object`);
  if (!isMultiline(cell.source)) out.push(`${at}.source: required string or array of strings`);
  const allowed = type === "code" ? ["id", "cell_type", "metadata", "source", "outputs", "execution_count"] : ["id", "cell_type", "metadata", "source", "attachments"];
  for (const k of Object.keys(cell)) if (!allowed.includes(k)) out.push(`${at}.${k}: not allowed in a ${type} cell`);
  if (type === "code") {
    if (!("execution_count" in cell)) out.push(`${at}.execution_count: required (integer or null)`);
    else if (!(cell.execution_count === null || (Number.isInteger(cell.execution_count) && (cell.execution_count as number) >= 0))) {
      out.push(`${at}.execution_count: must be a non-negative integer or null`);
    }
    if (!Array.isArray(cell.outputs)) out.push(`${at}.outputs: required array`);
    else cell.outputs.forEach((o, k) => out.push(...outputProblems(o, `${at}.outputs[${k}]`)));
  }
  return out;
}

function outputProblems(o: unknown, at: string): string[] {
  if (!isObject(o)) return [`${at}: must be an object`];
  const need = (keys: string[]) => keys.filter((k) => !(k in o)).map((k) => `${at}.${k}: required for ${o.output_type}`);
  switch (o.output_type) {
    case "execute_result": {
      const p = need(["execution_count", "data", "metadata"]);
      if ("execution_count" in o && !(o.execution_count === null || Number.isInteger(o.execution_count))) p.push(`${at}.execution_count: integer or null`);
      return p;
    }
    case "display_data":
      return need(["data", "metadata"]);
    case "stream": {
      const p = need(["name", "text"]);
      if ("name" in o && o.name !== "stdout" && o.name !== "stderr") p.push(`${at}.name: stdout or stderr`);
      if ("text" in o && !isMultiline(o.text)) p.push(`${at}.text: string or array of strings`);
      return p;
    }
    case "error": {
      const p = need(["ename", "evalue", "traceback"]);
      if ("traceback" in o && !(Array.isArray(o.traceback) && o.traceback.every((s) => typeof s === "string"))) p.push(`${at}.traceback: array of strings`);
      return p;
    }
    default:
      return [`${at}.output_type: must be execute_result, display_data, stream or error (got ${JSON.stringify(o.output_type)})`];
  }
}

/** FleetLab's own rules on top of the schema: the fleetlab kernelspec and TypeScript language_info. */
export function fleetlabNotebookProblems(nb: Notebook): string[] {
  const out: string[] = [];
  const ks = nb.metadata?.kernelspec;
  if (!ks) out.push("metadata.kernelspec: required (the fleetlab kernel)");
  else {
    if (ks.name !== FLEETLAB_KERNELSPEC.name) out.push(`metadata.kernelspec.name: must be "fleetlab" (got "${ks.name}")`);
    if (ks.language !== undefined && ks.language !== "typescript") out.push(`metadata.kernelspec.language: must be "typescript"`);
  }
  if (nb.metadata?.language_info?.name !== "typescript") out.push("metadata.language_info.name: must be \"typescript\"");
  return out;
}

/** The source of a cell as one string. */
export function cellSource(cell: { source: Multiline }): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Splits text into nbformat's multiline form: lines keeping their "\n", the last without. */
export function toMultiline(text: string): string[] {
  const lines = text.split("\n");
  return lines.map((l, i) => (i < lines.length - 1 ? l + "\n" : l)).filter((l, i) => !(i === lines.length - 1 && l === ""));
}
