import type { Firestore } from "firebase-admin/firestore";
import { FieldPath } from "firebase-admin/firestore";
import { z } from "zod";
import { COLLECTIONS } from "../shared/collections";
import { log } from "../shared/logger";
import type { Rating, RatingsSource } from "./ratings";

const ratingDoc = z.object({
  uid: z.string().min(1),
  movieId: z.number().int().nonnegative(),
  rating: z.number().min(0.5).max(5),
  updatedAt: z.custom<{ toMillis(): number }>((v) => typeof v === "object" && v !== null && "toMillis" in v).optional(),
});

/**
 * Reads every rating from Firestore in pages ordered by document id (startAfter the last id, `pageSize`
 * documents per query), so a scan of millions of ratings never holds more than a page of snapshots and a
 * retry can resume from an id. Documents that do not parse are skipped and counted in a warning.
 */
export class FirestoreRatingsSource implements RatingsSource {
  constructor(
    private readonly db: Firestore,
    private readonly pageSize = 5000,
    private readonly collection: string = COLLECTIONS.ratings,
  ) {}

  async *pages(): AsyncIterable<Rating[]> {
    let last: string | undefined;
    let skipped = 0;
    for (;;) {
      let query = this.db.collection(this.collection).orderBy(FieldPath.documentId()).limit(this.pageSize);
      if (last !== undefined) query = query.startAfter(last);
      const snap = await query.get();
      if (snap.empty) break;
      const page: Rating[] = [];
      for (const doc of snap.docs) {
        const parsed = ratingDoc.safeParse(doc.data());
        if (parsed.success) {
          const { uid, movieId, rating, updatedAt } = parsed.data;
          // Seconds, as in MovieLens files: the gate tells ratings newer than the live model by it.
          page.push(
            updatedAt ? { userId: uid, movieId, rating, timestamp: updatedAt.toMillis() / 1000 } : { userId: uid, movieId, rating },
          );
        } else skipped++;
      }
      last = snap.docs[snap.docs.length - 1]!.id;
      yield page;
      if (snap.size < this.pageSize) break;
    }
    if (skipped > 0) log.warn("recsys skipped malformed rating documents", { skipped });
  }
}
