/**
 * kernel_info_reply content, from facts its host supplies: the desktop kernel reads them
 * from package.json (messages.ts), the browser worker has them injected at build time.
 * Browser-safe.
 */
import type { JsonObject } from "./runtime";

/** The protocol version this kernel speaks (kernel_info_reply.protocol_version). */
export const PROTOCOL_VERSION = "5.3";

export interface KernelFacts {
  typescriptVersion: string;
  /** FleetLab's version (package.json `version`). */
  version: string;
  /** Where FleetLab's README is published (package.json `homepage`). */
  homepage: string;
  /** What runs the cells, for the banner: "Node.js v24…", "a browser web worker". */
  runsOn: string;
}

export function kernelInfo({ typescriptVersion, version, homepage, runsOn }: KernelFacts): JsonObject {
  return {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "fleetlab",
    implementation_version: version,
    language_info: {
      name: "typescript",
      version: typescriptVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: "typescript",
      pygments_lexer: "typescript",
    },
    banner: `FleetLab kernel: TypeScript ${typescriptVersion} on ${runsOn}`,
    help_links: [
      { text: "FleetLab README", url: homepage },
      { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
    ],
  };
}
