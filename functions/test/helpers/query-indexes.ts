/**
 * The Firestore emulator runs any query; production refuses one that needs a composite index missing
 * from firestore.indexes.json. So integration runs record the shape of every query the code under test
 * issues (`captureQueries`, installed by the root hooks) and check each against the index file
 * (`missingIndexes`), instead of comparing hand-kept lists that no query has to follow.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Query, Transaction } from "firebase-admin/firestore";

/** One query as Firestore plans it: where it reads, its filters by kind, and its order. */
export interface QueryShape {
  collectionGroup: string;
  scope: "COLLECTION" | "COLLECTION_GROUP";
  /** Equality-like filters (==, in): any order in an index. */
  equalities: string[];
  /** array-contains(-any) filters. */
  contains: string[];
  /** Range filters (<, <=, >, >=, !=, not-in). */
  ranges: string[];
  /** orderBy clauses, without the implicit trailing __name__. */
  orders: Array<{ field: string; direction: "ASCENDING" | "DESCENDING" }>;
  /** The first code-under-test frame that issued it (for the failure message). */
  site: string;
}

interface IndexField {
  fieldPath: string;
  order?: string;
  arrayConfig?: string;
}
export interface IndexFile {
  indexes: Array<{ collectionGroup: string; queryScope: string; fields: IndexField[] }>;
  fieldOverrides?: Array<{
    collectionGroup: string;
    fieldPath: string;
    indexes: Array<{ order?: string; arrayConfig?: string; queryScope: string }>;
  }>;
}

interface ProtoFilter {
  fieldFilter?: { field: { fieldPath: string }; op: string };
  unaryFilter?: { field: { fieldPath: string }; op: string };
  compositeFilter?: { op: string; filters: ProtoFilter[] };
}
interface ProtoQuery {
  structuredQuery: {
    from: Array<{ collectionId: string; allDescendants?: boolean }>;
    where?: ProtoFilter;
    orderBy?: Array<{ field: { fieldPath: string }; direction?: string }>;
  };
}

const RANGE_OPS = new Set([
  "LESS_THAN",
  "LESS_THAN_OR_EQUAL",
  "GREATER_THAN",
  "GREATER_THAN_OR_EQUAL",
  "NOT_EQUAL",
  "NOT_IN",
  "IS_NOT_NAN",
  "IS_NOT_NULL",
]);
const CONTAINS_OPS = new Set(["ARRAY_CONTAINS", "ARRAY_CONTAINS_ANY"]);

/** The shape of a query from its wire form (what the SDK sends). */
export function shapeOf(proto: ProtoQuery, site: string): QueryShape {
  const q = proto.structuredQuery;
  const from = q.from[0]!;
  const shape: QueryShape = {
    collectionGroup: from.collectionId,
    scope: from.allDescendants ? "COLLECTION_GROUP" : "COLLECTION",
    equalities: [],
    contains: [],
    ranges: [],
    orders: (q.orderBy ?? [])
      .filter((o) => o.field.fieldPath !== "__name__")
      .map((o) => ({ field: o.field.fieldPath, direction: o.direction === "DESCENDING" ? "DESCENDING" : "ASCENDING" })),
    site,
  };
  const visit = (f: ProtoFilter | undefined) => {
    if (!f) return;
    if (f.compositeFilter) f.compositeFilter.filters.forEach(visit);
    const leaf = f.fieldFilter ?? f.unaryFilter;
    if (!leaf || leaf.field.fieldPath === "__name__") return;
    const field = leaf.field.fieldPath;
    if (CONTAINS_OPS.has(leaf.op)) shape.contains.push(field);
    else if (RANGE_OPS.has(leaf.op)) shape.ranges.push(field);
    else shape.equalities.push(field);
  };
  visit(q.where);
  return shape;
}

const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

/**
 * Whether firestore.indexes.json (plus the automatic single-field indexes) serves the query, following
 * Firestore's rules: equality and array-contains filters alone are served by merging single-field
 * indexes; one field with range filters and/or an order needs only its single-field index; anything
 * else needs a composite index whose fields are the equality fields (any order), then the ordered
 * fields in the query's order and directions (a range field without an order counts as ascending).
 */
