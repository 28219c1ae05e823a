import { FieldValue, type Firestore } from "firebase-admin/firestore";
import { readDoc, readPage } from "../shared/firestore";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { requireAccountIn } from "../shared/account-guard";
import { applyOnce } from "../shared/idempotency";
import type { CursorPosition } from "../shared/pagination";
import { type StoredWatched, type StoredWatchlistEntry, storedWatchedSchema, storedWatchlistSchema } from "./library.schema";

/** A person's watched list and watchlist (one repository: marking a film watched changes both at once). */
export interface LibraryRepository {
  getWatched(uid: string, movieId: number): Promise<StoredWatched | undefined>;
  /** Records the film as watched and takes it off the watchlist, atomically. */
  markWatched(uid: string, movieId: number, watchedAt: Date, now: Date): Promise<{ created: boolean; stored: StoredWatched }>;
  deleteWatched(uid: string, movieId: number): Promise<void>;
  listWatched(uid: string, after: CursorPosition | undefined, limit: number): Promise<{ items: StoredWatched[]; next?: CursorPosition }>;
  getWatchlistEntry(uid: string, movieId: number): Promise<StoredWatchlistEntry | undefined>;
  /** Adds the film, or updates the note of an entry already there (keeping when it was added). */
  putWatchlistEntry(
    uid: string,
    movieId: number,
    note: string | null,
    now: Date,
  ): Promise<{ created: boolean; stored: StoredWatchlistEntry }>;
  deleteWatchlistEntry(uid: string, movieId: number): Promise<void>;
  listWatchlist(
    uid: string,
    after: CursorPosition | undefined,
    limit: number,
  ): Promise<{ items: StoredWatchlistEntry[]; next?: CursorPosition }>;
  /** Everything in both lists (export, recommendations, movie night). */
  allWatched(uid: string): Promise<StoredWatched[]>;
  allWatchlist(uid: string): Promise<StoredWatchlistEntry[]>;
  /** Deletes both lists (account deletion). */
  deleteAll(uid: string): Promise<void>;
}

export class FirestoreLibraryRepository implements LibraryRepository {
  constructor(private readonly db: Firestore) {}

  private watched(uid: string) {
    return this.db.collection(COLLECTIONS.users).doc(uid).collection(SUBCOLLECTIONS.watched);
  }

  private watchlist(uid: string) {
    return this.db.collection(COLLECTIONS.users).doc(uid).collection(SUBCOLLECTIONS.watchlist);
  }

  async getWatched(uid: string, movieId: number) {
    const snap = await this.watched(uid).doc(String(movieId)).get();
    return readDoc(storedWatchedSchema, snap);
  }

  async markWatched(uid: string, movieId: number, watchedAt: Date, now: Date) {
    const ref = this.watched(uid).doc(String(movieId));
    return this.db.runTransaction(async (tx) => {
      await requireAccountIn(tx, this.db, uid);
      const existing = await tx.get(ref);
      const at = now;
      const createdAt = readDoc(storedWatchedSchema, existing)?.createdAt ?? at;
      const stored: StoredWatched = { movieId, watchedAt: watchedAt, createdAt, updatedAt: at };
      tx.set(ref, stored);
      tx.delete(this.watchlist(uid).doc(String(movieId)));
      return { created: !existing.exists, stored };
    });
  }

  async deleteWatched(uid: string, movieId: number) {
    await this.watched(uid).doc(String(movieId)).delete();
  }

  async listWatched(uid: string, after: CursorPosition | undefined, limit: number) {
    const page = await readPage(storedWatchedSchema, { query: this.watched(uid), orderBy: "watchedAt", dates: true, after, limit });
    return { items: page.items.map((i) => i.data), next: page.next };
  }

  async getWatchlistEntry(uid: string, movieId: number) {
    const snap = await this.watchlist(uid).doc(String(movieId)).get();
    return readDoc(storedWatchlistSchema, snap);
  }

  async putWatchlistEntry(uid: string, movieId: number, note: string | null, now: Date) {
    const ref = this.watchlist(uid).doc(String(movieId));
    return this.db.runTransaction(async (tx) => {
      await requireAccountIn(tx, this.db, uid);
      const existing = await tx.get(ref);
      const at = now;
      const addedAt = readDoc(storedWatchlistSchema, existing)?.addedAt ?? at;
      const stored: StoredWatchlistEntry = { movieId, note, addedAt, updatedAt: at };
      tx.set(ref, stored);
      return { created: !existing.exists, stored };
    });
  }

  async deleteWatchlistEntry(uid: string, movieId: number) {
    await this.watchlist(uid).doc(String(movieId)).delete();
  }

  async listWatchlist(uid: string, after: CursorPosition | undefined, limit: number) {
    const page = await readPage(storedWatchlistSchema, { query: this.watchlist(uid), orderBy: "addedAt", dates: true, after, limit });
    return { items: page.items.map((i) => i.data), next: page.next };
  }

  async allWatched(uid: string) {
    return (await this.watched(uid).get()).docs.map((d) => readDoc(storedWatchedSchema, d));
  }

  async allWatchlist(uid: string) {
    return (await this.watchlist(uid).get()).docs.map((d) => readDoc(storedWatchlistSchema, d));
  }

  async deleteAll(uid: string) {
    await this.db.recursiveDelete(this.watched(uid));
    await this.db.recursiveDelete(this.watchlist(uid));
  }
}

/** The user's `counters.watched`, changed once per trigger event. */
export interface WatchedCounter {
  applyOnce(eventId: string, uid: string, delta: number): Promise<boolean>;
}

export class FirestoreWatchedCounter implements WatchedCounter {
  constructor(private readonly db: Firestore) {}

  async applyOnce(eventId: string, uid: string, delta: number): Promise<boolean> {
    const userRef = this.db.collection(COLLECTIONS.users).doc(uid);
    return applyOnce(this.db, eventId, async (tx) => {
      // A deleted account's watched-list deletions must not bring its document back.
      if ((await tx.get(userRef)).exists) tx.update(userRef, { "counters.watched": FieldValue.increment(delta) });
    });
  }
}
