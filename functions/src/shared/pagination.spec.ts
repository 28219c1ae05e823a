import assert from "node:assert/strict";
import { AppError } from "./errors";
import { ONE_OFFSET, ONE_TEXT, ONE_TIME, decodeCursor, encodeCursor, pageQuerySchema } from "./pagination";

describe("pagination", () => {
  it("round-trips a cursor of the same list", () => {
    const cursor = encodeCursor("ratings", { values: [1700000000000], id: "u_1" });
    assert.deepEqual(decodeCursor("ratings", cursor, ONE_TIME), { values: [1700000000000], id: "u_1" });
  });

  it("refuses a cursor of another list", () => {
    const cursor = encodeCursor("ratings", { values: [1], id: "x" });
    assert.throws(
      () => decodeCursor("watchlist", cursor, ONE_TIME),
      (e: unknown) => e instanceof AppError && e.code === "invalid-argument",
    );
  });

  for (const forged of ["not-a-cursor", "eyJ9", Buffer.from('{"k":"ratings"}').toString("base64url"), "%%%"]) {
    it(`refuses the forged cursor ${JSON.stringify(forged)}`, () => {
      assert.throws(
        () => decodeCursor("ratings", forged, ONE_TIME),
        (e: unknown) => e instanceof AppError && e.code === "invalid-argument",
      );
    });
  }

  it("defaults the limit and bounds it", () => {
    assert.equal(pageQuerySchema.parse({}).limit, 20);
    assert.equal(pageQuerySchema.parse({ limit: "5" }).limit, 5);
    assert.equal(pageQuerySchema.safeParse({ limit: "0" }).success, false);
    assert.equal(pageQuerySchema.safeParse({ limit: "101" }).success, false);
    assert.equal(pageQuerySchema.safeParse({ limit: "2.5" }).success, false);
  });
});

describe("pagination with a list's value shape", () => {
  it("refuses a well-formed cursor whose values have the wrong type or whose id is a path", async () => {
    const { ONE_NUMBER } = await import("./pagination");
    const wrongType = encodeCursor("ratings", { values: ["yesterday"], id: "u_1" });
    assert.throws(
      () => decodeCursor("ratings", wrongType, ONE_NUMBER),
      (e: unknown) => e instanceof AppError && e.code === "invalid-argument",
    );
    const empty = encodeCursor("ratings", { values: [], id: "u_1" });
    assert.throws(
      () => decodeCursor("ratings", empty, ONE_NUMBER),
      (e: unknown) => e instanceof AppError && e.code === "invalid-argument",
    );
    const pathId = encodeCursor("ratings", { values: [1], id: "a/b" });
    assert.throws(
      () => decodeCursor("ratings", pathId, ONE_NUMBER),
      (e: unknown) => e instanceof AppError && e.code === "invalid-argument",
    );
    assert.deepEqual(decodeCursor("ratings", encodeCursor("ratings", { values: [5], id: "u_1" }), ONE_NUMBER), { values: [5], id: "u_1" });
  });
});

describe("pagination: value shapes of every kind of list", () => {
  const refused = (values: Array<string | number | null>, shape: Parameters<typeof decodeCursor>[2]) =>
    assert.throws(
      () => decodeCursor("list", encodeCursor("list", { values, id: "doc1" }), shape),
      (e: unknown) => e instanceof AppError && e.code === "invalid-argument",
      JSON.stringify(values),
    );

  it("date lists take whole milliseconds within Firestore's range only", () => {
    for (const values of [["x"], [null], [], [1.5], [1e300], [-1e20], [1, 2]]) refused(values, ONE_TIME);
    assert.deepEqual(
      decodeCursor("list", encodeCursor("list", { values: [1700000000000], id: "doc1" }), ONE_TIME)?.values,
      [1700000000000],
    );
  });

  it("position lists take a non-negative whole offset only", () => {
    for (const values of [["x"], [-1], [0.5], [1e12]]) refused(values, ONE_OFFSET);
    assert.deepEqual(decodeCursor("list", encodeCursor("list", { values: [40], id: "doc1" }), ONE_OFFSET)?.values, [40]);
  });

  it("text lists take one string only", () => {
    for (const values of [[5], [null], ["a".repeat(201)]]) refused(values, ONE_TEXT);
  });
});
