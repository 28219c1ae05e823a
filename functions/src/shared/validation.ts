import { z } from "zod";
import { AppError } from "./errors";

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
