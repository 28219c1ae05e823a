import { setLogWriter, type LogSeverity } from "../../src/shared/logger";

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

/**
 * Mocha root hooks (loaded with --require): log lines go to memory instead of stdout, so test output
 * stays readable; set SHOW_LOGS=1 to see them as well.
 */
export const mochaHooks = {
  beforeAll(): void {
    setLogWriter((severity, message, fields) => {
      captured.push({ severity, message, fields });
      // eslint-disable-next-line no-console
      if (process.env.SHOW_LOGS) console.log(JSON.stringify({ severity, message, ...fields }));
    });
  },
  afterAll(): void {
    setLogWriter(undefined);
  },
};
