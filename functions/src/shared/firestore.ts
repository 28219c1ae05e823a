import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

/** The default Firebase app's Firestore, initialised once per instance (the composition roots' database). */
export function firestore(): Firestore {
  // Other (named) apps may exist; only the default one counts here.
  if (!getApps().some((a) => a.name === "[DEFAULT]")) initializeApp();
  return getFirestore();
}
