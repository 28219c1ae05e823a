// The hand-written part of the client: the token provider. Runs the built package (dist/) against a
// local HTTP server that records the Authorization header of each request.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, it } from "node:test";
import { createMovieNightClient } from "../dist/index.js";

describe("createMovieNightClient", () => {
  const seen = [];
  let baseUrl;
  const server = createServer((req, res) => {
    seen.push({ path: req.url, authorization: req.headers.authorization ?? null });
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ status: "ok", version: "0.0.0", firestore: "ok", checkedAt: new Date(0).toISOString() }));
  });

  before(async () => {
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it("sends no Authorization header without a token provider", async () => {
    seen.length = 0;
    const { data } = await createMovieNightClient(baseUrl).GET("/health");
    assert.equal(data.status, "ok");
    assert.deepEqual(seen, [{ path: "/v1/health", authorization: null }]);
  });

  it("asks the provider before every request, so a refreshed token is used", async () => {
    seen.length = 0;
    let token = "first";
    const api = createMovieNightClient(baseUrl, async () => token);
    await api.GET("/me");
    token = "second";
    await api.GET("/me");
    token = undefined;
    await api.GET("/health");
    assert.deepEqual(
      seen.map((s) => s.authorization),
      ["Bearer first", "Bearer second", null],
    );
  });

  it("keeps an Authorization header the call sets itself", async () => {
    seen.length = 0;
    const api = createMovieNightClient(baseUrl, () => "from-provider");
    await api.GET("/me", { headers: { Authorization: "Bearer explicit" } });
    assert.equal(seen[0].authorization, "Bearer explicit");
  });
});
