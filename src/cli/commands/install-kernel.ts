/** `fleetlab install-kernel [--user | --prefix DIR | --sys-prefix]`: writes the Jupyter kernelspec. */
import { installKernelspec, type InstallTarget } from "../../kernel/kernelspec";


export async function run(argv: string[]): Promise<number> {
  let target: InstallTarget = { kind: "user" };
  let chosen = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--user") target = { kind: "user" };
    else if (a === "--sys-prefix") target = { kind: "sys-prefix" };
    else if (a === "--prefix" || a.startsWith("--prefix=")) {
      const dir = a === "--prefix" ? argv[++i] : a.slice("--prefix=".length);
      if (!dir) {
        process.stderr.write("fleetlab install-kernel: --prefix needs a directory, e.g. --prefix /opt/conda\n");
        return 2;
      }
      target = { kind: "prefix", dir };
    } else {
      process.stderr.write(`fleetlab install-kernel: unknown option "${a}"; use --user, --prefix DIR or --sys-prefix\n`);
      return 2;
    }
    chosen++;
  }
  if (chosen > 1) {
    process.stderr.write("fleetlab install-kernel: choose one of --user, --prefix DIR, --sys-prefix\n");
    return 2;
  }
  try {
    const dir = installKernelspec(target);
    process.stdout.write(`Installed kernelspec fleetlab in ${dir}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`fleetlab install-kernel: ${(err as Error).message}\n`);
    return 1;
  }
}
