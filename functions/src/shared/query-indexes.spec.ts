import assert from "node:assert/strict";
import { servedBy, shapeOf, type IndexFile } from "../../test/helpers/query-indexes";

// The rules the integration run's index check applies to every query the code issues.
describe("servedBy (the index check of captured queries)", () => {
  const file: IndexFile = {
    indexes: [
      {
        collectionGroup: "movies",
        queryScope: "COLLECTION",
        fields: [
          { fieldPath: "genres", arrayConfig: "CONTAINS" },
          { fieldPath: "year", order: "ASCENDING" },
          { fieldPath: "ratingCount", order: "DESCENDING" },
        ],
      },
      {
        collectionGroup: "feed",
        queryScope: "COLLECTION_GROUP",
        fields: [
          { fieldPath: "actorUid", order: "ASCENDING" },
          { fieldPath: "at", order: "DESCENDING" },
        ],
      },
    ],
    fieldOverrides: [
      { collectionGroup: "notifications", fieldPath: "actorUid", indexes: [{ order: "ASCENDING", queryScope: "COLLECTION_GROUP" }] },
    ],
  };
  const query = (collectionId: string, where: Array<[string, string]>, orderBy: Array<[string, string]> = [], allDescendants = false) =>
    shapeOf(
      {
        structuredQuery: {
          from: [{ collectionId, allDescendants }],
          where: {
            compositeFilter: { op: "AND", filters: where.map(([fieldPath, op]) => ({ fieldFilter: { field: { fieldPath }, op } })) },
          },
          orderBy: orderBy.map(([fieldPath, direction]) => ({ field: { fieldPath }, direction })),
        },
      },
      "test",
    );

  it("needs no composite index for equalities alone, or one field's range and order", () => {
    assert.ok(
      servedBy(
        file,
        query("users", [
          ["handle", "EQUAL"],
          ["privacy", "EQUAL"],
        ]),
      ),
    );
    assert.ok(servedBy(file, query("users", [["handle", "GREATER_THAN_OR_EQUAL"]], [["handle", "ASCENDING"]])));
  });

  it("finds the composite index for equality and contains filters followed by the order", () => {
    assert.ok(
      servedBy(
        file,
        query(
          "movies",
          [
            ["genres", "ARRAY_CONTAINS"],
            ["year", "EQUAL"],
          ],
          [["ratingCount", "DESCENDING"]],
        ),
      ),
    );
  });

  it("refuses a query whose order, direction, fields or scope no index has", () => {
    assert.equal(servedBy(file, query("movies", [["genres", "ARRAY_CONTAINS"]], [["ratingCount", "DESCENDING"]])), false);
    assert.equal(
      servedBy(
        file,
        query(
          "movies",
          [
            ["genres", "ARRAY_CONTAINS"],
            ["year", "EQUAL"],
          ],
          [["ratingCount", "ASCENDING"]],
        ),
      ),
      false,
    );
    assert.equal(servedBy(file, query("movies", [["year", "EQUAL"]], [["title", "ASCENDING"]])), false);
    assert.equal(servedBy(file, query("feed", [["actorUid", "EQUAL"]], [["at", "DESCENDING"]])), false, "collection scope");
    assert.ok(servedBy(file, query("feed", [["actorUid", "EQUAL"]], [["at", "DESCENDING"]], true)));
  });

  it("needs a single-field exemption for a collection group filter", () => {
    assert.ok(servedBy(file, query("notifications", [["actorUid", "EQUAL"]], [], true)));
    assert.equal(servedBy(file, query("notifications", [["kind", "EQUAL"]], [], true)), false);
  });
});
