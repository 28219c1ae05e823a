import { applicationDefault, getApps, initializeApp } from "firebase-admin/app";
import { getAuth, type Auth } from "firebase-admin/auth";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
import { getMessaging } from "firebase-admin/messaging";
import { AccessTokenService } from "./auth/access-tokens";
import { loadAuthConfig, type AuthConfig } from "./auth/auth.config";
import { FirestoreRefreshTokenRepository, FirestoreThrottleRepository, RefreshTokensEraser } from "./auth/auth.repository";
import { AuthService } from "./auth/auth.service";
import { BcryptPool } from "./auth/bcrypt-pool";
import { FirebaseIdentityVerifier, type IdentityTokenVerifier } from "./auth/firebase-identity";
import { DEFAULT_THROTTLE_POLICY, LoginThrottle, type ThrottlePolicy } from "./auth/login-throttle";
import { PepperedBcryptHasher } from "./auth/password";
import { TokenService } from "./auth/token.service";
import { type HttpConfig, loadHttpConfig } from "./config/runtime";
import { projectID } from "firebase-functions/params";
import { LiveVersionService } from "./recommendations/live-version.service";
import { ModelProvider } from "./recommendations/model-provider";
import { loadRecommenderConfig, openModelStore, type RecommenderConfig } from "./recommendations/recommendations.config";
import { FirestoreRecommenderStateRepository, FriendsRepositoryChecker } from "./recommendations/recommendations.repository";
import { RecommendationsService } from "./recommendations/recommendations.service";
import { InlineRetrainLauncher, type RetrainLauncher, SchedulerRetrainLauncher } from "./recommendations/retrain-launcher";
import { RetrainService } from "./recommendations/retrain.service";
import { FirestoreRatingsSource } from "./recsys/firestore-ratings";
import type { ModelStore } from "./recsys/store";
import { PUSH_DELIVERY, REGION } from "./config/params";
import { FeedEraser } from "./feed/feed.erasure";
import { FirestoreFeedRepository } from "./feed/feed.repository";
import { FeedService } from "./feed/feed.service";
import { CatalogueActivitySources } from "./feed/feed.sources";
import { CompatibilityService } from "./friends/compatibility.service";
import { FriendsEraser, FriendsExporter } from "./friends/friends.erasure";
import { FirestoreFriendsRepository } from "./friends/friends.repository";
import { FriendsService } from "./friends/friends.service";
import { FirestoreUserDirectory, type UserDirectory } from "./friends/people.repository";
import { PeopleService } from "./friends/people.service";
import { NotificationsEraser, NotificationsExporter } from "./notifications/notifications.erasure";
import { FirestoreDeviceRepository, FirestoreNotificationRepository } from "./notifications/notifications.repository";
import { NotificationService } from "./notifications/notifications.service";
import { FcmPushTransport, LogPushTransport, type PushTransport } from "./notifications/push";
import { LibraryEraser, LibraryExporter } from "./library/library.erasure";
import { FirestoreLibraryRepository, FirestoreWatchedCounter } from "./library/library.repository";
import { LibraryService } from "./library/library.service";
import { FirestoreMovieDetailsCache, HttpTmdbClient, MovieDetailsService, type TmdbClient } from "./movies/movie-details";
import { type CatalogueConfig, loadCatalogueConfig } from "./movies/movies.config";
import { FirestoreMovieRepository } from "./movies/movies.repository";
import { MoviesService } from "./movies/movies.service";
import { RatingsEraser, RatingsExporter } from "./ratings/ratings.erasure";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "./ratings/ratings.repository";
import { RatingsService } from "./ratings/ratings.service";
import { FirestoreProbe } from "./health/health.repository";
import { HealthService } from "./health/health.service";
import type { AppDeps } from "./http/app";
import { requireAuth } from "./http/auth.middleware";
import { FieldCipher } from "./shared/crypto";
import { FirestoreAccountDeletionRepository, AccountTreeEraser } from "./users/account-deletion.repository";
import { AccountDeletionCascade } from "./users/account-deletion.service";
import type { UserDataEraser, UserDataExporter } from "./users/user-data-erasers";
import { FirestoreUserRepository } from "./users/users.repository";
import { DeckBuilder, type GroupRanker } from "./nights/nights.deck";
import { NightsEraser } from "./nights/nights.erasure";
import { FirestoreNightsRepository } from "./nights/nights.repository";
import { NightsService } from "./nights/nights.service";
import { UsersService } from "./users/users.service";

