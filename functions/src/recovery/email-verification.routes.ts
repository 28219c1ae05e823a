import { accepted, noContent, routeFor } from "../http/route";
import type { EmailVerificationService } from "./email-verification.service";
import { emailVerificationSchema, verificationSentSchema } from "./recovery.schema";

const verificationRoute = routeFor<{ emailVerification: EmailVerificationService }>();

/** Email verification: the mailed token is the proof (no sign-in needed); a signed-in person may ask for a new link. */
export const emailVerificationRoutes = [
  verificationRoute({
    method: "post",
    path: "/auth/email-verification",
    operationId: "verifyEmail",
    tag: "auth",
    summary: "Confirm the account's email address with the token of a verification link",
    description:
      "The link is mailed at sign-up (and on request), valid 24 hours, once, and only for the address it was sent to. " +
      "400 when the link is not valid, expired or already used (`details[0].message`: `unknown`, `expired`, `used`); " +
      "nothing changes then.",
    access: "public",
    body: emailVerificationSchema,
    responses: { 204: { description: "The address is verified", schema: undefined } },
    handler: async ({ body }, { emailVerification }) => {
      await emailVerification.verify(body.token);
      return noContent();
    },
  }),
  verificationRoute({
    method: "post",
    path: "/auth/email-verification/resend",
    operationId: "resendEmailVerification",
    tag: "auth",
    summary: "Mail the caller a new verification link",
    description:
      "Earlier links stop working. 409 when the address is already verified (or the account has none); 429 with " +
      "Retry-After beyond a few links per account per hour.",
    access: "user",
    responses: { 202: { description: "A new link is on its way", schema: verificationSentSchema } },
    errors: [409, 429],
    handler: async ({ caller }, { emailVerification }) => accepted(await emailVerification.resend(caller().uid)),
  }),
];
