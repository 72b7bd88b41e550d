/**
 * How a submitted notebook's cells differ from the notebook that was handed out
 * (missionNotebook of the pristine mission): cells deleted, added, moved, or with their
 * source edited. None of it changes the grade (the pristine mission is replayed, never the
 * student's cells); it is reported so a teacher sees what was touched. The parameters
 * cell's track line is the student's to set and is not an edit.
 */
import { cellSource, type Notebook } from "../authoring/nbformat";
import { TRACK_LINE } from "../authoring/notebook";

export interface CellDiff {
  deleted: string[];
  added: string[];
  moved: string[];
  /** Cell id and a short unified-style excerpt of the change. */
  edited: { id: string; diff: string }[];
}

/** The differences between `submitted` and `distributed`, matched by cell id. */
export function cellDiff(submitted: Notebook, distributed: Notebook): CellDiff {
  const mine = new Map(submitted.cells.map((c) => [c.id, c]));
  const theirs = new Map(distributed.cells.map((c) => [c.id, c]));
  const deleted = distributed.cells.filter((c) => !mine.has(c.id)).map((c) => c.id);
  const added = submitted.cells.filter((c) => !theirs.has(c.id)).map((c) => c.id);
  // Moved: common cells out of their handed-out order (those off a longest ordered run).
  const common = submitted.cells.filter((c) => theirs.has(c.id)).map((c) => c.id);
  const rank = new Map(distributed.cells.map((c, i) => [c.id, i]));
  const kept = new Set(longestIncreasing(common.map((id) => rank.get(id)!)).map((i) => common[i]));
  const moved = common.filter((id) => !kept.has(id));
  const edited: CellDiff["edited"] = [];
  for (const id of common) {
    const a = normalise(cellSource(theirs.get(id)!)), b = normalise(cellSource(mine.get(id)!));
    if (a !== b || theirs.get(id)!.cell_type !== mine.get(id)!.cell_type) edited.push({ id, diff: lineDiff(a, b) });
  }
  return { deleted, added, moved, edited };
}

/** True when nothing differs. */
export function unchanged(d: CellDiff): boolean {
  return d.deleted.length + d.added.length + d.moved.length + d.edited.length === 0;
}

function normalise(source: string): string {
  return source.replace(TRACK_LINE, 'const track = "…";').replace(/\s+$/, "");
}

/** Indices (into `xs`) of one longest strictly increasing subsequence. */
function longestIncreasing(xs: number[]): number[] {
  const tails: number[] = [], prev: number[] = new Array(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0, hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]] < xs[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) out.unshift(i);
  return out;
}

/** Lines only in the handed-out cell (-) and only in the submitted one (+), at most 12 lines. */
function lineDiff(a: string, b: string): string {
  const la = a.split("\n"), lb = b.split("\n");
  const sa = new Set(la), sb = new Set(lb);
  const lines = [...la.filter((l) => !sb.has(l)).map((l) => `- ${l}`), ...lb.filter((l) => !sa.has(l)).map((l) => `+ ${l}`)];
  const cut = lines.slice(0, 12).map((l) => (l.length > 160 ? `${l.slice(0, 160)}…` : l));
  return [...cut, ...(lines.length > 12 ? [`… ${lines.length - 12} more line(s)`] : [])].join("\n");
}
