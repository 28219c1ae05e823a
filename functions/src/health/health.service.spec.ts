import assert from "node:assert/strict";
import { HealthService } from "./health.service";

describe("HealthService", () => {
  it("reports unavailable when the probe is slower than the timeout", async () => {
    const never = { ping: () => new Promise<void>(() => undefined) };
    const report = await new HealthService(never, { version: "v", timeoutMs: 20 }).check();
    assert.equal(report.firestore, "unavailable");
  });

  it("probes at most once per cache period, sharing one probe among concurrent callers", async () => {
    let pings = 0;
    let now = 0;
    const service = new HealthService({ ping: async () => void pings++ }, { version: "v", cacheMs: 1000, now: () => now });
    await Promise.all([service.check(), service.check(), service.check()]);
    await service.check();
    assert.equal(pings, 1);
    now = 1001;
    await service.check();
    assert.equal(pings, 2);
  });
});
