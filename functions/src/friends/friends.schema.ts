import { z } from "zod";
import { pageQuerySchema } from "../shared/pagination";
import { storedDateSchema } from "../shared/validation";

/** A user id: letters and digits (accounts make 20 of them), so `{a}_{b}` ids split unambiguously. */
export const uidSchema = z.string().regex(/^[A-Za-z0-9]{1,128}$/, "Must be a user id");

export const uidParamSchema = z.object({ uid: uidSchema });

export const sendRequestBodySchema = z.strictObject({ uid: uidSchema });

/** A friend request id in a path: `{fromUid}_{toUid}`. */
export const requestIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9]{1,128}_[A-Za-z0-9]{1,128}$/, "Must be a friend request id")
    .transform((id) => {
      const [from, to] = id.split("_");
      return { id, from, to };
    }),
});

export const requestListQuerySchema = pageQuerySchema.extend({
  direction: z.enum(["incoming", "outgoing"]).default("incoming"),
});

/** Handle prefix search: what people type, lower-cased; at least 1 character of a handle. */
export const userSearchQuerySchema = pageQuerySchema.extend({
  handle: z
    .string()
    .trim()
    .transform((s) => s.toLowerCase().replace(/^@/, ""))
    .pipe(z.string().regex(/^[a-z0-9_]{1,30}$/, "Must be the start of a handle (a-z, 0-9, _)")),
});

/** A pending request, `friendRequests/{from}_{to}`. `suppressed`: the recipient blocked the sender, who must not know. */
export const storedRequestSchema = z.object({
  from: z.string(),
  to: z.string(),
  suppressed: z.boolean().default(false),
  createdAt: storedDateSchema,
});
export type StoredRequest = z.infer<typeof storedRequestSchema>;

/** The canonical friendship, `friendships/{a}_{b}` with a < b. */
export const storedFriendshipSchema = z.object({
  uids: z.tuple([z.string(), z.string()]),
  /** Who asked first: told when the other accepts. */
  requestedBy: z.string(),
  since: storedDateSchema,
});
export type StoredFriendship = z.infer<typeof storedFriendshipSchema>;

/** One side's mirror, `users/{uid}/friends/{friendUid}`. */
export const storedFriendMirrorSchema = z.object({ uid: z.string(), since: storedDateSchema });
export type StoredFriendMirror = z.infer<typeof storedFriendMirrorSchema>;

/** `blocks/{blocker}_{blocked}`. */
export const storedBlockSchema = z.object({ blocker: z.string(), blocked: z.string(), createdAt: storedDateSchema });
export type StoredBlock = z.infer<typeof storedBlockSchema>;

/** `users/{uid}/social/friendIds`: every friend's uid in one document, for the feed fan-out. */
export const storedFriendIdsSchema = z.object({ uids: z.array(z.string()).default([]) });

export const requestDocId = (from: string, to: string): string => `${from}_${to}`;

/** The id of the friendship of two people, the same whichever way round. */
export const pairId = (a: string, b: string): string => (a < b ? `${a}_${b}` : `${b}_${a}`);

/** Another person as the social routes show them. */
export interface PersonView {
  uid: string;
  handle: string;
  displayName: string;
}

export interface FriendRequestView {
  id: string;
  from: PersonView;
  to: PersonView;
  createdAt: string;
}

export interface FriendView extends PersonView {
  since: string;
}

export interface BlockView {
  uid: string;
  handle: string | null;
  blockedAt: string;
}
