import { z } from "zod";
import { pageQuerySchema, pageSchema } from "../shared/pagination";
import { visibilitySchema } from "../users/users.schema";
import { storedDateSchema } from "../shared/validation";

/** A user id: letters and digits (accounts make 20 of them), so `{a}_{b}` ids split unambiguously. */
export const uidSchema = z.string().regex(/^[A-Za-z0-9]{1,128}$/, "Must be a user id");

export const uidParamSchema = z.object({ uid: uidSchema });

export const sendRequestBodySchema = z.strictObject({ uid: uidSchema.describe("The person to ask") });

/** A friend request id in a path: `{fromUid}_{toUid}`. */
export const requestIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9]{1,128}_[A-Za-z0-9]{1,128}$/, "Must be a friend request id")
    .transform((id) => {
      const [from, to] = id.split("_");
      return { id, from, to };
    })
    .describe("`{fromUid}_{toUid}`, as the request's `id` says"),
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
    .pipe(z.string().regex(/^[a-z0-9_]{1,30}$/, "Must be the start of a handle (a-z, 0-9, _)"))
    .describe("The start of a handle: 1 to 30 of a-z, 0-9 and _; case and a leading @ are ignored"),
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

/**
 * `friendRequestPairs/{from}_{to}`: one direction of a pair, for the abuse caps. `pausedUntil`: no new
 * request from `from` to `to` before then (set by a decline or cancel). `noticeAt`/`noticeFor`: when the
 * last request notification of the pair was sent, and the creation time (ms) of the request it was for.
 */
export const storedRequestPairSchema = z.object({
  from: z.string(),
  to: z.string(),
  pausedUntil: storedDateSchema.nullable().default(null),
  noticeAt: storedDateSchema.nullable().default(null),
  noticeFor: z.number().nullable().default(null),
  expireAt: storedDateSchema,
});

/** `users/{uid}/social/friendIds`: every friend's uid in one document, for the feed fan-out. */
export const storedFriendIdsSchema = z.object({ uids: z.array(z.string()).default([]) });

export const requestDocId = (from: string, to: string): string => `${from}_${to}`;

/** The id of the friendship of two people, the same whichever way round. */
export const pairId = (a: string, b: string): string => (a < b ? `${a}_${b}` : `${b}_${a}`);

const handle = z.string().describe("Public handle, unique, without the @");

/** Another person as the social routes show them. */
export const personSchema = z
  .object({
    uid: z.string(),
    handle,
    displayName: z.string(),
  })
  .meta({ id: "Person" });
export type PersonView = z.infer<typeof personSchema>;

export const personPageSchema = pageSchema(personSchema, "PersonPage");

/** A pending friend request. */
export const friendRequestSchema = z
  .object({
    id: z.string().describe("`{fromUid}_{toUid}`: what the accept, decline and cancel routes take"),
    from: personSchema,
    to: personSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "FriendRequest" });
export type FriendRequestView = z.infer<typeof friendRequestSchema>;

export const friendRequestPageSchema = pageSchema(friendRequestSchema, "FriendRequestPage");

/** A friend: the person, and since when. */
export const friendSchema = personSchema.extend({ since: z.iso.datetime() }).meta({ id: "Friend" });
export type FriendView = z.infer<typeof friendSchema>;

export const friendPageSchema = pageSchema(friendSchema, "FriendPage");

/** POST /v1/friends/requests when it stored a request (201). */
export const friendRequestSentSchema = z
  .object({ status: z.literal("pending"), request: friendRequestSchema })
  .meta({ id: "FriendRequestSent" });

/** POST /v1/friends/requests when the other person had already asked the caller: now friends (200). */
export const friendRequestMutualSchema = z
  .object({ status: z.literal("accepted"), friend: friendSchema })
  .meta({ id: "FriendRequestMutual" });

/** POST /v1/friends/requests/{id}/accept. */
export const friendAcceptedSchema = z.object({ friend: friendSchema }).meta({ id: "FriendAccepted" });

/** A person the caller blocked. */
export const blockSchema = z
  .object({
    uid: z.string(),
    handle: z.string().nullable().describe("Public handle, without the @; null when the account no longer exists"),
    blockedAt: z.iso.datetime(),
  })
  .meta({ id: "Block" });
export type BlockView = z.infer<typeof blockSchema>;

export const blockPageSchema = pageSchema(blockSchema, "BlockPage");

/** GET /v1/users/{uid}: what anyone signed in may see of a person, and whether their activity is visible. */
export const publicProfileSchema = personSchema
  .extend({
    counts: z.object({
      ratings: z.number().int().min(0),
      watched: z.number().int().min(0),
      friends: z.number().int().min(0),
    }),
    privacy: visibilitySchema.describe("The person's setting for their ratings and diary"),
    relationship: z.enum(["self", "friend", "none"]).describe("How the caller relates to the person"),
    activityVisible: z.boolean().describe("Whether GET /v1/users/{uid}/ratings and /watched answer for the caller"),
  })
  .meta({ id: "PublicProfile" });
export type PublicProfileView = z.infer<typeof publicProfileSchema>;

const starsSchema = z.number().min(0.5).max(5);

/** GET /v1/friends/{uid}/compatibility. */
export const compatibilitySchema = z
  .object({
    uid: z.string(),
    score: z
      .number()
      .int()
      .min(0)
      .max(100)
      .nullable()
      .describe("0 to 100; 50 is neutral (no evidence either way); null when no film was rated by both"),
    commonFilms: z.number().int().min(0).describe("Films both people rated"),
    confidence: z.enum(["none", "low", "medium", "high"]).describe("How much the score says, from the number of films in common"),
    bothLoved: z
      .array(
        z.object({
          movieId: z.number().int().positive(),
          title: z.string(),
          year: z.number().int().nullable(),
          yourRating: starsSchema,
          theirRating: starsSchema,
        }),
      )
      .describe("Films both rated 4 or more, best first (at most 10)"),
  })
  .meta({ id: "Compatibility" });
export type CompatibilityView = z.infer<typeof compatibilitySchema>;
