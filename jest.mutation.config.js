/**
 * The model's own specs, the tests StrykerJS measures (npm run test:mutation): a model
 * mutant must be caught by the specs beside the model, not by a mission or notebook test.
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  roots: ["<rootDir>/src/model"],
  testMatch: ["**/*.spec.ts"],
  setupFiles: [],
  // An absolute path: Stryker wraps the environment and requires it without <rootDir>.
  testEnvironment: require("path").join(__dirname, "test/mutation/first-failure-environment.js"),
  testSequencer: "<rootDir>/test/mutation/small-first-sequencer.js",
};
