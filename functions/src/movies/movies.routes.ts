import { ok, routeFor } from "../http/route";
import { movieIdParamSchema, movieListQuerySchema, moviePageSchema, movieSchema } from "./movies.schema";
import type { MoviesService } from "./movies.service";

const movieRoute = routeFor<{ movies: MoviesService }>();

/** The catalogue: GET /movies (search, filter, sort, page) and GET /movies/{movieId}. */
export const movieRoutes = [
  movieRoute({
    method: "get",
    path: "/movies",
    operationId: "listMovies",
    tag: "catalogue",
    summary: "Search and browse the catalogue",
    description:
      "`q` matches titles by word prefixes, ignoring case, accents and word order. Filters combine. Sorted by popularity " +
      "(number of ratings) or rating (a Bayesian average, so a single vote does not top the list).",
    access: "user",
    query: movieListQuerySchema,
    responses: { 200: { description: "A page of films", schema: moviePageSchema } },
    handler: async ({ query }, { movies }) => ok(await movies.list(query)),
  }),
  movieRoute({
    method: "get",
    path: "/movies/{movieId}",
    operationId: "getMovie",
    tag: "catalogue",
    summary: "One film: aggregates, details (when configured) and the caller's own state",
    access: "user",
    params: movieIdParamSchema,
    responses: { 200: { description: "The film", schema: movieSchema } },
    errors: [404],
    handler: async ({ params, caller }, { movies }) => ok(await movies.get(caller().uid, params.movieId)),
  }),
];
