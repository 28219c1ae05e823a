import assert from "node:assert/strict";
import { AppError } from "../shared/errors";
import { setLogWriter } from "../shared/logger";
import type { DeliveryInfo, MailContent } from "./mail.schema";
import {
  backoffDelayMs,
  DEFAULT_DELIVERY_POLICY,
  MailDeliveryService,
  MailOutbox,
  MailSendError,
  type MailTransport,
  redactAddresses,
} from "./mail.service";
import { passwordChangedMail, passwordResetMail } from "./mail.templates";
import { SecurityNotices } from "./security-notices";
import { isTransientSmtpError } from "./smtp-transport";
import { MemoryMail } from "../../test/helpers/memory-mail";

const INFO: DeliveryInfo = { messageId: "<1@x>", accepted: ["a@example.com"], rejected: [], pending: [], response: "250 OK" };

/** Fails with the given errors in order, then accepts. */
class ScriptedTransport implements MailTransport {
  readonly sent: Array<{ to: string; content: MailContent }> = [];
  calls = 0;
  constructor(private readonly failures: Error[] = []) {}
  async send(to: string, content: MailContent): Promise<DeliveryInfo> {
    this.calls++;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ to, content });
    return INFO;
  }
}

const T0 = new Date("2026-01-01T00:00:00Z");

