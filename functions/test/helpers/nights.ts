import type { AppDeps } from "../../src/api/app";
import type { NightsService } from "../../src/nights/nights.service";

/** Stands in for the movie nights service in app unit tests that exercise other routes; any call fails loudly. */
export function unitNightsAppDeps(): Pick<AppDeps, "nights"> {
  return {
    nights: new Proxy({} as NightsService, {
      get: (_target, prop) => () => {
        throw new Error(`nights.${String(prop)} was called in a test that does not wire it`);
      },
    }),
  };
}
