/** Building blocks for the domains' OpenAPI fragments. */

const STATUS_TEXT: Record<number, string> = {
  400: "Invalid input",
  401: "Missing or invalid access token",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Body too large",
  429: "Too many requests",
  503: "Unavailable",
};

/** Error responses in the one error format, by status. */
export function errorResponses(...statuses: number[]): Record<string, unknown> {
  return Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: STATUS_TEXT[s] ?? "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
}

export const jsonResponse = (description: string, schema: unknown) => ({ description, content: { "application/json": { schema } } });

export const jsonBody = (schema: unknown, required = true) => ({ required, content: { "application/json": { schema } } });

export const movieIdParam = { name: "movieId", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
export const limitParam = { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } };
export const cursorParam = {
  name: "cursor",
  in: "query",
  description: "Opaque; from the previous page's nextCursor",
  schema: { type: "string" },
};
