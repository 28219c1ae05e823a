import { COLLECTIONS } from "../shared/collections";
import { documentTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";
import { storedFriendshipSchema, storedRequestSchema } from "./friends.schema";
import type { FriendsService } from "./friends.service";

/**
 * The friend request trigger over a given service: the deployed function passes the production one;
 * integration tests wrap one over their own wiring (to record pushes, as FCM has no emulator).
 */
export function friendRequestTrigger(service: () => FriendsService) {
  return documentTrigger(
    { name: "onFriendRequestWritten", document: `${COLLECTIONS.friendRequests}/{requestId}`, schema: storedRequestSchema },
    ({ before, after }, event) => service().applyRequestWrite(event.params.requestId, before, after),
  );
}

/** The friendship trigger over a given service (see friendRequestTrigger). */
export function friendshipTrigger(service: () => FriendsService) {
  return documentTrigger(
    { name: "onFriendshipWritten", document: `${COLLECTIONS.friendships}/{pairId}`, schema: storedFriendshipSchema },
    ({ before, after }) => service().applyFriendshipWrite(before, after),
  );
}

const production = () => triggerDeps().friends;

/** Notifies the recipient of a new friend request, and takes the notification back when it goes away. */
export const onFriendRequestWritten = friendRequestTrigger(production);

/** Keeps both people's friend lists in step with the canonical friendship; tells the requester of an acceptance. */
export const onFriendshipWritten = friendshipTrigger(production);
