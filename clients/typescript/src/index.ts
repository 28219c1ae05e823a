/**
 * The Movie Night API's TypeScript client: openapi-fetch over the types openapi-typescript generates
 * from the committed contract (src/schema.ts), so a call that the contract does not allow, or a field
 * it does not promise, is a compile error in the caller.
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, operations, paths } from "./schema";

/** The contract's named schemas, e.g. `Schemas["Night"]`. */
export type Schemas = components["schemas"];

/** The client: `client.GET("/movies/{movieId}", { params: { path: { movieId: "1" } } })` and so on. */
export type MovieNightClient = Client<paths>;

/**
 * Gives the access token to send, or undefined to send none. Called before every request, so it can
 * hand out a token that was refreshed since the client was made.
 */
export type TokenProvider = () => string | undefined | Promise<string | undefined>;

/**
 * A client for the API whose `/v1` root is `baseUrl` (for example `https://example.web.app/v1`).
 * With a `tokenProvider`, each request carries its token as `Authorization: Bearer <token>` unless the
 * call sets that header itself.
 */
export function createMovieNightClient(baseUrl: string, tokenProvider?: TokenProvider): MovieNightClient {
  const client = createClient<paths>({ baseUrl });
  if (tokenProvider) {
    client.use({
      async onRequest({ request }) {
        if (request.headers.has("Authorization")) return request;
        const token = await tokenProvider();
        if (token) request.headers.set("Authorization", `Bearer ${token}`);
        return request;
      },
    });
  }
  return client;
}
