/**
 * Feed benchmark, against the Firestore emulator only (run under `firebase emulators:exec --only firestore`,
 * see docs/BENCHMARKS.md): no Functions emulator, so the fan-out runs in this process, exactly the code
 * the triggers run, and its Firestore operations can be counted.
 *   1. a person with 500 friends (friendships reconciled as onFriendshipWritten does);
 *   2. the Firestore reads and writes of one rating's fan-out to those 500 friends (operations counted by
 *      instrumenting the Firestore client: documents returned by queries, minimum one per query; one per
 *      aggregation; one per document get; one per write);
 *   3. the person's feed filled by the friends' ratings, 10% of the friends then turning private;
 *   4. GET /v1/feed latency (p50/p99, first page and a later page) and reads per page.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { Query, Timestamp, Transaction, WriteBatch, type Firestore } from "firebase-admin/firestore";
import { firestore, makeSocialTriggerDeps } from "../src/deps";
import { ratingState } from "../src/feed/feed.sources";
import { FirestoreFriendsRepository } from "../src/friends/friends.repository";
import { pairId } from "../src/friends/friends.schema";
import type { MovieInput } from "../src/movies/movies.schema";
import { FirestoreRatingRepository } from "../src/ratings/ratings.repository";
import { FieldCipher, randomId } from "../src/shared/crypto";
import { setLogWriter } from "../src/shared/logger";
import { FirestoreUserRepository } from "../src/users/users.repository";
import { makeTestApp, registerUser, testAuthConfig } from "../test/helpers/accounts";
import { seedTestCatalogue } from "../test/helpers/catalogue-fixtures";
import { RecordingPushTransport } from "../test/helpers/social";
import { percentile, round } from "./stats";

const ops = { reads: 0, writes: 0 };

/** Counts Firestore operations the way they are billed (see the header). */
function instrument(db: Firestore): void {
  // AggregateQuery is exported as a type only: take its prototype from an instance.
  const aggregateProto: object = Object.getPrototypeOf(db.collection("x").count());
  type Fn = (...args: unknown[]) => Promise<unknown>;
  const wrap = (proto: object, name: string, count: (args: unknown[], result: unknown) => void) => {
    const target = proto as Record<string, Fn>;
    const original = target[name];
    target[name] = async function (this: unknown, ...args: unknown[]) {
      const result = await original.apply(this, args);
      count(args, result);
      return result;
    };
  };
  wrap(Query.prototype, "_getResponse", (_a, r) => {
    ops.reads += Math.max(1, (r as { result?: { size: number } }).result?.size ?? 0);
  });
  wrap(aggregateProto, "_getResponse", () => {
    ops.reads += 1;
  });
  wrap(Object.getPrototypeOf(db), "getAll", (a) => {
    ops.reads += a.filter((x) => typeof x === "object" && x !== null && "path" in x).length;
  });
  wrap(Transaction.prototype, "getAll", (a) => {
    ops.reads += a.filter((x) => typeof x === "object" && x !== null && "path" in x).length;
  });
  const txGet = (Transaction.prototype as unknown as Record<string, Fn>).get;
  (Transaction.prototype as unknown as Record<string, Fn>).get = function (this: unknown, ...args: unknown[]) {
    if (!(args[0] instanceof Query) && Object.getPrototypeOf(args[0]) !== aggregateProto) ops.reads += 1;
    return txGet.apply(this, args);
  };
  for (const name of ["set", "create", "update", "delete"]) {
    const batch = WriteBatch.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const original = batch[name];
    batch[name] = function (this: unknown, ...args: unknown[]) {
      ops.writes += 1;
      return original.apply(this, args);
    };
  }
}

const measure = async <T>(fn: () => Promise<T>) => {
  const before = { ...ops };
  const t = process.hrtime.bigint();
  const result = await fn();
  return { result, ms: Number(process.hrtime.bigint() - t) / 1e6, reads: ops.reads - before.reads, writes: ops.writes - before.writes };
};

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T, i: number) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((x, j) => fn(x, i + j)));
}

