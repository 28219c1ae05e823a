import assert from "node:assert/strict";
import { AppError } from "../shared/errors";
import { sha256Hex } from "../shared/crypto";
import { MailOutbox } from "../mail/mail.service";
import { DEFAULT_EMAIL_VERIFICATION_POLICY, EmailVerificationService } from "./email-verification.service";
import { unitAccountDeps } from "../../test/helpers/accounts";
import { MemoryAccountTokens, MemoryMail } from "../../test/helpers/memory-mail";

async function setup(resendsPerHour = 2) {
  let now = new Date("2026-03-01T10:00:00Z");
  const clock = () => now;
  const acc = unitAccountDeps({ now: clock });
  const mail = new MemoryMail();
  const tokens = new MemoryAccountTokens();
  const outbox = new MailOutbox(mail, { undeliveredRetentionMs: 86_400_000, now: clock });
  const verification = new EmailVerificationService({
    users: acc.userRepo,
    tokens,
    counters: acc.throttleRepo,
    outbox,
    settings: () => ({ linkOrigin: "https://app.example", policy: { ...DEFAULT_EMAIL_VERIFICATION_POLICY, resendsPerHour } }),
    now: clock,
  });
  const session = await acc.accounts.register({
    email: "ada@example.com",
    password: "correct horse battery staple",
    displayName: "Ada",
    handle: "ada",
  });
  const user = (await acc.userRepo.findById(session.user.uid))!;
  const tokenOf = (i = -1) => {
    const docs = [...mail.docs.values()].filter((d) => d.kind === "email-verification");
    return /token=([A-Za-z0-9_-]{43})/.exec(docs.at(i)!.message.text)![1]!;
  };
  return { acc, user, mail, tokens, verification, tokenOf, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const rejectsWith = (p: Promise<unknown>, code: string, reason?: string) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, code);
    if (reason) assert.deepEqual(e.details, [{ path: "token", message: reason }]);
    return true;
  });

describe("EmailVerificationService", () => {
  it("mails a 24-hour link bound to the address, stored only hashed, and verifies with it once", async () => {
    const { user, mail, tokens, verification, tokenOf, acc } = await setup();
    assert.equal(user.emailVerified, false);
    await verification.sendLink(user);
    const [sent] = [...mail.docs.values()];
    assert.equal(sent!.to, "ada@example.com");
    assert.match(sent!.message.text, /https:\/\/app\.example\/a\/verify\?token=[A-Za-z0-9_-]{43}/);
    const token = tokenOf();
    const stored = tokens.docs.get(sha256Hex(token))!;
    assert.equal(stored.emailIndex, user.emailIndex);
    assert.equal(stored.expiresAt.getTime() - stored.createdAt.getTime(), 24 * 60 * 60 * 1000);
    await verification.verify(token);
    assert.equal((await acc.userRepo.findById(user.uid))!.emailVerified, true);
    await rejectsWith(verification.verify(token), "invalid-argument", "used");
  });

  it("refuses an expired or forged token, and a link for an address the account no longer holds", async () => {
    const { user, verification, tokenOf, advance, acc } = await setup();
    await verification.sendLink(user);
    const token = tokenOf();
    await rejectsWith(verification.verify("A".repeat(43)), "invalid-argument", "unknown");
    advance(24 * 60 * 60 * 1000);
    await rejectsWith(verification.verify(token), "invalid-argument", "expired");
    await verification.sendLink(user);
    acc.userRepo.users.get(user.uid)!.emailIndex = "another-address";
    await rejectsWith(verification.verify(tokenOf()), "invalid-argument", "unknown");
    assert.equal((await acc.userRepo.findById(user.uid))!.emailVerified, false);
  });

  it("resends a new link (the old one stops working), within the hourly limit, and not once verified", async () => {
    const { user, verification, tokenOf, mail } = await setup(2);
    await verification.sendLink(user);
    const first = tokenOf();
    await verification.resend(user.uid);
    await verification.resend(user.uid);
    await rejectsWith(verification.resend(user.uid), "resource-exhausted");
    assert.equal(mail.docs.size, 3);
    await rejectsWith(verification.verify(first), "invalid-argument", "unknown");
    await verification.verify(tokenOf());
    await rejectsWith(verification.resend(user.uid), "failed-precondition");
  });
});
