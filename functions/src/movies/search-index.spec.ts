import assert from "node:assert/strict";
import { mostSelectiveWord, queryWords, titleMatches, titlePrefixes } from "./search-index";

describe("search index", () => {
  const amelie = titlePrefixes("Amélie (Fabuleux destin d'Amélie Poulain, Le)");

  it("ignores case and accents", () => {
    assert.ok(titleMatches(amelie, queryWords("AMELIE")));
    assert.ok(titleMatches(titlePrefixes("Amelie"), queryWords("Amélie")));
  });

  it("matches word prefixes in any order", () => {
    assert.ok(titleMatches(amelie, queryWords("poul ame")));
    assert.ok(titleMatches(titlePrefixes("The Lord of the Rings"), queryWords("rings lord")));
  });

  it("does not match a word that is only inside another word", () => {
    assert.equal(titleMatches(titlePrefixes("Toy Story"), queryWords("tory")), false);
  });

  it("needs every query word", () => {
    assert.equal(titleMatches(titlePrefixes("Toy Story"), queryWords("toy soldiers")), false);
  });

  it("filters on the longest word", () => {
    assert.equal(mostSelectiveWord(queryWords("the matrix")), "matrix");
    assert.equal(mostSelectiveWord([]), undefined);
  });
});
