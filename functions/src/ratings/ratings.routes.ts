import { created, noContent, ok, routeFor } from "../http/route";
import { movieIdParamSchema } from "../movies/movies.schema";
import { pageQuerySchema } from "../shared/pagination";
import { putRatingBodySchema, ratingPageSchema, ratingSchema } from "./ratings.schema";
import type { RatingsService } from "./ratings.service";

const ratingRoute = routeFor<{ ratings: RatingsService }>();

/** The caller's ratings: PUT/DELETE one film's rating, GET the list (newest first). */
export const ratingRoutes = [
  ratingRoute({
    method: "put",
    path: "/me/ratings/{movieId}",
    operationId: "putMyRating",
    tag: "ratings",
    summary: "Rate a film (0.5 to 5 in steps of 0.5); re-rating replaces the value",
    access: "user",
    params: movieIdParamSchema,
    body: putRatingBodySchema,
    responses: {
      200: { description: "Rating replaced", schema: ratingSchema },
      201: { description: "Rating created", schema: ratingSchema },
    },
    errors: [404],
    handler: async ({ params, body, caller }, { ratings }) => {
      const result = await ratings.rate(caller().uid, params.movieId, body.rating);
      return result.created ? created(result.rating) : ok(result.rating);
    },
  }),
  ratingRoute({
    method: "delete",
    path: "/me/ratings/{movieId}",
    operationId: "deleteMyRating",
    tag: "ratings",
    summary: "Remove the caller's rating of a film (no error if there was none)",
    access: "user",
    params: movieIdParamSchema,
    responses: { 204: { description: "Removed", schema: undefined } },
    errors: [404],
    handler: async ({ params, caller }, { ratings }) => {
      await ratings.unrate(caller().uid, params.movieId);
      return noContent();
    },
  }),
  ratingRoute({
    method: "get",
    path: "/me/ratings",
    operationId: "listMyRatings",
    tag: "ratings",
    summary: "The caller's ratings, most recently changed first",
    access: "user",
    query: pageQuerySchema,
    responses: { 200: { description: "A page of ratings", schema: ratingPageSchema } },
    handler: async ({ query, caller }, { ratings }) => ok(await ratings.list(caller().uid, query.limit, query.cursor)),
  }),
];
