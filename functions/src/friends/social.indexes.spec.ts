import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FEED_COLLECTION_GROUP_FIELDS } from "../feed/feed.repository";
import { NOTIFICATIONS_COLLECTION_GROUP_FIELDS } from "../notifications/notifications.repository";
import { NIGHTS_COLLECTION_GROUP_FIELDS } from "../nights/nights.repository";
import { SUBCOLLECTIONS } from "../shared/collections";
import { FRIENDS_COMPOSITE_INDEXES } from "./friends.repository";

interface IndexFile {
  indexes: Array<{ collectionGroup: string; queryScope: string; fields: Array<{ fieldPath: string; order?: string }> }>;
  fieldOverrides: Array<{
    collectionGroup: string;
    fieldPath: string;
    ttl?: boolean;
    indexes: Array<{ order?: string; queryScope: string }>;
  }>;
}

// The emulator never asks for indexes; production refuses a query without one. This keeps them in step.
const file: IndexFile = JSON.parse(readFileSync(path.resolve(__dirname, "../../../../firestore.indexes.json"), "utf8"));

describe("social queries and firestore.indexes.json", () => {
  for (const wanted of FRIENDS_COMPOSITE_INDEXES) {
    it(`has the composite index ${wanted.collectionGroup}(${wanted.fields.join(",")})`, () => {
      const found = file.indexes.some(
        (i) =>
          i.collectionGroup === wanted.collectionGroup &&
          i.queryScope === "COLLECTION" &&
          i.fields.map((f) => `${f.fieldPath}:${f.order}`).join(",") === wanted.fields.join(","),
      );
      assert.ok(found);
    });
  }

  const groupFields = [
    ...FEED_COLLECTION_GROUP_FIELDS.map((fieldPath) => ({ collectionGroup: SUBCOLLECTIONS.feed, fieldPath })),
    ...NOTIFICATIONS_COLLECTION_GROUP_FIELDS,
    ...NIGHTS_COLLECTION_GROUP_FIELDS,
  ];
  for (const { collectionGroup, fieldPath } of groupFields) {
    it(`indexes ${collectionGroup}.${fieldPath} for collection group queries, and keeps its collection index`, () => {
      const override = file.fieldOverrides.find((o) => o.collectionGroup === collectionGroup && o.fieldPath === fieldPath);
      assert.ok(override, "missing field override");
      assert.ok(override.indexes.some((i) => i.queryScope === "COLLECTION_GROUP" && i.order === "ASCENDING"));
    });
  }

  it("expires feed items by TTL", () => {
    assert.ok(file.fieldOverrides.some((o) => o.collectionGroup === SUBCOLLECTIONS.feed && o.fieldPath === "expireAt" && o.ttl === true));
  });
});
