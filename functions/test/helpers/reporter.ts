/**
 * Mocha's spec reporter, plus how long each top-level suite took (printed at the end, slowest first),
 * and the run's totals appended as one JSON line to $TEST_STATS_FILE when set, so `npm test` can print
 * one closing line for all its suites.
 */
import { appendFileSync } from "node:fs";
import Mocha from "mocha";

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Mocha.Runner.constants;

class SpecWithStats extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const started = new Map<Mocha.Suite, number>();
    const durations: Array<{ title: string; ms: number }> = [];
    const topLevel = (suite: Mocha.Suite) => suite.parent?.root === true;
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (topLevel(suite)) started.set(suite, Date.now());
    });
    runner.on(EVENT_SUITE_END, (suite: Mocha.Suite) => {
      const at = started.get(suite);
      if (at !== undefined) durations.push({ title: suite.title, ms: Date.now() - at });
    });
    runner.once(EVENT_RUN_END, () => {
      durations.sort((a, b) => b.ms - a.ms);
      // eslint-disable-next-line no-console
      console.log(`\n  Time per suite:\n${durations.map((d) => `    ${(d.ms / 1000).toFixed(1).padStart(7)} s  ${d.title}`).join("\n")}\n`);
      const file = process.env.TEST_STATS_FILE;
      const stats = runner.stats;
      if (file && stats) {
        appendFileSync(file, `${JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending })}\n`);
      }
    });
  }
}

export = SpecWithStats;
