/**
 * What cells print in the worker: console.log / info / debug become `stream` stdout, and
 * console.error / warn stream stderr, as the desktop kernel turns process.stdout / stderr
 * writes into stream messages. Arguments are joined as Node's console does (strings as
 * they are, other values formatted, `%s` / `%d` / `%i` / `%f` / `%o` / `%O` / `%j` substituted).
 */
import { formatValue } from "../cells/format-value";

export type StreamName = "stdout" | "stderr";

const METHODS: [keyof Console, StreamName][] = [["log", "stdout"], ["info", "stdout"], ["debug", "stdout"], ["error", "stderr"], ["warn", "stderr"]];

/** One console call's text, newline-terminated. */
export function consoleText(args: unknown[]): string {
  const text = (v: unknown) => (typeof v === "string" ? v : formatValue(v));
  let rest = args;
  let head = "";
  if (typeof args[0] === "string" && args[0].includes("%")) {
    let i = 1;
    head = args[0].replace(/%[sdifoOjc%]/g, (spec) => {
      if (spec === "%%") return "%";
      if (i >= args.length) return spec;
      const v = args[i++];
      switch (spec) {
        case "%s": return typeof v === "string" ? v : formatValue(v);
        case "%d": case "%i": return String(spec === "%i" ? Math.trunc(Number(v)) : Number(v));
        case "%f": return String(Number(v));
        case "%j": return JSON.stringify(v);
        case "%c": return "";
        default: return formatValue(v);
      }
    });
    rest = args.slice(i);
    return [head, ...rest.map(text)].join(" ") + "\n";
  }
  return rest.map(text).join(" ") + "\n";
}

/** Sends console output to `emit`; returns the function that puts the console back. */
export function captureConsole(emit: (name: StreamName, text: string) => void): () => void {
  const target = globalThis.console as unknown as Record<string, unknown>;
  const originals = METHODS.map(([method]) => [method, target[method]] as const);
  for (const [method, name] of METHODS) target[method] = (...args: unknown[]) => emit(name, consoleText(args));
  return () => {
    for (const [method, original] of originals) target[method] = original;
  };
}
