/**
 * What a cell's source declares and imports, read from its syntax tree alone, and the two
 * texts made from it: the checked text (every top-level declaration exported, so the
 * compiler's declaration emit carries each one to later cells) and the run text (the same,
 * with the last expression statement's value handed to the executor).
 *
 * `export ` is inserted before declarations, so checked-text positions after an insertion
 * are mapped back (toCellOffset) before a diagnostic names a cell line and column.
 */
import type * as TS from "typescript";

/** One name an import statement binds. */
export interface ImportBinding {
  /** The local name. */
  name: string;
  specifier: string;
  /** "default", "*" (namespace) or the exported name. */
  imported: string;
  typeOnly: boolean;
}

export interface CellSource {
  /** Every top-level name the cell declares (values and types), import bindings included. */
  declared: Set<string>;
  imports: ImportBinding[];
  /** Module specifiers the cell imports (statically, `import x = require` included, or by `export … from`). */
  specifiers: { specifier: string; start: number }[];
  /** The cell with `export ` before each top-level declaration. */
  checked: string;
  /** Maps an offset in `checked` to the cell's own offset. */
  toCellOffset(offset: number): number;
  /** Maps a cell offset to its offset in `checked`. */
  toCheckedOffset(offset: number): number;
  /** `checked` with its last expression statement's value passed to `valueSink(…)`; hasValue tells whether there is one. */
  run(valueSink: string): { text: string; hasValue: boolean };
}

/** Names a binding pattern (or plain identifier) declares. */
function bindingNames(ts: typeof TS, name: TS.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(ts, element.name, out);
}

/** The offset of the first token at or after `pos` (whitespace and comments skipped). */
export function skipTrivia(text: string, pos: number): number {
  const trivia = /(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;
  trivia.lastIndex = pos;
  trivia.exec(text);
  return trivia.lastIndex;
}

function hasModifier(ts: typeof TS, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

export function readCell(ts: typeof TS, code: string): CellSource {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const declared = new Set<string>();
  const imports: ImportBinding[] = [];
  const specifiers: { specifier: string; start: number }[] = [];
  /** Cell offsets where `export ` goes. */
  const inserts: number[] = [];
  let last: TS.ExpressionStatement | undefined;

  for (const statement of sf.statements) {
    last = ts.isExpressionStatement(statement) ? statement : undefined;
    if (ts.isImportDeclaration(statement)) {
      if (ts.isStringLiteral(statement.moduleSpecifier)) {
        const specifier = statement.moduleSpecifier.text;
        specifiers.push({ specifier, start: statement.moduleSpecifier.getStart(sf) });
        const clause = statement.importClause;
        const typeOnly = clause?.isTypeOnly ?? false;
        if (clause?.name) imports.push({ name: clause.name.text, specifier, imported: "default", typeOnly });
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) imports.push({ name: bindings.name.text, specifier, imported: "*", typeOnly });
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            imports.push({ name: el.name.text, specifier, imported: (el.propertyName ?? el.name).text, typeOnly: typeOnly || el.isTypeOnly });
          }
        }
      }
      continue;
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      specifiers.push({ specifier: statement.moduleSpecifier.text, start: statement.moduleSpecifier.getStart(sf) });
      continue;
    }
    const names: string[] = [];
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindingNames(ts, d.name, names);
    else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
      statement.name && ts.isIdentifier(statement.name)
    ) names.push(statement.name.text);
    if (names.length === 0) continue;
    for (const n of names) declared.add(n);
    if (!hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword)) {
      // After decorators (`@d export class` is valid), before any other modifier or keyword.
      const decorators = ts.canHaveDecorators(statement) ? ts.getDecorators(statement) ?? [] : [];
      inserts.push(decorators.length ? skipTrivia(code, decorators[decorators.length - 1].end) : statement.getStart(sf));
    }
  }
  for (const i of imports) declared.add(i.name);

  const EXPORT = "export ";
  const withExports = (text: string, from = 0, to = text.length): string => {
    let out = "";
    let at = from;
    for (const i of inserts) {
      if (i < from || i >= to) continue;
      out += text.slice(at, i) + EXPORT;
      at = i;
    }
    return out + text.slice(at, to);
  };
  const checked = withExports(code);

  return {
    declared,
    imports,
    specifiers,
    checked,
    toCellOffset(offset) {
      let shift = 0;
      for (const i of inserts) {
        const at = i + shift; // where this insertion starts in `checked`
        if (offset < at) break;
        if (offset < at + EXPORT.length) return i;
        shift += EXPORT.length;
      }
      return offset - shift;
    },
    toCheckedOffset(offset) {
      return offset + inserts.filter((i) => i <= offset).length * EXPORT.length;
    },
    run(valueSink) {
      if (!last) return { text: checked, hasValue: false };
      const expr = last.expression;
      const start = expr.getStart(sf);
      const text = `${withExports(code, 0, start)}${valueSink}((${code.slice(start, expr.end)}\n))${withExports(code, expr.end)}`;
      return { text, hasValue: true };
    },
  };
}
