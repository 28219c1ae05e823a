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
    assert.throws(() => decodeCursor("watchlist", cursor), (e: unknown) => e instanceof AppError && e.code === "invalid-argument");
  });

  for (const forged of ["not-a-cursor", "eyJ9", Buffer.from('{"k":"ratings"}').toString("base64url"), "%%%"]) {
    it(`refuses the forged cursor ${JSON.stringify(forged)}`, () => {
      assert.throws(() => decodeCursor("ratings", forged), (e: unknown) => e instanceof AppError && e.code === "invalid-argument");
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
