import { z } from "zod";
import { uidSchema } from "../friends/friends.schema";
import { GENRES } from "../shared/genres";
import { storedDateSchema } from "../shared/validation";

/** Most films one recommendation list returns. */
export const MAX_RECOMMENDATIONS = 50;
export const DEFAULT_RECOMMENDATIONS = 20;
/** Most friends in one group request (the caller makes one more member). */
export const MAX_GROUP_FRIENDS = 10;

const limitSchema = z.coerce.number().int().min(1).max(MAX_RECOMMENDATIONS).default(DEFAULT_RECOMMENDATIONS);

/** GET /v1/me/recommendations?limit=&genre= */
export const recommendationsQuerySchema = z.object({
  limit: limitSchema,
  genre: z.enum(GENRES).optional(),
});
export type RecommendationsQuery = z.infer<typeof recommendationsQuerySchema>;

/** GET /v1/movies/{movieId}/similar?limit= */
export const similarQuerySchema = z.object({ limit: limitSchema });

/** POST /v1/recommendations/group {uids, limit?}: the caller's friends (the caller is always a member). */
export const groupBodySchema = z.strictObject({
  uids: z
    .array(uidSchema)
    .min(1, "Name at least one friend")
    .max(MAX_GROUP_FRIENDS, `At most ${MAX_GROUP_FRIENDS} friends`)
    .refine((u) => new Set(u).size === u.length, "Must not repeat a user")
    .describe("The friends' uids, each once (the caller is always a member)"),
  limit: z.number().int().min(1).max(MAX_RECOMMENDATIONS).default(DEFAULT_RECOMMENDATIONS),
});

