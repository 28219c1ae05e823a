import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth, type Auth } from "firebase-admin/auth";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
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
}

/**
 * The composition root: real repositories and services for the deployed functions. Outside the
 * Functions runtime params have no values, so tests pass their own config and seams through `options`
 * (see test/helpers/accounts.ts).
 */
export function makeDeps(db: Firestore = firestore(), options: DepsOptions = {}): AppDeps {
  const config = options.http ?? loadHttpConfig();
  return {
    config,
    health: new HealthService(new FirestoreProbe(db), { version: config.version }),
    ...makeAccountDeps(db, options.auth ?? loadAuthConfig(), options.accountOverrides ?? {}),
    ...makeCatalogueDeps(db, options.catalogue ?? loadCatalogueConfig()),
  };
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
    movies: new MoviesService(movieRepo, aggregates, ratingRepo, libraryRepo, new MovieDetailsService(new FirestoreMovieDetailsCache(db), tmdb)),
    ratings,
    library: new LibraryService(libraryRepo, movieRepo, ratings, new FirestoreWatchedCounter(db)),
  };
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
];

/** GET /v1/me/export, extension point: one exporter per domain holding data the user gave us. */
export const USER_DATA_EXPORTERS: ReadonlyArray<(db: Firestore) => UserDataExporter> = [
  (db) => new RatingsExporter(new FirestoreRatingRepository(db)),
  (db) => new LibraryExporter(new FirestoreLibraryRepository(db)),
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
    users: new UsersService(users, accounts, USER_DATA_EXPORTERS.map((make) => make(db)), overrides.now),
  };
}
