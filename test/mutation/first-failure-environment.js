/**
 * The test environment of the mutation run (jest.mutation.config.js): once a test has failed
 * under a mutant, the tests after it are skipped. One failure already kills the mutant, and
 * Stryker's jest runner has no bail of its own, so without this a mutant in a helper that
 * every spec reaches would rerun all the model's specs, simulators included.
 *
 * Stryker names the active mutant in __STRYKER_ACTIVE_MUTANT__; the dry run that measures
 * coverage has none, and there nothing is skipped.
 */
const { TestEnvironment } = require("jest-environment-node");

let failedUnderMutant = null;

class FirstFailureEnvironment extends TestEnvironment {
  async handleTestEvent(event, state) {
    await super.handleTestEvent?.(event, state);
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    if (mutant === undefined) return;
    if (event.name === "test_start" && failedUnderMutant === mutant) event.test.mode = "skip";
    if (event.name === "test_done" && event.test.errors.length > 0) failedUnderMutant = mutant;
  }
}

module.exports = FirstFailureEnvironment;
