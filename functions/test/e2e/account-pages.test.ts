import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import request from "supertest";
import { registerUser } from "../helpers/accounts";
import { blockRemoteRequests, launchChromium } from "../helpers/browser";
import { HOSTING_ORIGIN } from "../helpers/emulators";
import { linkIn, uniqueAddress, waitForMailTo } from "../helpers/mail";

/**
 * The whole local stack: the API and the mail trigger in the Functions emulator, delivery to the mail
 * catcher, and the Hosting pages the mailed links open, driven in headless Chromium.
 */
describe("end to end: account pages from mailed links (Hosting, mail catcher, headless Chromium)", function () {
  this.timeout(120_000);
  let browser: Browser;
  let context: BrowserContext;
  let remoteRequests: string[] = [];

  before(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
    remoteRequests = await blockRemoteRequests(context);
  });

  after(async () => {
    await browser?.close();
  });

  /** Opens a page and records its console errors. */
  async function open(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("status of 400")) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
    const res = await page.goto(url, { waitUntil: "load" });
    assert.equal(res?.status(), 200);
    return { page, errors };
  }

  it("resets a password through the mailed link's page; the used link then says so", async () => {
    const user = await registerUser(HOSTING_ORIGIN, { email: uniqueAddress("page-reset") });
    const asked = await request(HOSTING_ORIGIN).post("/v1/auth/password-reset").send({ email: user.email });
    assert.equal(asked.status, 202);
    const [mail] = await waitForMailTo(user.email, { subject: /^Reset/ });
    const link = linkIn(mail!.text, `${HOSTING_ORIGIN}/a/reset?token=`);

    const { page, errors } = await open(link);
    assert.equal(new URL(page.url()).search, "", "the token leaves the address bar");
    // A weak password first: the page shows the rule it broke and the form stays.
    await page.fill("#password", "password1234");
    await page.fill("#confirm", "password1234");
    await page.click("#submit");
    await page.waitForSelector("#status.error");
    assert.match((await page.textContent("#status")) ?? "", /The password: .*common/);

    const newPassword = "a much better passphrase 42";
    await page.fill("#password", newPassword);
    await page.fill("#confirm", newPassword);
    await page.click("#submit");
    await page.waitForSelector("#status.done");
    assert.match((await page.textContent("#status")) ?? "", /Your password is set/);
    assert.equal((await request(HOSTING_ORIGIN).post("/v1/auth/login").send({ email: user.email, password: newPassword })).status, 200);
    assert.equal((await request(HOSTING_ORIGIN).post("/v1/auth/login").send({ email: user.email, password: user.password })).status, 401);

    const again = await open(link);
    await again.page.fill("#password", "yet another passphrase 7");
    await again.page.fill("#confirm", "yet another passphrase 7");
    await again.page.click("#submit");
    await again.page.waitForSelector("#status.error");
    assert.match((await again.page.textContent("#status")) ?? "", /already used/);
    assert.equal(await again.page.isHidden("#reset"), true, "no form for a used link");
    assert.deepEqual([...errors, ...again.errors], []);
    assert.deepEqual(remoteRequests, []);
  });

  it("confirms an address through the sign-up mail's page; the used link then says so", async () => {
    const user = await registerUser(HOSTING_ORIGIN, { email: uniqueAddress("page-verify") });
    const [mail] = await waitForMailTo(user.email, { subject: /^Confirm your/ });
    const link = linkIn(mail!.text, `${HOSTING_ORIGIN}/a/verify?token=`);

    const { page, errors } = await open(link);
    await page.waitForSelector("#status.done");
    assert.equal(new URL(page.url()).search, "", "the token leaves the address bar");
    assert.match((await page.textContent("#status")) ?? "", /address is confirmed/);
    const me = await request(HOSTING_ORIGIN).get("/v1/me").set("Authorization", `Bearer ${user.accessToken}`);
    assert.equal(me.body.emailVerified, true);

    const again = await open(link);
    await again.page.waitForSelector("#status.error");
    assert.match((await again.page.textContent("#status")) ?? "", /already used/);
    assert.deepEqual([...errors, ...again.errors], []);
    assert.deepEqual(remoteRequests, []);
  });

  it("changes the address through the new address's link page and undoes it through the old address's page", async () => {
    const user = await registerUser(HOSTING_ORIGIN, { email: uniqueAddress("page-change-old") });
    // Only an address the person proved theirs gets an undo link: confirm the sign-up's first.
    const [welcome] = await waitForMailTo(user.email, { subject: /^Confirm your Movie/ });
    const welcomeToken = new URL(linkIn(welcome!.text, `${HOSTING_ORIGIN}/a/verify?token=`)).searchParams.get("token");
    assert.equal((await request(HOSTING_ORIGIN).post("/v1/auth/email-verification").send({ token: welcomeToken })).status, 204);
    const newEmail = uniqueAddress("page-change-new");
    const asked = await request(HOSTING_ORIGIN)
      .put("/v1/me/email")
      .set("Authorization", `Bearer ${user.accessToken}`)
      .send({ newEmail, password: user.password });
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    const [confirm] = await waitForMailTo(newEmail, { subject: /^Confirm your new/ });
    const switched = await open(linkIn(confirm!.text, `${HOSTING_ORIGIN}/a/verify?token=`));
    await switched.page.waitForSelector("#status.done");
    const me = await request(HOSTING_ORIGIN).get("/v1/me").set("Authorization", `Bearer ${user.accessToken}`);
    assert.equal(me.body.email, newEmail);

    const [notice] = await waitForMailTo(user.email, { subject: /was changed$/ });
    const undoLink = linkIn(notice!.text, `${HOSTING_ORIGIN}/a/undo-email?token=`);
    const { page, errors } = await open(undoLink);
    assert.equal(new URL(page.url()).search, "", "the token leaves the address bar");
    // Opening the page undoes nothing (a mail scanner opens links); the button does.
    await page.waitForLoadState("networkidle");
    assert.equal((await request(HOSTING_ORIGIN).post("/v1/auth/login").send({ email: newEmail, password: user.password })).status, 200);
    await page.click("#undo");
    await page.waitForSelector("#status.done");
    assert.match((await page.textContent("#status")) ?? "", /address is back/);
    const [reset] = await waitForMailTo(user.email, { subject: /^Reset/ });
    assert.ok(linkIn(reset!.text, `${HOSTING_ORIGIN}/a/reset?token=`), "a link to choose a new password went to the restored address");

    const again = await open(undoLink);
    await again.page.click("#undo");
    await again.page.waitForSelector("#status.error");
    assert.match((await again.page.textContent("#status")) ?? "", /already used/);
    assert.equal(await again.page.isHidden("#undo"), true);
    assert.deepEqual([...switched.errors, ...errors, ...again.errors], []);
    assert.deepEqual(remoteRequests, []);
  });

  it("says a verification link without a valid token is not valid", async () => {
    const { page } = await open(`${HOSTING_ORIGIN}/a/verify?token=nope`);
    await page.waitForSelector("#status.error");
    assert.match((await page.textContent("#status")) ?? "", /not valid/);
  });

  it("says a link without a valid token is not valid, without calling the API", async () => {
    const { page } = await open(`${HOSTING_ORIGIN}/a/reset?token=nope`);
    assert.match((await page.textContent("#status")) ?? "", /not valid/);
    assert.equal(await page.isHidden("#reset"), true);
  });

  it("serves the app association files through Hosting", async () => {
    const aasa = await request(HOSTING_ORIGIN).get("/.well-known/apple-app-site-association");
    assert.equal(aasa.status, 200);
    assert.match(aasa.headers["content-type"]!, /^application\/json/);
    assert.deepEqual(JSON.parse(aasa.text).applinks.details[0].appIDs, ["ABCDE12345.example.movienight"]);
    const assetLinks = await request(HOSTING_ORIGIN).get("/.well-known/assetlinks.json");
    assert.equal(assetLinks.status, 200);
    assert.equal(JSON.parse(assetLinks.text)[0].target.package_name, "example.movienight");
  });
});
