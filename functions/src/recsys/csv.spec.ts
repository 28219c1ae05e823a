import assert from "node:assert/strict";
import { AppError } from "../shared/errors";
import { parsePairsCsv, parseRatingsCsv } from "./csv";

describe("recsys csv", () => {
  describe("parseRatingsCsv", () => {
    it("parses MovieLens rows, with or without a timestamp", () => {
      const rows = parseRatingsCsv("userId,movieId,rating,timestamp\n1,10,4.5,964982703\r\n2,20,0.5,\n\n", "r.csv");
      assert.deepEqual(rows, [
        { userId: "1", movieId: 10, rating: 4.5, timestamp: 964982703 },
        { userId: "2", movieId: 20, rating: 0.5 },
      ]);
    });

    const bad: [string, RegExp][] = [
      ["1,10\n", /bad\.csv:2: expected 3 or 4 columns/],
      ["1,abc,4,1\n", /bad\.csv:2: movieId must be a non-negative integer/],
      ["1,10,4,1\n1,11,4.3,1\n", /bad\.csv:3: rating must be 0\.5\.\.5 in halves/],
      ["1,10,6,1\n", /bad\.csv:2: rating/],
      [",10,4,1\n", /bad\.csv:2: empty userId/],
      ["1,10,4,x\n", /bad\.csv:2: timestamp/],
    ];
    for (const [body, message] of bad) {
      it(`rejects ${JSON.stringify(body)} naming the file and line`, () => {
        assert.throws(
          () => parseRatingsCsv(`userId,movieId,rating,timestamp\n${body}`, "bad.csv"),
          (e: unknown) => e instanceof AppError && e.code === "invalid-argument" && message.test(e.message),
        );
      });
    }

    it("rejects a missing header", () => {
      assert.throws(() => parseRatingsCsv("1,10,4,1\n", "x.csv"), /x\.csv:1: expected header/);
    });
  });

  it("parses userId,movieId pairs", () => {
    assert.deepEqual(parsePairsCsv("userId,movieId\na,1\n"), [{ userId: "a", movieId: 1 }]);
    assert.throws(() => parsePairsCsv("userId,movieId\na,x\n", "p.csv"), /p\.csv:2/);
  });
});
