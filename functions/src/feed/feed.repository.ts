import type { Firestore } from "firebase-admin/firestore";
import { readPage } from "../shared/firestore";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import type { CursorPosition } from "../shared/pagination";
import { type NewFeedItem, type StoredFeedItem, storedFeedItemSchema } from "./feed.schema";

/** Fields of `feed` queried across every user's feed (collection group overrides in firestore.indexes.json). */
export const FEED_COLLECTION_GROUP_FIELDS = ["actorUid", "sourceKey"] as const;

export interface FeedRecord {
  id: string;
  item: StoredFeedItem;
}

/** The per-user feeds, `users/{uid}/feed/{itemId}`. */
export interface FeedRepository {
  /** Writes the item into each recipient's feed (a set: repeating it changes nothing). Returns writes. */
  fanOut(recipients: readonly string[], itemId: string, item: NewFeedItem): Promise<number>;
  /** Deletes the item from every feed holding it. */
  deleteEverywhere(itemId: string): Promise<number>;
  /** Deletes the actor's items from one person's feed. */
  removeActor(ownerUid: string, actorUid: string): Promise<number>;
  /** Deletes the actor's items from every feed (account deletion). */
  deleteByActor(actorUid: string): Promise<number>;
  /** Newest first. */
  page(uid: string, after: CursorPosition | undefined, limit: number): Promise<{ items: FeedRecord[]; next?: CursorPosition }>;
  /** Deletes the oldest items beyond `cap`; returns how many. */
  trim(uid: string, cap: number): Promise<number>;
}

export class FirestoreFeedRepository implements FeedRepository {
  constructor(private readonly db: Firestore) {}

  private feed(uid: string) {
    return this.db.collection(COLLECTIONS.users).doc(uid).collection(SUBCOLLECTIONS.feed);
  }

  async fanOut(recipients: readonly string[], itemId: string, item: NewFeedItem): Promise<number> {
    const stored: StoredFeedItem = {
      ...item,
      watchedAt: item.watchedAt ? item.watchedAt : null,
      at: item.at,
      expireAt: item.expireAt,
      sourceKey: itemId,
    };
    const writer = this.db.bulkWriter();
    // Promise.all attached at once: a failed write rejects this call instead of going unhandled.
    const writes = Promise.all(recipients.map((uid) => writer.set(this.feed(uid).doc(itemId), stored)));
    await writer.close();
    await writes;
    return recipients.length;
  }

  async deleteEverywhere(itemId: string): Promise<number> {
    // Collection group query: needs the single-field override in firestore.indexes.json.
    return this.deleteAll(this.db.collectionGroup(SUBCOLLECTIONS.feed).where("sourceKey", "==", itemId));
  }

  async removeActor(ownerUid: string, actorUid: string): Promise<number> {
    return this.deleteAll(this.feed(ownerUid).where("actorUid", "==", actorUid));
  }

  async deleteByActor(actorUid: string): Promise<number> {
    // Collection group query: needs the single-field override in firestore.indexes.json.
    return this.deleteAll(this.db.collectionGroup(SUBCOLLECTIONS.feed).where("actorUid", "==", actorUid));
  }

  private async deleteAll(query: FirebaseFirestore.Query): Promise<number> {
    const snap = await query.select().get();
    if (snap.empty) return 0;
    const writer = this.db.bulkWriter();
    const deletes = Promise.all(snap.docs.map((d) => writer.delete(d.ref)));
    await writer.close();
    await deletes;
    return snap.size;
  }

  async page(uid: string, after: CursorPosition | undefined, limit: number) {
    const page = await readPage(storedFeedItemSchema, { query: this.feed(uid), orderBy: "at", dates: true, after, limit });
    return { items: page.items.map(({ id, data }) => ({ id, item: data })), next: page.next };
  }

  async trim(uid: string, cap: number): Promise<number> {
    // An aggregation costs one read per 1000 items, so checking the size is cheap.
    const count = (await this.feed(uid).count().get()).data().count;
    if (count <= cap) return 0;
    return this.deleteAll(
      this.feed(uid)
        .orderBy("at", "asc")
        .limit(count - cap),
    );
  }
}