const FILMS: MovieInput[] = Array.from({ length: 60 }, (_, i) => ({
  movieId: 9701 + i,
  title: `Bench Film ${i + 1}`,
  year: 1980 + (i % 40),
  genres: ["Drama"],
  imdbId: null,
  tmdbId: null,
}));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { friends: { type: "string", default: "500" }, requests: { type: "string", default: "300" } } });
  const friendCount = Number(values.friends);
  const requests = Number(values.requests);
  setLogWriter(() => undefined);
  const db: Firestore = firestore();
  const config = testAuthConfig();
  const app = makeTestApp(db, { config });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await seedTestCatalogue(db, FILMS);

  // 1. One person and their friends (accounts written straight through the accounts repository).
  const me = await registerUser(base);
  const users = new FirestoreUserRepository(db, new FieldCipher(config.piiKeys));
  const friendIds = Array.from({ length: friendCount }, () => randomId());
  const t0 = Date.now();
  await inBatches(friendIds, 50, (uid, i) =>
    users.create({
      uid,
      handle: `bench_${i}_${uid.slice(0, 6).toLowerCase()}`,
      email: null,
      emailIndex: null,
      emailVerified: false,
      displayName: `Friend ${i}`,
      passwordHash: null,
      providers: [],
      now: new Date(),
    }),
  );
  const friends = new FirestoreFriendsRepository(db);
  const since = Timestamp.now();
  // One at a time: every reconcile writes the person's friend id document (one hot document).
  await inBatches(friendIds, 1, async (uid) => {
    const [a, b] = me.uid < uid ? [me.uid, uid] : [uid, me.uid];
    await db
      .collection("friendships")
      .doc(pairId(a, b))
      .set({ uids: [a, b], requestedBy: uid, since });
    await friends.reconcile(a, b);
  });
  console.log(
    JSON.stringify({ phase: "setup", friends: (await friends.friendIds(me.uid)).length, seconds: round((Date.now() - t0) / 1000) }),
  );

  instrument(db);
  const services = makeSocialTriggerDeps(db, { push: new RecordingPushTransport() });
  const ratings = new FirestoreRatingRepository(db);

  // 2. What one rating costs through the feed: the fan-out to every friend.
  const fanOuts = [];
  for (let i = 0; i < 10; i++) {
    const movieId = FILMS[i].movieId;
    const { stored } = await ratings.put(me.uid, movieId, 4, new Date());
    fanOuts.push(
      await measure(() => services.feed.applyActivityWrite(`bench-${randomId()}`, "rating", me.uid, movieId, ratingState(stored))),
    );
  }
  console.log(
    JSON.stringify({
      phase: "fan-out of one rating",
      friends: friendCount,
      reads: fanOuts.map((f) => f.reads),
      writes: fanOuts.map((f) => f.writes),
      meanReads: round(fanOuts.reduce((s, f) => s + f.reads, 0) / fanOuts.length),
      meanWrites: round(fanOuts.reduce((s, f) => s + f.writes, 0) / fanOuts.length),
      p50Ms: round(
        percentile(
          fanOuts.map((f) => f.ms),
          50,
        ),
      ),
      maxMs: round(Math.max(...fanOuts.map((f) => f.ms))),
    }),
  );

  // 3. The person's feed: every friend rates two films (fan-out to one feed each); 10% then go private.
  const friendFanOut = await measure(() =>
    inBatches(friendIds, 25, async (uid, i) => {
      for (const k of [0, 1]) {
        const movieId = FILMS[(i * 7 + k * 13) % FILMS.length].movieId;
        const { stored } = await ratings.put(uid, movieId, 0.5 + ((i + k) % 10) / 2, new Date(Date.now() - (i * 2 + k) * 1000));
        await services.feed.applyActivityWrite(`bench-${randomId()}`, "rating", uid, movieId, ratingState(stored));
      }
    }),
  );
  await inBatches(
    friendIds.filter((_, i) => i % 10 === 3),
    25,
    (uid) => users.updateProfile(uid, { preferences: { privacy: "private" } }, new Date()),
  );
  const feedSize = (await db.collection(`users/${me.uid}/feed`).count().get()).data().count;
  console.log(
    JSON.stringify({
      phase: "feed filled",
      ratings: friendCount * 2,
      feedItems: feedSize,
      readsPerFriendRating: round(friendFanOut.reads / (friendCount * 2), 2),
      writesPerFriendRating: round(friendFanOut.writes / (friendCount * 2), 2),
    }),
  );

  // 4. GET /v1/feed latency, first page and the page after it.
  const headers = { Authorization: `Bearer ${me.accessToken}` };
  const get = async (query: string) => {
    const res = await fetch(`${base}/v1/feed${query}`, { headers });
    const body = (await res.json()) as { items: unknown[]; nextCursor?: string };
    if (!res.ok) throw new Error(`status ${res.status}`);
    return body;
  };
  for (let i = 0; i < 20; i++) await get("?limit=20");
  const first = await measure(() => get("?limit=20"));
  const cursor = first.result.nextCursor ?? "";
  const second = await measure(() => get(`?limit=20&cursor=${encodeURIComponent(cursor)}`));
  for (const [name, query] of [
    ["first page", "?limit=20"],
    ["second page", `?limit=20&cursor=${encodeURIComponent(cursor)}`],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) samples.push((await measure(() => get(query))).ms);
    console.log(
      JSON.stringify({
        phase: `GET /v1/feed ${name}`,
        friends: friendCount,
        items: (name === "first page" ? first : second).result.items.length,
        readsPerPage: (name === "first page" ? first : second).reads,
        requests,
        p50Ms: round(percentile(samples, 50)),
        p99Ms: round(percentile(samples, 99)),
      }),
    );
  }
  server.close();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
