import type { SignInMethod } from "../users/users.schema";

/** A device a person has signed in from, known only by the keyed hash of the id the app sent. */
export interface KnownDeviceRecord {
  hash: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Unseen this long, the device counts as new again (and TTL deletes the record). */
  expiresAt: Date;
}

/** Storage of the devices each person has signed in from (Firestore in auth.repository.ts). */
export interface KnownDeviceRepository {
  /**
   * Records a sign-in from the device. True when the person had no live record of it: atomically, so
   * of concurrent first sign-ins from one device exactly one gets true.
   */
  recordSignIn(uid: string, hash: string, now: Date, expiresAt: Date): Promise<boolean>;
  listForUser(uid: string): Promise<KnownDeviceRecord[]>;
  /** Account deletion. Idempotent. */
  deleteAllForUser(uid: string): Promise<void>;
}

/** How long a device stays known without a sign-in from it. */
export const KNOWN_DEVICE_TTL_DAYS = 365;

/** A sign-in from a device the person had not signed in from before (or not for a year). */
export interface NewDeviceSignIn {
  uid: string;
  /** What the app called the device ("Pixel 8"); null when it sent no label. */
  deviceLabel: string | null;
  method: SignInMethod;
  at: Date;
}

/**
 * The port security notices hang on: called once per new device, after the sign-in succeeded and
 * before its tokens are returned. A failure is logged and does not fail the sign-in.
 */
export interface NewDeviceSignInListener {
  onNewDeviceSignIn(event: NewDeviceSignIn): Promise<void>;
}

/** The default listener: nothing happens (the mail notice is wired in deps.ts where it exists). */
export const IGNORE_NEW_DEVICES: NewDeviceSignInListener = {
  onNewDeviceSignIn: () => Promise.resolve(),
};
