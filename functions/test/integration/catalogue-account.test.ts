import assert from "node:assert/strict";
import type { Express } from "express";
import request from "supertest";
import { bearer, makeTestApp, registerUser } from "../helpers/accounts";
import { seedTestCatalogue } from "../helpers/catalogue-fixtures";
import { appDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";

describe("a person's film life and their account (emulators)", function () {
  this.timeout(90_000);
  let app: Express;

  before(async () => {
    await resetFirestore();
    app = makeTestApp(appDb());
    await seedTestCatalogue(appDb());
  });

  const ratingCount = async (movieId: number) => Number((await verifierDb().doc(`movies/${movieId}`).get()).get("ratingCount"));

  it("exports ratings, diary and watchlist, and deleting the account removes them and corrects the aggregates", async () => {
    const dana = await registerUser(app);
    const as = (r: request.Test) => r.set("Authorization", bearer(dana.accessToken));
    await as(request(app).put("/v1/me/ratings/9120")).send({ rating: 5 }).expect(201);
    await as(request(app).put("/v1/me/watched/9121")).send({ rating: 3.5 }).expect(201);
    await as(request(app).put("/v1/me/watchlist/9002")).send({ note: "long weekend" }).expect(201);
    await waitFor(async () => ((await ratingCount(9120)) === 1 && (await ratingCount(9121)) === 1 ? true : undefined), {
      what: "aggregates",
    });

    const exported = await as(request(app).get("/v1/me/export")).expect(200);
    const text = JSON.stringify(exported.body);
    assert.match(text, /"movieId":9120,"rating":5/);
    assert.match(text, /long weekend/);

    await as(request(app).delete("/v1/me")).send({ password: dana.password }).expect(204);
    await waitFor(
      async () => {
        const ratings = await verifierDb().collection("ratings").where("uid", "==", dana.uid).get();
        const watched = await verifierDb().collection(`users/${dana.uid}/watched`).get();
        const watchlist = await verifierDb().collection(`users/${dana.uid}/watchlist`).get();
        return ratings.empty && watched.empty && watchlist.empty ? true : undefined;
      },
      { timeoutMs: 45_000, what: "the person's ratings, diary and watchlist to be gone" },
    );
    await waitFor(async () => ((await ratingCount(9120)) === 0 && (await ratingCount(9121)) === 0 ? true : undefined), {
      timeoutMs: 45_000,
      what: "aggregates corrected",
    });
    assert.equal((await verifierDb().doc(`users/${dana.uid}`).get()).exists, false);
  });
});
