import { createHash } from "node:crypto";
import { FieldPath, FieldValue, type Firestore } from "firebase-admin/firestore";
import { readDoc, readPage } from "../shared/firestore";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { requireAccountIn } from "../shared/account-guard";
import { applyOnce } from "../shared/idempotency";
import { storedDateSchema } from "../shared/validation";
import type { CursorPosition } from "../shared/pagination";
import { histogramKey } from "../movies/movies.schema";
import { type AggregateDelta, isEmptyDelta, ratingScore, sumShards } from "./rating-aggregates";
import { ratingDocId, type StoredRating, storedRatingSchema } from "./ratings.schema";

export interface RatingRepository {
  get(uid: string, movieId: number): Promise<StoredRating | undefined>;
  /** Creates or replaces the rating, keeping its creation time; says whether it was new. */
  put(uid: string, movieId: number, rating: number, now: Date): Promise<{ created: boolean; stored: StoredRating }>;
  /** Deletes the rating; false when there was none. */
  delete(uid: string, movieId: number): Promise<boolean>;
  /** The user's ratings, newest change first. */
  listByUser(uid: string, after: CursorPosition | undefined, limit: number): Promise<{ ratings: StoredRating[]; next?: CursorPosition }>;
  listAllByUser(uid: string): Promise<StoredRating[]>;
  /** Deletes every rating of the user (the rating trigger then corrects the aggregates). */
  deleteAllByUser(uid: string): Promise<number>;
  /** Writes imported ratings (marked `source: "import"`) that differ from what is stored; returns how many. */
  upsertImported(ratings: ReadonlyArray<{ uid: string; movieId: number; rating: number; at: Date }>): Promise<number>;
}

export class FirestoreRatingRepository implements RatingRepository {
  constructor(private readonly db: Firestore) {}

  private ref(uid: string, movieId: number) {
    return this.db.collection(COLLECTIONS.ratings).doc(ratingDocId(uid, movieId));
  }

  async get(uid: string, movieId: number): Promise<StoredRating | undefined> {
    const snap = await this.ref(uid, movieId).get();
    return readDoc(storedRatingSchema, snap);
  }

  async put(uid: string, movieId: number, rating: number, now: Date): Promise<{ created: boolean; stored: StoredRating }> {
    const ref = this.ref(uid, movieId);
    return this.db.runTransaction(async (tx) => {
      await requireAccountIn(tx, this.db, uid);
      const existing = await tx.get(ref);
      const at = now;
      const createdAt = readDoc(storedRatingSchema, existing)?.createdAt ?? at;
      const stored: StoredRating = { uid, movieId, rating, createdAt, updatedAt: at };
      tx.set(ref, stored);
      return { created: !existing.exists, stored };
    });
  }

  async delete(uid: string, movieId: number): Promise<boolean> {
    const ref = this.ref(uid, movieId);
    return this.db.runTransaction(async (tx) => {
      const existing = await tx.get(ref);
      if (existing.exists) tx.delete(ref);
      return existing.exists;
    });
  }

  async listByUser(uid: string, after: CursorPosition | undefined, limit: number) {
    const query = this.db.collection(COLLECTIONS.ratings).where("uid", "==", uid);
    const page = await readPage(storedRatingSchema, { query, orderBy: "updatedAt", dates: true, after, limit });
    return { ratings: page.items.map((i) => i.data), next: page.next };
  }

  async listAllByUser(uid: string): Promise<StoredRating[]> {
    const snap = await this.db.collection(COLLECTIONS.ratings).where("uid", "==", uid).get();
    return snap.docs.map((d) => readDoc(storedRatingSchema, d));
  }

