/**
 * Every number in the catalog by name, with its unit and provenance: what `fleetlab
 * catalog` lists and what `fleetlab calc` expressions can name (`B200.hbmBytes`).
 *
 * The list is walked from the catalog's exported entries, so a figure added to an entry is
 * listed without being registered twice. A figure is a `Sourced` number; a `Sourced` record
 * (a model's config) or table (Llama 3's root causes) lists each of its numbers under the
 * record's provenance: `LLAMA3_70B.config.layers`, `LLAMA3_ROOT_CAUSES.faultyGpu.count`.
 */
import type { Provenance, Sourced } from "../provenance";
import { A100_80GB, B200, H100_RIDGE_FLOPS_PER_BYTE, H100_SXM } from "./gpus";
import {
  ETHERNET_100G, ETHERNET_400G, ETHERNET_800G, INFINIBAND_HDR, INFINIBAND_NDR, INFINIBAND_XDR, NVLINK3, NVLINK4, NVLINK5, PCIE_GEN5_X16,
} from "./fabrics";
import { MCU_SUPPLY_VOLTS, NONVOLATILE_MEMORY, S3_PUTS_PER_SECOND_PER_PREFIX, STORAGE_TIERS, WRITE_JOULES_PER_BYTE } from "./storage";
import { BYTES_PER_PARAMETER, LLAMA3_70B, LLAMA3_70B_SIZES, MODEL_175B, MODEL_175B_GRADIENT_BYTES } from "./models";
import { LLAMA3_405B_RUN, LLAMA3_ROOT_CAUSES, MLSYSIM_MTTF_HOURS, OPT_175B_RUN } from "./failures";

/** One catalog number. */
export interface CatalogFigure {
  /** Dotted name, as calc reads it: `H100_SXM.hbmBytesPerSecond`. */
  name: string;
  value: number;
  /** Unit as the catalog writes it (`B/s`, `FLOP/s`, `h`), or null for a count or ratio. */
  unit: string | null;
  provenance: Provenance;
}

/** The catalog's entries under the names `fleetlab/model` exports them by. */
export const CATALOG_ENTRIES = {
  H100_SXM, A100_80GB, B200, H100_RIDGE_FLOPS_PER_BYTE,
  NVLINK3, NVLINK4, NVLINK5, PCIE_GEN5_X16, INFINIBAND_HDR, INFINIBAND_NDR, INFINIBAND_XDR, ETHERNET_100G, ETHERNET_400G, ETHERNET_800G,
  STORAGE_TIERS, S3_PUTS_PER_SECOND_PER_PREFIX, MCU_SUPPLY_VOLTS, NONVOLATILE_MEMORY, WRITE_JOULES_PER_BYTE,
  BYTES_PER_PARAMETER, LLAMA3_70B, MODEL_175B, LLAMA3_70B_SIZES, MODEL_175B_GRADIENT_BYTES,
  LLAMA3_405B_RUN, OPT_175B_RUN, LLAMA3_ROOT_CAUSES, MLSYSIM_MTTF_HOURS,
} as const;

function isSourced(x: unknown): x is Sourced<unknown> {
  return typeof x === "object" && x !== null && "value" in x && "provenance" in x && "unit" in x;
}

/** `Faulty GPU` → `faultyGpu`: a table row's name as an identifier calc can read. */
export function rowKey(label: string): string {
  const words = label.replace(/[^A-Za-z0-9]+/g, " ").trim().split(" ");
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join("");
}

/** The numbers inside a sourced record or table, each under the record's provenance. */
function numbersIn(name: string, value: unknown, unit: string | null, provenance: Provenance, out: CatalogFigure[]): void {
  if (typeof value === "number") {
    out.push({ name, value, unit, provenance });
  } else if (Array.isArray(value)) {
    for (const row of value) {
      const label = (row as { component?: unknown; name?: unknown }).component ?? (row as { name?: unknown }).name;
      if (typeof label !== "string") throw new Error(`catalog: a row of ${name} has no component or name to list it by`);
      numbersIn(`${name}.${rowKey(label)}`, row, unit, provenance, out);
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [key, field] of Object.entries(value)) numbersIn(`${name}.${key}`, field, unit, provenance, out);
  }
}

function walk(name: string, entry: unknown, out: CatalogFigure[]): void {
  if (isSourced(entry)) {
    numbersIn(name, entry.value, entry.unit, entry.provenance, out);
    return;
  }
  if (typeof entry !== "object" || entry === null) return; // a label such as a GPU's name
  for (const [key, field] of Object.entries(entry)) walk(`${name}.${key}`, field, out);
}

/** Every number in `entries` (a map of catalog entries by name), in their order. */
export function listFigures(entries: Readonly<Record<string, unknown>>): CatalogFigure[] {
  const out: CatalogFigure[] = [];
  for (const [name, entry] of Object.entries(entries)) walk(name, entry, out);
  return out;
}

let listed: readonly CatalogFigure[] | undefined;

/** Every number in the catalog, in the order of CATALOG_ENTRIES. */
export function catalogFigures(): readonly CatalogFigure[] {
  listed ??= Object.freeze(listFigures(CATALOG_ENTRIES));
  return listed;
}
