import { TMDB_API_KEY, TMDB_BASE_URL } from "../config/params";

export interface CatalogueConfig {
  /** TMDB API base URL and key; absent when film details are turned off. */
  tmdb?: { baseUrl: string; apiKey: string };
}

/** Reads the catalogue's params at run time. */
export function loadCatalogueConfig(): CatalogueConfig {
  const apiKey = TMDB_API_KEY.value();
  return apiKey && apiKey !== "disabled" ? { tmdb: { baseUrl: TMDB_BASE_URL.value(), apiKey } } : {};
}
