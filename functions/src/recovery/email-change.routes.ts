import { accepted, noContent, routeFor } from "../http/route";
import type { EmailChangeService } from "./email-change.service";
import { changeEmailSchema, emailChangeRequestedSchema, undoEmailChangeSchema } from "./recovery.schema";

const emailChangeRoute = routeFor<{ emailChange: EmailChangeService }>();

/**
 * Email change: the signed-in owner asks (with proof of a recent sign-in), the link mailed to the new address
 * switches it (POST /v1/auth/email-verification), and a link mailed to the old address undoes it for 7 days.
 */
export const emailChangeRoutes = [
  emailChangeRoute({
    method: "put",
    path: "/me/email",
    operationId: "changeEmail",
    tag: "account",
    summary: "Change the account's email address (needs the password or a Google/Apple sign-in of the last 5 minutes)",
    description:
      "Send `newEmail` with either `password` or a fresh Firebase `idToken`. A link goes to the new address; the account " +
      "switches to it when the link is opened (POST /v1/auth/email-verification), and until then signs in with its " +
      "current address. The old address is then told, with a link that undoes the change for 7 days; no new change " +
      "starts before that (409, `details[0].message` `recent-email-change`). Asking again replaces the pending address. " +
      "An account whose Google/Apple address was never verified verifies it this way (`newEmail` its own address). " +
      "400 for the current address; 403 when the proof is wrong or too old; 409 when another account holds the address " +
      "or a password is given for an account without one; 429 beyond a few verification mails per hour.",
    access: "user",
    body: changeEmailSchema,
    responses: { 202: { description: "The link is on its way to the new address", schema: emailChangeRequestedSchema } },
    errors: [403, 404, 409, 429],
    handler: async ({ body, caller }, { emailChange }) => accepted(await emailChange.request(caller().uid, body)),
  }),
  emailChangeRoute({
    method: "post",
    path: "/auth/email-change/undo",
    operationId: "undoEmailChange",
    tag: "auth",
    summary: "Undo an email change with the token of the link mailed to the old address",
    description:
      "The old address comes back (verified) and every session of the account ends: whoever made the change could " +
      "sign in. The link works once, for 7 days. 400 when it is not valid, expired, used or there is nothing left to " +
      "undo (`details[0].message`: `unknown`, `expired`, `used`); nothing changes then.",
    access: "public",
    body: undoEmailChangeSchema,
    responses: { 204: { description: "The old address is back; every session ended", schema: undefined } },
    handler: async ({ body }, { emailChange }) => {
      await emailChange.undo(body.token);
      return noContent();
    },
  }),
];
