import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { RatingRepository } from "./ratings.repository";
import { toRatingView } from "./ratings.service";

/** Account deletion: removes the user's ratings; the rating trigger then corrects every film's aggregates. */
export class RatingsEraser implements UserDataEraser {
  readonly name = "ratings";
  constructor(private readonly ratings: RatingRepository) {}

  async erase(uid: string): Promise<void> {
    await this.ratings.deleteAllByUser(uid);
  }
}

/** GET /v1/me/export: every rating the user gave. */
export class RatingsExporter implements UserDataExporter {
  readonly name = "ratings";
  constructor(private readonly ratings: RatingRepository) {}

  async export(uid: string): Promise<unknown> {
    return (await this.ratings.listAllByUser(uid)).map(toRatingView);
  }
}
