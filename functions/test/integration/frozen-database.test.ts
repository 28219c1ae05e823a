import assert from "node:assert/strict";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../src/api/app";
import { bearer, makeTestDeps, registerUser, TEST_HTTP_CONFIG, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue, TEST_FILMS } from "../helpers/catalogue-fixtures";
import { waitForEmulatorIdle } from "../helpers/emulator-log";
import { appDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";

/**
 * Fault injection: the Firestore emulator is frozen (SIGSTOP) for FREEZE_MS in the middle of traffic,
 * then thawed (SIGCONT). Requests must answer 503 with Retry-After within their deadline (while the
 * database is still frozen, not after it), writes must be whole or absent, a create retried with its
 * Idempotency-Key must exist once, and the rating triggers must catch up to exact aggregates.
 * Only the emulator this run started is signalled: the port's listener, found among this process's
 * own `firebase emulators:exec` ancestor's descendants.
 */

const FREEZE_MS = 15_000;
const DEADLINE_MS = 1500;

const parentOf = (pid: number): number =>
  Number(
    readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /s, "")
      .split(" ")[1],
  );
const safeReadlink = (path: string): string => {
  try {
    return readlinkSync(path);
  } catch {
    return ""; // closed meanwhile
  }
};
const commandOf = (pid: number): string => readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");

/** The Firestore emulator's process: the listener on its port, descended from the emulators:exec that runs this test. */
function ownFirestoreEmulatorPid(): number {
  const port = (process.env.FIRESTORE_EMULATOR_HOST ?? "").split(":").pop();
  assert.ok(port, "FIRESTORE_EMULATOR_HOST is not set");
  let exec: number | undefined;
  for (let p = process.pid; p > 1; p = parentOf(p)) {
    if (commandOf(p).includes("emulators:exec")) {
      exec = p;
      break;
    }
  }
  assert.ok(exec, "this test does not run under firebase emulators:exec");
  // Listening sockets on the port (state 0A in /proc/net/tcp*), by inode; then the processes holding them.
  const hexPort = Number(port).toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set(
    ["/proc/net/tcp", "/proc/net/tcp6"]
      .flatMap((file) => readFileSync(file, "utf8").split("\n").slice(1))
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f.length > 9 && f[1].endsWith(`:${hexPort}`) && f[3] === "0A")
      .map((f) => `socket:[${f[9]}]`),
  );
  const holds = (pid: number) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => inodes.has(safeReadlink(`/proc/${pid}/fd/${fd}`)));
    } catch {
      return false; // a process that ended meanwhile, or not ours to read
    }
  };
  const listeners = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter(holds);
  const own = listeners.filter((pid) => {
    for (let p = pid; p > 1; p = parentOf(p)) if (p === exec) return true;
    return false;
  });
  assert.equal(
    own.length,
    1,
    `expected one listener on ${port} started by this run, found ${JSON.stringify(own)} of ${JSON.stringify(listeners)}`,
  );
  assert.match(commandOf(own[0]), /java/, "the listener is not the emulator's java process");
  return own[0];
}

interface Answer {
  status: number;
  retryAfter?: string;
  body: { error?: { code?: string; message?: string } };
  /** Whether the database was still frozen when the answer arrived. */
  whileFrozen: boolean;
}

