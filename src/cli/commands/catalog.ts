/**
 * `fleetlab catalog [TEXT] [--json]`: every number of the sourced catalog with its unit, its
 * figures.md status and its source, by the name `fleetlab calc` reads it under; TEXT keeps
 * the figures whose name or source contains it (any case).
 *
 *   | Figure | Value | Unit | Status | Source |
 *   | `B200.hbmBytes` | 1.8e11 | B | confirmed | glennklockwood.com B200 page; … |
 *
 * Exit 0 listed, 1 nothing matched, 2 a usage error.
 */
import { catalogFigures, type CatalogFigure } from "../../model/catalog/figures";
import { formatNumber } from "./calc";

const USAGE = "usage: fleetlab catalog [TEXT] [--json]";

/** The figures whose name or source mentions `text` (all of them for ""). */
export function matchingFigures(text: string): CatalogFigure[] {
  const needle = text.toLowerCase();
  return catalogFigures().filter((f) => `${f.name} ${f.provenance.ref}`.toLowerCase().includes(needle));
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

export function catalogTable(figures: readonly CatalogFigure[]): string {
  const rows = figures.map((f) => {
    const source = f.provenance.url ? `${f.provenance.ref} (${f.provenance.url})` : f.provenance.ref;
    return `| \`${f.name}\` | ${formatNumber(f.value)} | ${f.unit ?? "—"} | ${f.provenance.status} | ${cell(source)} |`;
  });
  return ["| Figure | Value | Unit | Status | Source |", "|---|---|---|---|---|", ...rows].join("\n");
}

export async function run(argv: string[]): Promise<number> {
  let json = false;
  const words: string[] = [];
  for (const a of argv) {
    if (a === "--json") json = true;
    else if (a.startsWith("-")) {
      process.stderr.write(`fleetlab catalog: unknown option "${a}" (${USAGE})\n`);
      return 2;
    } else words.push(a);
  }
  if (words.length > 1) {
    process.stderr.write(`fleetlab catalog: one search text at most (${USAGE})\n`);
    return 2;
  }
  const figures = matchingFigures(words[0] ?? "");
  if (figures.length === 0) {
    process.stderr.write(`fleetlab catalog: no figure mentions "${words[0]}"\n`);
    return 1;
  }
  process.stdout.write(json ? `${JSON.stringify(figures, null, 2)}\n` : `${catalogTable(figures)}\n`);
  return 0;
}
