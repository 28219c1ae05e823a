import assert from "node:assert/strict";
import { AppError } from "./errors";
import { decodeCursor, encodeCursor, pageQuerySchema } from "./pagination";

describe("pagination", () => {
  it("round-trips a cursor of the same list", () => {
    const cursor = encodeCursor("ratings", { values: [1700000000000], id: "u_1" });
    assert.deepEqual(decodeCursor("ratings", cursor), { values: [1700000000000], id: "u_1" });
  });

  it("refuses a cursor of another list", () => {
    const cursor = encodeCursor("ratings", { values: [1], id: "x" });
    assert.throws(
      () => decodeCursor("watchlist", cursor),
      (e: unknown) => e instanceof AppError && e.code === "invalid-argument",
    );
  });

  for (const forged of ["not-a-cursor", "eyJ9", Buffer.from('{"k":"ratings"}').toString("base64url"), "%%%"]) {
    it(`refuses the forged cursor ${JSON.stringify(forged)}`, () => {
      assert.throws(
        () => decodeCursor("ratings", forged),
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
