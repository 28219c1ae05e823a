import assert from "node:assert/strict";
import { createMovieNightClient } from "@movie-night/client";
import {
  API_BASE_URL,
  anonymousApi,
  eventually,
  expectError,
  expectNoContent,
  expectStatus,
  film,
  seedFilms,
  signUp,
} from "../helpers/api-client";
import { verifierDb } from "../helpers/emulators";

const FILM = film(97001, "Wombat Crossing", 1951, ["Comedy"]);

describe("end to end: accounts (Hosting -> api -> the deletion trigger)", function () {
  this.timeout(180_000);

  before(() => seedFilms([FILM]));

  it("signs up, signs in and deletes through the deployed functions; the trigger erases the rest", async () => {
    const user = await signUp();
    const login = await expectStatus(anonymousApi().POST("/auth/login", { body: { email: user.email, password: user.password } }), 200);
    const api = createMovieNightClient(API_BASE_URL, () => login.accessToken);
    const me = await expectStatus(api.GET("/me"), 200);
    assert.equal(me.email, user.email);
    await expectStatus(api.PUT("/me/watched/{movieId}", { params: { path: { movieId: FILM.movieId } }, body: { rating: 4 } }), 201);
    await expectStatus(api.PUT("/me/watchlist/{movieId}", { params: { path: { movieId: FILM.movieId } }, body: {} }), 201);
    await expectNoContent(api.DELETE("/me", { body: { password: user.password } }));
    await eventually(
      async () => ((await verifierDb().collection("accountDeletions").doc(user.uid).get()).get("status") === "done" ? true : undefined),
      "the deletion cascade",
    );
    for (const list of ["watched", "watchlist"]) {
      assert.equal((await verifierDb().collection("users").doc(user.uid).collection(list).get()).size, 0, `${list} left behind`);
    }
    assert.equal((await verifierDb().collection("ratings").where("uid", "==", user.uid).get()).size, 0);
    assert.equal((await verifierDb().collection("refreshTokens").where("uid", "==", user.uid).get()).size, 0);
    await expectError(api.GET("/me"), 401, "unauthenticated");
  });

  it("keeps a session going: profile change, refresh with rotation, sign-out", async () => {
    const user = await signUp();
    const changed = await expectStatus(
      user.api.PATCH("/me", { body: { displayName: "Renamed Person", preferences: { favouriteGenres: ["Drama"] } } }),
      200,
    );
    assert.equal(changed.displayName, "Renamed Person");
    assert.deepEqual(changed.preferences.favouriteGenres, ["Drama"]);
    assert.equal((await expectStatus(user.api.GET("/me"), 200)).displayName, "Renamed Person");

    const pair = await expectStatus(anonymousApi().POST("/auth/refresh", { body: { refreshToken: user.refreshToken } }), 200);
    assert.notEqual(pair.refreshToken, user.refreshToken);
    // The old refresh token was used once: reusing it is refused and revokes the family.
    await expectError(anonymousApi().POST("/auth/refresh", { body: { refreshToken: user.refreshToken } }), 401, "unauthenticated");
    await expectError(anonymousApi().POST("/auth/refresh", { body: { refreshToken: pair.refreshToken } }), 401, "unauthenticated");

    const again = await expectStatus(anonymousApi().POST("/auth/login", { body: { email: user.email, password: user.password } }), 200);
    await expectNoContent(anonymousApi().POST("/auth/logout", { body: { refreshToken: again.refreshToken } }));
    await expectError(anonymousApi().POST("/auth/refresh", { body: { refreshToken: again.refreshToken } }), 401, "unauthenticated");
    await expectError(
      anonymousApi().POST("/auth/login", { body: { email: user.email, password: "not the password at all" } }),
      401,
      "unauthenticated",
    );
  });
});
