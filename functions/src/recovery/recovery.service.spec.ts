import assert from "node:assert/strict";
import { AppError } from "../shared/errors";
import { hmacSha256, sha256Hex } from "../shared/crypto";
import { MailOutbox } from "../mail/mail.service";
import { SecurityNotices } from "../mail/security-notices";
import { DEFAULT_PASSWORD_RESET_POLICY, PASSWORD_RESET_ACCEPTED, PasswordResetService } from "./recovery.service";
import { unitAccountDeps } from "../../test/helpers/accounts";
import { MemoryAccountTokens, MemoryMail } from "../../test/helpers/memory-mail";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a much better passphrase 42";

async function setup(options: { mailsPerAddressPerHour?: number; requestsPerClientPerHour?: number } = {}) {
  let now = new Date("2026-03-01T10:00:00Z");
  const clock = () => now;
  const acc = unitAccountDeps({ now: clock });
  const session = await acc.accounts.register({ email: "ada@example.com", password: PASSWORD, displayName: "Ada", handle: "ada" });
  const mail = new MemoryMail();
  const tokens = new MemoryAccountTokens();
  const sleeps: number[] = [];
  let monotonic = 0;
  const outbox = new MailOutbox(mail, { undeliveredRetentionMs: 86_400_000, now: clock });
  const reset = new PasswordResetService({
    users: acc.userRepo,
    tokens,
    counters: acc.throttleRepo,
    hasher: (acc.accounts as unknown as { o: { hasher: never } }).o.hasher,
    throttle: (acc.accounts as unknown as { o: { throttle: never } }).o.throttle,
    outbox,
    notices: new SecurityNotices(outbox, { emailOf: async (uid) => (await acc.userRepo.findById(uid))?.email ?? null }, clock),
    emailIndexOf: (e) => acc.accounts.emailIndexOf(e),
    clientKeyOf: (ip) => hmacSha256(acc.config.emailIndexKey, `reset-ip:${ip}`),
    settings: () => ({ linkOrigin: "https://app.example", policy: { ...DEFAULT_PASSWORD_RESET_POLICY, ...options } }),
    now: clock,
    monotonicMs: () => monotonic,
    sleep: async (ms) => void sleeps.push(ms),
  });
  const tokenOf = (i = -1) => {
    const docs = [...mail.docs.values()].filter((d) => d.kind === "password-reset");
    const text = docs.at(i)!.message.text;
    return /token=([A-Za-z0-9_-]{43})/.exec(text)![1]!;
  };
  return {
    acc,
    session,
    mail,
    tokens,
    reset,
    sleeps,
    tokenOf,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    spend: (ms: number) => (monotonic += ms),
  };
}

const rejectsWith = (p: Promise<unknown>, code: string, reason?: string) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, code);
    if (reason) assert.deepEqual(e.details, [{ path: "token", message: reason }]);
    return true;
  });

describe("PasswordResetService", () => {
  it("answers alike for a known and an unknown address, mailing a link only to the account", async () => {
    const { reset, mail, tokens } = await setup();
    assert.deepEqual(await reset.request("ada@example.com", "1.1.1.1"), PASSWORD_RESET_ACCEPTED);
    assert.deepEqual(await reset.request("nobody@example.com", "1.1.1.1"), PASSWORD_RESET_ACCEPTED);
    const sent = [...mail.docs.values()];
    assert.deepEqual(
      sent.map((m) => [m.to, m.kind]),
      [["ada@example.com", "password-reset"]],
    );
    assert.match(sent[0]!.message.text, /https:\/\/app\.example\/a\/reset\?token=[A-Za-z0-9_-]{43}/);
    const [stored] = [...tokens.docs.entries()];
    assert.equal(stored![0], sha256Hex(/token=([A-Za-z0-9_-]{43})/.exec(sent[0]!.message.text)![1]!), "only the hash is stored");
    assert.equal(stored![1].expiresAt.getTime() - stored![1].createdAt.getTime(), 30 * 60 * 1000);
  });

  it("pads every answer to the same minimum time", async () => {
    const { reset, sleeps, spend } = await setup();
    spend(0);
    await reset.request("nobody@example.com", "1.1.1.1");
    assert.deepEqual(sleeps, [DEFAULT_PASSWORD_RESET_POLICY.minResponseMs]);
  });

  it("sets the password with the link, once: sessions end, the lockout clears, a notice goes out", async () => {
    const { reset, acc, session, tokenOf, mail } = await setup();
    for (let i = 0; i < 10; i++) await assert.rejects(acc.accounts.login({ email: "ada@example.com", password: "wrong password!" }));
    await rejectsWith(acc.accounts.login({ email: "ada@example.com", password: PASSWORD }), "resource-exhausted");
    await reset.request("ada@example.com", "1.1.1.1");
    const token = tokenOf();
    await reset.confirm({ token, newPassword: NEW_PASSWORD });

    await rejectsWith(acc.accounts.refresh(session.refreshToken), "unauthenticated");
    const signedIn = await acc.accounts.login({ email: "ada@example.com", password: NEW_PASSWORD });
    assert.equal(signedIn.user.uid, session.user.uid);
    assert.deepEqual(
      [...mail.docs.values()].map((m) => m.kind),
      ["password-reset", "password-changed"],
    );
    await rejectsWith(reset.confirm({ token, newPassword: "yet another passphrase 7" }), "invalid-argument", "used");
  });

  it("refuses an expired, forged or weak-password attempt and changes nothing", async () => {
    const { reset, acc, tokenOf, advance } = await setup();
    await reset.request("ada@example.com", "1.1.1.1");
    const token = tokenOf();
    await rejectsWith(reset.confirm({ token, newPassword: "password1234" }), "invalid-argument");
    await rejectsWith(reset.confirm({ token: "A".repeat(43), newPassword: NEW_PASSWORD }), "invalid-argument", "unknown");
    advance(30 * 60 * 1000);
    await rejectsWith(reset.confirm({ token, newPassword: NEW_PASSWORD }), "invalid-argument", "expired");
    const stillOld = await acc.accounts.login({ email: "ada@example.com", password: PASSWORD });
    assert.ok(stillOld.accessToken);
  });

  it("sends at most the hourly number of mails to one address, answering alike beyond it", async () => {
    const { reset, mail, advance } = await setup({ mailsPerAddressPerHour: 2 });
    for (let i = 0; i < 4; i++) assert.deepEqual(await reset.request("ada@example.com", `1.1.1.${i}`), PASSWORD_RESET_ACCEPTED);
    assert.equal(mail.docs.size, 2);
    advance(60 * 60 * 1000);
    await reset.request("ada@example.com", "1.1.1.1");
    assert.equal(mail.docs.size, 3);
  });

  it("answers 429 to a client over its hourly number of requests", async () => {
    const { reset } = await setup({ requestsPerClientPerHour: 2 });
    await reset.request("a@example.com", "5.5.5.5");
    await reset.request("b@example.com", "5.5.5.5");
    await rejectsWith(reset.request("c@example.com", "5.5.5.5"), "resource-exhausted");
    await reset.request("c@example.com", "6.6.6.6");
  });
});
