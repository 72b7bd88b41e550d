/**
 * The JupyterLite plugin that makes FleetLab a kernel of the site: registers the kernelspec
 * (src/lite/protocol.ts names it) with a factory of WorkerKernels, and passes interrupts on
 * to them. The worker script and its assets are where the page config's `fleetlabWorkerUrl`
 * and `fleetlabAssetsUrl` say (lite/build.js puts them there and writes the config).
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import { ISessionManager, type Session } from "@jupyterlab/services";
import { IKernelClient, IKernelSpecs, type IKernel } from "@jupyterlite/services";
import { LITE_KERNEL_DISPLAY_NAME, LITE_KERNEL_NAME } from "../../../src/lite/protocol";
import { WorkerKernel } from "./worker-kernel";

/** A site URL from the page config, absolute so that the worker resolves it as the page does. */
function siteUrl(option: string): string {
  const value = PageConfig.getOption(option);
  if (!value) throw new Error(`the page config has no ${option}`);
  return new URL(value, window.location.href).href;
}

/** The path of the notebook whose session runs kernel `kernelId`, or the kernel's folder if none does. */
async function notebookPath(sessions: Session.IManager, kernelId: string, location: string): Promise<string> {
  await sessions.refreshRunning();
  for (const model of sessions.running() as IterableIterator<Session.IModel>) {
    if (model.kernel?.id === kernelId) return model.path;
  }
  return location.replace(/^[^/:]*:/, "");
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: "fleetlab-lite-kernel:plugin",
  description: "The FleetLab kernel, running in a web worker",
  autoStart: true,
  requires: [IKernelSpecs, IKernelClient, ISessionManager],
  activate: (_app: JupyterFrontEnd, specs: IKernelSpecs, kernels: IKernelClient, sessions: Session.IManager) => {
    const running = new Map<string, WorkerKernel>();
    const workerUrl = siteUrl("fleetlabWorkerUrl");
    const assetsUrl = URLExt.join(siteUrl("fleetlabAssetsUrl"), "/");
    const filesUrl = URLExt.join(siteUrl("fleetlabFilesUrl"), "/");
    specs.register({
      spec: {
        name: LITE_KERNEL_NAME,
        display_name: LITE_KERNEL_DISPLAY_NAME,
        language: "typescript",
        argv: [],
        resources: {},
      },
      create: async (options: IKernel.IOptions) => {
        const kernel = new WorkerKernel({
          ...options, workerUrl, assetsUrl, filesUrl,
          notebookPath: () => notebookPath(sessions, options.id, options.location),
        });
        running.set(kernel.id, kernel);
        // A restart disposes the kernel and creates one with the same id: forget only this one.
        kernel.disposed.connect(() => running.get(kernel.id) === kernel && running.delete(kernel.id));
        return kernel;
      },
    });
    // JupyterLite's kernel client only cancels queued messages on interrupt; the running cell is the worker's to stop.
    const interrupt = kernels.interrupt.bind(kernels);
    kernels.interrupt = async (id: string) => {
      running.get(id)?.interrupt();
      await interrupt(id);
    };
  },
};

export default plugin;
