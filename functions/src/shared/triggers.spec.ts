import assert from "node:assert/strict";
import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { AppError } from "./errors";
import { log, setLogWriter, type LogSeverity } from "./logger";
import { documentTrigger, isTransient, runTrigger, scheduledTrigger } from "./triggers";
import { storedDateSchema } from "./validation";

describe("runTrigger", () => {
  it("rethrows transient failures so the event is delivered again", async () => {
    const unavailable = Object.assign(new Error("14 UNAVAILABLE"), { code: 14 });
    await assert.rejects(runTrigger("e1", "t", async () => Promise.reject(unavailable)));
    await assert.rejects(runTrigger("e2", "t", async () => Promise.reject(new AppError("unavailable", "down"))));
  });

  it("drops permanent failures instead of retrying them for days", async () => {
    await runTrigger("e3", "t", async () => Promise.reject(new TypeError("bug")));
    await runTrigger("e4", "t", async () => Promise.reject(new AppError("invalid-argument", "bad data")));
    assert.equal(isTransient(Object.assign(new Error("3 INVALID_ARGUMENT"), { code: 3 })), false);
  });

  it("runs the work again when the emulator ends its transaction in a lock race, and rethrows if that persists", async () => {
    const contention = () => Object.assign(new Error("3 INVALID_ARGUMENT: Transaction is invalid or closed."), { code: 3 });
    let runs = 0;
    await runTrigger("e5", "t", async () => {
      if (++runs < 3) throw contention();
    });
    assert.equal(runs, 3);
    runs = 0;
    await assert.rejects(
      runTrigger("e6", "t", async () => {
        runs++;
        throw contention();
      }),
      /Transaction is invalid or closed/,
    );
    assert.equal(runs, 5);
  });
});

const schema = z.object({ title: z.string(), at: storedDateSchema });

/** A snapshot as a Firestore event carries it (only what the helper reads). */
const snap = (data: Record<string, unknown> | undefined) => ({ exists: data !== undefined, data: () => data, ref: { path: "things/t1" } });

/** Runs a 2nd-gen function with a hand-made event, as the runtime would. */
function deliver(fn: unknown, event: Record<string, unknown>): Promise<unknown> {
  return (fn as { run(e: unknown): Promise<unknown> }).run({ id: "ev-1", params: { thingId: "t1" }, ...event });
}

describe("documentTrigger", () => {
  const lines: Array<{ severity: LogSeverity; message: string; fields: Record<string, unknown> }> = [];
  beforeEach(() => {
    lines.length = 0;
    setLogWriter((severity, message, fields) => lines.push({ severity, message, fields }));
  });
  afterEach(() => setLogWriter(undefined));

  it("hands the handler both documents parsed (Dates, not Timestamps), the event id and the params", async () => {
    let seen: unknown;
    const trigger = documentTrigger({ name: "onThing", document: "things/{thingId}", schema }, async (change, event) => {
      seen = { change, event };
    });
    await deliver(trigger, { data: { before: snap(undefined), after: snap({ title: "Alien", at: Timestamp.fromMillis(5) }) } });
    assert.deepEqual(seen, {
      change: { before: undefined, after: { title: "Alien", at: new Date(5) } },
      event: { id: "ev-1", params: { thingId: "t1" } },
    });
  });

  it("treats an unreadable document as absent and logs it with the event id and the trigger", async () => {
    let after: unknown = "not called";
    const trigger = documentTrigger({ name: "onThing", document: "things/{thingId}", schema }, async (change) => {
      after = change.after;
    });
    await deliver(trigger, { data: { before: snap(undefined), after: snap({ title: 42 }) } });
    assert.equal(after, undefined);
    const line = lines.find((l) => l.severity === "error");
    assert.deepEqual([line?.fields.eventId, line?.fields.trigger, line?.fields.path], ["ev-1", "onThing", "things/t1"]);
  });

  it("drops a permanent failure by default and rethrows a transient one", async () => {
    const failing = (e: Error) => documentTrigger({ name: "onThing", document: "things/{thingId}", schema }, async () => Promise.reject(e));
    await deliver(failing(new TypeError("bug")), { data: { before: snap(undefined), after: snap(undefined) } });
    assert.ok(lines.some((l) => l.message.includes("event dropped") && l.fields.eventId === "ev-1"));
    await assert.rejects(deliver(failing(new AppError("unavailable", "down")), { data: undefined }));
  });

  it('retries every failure under "retry-all", and a "created" trigger sees the new document only', async () => {
    let seen: unknown;
    const trigger = documentTrigger(
      { name: "onThingCreated", document: "things/{thingId}", schema, on: "created", errors: "retry-all" },
      async (change) => {
        seen = change;
        throw new TypeError("bug");
      },
    );
    await assert.rejects(deliver(trigger, { data: snap({ title: "Up", at: new Date(7) }) }), /bug/);
    assert.deepEqual(seen, { before: undefined, after: { title: "Up", at: new Date(7) } });
  });
});

describe("scheduledTrigger", () => {
  afterEach(() => setLogWriter(undefined));

  it("runs in a log context named after the job and the scheduled time", async () => {
    const lines: Array<Record<string, unknown>> = [];
    setLogWriter((_severity, _message, fields) => lines.push(fields));
    const job = scheduledTrigger("nightly", { schedule: "every 24 hours" }, async () => log.info("ran"));
    await job.run({ jobName: "j", scheduleTime: "2026-01-01T00:00:00Z" });
    assert.deepEqual([lines[0]?.eventId, lines[0]?.trigger], ["j@2026-01-01T00:00:00Z", "nightly"]);
  });
});
