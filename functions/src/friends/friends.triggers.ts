import type { DocumentSnapshot } from "firebase-admin/firestore";
import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { COLLECTIONS } from "../shared/collections";
import { log, withLogContext } from "../shared/logger";
import { type StoredFriendship, type StoredRequest, storedFriendshipSchema, storedRequestSchema } from "./friends.schema";
import type { FriendsService } from "./friends.service";
import { triggerDeps } from "../trigger-deps";

function read<T>(
  parse: (data: unknown) => { success: true; data: T } | { success: false },
  snap: DocumentSnapshot | undefined,
  eventId: string,
): T | undefined {
  if (!snap?.exists) return undefined;
  const parsed = parse(snap.data());
  if (!parsed.success) log.error("unreadable friends document ignored", { eventId, path: snap.ref.path });
  return parsed.success ? parsed.data : undefined;
}

const readRequest = (snap: DocumentSnapshot | undefined, eventId: string): StoredRequest | undefined =>
  read((d) => storedRequestSchema.safeParse(d), snap, eventId);
const readFriendship = (snap: DocumentSnapshot | undefined, eventId: string): StoredFriendship | undefined =>
  read((d) => storedFriendshipSchema.safeParse(d), snap, eventId);

/**
 * The friend request trigger over a given service: the deployed function passes the production one;
 * integration tests wrap one over their own wiring (to record pushes, as FCM has no emulator).
 */
export function friendRequestTrigger(service: () => FriendsService) {
  return onDocumentWritten({ document: `${COLLECTIONS.friendRequests}/{requestId}`, retry: true }, (event) =>
    withLogContext({ eventId: event.id }, () =>
      service().applyRequestWrite(
        event.params.requestId,
        readRequest(event.data?.before, event.id),
        readRequest(event.data?.after, event.id),
      ),
    ),
  );
}

/** The friendship trigger over a given service (see friendRequestTrigger). */
export function friendshipTrigger(service: () => FriendsService) {
  return onDocumentWritten({ document: `${COLLECTIONS.friendships}/{pairId}`, retry: true }, (event) =>
    withLogContext({ eventId: event.id }, () =>
      service().applyFriendshipWrite(readFriendship(event.data?.before, event.id), readFriendship(event.data?.after, event.id)),
    ),
  );
}

const production = () => triggerDeps().friends;

/** Notifies the recipient of a new friend request, and takes the notification back when it goes away. */
export const onFriendRequestWritten = friendRequestTrigger(production);

/** Keeps both people's friend lists in step with the canonical friendship; tells the requester of an acceptance. */
export const onFriendshipWritten = friendshipTrigger(production);
