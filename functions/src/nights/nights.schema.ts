import { z } from "zod";
import { uidSchema } from "../friends/friends.schema";
import { MAX_PAGE_SIZE, pageSchema } from "../shared/pagination";
import { storedDateSchema } from "../shared/validation";

/** Join codes: 6 characters without the look-alikes 0/O, 1/I/L, so they can be read out loud. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 6;
/** People per room at most (the deciding transaction reads every member's swipe on a film). */
export const MAX_MEMBERS = 12;
export const DEFAULT_DECK_SIZE = 30;
export const MAX_DECK_SIZE = 100;
/** A room nobody touched for this long is closed by the scheduled cleanup. */
export const NIGHT_TTL_MS = 24 * 60 * 60 * 1000;

/** A scheduled night waits for its time (no join code, nobody's open room); at its time it starts or is cancelled. */
export const NIGHT_STATES = ["scheduled", "open", "started", "closed"] as const;
export const CLOSED_REASONS = ["matched", "watched", "empty", "expired", "cancelled"] as const;

/** What a person invited to a scheduled night answers. */
export const ANSWERS = ["yes", "no", "maybe"] as const;
export type Answer = (typeof ANSWERS)[number];

/** How far ahead a night can be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 90 * 24 * 60 * 60 * 1000;

const startsAtSchema = z.iso.datetime({ offset: true }).describe("When the night starts (ISO 8601); in the future, at most 90 days ahead");

/** When the group matches on a film. */
export const matchRuleSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("unanimous") }),
    z.strictObject({ kind: z.literal("majority") }),
    z.strictObject({ kind: z.literal("atLeast"), k: z.number().int().min(1).max(MAX_MEMBERS) }),
  ])
  .meta({
    id: "MatchRule",
    description: "When the group matches on a film: everyone likes it, more than half do, or at least `k` people do",
  });
export type MatchRule = z.infer<typeof matchRuleSchema>;

const genreSchema = z.string().trim().min(1).max(40);
const yearSchema = z.number().int().min(1870).max(2100);

/** The host's optional deck filters: any of the genres; years inclusive. */
export const deckFiltersSchema = z
  .strictObject({
    genres: z.array(genreSchema).max(10).default([]).describe("Any of these genres"),
    yearFrom: yearSchema.nullable().default(null),
    yearTo: yearSchema.nullable().default(null),
  })
  .refine((f) => f.yearFrom === null || f.yearTo === null || f.yearFrom <= f.yearTo, {
    message: "yearFrom must not be after yearTo",
    path: ["yearFrom"],
  });
export type DeckFilters = z.infer<typeof deckFiltersSchema>;

export const createNightBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  matchRule: matchRuleSchema,
  deckSize: z.number().int().min(5).max(MAX_DECK_SIZE).default(DEFAULT_DECK_SIZE),
  endOnFirstMatch: z.boolean().default(false),
  filters: deckFiltersSchema.optional(),
  crewId: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/, "Must be a crew id")
    .optional()
    .describe("Open the night for a crew the caller is in: its other members are invited"),
  startsAt: startsAtSchema.optional().describe("Schedule the night instead of opening it now; members answer yes, no or maybe"),
});
export type CreateNightInput = z.infer<typeof createNightBodySchema>;

