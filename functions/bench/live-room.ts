/**
 * The live room through the emulators (run under `firebase emulators:exec` with the Auth, Firestore and
 * Functions emulators, see docs/BENCHMARKS.md).
 *
 * 1. Match latency: the time from sending the deciding swipe (through the API) until a phone client
 *    listening to the room's live view (the Firebase JS SDK, signed in to the Auth emulator with the custom
 *    token the API minted) receives the snapshot showing the match: the swipe's write, the Functions
 *    emulator's onSwipeWritten run (its transaction records the match and rewrites the view) and the
 *    listener's delivery. Setup (not timed) runs with the emulator's background triggers off: 2 people per
 *    room, the room created, joined and started, the host likes the first card. Then triggers go back on;
 *    per room a client signs in and listens, and the guest's like decides; `--concurrency` rooms at a time,
 *    after `--warmup` rooms not counted.
 * 2. Cost per swipe: one room of `--members` people, each listening, swiping through the deck at
 *    `--rate` swipes a second for the room (passes, so only progress moves), counts the view's writes
 *    (its `revision`) and the snapshots every listener received (each a billed document read).
 *
 *   node lib/bench/live-room.js [--rooms 100] [--concurrency 4] [--warmup 3] [--members 4] [--rate 8]
 */
import { parseArgs } from "node:util";
import { deleteApp, initializeApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithCustomToken } from "firebase/auth";
import { connectFirestoreEmulator, doc, getFirestore, onSnapshot, terminate, type DocumentData } from "firebase/firestore";
import { Timestamp } from "firebase-admin/firestore";
import { firestore } from "../src/deps";
import { setLogWriter } from "../src/shared/logger";
import { makeTestApp, registerUser, type RegisteredUser } from "../test/helpers/accounts";
import { seedTestCatalogue } from "../test/helpers/catalogue-fixtures";
import { serveApp } from "./serve";
import { percentile, round } from "./stats";