/** The default Firebase app and Firestore, initialised once per instance. */
export function firestore(): Firestore {
  // Other (named) apps may exist; only the default one counts here.
  if (!getApps().some((a) => a.name === "[DEFAULT]")) initializeApp();
  return getFirestore();
}

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
  };
}

/** Stands in for the group ranking where no deck is ever built (the triggers); a call is a wiring bug. */
const NO_DECKS: GroupRanker = {
  rankForMembers: () => Promise.reject(new Error("movie night decks are built by the API only")),
};

/** Movie nights for their triggers and account deletion (matches, expiry, erasure: no deck building, no secrets). */
export function makeNightsTriggerDeps(db: Firestore, options: SocialDepsOptions = {}): NightsService {
  return makeNightsService(db, NO_DECKS, options);
}

/** Movie nights over a group ranking: the API passes the recommender's (the same live model as its routes). */
export function makeNightsService(db: Firestore, ranker: GroupRanker, social: SocialDepsOptions = {}): NightsService {
  const movies = new FirestoreMovieRepository(db);
  const libraryRepo = new FirestoreLibraryRepository(db);
  const ratingRepo = new FirestoreRatingRepository(db);
  const { notifications } = makeSocialTriggerDeps(db, social);
  const { library } = makeCatalogueDeps(db, {}, undefined);
  const films = {
    allWatched: (uid: string) => libraryRepo.allWatched(uid),
    allWatchlist: (uid: string) => libraryRepo.allWatchlist(uid),
    listAllByUser: (uid: string) => ratingRepo.listAllByUser(uid),
  };
  return new NightsService(
    new FirestoreNightsRepository(db),
    new DeckBuilder(ranker, films, movies),
    new FirestoreFriendsRepository(db),
    new FirestoreUserDirectory(db),
    movies,
    notifications,
    library,
    social.now,
  );
}

/** The catalogue, ratings, diary and watchlist services (also used by their triggers). */
export function makeCatalogueDeps(
  db: Firestore,
  config: CatalogueConfig,
  tmdb: TmdbClient | undefined = config.tmdb ? new HttpTmdbClient(config.tmdb.baseUrl, config.tmdb.apiKey) : undefined,
): Pick<AppDeps, "movies" | "ratings" | "library"> {
  const movieRepo = new FirestoreMovieRepository(db);
  const ratingRepo = new FirestoreRatingRepository(db);
  const aggregates = new FirestoreRatingAggregatesStore(db);
  const libraryRepo = new FirestoreLibraryRepository(db);
  const ratings = new RatingsService(ratingRepo, aggregates, movieRepo);
  return {
    movies: new MoviesService(
      movieRepo,
      aggregates,
      ratingRepo,
      libraryRepo,
      new MovieDetailsService(new FirestoreMovieDetailsCache(db), tmdb),
    ),
    ratings,
    library: new LibraryService(libraryRepo, movieRepo, ratings, new FirestoreWatchedCounter(db)),
  };
}

/** Seams of the social wiring: integration tests record pushes (FCM has no emulator) and set the clock. */
export interface SocialDepsOptions {
  push?: PushTransport;
  now?: () => Date;
}

/** The push transport PUSH_DELIVERY names: FCM (production, the default) or a log line (local emulators). */
export function pushTransportFromParams(): PushTransport {
  if (PUSH_DELIVERY.value() === "log") return new LogPushTransport();
  // getMessaging() on first send: building the deps must not need the messaging service.
  return new FcmPushTransport({ sendEachForMulticast: (message) => getMessaging().sendEachForMulticast(message) });
}

export type SocialServices = Pick<AppDeps, "friends" | "people" | "compatibility" | "feed" | "notifications">;

