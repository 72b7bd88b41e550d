/**
 * text/plain for a cell's value in a browser worker, close to what Node's util.inspect
 * shows on the desktop (single-quoted strings, `[ 1, 2 ]`, `{ a: 1 }`, `Map(1) { 'k' => 1 }`,
 * nested objects two levels deep, long ones broken over lines), without Node's util.
 */
const MAX_DEPTH = 2;
const LINE_WIDTH = 72;
const MAX_ITEMS = 100;

const quote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function join(open: string, items: string[], close: string, indent: string): string {
  if (items.length === 0) return `${open}${close}`.replace("  ", " ");
  const flat = `${open} ${items.join(", ")} ${close}`;
  if (flat.length + indent.length <= LINE_WIDTH && !items.some((i) => i.includes("\n"))) return flat;
  const inner = indent + "  ";
  return `${open}\n${items.map((i) => inner + i).join(",\n")}\n${indent}${close}`;
}

function format(value: unknown, depth: number, indent: string, seen: unknown[]): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    case "function": {
      const text = Function.prototype.toString.call(value);
      const name = (value as { name?: string }).name;
      if (/^class\b/.test(text)) return `[class ${name || "(anonymous)"}]`;
      return name ? `[Function: ${name}]` : "[Function (anonymous)]";
    }
  }
  if (value === null) return "null";
  const obj = value as object;
  if (seen.includes(obj)) return "[Circular]";
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? "Invalid Date" : obj.toISOString();
  if (obj instanceof RegExp) return obj.toString();
  if (obj instanceof Error) return obj.stack ?? `${obj.name}: ${obj.message}`;
  if (obj instanceof Promise) return "Promise { <pending> }";
  const ctor = (obj as { constructor?: { name?: string } }).constructor?.name;
  if (depth > MAX_DEPTH) return Array.isArray(obj) ? "[Array]" : `[${ctor || "Object"}]`;
  const next = [...seen, obj];
  const inner = (v: unknown) => format(v, depth + 1, indent + "  ", next);
  const key = (k: string) => (IDENTIFIER.test(k) ? k : quote(k));
  const cap = (items: string[], total: number) => (total > MAX_ITEMS ? [...items.slice(0, MAX_ITEMS), `... ${total - MAX_ITEMS} more items`] : items);

  if (Array.isArray(obj)) return join("[", cap(obj.slice(0, MAX_ITEMS).map(inner), obj.length), "]", indent);
  if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
    const items = Array.from(obj as unknown as ArrayLike<number | bigint>);
    return `${ctor}(${items.length}) ` + join("[", cap(items.slice(0, MAX_ITEMS).map(inner), items.length), "]", indent);
  }
  if (obj instanceof Map) {
    const items = [...obj].slice(0, MAX_ITEMS).map(([k, v]) => `${inner(k)} => ${inner(v)}`);
    return `Map(${obj.size}) ` + join("{", cap(items, obj.size), "}", indent);
  }
  if (obj instanceof Set) return `Set(${obj.size}) ` + join("{", cap([...obj].slice(0, MAX_ITEMS).map(inner), obj.size), "}", indent);
  const keys = Object.keys(obj);
  const items = keys.slice(0, MAX_ITEMS).map((k) => `${key(k)}: ${inner((obj as Record<string, unknown>)[k])}`);
  for (const s of Object.getOwnPropertySymbols(obj)) {
    if (Object.getOwnPropertyDescriptor(obj, s)?.enumerable) items.push(`[${s.toString()}]: ${inner((obj as Record<symbol, unknown>)[s])}`);
  }
  const prefix = ctor === undefined ? "[Object: null prototype] " : ctor === "Object" ? "" : `${ctor} `;
  return prefix + join("{", cap(items, keys.length), "}", indent);
}

/** The text/plain of `value`. */
export function formatValue(value: unknown): string {
  return format(value, 0, "", []);
}