  async upsertImported(ratings: ReadonlyArray<{ uid: string; movieId: number; rating: number; at: Date }>): Promise<number> {
    const refs = ratings.map((r) => this.ref(r.uid, r.movieId));
    const existing = refs.length > 0 ? await this.db.getAll(...refs) : [];
    const writer = this.db.bulkWriter();
    let written = 0;
    ratings.forEach((r, i) => {
      const at = r.at;
      const current = existing[i];
      if (
        current.exists &&
        current.get("rating") === r.rating &&
        current.get("source") === "import" &&
        storedDateSchema.safeParse(current.get("updatedAt")).data?.getTime() === at.getTime()
      )
        return;
      void writer.set(refs[i], { uid: r.uid, movieId: r.movieId, rating: r.rating, createdAt: at, updatedAt: at, source: "import" });
      written++;
    });
    await writer.close();
    return written;
  }

  async deleteAllByUser(uid: string): Promise<number> {
    const snap = await this.db.collection(COLLECTIONS.ratings).where("uid", "==", uid).select().get();
    const writer = this.db.bulkWriter();
    for (const doc of snap.docs) void writer.delete(doc.ref);
    await writer.close();
    return snap.size;
  }
}

/** Shards per film: each absorbs a share of the writes, so a popular film is not one hot document. */
export const RATING_SHARDS = 10;

/** Sharded rating aggregates of films, and the per-user rating counter. */
export interface RatingAggregatesStore {
  /**
   * Adds one rating event's delta to a shard of the film, and the user's counter change, exactly once per
   * event id. Returns false when the event had already been applied.
   */
  applyOnce(eventId: string, movieId: number, delta: AggregateDelta, userCounter?: { uid: string; delta: number }): Promise<boolean>;
  /** Recomputes the film's summary fields (count, mean, sort score, histogram) from its shards. */
  rollup(movieId: number): Promise<void>;
  /** The exact totals, summed from the shards. */
  read(movieId: number): Promise<AggregateDelta>;
  /**
   * Recounts every film's aggregates from the ratings themselves and replaces the shards and summaries
   * (after a catalogue import; an operator's repair). Rating writes racing with it may be lost from the
   * totals, so run it when no ratings are being written; returns the number of ratings counted.
   */
  recountAll(): Promise<number>;
}

const shardFor = (eventId: string): string => String(createHash("sha256").update(eventId).digest().readUInt32BE(0) % RATING_SHARDS);

/** The film document's summary fields for the given totals (what lists sort and show). */
function summaryOf(total: AggregateDelta) {
  return {
    ratingCount: total.count,
    ratingSum: total.sum,
    ratingMean: total.count > 0 ? total.sum / total.count : null,
    ratingScore: total.count > 0 ? ratingScore(total.count, total.sum) : 0,
    histogram: total.histogram,
  };
}

const RECOUNT_PAGE = 5000;

/** Key-order-insensitive equality of plain JSON values. */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .sort(([x], [y]) => x.localeCompare(y))
            .map(([k, w]) => [k, canon(w)]),
        )
      : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

const pick = (o: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
const SUMMARY_FIELDS = ["ratingCount", "ratingSum", "ratingMean", "ratingScore", "histogram"];

function shardWrite(delta: AggregateDelta) {
  const histogram: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(delta.histogram)) histogram[k] = FieldValue.increment(v);
  return { count: FieldValue.increment(delta.count), sum: FieldValue.increment(delta.sum), histogram };
}

export class FirestoreRatingAggregatesStore implements RatingAggregatesStore {
  constructor(private readonly db: Firestore) {}

  private movieRef(movieId: number) {
    return this.db.collection(COLLECTIONS.movies).doc(String(movieId));
  }

  private shards(movieId: number) {
    return this.movieRef(movieId).collection(SUBCOLLECTIONS.ratingShards);
  }

  async applyOnce(eventId: string, movieId: number, delta: AggregateDelta, userCounter?: { uid: string; delta: number }) {
    return applyOnce(this.db, eventId, async (tx) => {
      const userRef = userCounter ? this.db.collection(COLLECTIONS.users).doc(userCounter.uid) : undefined;
      // Only existing accounts get counters: a deleted account's ratings must not bring its document back.
      const userExists = userRef ? (await tx.get(userRef)).exists : false;
      if (!isEmptyDelta(delta)) tx.set(this.shards(movieId).doc(shardFor(eventId)), shardWrite(delta), { merge: true });
      if (userRef && userExists && userCounter) {
        tx.update(userRef, { "counters.ratings": FieldValue.increment(userCounter.delta) });
      }
    });
  }

