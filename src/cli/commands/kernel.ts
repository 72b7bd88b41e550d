/** `fleetlab kernel <connection_file>`: the Jupyter kernel (started by Jupyter from kernel.json). */
import { runKernel } from "../../kernel/kernel";


export async function run(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith("-"));
  if (!file || argv.length !== 1) {
    process.stderr.write("usage: fleetlab kernel <connection_file>\n  Jupyter passes the file; install the kernelspec with `fleetlab install-kernel`.\n");
    return 2;
  }
  return runKernel(file);
}