const HUB_ORIGIN = `http://${process.env.FIREBASE_EMULATOR_HUB ?? "127.0.0.1:4400"}`;
const AUTH_ORIGIN = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST ?? "127.0.0.1:9099"}`;
const [FS_HOST, FS_PORT] = (process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080").split(":") as [string, string];
const DEADLINE_MS = 120_000;

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

let phones = 0;

/** A phone app listening to a live view: resolves `until(predicate)` on the first snapshot that matches. */
async function listener(customToken: string, path: string) {
  const app = initializeApp({ projectId: "demo-movie-night", apiKey: "bench" }, `bench-${++phones}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, AUTH_ORIGIN, { disableWarnings: true });
  await signInWithCustomToken(auth, customToken);
  const db = getFirestore(app);
  connectFirestoreEmulator(db, FS_HOST, Number(FS_PORT));
  let snapshots = 0;
  const waiting: Array<{ match: (d: DocumentData) => boolean; resolve: (at: number) => void }> = [];
  let failure: Error | undefined;
  const stop = onSnapshot(
    doc(db, path),
    (snap) => {
      const at = performance.now();
      const data = snap.data();
      if (!data) return;
      snapshots++;
      for (const w of [...waiting]) {
        if (!w.match(data)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(at);
      }
    },
    (e) => {
      failure = e;
    },
  );
  return {
    snapshots: () => snapshots,
    until(match: (d: DocumentData) => boolean): Promise<number> {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching snapshot of ${path}`)), DEADLINE_MS);
        waiting.push({
          match,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        });
      });
    },
    async close() {
      stop();
      await terminate(db);
      await deleteApp(app);
    },
  };
}

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const { values } = parseArgs({
    options: {
      rooms: { type: "string", default: "100" },
      concurrency: { type: "string", default: "4" },
      warmup: { type: "string", default: "3" },
      members: { type: "string", default: "4" },
      rate: { type: "string", default: "8" },
    },
  });
  const [roomCount, concurrency, warmup, members, rate] = [
    values.rooms,
    values.concurrency,
    values.warmup,
    values.members,
    values.rate,
  ].map(Number) as [number, number, number, number, number];
  const db = firestore();
  await seedTestCatalogue(db);
  const { origin, call, close } = await serveApp(makeTestApp(db));
  const befriendDirectly = async (host: RegisteredUser, g: RegisteredUser) => {
    const [a, b] = host.uid < g.uid ? [host.uid, g.uid] : [g.uid, host.uid];
    await db.doc(`friendships/${a}_${b}`).set({ uids: [a, b], requestedBy: host.uid, since: Timestamp.now() });
  };
  /** A started room of `size` people; returns its id, live path, deck and people (host first). */
  const startedRoom = async (size: number, deckSize: number) => {
    const people = await Promise.all(Array.from({ length: size }, () => registerUser(origin)));
    const [host, ...guests] = people as [RegisteredUser, ...RegisteredUser[]];
    for (const g of guests) await befriendDirectly(host, g);
    const created = await call(host, "POST", "/nights", { name: "Bench", matchRule: { kind: "unanimous" }, deckSize });
    for (const g of guests) await call(g, "POST", "/nights/join", { code: created.code });
    const started = await call(host, "POST", `/nights/${created.id}/start`);
    const deck = (await db.doc(`nights/${created.id}`).get()).get("deck") as number[];
    return { id: String(created.id), path: (started.live as { document: string }).document, deck, people };
  };

  // 1. Match latency.
  await backgroundTriggers(false);
  const rooms: Array<Awaited<ReturnType<typeof startedRoom>>> = [];
  const setupStart = performance.now();
  try {
    await pool(
      Array.from({ length: roomCount + warmup }, (_, i) => i),
      concurrency,
      async () => {
        const room = await startedRoom(2, 5);
        await call(room.people[0]!, "POST", `/nights/${room.id}/swipes`, { movieId: room.deck[0], liked: true });
        rooms.push(room);
      },
    );
  } finally {
    await backgroundTriggers(true);
  }
  const setupSeconds = round((performance.now() - setupStart) / 1000);
  const latencies: number[] = [];
  const decide = async (room: (typeof rooms)[number]) => {
    const [host, guest] = room.people as [RegisteredUser, RegisteredUser];
    const token = await call(host, "POST", "/auth/firebase-token");
    const live = await listener(String(token.customToken), room.path);
    await live.until(() => true); // the first snapshot: listening
    const t = performance.now();
    const seen = live.until((d) => Array.isArray(d.matches) && d.matches.length === 1);
    await call(guest, "POST", `/nights/${room.id}/swipes`, { movieId: room.deck[0], liked: true });
    const at = await seen;
    await live.close();
    return at - t;
  };
  for (const room of rooms.slice(0, warmup)) await decide(room);
  const measured = rooms.slice(warmup);
  const runStart = performance.now();
  await pool(measured, concurrency, async (room) => {
    latencies.push(await decide(room));
  });
  const runSeconds = (performance.now() - runStart) / 1000;

  // 2. Cost per swipe: every member listens while the room swipes through its deck.
  const room = await startedRoom(members, 25);
  const listeners = await Promise.all(
    room.people.map(async (p) => {
      const token = await call(p, "POST", "/auth/firebase-token");
      const l = await listener(String(token.customToken), room.path);
      await l.until(() => true);
      return l;
    }),
  );
  const before = (await db.doc(room.path).get()).get("revision") as number;
  const snapshotsBefore = listeners.map((l) => l.snapshots());
  const swipes = room.people.flatMap((p) => room.deck.map((movieId) => ({ p, movieId })));
  // Round-robin over members, one swipe every 1/rate s for the room (a timer paces the load; it waits for nothing).
  swipes.sort((a, b) => room.deck.indexOf(a.movieId) - room.deck.indexOf(b.movieId));
  const swipeStart = performance.now();
  const sent: Array<Promise<unknown>> = [];
  for (const [i, s] of swipes.entries()) {
    const due = swipeStart + (i * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    sent.push(call(s.p, "POST", `/nights/${room.id}/swipes`, { movieId: s.movieId, liked: false }));
  }
  await Promise.all(sent);
  const swipeSeconds = (performance.now() - swipeStart) / 1000;
  const full = room.deck.length;
  await Promise.all(listeners.map((l) => l.until((d) => (d.members as Array<{ swiped: number }>).every((m) => m.swiped === full))));
  const lastSeen = performance.now();
  const viewWrites = ((await db.doc(room.path).get()).get("revision") as number) - before;
  const snapshots = listeners.reduce((n, l, i) => n + l.snapshots() - snapshotsBefore[i]!, 0);
  await Promise.all(listeners.map((l) => l.close()));
  close();
  console.log(
    JSON.stringify({
      bench: "live-room",
      matchLatency: {
        rooms: measured.length,
        warmupRooms: warmup,
        concurrency,
        setupSeconds,
        decidingSwipeToListenerSnapshotMs: {
          p50: round(percentile(latencies, 50)),
          p90: round(percentile(latencies, 90)),
          p99: round(percentile(latencies, 99)),
          max: round(Math.max(...latencies)),
        },
        matchesPerSecond: round(measured.length / runSeconds, 2),
      },
      costPerSwipe: {
        members,
        swipes: swipes.length,
        offeredSwipesPerSecond: rate,
        swipeSeconds: round(swipeSeconds),
        lastProgressSeenAfterLastSwipeMs: round(lastSeen - swipeStart - swipeSeconds * 1000),
        viewWrites,
        viewWritesPerSecond: round(viewWrites / ((lastSeen - swipeStart) / 1000), 2),
        viewWritesPerSwipe: round(viewWrites / swipes.length, 3),
        listenerReads: snapshots,
        listenerReadsPerSwipe: round(snapshots / swipes.length, 3),
      },
    }),
  );
  process.exit(0);
}

void main();