function socialServices(db: Firestore, directory: UserDirectory, options: SocialDepsOptions): SocialServices {
  const friendsRepo = new FirestoreFriendsRepository(db);
  const ratingRepo = new FirestoreRatingRepository(db);
  const libraryRepo = new FirestoreLibraryRepository(db);
  const movieRepo = new FirestoreMovieRepository(db);
  const notifications = new NotificationService(
    new FirestoreNotificationRepository(db),
    new FirestoreDeviceRepository(db),
    options.push ?? pushTransportFromParams(),
    directory,
    options.now,
  );
  const feed = new FeedService(
    new FirestoreFeedRepository(db),
    friendsRepo,
    directory,
    movieRepo,
    new CatalogueActivitySources(ratingRepo, libraryRepo),
  );
  return {
    friends: new FriendsService(friendsRepo, directory, notifications, feed, options.now),
    people: new PeopleService(directory, friendsRepo, ratingRepo, libraryRepo),
    compatibility: new CompatibilityService(ratingRepo, friendsRepo, directory, movieRepo),
    feed,
    notifications,
  };
}

/** Friends, people, compatibility, the feed and notifications, for the API (display names opened with the cipher). */
export function makeSocialDeps(db: Firestore, cipher: FieldCipher, options: SocialDepsOptions = {}): SocialServices {
  return socialServices(db, new FirestoreUserDirectory(db, cipher), options);
}

/** The same services for the social triggers, which never show display names and so need no secret. */
export function makeSocialTriggerDeps(db: Firestore, options: SocialDepsOptions = {}): SocialServices {
  return socialServices(db, new FirestoreUserDirectory(db), options);
}

/**
 * Account deletion, extension point: one eraser per domain that stores data about a user (including
 * entries in other users' data). The cascade runs them in this order, then erases `users/{uid}` and
 * everything under it last. Each must be idempotent (see users/user-data-erasers.ts).
 */
export const USER_DATA_ERASERS: ReadonlyArray<(db: Firestore) => UserDataEraser> = [
  (db) => new RefreshTokensEraser(new FirestoreRefreshTokenRepository(db)),
  (db) => new RatingsEraser(new FirestoreRatingRepository(db)),
  (db) => new LibraryEraser(new FirestoreLibraryRepository(db)),
  (db) => new FriendsEraser(new FirestoreFriendsRepository(db)),
  (db) => new FeedEraser(new FirestoreFeedRepository(db)),
  (db) => new NotificationsEraser(new FirestoreNotificationRepository(db)),
  (db) => new NightsEraser(makeNightsTriggerDeps(db)),
];

/** GET /v1/me/export, extension point: one exporter per domain holding data the user gave us. */
export const USER_DATA_EXPORTERS: ReadonlyArray<(db: Firestore) => UserDataExporter> = [
  (db) => new RatingsExporter(new FirestoreRatingRepository(db)),
  (db) => new LibraryExporter(new FirestoreLibraryRepository(db)),
  (db) => new FriendsExporter(new FirestoreFriendsRepository(db)),
  (db) => new NotificationsExporter(new FirestoreNotificationRepository(db)),
];

/** The deletion cascade the `onAccountDeletionRequested` trigger runs. */
export function makeAccountDeletionCascade(db: Firestore = firestore()): AccountDeletionCascade {
  return new AccountDeletionCascade(
    new FirestoreAccountDeletionRepository(db),
    USER_DATA_ERASERS.map((make) => make(db)),
    [new AccountTreeEraser(db)],
  );
}

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

/** The configured model store, opened once (undefined for "none"). */
function lazyModelStore(config: RecommenderConfig): () => Promise<ModelStore | undefined> {
  let store: Promise<ModelStore | undefined> | undefined;
  return () => (store ??= openModelStore(config.store));
}

/** One retraining run's wiring: every rating from Firestore, the pointer and lease, the model store. */
export function makeRetrainService(db: Firestore, config: RecommenderConfig): RetrainService {
  return new RetrainService(
    new FirestoreRatingsSource(db),
    new FirestoreRecommenderStateRepository(db),
    lazyModelStore(config),
    config.policy,
  );
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