  async read(movieId: number): Promise<AggregateDelta> {
    const snap = await this.shards(movieId).get();
    return sumShards(snap.docs.map((d) => d.data() as Partial<AggregateDelta>));
  }

  async rollup(movieId: number): Promise<void> {
    const movieRef = this.movieRef(movieId);
    // Reading the film and all shards in one transaction: a rollup that read older shards cannot commit
    // after one that read newer ones, so the last rollup leaves the exact totals.
    await this.db.runTransaction(async (tx) => {
      const [movie, shards] = await Promise.all([tx.get(movieRef), tx.get(this.shards(movieId))]);
      if (!movie.exists) return;
      const summary = summaryOf(sumShards(shards.docs.map((d) => d.data() as Partial<AggregateDelta>)));
      const current = movie.data() ?? {};
      if (
        current.ratingCount === summary.ratingCount &&
        current.ratingSum === summary.ratingSum &&
        JSON.stringify(current.histogram ?? {}) === JSON.stringify(summary.histogram)
      )
        return;
      tx.update(movieRef, summary);
    });
  }

  async recountAll(): Promise<number> {
    const totals = new Map<number, AggregateDelta>();
    let counted = 0;
    let last: string | undefined;
    for (;;) {
      let page = this.db.collection(COLLECTIONS.ratings).select("movieId", "rating").orderBy(FieldPath.documentId()).limit(RECOUNT_PAGE);
      if (last) page = page.startAfter(last);
      const snap = await page.get();
      for (const doc of snap.docs) {
        const movieId = Number(doc.get("movieId"));
        const total = totals.get(movieId) ?? { count: 0, sum: 0, histogram: {} };
        const key = histogramKey(Number(doc.get("rating")));
        total.count += 1;
        total.sum += Number(doc.get("rating"));
        total.histogram[key] = (total.histogram[key] ?? 0) + 1;
        totals.set(movieId, total);
      }
      counted += snap.size;
      if (snap.size < RECOUNT_PAGE) break;
      last = snap.docs[snap.size - 1].id;
    }
    // One scan each finds every existing shard and summary, instead of one read per film.
    const shards = await this.db.collectionGroup(SUBCOLLECTIONS.ratingShards).get();
    const movies = await this.db
      .collection(COLLECTIONS.movies)
      .select(...SUMMARY_FIELDS)
      .get();
    const summaries = new Map(movies.docs.map((d) => [Number(d.id), d.data()]));
    const shardZero = new Map<number, unknown>();
    const writer = this.db.bulkWriter();
    for (const doc of shards.docs) {
      const movieId = Number(doc.ref.parent.parent?.id);
      if (!totals.has(movieId)) totals.set(movieId, { count: 0, sum: 0, histogram: {} });
      if (doc.id === "0") shardZero.set(movieId, doc.data());
      else void writer.delete(doc.ref);
    }
    for (const [movieId, total] of totals) {
      if (!summaries.has(movieId)) continue; // ratings of films no longer in the catalogue
      const shard = { count: total.count, sum: total.sum, histogram: total.histogram };
      // Only what differs is written, so recounting settled data writes nothing.
      if (!sameJson(shardZero.get(movieId), shard)) void writer.set(this.shards(movieId).doc("0"), shard);
      const summary = summaryOf(total);
      const current = summaries.get(movieId) ?? {};
      if (!sameJson(pick(current, SUMMARY_FIELDS), summary)) {
        // mergeFields replaces the histogram whole (merge would keep buckets that no longer exist)
        void writer.set(this.movieRef(movieId), summary, { mergeFields: SUMMARY_FIELDS });
      }
    }
    await writer.close();
    return counted;
  }
}
