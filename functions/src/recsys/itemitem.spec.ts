import assert from "node:assert/strict";
import { loadTf } from "./backend";
import { buildDataset } from "./dataset";
import { fitItemItem } from "./itemitem";
import { syntheticRatings } from "./testing";

describe("recsys item-item (EASE)", function () {
  this.timeout(30000);

  it("solves the closed form: (G + lambda I)(I - B) is diagonal, B has a zero diagonal, most-rated films first", async () => {
    const { tf } = await loadTf();
    // 300 films kept: more than one block of the recursive inverse, so the blocked path runs.
    const data = buildDataset(syntheticRatings({ users: 400, movies: 400, perUser: 40, groups: 8, seed: 3 }));
    const settings = { films: 300, l2: 50, userPower: 0.5 };
    const { items, weights } = await fitItemItem(tf, data, settings);
    const n = items.length;
    assert.equal(n, 300);

    const count = new Int32Array(data.items.size);
    const perUser = new Map<number, number[]>();
    for (let k = 0; k < data.itemIdx.length; k++) {
      count[data.itemIdx[k]!]!++;
      perUser.set(data.userIdx[k]!, [...(perUser.get(data.userIdx[k]!) ?? []), data.itemIdx[k]!]);
    }
    for (let a = 1; a < n; a++) assert.ok(count[items[a - 1]!]! >= count[items[a]!]!);

    // The Gram matrix of the test itself, in float64.
    const pos = new Map<number, number>();
    items.forEach((i, a) => pos.set(i, a));
    const g = new Float64Array(n * n);
    let meanCount = 0;
    for (const list of perUser.values()) meanCount += list.length;
    meanCount /= perUser.size;
    for (const list of perUser.values()) {
      const w = list.length ** -settings.userPower;
      const covered = list.filter((i) => pos.has(i)).map((i) => pos.get(i)!);
      for (const a of covered) for (const b of covered) g[a * n + b]! += w;
    }
    for (let a = 0; a < n; a++) g[a * n + a]! += settings.l2 / meanCount ** settings.userPower;

    let maxOff = 0;
    let maxDiag = 0;
    for (let a = 0; a < n; a++) {
      assert.equal(weights[a * n + a], 0);
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let b = 0; b < n; b++) s += g[a * n + b]! * ((b === c ? 1 : 0) - weights[b * n + c]!);
        if (a === c) maxDiag = Math.max(maxDiag, Math.abs(s));
        else maxOff = Math.max(maxOff, Math.abs(s));
      }
    }
    assert.ok(maxOff < 1e-3 * maxDiag, `off-diagonal ${maxOff} vs diagonal ${maxDiag}`);
  });

  it("covers every film when there are fewer than asked, and none when turned off", async () => {
    const { tf } = await loadTf();
    const data = buildDataset(syntheticRatings({ users: 20, movies: 30, perUser: 8, seed: 2 }));
    const all = await fitItemItem(tf, data, { films: 1000, l2: 10, userPower: 0 });
    assert.equal(all.items.length, data.items.size);
    assert.equal(all.weights.length, data.items.size ** 2);
    const none = await fitItemItem(tf, data, { films: 0, l2: 10, userPower: 0 });
    assert.equal(none.items.length, 0);
  });
});
