import type { UserDataEraser } from "../users/user-data-erasers";
import type { FeedRepository } from "./feed.repository";

/** Account deletion: removes the user's activity from every friend's feed (their own feed goes with their tree). */
export class FeedEraser implements UserDataEraser {
  readonly name = "feed";
  constructor(private readonly feed: FeedRepository) {}

  async erase(uid: string): Promise<void> {
    await this.feed.deleteByActor(uid);
  }
}
