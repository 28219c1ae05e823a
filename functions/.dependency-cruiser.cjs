/**
 * The architecture of docs/ARCHITECTURE.md as a lint rule (`npm run lint` runs `depcruise`).
 * Every rule is an error: a layering rule that only warns drifts like one written only in prose.
 */
const DOMAINS = "(auth|users|movies|ratings|library|friends|feed|notifications|recommendations|nights|health|demo|recsys)";
const KERNEL = "^src/(http|shared|config)/";
const TESTS = "(\\.spec\\.ts$|^test/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import cycles, type-only imports included: a type import is a dependency too.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "kernel-imports-no-domain",
      comment: "http/, shared/ and config/ are the kernel every domain builds on; they know no domain.",
      severity: "error",
      from: { path: KERNEL },
      to: { path: `^src/${DOMAINS}/` },
    },
    {
      name: "services-know-no-framework",
      comment:
        "Services hold the rules and know repository interfaces only: no Express, no Firebase SDK " +
        "(logging goes through shared/logger). Schemas too: stored dates are Dates (storedDateSchema).",
      severity: "error",
      from: { path: "\\.(service|schema)\\.ts$" },
      to: { path: "^node_modules/(@types/)?(express|firebase-functions|firebase-admin|@google-cloud)/" },
    },
    {
      name: "only-entry-points-use-the-composition-root",
      comment:
        "deps.ts wires the API; only index.ts, tests, scripts and benchmarks may import it " +
        "(triggers get their services from trigger-deps.ts).",
      severity: "error",
      from: { pathNot: `^(src/index\\.ts$|scripts/|bench/|${TESTS})` },
      to: { path: "^src/deps\\.ts$" },
    },
    {
      name: "only-the-edge-imports-http",
      comment:
        "http/ is the HTTP edge (middleware, error format): routes and the app use it; services, " +
        "repositories and triggers do not (shared rules such as authorization live in shared/).",
      severity: "error",
      from: { path: "^src/", pathNot: `(^src/(http|api)/|\\.routes\\.ts$|^src/(index|deps)\\.ts$|${TESTS})` },
      to: { path: "^src/http/" },
    },
    {
      name: "only-triggers-use-the-trigger-container",
      comment: "trigger-deps.ts is the triggers' container; besides them only the composition roots and entry points use it.",
      severity: "error",
      from: { pathNot: `(\\.triggers\\.ts$|^src/(index|deps)\\.ts$|^scripts/|^bench/|${TESTS})` },
      to: { path: "^src/trigger-deps\\.ts$" },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves (a typo or a dependency missing from package.json).",
      severity: "error",
      from: {},
      // The native TF.js backend is an optional dependency that cannot install everywhere (recsys/backend.ts).
      to: { couldNotResolve: true, pathNot: "^@tensorflow/tfjs-node$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(lib|coverage)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["require", "node", "default", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
