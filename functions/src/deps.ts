/**
 * The API's composition root: real repositories and services for the `api` function. The triggers
 * have their own container (trigger-deps.ts), whose builders this one reuses where both need a service.
 */
import { applicationDefault } from "firebase-admin/app";
import { getAppCheck } from "firebase-admin/app-check";
import { getAuth, type Auth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";
import { projectID } from "firebase-functions/params";
import { AccessTokenService } from "./auth/access-tokens";
import { loadAuthConfig, type AuthConfig } from "./auth/auth.config";
import {
  FirestoreKnownDeviceRepository,
  FirestoreRefreshTokenRepository,
  FirestoreThrottleRepository,
  SessionsExporter,
} from "./auth/auth.repository";
import { AuthService } from "./auth/auth.service";
import { BcryptPool } from "./auth/bcrypt-pool";
import { FirebaseIdentityVerifier, type IdentityTokenVerifier } from "./auth/firebase-identity";
import { AdminFirebaseSessions, FirebaseSessionsExporter } from "./auth/firebase-sessions";
import type { NewDeviceSignInListener } from "./auth/known-devices";
import { DEFAULT_THROTTLE_POLICY, LoginThrottle, type ThrottlePolicy } from "./auth/login-throttle";
import { PepperedBcryptHasher, type BcryptRunner } from "./auth/password";
import { TokenService } from "./auth/token.service";
import { REGION } from "./config/params";
import { type HttpConfig, loadHttpConfig } from "./config/runtime";
import { loadFriendRequestLimits } from "./friends/friends.config";
import { FriendsExporter } from "./friends/friends.erasure";
import { LiveVersionService } from "./recommendations/live-version.service";
import { FirestoreFriendsRepository } from "./friends/friends.repository";
import { FirestoreUserDirectory } from "./friends/people.repository";
import { FirestoreProbe } from "./health/health.repository";
import { HealthService } from "./health/health.service";
import type { AppDeps } from "./api/app";
import type { AppCheckVerifier } from "./http/app-check.middleware";
import { requireAuth } from "./http/auth.middleware";
import type { RateLimitDeps } from "./http/rate-limit";
import { FirestoreIdempotencyStore } from "./http/idempotency.repository";
import { LibraryExporter } from "./library/library.erasure";
import { MailExporter } from "./mail/mail.erasure";
import { FirestoreMailRepository } from "./mail/mail.repository";
import { MailOutbox } from "./mail/mail.service";
import { SecurityNotices } from "./mail/security-notices";
import { loadRecoveryConfig, type RecoveryConfig } from "./recovery/recovery.config";
import { AccountTokensExporter } from "./recovery/recovery.erasure";
import { FirestoreAccountTokenRepository } from "./recovery/recovery.repository";
import { EmailChangeService } from "./recovery/email-change.service";
import { DEFAULT_EMAIL_VERIFICATION_POLICY, EmailVerificationService } from "./recovery/email-verification.service";
import { PasswordResetService } from "./recovery/recovery.service";
import { FirestoreLibraryRepository } from "./library/library.repository";
import { FirestoreMovieDetailsCache, HttpTmdbClient, MovieDetailsService, type TmdbClient } from "./movies/movie-details";
import { type CatalogueConfig, loadCatalogueConfig } from "./movies/movies.config";
import { FirestoreMovieRepository } from "./movies/movies.repository";
import { MoviesService } from "./movies/movies.service";
import { NotificationsExporter } from "./notifications/notifications.erasure";
import { DevicesExporter, FirestoreNotificationRepository } from "./notifications/notifications.repository";
import { NightsExporter } from "./nights/nights.erasure";
import { CrewsExporter } from "./crews/crews.erasure";
import { RatingsExporter } from "./ratings/ratings.erasure";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "./ratings/ratings.repository";
import { ModelProvider } from "./recommendations/model-provider";
import { loadRecommenderConfig, type RecommenderConfig } from "./recommendations/recommendations.config";
import {
  DirectoryPrivacyLookup,
  FirestoreRecommenderStateRepository,
  FriendsRepositoryChecker,
} from "./recommendations/recommendations.repository";
import { RecommendationsService } from "./recommendations/recommendations.service";
import { InlineRetrainLauncher, type RetrainLauncher, SchedulerRetrainLauncher } from "./recommendations/retrain-launcher";
import { FieldCipher, hmacSha256, type KeyRing } from "./shared/crypto";
import { FirestoreRateLimitStore } from "./shared/rate-limit.repository";
import { parseBudgets, RateLimiter } from "./shared/rate-limiter";
import { firestore } from "./shared/firestore";
import {
  lazyModelStore,
  makeCrewsService,
  makeNightsService,
  makeNightsTriggerDeps,
  makeRatingsAndLibrary,
  makeRetrainService,
  makeSocialServices,
  type SocialDepsOptions,
  type SocialServices,
} from "./trigger-deps";
import type { UserDataExporter } from "./users/user-data-erasers";
import { KeyRotationService } from "./users/key-rotation.service";
import { FirestoreRotationCheckpoints, FirestoreUserRepository, IdentitiesExporter } from "./users/users.repository";
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
  edge?: EdgeOverrides;
}

