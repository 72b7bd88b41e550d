// Types of `fleetlab/mission` for node10 module resolution (the kernel's TypeScript 5.0).
export * from "./dist/src/mission/index";
