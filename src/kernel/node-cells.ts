/**
 * The desktop host of FleetLab's cell executor (src/cells/): the kernel, the headless
 * runner and the grader's worker all run cells through createNodeExecutor.
 *
 *   compiler  the repository's TypeScript, files from disk (node-compiler-files.ts)
 *   modules   Node's require from the notebook folder, local .ts modules (node-modules.ts)
 *   values    util.inspect for text/plain, as a Node REPL shows them
 *   running   a vm script run with `breakOnSigint`, so SIGINT stops a cell's synchronous
 *             code (interrupt.ts stops what runs after its first await)
 */
import Module from "module";
import util from "util";
import vm from "vm";
import * as ts from "typescript";
import { createHostedCellExecutor, type CellExecutor, type EvaluateCell } from "../cells/executor";
import { nodeCompilerFiles } from "./node-compiler-files";
import { cellRequireBase, nodeModules } from "./node-modules";
import type { Resolution } from "./module-resolution";

/** The desktop executor: the shared interface, plus where `fleetlab` resolves from. */
export interface NodeExecutor extends CellExecutor {
  readonly resolution: Resolution;
}

/** The library desktop cells see; Node's globals come from @types/node. */
export const NODE_LIBS = ["lib.es2022.d.ts"];

const ARGS = Symbol.for("fleetlab.cellArguments");
/** The global object scripts run against (a test runner's module sandbox has a global of its own). */
const scriptGlobal = (): { [ARGS]?: unknown[] } => vm.runInThisContext("globalThis");

/**
 * Runs the cell's function inside a vm script with `breakOnSigint`: a SIGINT while its
 * synchronous part runs throws ERR_SCRIPT_EXECUTION_INTERRUPTED out of it (outcome.ts
 * reports that as Interrupted), where `new Function` code could not be stopped.
 */
export const evaluateInScript: EvaluateCell = (body, params, args, sourceName) => {
  const holder = scriptGlobal();
  const script = new vm.Script(`(function (${params.join(", ")}) {\n${body}\n}).apply(undefined, globalThis[Symbol.for("fleetlab.cellArguments")])`, { filename: sourceName });
  // displayErrors off: a throw here keeps its own stack, without Node's source excerpt prepended.
  holder[ARGS] = args;
  try {
    return script.runInThisContext({ breakOnSigint: true, displayErrors: false });
  } finally {
    delete holder[ARGS];
  }
};

/**
 * Creates the executor for cells run in `cwd`.
 * @param packageRoot folder of the running fleetlab package (for `import … from "fleetlab"`)
 */
export function createNodeExecutor(cwd: string, packageRoot: string): NodeExecutor {
  const { files, resolution, parseJsDoc, typeRoots, automaticTypes } = nodeCompilerFiles(ts, cwd, packageRoot);
  const ambient = automaticTypes.filter((name) => name !== "node");
  const executor = createHostedCellExecutor({
    compiler: {
      ts,
      files,
      libs: NODE_LIBS,
      cellFile: cellRequireBase(cwd).replace(/\.js$/, ".ts").split("\\").join("/"),
      // The automatic @types (narrowed by type-roots.ts) and Node's module resolution, as cells had under tslab;
      // @types/node joins when a cell needs it (executor.ts TypesOnDemand).
      compilerOptions: { types: ambient, typeRoots, moduleResolution: ts.ModuleResolutionKind.Node10, resolveJsonModule: true },
      parseJsDoc,
    },
    typesOnDemand: ambient.length < automaticTypes.length ? { names: ["node"], needs: (specifier) => Module.isBuiltin(specifier) } : undefined,
    modules: nodeModules(ts, cwd),
    formatValue: (v) => util.inspect(v),
    evaluate: evaluateInScript,
  });
  executor.warm();
  return Object.assign(executor, { resolution });
}
