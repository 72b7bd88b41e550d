/**
 * What earlier cells left for later ones to type-check against: their import bindings and
 * the declarations the compiler emitted for their top-level names (a `const m = open(…)`
 * becomes `declare const m: import("…/session").MissionSession<…>`). Kept per name, so a
 * cell that declares a name again replaces it, and written as the text placed before a cell.
 */
import type * as TS from "typescript";
import { skipTrivia, type ImportBinding } from "./cell-source";

export interface Prelude {
  /** The text to place before a cell declaring `declared`: its own names are left out. */
  text(declared: ReadonlySet<string>): string;
  /** Records what a cell that ran declared: its imports and the declaration emit of its checked text. */
  record(declared: ReadonlySet<string>, imports: readonly ImportBinding[], declarations: string): void;
}

function importText({ name, specifier, imported, typeOnly }: ImportBinding): string {
  const type = typeOnly ? "type " : "";
  const from = JSON.stringify(specifier);
  if (imported === "*") return `import ${type}* as ${name} from ${from};`;
  if (imported === "default") return `import ${type}${name} from ${from};`;
  return `import ${type}{ ${imported === name ? name : `${imported} as ${name}`} } from ${from};`;
}

/** Exported statements of emitted declarations, `export` dropped, keyed by the names they declare. */
function exportedDeclarations(ts: typeof TS, dts: string): Map<string, string[]> {
  const sf = ts.createSourceFile("cell.d.ts", dts, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out = new Map<string, string[]>();
  const add = (name: string, text: string) => out.set(name, [...(out.get(name) ?? []), text]);
  for (const statement of sf.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : [];
    // The declaration's doc comment, kept for inspect's quick info on a later cell.
    const doc = /\/\*\*[\s\S]*?\*\/\s*$/.exec(dts.slice(statement.pos, statement.getStart(sf)))?.[0].trim();
    const documented = (text: string) => (doc ? `${doc}\n${text}` : text);
    const exported = modifiers.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags;
      const keyword = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) add(d.name.text, documented(`declare ${keyword} ${d.getText(sf)};`));
      }
      continue;
    }
    const name = (statement as { name?: TS.Node }).name;
    if (!name || !ts.isIdentifier(name)) continue;
    let text = dts.slice(skipTrivia(dts, exported.end), statement.end);
    // A class or function emitted without `declare` (an interface or type needs none).
    if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
      !modifiers.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) text = `declare ${text}`;
    add(name.text, documented(text));
  }
  return out;
}

export function createPrelude(ts: typeof TS): Prelude {
  const imports = new Map<string, string>();
  const declarations = new Map<string, string[]>();
  return {
    text(declared) {
      let text = "";
      for (const [name, line] of imports) if (!declared.has(name)) text += line + "\n";
      for (const [name, lines] of declarations) if (!declared.has(name)) text += lines.join("\n") + "\n";
      return text;
    },
    record(declared, cellImports, dts) {
      for (const name of declared) {
        imports.delete(name);
        declarations.delete(name);
      }
      for (const binding of cellImports) imports.set(binding.name, importText(binding));
      for (const [name, lines] of exportedDeclarations(ts, dts)) if (!imports.has(name)) declarations.set(name, lines);
    },
  };
}
