import { z } from "zod";
import { uidSchema } from "../friends/friends.schema";
import { MAX_MEMBERS } from "../nights/nights.schema";
import { pageSchema } from "../shared/pagination";
import { storedDateSchema } from "../shared/validation";

/** A crew never outgrows a room: all of it must fit in one movie night. */
export const MAX_CREW_MEMBERS = MAX_MEMBERS;

export const createCrewBodySchema = z.strictObject({ name: z.string().trim().min(1).max(80) });
export type CreateCrewInput = z.infer<typeof createCrewBodySchema>;

export const crewIdParamSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9]{1,64}$/, "Must be a crew id") });
export const crewInviteBodySchema = z.strictObject({ uid: uidSchema });

/** `crews/{crewId}`. */
export const storedCrewSchema = z.object({
  name: z.string(),
  ownerUid: z.string(),
  /** In join order: a leaving owner hands the crew to the earliest remaining member. */
  memberUids: z.array(z.string()),
  /** People a member invited who have not joined (or declined) yet. */
  invitedUids: z.array(z.string()).default([]),
  createdAt: storedDateSchema,
  updatedAt: storedDateSchema,
});
export type StoredCrew = z.infer<typeof storedCrewSchema>;

/** `crews/{crewId}/vetoes/{movieId}`: a film every member of a crew night swiped away. */
export const storedVetoSchema = z.object({ movieId: z.number().int(), nightId: z.string(), until: storedDateSchema });
export type StoredVeto = z.infer<typeof storedVetoSchema>;

export const HISTORY_KINDS = ["match", "watched"] as const;

/** `crews/{crewId}/history/{kind}_{nightId}_{movieId}`: what the crew matched on and watched together. */
export const storedHistorySchema = z.object({
  kind: z.enum(HISTORY_KINDS),
  movieId: z.number().int(),
  nightId: z.string(),
  at: storedDateSchema,
});
export type StoredHistoryEntry = z.infer<typeof storedHistorySchema>;

/** One id per event, so recording it again (a redelivered trigger) writes the same document. */
export const historyDocId = (e: Pick<StoredHistoryEntry, "kind" | "nightId" | "movieId">) => `${e.kind}_${e.nightId}_${e.movieId}`;

const personSchema = z.object({ uid: z.string(), handle: z.string().nullable().describe("Null when the handle is unavailable") });

/** A crew as its members (and the people invited to it) see it. */
export const crewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    owner: personSchema,
    members: z.array(personSchema).describe("In join order"),
    invited: z.array(personSchema).describe("Invited, not joined yet"),
    maxMembers: z.number().int().describe("A crew has at most as many people as a movie night"),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Crew" });
export type CrewView = z.infer<typeof crewSchema>;

export const crewPageSchema = pageSchema(crewSchema, "CrewPage");

export const crewHistoryItemSchema = z
  .object({
    kind: z.enum(HISTORY_KINDS).describe("match: the crew matched on it in a night; watched: the crew watched it together"),
    movieId: z.number().int(),
    title: z.string().nullable(),
    nightId: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: "CrewHistoryItem" });
export type CrewHistoryItem = z.infer<typeof crewHistoryItemSchema>;

export const crewHistoryPageSchema = pageSchema(crewHistoryItemSchema, "CrewHistoryPage");
