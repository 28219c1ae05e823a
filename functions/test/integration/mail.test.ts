import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { FirestoreMailRepository } from "../../src/mail/mail.repository";
import { mailDocumentSchema } from "../../src/mail/mail.schema";
import { DEFAULT_DELIVERY_POLICY, MailDeliveryService, MailOutbox } from "../../src/mail/mail.service";
import { passwordChangedMail } from "../../src/mail/mail.templates";
import { SmtpMailTransport } from "../../src/mail/smtp-transport";
import { appDb, quietDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";
import { capturedLogs, expectLoggedErrors } from "../helpers/logs";
import { uniqueAddress, waitForMailTo } from "../helpers/mail";

const DAY_MS = 86_400_000;

/**
 * A real SMTP server in the test process that answers each message's recipient with the next scripted
 * reply code (421: try later; 550: no such user), then accepts, so delivery failures happen on the wire.
 */
async function scriptedSmtpServer(replies: number[]) {
  const received: string[] = [];
  let rcptCalls = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      rcptCalls++;
      const code = replies.shift();
      if (code === undefined) return callback();
      const error = Object.assign(new Error(code === 421 ? "Service busy, try again later" : `No such user ${address.address}`), {
        responseCode: code,
      });
      return callback(error);
    },
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        received.push(session.envelope.rcptTo.map((r) => r.address).join(","));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rcptCalls: () => rcptCalls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe("mail outbox and delivery (emulators, SMTP)", () => {
  beforeEach(() => resetFirestore());

  it("delivers a queued message through the onMailQueued trigger to the local mail catcher, and records it", async () => {
    const to = uniqueAddress("outbox");
    const outbox = new MailOutbox(new FirestoreMailRepository(appDb()), { undeliveredRetentionMs: 7 * DAY_MS });
    const id = await outbox.enqueue({ to, kind: "password-changed", uid: "u-outbox", content: passwordChangedMail() });

    const [mail] = await waitForMailTo(to);
    assert.equal(mail!.subject, "Your Movie Night password was changed");
    assert.match(mail!.text, /every device was signed out/);
    assert.match(mail!.html, /<p style="margin:0 0 16px">The password of your Movie Night account/);
    assert.equal(mail!.from[0]!.address, "no-reply@movie-night.example");

    const doc = await waitFor(
      async () => {
        const d = mailDocumentSchema.parse((await verifierDb().doc(`mail/${id}`).get()).data());
        return d.delivery?.state === "SUCCESS" ? d : undefined;
      },
      { what: "the delivery record" },
    );
    assert.equal(doc.delivery?.attempts, 1);
    assert.deepEqual(doc.delivery?.info?.accepted, [to]);
    assert.equal(doc.message.text, "", "a delivered message keeps no body");
    const ttl = doc.expireAt.getTime() - doc.delivery!.endTime!.getTime();
    assert.equal(ttl, DEFAULT_DELIVERY_POLICY.deliveredRetentionMs);
    assert.equal((await waitForMailTo(to)).length, 1, "sent once, though its own record wrote the document again");
  });

  it("retries a transient SMTP failure with backoff and records every failed attempt", async () => {
    const smtp = await scriptedSmtpServer([421, 421]);
    try {
      const db = quietDb(); // no trigger races this test's own delivery
      const repo = new FirestoreMailRepository(db);
      const to = uniqueAddress("retry");
      const id = await new MailOutbox(repo, { undeliveredRetentionMs: DAY_MS }).enqueue({
        to,
        kind: "password-changed",
        uid: "u-retry",
        content: passwordChangedMail(),
      });
      const delivery = new MailDeliveryService(repo, new SmtpMailTransport(smtp.url, "Test <test@movie-night.example>"), {
        ...DEFAULT_DELIVERY_POLICY,
        baseDelayMs: 50,
        maxDelayMs: 200,
      });
      assert.equal(await delivery.deliver(id), "SUCCESS");
      assert.equal(smtp.rcptCalls(), 3);
      assert.deepEqual(smtp.received, [to]);
      const doc = mailDocumentSchema.parse((await db.doc(`mail/${id}`).get()).data());
      assert.equal(doc.delivery?.state, "SUCCESS");
      assert.equal(doc.delivery?.attempts, 3);
      assert.equal(doc.delivery?.failures?.length, 2);
      for (const f of doc.delivery!.failures!) {
        assert.equal(f.transient, true);
        assert.match(f.error, /421/);
      }
      const retries = capturedLogs().filter((l) => l.message === "mail delivery attempt failed; retrying");
      assert.equal(retries.length, 2);
      assert.ok(!JSON.stringify(capturedLogs()).includes(to), "no address in the logs");
    } finally {
      await smtp.close();
    }
  });

  it("records a permanent SMTP failure as ERROR without retrying, and without the address", async () => {
    expectLoggedErrors(/mail delivery failed/);
    const smtp = await scriptedSmtpServer([550]);
    try {
      const db = quietDb();
      const repo = new FirestoreMailRepository(db);
      const to = uniqueAddress("bounce");
      const id = await new MailOutbox(repo, { undeliveredRetentionMs: DAY_MS }).enqueue({
        to,
        kind: "password-changed",
        uid: "u-bounce",
        content: passwordChangedMail(),
      });
      const delivery = new MailDeliveryService(repo, new SmtpMailTransport(smtp.url, "Test <test@movie-night.example>"), {
        ...DEFAULT_DELIVERY_POLICY,
        baseDelayMs: 50,
      });
      assert.equal(await delivery.deliver(id), "ERROR");
      assert.equal(smtp.rcptCalls(), 1);
      assert.deepEqual(smtp.received, []);
      const doc = mailDocumentSchema.parse((await db.doc(`mail/${id}`).get()).data());
      assert.equal(doc.delivery?.state, "ERROR");
      assert.equal(doc.delivery?.attempts, 1);
      assert.match(doc.delivery!.error!, /550/);
      assert.ok(!doc.delivery!.error!.includes(to), doc.delivery!.error!);
      assert.equal(doc.expireAt.getTime() - doc.delivery!.endTime!.getTime(), DEFAULT_DELIVERY_POLICY.failedRetentionMs);
      assert.equal(await delivery.deliver(id), undefined, "a failed message is not claimed again");
    } finally {
      await smtp.close();
    }
  });
});
