/**
 * `fleetlab` command-line entry. Each command lives in its own module under
 * commands/ and is loaded only when used, so `fleetlab calc` does not pay for
 * zeromq or the TypeScript compiler.
 *
 * Exit codes: 0 ok, 1 checks failed, 2 usage error.
 */

export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

interface CommandEntry {
  /** One line for `fleetlab --help`, kept here so help loads no command module. */
  summary: string;
  load(): CommandModule;
}

const COMMANDS: Record<string, CommandEntry> = {
  missions: { summary: "print each mission part's lock answer key and 10-iteration target, per track", load: () => require("./commands/missions") },
  check: { summary: "validate mission definitions and notebooks, listing exactly what is missing", load: () => require("./commands/check") },
  new: { summary: "write a mission file + its notebook in any folder (--example: a complete one), or --regenerate a notebook from its mission", load: () => require("./commands/new") },
  kernel: { summary: "run the Jupyter kernel on a connection file (used by Jupyter)", load: () => require("./commands/kernel") },
  "install-kernel": { summary: "install the FleetLab Jupyter kernelspec (--user default, --prefix DIR, --sys-prefix)", load: () => require("./commands/install-kernel") },
  calc: { summary: "evaluate a unit-aware expression over the model functions (--json, --list)", load: () => require("./commands/calc") },
  catalog: { summary: "list every sourced catalog figure with its unit, status and source, by the name calc reads it under (--json)", load: () => require("./commands/catalog") },
  headline: { summary: "print each track's headline figure for every mission, computed by the model", load: () => require("./commands/headline") },
  run: { summary: "execute notebooks headless, in-process (no Jupyter), driving widgets with --set", load: () => require("./commands/run") },
  export: { summary: "write a static JupyterLite site of a course's notebooks and mission files (--site DIR), for any static web host", load: () => require("./commands/export") },
  serve: { summary: "serve a built FleetLab site (npm run build:lite, export --site) on localhost and print its URL (--port, --open)", load: () => require("./commands/serve") },
  grade: { summary: "grade students' saved notebooks from their lock records, each in a sandboxed worker (Gradescope results)", load: () => require("./commands/grade") },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(16)}${entry.summary}`);
  return ["usage: fleetlab <command> [options]", "", "commands:", ...lines].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`fleetlab: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  return entry.load().run(rest);
}
