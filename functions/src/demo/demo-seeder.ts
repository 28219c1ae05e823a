import type { Firestore } from "firebase-admin/firestore";

/** One kind of demo data for the local stack; `seed` is idempotent and returns a one-line summary. */
export interface DemoSeeder {
  name: string;
  seed(db: Firestore): Promise<string>;
}
