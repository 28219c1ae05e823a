import type { AppDeps } from "../../src/api/app";
import type { LibraryService } from "../../src/library/library.service";
import type { MoviesService } from "../../src/movies/movies.service";
import type { RatingsService } from "../../src/ratings/ratings.service";
import type { RecommendationsService } from "../../src/recommendations/recommendations.service";
import type { RetrainLauncher } from "../../src/recommendations/retrain-launcher";

/** Stands in for a service an app unit test never reaches; any call fails the test loudly. */
function unreachable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, prop) => () => {
      throw new Error(`${name}.${String(prop)} was called in a test that does not wire it`);
    },
  });
}

/** Catalogue services for app unit tests that exercise other routes. */
export function unitCatalogueAppDeps(): Pick<AppDeps, "movies" | "ratings" | "library"> {
  return {
    movies: unreachable<MoviesService>("movies"),
    ratings: unreachable<RatingsService>("ratings"),
    library: unreachable<LibraryService>("library"),
  };
}

/** Recommendation services for app unit tests that exercise other routes. */
export function unitRecommendationAppDeps(): Pick<AppDeps, "recommendations" | "retraining"> {
  return {
    recommendations: unreachable<RecommendationsService>("recommendations"),
    retraining: unreachable<RetrainLauncher>("retraining"),
  };
}
