/**
 * The triggers' container: the services the Firestore and scheduled triggers call, built once per
 * instance on the first event, and nothing the API alone needs (no secrets, no TMDB, no token service).
 * The API's composition root (deps.ts) reuses the builders here for the services both share.
 */
import type { Firestore } from "firebase-admin/firestore";
import { getAuth } from "firebase-admin/auth";
import { getMessaging } from "firebase-admin/messaging";
import { FirestoreKnownDeviceRepository, RefreshTokensEraser, FirestoreRefreshTokenRepository } from "./auth/auth.repository";
import { AdminFirebaseSessions, FirebaseSessionsEraser } from "./auth/firebase-sessions";
import { PUSH_DELIVERY } from "./config/params";
import { CrewsEraser } from "./crews/crews.erasure";
import { FirestoreCrewsRepository } from "./crews/crews.repository";
import { CrewsService } from "./crews/crews.service";
import { FeedEraser } from "./feed/feed.erasure";
import { FirestoreFeedRepository } from "./feed/feed.repository";
import { FeedService } from "./feed/feed.service";
import { CatalogueActivitySources } from "./feed/feed.sources";
import { CompatibilityService } from "./friends/compatibility.service";
import { FriendsEraser } from "./friends/friends.erasure";
import { FirestoreFriendsRepository } from "./friends/friends.repository";
import { type FriendRequestLimits, FriendsService } from "./friends/friends.service";
import { FirestoreUserDirectory, type UserDirectory } from "./friends/people.repository";
import { PeopleService } from "./friends/people.service";
import { LibraryEraser } from "./library/library.erasure";
import { loadMailConfig } from "./mail/mail.config";
import { MailEraser } from "./mail/mail.erasure";
import { FirestoreMailRepository } from "./mail/mail.repository";
import { DEFAULT_DELIVERY_POLICY, MailDeliveryService } from "./mail/mail.service";
import { SmtpMailTransport } from "./mail/smtp-transport";
import { FirestoreLibraryRepository, FirestoreWatchedCounter } from "./library/library.repository";
import { LibraryService } from "./library/library.service";
import { FirestoreMovieRepository } from "./movies/movies.repository";
import { DeckBuilder, type GroupRanker } from "./nights/nights.deck";
import { loadNightsConfig, type NightsConfig } from "./nights/nights.config";
import { NightsEraser } from "./nights/nights.erasure";
import { LiveRoomPublisher } from "./nights/nights.live";
import { FirestoreNightsRepository } from "./nights/nights.repository";
import { NightsService } from "./nights/nights.service";
import { NotificationsEraser } from "./notifications/notifications.erasure";
import { FirestoreDeviceRepository, FirestoreNotificationRepository } from "./notifications/notifications.repository";
import { NotificationService } from "./notifications/notifications.service";
import { FcmPushTransport, LogPushTransport, type PushTransport } from "./notifications/push";
import { RatingsEraser } from "./ratings/ratings.erasure";
import { AccountTokensEraser } from "./recovery/recovery.erasure";
import { FirestoreAccountTokenRepository } from "./recovery/recovery.repository";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "./ratings/ratings.repository";
import { RatingsService } from "./ratings/ratings.service";
import { loadRecommenderConfig, openModelStore, type RecommenderConfig } from "./recommendations/recommendations.config";
import { ModelProvider } from "./recommendations/model-provider";
import {
  DirectoryPrivacyLookup,
  FirestoreRecommenderStateRepository,
  FriendsRepositoryChecker,
} from "./recommendations/recommendations.repository";
import { RecommendationsService } from "./recommendations/recommendations.service";
import { RetrainService } from "./recommendations/retrain.service";
import { FirestoreRatingsSource } from "./recsys/firestore-ratings";
import type { ModelStore } from "./recsys/store";
import { firestore } from "./shared/firestore";
import { FirestoreAccountDeletionRepository, AccountTreeEraser, FirebaseAuthUsersEraser } from "./users/account-deletion.repository";
import { AccountDeletionCascade } from "./users/account-deletion.service";
import type { UserDataEraser } from "./users/user-data-erasers";

/** Seams of the social wiring: integration tests record pushes (FCM has no emulator) and set the clock. */
export interface SocialDepsOptions {
  push?: PushTransport;
  now?: () => Date;
  /** The friend request caps (the API reads them from params; the triggers never need them). */
  friendLimits?: FriendRequestLimits;

  /** Crews' and scheduled nights' settings (default: the params). */
  nights?: NightsConfig;
}

