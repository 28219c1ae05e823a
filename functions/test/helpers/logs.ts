import type Mocha from "mocha";
import { setLogWriter, type LogSeverity } from "../../src/shared/logger";
import { emulatorErrorsSince, emulatorLogMark, repositoryRoot, waitForEmulatorIdle } from "./emulator-log";
import { captureQueries, capturedQueries, missingIndexes, readIndexFile } from "./query-indexes";

export interface CapturedLog {
  severity: LogSeverity;
  message: string;
  fields: Record<string, unknown>;
}

let captured: CapturedLog[] = [];

/** Log lines written since the last reset (tests read them to check request ids and absent PII). */
export function capturedLogs(): readonly CapturedLog[] {
  return captured;
}

export function resetCapturedLogs(): void {
  captured = [];
}

/** In-process error lines not yet checked (kept apart from `captured`, which tests may reset). */
let unchecked: string[] = [];
let expected: RegExp[] = [];
let emulatorMark = 0;
const integration = () => Boolean(process.env.FIRESTORE_EMULATOR_HOST);

/**
 * Declares errors the current test causes on purpose (a bad document written straight to Firestore, say):
 * each pattern must match at least one error logged during the test, in process or by a function in the
 * emulator, and every other error still fails the test.
 */
export function expectLoggedErrors(...patterns: RegExp[]): void {
  expected.push(...patterns);
}

/** The errors logged since the last check that no declared pattern explains, and the patterns nothing matched. */
function uncheckedErrors(): { unexpected: string[]; unmatched: RegExp[] } {
  const all = [...unchecked, ...emulatorErrorsSince(emulatorMark).map((e) => `emulator: ${e.text}`)];
  unchecked = [];
  emulatorMark = emulatorLogMark();
  const unexpected = all.filter((text) => !expected.some((p) => p.test(text)));
  const unmatched = expected.filter((p) => !all.some((text) => p.test(text)));
  return { unexpected, unmatched };
}

/**
 * Mocha root hooks (loaded with --require): log lines go to memory instead of stdout, so test output
 * stays readable; set SHOW_LOGS=1 to see them as well.
 *
 * In integration runs (under the emulators) each test also ends only once the Functions emulator is idle,
 * so no trigger work of one test runs into the next, and it fails if anything logged an error it did not
 * declare with `expectLoggedErrors`: a broken trigger shows as its error, not as a wait timing out.
 */
export const mochaHooks = {
  beforeAll(): void {
    setLogWriter((severity, message, fields) => {
      captured.push({ severity, message, fields });
      if (severity === "error") {
        const { stack: _stack, ...rest } = fields;
        unchecked.push(`in process: ${message} ${JSON.stringify(rest)}`);
      }
      // eslint-disable-next-line no-console
      if (process.env.SHOW_LOGS) console.log(JSON.stringify({ severity, message, ...fields }));
    });
    if (integration()) {
      emulatorMark = emulatorLogMark();
      captureQueries();
    }
  },
  beforeEach(): void {
    expected = [];
  },
  async afterEach(this: Mocha.Context): Promise<void> {
    if (!integration()) {
      unchecked = [];
      return;
    }
    this.timeout(200_000);
    await waitForEmulatorIdle();
    const { unexpected, unmatched } = uncheckedErrors();
    expected = [];
    if (this.currentTest?.state === "failed") return; // its own failure says more
    const problems = [
      ...unexpected.map((e) => `unexpected error logged: ${e}`),
      ...unmatched.map((p) => `expected an error matching ${p} but none was logged`),
    ];
    if (problems.length > 0) (this.test as Mocha.Hook).error(new Error(problems.join("\n")));
  },
  afterAll(): void {
    setLogWriter(undefined);
    if (!integration()) return;
    // Every query the code ran during the run must have its index in firestore.indexes.json (the
    // emulator runs any query; production refuses one without its composite index).
    const missing = missingIndexes(readIndexFile(repositoryRoot()));
    // eslint-disable-next-line no-console
    console.log(`\n  Checked ${capturedQueries().length} distinct queries the code ran against firestore.indexes.json`);
    if (missing.length > 0) throw new Error(`Queries without an index in firestore.indexes.json:\n${missing.join("\n")}`);
  },
};
