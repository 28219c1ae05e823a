import assert from "node:assert/strict";
import type { Express } from "express";
import fc from "fast-check";
import request from "supertest";
import { apiContract } from "../../src/api/openapi";
import { bearer, makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue, TEST_FILMS } from "../helpers/catalogue-fixtures";
import { appDb, resetFirestore, waitFor } from "../helpers/emulators";
import { clientFor } from "../helpers/social";

/**
 * Contract fuzzing: every operation of the OpenAPI document (read from the document, so operations added
 * later are fuzzed too) gets random and mutated path parameters, queries, headers and bodies, anonymous
 * and signed in, through the real app over the Firestore emulator with every response checked against
 * the contract. No answer may be a 5xx, and every 4xx must be in the error format. Fixed seed, bounded runs.
 */

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: Json;
}
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: Json;
}

const SEED = 1_302_2026;
/** Cases per operation and caller kind: about 60 operations x 2 x RUNS requests in all. */
const RUNS = 12;

const contract = apiContract() as { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

function operations(): Operation[] {
  return Object.entries(contract.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method,
      path,
      operationId: op.operationId as string,
      parameters: (op.parameters ?? []) as Parameter[],
      body: ((op.requestBody as Json | undefined)?.content as Json | undefined)?.["application/json"]
        ? ((((op.requestBody as Json).content as Json)["application/json"] as Json).schema as Json)
        : undefined,
    })),
  );
}

/** Values the world below really has (film ids, uids, a night id): random input rarely hits them otherwise. */
const known: { strings: string[]; numbers: number[]; cursors: string[] } = { strings: [], numbers: [], cursors: [] };

const strangeStrings = fc.constantFrom(
  "",
  " ",
  "__x__",
  "..",
  ".",
  "a/b",
  "%",
  "0",
  "-1",
  "1e309",
  "NaN",
  "null",
  "ü",
  "😀",
  "x".repeat(600),
);

/** Strings matching a pattern; any string where fast-check cannot read the pattern (it then still fuzzes). */
function matching(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return fc.string({ maxLength: 40 });
  }
}

/** A fast-check arbitrary for values that satisfy a JSON Schema (the subset zod emits), loosely. */
function fromSchema(schema: Json | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (typeof schema.$ref === "string") return fromSchema(contract.components.schemas[schema.$ref.split("/").pop() as string], depth + 1);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, depth + 1)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const arbs = type.map((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case "string": {
        if (schema.format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        const base =
          typeof schema.pattern === "string"
            ? matching(schema.pattern as string)
            : fc.string({ minLength: (schema.minLength as number) ?? 0, maxLength: Math.min((schema.maxLength as number) ?? 40, 60) });
        return known.strings.length > 0 ? fc.oneof(base, fc.constantFrom(...known.strings)) : base;
      }
      case "integer":
      case "number": {
        const min = (schema.minimum as number) ?? -1e6;
        const max = (schema.maximum as number) ?? 1e6;
        const int32 = (n: number) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, n));
        const base =
          t === "integer" ? fc.integer({ min: int32(Math.ceil(min)), max: int32(Math.floor(max)) }) : fc.double({ min, max, noNaN: true });
        return known.numbers.length > 0 ? fc.oneof(base, fc.constantFrom(...known.numbers)) : base;
      }
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array":
        return fc.array(fromSchema(schema.items as Json, depth + 1), { maxLength: Math.min((schema.maxItems as number) ?? 4, 6) });
      case "object": {
        const properties = (schema.properties ?? {}) as Record<string, Json>;
        const required = new Set((schema.required ?? []) as string[]);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(properties)) record[k] = fromSchema(v, depth + 1);
        return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  });
  return arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
}

/** A value that fits the schema, or one bent out of shape: a wrong type, a key dropped, a key added, junk. */
function mutated(schema: Json | undefined): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: strangeStrings },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean()).map(([v, key, junk, drop]) => {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return junk;
        const copy: Json = { ...(v as Json) };
        const keys = Object.keys(copy);
        if (drop && keys.length > 0) delete copy[keys[key.length % keys.length]];
        else copy[keys.length > 0 && key.length % 2 === 0 ? keys[key.length % keys.length] : key || "extra"] = junk;
        return copy;
      }),
    },
  );
}

/** A cursor seen in a real answer with its decoded JSON bent (values of another type, another list's kind). */
const forgedCursor = () =>
  fc
    .tuple(fc.constantFrom(...(known.cursors.length > 0 ? known.cursors : ["e30"])), fc.jsonValue({ maxDepth: 2 }), fc.nat(3))
    .map(([cursor, junk, which]) => {
      const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Json;
      if (which === 0) decoded.v = [junk];
      else if (which === 1) decoded.v = [String(junk)];
      else if (which === 2) decoded.id = junk;
      else decoded.k = "friends";
      return Buffer.from(JSON.stringify(decoded)).toString("base64url");
    });

const asText = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));

interface Case {
  path: Record<string, unknown>;
  query: Array<[string, unknown]>;
  headers: Record<string, unknown>;
  body: unknown;
  sendBody: boolean;
}