/** The push transport PUSH_DELIVERY names: FCM (production, the default) or a log line (local emulators). */
function pushTransportFromParams(): PushTransport {
  if (PUSH_DELIVERY.value() === "log") return new LogPushTransport();
  // getMessaging() on first send: building the deps must not need the messaging service.
  return new FcmPushTransport({ sendEachForMulticast: (message) => getMessaging().sendEachForMulticast(message) });
}

/** Ratings, the watched list and the watchlist (the catalogue's trigger-side services: no TMDB). */
export function makeRatingsAndLibrary(db: Firestore): { ratings: RatingsService; library: LibraryService } {
  const movieRepo = new FirestoreMovieRepository(db);
  const ratings = new RatingsService(new FirestoreRatingRepository(db), new FirestoreRatingAggregatesStore(db), movieRepo);
  return { ratings, library: new LibraryService(new FirestoreLibraryRepository(db), movieRepo, ratings, new FirestoreWatchedCounter(db)) };
}

/** The social services: friends, people, compatibility, the feed and notifications. */
export interface SocialServices {
  friends: FriendsService;
  people: PeopleService;
  compatibility: CompatibilityService;
  feed: FeedService;
  notifications: NotificationService;
}

/** The social services over a user directory (the API's opens display names with the cipher; the triggers' does not). */
export function makeSocialServices(db: Firestore, directory: UserDirectory, options: SocialDepsOptions = {}): SocialServices {
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
    friends: new FriendsService(friendsRepo, directory, notifications, feed, options.now, options.friendLimits),
    people: new PeopleService(directory, friendsRepo, ratingRepo, libraryRepo),
    compatibility: new CompatibilityService(ratingRepo, friendsRepo, directory, movieRepo),
    feed,
    notifications,
  };
}

/** The social services for the triggers, which never show display names and so need no secret. */
export function makeSocialTriggerDeps(db: Firestore, options: SocialDepsOptions = {}): SocialServices {
  return makeSocialServices(db, new FirestoreUserDirectory(db), options);
}

/** Stands in for the group ranking where no deck is ever built (the triggers); a call is a wiring bug. */
const NO_DECKS: GroupRanker = {
  rankForMembers: () => Promise.reject(new Error("movie night decks are built by the API only")),
};

/** Crews: membership, invitations, and the memory their nights keep (vetoes, history, taste). */
export function makeCrewsService(db: Firestore, social: SocialDepsOptions = {}): CrewsService {
  const { notifications } = makeSocialTriggerDeps(db, social);
  return new CrewsService(
    new FirestoreCrewsRepository(db),
    new FirestoreFriendsRepository(db),
    new FirestoreUserDirectory(db),
    new FirestoreMovieRepository(db),
    new FirestoreRatingRepository(db),
    notifications,
    { vetoDays: (social.nights ?? loadNightsConfig()).vetoDays },
    social.now,
  );
}

/** Movie nights over a group ranking: the API passes the recommender's (the same live model as its routes). */
export function makeNightsService(db: Firestore, ranker: GroupRanker, social: SocialDepsOptions = {}): NightsService {
  const config = social.nights ?? loadNightsConfig();
  const movies = new FirestoreMovieRepository(db);
  const libraryRepo = new FirestoreLibraryRepository(db);
  const ratingRepo = new FirestoreRatingRepository(db);
  const { notifications } = makeSocialTriggerDeps(db, social);
  const { library } = makeRatingsAndLibrary(db);
  const memberMovies = {
    allWatched: (uid: string) => libraryRepo.allWatched(uid),
    allWatchlist: (uid: string) => libraryRepo.allWatchlist(uid),
    listAllByUser: (uid: string) => ratingRepo.listAllByUser(uid),
  };
  return new NightsService(
    new FirestoreNightsRepository(db),
    new DeckBuilder(ranker, memberMovies, movies),
    new FirestoreFriendsRepository(db),
    new FirestoreUserDirectory(db),
    movies,
    notifications,
    library,
    social.now,
    makeCrewsService(db, { ...social, nights: config }),
    { reminderLeadMs: config.reminderLeadMs },
  );
}

/**
 * The recommender's group ranking outside the API (the scheduled nights job builds decks): the live model
 * from the store, or popular films without one. Group ranking reads no favourite genres, so no secret is needed.
 */
export function makeGroupRanker(db: Firestore, config: RecommenderConfig): GroupRanker {
  return new RecommendationsService(
    new ModelProvider(lazyModelStore(config), new FirestoreRecommenderStateRepository(db), config.pointerCheckIntervalMs),
    new FirestoreMovieRepository(db),
    new FirestoreRatingRepository(db),
    new FirestoreLibraryRepository(db),
    { favouriteGenres: () => Promise.resolve([]) },
    new FriendsRepositoryChecker(new FirestoreFriendsRepository(db)),
    new DirectoryPrivacyLookup(new FirestoreUserDirectory(db)),
  );
}

