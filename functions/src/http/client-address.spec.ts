import assert from "node:assert/strict";
import express from "express";
import request from "supertest";
import { clientAddress, clientOf, parseRanges, resolveClientAddress, type ClientAddressConfig } from "./client-address";
import { errorHandler } from "./errors.middleware";

const config: ClientAddressConfig = {
  frontEndEntries: 2,
  hostingEdgeRanges: ["151.101.0.0/16", "2a04:4e42::/32"],
  directCalls: "allow",
};

describe("client address", () => {
  it("direct call: the client Google's front end saw, whatever the client wrote before it", () => {
    assert.deepEqual(resolveClientAddress("203.0.113.9, 35.191.0.1", "169.254.1.1", config), { address: "203.0.113.9", path: "direct" });
    assert.deepEqual(resolveClientAddress("6.6.6.6, 7.7.7.7, 203.0.113.9, 35.191.0.1", undefined, config), {
      address: "203.0.113.9",
      path: "direct",
    });
  });

  it("through Hosting: the client Hosting's edge recorded, one entry left of the edge", () => {
    assert.deepEqual(resolveClientAddress("6.6.6.6, 198.51.100.4, 151.101.65.1, 35.191.0.1", undefined, config), {
      address: "198.51.100.4",
      path: "hosting",
    });
    assert.deepEqual(resolveClientAddress("2001:db8::7, 2a04:4e42:200::1, 35.191.0.1", undefined, config), {
      address: "2001:db8::7",
      path: "hosting",
    });
  });

  it("a client that writes a Hosting edge address itself gains nothing: the front end's entry still counts", () => {
    // The forged edge entry is not where the front end writes its peer: the peer is the real caller.
    assert.deepEqual(resolveClientAddress("6.6.6.6, 151.101.65.1, 203.0.113.9, 35.191.0.1", undefined, config), {
      address: "203.0.113.9",
      path: "direct",
    });
  });

  it("without the front end's entries (local stack, tests): the socket's peer", () => {
    assert.deepEqual(resolveClientAddress(undefined, "::ffff:127.0.0.1", config), { address: "127.0.0.1", path: "socket" });
    assert.deepEqual(resolveClientAddress("6.6.6.6", "::1", config), { address: "::1", path: "socket" });
    assert.deepEqual(resolveClientAddress("not-an-ip, 35.191.0.1", "::1", config), { address: "::1", path: "socket" });
  });

  it("refuses malformed ranges", () => {
    assert.throws(() => parseRanges(["151.101.0.0"]), /not a CIDR/);
    assert.throws(() => parseRanges(["1.2.3.4/33"]), /not a CIDR/);
  });

  it("refuses direct calls with 403 when configured to, and serves Hosting's", async () => {
    const app = express();
    app.use(clientAddress({ ...config, directCalls: "refuse" }));
    app.get("/", (_req, res) => {
      res.json(clientOf(res));
    });
    app.use(errorHandler);
    const direct = await request(app).get("/").set("X-Forwarded-For", "151.101.65.1, 203.0.113.9, 35.191.0.1").expect(403);
    assert.equal(direct.body.error.code, "permission-denied");
    const viaHosting = await request(app).get("/").set("X-Forwarded-For", "198.51.100.4, 151.101.65.1, 35.191.0.1").expect(200);
    assert.deepEqual(viaHosting.body, { address: "198.51.100.4", path: "hosting" });
  });
});
