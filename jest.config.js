/** Unit specs sit beside the code (src/**, widgets/src/**); cross-layer tests live in test/. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test", "<rootDir>/widgets/src"],
  testMatch: ["**/*.spec.ts", "**/*.test.ts"],
  // test/jupyterlab/ is also an npm project: its dependencies and build output are no test code.
  modulePathIgnorePatterns: ["<rootDir>/test/jupyterlab/node_modules/", "<rootDir>/test/jupyterlab/.build/"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/jupyterlab/.build/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    // @jupyter-widgets/* ship ES modules as .js; transpile them to CommonJS for widget specs.
    "/node_modules/@jupyter-widgets/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs", esModuleInterop: true } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@jupyter-widgets/)"],
  setupFiles: ["<rootDir>/widgets/src/testing/jsdom-setup.ts"],
  // The public entry points, as a mission file imports them (package.json "exports" in a build).
  moduleNameMapper: { "^fleetlab$": "<rootDir>/src/model/index.ts", "^fleetlab/mission$": "<rootDir>/src/mission/index.ts" },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  testTimeout: 120000,
};
