/**
 * Movie night match latency through the emulators (run under `firebase emulators:exec` with the Functions
 * emulator, see docs/BENCHMARKS.md): the time from the deciding swipe (sent through the API) until every
 * member's match notification document exists, which is the Firestore write, the Functions emulator's
 * onSwipeWritten run (its transaction and the notifications) and the poll that sees them.
 *
 * Setup (not timed), with the emulator's background triggers off: 4 people per room register, the host
 * befriends the others through the real friendship document, the room is created, joined and started,
 * and 3 members like the first film of the deck (not enough under the unanimous rule). Then triggers go
 * back on and each room's 4th member likes it; rooms run `--concurrency` at a time. The first `--warmup`
 * rooms (run one by one, not counted) absorb the Functions emulator reloading its workers when triggers
 * come back on.
 *   node lib/bench/nights-match.js [--rooms 100] [--concurrency 4] [--warmup 2]
 */
import { parseArgs } from "node:util";
import { Timestamp } from "firebase-admin/firestore";
import { firestore } from "../src/deps";
import { setLogWriter } from "../src/shared/logger";
import { makeTestApp, registerUser, type RegisteredUser } from "../test/helpers/accounts";
import { seedTestCatalogue } from "../test/helpers/catalogue-fixtures";
import { serveApp } from "./serve";
import { percentile, round } from "./stats";

const MEMBERS = 4;
const HUB_ORIGIN = `http://${process.env.FIREBASE_EMULATOR_HUB ?? "127.0.0.1:4400"}`;

async function backgroundTriggers(enabled: boolean): Promise<void> {
  const res = await fetch(`${HUB_ORIGIN}/functions/${enabled ? "enable" : "disable"}BackgroundTriggers`, { method: "PUT" });
  if (!res.ok) throw new Error(`could not switch the emulator's triggers: ${res.status}`);
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const { values } = parseArgs({
    options: {
      rooms: { type: "string", default: "100" },
      concurrency: { type: "string", default: "4" },
      warmup: { type: "string", default: "2" },
    },
  });
  const warmup = Number(values.warmup);
  const roomCount = Number(values.rooms);
  const concurrency = Number(values.concurrency);
  const db = firestore();
  await seedTestCatalogue(db);
  const { origin, call, close } = await serveApp(makeTestApp(db));

  await backgroundTriggers(false);
  const rooms: Array<{ id: string; film: number; people: RegisteredUser[] }> = [];
  const setupStart = performance.now();
  try {
    await pool(
      Array.from({ length: roomCount + warmup }, (_, i) => i),
      concurrency,
      async () => {
        const people = await Promise.all(Array.from({ length: MEMBERS }, () => registerUser(origin)));
        const [host, ...guests] = people as [RegisteredUser, ...RegisteredUser[]];
        for (const g of guests) {
          const [a, b] = host.uid < g.uid ? [host.uid, g.uid] : [g.uid, host.uid];
          await db.doc(`friendships/${a}_${b}`).set({ uids: [a, b], requestedBy: host.uid, since: Timestamp.now() });
        }
        const created = await call(host, "POST", "/nights", { name: "Bench", matchRule: { kind: "unanimous" }, deckSize: 5 });
        for (const g of guests) await call(g, "POST", "/nights/join", { code: created.code });
        await call(host, "POST", `/nights/${created.id}/start`);
        const film = ((await db.doc(`nights/${created.id}`).get()).get("deck") as number[])[0] as number;
        for (const p of people.slice(0, MEMBERS - 1)) await call(p, "POST", `/nights/${created.id}/swipes`, { movieId: film, liked: true });
        rooms.push({ id: String(created.id), film, people });
      },
    );
  } finally {
    await backgroundTriggers(true);
  }
  const setupSeconds = round((performance.now() - setupStart) / 1000);

  const latencies: number[] = [];
  const decide = async (room: (typeof rooms)[number]) => {
    const deciding = room.people[MEMBERS - 1] as RegisteredUser;
    const t = performance.now();
    await call(deciding, "POST", `/nights/${room.id}/swipes`, { movieId: room.film, liked: true });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const counts = await Promise.all(
        room.people.map((p) => db.collection(`users/${p.uid}/notifications`).where("kind", "==", "night.match").count().get()),
      );
      if (counts.every((c) => c.data().count === 1)) break;
      if (Date.now() > deadline) throw new Error(`no match notifications for room ${room.id}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return performance.now() - t;
  };
  for (const room of rooms.slice(0, warmup)) await decide(room);
  const measured = rooms.slice(warmup);
  const runStart = performance.now();
  await pool(measured, concurrency, async (room) => {
    latencies.push(await decide(room));
  });
  const runSeconds = (performance.now() - runStart) / 1000;
  close();
  console.log(
    JSON.stringify({
      bench: "nights-match",
      rooms: measured.length,
      warmupRooms: warmup,
      members: MEMBERS,
      concurrency,
      setupSeconds,
      decidingSwipeToNotificationsMs: {
        p50: round(percentile(latencies, 50)),
        p90: round(percentile(latencies, 90)),
        p99: round(percentile(latencies, 99)),
        max: round(Math.max(...latencies)),
      },
      matchesPerSecond: round(measured.length / runSeconds, 2),
    }),
  );
  process.exit(0);
}

void main();
