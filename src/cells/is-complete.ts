/**
 * is_complete_request for a TypeScript cell, as tslab answered it: a
 * cell is incomplete when the parser expected more at its very end (an open block, call or
 * template string); two trailing blank lines force it complete. The indent follows the last
 * line: one level deeper after an opening bracket, one shallower before a closing one.
 */
import type * as TS from "typescript";

export type CompleteStatus = { status: "complete" } | { status: "incomplete"; indent: string };

export function isCompleteCell(ts: typeof TS, code: string): CompleteStatus {
  if (/(^|\n)\s*\n\s*$/.test(code)) return { status: "complete" };
  const sf = ts.createSourceFile("cell.tsx", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const diagnostics = (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const atEnd = diagnostics.some((d) => typeof d.messageText === "string" &&
    // A template string may span lines; anything else the parser expects at the very end.
    (d.messageText === "Unterminated template literal." || (d.start === code.length && d.length === 0 && d.messageText.endsWith(" expected."))));
  return atEnd ? { status: "incomplete", indent: indentOnEnter(code) } : { status: "complete" };
}

function indentOnEnter(code: string): string {
  const line = /[^\n]*$/.exec(code)![0];
  const current = /^\s*/.exec(line)![0];
  if (/^((?!.*?\/\*).*\*\/)?\s*[}\]].*$/.test(line)) {
    if (current.endsWith("  ")) return current.slice(0, -2);
    if (current.endsWith("\t") || current.endsWith(" ")) return current.slice(0, -1);
    return current;
  }
  if (/^((?!\/\/).)*(\{[^}"'`]*|\([^)"'`]*|\[[^\]"'`]*)$/.test(line)) return current + "  ";
  return current;
}