/** Test and benchmark seams of the edge: the rate limits' clock, the App Check verifier. */
export interface EdgeOverrides {
  now?: () => Date;
  appCheck?: AppCheckVerifier;
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
    ...makeSocialDeps(db, new FieldCipher(auth.piiKeys), { friendLimits: loadFriendRequestLimits(), ...options.social }),
    ...recommendations,
    nights: makeNightsService(db, recommendations.recommendations, options.social),
    rateLimits: config.rateLimits ? makeRateLimits(db, config.rateLimits, auth.emailIndexKey, options.edge?.now) : undefined,
    appCheck: options.edge?.appCheck ?? firebaseAppCheck,
    crews: makeCrewsService(db, options.social),
    idempotency: new FirestoreIdempotencyStore(db),
  };
}

/**
 * Rate limits by route group over Firestore counters; subjects become HMACs under the email index key
 * (domain-separated), so no address or email is stored.
 */
export function makeRateLimits(db: Firestore, budgets: Record<string, string>, key: Buffer, now?: () => Date): RateLimitDeps {
  const parsed = Object.fromEntries(Object.entries(budgets).map(([group, text]) => [group, parseBudgets(`rate limit ${group}`, text)]));
  return {
    limiter: new RateLimiter(new FirestoreRateLimitStore(db), parsed, now),
    keyOf: (subject, value) => hmacSha256(key, `rate:${subject}:${value}`),
  };
}

/** App Check through firebase-admin (no emulator exists: the local stack leaves APP_CHECK off). */
const firebaseAppCheck: AppCheckVerifier = {
  verify: async (token) => {
    await getAppCheck().verifyToken(token);
  },
};

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
export const USER_DATA_EXPORTERS: ReadonlyArray<(db: Firestore, cipher: FieldCipher) => UserDataExporter> = [
  (db) => new RatingsExporter(new FirestoreRatingRepository(db)),
  (db) => new LibraryExporter(new FirestoreLibraryRepository(db)),
  (db) => new FriendsExporter(new FirestoreFriendsRepository(db)),
  (db) => new NotificationsExporter(new FirestoreNotificationRepository(db)),
  (db) => new DevicesExporter(db),
  (db) => new NightsExporter(makeNightsTriggerDeps(db)),
  (db) => new CrewsExporter(makeCrewsService(db)),
  (db, cipher) => new SessionsExporter(new FirestoreRefreshTokenRepository(db, cipher), new FirestoreKnownDeviceRepository(db)),
  (db) => new IdentitiesExporter(db),
  (db) => new MailExporter(new FirestoreMailRepository(db)),
  (db) => new AccountTokensExporter(new FirestoreAccountTokenRepository(db)),
];

let sharedBcryptPool: BcryptPool | undefined;

/** Test and benchmark seams of the accounts wiring. */
export interface AccountDepsOverrides {
  identities?: IdentityTokenVerifier;
  throttlePolicy?: ThrottlePolicy;
  auth?: Auth;
  now?: () => Date;
  /** Runs bcrypt instead of the shared pool (tests count comparisons or shed with a small queue). */
  bcrypt?: BcryptRunner;
  /** Told of sign-ins from new devices (default: the security notice by mail). */
  newDevices?: NewDeviceSignInListener;
  /** Mail links and reset limits (default: from params). */
  recovery?: RecoveryConfig;
}

/** How long a queued message may wait for delivery before the TTL policy deletes it. */
const UNDELIVERED_MAIL_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The outbox other services send mail through (delivered by the onMailQueued trigger). */
export function makeMailOutbox(db: Firestore, now?: () => Date): MailOutbox {
  return new MailOutbox(new FirestoreMailRepository(db), { undeliveredRetentionMs: UNDELIVERED_MAIL_RETENTION_MS, now });
}

