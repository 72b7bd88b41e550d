/**
 * Which files a grading run grades, under which names, and which slice of them a shard takes.
 *
 *   a file                 its name without .ipynb
 *   a folder               every .ipynb under it (checkpoints skipped); a notebook in a
 *                          sub-folder is named for that sub-folder (a roster: one folder per
 *                          student), one at the top for itself
 *
 * Names are made safe for a folder name and unique (a second "alice" becomes "alice-2", in
 * sorted path order, so every shard names alike). Shards are deterministic: submissions sorted
 * by name, shard I of N takes every N-th from the I-th.
 */
import fs from "fs";
import path from "path";
import type { SubmissionRef } from "./grade-run";

/** Submissions in `inputs` (files and folders), sorted by name. @throws naming an input that does not exist */
export function findSubmissions(inputs: string[]): SubmissionRef[] {
  const found: { name: string; file: string }[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new Error(`${input}: no such file or folder`);
    }
    if (!stat.isDirectory()) {
      found.push({ name: path.basename(input).replace(/\.ipynb$/i, ""), file: input });
      continue;
    }
    for (const rel of notebooksUnder(input)) {
      const parts = rel.split(path.sep);
      found.push({ name: parts.length > 1 ? parts[0] : parts[0].replace(/\.ipynb$/i, ""), file: path.join(input, rel) });
    }
  }
  found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const taken = new Map<string, number>();
  const named = found.map((f) => {
    const base = safeName(f.name);
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    return { name: n === 1 ? base : `${base}-${n}`, file: f.file };
  });
  return named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Parses `I/N` (0 <= I < N).
 * @throws Error naming the expected form
 */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new Error(`--shard takes I/N with 0 <= I < N, e.g. 0/4 (got "${text}")`);
  return { index, count };
}

/** Shard `index` of `count` of name-sorted submissions. */
export function shardOf<T extends { name: string }>(sorted: T[], shard: { index: number; count: number }): T[] {
  return sorted.filter((_s, i) => i % shard.count === shard.index);
}

function notebooksUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const r = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(r);
      else if (entry.isFile() && /\.ipynb$/i.test(entry.name)) out.push(r);
    }
  };
  walk("");
  return out;
}

function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "");
  return s || "submission";
}
