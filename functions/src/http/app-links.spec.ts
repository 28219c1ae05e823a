import assert from "node:assert/strict";
import request from "supertest";
import { createApp } from "../api/app";
import { unitAppDeps } from "../../test/helpers/unit-app";

const APPS = { iosAppIds: ["ABCDE12345.example.movienight"], androidPackage: "example.movienight", androidCertSha256: ["AA:BB"] };

describe("app link association files", () => {
  const app = createApp(unitAppDeps({ config: { maxBodyBytes: 65536, version: "t", appLinks: APPS } }));

  it("serves the Apple association as JSON, for /a/* links, without a redirect", async () => {
    const res = await request(app).get("/.well-known/apple-app-site-association");
    assert.equal(res.status, 200);
    assert.match(res.headers["content-type"]!, /^application\/json/);
    assert.deepEqual(res.body.applinks.details, [
      { appIDs: APPS.iosAppIds, components: [{ "/": "/a/*", comment: "Account links from mail" }] },
    ]);
  });

  it("serves the Android asset links for the configured package and certificates", async () => {
    const res = await request(app).get("/.well-known/assetlinks.json");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body[0].target, {
      namespace: "android_app",
      package_name: "example.movienight",
      sha256_cert_fingerprints: ["AA:BB"],
    });
    assert.deepEqual(res.body[0].relation, ["delegate_permission/common.handle_all_urls"]);
  });

  it("answers 404 in the error format when no app is configured", async () => {
    const res = await request(createApp(unitAppDeps())).get("/.well-known/assetlinks.json");
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "not-found");
  });
});