/** Accounts and sessions: the auth middleware, the auth service and the users service. */
export function makeAccountDeps(
  db: Firestore,
  config: AuthConfig,
  overrides: AccountDepsOverrides = {},
): Pick<AppDeps, "auth" | "accounts" | "users" | "passwordReset" | "emailVerification" | "emailChange"> {
  const bcrypt = overrides.bcrypt ?? (sharedBcryptPool ??= new BcryptPool(config.bcryptWorkers, config.bcryptQueue));
  const cipher = new FieldCipher(config.piiKeys);
  const users = new FirestoreUserRepository(db, cipher);
  const access = new AccessTokenService(
    { signingKey: config.jwtSigningKey, issuer: config.issuer, audience: config.audience, ttlSeconds: config.accessTokenTtlSeconds },
    users,
  );
  const tokens = new TokenService(access, new FirestoreRefreshTokenRepository(db, cipher), users, {
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
    now: overrides.now,
  });
  // getAuth() on first use, as for the identities: building the deps must not need the Auth service.
  const firebase = new AdminFirebaseSessions(() => overrides.auth ?? getAuth());
  const hasher = new PepperedBcryptHasher(bcrypt, config.passwordPepper, config.bcryptCost);
  const throttleStore = new FirestoreThrottleRepository(db);
  const throttle = new LoginThrottle(throttleStore, overrides.throttlePolicy ?? DEFAULT_THROTTLE_POLICY);
  const outbox = makeMailOutbox(db, overrides.now);
  const notices = new SecurityNotices(outbox, { emailOf: async (uid) => (await users.findById(uid))?.email ?? null }, overrides.now);
  const accountTokens = new FirestoreAccountTokenRepository(db);
  const verificationSettings = () => {
    const recovery = overrides.recovery ?? loadRecoveryConfig();
    return { linkOrigin: recovery.linkOrigin, policy: recovery.emailVerification ?? DEFAULT_EMAIL_VERIFICATION_POLICY };
  };
  const emailChange: EmailChangeService = new EmailChangeService({
    users,
    tokens: accountTokens,
    counters: throttleStore,
    outbox,
    // `accounts` is built below and needs the verification service; the change calls it only at request time.
    reauth: { reauthenticate: (uid, proof): Promise<void> => accounts.reauthenticate(uid, proof) },
    emailIndexOf: (email) => accounts.emailIndexOf(email),
    endFirebaseSessions: (uid) => accounts.revokeFirebaseSessions(uid),
    passwordReset: { mailLink: (uid, email): Promise<void> => passwordReset.mailLink(uid, email) },
    settings: verificationSettings,
    now: overrides.now,
  });
  const emailVerification: EmailVerificationService = new EmailVerificationService({
    users,
    tokens: accountTokens,
    counters: throttleStore,
    outbox,
    emailChange,
    settings: verificationSettings,
    now: overrides.now,
  });
  const accounts: AuthService = new AuthService({
    users,
    tokens,
    hasher,
    throttle,
    notices,
    emailVerification,
    identities: overrides.identities ?? new FirebaseIdentityVerifier(overrides.auth ?? getAuth()),
    firebase,
    emailIndexKey: config.emailIndexKey,
    knownDevices: new FirestoreKnownDeviceRepository(db),
    newDevices: overrides.newDevices ?? { onNewDeviceSignIn: ({ uid, deviceLabel }) => notices.newDevice(uid, deviceLabel ?? "") },
    now: overrides.now,
  });
  const passwordReset: PasswordResetService = new PasswordResetService({
    users,
    tokens: accountTokens,
    counters: throttleStore,
    hasher,
    throttle,
    outbox,
    notices,
    emailIndexOf: (email) => accounts.emailIndexOf(email),
    endFirebaseSessions: (uid) => accounts.revokeFirebaseSessions(uid),
    clientKeyOf: (ip) => hmacSha256(config.emailIndexKey, `reset-ip:${ip}`),
    settings: () => {
      const recovery = overrides.recovery ?? loadRecoveryConfig();
      return { linkOrigin: recovery.linkOrigin, policy: recovery.passwordReset };
    },
    now: overrides.now,
  });
  return {
    auth: requireAuth(access),
    accounts,
    passwordReset,
    emailVerification,
    emailChange,
    users: new UsersService(
      users,
      accounts,
      [...USER_DATA_EXPORTERS.map((make) => make(db, cipher)), new FirebaseSessionsExporter(firebase)],
      overrides.now,
    ),
  };
}

/** The key rotation command (scripts/rotate-keys.ts): every user's encrypted values re-sealed with the ring's active key. */
export function makeKeyRotation(db: Firestore, ring: KeyRing): KeyRotationService {
  return new KeyRotationService(
    new FirestoreUserRepository(db, new FieldCipher(ring)),
    new FirestoreRotationCheckpoints(db),
    ring.activeKeyId,
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
      new DirectoryPrivacyLookup(new FirestoreUserDirectory(db)),
    ),
    retraining,
    liveVersions: makeLiveVersionService(db, config),
  };
}
