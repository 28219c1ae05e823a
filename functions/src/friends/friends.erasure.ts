import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { FriendsRepository } from "./friends.repository";

/** Account deletion: ends every friendship of the user (both sides) and removes their requests and blocks. */
export class FriendsEraser implements UserDataEraser {
  readonly name = "friends";
  constructor(private readonly friends: FriendsRepository) {}

  async erase(uid: string): Promise<void> {
    await this.friends.eraseUser(uid);
  }
}

/** GET /v1/me/export: friends, pending requests and blocks (other people by uid only). */
export class FriendsExporter implements UserDataExporter {
  readonly name = "friends";
  constructor(private readonly friends: FriendsRepository) {}

  async export(uid: string): Promise<unknown> {
    const { friends, requests, blocks } = await this.friends.exportUser(uid);
    return {
      friends: friends.map((f) => ({ uid: f.uid, since: f.since.toISOString() })),
      requests: requests.map(({ id, request: r }) => ({ id, from: r.from, to: r.to, createdAt: r.createdAt.toISOString() })),
      blocks: blocks.map((b) => ({ uid: b.blocked, blockedAt: b.createdAt.toISOString() })),
    };
  }
}
