import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
import { loadHttpConfig } from "./config/runtime";
import { FirestoreProbe } from "./health/health.repository";
import { HealthService } from "./health/health.service";
import type { AppDeps } from "./http/app";

/** The default Firebase app and Firestore, initialised once per instance. */
export function firestore(): Firestore {
  if (getApps().length === 0) initializeApp();
  return getFirestore();
}

/** The composition root: real repositories and services for the deployed functions. */
export function makeDeps(db: Firestore = firestore()): AppDeps {
  const config = loadHttpConfig();
  return {
    config,
    health: new HealthService(new FirestoreProbe(db), { version: config.version }),
  };
}
