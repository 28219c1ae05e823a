import { created, noContent, ok, routeFor } from "../http/route";
import { movieIdParamSchema } from "../movies/movies.schema";
import { pageQuerySchema } from "../shared/pagination";
import {
  loggedWatchSchema,
  putWatchedBodySchema,
  putWatchlistBodySchema,
  watchedPageSchema,
  watchlistEntrySchema,
  watchlistPageSchema,
} from "./library.schema";
import type { LibraryService } from "./library.service";

const libraryRoute = routeFor<{ library: LibraryService }>();

/** The caller's watched diary and watchlist: PUT/DELETE one film, GET the list (newest first). */
export const libraryRoutes = [
  libraryRoute({
    method: "put",
    path: "/me/watched/{movieId}",
    operationId: "putWatched",
    tag: "library",
    summary: "Log a film as watched (and optionally rate it); takes it off the watchlist",
    description: "Logging a film already in the diary replaces its date. The body may be left out: watched now, no rating.",
    access: "user",
    params: movieIdParamSchema,
    body: putWatchedBodySchema,
    bodyOptional: true,
    responses: {
      200: { description: "Entry replaced", schema: loggedWatchSchema },
      201: { description: "Entry created", schema: loggedWatchSchema },
    },
    errors: [404],
    handler: async ({ params, body, caller }, { library }) => {
      const result = await library.markWatched(caller().uid, params.movieId, body);
      const entry = { ...result.watched, ...(result.rating === undefined ? {} : { rating: result.rating }) };
      return result.created ? created(entry) : ok(entry);
    },
  }),
  libraryRoute({
    method: "delete",
    path: "/me/watched/{movieId}",
    operationId: "deleteWatched",
    tag: "library",
    summary: "Remove a film from the diary (no error if it was not there)",
    access: "user",
    params: movieIdParamSchema,
    responses: { 204: { description: "Removed", schema: undefined } },
    errors: [404],
    handler: async ({ params, caller }, { library }) => {
      await library.unmarkWatched(caller().uid, params.movieId);
      return noContent();
    },
  }),
  libraryRoute({
    method: "get",
    path: "/me/watched",
    operationId: "listWatched",
    tag: "library",
    summary: "The caller's diary, most recently watched first",
    access: "user",
    query: pageQuerySchema,
    responses: { 200: { description: "A page of entries", schema: watchedPageSchema } },
    handler: async ({ query, caller }, { library }) => ok(await library.listWatched(caller().uid, query.limit, query.cursor)),
  }),
  libraryRoute({
    method: "put",
    path: "/me/watchlist/{movieId}",
    operationId: "putWatchlist",
    tag: "library",
    summary: "Add a film to the watchlist, or update its note",
    description: "The body may be left out: added without a note.",
    access: "user",
    params: movieIdParamSchema,
    body: putWatchlistBodySchema,
    bodyOptional: true,
    responses: {
      200: { description: "Note updated", schema: watchlistEntrySchema },
      201: { description: "Added", schema: watchlistEntrySchema },
    },
    errors: [404],
    handler: async ({ params, body, caller }, { library }) => {
      const result = await library.putOnWatchlist(caller().uid, params.movieId, body.note);
      return result.created ? created(result.entry) : ok(result.entry);
    },
  }),
  libraryRoute({
    method: "delete",
    path: "/me/watchlist/{movieId}",
    operationId: "deleteWatchlist",
    tag: "library",
    summary: "Take a film off the watchlist (no error if it was not there)",
    access: "user",
    params: movieIdParamSchema,
    responses: { 204: { description: "Removed", schema: undefined } },
    errors: [404],
    handler: async ({ params, caller }, { library }) => {
      await library.removeFromWatchlist(caller().uid, params.movieId);
      return noContent();
    },
  }),
  libraryRoute({
    method: "get",
    path: "/me/watchlist",
    operationId: "listWatchlist",
    tag: "library",
    summary: "The caller's watchlist, most recently added first",
    access: "user",
    query: pageQuerySchema,
    responses: { 200: { description: "A page of entries", schema: watchlistPageSchema } },
    handler: async ({ query, caller }, { library }) => ok(await library.listWatchlist(caller().uid, query.limit, query.cursor)),
  }),
];
