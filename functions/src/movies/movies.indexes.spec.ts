import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { MOVIE_SORTS } from "./movies.schema";
import { SORT_FIELDS, scanFilters } from "./movies.repository";

interface IndexField {
  fieldPath: string;
  order?: string;
  arrayConfig?: string;
}
interface Index {
  collectionGroup: string;
  queryScope: string;
  fields: IndexField[];
}

// The emulator never asks for indexes; production refuses a query without one. This keeps them in step.
const indexes: Index[] = JSON.parse(readFileSync(path.resolve(__dirname, "../../../../firestore.indexes.json"), "utf8")).indexes;

const key = (fields: IndexField[]) => fields.map((f) => `${f.fieldPath}:${f.arrayConfig ?? f.order}`).join(",");

describe("movie scans and firestore.indexes.json", () => {
  for (const sort of MOVIE_SORTS) {
    for (const prefix of [undefined, "ali"]) {
      for (const genre of [undefined, "Drama"]) {
        for (const year of [undefined, 1999]) {
          const scan = { sort, prefix, genre, year };
          const fields: IndexField[] = [
            ...scanFilters(scan).map((f) =>
              f.op === "array-contains" ? { fieldPath: f.field, arrayConfig: "CONTAINS" } : { fieldPath: f.field, order: "ASCENDING" },
            ),
            { fieldPath: SORT_FIELDS[sort], order: "DESCENDING" },
          ];
          if (fields.length === 1) continue; // single-field indexes exist automatically
          it(`has an index for ${JSON.stringify(scan)}`, () => {
            const found = indexes.some(
              (i) => i.collectionGroup === "movies" && i.queryScope === "COLLECTION" && key(i.fields) === key(fields),
            );
            assert.ok(found, `missing composite index movies(${key(fields)})`);
          });
        }
      }
    }
  }
});
