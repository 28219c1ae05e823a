import type { AppDeps } from "../../src/api/app";
import type { CrewsService } from "../../src/crews/crews.service";
import type { NightsService } from "../../src/nights/nights.service";

/** Stand in for the movie nights and crews services in app unit tests that exercise other routes; any call fails loudly. */
export function unitNightsAppDeps(): Pick<AppDeps, "nights" | "crews"> {
  return { nights: unwired<NightsService>("nights"), crews: unwired<CrewsService>("crews") };
}

function unwired<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, prop) => () => {
      throw new Error(`${name}.${String(prop)} was called in a test that does not wire it`);
    },
  });
}
