import { z } from "zod";
import { AppError } from "./errors";

/**
 * Firestore reserves document ids matching `__.*__` (writing one fails with INVALID_ARGUMENT, a 500 if it
 * got that far). Any id a person chooses that becomes a document id is checked against it at the edge.
 */
export const isReservedDocumentId = (id: string): boolean => /^__.*__$/.test(id);

/** One field's problem, as the API reports it in `error.details`. */
export interface FieldIssue {
  path: string;
  message: string;
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
}

/**
 * Parses untrusted input (a body, a query, route params) with a zod schema. Failure is an
 * `invalid-argument` AppError whose details name each bad field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "request"): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("invalid-argument", `Invalid ${what}`, { details: toFieldIssues(result.error) });
  }
  return result.data;
}

/**
 * A date stored in Firestore, read as a `Date`: the repositories' schemas use it so that no Firestore
 * `Timestamp` crosses a repository (services and their in-memory test repositories work with Dates).
 * Firestore stores a written `Date` as a Timestamp, so the same objects go back in unchanged. Timestamps
 * are recognised by shape, not class, so a second copy of the Firestore SDK reads the same.
 */
export const storedDateSchema = z.union([
  z.date(),
  z
    .custom<{ toDate(): Date }>((v) => typeof v === "object" && v !== null && typeof (v as { toDate?: unknown }).toDate === "function")
    .transform((t) => t.toDate()),
]);