function caseFor(op: Operation): fc.Arbitrary<Case> {
  const byIn = (where: Parameter["in"]) => op.parameters.filter((p) => p.in === where);
  const path: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of byIn("path")) path[p.name] = fc.oneof(fromSchema(p.schema), strangeStrings, fc.constant("%E0%A4%A"));
  const query = fc.array(
    fc.oneof(
      ...byIn("query").map((p) =>
        fc.tuple(fc.constant(p.name), p.name === "cursor" ? fc.oneof(mutated(p.schema), forgedCursor()) : mutated(p.schema)),
      ),
      fc.tuple(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
    ),
    { maxLength: 4 },
  );
  const headers: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of byIn("header")) headers[p.name] = mutated(p.schema);
  return fc.record({
    path: fc.record(path),
    query,
    headers: fc.record(headers, { requiredKeys: [] }),
    body: mutated(op.body),
    sendBody: fc.boolean(),
  });
}

function urlOf(op: Operation, c: Case): string {
  let url = `/v1${op.path}`.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = asText(c.path[name]);
    // The raw malformed escape goes in as is; everything else encoded, so it reaches the route as sent.
    return v === "%E0%A4%A" ? v : encodeURIComponent(v) || "x";
  });
  const params = new URLSearchParams();
  for (const [k, v] of c.query) params.append(k, asText(v));
  const qs = params.toString();
  if (qs) url += `?${qs}`;
  return url;
}

describe("contract fuzzing: every operation, random and mutated input, never a 5xx", function () {
  this.timeout(600_000);
  let app: Express;
  let me: RegisteredUser;

  /** The signed-in caller; a new account once a case ended the last one's session or account. */
  async function signedIn(): Promise<RegisteredUser> {
    const still = await request(app).get("/v1/me").set("Authorization", bearer(me.accessToken));
    if (still.status === 401) me = await registerUser(app);
    else assert.equal(still.status, 200, JSON.stringify(still.body));
    return me;
  }

  before(async () => {
    await resetFirestore();
    const db = appDb();
    app = makeTestApp(db);
    await seedTestCatalogue(db, TEST_FILMS);
    me = await registerUser(app);
    const [friend, other, asker] = [await registerUser(app), await registerUser(app), await registerUser(app)];
    for (const f of [friend, other]) {
      await clientFor(app, me).post("/friends/requests", { uid: f.uid }).expect(201);
      await clientFor(app, f).post(`/friends/requests/${me.uid}_${f.uid}/accept`).expect(200);
    }
    await clientFor(app, asker).post("/friends/requests", { uid: me.uid }).expect(201);
    const as = clientFor(app, me);
    for (const film of TEST_FILMS.slice(0, 3)) {
      await as.put(`/me/ratings/${film.movieId}`, { rating: 4 }).expect((r) => assert.ok(r.status < 300, JSON.stringify(r.body)));
      await as.put(`/me/watched/${film.movieId}`, {}).expect((r) => assert.ok(r.status < 300, JSON.stringify(r.body)));
      await as.put(`/me/watchlist/${film.movieId}`, {}).expect((r) => assert.ok(r.status < 300, JSON.stringify(r.body)));
    }
    // The friend lists are kept by a trigger (the first one of a run waits for the Functions emulator to start).
    await waitFor(async () => ((await db.collection(`users/${me.uid}/friends`).get()).size === 2 ? true : undefined), {
      timeoutMs: 120_000,
      what: "the friend list",
    });
    known.numbers.push(...TEST_FILMS.map((f) => f.movieId));
    known.strings.push(me.uid, friend.uid, asker.uid, `${asker.uid}_${me.uid}`, me.handle);
    // Real cursors (limit 1) of every list, to forge from.
    for (const op of operations()) {
      if (op.method !== "get" || !op.parameters.some((p) => p.name === "cursor") || op.path.includes("{")) continue;
      const res = await request(app).get(`/v1${op.path}?limit=1`).set("Authorization", bearer(me.accessToken));
      if (typeof res.body?.nextCursor === "string") known.cursors.push(res.body.nextCursor);
    }
    for (const uid of [friend.uid]) {
      for (const list of ["ratings", "watched"]) {
        const res = await request(app).get(`/v1/users/${uid}/${list}?limit=1`).set("Authorization", bearer(me.accessToken));
        if (typeof res.body?.nextCursor === "string") known.cursors.push(res.body.nextCursor);
      }
    }
    assert.ok(known.cursors.length > 0, "no list gave a cursor to forge from");
  });

  it("discovers the operations from the contract", () => {
    assert.ok(operations().length >= 50, `only ${operations().length} operations`);
  });

  for (const op of operations()) {
    it(`${op.method.toUpperCase()} ${op.path} (${op.operationId})`, async () => {
      await fc.assert(
        fc.asyncProperty(caseFor(op), fc.boolean(), async (c, anonymous) => {
          const url = urlOf(op, c);
          let req = request(app)[op.method as "get"](url);
          if (!anonymous) req = req.set("Authorization", bearer((await signedIn()).accessToken));
          for (const [k, v] of Object.entries(c.headers)) {
            const text = asText(v);
            // Node refuses header values with control characters before sending: not the server's concern.
            if (/^[\t\x20-\x7e]*$/.test(text)) req = req.set(k, text);
          }
          // Sent as JSON text, so any value (a bare number, a string, null) goes on the wire as generated.
          if (c.sendBody && op.method !== "get" && c.body !== undefined) {
            req = req.set("Content-Type", "application/json").send(JSON.stringify(c.body));
          }
          const res = await req;
          const what = `${op.method.toUpperCase()} ${url} ${anonymous ? "anonymous" : "signed in"} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          assert.ok(res.status < 500, what);
          if (res.status >= 400) {
            const e = (res.body as { error?: Json }).error;
            assert.ok(e && typeof e.code === "string" && typeof e.message === "string", `not in the error format: ${what}`);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
