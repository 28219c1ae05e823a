import { z } from "zod";
import { AppError } from "./errors";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `limit` and `cursor` query parameters, shared by every list route. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(512).optional(),
});

/** Where the next page starts: the sort values and document id of the last item returned. */
export interface CursorPosition {
  values: Array<string | number | null>;
  id: string;
}

const cursorSchema = z.object({
  k: z.string(),
  v: z.array(z.union([z.string(), z.number(), z.null()])).max(4),
  // A document id: never a path (a "/" would make Firestore read it as one and fail with a 500).
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/]+$/),
});

/** Sort values of lists ordered by one number (a count, a score). */
export const ONE_NUMBER = z.tuple([z.number().finite()]);

/**
 * Sort values of lists ordered by one date: milliseconds within Firestore's timestamp range (years 1 to
 * 9999), so a forged value can neither be a non-number nor make an invalid Date the query would reject.
 */
export const ONE_TIME = z.tuple([z.number().int().min(-62_135_596_800_000).max(253_402_300_799_999)]);

/** Sort values of lists that page by position (an offset into a frozen array). */
export const ONE_OFFSET = z.tuple([z.number().int().min(0).max(1_000_000)]);

/** Sort values of lists ordered by one short text (a handle). */
export const ONE_TEXT = z.tuple([z.string().max(200)]);

/**
 * Opaque cursors: base64url JSON naming the list they belong to (`kind`), so a cursor from one list, or
 * a made-up string, is refused with `invalid-argument` instead of silently paging somewhere else. Every
 * list passes the shape of its sort values (ONE_TIME, ONE_NUMBER, ONE_OFFSET, ONE_TEXT), so a well-formed
 * cursor with values of the wrong type or range is refused here, once, before it reaches a query.
 */
export function encodeCursor(kind: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ k: kind, v: position.values, id: position.id })).toString("base64url");
}

export function decodeCursor(
  kind: string,
  cursor: string | undefined,
  values: z.ZodType<CursorPosition["values"]>,
): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined; // not base64url JSON: refused below like any other forged cursor
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.k !== kind || !values.safeParse(result.data.v).success) {
    throw new AppError("invalid-argument", "Invalid cursor", { details: [{ path: "cursor", message: "Not a cursor of this list" }] });
  }
  return { values: result.data.v, id: result.data.id };
}

/** One page of a list; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The response schema of a page of `item`s, named `id` in the API contract. */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().optional().describe("Absent on the last page; pass it as `cursor` to get the next one"),
    })
    .meta({ id });
}