describe("a Firestore emulator frozen mid-traffic", function () {
  this.timeout(180_000);
  let app: Express;
  let raters: RegisteredUser[];
  let hosts: RegisteredUser[];
  let frozen = false;
  let thaw = () => undefined as void;
  // Whatever happens in the test, the emulator is never left stopped.
  after(() => thaw());

  const [earlyFilm, frozenFilm] = [TEST_FILMS[0].movieId, TEST_FILMS[1].movieId];

  before(async () => {
    await resetFirestore();
    const db = appDb();
    app = createApp({ ...makeTestDeps(db), config: { ...TEST_HTTP_CONFIG, requestDeadlineMs: DEADLINE_MS } });
    await seedTestCatalogue(db, TEST_FILMS.slice(0, 2));
    raters = await Promise.all(Array.from({ length: 8 }, () => registerUser(app)));
    hosts = await Promise.all(Array.from({ length: 3 }, () => registerUser(app)));
  });

  const send = async (r: request.Test): Promise<Answer> => {
    const res = await r;
    return { status: res.status, retryAfter: res.get("Retry-After"), body: res.body, whileFrozen: frozen };
  };
  const rate = (u: RegisteredUser, movieId: number, rating: number) =>
    request(app).put(`/v1/me/ratings/${movieId}`).set("Authorization", bearer(u.accessToken)).send({ rating });
  const createNight = (u: RegisteredUser, key: string) =>
    request(app)
      .post("/v1/nights")
      .set("Authorization", bearer(u.accessToken))
      .set("Idempotency-Key", key)
      .send({ name: `Night of ${u.handle}`, matchRule: { kind: "unanimous" }, deckSize: 10 });

  /** Recount of a film's ratings from the ratings collection, and the aggregates the trigger keeps. */
  async function aggregatesMatch(movieId: number) {
    const ratings = (await verifierDb().collection("ratings").where("movieId", "==", movieId).get()).docs.map((d) =>
      Number(d.get("rating")),
    );
    const film = await verifierDb().doc(`movies/${movieId}`).get();
    const kept = { count: Number(film.get("ratingCount") ?? 0), sum: Number(film.get("ratingSum") ?? 0) };
    const recount = { count: ratings.length, sum: ratings.reduce((a, b) => a + b, 0) };
    return kept.count === recount.count && Math.abs(kept.sum - recount.sum) < 1e-9 ? recount : undefined;
  }

  it("answers 503 with Retry-After within the deadline, keeps writes whole, and the triggers catch up exactly", async () => {
    const pid = ownFirestoreEmulatorPid();
    thaw = () => {
      if (!frozen) return;
      frozen = false;
      process.kill(pid, "SIGCONT");
    };
    process.once("exit", thaw);

    // Traffic before the freeze: ratings whose triggers are running when it starts.
    const early = await Promise.all(raters.map((u, i) => rate(u, earlyFilm, 1 + (i % 5))));
    assert.deepEqual(
      early.map((r) => r.status),
      raters.map(() => 201),
    );

    process.kill(pid, "SIGSTOP");
    frozen = true;
    // The thaw comes after FREEZE_MS whatever the requests do: the fault has a fixed length, and a request
    // that waits for the database must be seen answering after it (never leave the emulator stopped).
    const thawed = new Promise<void>((resolve) =>
      setTimeout(() => {
        thaw();
        resolve();
      }, FREEZE_MS),
    );
    const answers = await Promise.all([
      ...raters.map((u, i) => send(rate(u, frozenFilm, 0.5 + (i % 10) / 2))),
      ...raters.slice(0, 4).map((u, i) => send(rate(u, earlyFilm, 5 - i))), // re-ratings: updates, not creates
      ...hosts.map((h) => send(createNight(h, `night-key-${h.uid}`))),
      send(request(app).get("/v1/me").set("Authorization", bearer(raters[0].accessToken))),
    ]);
    await thawed;

    for (const a of answers) {
      assert.equal(a.status, 503, JSON.stringify(a));
      assert.ok(a.whileFrozen, "answered only after the thaw: the deadline did not hold");
      assert.match(a.retryAfter ?? "", /^\d+$/);
      assert.equal(a.body.error?.code, "unavailable");
    }

    // Creates retried with their keys: each host ends with exactly one room, whatever the first attempt did.
    for (const h of hosts) {
      const retried = await waitFor(
        async () => {
          const res = await createNight(h, `night-key-${h.uid}`);
          return res.status === 503 || (res.status === 409 && res.body.error?.details?.reason === "idempotency-key-in-progress")
            ? undefined
            : res;
        },
        { timeoutMs: 60_000, what: "the retried create to finish" },
      );
      assert.equal(retried.status, 201, JSON.stringify(retried.body));
      const rooms = await verifierDb().collection("nights").where("hostUid", "==", h.uid).get();
      assert.deepEqual(
        rooms.docs.map((d) => d.id),
        [retried.body.id],
      );
      // Whole: the room, its join code and the host's membership were written together.
      const code = rooms.docs[0].get("code") as string;
      assert.equal((await verifierDb().doc(`nightCodes/${code}`).get()).get("nightId"), retried.body.id);
      assert.equal((await verifierDb().doc(`nightMembers/${h.uid}`).get()).get("nightId"), retried.body.id);
    }

    // Whole or absent: each rating sent during the freeze is stored with its value, or not at all.
    await waitForEmulatorIdle();
    for (const [i, u] of raters.entries()) {
      const doc = await verifierDb().doc(`ratings/${u.uid}_${frozenFilm}`).get();
      if (doc.exists) {
        assert.equal(doc.get("rating"), 0.5 + (i % 10) / 2);
        assert.equal(doc.get("uid"), u.uid);
        assert.equal(doc.get("movieId"), frozenFilm);
      }
    }

    // The triggers were not cut short: both films' aggregates equal a recount.
    for (const movieId of [earlyFilm, frozenFilm]) {
      await waitFor(() => aggregatesMatch(movieId), { timeoutMs: 90_000, what: `aggregates of ${movieId} equal to a recount` });
    }
  });
});
