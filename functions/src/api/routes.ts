import type { RequestHandler } from "express";
import { authRoutes } from "../auth/auth.routes";
import type { AuthService } from "../auth/auth.service";
import { sessionRoutes } from "../auth/sessions.routes";
import type { HttpConfig } from "../config/runtime";
import { feedRoutes } from "../feed/feed.routes";
import type { FeedService } from "../feed/feed.service";
import { crewRoutes } from "../crews/crews.routes";
import type { CrewsService } from "../crews/crews.service";
import type { CompatibilityService } from "../friends/compatibility.service";
import { friendRoutes, peopleRoutes } from "../friends/friends.routes";
import type { FriendsService } from "../friends/friends.service";
import type { PeopleService } from "../friends/people.service";
import { healthRoutes } from "../health/health.routes";
import type { HealthService } from "../health/health.service";
import type { AppCheckVerifier } from "../http/app-check.middleware";
import type { RateLimitDeps } from "../http/rate-limit";
import type { Route } from "../http/route";
import type { IdempotencyStore } from "../http/idempotency";
import { libraryRoutes } from "../library/library.routes";
import type { LibraryService } from "../library/library.service";
import { movieRoutes } from "../movies/movies.routes";
import type { MoviesService } from "../movies/movies.service";
import { nightRoutes } from "../nights/nights.routes";
import type { NightsService } from "../nights/nights.service";
import { notificationRoutes } from "../notifications/notifications.routes";
import type { NotificationService } from "../notifications/notifications.service";
import { ratingRoutes } from "../ratings/ratings.routes";
import type { RatingsService } from "../ratings/ratings.service";
import { recommendationRoutes } from "../recommendations/recommendations.routes";
import { emailChangeRoutes } from "../recovery/email-change.routes";
import type { EmailChangeService } from "../recovery/email-change.service";
import { emailVerificationRoutes } from "../recovery/email-verification.routes";
import type { EmailVerificationService } from "../recovery/email-verification.service";
import { recoveryRoutes } from "../recovery/recovery.routes";
import type { PasswordResetService } from "../recovery/recovery.service";
import type { RecommendationsService } from "../recommendations/recommendations.service";
import type { LiveVersionService } from "../recommendations/live-version.service";
import type { RetrainLauncher } from "../recommendations/retrain-launcher";
import { userRoutes } from "../users/users.routes";
import type { UsersService } from "../users/users.service";

/** Everything the HTTP layer needs; deps.ts wires the real ones, tests wire their own. */
export interface AppDeps {
  config: HttpConfig;
  health: HealthService;
  /** requireAuth middleware: verifies the access token of every route that needs a signed-in caller. */
  auth: RequestHandler;
  accounts: AuthService;
  users: UsersService;
  movies: MoviesService;
  ratings: RatingsService;
  library: LibraryService;
  friends: FriendsService;
  people: PeopleService;
  compatibility: CompatibilityService;
  feed: FeedService;
  notifications: NotificationService;
  recommendations: RecommendationsService;
  /** POST /v1/admin/recommender/retrain: starts a retraining run. */
  retraining: RetrainLauncher;
  /** POST /v1/admin/recommender/live: force-promote or roll back (absent: the route answers 409). */
  liveVersions?: LiveVersionService;
  nights: NightsService;
  /** Rate limits by route group (absent: none, as in unit specs that do not test them). */
  rateLimits?: RateLimitDeps;
  /** Verifies App Check tokens when `config.appCheck` is on. */
  appCheck?: AppCheckVerifier;

  crews: CrewsService;

  /** Password reset by mail (POST /v1/auth/password-reset, .../confirm). */
  passwordReset: PasswordResetService;

  /** Email verification by mail (POST /v1/auth/email-verification, .../resend). */
  emailVerification: EmailVerificationService;

  /** Email change and its undo (PUT /v1/me/email, POST /v1/auth/email-change/undo). */
  emailChange: EmailChangeService;

  /** Keeps Idempotency-Key outcomes of the routes that create something. */
  idempotency: IdempotencyStore;
}

/** Every route of the API under /v1, in the order the contract lists them. */
export const API_ROUTES: readonly Route<AppDeps>[] = [
  ...healthRoutes,
  ...authRoutes,
  ...sessionRoutes,

  ...recoveryRoutes,
  ...emailVerificationRoutes,
  ...userRoutes,
  ...emailChangeRoutes,
  ...movieRoutes,
  ...ratingRoutes,
  ...libraryRoutes,
  ...peopleRoutes,
  ...friendRoutes,
  ...feedRoutes,
  ...notificationRoutes,
  ...recommendationRoutes,
  ...nightRoutes,
  ...crewRoutes,
];