export function servedBy(file: IndexFile, q: QueryShape): boolean {
  const ordered = [...q.orders];
  for (const r of q.ranges) if (!ordered.some((o) => o.field === r)) ordered.unshift({ field: r, direction: "ASCENDING" });
  const singleField = (field: string, want: { order?: string; arrayConfig?: string }) => {
    if (q.scope === "COLLECTION") return true; // automatic for collections
    return (file.fieldOverrides ?? []).some(
      (o) =>
        o.collectionGroup === q.collectionGroup &&
        o.fieldPath === field &&
        o.indexes.some(
          (i) => i.queryScope === "COLLECTION_GROUP" && (want.arrayConfig ? i.arrayConfig === want.arrayConfig : i.order !== undefined),
        ),
    );
  };
  if (ordered.length === 0) {
    return (
      q.equalities.every((f) => singleField(f, { order: "ASCENDING" })) &&
      q.contains.every((f) => singleField(f, { arrayConfig: "CONTAINS" }))
    );
  }
  const orderedFields = new Set(ordered.map((o) => o.field));
  if (q.equalities.length === 0 && q.contains.length === 0 && orderedFields.size === 1) {
    return singleField(ordered[0]!.field, { order: ordered[0]!.direction });
  }
  return file.indexes.some((index) => {
    if (index.collectionGroup !== q.collectionGroup || index.queryScope !== q.scope) return false;
    const fields = index.fields.filter((f) => f.fieldPath !== "__name__");
    const prefix = fields.length - ordered.length;
    if (prefix < 0) return false;
    const head = fields.slice(0, prefix);
    const tail = fields.slice(prefix);
    const headEq = head.filter((f) => f.arrayConfig === undefined).map((f) => f.fieldPath);
    const headContains = head.filter((f) => f.arrayConfig === "CONTAINS").map((f) => f.fieldPath);
    return (
      same(headEq, q.equalities) &&
      same(headContains, q.contains) &&
      tail.every((f, i) => f.fieldPath === ordered[i]!.field && f.order === ordered[i]!.direction)
    );
  });
}

export function readIndexFile(root: string): IndexFile {
  return JSON.parse(readFileSync(path.join(root, "firestore.indexes.json"), "utf8")) as IndexFile;
}

const captured = new Map<string, QueryShape>();

/** The first stack frame in the code under test (compiled src/, not tests or libraries), if any. */
function codeSite(): string | undefined {
  const frames = (new Error().stack ?? "").split("\n").slice(2);
  return frames.find((f) => /[/\\]lib[/\\]src[/\\]/.test(f) && !/\.spec\.js/.test(f))?.trim();
}

function record(query: Query): void {
  const site = codeSite();
  if (!site) return; // the test's own reads: not the code's business
  const shape = shapeOf((query as unknown as { toProto(): ProtoQuery }).toProto(), site);
  const key = JSON.stringify({ ...shape, site: undefined });
  if (!captured.has(key)) captured.set(key, shape);
}

let installed = false;

/** Records every query the code under test runs from now on (get, stream, count, in transactions). */
export function captureQueries(): void {
  if (installed) return;
  installed = true;
  const wrap = <T extends object>(proto: T, method: keyof T, queryOf: (self: T, args: unknown[]) => Query | undefined) => {
    const original = proto[method] as unknown as (...args: unknown[]) => unknown;
    (proto as Record<keyof T, unknown>)[method] = function (this: T, ...args: unknown[]) {
      const q = queryOf(this, args);
      if (q) record(q);
      return original.apply(this, args);
    };
  };
  wrap(Query.prototype, "get", (self) => self);
  wrap(Query.prototype, "stream", (self) => self);
  // Aggregations (count()): firebase-admin does not export their class, so each one's get is wrapped.
  for (const method of ["count", "aggregate"] as const) {
    const original = Query.prototype[method] as (this: Query, ...args: unknown[]) => { get(): Promise<unknown> };
    (Query.prototype as unknown as Record<string, unknown>)[method] = function (this: Query, ...args: unknown[]) {
      const aggregate = original.apply(this, args);
      const get = aggregate.get.bind(aggregate);
      aggregate.get = () => {
        record(this);
        return get();
      };
      return aggregate;
    };
  }
  const queryIn = (arg: unknown): Query | undefined => {
    if (arg instanceof Query) return arg;
    const inner = (arg as { query?: unknown } | undefined)?.query; // an aggregate query
    return inner instanceof Query ? inner : undefined;
  };
  wrap(Transaction.prototype, "get", (_self, args) => queryIn(args[0]));
}

/** Every query shape recorded so far. */
export function capturedQueries(): QueryShape[] {
  return [...captured.values()];
}

/** The recorded queries no index serves, described one per line. */
export function missingIndexes(file: IndexFile): string[] {
  return capturedQueries()
    .filter((q) => !servedBy(file, q))
    .map(
      (q) =>
        `${q.scope} ${q.collectionGroup} eq[${q.equalities}] contains[${q.contains}] range[${q.ranges}] order[${q.orders.map((o) => `${o.field} ${o.direction}`)}] at ${q.site}`,
    );
}
