/**
 * The test order of the mutation run (jest.mutation.config.js): smaller spec files first.
 * With the first-failure environment a mutant stops at its first failing test, so putting the
 * short, direct specs before the simulators' long ones ends most killing runs sooner; the
 * default order runs the slowest files first.
 */
const { statSync } = require("fs");
const Sequencer = require("@jest/test-sequencer").default;

class SmallFirstSequencer extends Sequencer {
  sort(tests) {
    const size = (test) => statSync(test.path).size;
    return [...tests].sort((a, b) => size(a) - size(b) || a.path.localeCompare(b.path));
  }
}

module.exports = SmallFirstSequencer;