/** What people type: case and surrounding spaces do not matter. */
export const joinBodySchema = z.strictObject({
  code: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`), "Must be a 6-character join code")),
});

export const nightIdParamSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9]{1,64}$/, "Must be a night id") });

const movieIdSchema = z
  .number()
  .int()
  .positive()
  .max(2 ** 31);

export const swipeBodySchema = z.strictObject({ movieId: movieIdSchema, liked: z.boolean() });
export const watchedBodySchema = z.strictObject({ movieId: movieIdSchema });
export const inviteBodySchema = z.strictObject({ uid: uidSchema });
export const answerBodySchema = z.strictObject({ answer: z.enum(ANSWERS) });
export const rescheduleBodySchema = z.strictObject({ startsAt: startsAtSchema });

export const deckQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().min(1).max(512).optional(),
});

/** A match as stored in the room, in the order it happened. */
export const storedMatchSchema = z.object({ movieId: z.number().int(), likes: z.number().int(), matchedAt: storedDateSchema });

/** `nights/{nightId}`. */
export const storedNightSchema = z.object({
  name: z.string(),
  hostUid: z.string(),
  /** In join order: the host hand-over goes to the earliest remaining member. */
  memberUids: z.array(z.string()),
  /** People a member invited: they may join with the code without being the host's friend. */
  invitedUids: z.array(z.string()).default([]),
  state: z.enum(NIGHT_STATES),
  /** Held in `nightCodes/{code}` while the room can be joined (open); null once started or closed. */
  code: z.string().nullable(),
  rule: matchRuleSchema,
  deckSize: z.number().int(),
  endOnFirstMatch: z.boolean(),
  filters: deckFiltersSchema,
  /** Frozen at start: the same order for everyone. */
  deck: z.array(z.number().int()).default([]),
  matches: z.array(storedMatchSchema).default([]),
  /** Films the group marked watched after the night. */
  watched: z.array(z.number().int()).default([]),
  /** Films swiped per member uid. */
  progress: z.record(z.string(), z.number().int()).default({}),
  createdAt: storedDateSchema,
  startedAt: storedDateSchema.nullable().default(null),
  closedAt: storedDateSchema.nullable().default(null),
  closedReason: z.enum(CLOSED_REASONS).nullable().default(null),
  lastActivityAt: storedDateSchema,
  /** The crew the night was opened for: its memory shapes the deck and records what happens. */
  crewId: z.string().nullable().default(null),
  /** Scheduled nights: when they start, everyone's answer (the host's is "yes"), when the reminder went out. */
  startsAt: storedDateSchema.nullable().default(null),
  answers: z.record(z.string(), z.enum(ANSWERS)).default({}),
  remindedAt: storedDateSchema.nullable().default(null),
});
export type StoredNight = z.infer<typeof storedNightSchema>;

/** `nights/{nightId}/swipes/{uid}_{movieId}`. */
export const storedSwipeSchema = z.object({ uid: z.string(), movieId: z.number().int(), liked: z.boolean(), swipedAt: storedDateSchema });
export type StoredSwipe = z.infer<typeof storedSwipeSchema>;

export const swipeDocId = (uid: string, movieId: number) => `${uid}_${movieId}`;

const personSchema = z.object({ uid: z.string(), handle: z.string().nullable().describe("Null when the handle is unavailable") });

/** The host's deck filters as the room shows them. */
const deckFiltersViewSchema = z
  .object({
    genres: z.array(z.string()).describe("Any of these genres; empty: every genre"),
    yearFrom: z.number().int().nullable(),
    yearTo: z.number().int().nullable(),
  })
  .meta({ id: "DeckFilters" });

/** The room as its members see it: no individual swipes, only everyone's progress. */
export const nightSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.enum(NIGHT_STATES),
    code: z.string().nullable().describe("The join code while the room is open; null once it has started or closed"),
    host: personSchema,
    members: z.array(personSchema.extend({ swiped: z.number().int().min(0).describe("Films of the deck this member has swiped") })),
    matchRule: matchRuleSchema,
    endOnFirstMatch: z.boolean(),
    filters: deckFiltersViewSchema,
    deckSize: z.number().int().describe("The deck size the host asked for"),
    deckLength: z.number().int().describe("Cards in the frozen deck (0 until the room starts; may be fewer than deckSize)"),
    matches: z
      .array(
        z.object({
          movieId: z.number().int(),
          title: z.string().nullable(),
          likes: z.number().int(),
          matchedAt: z.iso.datetime(),
        }),
      )
      .describe("In the order they happened"),
    watched: z.array(z.number().int()).describe("Matched films the group marked watched"),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    closedReason: z.enum(CLOSED_REASONS).nullable(),
    lastActivityAt: z.iso.datetime(),
    live: z
      .object({
        document: z
          .string()
          .describe(
            "Path of the room's live view in Firestore, for the Firestore SDK's `onSnapshot(doc(db, document))` after " +
              "signing in with `POST /v1/auth/firebase-token`: members, progress, matches and state as they change",
          ),
      })
      .meta({ id: "NightLive" }),

    crewId: z.string().nullable().describe("The crew the night was opened for, if any"),
    startsAt: z.iso.datetime().nullable().describe("When a scheduled night starts; null for a night opened on the spot"),
    invited: z.array(z.string()).describe("Invited people who are not members (yet)"),
    answers: z.array(z.object({ uid: z.string(), answer: z.enum(ANSWERS) })).describe("Answers to a scheduled night"),
  })
  .meta({ id: "Night" });
export type NightView = z.infer<typeof nightSchema>;

/** A film card as the deck shows it. */
export const deckCardSchema = z
  .object({
    position: z.number().int().min(0).describe("Place in the deck, from 0"),
    movie: z.object({ movieId: z.number().int(), title: z.string(), year: z.number().int().nullable(), genres: z.array(z.string()) }),
    liked: z.boolean().nullable().describe("The caller's own swipe on it (never anyone else's); null before swiping"),
  })
  .meta({ id: "DeckCard" });
export type DeckCard = z.infer<typeof deckCardSchema>;

export const deckPageSchema = pageSchema(deckCardSchema, "DeckPage");

/** POST /v1/nights/{id}/swipes. */
export const swipeSchema = z
  .object({
    movieId: z.number().int(),
    liked: z.boolean(),
    replaced: z.boolean().describe("Whether it replaced the caller's earlier swipe on the film"),
  })
  .meta({ id: "Swipe" });
export type SwipeView = z.infer<typeof swipeSchema>;