/** Movie nights for their triggers and account deletion (matches, expiry, erasure: no deck building, no secrets). */
export function makeNightsTriggerDeps(db: Firestore, options: SocialDepsOptions = {}): NightsService {
  return makeNightsService(db, NO_DECKS, options);
}

/**
 * Account deletion, extension point: one eraser per domain that stores data about a user (including
 * entries in other users' data). The cascade runs them in this order, then erases `users/{uid}` and
 * everything under it last. Each must be idempotent (see users/user-data-erasers.ts).
 */
const USER_DATA_ERASERS: ReadonlyArray<(db: Firestore) => UserDataEraser> = [
  (db) => new RefreshTokensEraser(new FirestoreRefreshTokenRepository(db), new FirestoreKnownDeviceRepository(db)),
  (db) => new RatingsEraser(new FirestoreRatingRepository(db)),
  (db) => new LibraryEraser(new FirestoreLibraryRepository(db)),
  (db) => new FriendsEraser(new FirestoreFriendsRepository(db)),
  (db) => new FeedEraser(new FirestoreFeedRepository(db)),
  (db) => new NotificationsEraser(new FirestoreNotificationRepository(db)),
  (db) => new NightsEraser(makeNightsTriggerDeps(db)),
  () => new FirebaseSessionsEraser(new AdminFirebaseSessions(() => getAuth())),

  (db) => new FirebaseAuthUsersEraser(db, () => getAuth()),

  (db) => new CrewsEraser(makeCrewsService(db)),

  (db) => new MailEraser(new FirestoreMailRepository(db)),
  (db) => new AccountTokensEraser(new FirestoreAccountTokenRepository(db)),
];

/** The deletion cascade the `onAccountDeletionRequested` trigger runs. */
export function makeAccountDeletionCascade(db: Firestore = firestore()): AccountDeletionCascade {
  return new AccountDeletionCascade(
    new FirestoreAccountDeletionRepository(db),
    USER_DATA_ERASERS.map((make) => make(db)),
    [new AccountTreeEraser(db)],
  );
}

/** The configured model store, opened once (undefined for "none"). */
export function lazyModelStore(config: RecommenderConfig): () => Promise<ModelStore | undefined> {
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

/** Mail delivery over SMTP, from the SMTP_URL secret and MAIL_FROM. */
export function makeMailDelivery(db: Firestore): MailDeliveryService {
  const config = loadMailConfig();
  return new MailDeliveryService(
    new FirestoreMailRepository(db),
    new SmtpMailTransport(config.smtpUrl, config.from),
    DEFAULT_DELIVERY_POLICY,
  );
}

/** What the triggers call: one service per trigger family. */
export interface TriggerDeps {
  ratings: RatingsService;
  library: LibraryService;
  friends: FriendsService;
  feed: FeedService;
  nights: NightsService;
  /** Swipe progress into the rooms' live views. */
  live: LiveRoomPublisher;

  /** Built on first use: only the scheduled nights job builds decks (it loads the recommender). */
  scheduledNights(): NightsService;
  accountDeletion: AccountDeletionCascade;
  /** Built on first use: only the retraining function reads the recommender's params. */
  retraining(): RetrainService;
  /** Built on first use: only the mail trigger reads the SMTP secret. */
  mailDelivery(): MailDeliveryService;
}

/** Builds the triggers' services over a database (tests pass the emulator's and their own seams). */
export function makeTriggerDeps(db: Firestore, options: SocialDepsOptions = {}): TriggerDeps {
  const { ratings, library } = makeRatingsAndLibrary(db);
  const { friends, feed } = makeSocialTriggerDeps(db, options);
  let retrain: RetrainService | undefined;
  let scheduled: NightsService | undefined;

  let mail: MailDeliveryService | undefined;
  return {
    ratings,
    library,
    friends,
    feed,
    nights: makeNightsTriggerDeps(db, options),
    live: new LiveRoomPublisher(new FirestoreNightsRepository(db)),

    scheduledNights: () => (scheduled ??= makeNightsService(db, makeGroupRanker(db, loadRecommenderConfig()), options)),
    accountDeletion: makeAccountDeletionCascade(db),
    retraining: () => (retrain ??= makeRetrainService(db, loadRecommenderConfig())),
    mailDelivery: () => (mail ??= makeMailDelivery(db)),
  };
}

let instance: TriggerDeps | undefined;

/** The triggers' services for this instance, built on the first event (params are readable only at run time). */
export function triggerDeps(): TriggerDeps {
  return (instance ??= makeTriggerDeps(firestore()));
}
