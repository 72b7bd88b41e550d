/**
 * `fleetlab` command-line entry. Each command lives in its own module under
 * commands/ and is loaded only when used, so `fleetlab calc` does not pay for
 * zeromq or the TypeScript compiler.
 *
 * Exit codes: 0 ok, 1 checks failed, 2 usage error.
 */

export interface CommandModule {
  /** One line for `fleetlab --help`. */
  summary: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => CommandModule> = {
  // Each command registers here with one line.
  missions: () => require("./commands/missions") as CommandModule,
  check: () => require("./commands/check") as CommandModule,
  new: () => require("./commands/new") as CommandModule,
  kernel: () => require("./commands/kernel") as CommandModule,
  "install-kernel": () => require("./commands/install-kernel") as CommandModule,
  calc: () => require("./commands/calc") as CommandModule,
  headline: () => require("./commands/headline") as CommandModule,
  run: () => require("./commands/run") as CommandModule,
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, load]) => `  ${name.padEnd(16)}${load().summary}`);
  return ["usage: fleetlab <command> [options]", "", "commands:", ...lines].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`fleetlab: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  return load().run(rest);
}
