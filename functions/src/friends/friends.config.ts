import { FRIEND_REQUEST_PAUSE_HOURS, FRIEND_REQUESTS_MAX_PENDING } from "../config/params";
import { DEFAULT_FRIEND_REQUEST_LIMITS, type FriendRequestLimits } from "./friends.service";

/**
 * Reads the friend request caps at run time. Outside the Functions runtime params read as 0, which no
 * deployment would choose for either: the defaults apply then.
 */
export function loadFriendRequestLimits(): FriendRequestLimits {
  const maxPending = FRIEND_REQUESTS_MAX_PENDING.value();
  const pauseHours = FRIEND_REQUEST_PAUSE_HOURS.value();
  return {
    maxPending: maxPending > 0 ? maxPending : DEFAULT_FRIEND_REQUEST_LIMITS.maxPending,
    pauseMs: pauseHours > 0 ? pauseHours * 3_600_000 : DEFAULT_FRIEND_REQUEST_LIMITS.pauseMs,
  };
}
