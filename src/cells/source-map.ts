/**
 * Reading a source map's `mappings` (Source Map v3: Base64 VLQ segments, `;` between
 * generated lines, `,` between segments): the original position a generated line and column
 * came from. A cell's stack frames name positions in its compiled JavaScript; this turns them
 * back into the cell's own lines.
 */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The signed integers of one segment. */
function decodeSegment(segment: string): number[] {
  const out: number[] = [];
  let value = 0, shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`source map: ${JSON.stringify(c)} is no Base64 VLQ digit`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** One mapped segment: generated column → original line and column (all 0-based). */
interface Segment {
  column: number;
  line: number;
  originalColumn: number;
}

/** Decoded `mappings`: per generated line, its segments that point into a source, by column. */
export function decodeMappings(mappings: string): Segment[][] {
  let line = 0, originalColumn = 0;
  return mappings.split(";").map((group) => {
    let column = 0;
    const segments: Segment[] = [];
    for (const text of group.split(",")) {
      if (!text) continue;
      const f = decodeSegment(text);
      column += f[0];
      if (f.length < 4) continue; // no source position
      line += f[2];
      originalColumn += f[3];
      segments.push({ column, line, originalColumn });
    }
    return segments;
  });
}

/**
 * Where generated `line`:`column` (0-based) came from: the nearest segment at or before the
 * column on that line (else the line's first), or undefined on a line with no mapping.
 */
export function originalPosition(decoded: Segment[][], line: number, column: number): { line: number; column: number } | undefined {
  const segments = decoded[line];
  if (!segments || segments.length === 0) return undefined;
  let best = segments[0];
  for (const s of segments) if (s.column <= column) best = s;
  return { line: best.line, column: best.originalColumn + Math.max(0, column - best.column) };
}