/** POST /v1/admin/recommender/live: the kept version to put in service (force-promote or rollback). */
export const setLiveBodySchema = z
  .object({
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "a model version id"),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

/** What an administrator's change of the live version did. */
export const liveVersionChangeSchema = z
  .object({
    kind: z.enum(["force-promote", "rollback"]).describe("`rollback` when the version is older than the one it replaces"),
    version: z.string(),
    previousVersion: z.string().nullable(),
  })
  .meta({ id: "LiveVersionChange" });
export type LiveVersionChange = z.infer<typeof liveVersionChangeSchema>;

/** Held-out metrics of a model version (see recsys/evaluate.ts), as the pointer stores them. */
export const modelMetricsSchema = z.object({
  ndcgAt10: z.number().describe("NDCG@10 of the model's top 10 on the held-out ratings"),
  precisionAt10: z.number(),
  recallAt10: z.number(),
  rmse: z.number().describe("Root mean squared error of the predicted stars"),
  mae: z.number().describe("Mean absolute error of the predicted stars"),
  popularityNdcgAt10: z.number().describe("NDCG@10 of a popularity ranking on the same split, for comparison"),
  users: z.number().int().describe("People evaluated"),
  testRatings: z.number().int().describe("Held-out ratings evaluated on"),
  holdout: z.number().describe("Fraction of each person's ratings held out"),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/** `system/recommender`: the model version in service. Only the retraining moves it, in a transaction. */
export const storedPointerSchema = z.object({
  version: z.string().min(1),
  metrics: modelMetricsSchema,
  counts: z.object({ users: z.number().int(), movies: z.number().int(), ratings: z.number().int() }),
  /** sha256 of every rating the version was trained on, in document order: an unchanged set is not retrained. */
  fingerprint: z.string(),
  trainedAt: storedDateSchema,
  promotedAt: storedDateSchema,
  trigger: z.string(),
});
export type StoredPointer = z.infer<typeof storedPointerSchema>;

/** The live version as services see it (times as Dates). */
export interface LivePointer extends Omit<StoredPointer, "trainedAt" | "promotedAt"> {
  trainedAt: Date;
  promotedAt: Date;
}

/** `system/recommenderRetrain`: the lease that keeps two retraining runs from overlapping. */
export const storedLeaseSchema = z.object({
  runId: z.string(),
  trigger: z.string(),
  acquiredAt: storedDateSchema,
  expiresAt: storedDateSchema,
});
export type StoredLease = z.infer<typeof storedLeaseSchema>;

/** A film as recommendation lists show it. */
export const movieRefSchema = z
  .object({
    movieId: z.number().int().positive(),
    title: z.string(),
    year: z.number().int().nullable(),
    genres: z.array(z.string()),
  })
  .meta({ id: "MovieRef" });
export type MovieRef = z.infer<typeof movieRefSchema>;

/** Why a film is in a list: "because you liked X", or popularity (in a favourite genre). */
export const reasonSchema = z
  .discriminatedUnion("code", [
    z.object({
      code: z.literal("because-you-liked"),
      text: z.string().describe('For display, e.g. "Because you liked Alien"'),
      movie: z.object({ movieId: z.number().int().positive(), title: z.string() }).describe("The film the person liked"),
    }),
    z.object({ code: z.literal("popular-in-genre"), text: z.string(), genre: z.string().describe("One of the person's favourite genres") }),
    z.object({ code: z.literal("popular"), text: z.string() }),
  ])
  .meta({ id: "RecommendationReason" });
export type Reason = z.infer<typeof reasonSchema>;

const predictedStarsSchema = z.number().min(0.5).max(5);
const modelVersionSchema = z.string().nullable().describe("The model version in service; null when none is published");

/** Where a list came from: the model (trained user, or folded in), its cold start, or the catalogue. */
export const LIST_SOURCES = ["model", "fold-in", "cold-start", "popular"] as const;

const recommendationItemSchema = z.object({
  movie: movieRefSchema,
  predictedRating: predictedStarsSchema
    .nullable()
    .describe("Stars the person would give it, 0.5 to 5 (the film's mean rating when no model is published; null without ratings)"),
  reason: reasonSchema,
});
export type RecommendationItem = z.infer<typeof recommendationItemSchema>;

/** GET /v1/me/recommendations. */
export const recommendationListSchema = z
  .object({
    source: z
      .enum(LIST_SOURCES)
      .describe(
        "`model`: the person as the model was trained; `fold-in`: from their current ratings; `cold-start`: no ratings yet; " +
          "`popular`: no model published",
      ),
    modelVersion: modelVersionSchema,
    items: z.array(recommendationItemSchema),
  })
  .meta({ id: "RecommendationList" });
export type RecommendationList = z.infer<typeof recommendationListSchema>;

/** GET /v1/movies/{movieId}/similar. */
export const similarListSchema = z
  .object({
    movie: movieRefSchema.describe("The film asked about"),
    source: z
      .enum(["model", "content"])
      .describe("`model`: films rated by enough of the same people (topped up by content when short); `content`: genres and year only"),
    modelVersion: modelVersionSchema,
    note: z.string().optional().describe("Present when content (genres, year) filled the list or part of it, saying why"),
    items: z.array(
      z.object({
        movie: movieRefSchema,
        similarity: z.number().nullable().describe("Similarity from co-ratings; null for a content match"),
        basis: z.enum(["co-ratings", "content"]),
      }),
    ),
  })
  .meta({ id: "SimilarList" });
export type SimilarList = z.infer<typeof similarListSchema>;

/** POST /v1/recommendations/group. */
export const groupListSchema = z
  .object({
    source: z.enum(["model", "popular"]),
    modelVersion: modelVersionSchema,
    members: z.array(z.string()).describe("Every member's uid, the caller first"),
    aggregation: z.string().describe("How the list was ranked, in words"),
    items: z.array(
      z.object({
        movie: movieRefSchema,
        score: z.number().describe("The group score the list is ranked by"),
        predictedRating: z
          .object({ mean: predictedStarsSchema, min: predictedStarsSchema })
          .nullable()
          .describe("The members' predicted stars: their mean and the least happy member's (null without a model)"),
      }),
    ),
  })
  .meta({ id: "GroupRecommendationList" });
export type GroupList = z.infer<typeof groupListSchema>;

/** What one retraining run did. */
export const RETRAIN_STATUSES = ["promoted", "rejected", "unchanged", "busy", "skipped", "superseded", "failed"] as const;

const metricsSchema = modelMetricsSchema.meta({
  id: "ModelMetrics",
  description: "Held-out metrics of a model version (per-user split)",
});

/**
 * The not-worse gate's comparison. Both models are scored on the same held-out ratings that neither trained
 * on: `newer-ratings` (ratings written after the live version was trained; the live version itself is
 * scored), `refit-split` (a per-user split of today's ratings; a refit of the live version's configuration
 * on the training part stands in for it) or `first-model` (nothing live: promoted on its own scores).
 */
export const gateDecisionSchema = z
  .object({
    method: z.enum(["newer-ratings", "refit-split", "first-model"]),
    candidate: metricsSchema,
    live: metricsSchema.optional(),
    tolerance: z.object({ ndcgAt10: z.number(), rmse: z.number() }),
    decision: z.enum(["promote", "reject"]),
    note: z.string().optional().describe("Anything that made the comparison differ from the plan"),
  })
  .meta({ id: "GateDecision" });
export type GateDecision = z.infer<typeof gateDecisionSchema>;

export const retrainOutcomeSchema = z
  .object({
    status: z.enum(RETRAIN_STATUSES),
    runId: z.string(),
    liveVersion: z.string().nullable().describe("The version in service after the run"),
    candidateVersion: z.string().optional().describe("The version this run trained (promoted or not)"),
    candidateMetrics: metricsSchema.optional(),
    liveMetrics: metricsSchema.optional(),
    gate: gateDecisionSchema.optional().describe("How the candidate and the live model were compared (absent when no comparison ran)"),
    reason: z.string().optional().describe("Why the run did not promote, in words"),
    seconds: z.number().describe("How long the run took"),
  })
  .meta({ id: "RetrainOutcome" });
export type RetrainOutcome = z.infer<typeof retrainOutcomeSchema>;

/** What an administrator's "retrain now" did: ran to the end here (200), or started the scheduled job (202). */
export const retrainLaunchSchema = z
  .discriminatedUnion("mode", [
    z.object({ mode: z.literal("inline"), outcome: retrainOutcomeSchema }),
    z.object({ mode: z.literal("scheduler"), job: z.string().describe("The Cloud Scheduler job started") }),
  ])
  .meta({ id: "RetrainLaunch" });
export type RetrainLaunch = z.infer<typeof retrainLaunchSchema>;
