import { z } from "zod";
import { uidSchema } from "../friends/friends.schema";
import { GENRES } from "../shared/genres";

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
    .refine((u) => new Set(u).size === u.length, "Must not repeat a user"),
  limit: z.number().int().min(1).max(MAX_RECOMMENDATIONS).default(DEFAULT_RECOMMENDATIONS),
});
export type GroupBody = z.infer<typeof groupBodySchema>;

const timestampSchema = z.custom<FirebaseFirestore.Timestamp>((v) => typeof v === "object" && v !== null && "toMillis" in v);

/** POST /v1/admin/recommender/live: the kept version to put in service (force-promote or rollback). */
export const setLiveBodySchema = z
  .object({
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "a model version id"),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type SetLiveBody = z.infer<typeof setLiveBodySchema>;

/** Held-out metrics of a model version (see recsys/evaluate.ts), as the pointer stores them. */
export const modelMetricsSchema = z.object({
  ndcgAt10: z.number(),
  precisionAt10: z.number(),
  recallAt10: z.number(),
  rmse: z.number(),
  mae: z.number(),
  popularityNdcgAt10: z.number(),
  users: z.number().int(),
  testRatings: z.number().int(),
  holdout: z.number(),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/** `system/recommender`: the model version in service. Only the retraining moves it, in a transaction. */
export const storedPointerSchema = z.object({
  version: z.string().min(1),
  metrics: modelMetricsSchema,
  counts: z.object({ users: z.number().int(), movies: z.number().int(), ratings: z.number().int() }),
  /** sha256 of every rating the version was trained on, in document order: an unchanged set is not retrained. */
  fingerprint: z.string(),
  trainedAt: timestampSchema,
  promotedAt: timestampSchema,
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
  acquiredAt: timestampSchema,
  expiresAt: timestampSchema,
});
export type StoredLease = z.infer<typeof storedLeaseSchema>;

/** A film as recommendation lists show it. */
export interface FilmRef {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
}

/** Why a film is in a list: "because you liked X", or popularity (in a favourite genre). */
export type Reason =
  | { code: "because-you-liked"; text: string; movie: { movieId: number; title: string } }
  | { code: "popular-in-genre"; text: string; genre: string }
  | { code: "popular"; text: string };

/** Where a list came from: the model (trained user, or folded in), its cold start, or the catalogue. */
export type ListSource = "model" | "fold-in" | "cold-start" | "popular";

export interface RecommendationItem {
  movie: FilmRef;
  /** Stars the person would give it, 0.5..5 (the film's mean rating when no model is published). */
  predictedRating: number | null;
  reason: Reason;
}

/** GET /v1/me/recommendations. */
export interface RecommendationList {
  source: ListSource;
  modelVersion: string | null;
  items: RecommendationItem[];
}

/** GET /v1/movies/{movieId}/similar. */
export interface SimilarList {
  movie: FilmRef;
  /** `model`: films rated by enough of the same people (topped up by content when short); `content`: genres and year only. */
  source: "model" | "content";
  modelVersion: string | null;
  /** Present when content filled the list (or part of it), saying why. */
  note?: string;
  items: Array<{ movie: FilmRef; similarity: number | null; basis: "co-ratings" | "content" }>;
}

/** POST /v1/recommendations/group. */
export interface GroupList {
  source: "model" | "popular";
  modelVersion: string | null;
  /** Every member, the caller first. */
  members: string[];
  aggregation: string;
  items: Array<{
    movie: FilmRef;
    score: number;
    /** The members' predicted stars, summarised (each member's own prediction is not shown to the others). */
    predictedRating: { mean: number; min: number } | null;
  }>;
}

/** What one retraining run did. */
export type RetrainStatus = "promoted" | "rejected" | "unchanged" | "busy" | "skipped" | "superseded" | "failed";

export interface RetrainOutcome {
  status: RetrainStatus;
  runId: string;
  /** The version in service after the run. */
  liveVersion: string | null;
  /** The version this run trained (promoted or not). */
  candidateVersion?: string;
  candidateMetrics?: ModelMetrics;
  liveMetrics?: ModelMetrics;
  /** How the candidate and the live model were compared, and the decision (absent when no comparison ran). */
  gate?: GateDecision;
  reason?: string;
  seconds: number;
}

/**
 * The not-worse gate's comparison. Both models are scored on the same held-out ratings that neither trained
 * on: `newer-ratings` (ratings written after the live version was trained; the live version itself is
 * scored), `refit-split` (a per-user split of today's ratings; a refit of the live version's configuration
 * on the training part stands in for it) or `first-model` (nothing live: promoted on its own scores).
 */
export interface GateDecision {
  method: "newer-ratings" | "refit-split" | "first-model";
  candidate: ModelMetrics;
  live?: ModelMetrics;
  tolerance: { ndcgAt10: number; rmse: number };
  decision: "promote" | "reject";
  /** Anything that made the comparison differ from the plan (e.g. the live configuration could not be read). */
  note?: string;
}
