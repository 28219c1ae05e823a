import { accepted, noContent, routeFor } from "../http/route";
import { passwordResetAcceptedSchema, passwordResetConfirmSchema, passwordResetRequestSchema } from "./recovery.schema";
import type { PasswordResetService } from "./recovery.service";

const recoveryRoute = routeFor<{ passwordReset: PasswordResetService }>();

/** Account recovery by mail: no access token (the person cannot sign in); the mailed token is the proof. */
export const recoveryRoutes = [
  recoveryRoute({
    method: "post",
    path: "/auth/password-reset",
    operationId: "requestPasswordReset",
    tag: "auth",
    summary: "Mail a link to choose a new password",
    description:
      "Answers 202 with the same body, in about the same time, whether or not the address has an account (no account " +
      "oracle). An account with a password gets a link valid 30 minutes, once; at most a few mails per address per hour " +
      "(further requests answer alike and send nothing). 429 with Retry-After when one client asks too often.",
    access: "public",
    body: passwordResetRequestSchema,
    responses: { 202: { description: "Accepted (whether or not the address has an account)", schema: passwordResetAcceptedSchema } },
    errors: [429],
    handler: async ({ body, ip }, { passwordReset }) => accepted(await passwordReset.request(body.email, ip)),
  }),
  recoveryRoute({
    method: "post",
    path: "/auth/password-reset/confirm",
    operationId: "confirmPasswordReset",
    tag: "auth",
    summary: "Set a new password with the token of a reset link",
    description:
      "The password follows the sign-up rules. Every session of the account ends, the sign-in lockout is cleared, and " +
      "the account's address gets a notice. 400 when the link is not valid, expired or already used (`details[0].message`: " +
      "`unknown`, `expired`, `used`); nothing changes then.",
    access: "public",
    body: passwordResetConfirmSchema,
    responses: { 204: { description: "Password set; every session ended", schema: undefined } },
    handler: async ({ body }, { passwordReset }) => {
      await passwordReset.confirm(body);
      return noContent();
    },
  }),
];
