import assert from "node:assert/strict";
import { Timestamp, type DocumentSnapshot, type Query, type QueryDocumentSnapshot } from "firebase-admin/firestore";
import { z } from "zod";
import { isAppError } from "./errors";
import { readDoc, readPage } from "./firestore";
import { storedDateSchema } from "./validation";

const schema = z.object({ title: z.string(), at: storedDateSchema });

function snapshot(id: string, data: Record<string, unknown> | undefined): QueryDocumentSnapshot {
  return {
    id,
    exists: data !== undefined,
    ref: { path: `things/${id}` },
    data: () => data,
    get: (field: string) => data?.[field],
  } as unknown as QueryDocumentSnapshot;
}

/** A query over fixed documents that records how it was ordered and where it started. */
function fakeQuery(docs: QueryDocumentSnapshot[]) {
  const calls: { orderBy: string[]; startAfter?: unknown[]; limit?: number } = { orderBy: [] };
  const query = {
    orderBy: (field: unknown) => {
      calls.orderBy.push(String(field));
      return query;
    },
    startAfter: (...values: unknown[]) => {
      calls.startAfter = values;
      return query;
    },
    limit: (n: number) => {
      calls.limit = n;
      return query;
    },
    get: async () => ({ docs: docs.slice(0, calls.limit) }),
  };
  return { query: query as unknown as Query, calls };
}

describe("the Firestore boundary", () => {
  describe("readDoc", () => {
    it("reads stored Timestamps as Dates", () => {
      const doc = readDoc(schema, snapshot("a", { title: "Alien", at: Timestamp.fromMillis(1_000) }));
      assert.ok(doc.at instanceof Date);
      assert.equal(doc.at.getTime(), 1_000);
    });

    it("answers undefined for a missing document", () => {
      assert.equal(readDoc(schema, snapshot("a", undefined) as DocumentSnapshot), undefined);
    });

    it("throws naming the path of a document that does not parse", () => {
      assert.throws(() => readDoc(schema, snapshot("bad", { title: 3, at: Timestamp.now() })), /things\/bad/);
    });
  });

  describe("readPage", () => {
    const docs = [3_000, 2_000, 1_000].map((ms, i) => snapshot(`d${i}`, { title: `t${i}`, at: Timestamp.fromMillis(ms) }));

    it("orders by the field then the id, and points the next page after the last item", async () => {
      const { query, calls } = fakeQuery(docs);
      const page = await readPage(schema, { query, orderBy: "at", dates: true, after: undefined, limit: 2 });
      assert.deepEqual(
        page.items.map((i) => [i.id, i.data.at.getTime()]),
        [
          ["d0", 3_000],
          ["d1", 2_000],
        ],
      );
      assert.deepEqual(page.next, { values: [2_000], id: "d1" });
      assert.equal(calls.orderBy[0], "at");
      assert.equal(calls.startAfter, undefined);
    });

    it("starts after the cursor's position, as a Date for a date field", async () => {
      const { query, calls } = fakeQuery(docs);
      const page = await readPage(schema, { query, orderBy: "at", dates: true, after: { values: [2_000], id: "d1" }, limit: 5 });
      assert.deepEqual(calls.startAfter, [new Date(2_000), "d1"]);
      assert.equal(page.next, undefined, "a short page is the last one");
    });

    it("refuses a date cursor whose value is not a number, before querying", async () => {
      const { query, calls } = fakeQuery(docs);
      await assert.rejects(
        readPage(schema, { query, orderBy: "at", dates: true, after: { values: ["x"], id: "d1" }, limit: 2 }),
        (e: unknown) => isAppError(e) && e.code === "invalid-argument",
      );
      assert.equal(calls.limit, undefined);
    });
  });
});
