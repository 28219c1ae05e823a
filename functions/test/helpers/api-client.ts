/**
 * End-to-end tests call the API as the phone app does: through the Hosting emulator's `/v1/**` rewrite
 * to the deployed `api` function, with the typed client generated from api/openapi.json. A call the
 * contract does not allow, or a field it does not promise, is a compile error here.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createMovieNightClient, type MovieNightClient, type Schemas } from "@movie-night/client";
import { uniqueHandle } from "./accounts";
import { HOSTING_ORIGIN, verifierDb, waitFor } from "./emulators";
import { FirestoreMovieRepository } from "../../src/movies/movies.repository";
import type { MovieInput } from "../../src/movies/movies.schema";

/** The API root as the app reaches it locally. */
export const API_BASE_URL = `${HOSTING_ORIGIN}/v1`;

/** A client without a token (health, sign-up, sign-in, refresh). */
export const anonymousApi = (): MovieNightClient => createMovieNightClient(API_BASE_URL);

/** What an openapi-fetch call resolves to. */
interface Answer<D, E> {
  data?: D;
  error?: E;
  response: Response;
}

const describeAnswer = (a: Answer<unknown, unknown>) =>
  `${a.response.url} answered ${a.response.status} ${JSON.stringify(a.error ?? a.data ?? null).slice(0, 500)}`;

/** Awaits a call, asserts its status, and returns its JSON body. */
export async function expectStatus<D, E>(call: Promise<Answer<D, E>>, status: number): Promise<NonNullable<D>> {
  const answer = await call;
  assert.equal(answer.response.status, status, `expected ${status}: ${describeAnswer(answer)}`);
  assert.notEqual(answer.data, undefined, `expected a body: ${describeAnswer(answer)}`);
  return answer.data as NonNullable<D>;
}

/** Awaits a call and asserts it answered 204 No Content. */
export async function expectNoContent<D, E>(call: Promise<Answer<D, E>>): Promise<void> {
  const answer = await call;
  assert.equal(answer.response.status, 204, `expected 204: ${describeAnswer(answer)}`);
}

/** Awaits a call, asserts the status and the error code of the one error format, and returns the error. */
export async function expectError<D, E>(call: Promise<Answer<D, E>>, status: number, code: string): Promise<Schemas["Error"]["error"]> {
  const answer = await call;
  assert.equal(answer.response.status, status, `expected ${status} ${code}: ${describeAnswer(answer)}`);
  const body = answer.error as Schemas["Error"] | undefined;
  assert.equal(body?.error.code, code, describeAnswer(answer));
  return body!.error;
}

/**
 * Polls `probe` until it returns a value (a trigger's effect, seen through the API), failing after a
 * bound: generous, because the Functions emulator may still be working through earlier files' triggers.
 */
export function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  return waitFor(probe, { timeoutMs: 90_000, intervalMs: 250, what });
}

/** A signed-up person with a client that sends their current access token. */
export interface Person {
  uid: string;
  handle: string;
  displayName: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  api: MovieNightClient;
}

/** Signs a new person up through POST /v1/auth/register and returns them with their own client. */
export async function signUp(): Promise<Person> {
  const handle = uniqueHandle("e2e");
  const body = {
    email: `${handle}@example.com`,
    password: `correct horse ${randomBytes(6).toString("hex")}`,
    displayName: `E2E ${handle}`,
    handle,
  };
  const session = await expectStatus(anonymousApi().POST("/auth/register", { body }), 201);
  const person: Person = {
    uid: session.user.uid,
    handle,
    displayName: body.displayName,
    email: body.email,
    password: body.password,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    api: createMovieNightClient(API_BASE_URL, () => person.accessToken),
  };
  return person;
}

/**
 * Makes two people friends through the API (request, accept) and waits, through the API, until both
 * friend lists show it: the friendship trigger writes them.
 */
export async function befriend(a: Person, b: Person): Promise<void> {
  await expectStatus(a.api.POST("/friends/requests", { body: { uid: b.uid } }), 201);
  await expectStatus(b.api.POST("/friends/requests/{id}/accept", { params: { path: { id: `${a.uid}_${b.uid}` } } }), 200);
  for (const [me, other] of [
    [a, b],
    [b, a],
  ] as const) {
    await eventually(async () => {
      const friends = await expectStatus(me.api.GET("/friends"), 200);
      return friends.items.some((f) => f.uid === other.uid) ? true : undefined;
    }, `${other.handle} in ${me.handle}'s friends`);
  }
}

/**
 * Films for an end-to-end file, written straight to the catalogue (the API has no catalogue writes;
 * imports go through the import script). Each file uses its own ids so that trigger work one file
 * leaves behind cannot change another file's films.
 */
export async function seedFilms(films: readonly MovieInput[]): Promise<void> {
  await new FirestoreMovieRepository(verifierDb()).upsertCatalogue(films);
}

/** A film for seedFilms. */
export const film = (movieId: number, title: string, year: number, genres: string[]): MovieInput => ({
  movieId,
  title,
  year,
  genres,
  imdbId: null,
  tmdbId: null,
});
