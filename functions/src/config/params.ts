/**
 * Every deploy-time parameter and secret of the functions. Values come from `.env.<project>` files,
 * the deploy prompt, or Secret Manager (secrets); the emulators read `functions/.secret.local`,
 * which `npm run setup` generates. Nothing else in the code base reads process.env
 * (config/runtime.ts reads the few variables the platform itself sets).
 */
import { defineInt } from "firebase-functions/params";

/** Where every function runs; Hosting's rewrite in firebase.json names the same region. */
export const REGION = "us-central1";

export const MAX_INSTANCES = defineInt("MAX_INSTANCES", {
  default: 3,
  description: "Upper bound of instances per function (cost guard).",
});

export const MIN_INSTANCES = defineInt("MIN_INSTANCES", {
  default: 0,
  description: "Instances kept warm per function (0 scales to zero; 1 removes most cold starts).",
});

export const MAX_BODY_BYTES = defineInt("MAX_BODY_BYTES", {
  default: 64 * 1024,
  description: "Largest JSON request body the API accepts, in bytes; larger bodies get 413.",
});

/** Every secret the functions declare; setup generates a local value for each (scripts/lib/local-secrets.mjs). */
export const SECRETS = [] as const;
