import assert from "node:assert/strict";
import { emailChangedMail } from "../mail/mail.templates";
import { maskEmail } from "./email-change.service";

describe("email change notice", () => {
  it("masks the new address down to its first letter and domain", () => {
    assert.equal(maskEmail("jane.doe@example.com"), "j***@example.com");
    assert.equal(maskEmail("@example.com"), "***@example.com");
  });

  it("tells the old address where the account went, masked, with the undo link in both bodies", () => {
    const link = "https://app.example/a/undo-email?token=abc";
    const mail = emailChangedMail(maskEmail("jane.doe@example.com"), link, 7);
    for (const body of [mail.text, mail.html]) {
      assert.ok(body.includes("j***@example.com"));
      assert.ok(!body.includes("jane.doe"), "the new address is not spelled out");
      assert.ok(body.includes(link));
      assert.match(body, /7 days/);
    }
  });
});
