/**
 * Mocha's spec reporter, plus the run's totals appended as one JSON line to $TEST_STATS_FILE when set,
 * so `npm test` can print one closing line for all its suites.
 */
import { appendFileSync } from "node:fs";
import Mocha from "mocha";

class SpecWithStats extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.TEST_STATS_FILE;
      const stats = runner.stats;
      if (file && stats) {
        appendFileSync(file, `${JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending })}\n`);
      }
    });
  }
}

export = SpecWithStats;
