/**
 * The Firestore boundary: what every repository shares. Documents are read through their zod schema
 * (stored dates come back as `Date`, see storedDateSchema), so no Firestore type leaves a repository.
 */
import { getApps, initializeApp } from "firebase-admin/app";
import {
  FieldPath,
  getFirestore,
  type DocumentSnapshot,
  type Firestore,
  type Query,
  type QueryDocumentSnapshot,
} from "firebase-admin/firestore";
import type { z } from "zod";
import { AppError } from "./errors";
import type { CursorPosition } from "./pagination";

/** The default Firebase app's Firestore, initialised once per instance (the composition roots' database). */
export function firestore(): Firestore {
  // Other (named) apps may exist; only the default one counts here.
  if (!getApps().some((a) => a.name === "[DEFAULT]")) initializeApp();
  return getFirestore();
}

/**
 * A document's data parsed with its schema; undefined when the document does not exist. A stored
 * document that does not parse is corrupt data or a bug, so it throws (naming the path, not the data).
 */
export function readDoc<S extends z.ZodType>(schema: S, snap: QueryDocumentSnapshot): z.output<S>;
export function readDoc<S extends z.ZodType>(schema: S, snap: DocumentSnapshot): z.output<S> | undefined;
export function readDoc<S extends z.ZodType>(schema: S, snap: DocumentSnapshot): z.output<S> | undefined {
  if (!snap.exists) return undefined;
  const parsed = schema.safeParse(snap.data());
  if (!parsed.success) throw new Error(`Unreadable document ${snap.ref.path}`, { cause: parsed.error });
  return parsed.data;
}

/** One page of a list: the filtered query, the field it is ordered by, and where the page starts. */
export interface PageRequest {
  /** Filtered, not yet ordered or limited. */
  query: Query;
  /** Ordered by this field, descending, then by document id (every such query has its index). */
  orderBy: string;
  /** The field holds dates: the cursor keeps them as milliseconds. */
  dates: boolean;
  after: CursorPosition | undefined;
  limit: number;
}

/**
 * Cursor pagination over one ordered field: reads `limit` documents after the cursor position and
 * returns them parsed, with the next position when the page is full. A date cursor whose value is not
 * a number is refused as `invalid-argument` before it reaches the query.
 */
export async function readPage<S extends z.ZodType>(
  schema: S,
  page: PageRequest,
): Promise<{ items: Array<{ id: string; data: z.output<S> }>; next?: CursorPosition }> {
  let query = page.query.orderBy(page.orderBy, "desc").orderBy(FieldPath.documentId(), "desc");
  if (page.after) query = query.startAfter(startValue(page.after.values[0], page.dates), page.after.id);
  const snap = await query.limit(page.limit).get();
  const items = snap.docs.map((d) => ({ id: d.id, data: readDoc(schema, d) }));
  const last = snap.docs.at(-1);
  if (items.length < page.limit || !last) return { items };
  return { items, next: { values: [cursorValue(last.get(page.orderBy))], id: last.id } };
}

function startValue(value: string | number | null | undefined, dates: boolean): unknown {
  if (!dates) return value;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new AppError("invalid-argument", "Invalid cursor", { details: [{ path: "cursor", message: "Not a cursor of this list" }] });
  }
  return new Date(value);
}

function cursorValue(value: unknown): string | number | null {
  if (typeof value === "object" && value !== null && "toMillis" in value && typeof value.toMillis === "function")
    return value.toMillis() as number;
  return typeof value === "string" || typeof value === "number" ? value : null;
}
