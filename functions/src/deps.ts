/**
 * The API's composition root: real repositories and services for the `api` function. The triggers
 * have their own container (trigger-deps.ts), whose builders this one reuses where both need a service.
 */
import { applicationDefault } from "firebase-admin/app";
import { getAuth, type Auth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";
import { projectID } from "firebase-functions/params";
import { AccessTokenService } from "./auth/access-tokens";
import { loadAuthConfig, type AuthConfig } from "./auth/auth.config";
import { FirestoreRefreshTokenRepository, FirestoreThrottleRepository } from "./auth/auth.repository";
import { AuthService } from "./auth/auth.service";
import { BcryptPool } from "./auth/bcrypt-pool";
import { FirebaseIdentityVerifier, type IdentityTokenVerifier } from "./auth/firebase-identity";
import { DEFAULT_THROTTLE_POLICY, LoginThrottle, type ThrottlePolicy } from "./auth/login-throttle";
import { PepperedBcryptHasher } from "./auth/password";
import { TokenService } from "./auth/token.service";
import { REGION } from "./config/params";
import { type HttpConfig, loadHttpConfig } from "./config/runtime";
import { FriendsExporter } from "./friends/friends.erasure";
import { LiveVersionService } from "./recommendations/live-version.service";
import { FirestoreFriendsRepository } from "./friends/friends.repository";
import { FirestoreUserDirectory } from "./friends/people.repository";
import { FirestoreProbe } from "./health/health.repository";
import { HealthService } from "./health/health.service";
import type { AppDeps } from "./api/app";
import { requireAuth } from "./http/auth.middleware";
import { FirestoreIdempotencyStore } from "./http/idempotency.repository";
import { LibraryExporter } from "./library/library.erasure";
import { FirestoreLibraryRepository } from "./library/library.repository";
import { FirestoreMovieDetailsCache, HttpTmdbClient, MovieDetailsService, type TmdbClient } from "./movies/movie-details";
import { type CatalogueConfig, loadCatalogueConfig } from "./movies/movies.config";
import { FirestoreMovieRepository } from "./movies/movies.repository";
import { MoviesService } from "./movies/movies.service";
import { NotificationsExporter } from "./notifications/notifications.erasure";
import { FirestoreNotificationRepository } from "./notifications/notifications.repository";
import { RatingsExporter } from "./ratings/ratings.erasure";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "./ratings/ratings.repository";
import { ModelProvider } from "./recommendations/model-provider";
import { loadRecommenderConfig, type RecommenderConfig } from "./recommendations/recommendations.config";
import { FirestoreRecommenderStateRepository, FriendsRepositoryChecker } from "./recommendations/recommendations.repository";
import { RecommendationsService } from "./recommendations/recommendations.service";
import { InlineRetrainLauncher, type RetrainLauncher, SchedulerRetrainLauncher } from "./recommendations/retrain-launcher";
import { FieldCipher } from "./shared/crypto";
import { firestore } from "./shared/firestore";
import {
  lazyModelStore,
  makeNightsService,
  makeRatingsAndLibrary,
  makeRetrainService,
  makeSocialServices,
  type SocialDepsOptions,
  type SocialServices,
} from "./trigger-deps";
import type { UserDataExporter } from "./users/user-data-erasers";
import { FirestoreUserRepository } from "./users/users.repository";
import { UsersService } from "./users/users.service";

// Entry points outside src (tests, scripts, benchmarks) reach every wiring through this one module.
export { firestore } from "./shared/firestore";
export {
  makeAccountDeletionCascade,
  makeNightsTriggerDeps,
  makeRetrainService,
  makeSocialTriggerDeps,
  type SocialDepsOptions,
  type SocialServices,
} from "./trigger-deps";

/** What makeDeps reads from params unless given (tests and benchmarks give their own). */
export interface DepsOptions {
  http?: HttpConfig;
  auth?: AuthConfig;
  accountOverrides?: AccountDepsOverrides;
  catalogue?: CatalogueConfig;
  social?: SocialDepsOptions;
  recommender?: RecommenderConfig;
}

/**
 * The composition root: real repositories and services for the deployed functions. Outside the
 * Functions runtime params have no values, so tests pass their own config and seams through `options`
 * (see test/helpers/accounts.ts).
 */
export function makeDeps(db: Firestore = firestore(), options: DepsOptions = {}): AppDeps {
  const config = options.http ?? loadHttpConfig();
  const auth = options.auth ?? loadAuthConfig();
  const recommendations = makeRecommendationDeps(db, options.recommender ?? loadRecommenderConfig(), new FieldCipher(auth.piiKeys));
  return {
    config,
    health: new HealthService(new FirestoreProbe(db), { version: config.version }),
    ...makeAccountDeps(db, auth, options.accountOverrides ?? {}),
    ...makeCatalogueDeps(db, options.catalogue ?? loadCatalogueConfig()),
    ...makeSocialDeps(db, new FieldCipher(auth.piiKeys), options.social),
    ...recommendations,
    nights: makeNightsService(db, recommendations.recommendations, options.social),
    idempotency: new FirestoreIdempotencyStore(db),
  };
}

/** The catalogue, ratings, watched list and watchlist services (also used by their triggers). */
export function makeCatalogueDeps(
  db: Firestore,
  config: CatalogueConfig,
  tmdb: TmdbClient | undefined = config.tmdb ? new HttpTmdbClient(config.tmdb.baseUrl, config.tmdb.apiKey) : undefined,
): Pick<AppDeps, "movies" | "ratings" | "library"> {
  const movieRepo = new FirestoreMovieRepository(db);
  return {
    movies: new MoviesService(
      movieRepo,
      new FirestoreRatingAggregatesStore(db),
      new FirestoreRatingRepository(db),
      new FirestoreLibraryRepository(db),
      new MovieDetailsService(new FirestoreMovieDetailsCache(db), tmdb),
    ),
    ...makeRatingsAndLibrary(db),
  };
}

/** Friends, people, compatibility, the feed and notifications, for the API (display names opened with the cipher). */
export function makeSocialDeps(db: Firestore, cipher: FieldCipher, options: SocialDepsOptions = {}): SocialServices {
  return makeSocialServices(db, new FirestoreUserDirectory(db, cipher), options);
}

/** GET /v1/me/export, extension point: one exporter per domain holding data the user gave us. */
export const USER_DATA_EXPORTERS: ReadonlyArray<(db: Firestore) => UserDataExporter> = [
  (db) => new RatingsExporter(new FirestoreRatingRepository(db)),
  (db) => new LibraryExporter(new FirestoreLibraryRepository(db)),
  (db) => new FriendsExporter(new FirestoreFriendsRepository(db)),
  (db) => new NotificationsExporter(new FirestoreNotificationRepository(db)),
];

let sharedBcryptPool: BcryptPool | undefined;

/** Test and benchmark seams of the accounts wiring. */
export interface AccountDepsOverrides {
  identities?: IdentityTokenVerifier;
  throttlePolicy?: ThrottlePolicy;
  auth?: Auth;
  now?: () => Date;
}

/** Accounts and sessions: the auth middleware, the auth service and the users service. */
export function makeAccountDeps(
  db: Firestore,
  config: AuthConfig,
  overrides: AccountDepsOverrides = {},
): Pick<AppDeps, "auth" | "accounts" | "users"> {
  sharedBcryptPool ??= new BcryptPool(config.bcryptWorkers);
  const users = new FirestoreUserRepository(db, new FieldCipher(config.piiKeys));
  const access = new AccessTokenService(
    { signingKey: config.jwtSigningKey, issuer: config.issuer, audience: config.audience, ttlSeconds: config.accessTokenTtlSeconds },
    users,
  );
  const tokens = new TokenService(access, new FirestoreRefreshTokenRepository(db), users, {
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
    now: overrides.now,
  });
  const accounts = new AuthService({
    users,
    tokens,
    hasher: new PepperedBcryptHasher(sharedBcryptPool, config.passwordPepper, config.bcryptCost),
    throttle: new LoginThrottle(new FirestoreThrottleRepository(db), overrides.throttlePolicy ?? DEFAULT_THROTTLE_POLICY),
    identities: overrides.identities ?? new FirebaseIdentityVerifier(overrides.auth ?? getAuth()),
    emailIndexKey: config.emailIndexKey,
    now: overrides.now,
  });
  return {
    auth: requireAuth(access),
    accounts,
    users: new UsersService(
      users,
      accounts,
      USER_DATA_EXPORTERS.map((make) => make(db)),
      overrides.now,
    ),
  };
}

/** Force-promote and rollback of kept versions (the admin route and `npm run retrain -- --set-live`). */
export function makeLiveVersionService(db: Firestore, config: RecommenderConfig): LiveVersionService {
  return new LiveVersionService(new FirestoreRecommenderStateRepository(db), lazyModelStore(config));
}

/** Serving (the live model, reloaded when `system/recommender` moves) and the administrators' "retrain now". */
export function makeRecommendationDeps(
  db: Firestore,
  config: RecommenderConfig,
  cipher: FieldCipher,
): Pick<AppDeps, "recommendations" | "retraining" | "liveVersions"> {
  const users = new FirestoreUserRepository(db, cipher);
  const models = new ModelProvider(lazyModelStore(config), new FirestoreRecommenderStateRepository(db), config.pointerCheckIntervalMs);
  const retraining: RetrainLauncher =
    config.onDemand === "inline"
      ? new InlineRetrainLauncher(makeRetrainService(db, config))
      : new SchedulerRetrainLauncher({ projectId: projectID.value(), region: REGION, functionName: "retrainRecommender" }, async () => {
          return (await applicationDefault().getAccessToken()).access_token;
        });
  return {
    recommendations: new RecommendationsService(
      models,
      new FirestoreMovieRepository(db),
      new FirestoreRatingRepository(db),
      new FirestoreLibraryRepository(db),
      { favouriteGenres: async (uid) => (await users.findById(uid))?.preferences.favouriteGenres ?? [] },
      new FriendsRepositoryChecker(new FirestoreFriendsRepository(db)),
    ),
    retraining,
    liveVersions: makeLiveVersionService(db, config),
  };
}
