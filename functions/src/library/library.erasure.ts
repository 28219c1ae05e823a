import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { LibraryRepository } from "./library.repository";
import { toWatchedView, toWatchlistView } from "./library.service";

/** Account deletion: removes the watched list and the watchlist. */
export class LibraryEraser implements UserDataEraser {
  readonly name = "library";
  constructor(private readonly library: LibraryRepository) {}

  async erase(uid: string): Promise<void> {
    await this.library.deleteAll(uid);
  }
}

/** GET /v1/me/export: the watched list and the watchlist. */
export class LibraryExporter implements UserDataExporter {
  readonly name = "library";
  constructor(private readonly library: LibraryRepository) {}

  async export(uid: string): Promise<unknown> {
    const [watched, watchlist] = await Promise.all([this.library.allWatched(uid), this.library.allWatchlist(uid)]);
    return { watched: watched.map(toWatchedView), watchlist: watchlist.map(toWatchlistView) };
  }
}