function setup(failures: Error[] = []) {
  const repo = new MemoryMail();
  const transport = new ScriptedTransport(failures);
  const sleeps: number[] = [];
  const outbox = new MailOutbox(repo, { undeliveredRetentionMs: 7 * 86_400_000, now: () => T0 });
  const delivery = new MailDeliveryService(repo, transport, DEFAULT_DELIVERY_POLICY, {
    now: () => T0,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { repo, transport, sleeps, outbox, delivery };
}

const queue = (outbox: MailOutbox) =>
  outbox.enqueue({ to: "a@example.com", kind: "password-changed", uid: "u1", content: passwordChangedMail() });

describe("mail outbox and delivery", () => {
  const logged: Array<{ severity: string; message: string; fields: Record<string, unknown> }> = [];
  beforeEach(() => {
    logged.length = 0;
    setLogWriter((severity, message, fields) => logged.push({ severity, message, fields }));
  });
  afterEach(() => setLogWriter(undefined));

  it("queues a message in the extension's format, with a TTL field, and delivers it once", async () => {
    const { repo, transport, outbox, delivery } = setup();
    const id = await queue(outbox);
    const queued = repo.docs.get(id)!;
    assert.equal(queued.to, "a@example.com");
    assert.equal(queued.delivery, undefined);
    assert.equal(queued.expireAt.getTime(), T0.getTime() + 7 * 86_400_000);

    assert.equal(await delivery.deliver(id), "SUCCESS");
    assert.equal(await delivery.deliver(id), undefined, "a redelivered event sends nothing");
    assert.equal(transport.calls, 1);
    const done = repo.docs.get(id)!;
    assert.equal(done.delivery?.state, "SUCCESS");
    assert.equal(done.delivery?.attempts, 1);
    assert.deepEqual(done.delivery?.info, INFO);
    assert.equal(done.message.text, "", "a delivered message keeps no body");
    assert.equal(done.expireAt.getTime(), T0.getTime() + DEFAULT_DELIVERY_POLICY.deliveredRetentionMs);
  });

  it("retries transient failures with growing waits and records each one", async () => {
    const { repo, transport, sleeps, outbox, delivery } = setup([
      new MailSendError("421 try again later", true),
      new MailSendError("connect ECONNREFUSED", true),
    ]);
    const id = await queue(outbox);
    assert.equal(await delivery.deliver(id), "SUCCESS");
    assert.equal(transport.calls, 3);
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps[0]! >= 1000 && sleeps[0]! <= 2000, `first wait ${sleeps[0]}`);
    assert.ok(sleeps[1]! >= 2000 && sleeps[1]! <= 4000, `second wait ${sleeps[1]}`);
    const d = repo.docs.get(id)!.delivery!;
    assert.equal(d.state, "SUCCESS");
    assert.equal(d.attempts, 3);
    assert.deepEqual(
      d.failures?.map((f) => f.error),
      ["421 try again later", "connect ECONNREFUSED"],
    );
  });

  it("gives up after maxAttempts transient failures, recording ERROR", async () => {
    const failures = Array.from({ length: 10 }, () => new MailSendError("451 busy", true));
    const { repo, transport, outbox, delivery } = setup(failures);
    const id = await queue(outbox);
    assert.equal(await delivery.deliver(id), "ERROR");
    assert.equal(transport.calls, DEFAULT_DELIVERY_POLICY.maxAttempts);
    const doc = repo.docs.get(id)!;
    assert.equal(doc.delivery?.state, "ERROR");
    assert.equal(doc.delivery?.error, "451 busy");
    assert.equal(doc.expireAt.getTime(), T0.getTime() + DEFAULT_DELIVERY_POLICY.failedRetentionMs);
  });

  it("does not retry a permanent failure, and neither the record nor the log holds the address", async () => {
    const { repo, transport, outbox, delivery } = setup([new MailSendError("550 5.1.1 <a@example.com>: no such user", false)]);
    const id = await queue(outbox);
    assert.equal(await delivery.deliver(id), "ERROR");
    assert.equal(transport.calls, 1);
    assert.equal(repo.docs.get(id)!.delivery?.error, "550 5.1.1 <<address>>: no such user");
    assert.ok(!JSON.stringify(logged).includes("a@example.com"), JSON.stringify(logged));
  });

  it("takes over a message whose sender's lease ran out, and leaves one still leased alone", async () => {
    const { repo, transport, outbox } = setup();
    const id = await queue(outbox);
    repo.docs.get(id)!.delivery = { state: "PROCESSING", attempts: 1, leaseExpireTime: new Date(T0.getTime() + 1000) };
    const at = (ms: number) =>
      new MailDeliveryService(repo, transport, DEFAULT_DELIVERY_POLICY, { now: () => new Date(T0.getTime() + ms) });
    await assert.rejects(at(500).deliver(id), (e: unknown) => e instanceof AppError && e.code === "unavailable");
    assert.equal(transport.calls, 0);
    assert.equal(await at(1000).deliver(id), "SUCCESS");
    assert.equal(repo.docs.get(id)!.delivery?.attempts, 2);
  });

  it("erases and exports by account", async () => {
    const { repo, outbox } = setup();
    await queue(outbox);
    await outbox.enqueue({ to: "b@example.com", kind: "password-changed", uid: "u2", content: passwordChangedMail() });
    assert.deepEqual(
      (await repo.listByUid("u1")).map((m) => m.kind),
      ["password-changed"],
    );
    await repo.deleteByUid("u1");
    assert.equal(repo.docs.size, 1);
  });
});

describe("mail helpers", () => {
  it("backs off exponentially up to the maximum", () => {
    const p = { ...DEFAULT_DELIVERY_POLICY, baseDelayMs: 1000, maxDelayMs: 5000 };
    assert.equal(
      backoffDelayMs(p, 1, () => 1),
      1000,
    );
    assert.equal(
      backoffDelayMs(p, 2, () => 1),
      2000,
    );
    assert.equal(
      backoffDelayMs(p, 3, () => 0),
      2000,
    );
    assert.equal(
      backoffDelayMs(p, 10, () => 1),
      5000,
    );
  });

  it("redacts every address in an error text", () => {
    assert.equal(redactAddresses("rcpt a.b+c@ex-ample.co.uk and <x@y.z> rejected"), "rcpt <address> and <<address>> rejected");
  });

  it("classes SMTP errors: 4xx and broken connections are transient, 5xx and auth failures are not", () => {
    assert.equal(isTransientSmtpError({ responseCode: 421 }), true);
    assert.equal(isTransientSmtpError({ code: "ECONNECTION" }), true);
    assert.equal(isTransientSmtpError({ responseCode: 550 }), false);
    assert.equal(isTransientSmtpError({ code: "EAUTH", responseCode: 535 }), false);
    assert.equal(isTransientSmtpError(new Error("x")), false);
  });

  it("renders both bodies, escaping HTML and keeping the link whole", () => {
    const link = "https://app.example/a/reset?token=abc&x=<y>";
    const m = passwordResetMail(link, 30);
    assert.ok(m.text.includes(link));
    assert.ok(m.text.includes("30 minutes"));
    assert.ok(m.html.includes('href="https://app.example/a/reset?token=abc&amp;x=&lt;y&gt;"'));
    assert.ok(!m.html.includes("<y>"));
  });
});

describe("SecurityNotices", () => {
  it("queues a new-device notice to the account's address, the label escaped in HTML", async () => {
    const { repo, outbox } = setup();
    const notices = new SecurityNotices(outbox, { emailOf: async (uid) => (uid === "u1" ? "a@example.com" : null) }, () => T0);
    await notices.newDevice("u1", "<b>Pixel</b> 9");
    await notices.newDevice("u-without-address", "Phone");
    const [doc, ...rest] = [...repo.docs.values()];
    assert.equal(rest.length, 0);
    assert.equal(doc!.kind, "new-device");
    assert.equal(doc!.to, "a@example.com");
    assert.match(doc!.message.text, /new device: <b>Pixel<\/b> 9, at 2026-01-01 00:00 UTC/);
    assert.ok(doc!.message.html.includes("&lt;b&gt;Pixel&lt;/b&gt; 9"));
  });
});
