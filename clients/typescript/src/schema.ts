// Generated from api/openapi.json by openapi-typescript (`npm run generate` in clients/typescript).
// Do not edit: change the contract and regenerate.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness, version and whether the database answers
         * @description 200 when Firestore answers; 503 with the same body (status `degraded`) when it does not. Probes are cached for a few seconds.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account with email and password
         * @description The password is 12 to 128 characters, not a common or easily guessed one, and contains neither the email's local part nor the handle (400 says which rule failed in `details[].reason`). 409 when the email or the handle is taken.
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description Ten consecutive failures lock the account for a growing delay; per-address and per-email limits also apply (429 with Retry-After). 503 with Retry-After when the instance's password hashing is saturated. An unknown email and a wrong password get the same 401.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new token pair (rotation; reuse revokes the session)
         * @description Exchange a refresh token for a new token pair (rotation; reuse revokes the session)
         */
        post: operations["refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session the refresh token belongs to
         * @description Idempotent: an unknown or already used refresh token also answers 204.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session and access token of the caller
         * @description End every session and access token of the caller
         */
        post: operations["logoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/firebase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a Firebase Auth ID token (Google or Apple sign-in) for the app's tokens
         * @description The account is found by the provider's user id, else linked by a verified email to an account without a password, else created. 409 when the email belongs to an account with a password (sign in with it first); 503 when no free handle could be chosen (retry).
         */
        post: operations["signInWithFirebase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/firebase-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A Firebase custom token for the caller, to sign in to Firebase Auth and listen to a movie night room live
         * @description Pass it to Firebase Auth's `signInWithCustomToken`; the Firebase user's uid is the caller's id. Signing out everywhere, a password change or reset, undoing an email change and account deletion end those Firebase sessions too, and the room's view then refuses their ID tokens at once (the token carries the account's token version). When a read or a listener of the room fails with `permission-denied` while the person is still in the room (after a password change on this device, say), ask for a new custom token and sign in to Firebase with it again.
         */
        post: operations["createFirebaseToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the password; every other session is revoked and this one gets a new token pair
         * @description 403 when `currentPassword` is wrong (failures count towards the sign-in lock: 429 with Retry-After); 409 when the account has no password (Google/Apple only).
         */
        put: operations["changePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's live sign-in sessions, most recently used first
         * @description `current` marks the session of the access token making the request.
         */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End one of the caller's sessions: its refresh token stops working
         * @description The caller may end their current session too. Access tokens already issued for it stay valid until they expire (at most 15 minutes). 404 when the caller has no session with this id; ending an ended session is a no-op.
         */
        delete: operations["endSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a link to choose a new password
         * @description Answers 202 with the same body, in about the same time, whether or not the address has an account (no account oracle). An account with a password gets a link valid 30 minutes, once; at most a few mails per address per hour (further requests answer alike and send nothing). 429 with Retry-After when one client asks too often.
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the token of a reset link
         * @description The password follows the sign-up rules. Every session of the account ends, the sign-in lockout is cleared, and the account's address gets a notice. 400 when the link is not valid, expired or already used (`details[0].message`: `unknown`, `expired`, `used`); nothing changes then.
         */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/email-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the account's email address with the token of a verification link
         * @description The link is mailed at sign-up (and on request), valid 24 hours, once, and only for the address it was sent to. 400 when the link is not valid, expired or already used (`details[0].message`: `unknown`, `expired`, `used`); nothing changes then.
         */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/email-verification/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail the caller a new verification link
         * @description Earlier links stop working. 409 when the address is already verified (or the account has none); 429 with Retry-After beyond a few links per account per hour.
         */
        post: operations["resendEmailVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's account
         * @description The caller's account
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Delete the account and everything it owns (needs the password or a Google/Apple sign-in of the last 5 minutes)
         * @description Send either `password` or a fresh Firebase `idToken`. 403 when the proof is wrong or the Google/Apple sign-in is too old; 409 when a password is given for an account without one; 429 after too many wrong passwords.
         */
        delete: operations["deleteMe"];
        options?: never;
        head?: never;
        /**
         * Change the display name, handle or preferences
         * @description Give at least one of `displayName`, `handle` and `preferences` (and at least one preference). 409 when the handle is taken.
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything the user gave us, as JSON
         * @description Sent as an attachment (`movie-night-export.json`).
         */
        get: operations["exportMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the account's email address (needs the password or a Google/Apple sign-in of the last 5 minutes)
         * @description Send `newEmail` with either `password` or a fresh Firebase `idToken`. A link goes to the new address; the account switches to it when the link is opened (POST /v1/auth/email-verification), and until then signs in with its current address. The old address is then told, with a link that undoes the change for 7 days; no new change starts before that (409, `details[0].message` `recent-email-change`). Asking again replaces the pending address. An account whose Google/Apple address was never verified verifies it this way (`newEmail` its own address). 400 for the current address; 403 when the proof is wrong or too old; 409 when another account holds the address or a password is given for an account without one; 429 beyond a few verification mails per hour.
         */
        put: operations["changeEmail"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/email-change/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo an email change with the token of the link mailed to the old address
         * @description The old address comes back (verified) and every session of the account ends: whoever made the change could sign in. The link works once, for 7 days. 400 when it is not valid, expired, used or there is nothing left to undo (`details[0].message`: `unknown`, `expired`, `used`); nothing changes then.
         */
        post: operations["undoEmailChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/movies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search and browse the catalogue
         * @description `q` matches titles by word prefixes, ignoring case, accents and word order. Filters combine. Sorted by popularity (number of ratings) or rating (a Bayesian average, so a single vote does not top the list).
         */
        get: operations["listMovies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/movies/{movieId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One film: aggregates, details (when configured) and the caller's own state
         * @description One film: aggregates, details (when configured) and the caller's own state
         */
        get: operations["getMovie"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/ratings/{movieId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rate a film (0.5 to 5 in steps of 0.5); re-rating replaces the value
         * @description Rate a film (0.5 to 5 in steps of 0.5); re-rating replaces the value
         */
        put: operations["putMyRating"];
        post?: never;
        /**
         * Remove the caller's rating of a film (no error if there was none)
         * @description Remove the caller's rating of a film (no error if there was none)
         */
        delete: operations["deleteMyRating"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's ratings, most recently changed first
         * @description The caller's ratings, most recently changed first
         */
        get: operations["listMyRatings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/watched/{movieId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Log a film as watched (and optionally rate it); takes it off the watchlist
         * @description Logging a film already in the diary replaces its date. The body may be left out: watched now, no rating.
         */
        put: operations["putWatched"];
        post?: never;
        /**
         * Remove a film from the diary (no error if it was not there)
         * @description Remove a film from the diary (no error if it was not there)
         */
        delete: operations["deleteWatched"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/watched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's diary, most recently watched first
         * @description The caller's diary, most recently watched first
         */
        get: operations["listWatched"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/watchlist/{movieId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a film to the watchlist, or update its note
         * @description The body may be left out: added without a note.
         */
        put: operations["putWatchlist"];
        post?: never;
        /**
         * Take a film off the watchlist (no error if it was not there)
         * @description Take a film off the watchlist (no error if it was not there)
         */
        delete: operations["deleteWatchlist"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/watchlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's watchlist, most recently added first
         * @description The caller's watchlist, most recently added first
         */
        get: operations["listWatchlist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find people by the start of their handle
         * @description Case does not matter and a leading `@` is ignored.
         */
        get: operations["searchUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's public profile: handle, display name, counts, and whether their activity is visible to the caller
         * @description A person's public profile: handle, display name, counts, and whether their activity is visible to the caller
         */
        get: operations["getPublicProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{uid}/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's ratings, newest first, if their privacy setting shows them to the caller
         * @description A person's ratings, newest first, if their privacy setting shows them to the caller
         */
        get: operations["listUserRatings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{uid}/watched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's diary, if their privacy setting shows it to the caller
         * @description A person's diary, if their privacy setting shows it to the caller
         */
        get: operations["listUserWatched"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/friends/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pending friend requests to or from the caller, newest first
         * @description Pending friend requests to or from the caller, newest first
         */
        get: operations["listFriendRequests"];
        put?: never;
        /**
         * Ask someone to be friends (accepts their request if they already asked you)
         * @description A request to someone who blocked the caller is answered like any other but never shown to them. 409 when already friends, already asked, or the caller blocked them; also 409 when the caller has as many pending requests as allowed (`details.reason` `pending-limit`, with `limit`) or either person would pass the 1,000-friend cap (`friend-limit`). 429 with `Retry-After` when the caller's last request to this person was declined or cancelled within the pause (`details.reason` `request-pause`, with `retryAfterSeconds`). The recipient is notified of at most one request from the same person a day.
         */
        post: operations["sendFriendRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/friends/requests/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a friend request (its recipient only)
         * @description 404 for a request the caller is not party to; 403 for its sender; 409 when either person would pass the 1,000-friend cap (`details.reason` `friend-limit`), counted in the transaction that creates the friendship.
         */
        post: operations["acceptFriendRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/friends/requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a friend request (its recipient only)
         * @description The sender may not ask the caller again until the pause (a day by default) is over.
         */
        post: operations["declineFriendRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/friends/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Cancel a friend request (its sender only)
         * @description The caller may not ask the same person again until the pause (a day by default) is over.
         */
        delete: operations["cancelFriendRequest"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/friends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's friends, newest friendship first
         * @description The caller's friends, newest friendship first
         */
        get: operations["listFriends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/friends/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End a friendship (both sides); no error if there was none
         * @description End a friendship (both sides); no error if there was none
         */
        delete: operations["unfriend"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/friends/{uid}/compatibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Taste compatibility with a friend (0 to 100) and the films you both loved
         * @description Only between friends (403 otherwise), and only when the friend does not keep their ratings private (403).
         */
        get: operations["getCompatibility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * People the caller blocked, most recent first
         * @description People the caller blocked, most recent first
         */
        get: operations["listBlocks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/blocks/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Block someone: ends the friendship and any requests, and hides their future requests
         * @description Block someone: ends the friendship and any requests, and hides their future requests
         */
        put: operations["blockUser"];
        post?: never;
        /**
         * Unblock someone (no error if they were not blocked)
         * @description Unblock someone (no error if they were not blocked)
         */
        delete: operations["unblockUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Friends' ratings, diary entries and watchlist additions, newest first (as each friend's privacy setting allows)
         * @description Items of people who are no longer friends, or who now keep their activity private, are left out, so a page may hold fewer than `limit` items while `nextCursor` is still given.
         */
        get: operations["getFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's notifications, newest first, with the unread count
         * @description The caller's notifications, newest first, with the unread count
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark every notification read
         * @description Mark every notification read
         */
        post: operations["markAllNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one notification read
         * @description Mark one notification read
         */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/devices/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Register this device for push notifications (moves it off any other account)
         * @description Registering a token already registered refreshes it (200). The token leaves any other account it was registered to, so a shared phone pushes only to whoever signed in last.
         */
        put: operations["putDevice"];
        post?: never;
        /**
         * Stop push notifications to this device
         * @description Unregistering a token that is not registered is not an error.
         */
        delete: operations["deleteDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Films for the caller, each with a reason
         * @description Never a film the caller rated, watched or put on the watchlist. Ratings given since the model was trained count at once (source `fold-in`); with no ratings, well-rated popular films in the caller's favourite genres (`cold-start`); with no model published yet, well-rated popular films from the catalogue (`popular`).
         */
        get: operations["getMyRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/movies/{movieId}/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Films similar to one film
         * @description Films rated by at least 3 of the same people, most similar first (`basis: co-ratings`); when there are too few, films of the same genres and era fill the list (`basis: content`) and `note` says so.
         */
        get: operations["getSimilarMovies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/recommendations/group": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Films for the caller and some of their friends to watch together
         * @description Each member's model scores are standardised; a film any member is predicted to rate below 2.5 stars is vetoed; the rest rank by 0.5 x the members' mean plus 0.5 x the least happy member's score. Films anyone in the group has watched or rated are left out. Every uid must be the caller's friend whose privacy setting shows their ratings and watched films to the caller (403 otherwise, naming the entries).
         */
        post: operations["getGroupRecommendations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/recommender/retrain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retrain the recommender now (administrators)
         * @description Deployed: starts the retrainRecommender job (202). Local emulators: retrains in the API instance and answers with the outcome (200). Either way the new model is promoted only if it measures not worse than the live one.
         */
        post: operations["retrainRecommender"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/recommender/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a kept model version in service: force-promote or roll back (administrators)
         * @description Bypasses the gate. The version must be kept in the model store and load as serving loads it. The change is `rollback` when the version is older than the live one, `force-promote` otherwise, and is recorded with who made it.
         */
        post: operations["setLiveRecommender"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a movie night with the caller as host and a 6-character join code, or schedule one (`startsAt`)
         * @description Refused (409) while the caller is in a room that has not closed; leave it first. With `crewId` (a crew the caller is in, 404 otherwise) the crew's other members are invited and the deck remembers the crew. With `startsAt` the night is scheduled: no code, nobody's open room; invited people answer, and at its time it starts with those who said yes (or is cancelled when fewer than two did).
         */
        post: operations["createNight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join an open movie night by its code (the host's friends and invited people only)
         * @description The code ignores case and surrounding spaces. Joining a room the caller is already in answers the room. 403 for someone neither the host's friend nor invited; 409 when the room is full or the caller is in another room.
         */
        post: operations["joinNight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The room (members only): members, state, matches in the order they happened, everyone's progress
         * @description The room (members only): members, state, matches in the order they happened, everyone's progress
         */
        get: operations["getNight"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite a friend to an open room (an in-app and push notification with the code)
         * @description Any member may invite their own friends; an invited person may join without being the host's friend.
         */
        post: operations["inviteToNight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Answer a scheduled movie night: yes, no or maybe (again to change it)
         * @description For the people invited to it; 409 for the host and once the night is no longer scheduled.
         */
        put: operations["answerNight"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a scheduled movie night (host); everyone else is told once per new time
         * @description Move a scheduled movie night (host); everyone else is told once per new time
         */
        post: operations["rescheduleNight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a scheduled movie night (host); everyone else is told once
         * @description Cancelling again answers the cancelled night; 409 once it has started.
         */
        post: operations["cancelNight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Leave a room; a leaving host hands it over, the last one out closes it
         * @description Leave a room; a leaving host hands it over, the last one out closes it
         */
        post: operations["leaveNight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start the room (host, at least two people): the deck is chosen for the group and frozen
         * @description 409 when the room is not open, has fewer than two people or fewer than the rule's `k`, or no film fits the filters; 503 when people kept joining or leaving during the start (try again).
         */
        post: operations["startNight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/deck": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of the frozen deck, in the same order for every member, with the caller's own swipes
         * @description 409 until the host starts the room.
         */
        get: operations["getNightDeck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/swipes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Like or pass a film of the deck; a second swipe on the same film replaces the first
         * @description 409 before the room starts and after it closes; 400 for a film not in the deck.
         */
        post: operations["swipeInNight"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nights/{id}/watched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a matched film watched in every member's diary, ask each to rate it, and close the room
         * @description Only a film the group matched on (409 otherwise); repeating it changes nothing more.
         */
        post: operations["markNightWatched"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/crews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's crews, newest first
         * @description The caller's crews, newest first
         */
        get: operations["listCrews"];
        put?: never;
        /**
         * Create a crew with the caller as owner and only member
         * @description Create a crew with the caller as owner and only member
         */
        post: operations["createCrew"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/crews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A crew (its members and the people invited to it)
         * @description A crew (its members and the people invited to it)
         */
        get: operations["getCrew"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/crews/{id}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite a friend to the crew (an in-app and push notification)
         * @description Any member may invite their own friends; 409 when the crew is full or the person is in it already.
         */
        post: operations["inviteToCrew"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/crews/{id}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a crew the caller was invited to
         * @description Joining again answers the crew; 404 without an invitation; 409 when the crew is full.
         */
        post: operations["joinCrew"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/crews/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Leave a crew (or decline its invitation); the last one out deletes it with its memory
         * @description Leave a crew (or decline its invitation); the last one out deletes it with its memory
         */
        post: operations["leaveCrew"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/crews/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The crew's matches and the films it watched together, newest first (members only)
         * @description The crew's matches and the films it watched together, newest first (members only)
         */
        get: operations["getCrewHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API contract (OpenAPI 3.1)
         * @description The document a client is generated from; the same file is committed as `api/openapi.json`.
         */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Block: {
            uid: string;
            /** @description Public handle, without the @; null when the account no longer exists */
            handle: string | null;
            /** Format: date-time */
            blockedAt: string;
        };
        BlockPage: {
            items: components["schemas"]["Block"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        Compatibility: {
            uid: string;
            /** @description 0 to 100; 50 is neutral (no evidence either way); null when no film was rated by both */
            score: number | null;
            /** @description Films both people rated */
            commonFilms: number;
            /**
             * @description How much the score says, from the number of films in common
             * @enum {string}
             */
            confidence: "none" | "low" | "medium" | "high";
            /** @description Films both rated 4 or more, best first (at most 10) */
            bothLoved: {
                movieId: number;
                title: string;
                year: number | null;
                yourRating: number;
                theirRating: number;
            }[];
        };
        Crew: {
            id: string;
            name: string;
            owner: {
                uid: string;
                /** @description Null when the handle is unavailable */
                handle: string | null;
            };
            /** @description In join order */
            members: {
                uid: string;
                /** @description Null when the handle is unavailable */
                handle: string | null;
            }[];
            /** @description Invited, not joined yet */
            invited: {
                uid: string;
                /** @description Null when the handle is unavailable */
                handle: string | null;
            }[];
            /** @description A crew has at most as many people as a movie night */
            maxMembers: number;
            /** Format: date-time */
            createdAt: string;
        };
        CrewHistoryItem: {
            /**
             * @description match: the crew matched on it in a night; watched: the crew watched it together
             * @enum {string}
             */
            kind: "match" | "watched";
            movieId: number;
            title: string | null;
            nightId: string;
            /** Format: date-time */
            at: string;
        };
        CrewHistoryPage: {
            items: components["schemas"]["CrewHistoryItem"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        CrewPage: {
            items: components["schemas"]["Crew"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        DeckCard: {
            /** @description Place in the deck, from 0 */
            position: number;
            movie: {
                movieId: number;
                title: string;
                year: number | null;
                genres: string[];
            };
            /** @description The caller's own swipe on it (never anyone else's); null before swiping */
            liked: boolean | null;
        };
        DeckFilters: {
            /** @description Any of these genres; empty: every genre */
            genres: string[];
            yearFrom: number | null;
            yearTo: number | null;
        };
        DeckPage: {
            items: components["schemas"]["DeckCard"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        Device: {
            /** @description As last given (a registration without one keeps the earlier value); null when never given */
            platform: ("ios" | "android" | "web") | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description The last registration (apps re-register on start)
             */
            updatedAt: string;
        };
        EmailChangeRequested: {
            /** @description What happens next, in words */
            message: string;
            /** @description The address the link went to; the account switches to it when the link is opened */
            pendingEmail: string;
        };
        /** @description The one error format */
        Error: {
            error: {
                /**
                 * @description Stable, machine-readable reason; switch on this, not on the message
                 * @enum {string}
                 */
                code: "invalid-argument" | "unauthenticated" | "permission-denied" | "not-found" | "already-exists" | "failed-precondition" | "payload-too-large" | "resource-exhausted" | "internal" | "unavailable";
                /** @description For developers; not localised */
                message: string;
                /** @description For invalid-argument: a list of {path, message}, one per bad field */
                details?: unknown;
            };
        };
        FeedItem: {
            id: string;
            /**
             * @description A rating, a diary entry or a watchlist addition
             * @enum {string}
             */
            kind: "rating" | "watched" | "watchlist";
            /** @description The friend who did it */
            actor: components["schemas"]["Person"];
            movie: {
                movieId: number;
                title: string;
                year: number | null;
            };
            /** @description The stars, for a rating; null otherwise */
            rating: number | null;
            /** @description When the film was watched, for a diary entry; null otherwise */
            watchedAt: string | null;
            /**
             * Format: date-time
             * @description When it happened (the feed's order)
             */
            at: string;
        };
        FeedPage: {
            items: components["schemas"]["FeedItem"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        FirebaseCustomToken: {
            /** @description A Firebase custom token for the caller (uid = the caller's id) */
            customToken: string;
            /** @description Seconds during which it can be used to sign in */
            expiresIn: number;
        };
        Friend: {
            uid: string;
            /** @description Public handle, unique, without the @ */
            handle: string;
            displayName: string;
            /** Format: date-time */
            since: string;
        };
        FriendAccepted: {
            friend: components["schemas"]["Friend"];
        };
        FriendPage: {
            items: components["schemas"]["Friend"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        FriendRequest: {
            /** @description `{fromUid}_{toUid}`: what the accept, decline and cancel routes take */
            id: string;
            from: components["schemas"]["Person"];
            to: components["schemas"]["Person"];
            /** Format: date-time */
            createdAt: string;
        };
        FriendRequestMutual: {
            /** @constant */
            status: "accepted";
            friend: components["schemas"]["Friend"];
        };
        FriendRequestPage: {
            items: components["schemas"]["FriendRequest"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        FriendRequestSent: {
            /** @constant */
            status: "pending";
            request: components["schemas"]["FriendRequest"];
        };
        GateDecision: {
            /** @enum {string} */
            method: "newer-ratings" | "refit-split" | "first-model";
            candidate: components["schemas"]["ModelMetrics"];
            live?: components["schemas"]["ModelMetrics"];
            tolerance: {
                ndcgAt10: number;
                rmse: number;
            };
            /** @enum {string} */
            decision: "promote" | "reject";
            /** @description Anything that made the comparison differ from the plan */
            note?: string;
        };
        GroupRecommendationList: {
            /** @enum {string} */
            source: "model" | "popular";
            /** @description The model version in service; null when none is published */
            modelVersion: string | null;
            /** @description Every member's uid, the caller first */
            members: string[];
            /** @description How the list was ranked, in words */
            aggregation: string;
            items: {
                movie: components["schemas"]["MovieRef"];
                /** @description The group score the list is ranked by */
                score: number;
                /** @description The members' predicted stars: their mean and the least happy member's (null without a model) */
                predictedRating: {
                    mean: number;
                    min: number;
                } | null;
            }[];
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            /** @description The deployed package version (and revision) */
            version: string;
            /** @enum {string} */
            firestore: "ok" | "unavailable";
            /** Format: date-time */
            checkedAt: string;
        };
        LiveVersionChange: {
            /**
             * @description `rollback` when the version is older than the one it replaces
             * @enum {string}
             */
            kind: "force-promote" | "rollback";
            version: string;
            previousVersion: string | null;
        };
        LoggedWatch: {
            movieId: number;
            /**
             * Format: date-time
             * @description When the film was watched
             */
            watchedAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The rating the request gave (0.5 to 5 in steps of 0.5); absent when it gave none */
            rating?: number;
        };
        /** @description When the group matches on a film: everyone likes it, more than half do, or at least `k` people do */
        MatchRule: {
            /** @constant */
            kind: "unanimous";
        } | {
            /** @constant */
            kind: "majority";
        } | {
            /** @constant */
            kind: "atLeast";
            k: number;
        };
        /** @description Held-out metrics of a model version (per-user split) */
        ModelMetrics: {
            /** @description NDCG@10 of the model's top 10 on the held-out ratings */
            ndcgAt10: number;
            precisionAt10: number;
            recallAt10: number;
            /** @description Root mean squared error of the predicted stars */
            rmse: number;
            /** @description Mean absolute error of the predicted stars */
            mae: number;
            /** @description NDCG@10 of a popularity ranking on the same split, for comparison */
            popularityNdcgAt10: number;
            /** @description People evaluated */
            users: number;
            /** @description Held-out ratings evaluated on */
            testRatings: number;
            /** @description Fraction of each person's ratings held out */
            holdout: number;
        };
        Movie: {
            movieId: number;
            title: string;
            year: number | null;
            genres: string[];
            externalIds: {
                imdb: string | null;
                tmdb: number | null;
            };
            ratings: components["schemas"]["RatingAggregates"];
            details: components["schemas"]["MovieDetails"] | null;
            me: {
                rating: number | null;
                watched: {
                    /** Format: date-time */
                    watchedAt: string;
                } | null;
                watchlist: {
                    note: string | null;
                    /** Format: date-time */
                    addedAt: string;
                } | null;
            };
        };
        MovieDetails: {
            posterUrl: string | null;
            overview: string | null;
            runtimeMinutes: number | null;
        };
        MoviePage: {
            items: components["schemas"]["MovieSummary"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        MovieRef: {
            movieId: number;
            title: string;
            year: number | null;
            genres: string[];
        };
        MovieSummary: {
            movieId: number;
            title: string;
            year: number | null;
            genres: string[];
            ratings: {
                count: number;
                /** @description Mean of the ratings, 2 decimals; null without ratings */
                mean: number | null;
            };
        };
        Night: {
            id: string;
            name: string;
            /** @enum {string} */
            state: "scheduled" | "open" | "started" | "closed";
            /** @description The join code while the room is open; null once it has started or closed */
            code: string | null;
            host: {
                uid: string;
                /** @description Null when the handle is unavailable */
                handle: string | null;
            };
            members: {
                uid: string;
                /** @description Null when the handle is unavailable */
                handle: string | null;
                /** @description Films of the deck this member has swiped */
                swiped: number;
            }[];
            matchRule: components["schemas"]["MatchRule"];
            endOnFirstMatch: boolean;
            filters: components["schemas"]["DeckFilters"];
            /** @description The deck size the host asked for */
            deckSize: number;
            /** @description Cards in the frozen deck (0 until the room starts; may be fewer than deckSize) */
            deckLength: number;
            /** @description In the order they happened */
            matches: {
                movieId: number;
                title: string | null;
                likes: number;
                /** Format: date-time */
                matchedAt: string;
            }[];
            /** @description Matched films the group marked watched */
            watched: number[];
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            closedAt: string | null;
            closedReason: ("matched" | "watched" | "empty" | "expired" | "cancelled") | null;
            /** Format: date-time */
            lastActivityAt: string;
            live: components["schemas"]["NightLive"];
            /** @description The crew the night was opened for, if any */
            crewId: string | null;
            /** @description When a scheduled night starts; null for a night opened on the spot */
            startsAt: string | null;
            /** @description Invited people who are not members (yet) */
            invited: string[];
            /** @description Answers to a scheduled night */
            answers: {
                uid: string;
                /** @enum {string} */
                answer: "yes" | "no" | "maybe";
            }[];
        };
        NightLive: {
            /** @description Path of the room's live view in Firestore, for the Firestore SDK's `onSnapshot(doc(db, document))` after signing in with `POST /v1/auth/firebase-token`: members, progress, matches and state as they change */
            document: string;
        };
        Notification: {
            id: string;
            /** @description Dotted lowercase words, the domain first: `friend.request`, `friend.accepted`, `night.invite`... */
            kind: string;
            /** @description The person the notification is about (who sent the request, who invited you); null for system notifications */
            actor: {
                uid: string;
                handle: string | null;
            } | null;
            /** @description Kind-specific string values, also sent in the push's data payload */
            data: {
                [key: string]: string;
            };
            title: string;
            body: string;
            read: boolean;
            /** Format: date-time */
            createdAt: string;
            readAt: string | null;
        };
        NotificationPage: {
            items: components["schemas"]["Notification"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
            /** @description Unread notifications in all, not only on this page */
            unreadCount: number;
        };
        PasswordResetAccepted: {
            /** @description The same text for every address: no answer says whether an account exists */
            message: string;
        };
        Person: {
            uid: string;
            /** @description Public handle, unique, without the @ */
            handle: string;
            displayName: string;
        };
        PersonPage: {
            items: components["schemas"]["Person"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        ProviderSession: {
            /** @description JWT (HS256), 15 minutes; send it as `Authorization: Bearer <accessToken>` */
            accessToken: string;
            /** @description Opaque, single use, rotated on every refresh; 30 days from sign-in */
            refreshToken: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            /** @constant */
            tokenType: "Bearer";
            user: components["schemas"]["User"];
            /** @description True when this sign-in created the account */
            created: boolean;
        };
        PublicProfile: {
            uid: string;
            /** @description Public handle, unique, without the @ */
            handle: string;
            displayName: string;
            counts: {
                ratings: number;
                watched: number;
                friends: number;
            };
            /**
             * @description The person's setting for their ratings and diary
             * @enum {string}
             */
            privacy: "public" | "friends" | "private";
            /**
             * @description How the caller relates to the person
             * @enum {string}
             */
            relationship: "self" | "friend" | "none";
            /** @description Whether GET /v1/users/{uid}/ratings and /watched answer for the caller */
            activityVisible: boolean;
        };
        Rating: {
            movieId: number;
            /** @description 0.5 to 5 in steps of 0.5 */
            rating: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        RatingAggregates: {
            count: number;
            /** @description Mean of the ratings, 2 decimals; null without ratings */
            mean: number | null;
            /** @description Count per rating value, keys "0.5" to "5" */
            histogram: {
                [key: string]: number;
            };
        };
        RatingPage: {
            items: components["schemas"]["Rating"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        RecommendationList: {
            /**
             * @description `model`: the person as the model was trained; `fold-in`: from their current ratings; `cold-start`: no ratings yet; `popular`: no model published
             * @enum {string}
             */
            source: "model" | "fold-in" | "cold-start" | "popular";
            /** @description The model version in service; null when none is published */
            modelVersion: string | null;
            items: {
                movie: components["schemas"]["MovieRef"];
                /** @description Stars the person would give it, 0.5 to 5 (the film's mean rating when no model is published; null without ratings) */
                predictedRating: number | null;
                reason: components["schemas"]["RecommendationReason"];
            }[];
        };
        RecommendationReason: {
            /** @constant */
            code: "because-you-liked";
            /** @description For display, e.g. "Because you liked Alien" */
            text: string;
            /** @description The film the person liked */
            movie: {
                movieId: number;
                title: string;
            };
        } | {
            /** @constant */
            code: "popular-in-genre";
            text: string;
            /** @description One of the person's favourite genres */
            genre: string;
        } | {
            /** @constant */
            code: "popular";
            text: string;
        };
        RetrainLaunch: {
            /** @constant */
            mode: "inline";
            outcome: components["schemas"]["RetrainOutcome"];
        } | {
            /** @constant */
            mode: "scheduler";
            /** @description The Cloud Scheduler job started */
            job: string;
        };
        RetrainOutcome: {
            /** @enum {string} */
            status: "promoted" | "rejected" | "unchanged" | "busy" | "skipped" | "superseded" | "failed";
            runId: string;
            /** @description The version in service after the run */
            liveVersion: string | null;
            /** @description The version this run trained (promoted or not) */
            candidateVersion?: string;
            candidateMetrics?: components["schemas"]["ModelMetrics"];
            liveMetrics?: components["schemas"]["ModelMetrics"];
            /** @description How the candidate and the live model were compared (absent when no comparison ran) */
            gate?: components["schemas"]["GateDecision"];
            /** @description Why the run did not promote, in words */
            reason?: string;
            /** @description How long the run took */
            seconds: number;
        };
        Session: {
            /** @description JWT (HS256), 15 minutes; send it as `Authorization: Bearer <accessToken>` */
            accessToken: string;
            /** @description Opaque, single use, rotated on every refresh; 30 days from sign-in */
            refreshToken: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            /** @constant */
            tokenType: "Bearer";
            user: components["schemas"]["User"];
        };
        SignInSession: {
            /** @description The session's id (DELETE /v1/me/sessions/{id} ends it) */
            id: string;
            /**
             * Format: date-time
             * @description The sign-in that began it
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description The last token refresh (the sign-in itself at first)
             */
            lastUsedAt: string;
            /**
             * Format: date-time
             * @description When its refresh token stops working at the latest
             */
            expiresAt: string;
            /** @description What the app called the device at sign-in; null when it sent none */
            deviceLabel: string | null;
            /** @description True for the session of the access token making this request */
            current: boolean;
        };
        SignInSessionList: {
            /** @description Live sessions, most recently used first */
            sessions: components["schemas"]["SignInSession"][];
        };
        SimilarList: {
            /** @description The film asked about */
            movie: components["schemas"]["MovieRef"];
            /**
             * @description `model`: films rated by enough of the same people (topped up by content when short); `content`: genres and year only
             * @enum {string}
             */
            source: "model" | "content";
            /** @description The model version in service; null when none is published */
            modelVersion: string | null;
            /** @description Present when content (genres, year) filled the list or part of it, saying why */
            note?: string;
            items: {
                movie: components["schemas"]["MovieRef"];
                /** @description Similarity from co-ratings; null for a content match */
                similarity: number | null;
                /** @enum {string} */
                basis: "co-ratings" | "content";
            }[];
        };
        Swipe: {
            movieId: number;
            liked: boolean;
            /** @description Whether it replaced the caller's earlier swipe on the film */
            replaced: boolean;
        };
        TokenPair: {
            /** @description JWT (HS256), 15 minutes; send it as `Authorization: Bearer <accessToken>` */
            accessToken: string;
            /** @description Opaque, single use, rotated on every refresh; 30 days from sign-in */
            refreshToken: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            /** @constant */
            tokenType: "Bearer";
        };
        User: {
            /** @description The user's id; stable for the account's lifetime */
            uid: string;
            /** @description Public handle, unique across users: 3 to 30 of a-z, 0-9 and _ */
            handle: string;
            displayName: string;
            /** @description Null for a Google/Apple account whose provider gave none */
            email: string | null;
            /** @description True once the owner opened the verification link mailed to `email` (or Google/Apple vouched for it) */
            emailVerified: boolean;
            /** @description A new address asked for with PUT /v1/me/email, waiting for the link mailed to it; sign-in still uses `email` */
            pendingEmail: string | null;
            preferences: {
                favouriteGenres: ("Action" | "Adventure" | "Animation" | "Children" | "Comedy" | "Crime" | "Documentary" | "Drama" | "Fantasy" | "Film-Noir" | "Horror" | "IMAX" | "Musical" | "Mystery" | "Romance" | "Sci-Fi" | "Thriller" | "War" | "Western")[];
                /**
                 * @description Who sees the user's ratings and diary
                 * @enum {string}
                 */
                privacy: "public" | "friends" | "private";
            };
            /** @description How the user can sign in */
            providers: ("password" | "google.com" | "apple.com")[];
            /** Format: date-time */
            createdAt: string;
        };
        UserExport: {
            /** Format: date-time */
            exportedAt: string;
            account: {
                /** @description The user's id; stable for the account's lifetime */
                uid: string;
                /** @description Public handle, unique across users: 3 to 30 of a-z, 0-9 and _ */
                handle: string;
                displayName: string;
                /** @description Null for a Google/Apple account whose provider gave none */
                email: string | null;
                /** @description True once the owner opened the verification link mailed to `email` (or Google/Apple vouched for it) */
                emailVerified: boolean;
                /** @description A new address asked for with PUT /v1/me/email, waiting for the link mailed to it; sign-in still uses `email` */
                pendingEmail: string | null;
                preferences: {
                    favouriteGenres: ("Action" | "Adventure" | "Animation" | "Children" | "Comedy" | "Crime" | "Documentary" | "Drama" | "Fantasy" | "Film-Noir" | "Horror" | "IMAX" | "Musical" | "Mystery" | "Romance" | "Sci-Fi" | "Thriller" | "War" | "Western")[];
                    /**
                     * @description Who sees the user's ratings and diary
                     * @enum {string}
                     */
                    privacy: "public" | "friends" | "private";
                };
                /** @description How the user can sign in */
                providers: ("password" | "google.com" | "apple.com")[];
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                updatedAt: string;
            };
            /** @description Each domain's data (ratings, library, friends...) under its name */
            data: {
                [key: string]: unknown;
            };
        };
        VerificationSent: {
            /** @description Where the new link went, in words */
            message: string;
        };
        Watched: {
            movieId: number;
            /**
             * Format: date-time
             * @description When the film was watched
             */
            watchedAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WatchedPage: {
            items: components["schemas"]["Watched"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
        WatchlistEntry: {
            movieId: number;
            /** @description The caller's note, trimmed, at most 280 characters; null without one */
            note: string | null;
            /** Format: date-time */
            addedAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WatchlistPage: {
            items: components["schemas"]["WatchlistEntry"][];
            /** @description Absent on the last page; pass it as `cursor` to get the next one */
            nextCursor?: string;
        };
    };
    responses: {
        /** @description Invalid input: `details` names each bad field */
        InvalidArgument: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Missing, invalid, expired or revoked credentials; or, where the deployment requires App Check, a missing or invalid `X-Firebase-AppCheck` token */
        Unauthenticated: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The caller may not do this */
        PermissionDenied: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource, or not visible to the caller */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Conflicts with the current state (already exists, or not in the right state; or an Idempotency-Key in use by a request still running, then with `Retry-After`, or by a different request) */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is larger than the server accepts */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests or attempts; retry after `Retry-After` seconds. A spent rate limit also names its policy (`RateLimit-Policy`, `RateLimit`) */
        TooManyRequests: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unexpected server error; the cause is logged, never sent */
        Internal: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Temporarily unavailable, or the request did not finish within its deadline; retry after `Retry-After` seconds (a write is then either whole or absent: retry a create with the same `Idempotency-Key`) */
        Unavailable: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The request's id (the client's own when it sent a well-formed one); quote it when reporting a problem */
        RequestId: string;
        /** @description Seconds to wait before retrying */
        RetryAfter: number;
        /** @description The tightest budget of the route's group and what is left of it (IETF draft "RateLimit header fields for HTTP"): `"<policy>";r=<remaining>;t=<seconds until the window resets>` */
        RateLimit: string;
        /** @description That budget: `"<policy>";q=<requests>;w=<window in seconds>` */
        RateLimitPolicy: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Healthy */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            500: components["responses"]["Internal"];
            /** @description The database does not answer */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An email address of at most 254 characters; case and surrounding spaces are ignored */
                    email: string;
                    /** @description 12 to 128 characters; not a common password, not easy to guess (zxcvbn score 3 or more over its first 32 characters), not containing the email's local part or the handle */
                    password: string;
                    displayName: string;
                    handle: string;
                    /** @description A random id the app generates once per installation and keeps (e.g. a UUID); tells a new device from a known one */
                    deviceId?: string;
                    /** @description What the app calls this device (display only), e.g. "Pixel 8" */
                    deviceLabel?: string;
                };
            };
        };
        responses: {
            /** @description Signed up and signed in */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    /** @description Always `no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An email address of at most 254 characters; case and surrounding spaces are ignored */
                    email: string;
                    password: string;
                    /** @description A random id the app generates once per installation and keeps (e.g. a UUID); tells a new device from a known one */
                    deviceId?: string;
                    /** @description What the app calls this device (display only), e.g. "Pixel 8" */
                    deviceLabel?: string;
                };
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    /** @description Always `no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description New token pair */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    /** @description Always `no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    logoutAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out everywhere */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    signInWithFirebase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    idToken: string;
                    /** @description A random id the app generates once per installation and keeps (e.g. a UUID); tells a new device from a known one */
                    deviceId?: string;
                    /** @description What the app calls this device (display only), e.g. "Pixel 8" */
                    deviceLabel?: string;
                };
            };
        };
        responses: {
            /** @description Signed in (created says whether the account is new) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    /** @description Always `no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderSession"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    createFirebaseToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The custom token */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    /** @description Always `no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirebaseCustomToken"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    /** @description 12 to 128 characters; not a common password, not easy to guess (zxcvbn score 3 or more over its first 32 characters), not containing the email's local part or the handle */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Password changed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    /** @description Always `no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sessions */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInSessionList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    endSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An email address of at most 254 characters; case and surrounding spaces are ignored */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Accepted (whether or not the address has an account) */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordResetAccepted"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from the link in the message (43 characters) */
                    token: string;
                    /** @description 12 to 128 characters; not a common password, not easy to guess (zxcvbn score 3 or more over its first 32 characters), not containing the email's local part or the handle */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Password set; every session ended */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from the link in the message (43 characters) */
                    token: string;
                };
            };
        };
        responses: {
            /** @description The address is verified */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    resendEmailVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new link is on its way */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationSent"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                } | {
                    idToken: string;
                };
            };
        };
        responses: {
            /** @description Deleted; the rest of the user's data is erased shortly after */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    handle?: string;
                    preferences?: {
                        favouriteGenres?: ("Action" | "Adventure" | "Animation" | "Children" | "Comedy" | "Crime" | "Documentary" | "Drama" | "Fantasy" | "Film-Noir" | "Horror" | "IMAX" | "Musical" | "Mystery" | "Romance" | "Sci-Fi" | "Thriller" | "War" | "Western")[];
                        /** @enum {string} */
                        privacy?: "public" | "friends" | "private";
                    };
                };
            };
        };
        responses: {
            /** @description The updated account */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    /** @description Always `attachment; filename="movie-night-export.json"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserExport"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    changeEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An email address of at most 254 characters; case and surrounding spaces are ignored */
                    newEmail: string;
                    password: string;
                } | {
                    /** @description An email address of at most 254 characters; case and surrounding spaces are ignored */
                    newEmail: string;
                    idToken: string;
                };
            };
        };
        responses: {
            /** @description The link is on its way to the new address */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailChangeRequested"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    undoEmailChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The token from the link in the message (43 characters) */
                    token: string;
                };
            };
        };
        responses: {
            /** @description The old address is back; every session ended */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listMovies: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                q?: string;
                genre?: "Action" | "Adventure" | "Animation" | "Children" | "Comedy" | "Crime" | "Documentary" | "Drama" | "Fantasy" | "Film-Noir" | "Horror" | "IMAX" | "Musical" | "Mystery" | "Romance" | "Sci-Fi" | "Thriller" | "War" | "Western";
                year?: number;
                sort?: "popularity" | "rating";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of films */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MoviePage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getMovie: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                movieId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The film */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Movie"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    putMyRating: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                movieId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {number} */
                    rating: 0.5 | 1 | 1.5 | 2 | 2.5 | 3 | 3.5 | 4 | 4.5 | 5;
                };
            };
        };
        responses: {
            /** @description Rating replaced */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rating"];
                };
            };
            /** @description Rating created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rating"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteMyRating: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                movieId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listMyRatings: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of ratings */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    putWatched: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                movieId: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description When the film was watched; defaults to now; not in the future, not before 1888
                     */
                    watchedAt?: string;
                    /**
                     * @description Rate the film at the same time
                     * @enum {number}
                     */
                    rating?: 0.5 | 1 | 1.5 | 2 | 2.5 | 3 | 3.5 | 4 | 4.5 | 5;
                };
            };
        };
        responses: {
            /** @description Entry replaced */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoggedWatch"];
                };
            };
            /** @description Entry created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoggedWatch"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteWatched: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                movieId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWatched: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchedPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    putWatchlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                movieId: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description At most 280 characters, trimmed; left out, null or blank means no note (an update then clears it) */
                    note?: string | null;
                };
            };
        };
        responses: {
            /** @description Note updated */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchlistEntry"];
                };
            };
            /** @description Added */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchlistEntry"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteWatchlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                movieId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWatchlist: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchlistPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    searchUsers: {
        parameters: {
            query: {
                limit?: number;
                cursor?: string;
                /** @description The start of a handle: 1 to 30 of a-z, 0-9 and _; case and a leading @ are ignored */
                handle: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of people, in handle order */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getPublicProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicProfile"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listUserRatings: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of ratings */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listUserWatched: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of diary entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchedPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listFriendRequests: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                direction?: "incoming" | "outgoing";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of requests */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FriendRequestPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    sendFriendRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key the client makes up per operation (a UUID): retrying with the same key and the same request replays the first answer (with `Idempotent-Replayed: true`) instead of creating again; kept for 24 hours per caller and operation. The same key with a different request answers 409. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The person to ask */
                    uid: string;
                };
            };
        };
        responses: {
            /** @description They had asked you: now friends */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FriendRequestMutual"];
                };
            };
            /** @description Request sent */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FriendRequestSent"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    acceptFriendRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `{fromUid}_{toUid}`, as the request's `id` says */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Now friends */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FriendAccepted"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    declineFriendRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `{fromUid}_{toUid}`, as the request's `id` says */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Declined */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    cancelFriendRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `{fromUid}_{toUid}`, as the request's `id` says */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listFriends: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of friends */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FriendPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    unfriend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No longer friends */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCompatibility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comparison */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Compatibility"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listBlocks: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of blocks */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    blockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Already blocked */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            /** @description Blocked */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    unblockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unblocked */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getFeed: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the feed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of notifications */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    markAllNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many changed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How many notifications were unread */
                        updated: number;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Marked read */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    putDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The FCM registration token of the device */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    platform?: "ios" | "android" | "web";
                };
            };
        };
        responses: {
            /** @description Registration refreshed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            /** @description Registered */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The FCM registration token of the device */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unregistered */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getMyRecommendations: {
        parameters: {
            query?: {
                limit?: number;
                genre?: "Action" | "Adventure" | "Animation" | "Children" | "Comedy" | "Crime" | "Documentary" | "Drama" | "Fantasy" | "Film-Noir" | "Horror" | "IMAX" | "Musical" | "Mystery" | "Romance" | "Sci-Fi" | "Thriller" | "War" | "Western";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The list */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecommendationList"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getSimilarMovies: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                movieId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The list */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimilarList"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getGroupRecommendations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The friends' uids, each once (the caller is always a member) */
                    uids: string[];
                    /** @default 20 */
                    limit?: number;
                };
            };
        };
        responses: {
            /** @description The list */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupRecommendationList"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    retrainRecommender: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's outcome */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetrainLaunch"];
                };
            };
            /** @description The job has started */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetrainLaunch"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    setLiveRecommender: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: string;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The change */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveVersionChange"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    createNight: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key the client makes up per operation (a UUID): retrying with the same key and the same request replays the first answer (with `Idempotent-Replayed: true`) instead of creating again; kept for 24 hours per caller and operation. The same key with a different request answers 409. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    matchRule: components["schemas"]["MatchRule"];
                    /** @default 30 */
                    deckSize?: number;
                    /** @default false */
                    endOnFirstMatch?: boolean;
                    filters?: {
                        /**
                         * @description Any of these genres
                         * @default []
                         */
                        genres?: string[];
                        /** @default null */
                        yearFrom?: number | null;
                        /** @default null */
                        yearTo?: number | null;
                    };
                    /** @description Open the night for a crew the caller is in: its other members are invited */
                    crewId?: string;
                    /**
                     * Format: date-time
                     * @description Schedule the night instead of opening it now; members answer yes, no or maybe
                     */
                    startsAt?: string;
                };
            };
        };
        responses: {
            /** @description The room */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Night"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    joinNight: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description The room */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Night"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getNight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The room */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Night"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    inviteToNight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    uid: string;
                };
            };
        };
        responses: {
            /** @description Invited */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    answerNight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    answer: "yes" | "no" | "maybe";
                };
            };
        };
        responses: {
            /** @description The night */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Night"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    rescheduleNight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description When the night starts (ISO 8601); in the future, at most 90 days ahead
                     */
                    startsAt: string;
                };
            };
        };
        responses: {
            /** @description The night */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Night"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    cancelNight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The night */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Night"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    leaveNight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Left */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    startNight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The started room */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Night"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getNightDeck: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of cards */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeckPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    swipeInNight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    movieId: number;
                    liked: boolean;
                };
            };
        };
        responses: {
            /** @description Earlier swipe replaced */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Swipe"];
                };
            };
            /** @description Swipe stored */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Swipe"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    markNightWatched: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    movieId: number;
                };
            };
        };
        responses: {
            /** @description The room */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Night"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listCrews: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of crews */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrewPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    createCrew: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key the client makes up per operation (a UUID): retrying with the same key and the same request replays the first answer (with `Idempotent-Replayed: true`) instead of creating again; kept for 24 hours per caller and operation. The same key with a different request answers 409. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description The crew */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Crew"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCrew: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The crew */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Crew"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    inviteToCrew: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    uid: string;
                };
            };
        };
        responses: {
            /** @description Invited */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    joinCrew: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The crew */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Crew"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    leaveCrew: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Left */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimitPolicy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCrewHistory: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    /** @description Always `private, no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrewHistoryPage"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
}
