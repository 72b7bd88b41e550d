/**
 * Cursor positions between the Jupyter protocol (Unicode code points since 5.2) and
 * JavaScript strings (UTF-16 code units). Browser-safe: the desktop handler and the web
 * worker host both convert with these.
 */

/** Converts a position in Unicode code points to UTF-16 code units. */
export function codePointsToUnits(text: string, cursor: number): number {
  let units = 0;
  let points = 0;
  for (const ch of text) {
    if (points >= cursor) break;
    units += ch.length;
    points++;
  }
  return units;
}

/** Converts a UTF-16 code-unit offset to Unicode code points. */
export function unitsToCodePoints(text: string, units: number): number {
  return Array.from(text.slice(0, units)).length;
}
