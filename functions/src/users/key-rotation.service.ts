/**
 * Re-encrypts every stored personal value with the active key, so that old keys can leave the
 * PII_ENCRYPTION_KEYS ring. Values were re-sealed only at interactive sign-in before, so a key could
 * never be retired: people who stay signed in (refresh tokens) or never come back kept the old one.
 */

/** One user's encrypted values, by the id of the key that sealed each. */
export interface SealedUser {
  uid: string;
  keyIds: string[];
}

/** Where encrypted personal data lives (the users repository). */
export interface EncryptedValueStore {
  /** Up to `limit` users after `afterUid`, in uid order, with the key ids of their encrypted values. */
  sealedPage(afterUid: string | undefined, limit: number): Promise<SealedUser[]>;
  /** Re-encrypts the user's values sealed with an old key, in a transaction; returns how many it re-sealed. */
  reencrypt(uid: string): Promise<number>;
}

/** Where a run has got to, so an interrupted run resumes instead of starting over. */
export interface RotationCheckpoint {
  activeKeyId: string;
  /** The last uid a run finished; null before the first page. */
  afterUid: string | null;
  scannedUsers: number;
  reencrypted: number;
  done: boolean;
  startedAt: Date;
  updatedAt: Date;
}

export interface RotationCheckpointStore {
  get(): Promise<RotationCheckpoint | undefined>;
  save(checkpoint: RotationCheckpoint): Promise<void>;
}

export interface RotationOptions {
  /** Count what would change; write nothing (not even the checkpoint). */
  dryRun: boolean;
  batchSize: number;
  /** Stop after this many pages (a run in slices); the checkpoint says where the next run resumes. */
  maxBatches?: number;
  /** Start from the first user even if a checkpoint for this key says otherwise. */
  restart?: boolean;
  onProgress?: (progress: RotationProgress) => void;
}

export interface RotationProgress {
  scannedUsers: number;
  /** Values sealed with an old key found so far (dry run), or re-sealed so far. */
  values: number;
  lastUid: string | null;
}

export interface RotationReport {
  dryRun: boolean;
  activeKeyId: string;
  /** Where this run began: null from the first user. */
  resumedAfter: string | null;
  scannedUsers: number;
  /** Values sealed with an old key, by key id (found in a dry run; re-sealed otherwise). */
  oldValuesByKey: Record<string, number>;
  /** Values re-sealed with the active key by this run (0 in a dry run). */
  reencrypted: number;
  /** True when the pass reached the last user; false when stopped by maxBatches. */
  complete: boolean;
}

/** Runs key rotation passes over every user; idempotent (values already under the active key are left alone). */
export class KeyRotationService {
  constructor(
    private readonly store: EncryptedValueStore,
    private readonly checkpoints: RotationCheckpointStore,
    private readonly activeKeyId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(options: RotationOptions): Promise<RotationReport> {
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1 || options.batchSize > 500) {
      throw new Error("batchSize must be a whole number from 1 to 500");
    }
    const previous = options.dryRun || options.restart ? undefined : await this.checkpoints.get();
    const resume = previous && previous.activeKeyId === this.activeKeyId && !previous.done ? previous : undefined;
    const startedAt = resume?.startedAt ?? this.now();
    let afterUid = resume?.afterUid ?? undefined;
    let scannedUsers = 0;
    let reencrypted = 0;
    const oldValuesByKey: Record<string, number> = {};
    let batches = 0;
    let complete = false;
    for (;;) {
      if (options.maxBatches !== undefined && batches >= options.maxBatches) break;
      const page = await this.store.sealedPage(afterUid, options.batchSize);
      batches++;
      for (const user of page) {
        const old = user.keyIds.filter((k) => k !== this.activeKeyId);
        for (const kid of old) oldValuesByKey[kid] = (oldValuesByKey[kid] ?? 0) + 1;
        if (old.length > 0 && !options.dryRun) reencrypted += await this.store.reencrypt(user.uid);
      }
      scannedUsers += page.length;
      afterUid = page.at(-1)?.uid ?? afterUid;
      complete = page.length < options.batchSize;
      if (!options.dryRun) {
        await this.checkpoints.save({
          activeKeyId: this.activeKeyId,
          afterUid: afterUid ?? null,
          scannedUsers: (resume?.scannedUsers ?? 0) + scannedUsers,
          reencrypted: (resume?.reencrypted ?? 0) + reencrypted,
          done: complete,
          startedAt,
          updatedAt: this.now(),
        });
      }
      const values = options.dryRun ? Object.values(oldValuesByKey).reduce((a, b) => a + b, 0) : reencrypted;
      options.onProgress?.({ scannedUsers, values, lastUid: afterUid ?? null });
      if (complete) break;
    }
    return {
      dryRun: options.dryRun,
      activeKeyId: this.activeKeyId,
      resumedAfter: resume?.afterUid ?? null,
      scannedUsers,
      oldValuesByKey,
      reencrypted,
      complete,
    };
  }
}
